/**
 * The one question a diff asks, for one principal and one action: is there a request that one side
 * ("here") allows and the other ("there") does not? New access is allowed(HEAD) and not
 * allowed(BASE); removed access is the same question with the sides swapped.
 *
 * Every diff answer comes from `accessHereNotThere`. The question is first sampled with the fuzzer's
 * request source (literals of both sides' policies first, then fast-check random search); when that
 * finds no witness, a prover plugged in as an `AccessOracle` decides the whole request space: "none"
 * (proved), a witness (replayed through the evaluator on both sides), or unknown with its reason, and
 * the answer stays "sampled" with that reason.
 */
import type { Caller } from "../compile/caller.js";
import { buildInput, policiesInPlay, type Evaluator, type World } from "../compile/request.js";
import type { Budget, Candidate, RequestContext, RequestSpace, WhenConstraints } from "../compile/sources.js";
import { fuzzSource } from "../fuzz/index.js";
import type { LoadedPolicy } from "../model/types.js";
import type { StatementRef } from "../types.js";
import { compilePolicy } from "../evaluator/evaluate.js";
import { statementsOf } from "./universe.js";
import type { DifferenceResult } from "../prove/difference.js";

export interface QuestionCaller {
  /** The caller on the side whose access is searched. */
  here: Caller;
  /** The same caller on the other side; absent when it cannot exist there (a new user, a session only HEAD lets anyone tag). */
  there?: Caller;
  /** What a varied session chose, for the report. */
  chose?: string;
}

export interface AccessQuestion {
  here: World;
  there: World;
  /** The callers of one principal (its default session and session variants). */
  callers: readonly QuestionCaller[];
  action: string;
  /** Concrete resources to start from, per caller. */
  resourcesFor(action: string, caller: Caller): readonly string[];
  /** Whether a resource is one the diff is about (the environments' resources, the caller's own account). */
  inScope(resource: string, caller: Caller): boolean;
}

export interface AccessWitness {
  caller: QuestionCaller;
  action: string;
  resource: string;
  context: RequestContext;
  /** The Allow statements of the "here" side that allow the request. */
  statements: StatementRef[];
  /** The evaluator's one sentence on why "here" allows it (the root user needs no statement, say). */
  reason: string;
  /** Open points of the AWS documentation under which another reading decides either side differently. */
  undetermined?: string[];
}

export interface AccessAnswer {
  /**
   * "proved": a solver decided the whole request space (no request is allowed here and not there, or
   * it found the witness); "sampled": only the requests tried were looked at.
   */
  method: "proved" | "sampled";
  /** Requests evaluated (sampling, and the prover's replays). */
  requests: number;
  /** Solver questions asked, when the prover was asked. */
  queries?: number;
  /** Why a question the prover was asked stays sampled. */
  reason?: string;
  /** A request allowed here and not there; absent when none was found (sampled) or none exists (proved). */
  witness?: AccessWitness;
}

/** What an oracle decides of a question that sampling found no witness for (the prover's answer). */
export type OracleAnswer = DifferenceResult;

/** A question sampling found no witness for, as an oracle receives it. */
export interface OpenQuestion {
  question: AccessQuestion;
  /** The sampler's request space (resources, scope). */
  space: RequestSpace;
  /** The replay: allowed here and not there through the evaluator. */
  differs(c: Candidate): boolean;
}

/** A decision procedure for the open questions of a diff (the prover), one answer each, in order. */
export type AccessOracle = (open: readonly OpenQuestion[]) => Promise<OracleAnswer[]>;

/** A sampled answer, and the question as an oracle would take it when sampling found nothing. */
export interface Sampled {
  answer: AccessAnswer;
  open?: OpenQuestion & { witness(c: Candidate): AccessWitness; replays(): number };
}

export interface AskOptions {
  evaluator: Evaluator;
  seed: number;
  /** Random requests after the deterministic pass. */
  runs: number;
  /** Candidates of the deterministic pass at most. */
  exhaustiveLimit: number;
}

const NO_WHEN: WhenConstraints = { pinned: new Map(), excluded: new Map() };

/** Whether a request is allowed here and not there: the only predicate a diff evaluates. */
function differs(q: AccessQuestion, there: ReadonlyMap<Caller, Caller | undefined>, evaluator: Evaluator, c: Candidate): boolean {
  if (evaluator.evaluate(buildInput(q.here, c.caller, c.action, c.resource, c.context)).decision !== "Allow") return false;
  const other = there.get(c.caller);
  if (other === undefined) return true;
  return evaluator.evaluate(buildInput(q.there, other, c.action, c.resource, c.context)).decision !== "Allow";
}

/** Sampling's answer to the question; `open` when it found no witness (an oracle may decide it then). */
export function accessHereNotThere(q: AccessQuestion, options: AskOptions): Sampled {
  const there = new Map<Caller, Caller | undefined>(q.callers.map((c) => [c.here, c.there]));
  const byHere = new Map<Caller, QuestionCaller>(q.callers.map((c) => [c.here, c]));
  let requests = 0;
  // The declared VPC endpoints: a change to an endpoint policy shows only on requests through it.
  const endpointIds = [...new Set([...q.here.vpcEndpoints.keys(), ...q.there.vpcEndpoints.keys()])].sort();
  const space: RequestSpace = {
    callers: q.callers.map((c) => c.here),
    actions: [q.action],
    resourcesFor: q.resourcesFor,
    inScope: q.inScope,
    // Literals of both sides: the boundary between what one allows and the other does not is there.
    policiesFor: (caller, action, resource) => {
      const out: LoadedPolicy[] = policiesInPlay(q.here, caller, action, resource);
      const other = there.get(caller);
      if (other) out.push(...policiesInPlay(q.there, other, action, resource));
      out.push(...searchHints(out, endpointIds));
      return out;
    },
    when: NO_WHEN,
    isAllowed: (c) => {
      requests++;
      return differs(q, there, options.evaluator, c);
    },
  };
  const budget: Budget = { seed: options.seed, runs: options.runs };
  const source = fuzzSource({ exhaustiveLimit: options.exhaustiveLimit });
  const replay = (c: Candidate) => differs(q, there, options.evaluator, c);
  for (const c of source.candidates(space, budget)) {
    // The source yields only candidates isAllowed accepted (shrunk); checked again, as the checker does.
    if (replay(c)) return { answer: { method: "sampled", requests, witness: witnessOf(q, there, byHere, options.evaluator, c) } };
  }
  const sampled = requests;
  return {
    answer: { method: "sampled", requests },
    open: {
      question: q,
      space,
      differs: (c) => {
        requests++;
        return replay(c);
      },
      witness: (c) => witnessOf(q, there, byHere, options.evaluator, c),
      replays: () => requests - sampled,
    },
  };
}

/** The sampled answers, with what the oracle decided of the open ones. */
export async function decideOpen(sampled: readonly Sampled[], oracle: AccessOracle): Promise<AccessAnswer[]> {
  const open = sampled.filter((s) => s.open !== undefined);
  const decided = open.length > 0 ? await oracle(open.map((s) => s.open!)) : [];
  const byOpen = new Map(open.map((s, i) => [s, decided[i]!]));
  return sampled.map((s) => {
    const d = byOpen.get(s);
    if (!d || !s.open) return s.answer;
    const requests = s.answer.requests + s.open.replays();
    if (d.status === "proved") return { method: "proved", requests, queries: d.queries };
    if (d.status === "refuted") return { method: "proved", requests, queries: d.queries, witness: s.open.witness(d.candidate) };
    return { method: "sampled", requests, queries: d.queries, reason: d.reason };
  });
}

/** The witness of a request allowed here and not there: the statements and reason of "here"'s decision. */
function witnessOf(q: AccessQuestion, there: ReadonlyMap<Caller, Caller | undefined>, byHere: ReadonlyMap<Caller, QuestionCaller>, evaluator: Evaluator, c: Candidate): AccessWitness {
  const input = buildInput(q.here, c.caller, c.action, c.resource, c.context);
  // Where the AWS documentation leaves a point open and another reading would decide either side
  // differently, the row names the point (contract section 2: both readings are evaluated).
  const other = there.get(c.caller);
  const undetermined = [
    ...(evaluator.evaluate(input).undetermined ?? []),
    ...(other ? (evaluator.evaluate(buildInput(q.there, other, c.action, c.resource, c.context)).undetermined ?? []) : []),
  ];
  const explained = evaluator.explain(input);
  // Statements written in the environment's files first: they are what a reviewer changes (the
  // defaults, such as RCPFullAWSAccess, follow).
  const allows = explained.deciding.filter((s) => s.effect === "Allow");
  const statements = [...allows.filter((s) => s.file !== undefined), ...allows.filter((s) => s.file === undefined)];
  return {
    caller: byHere.get(c.caller)!,
    action: c.action,
    resource: c.resource,
    context: { ...c.context },
    statements,
    reason: explained.reason,
    ...(undetermined.length > 0 ? { undetermined: [...new Set(undetermined)].sort() } : {}),
  };
}

/**
 * Documents that are never evaluated, only mined by the search for what to vary, where the policies'
 * own literals do not lead there:
 * - a request through a VPC endpoint carries no aws:SourceIp
 *   (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip), which is
 *   exactly where an `IpAddressIfExists` guard lets requests through;
 * - tag keys are case-sensitive in `StringEquals` on aws:TagKeys
 *   (IAM/latest/UserGuide/access_tags.html#access_tags_control-requests), so a tag key the policies
 *   name is also sent capitalised and upper-cased.
 */
function searchHints(policies: readonly LoadedPolicy[], endpointIds: readonly string[]): LoadedPolicy[] {
  const conditions: Record<string, string | string[]>[] = [];
  // A request through a declared endpoint meets its policy (AmazonVPC/latest/PrivateLink/vpc-endpoints-access.html).
  if (endpointIds.length > 0) conditions.push({ "aws:SourceVpce": [...endpointIds] });
  let sourceIp = false;
  const tagKeys = new Set<string>();
  for (const p of policies) {
    const mined = literalsOf(p.document);
    sourceIp ||= mined.sourceIp;
    for (const k of mined.tagKeys) tagKeys.add(k);
  }
  if (sourceIp) conditions.push({ "aws:SourceVpce": "vpce-0iamspecsample" });
  for (const k of tagKeys) {
    const variants = new Set([k.charAt(0).toUpperCase() + k.slice(1), k.toUpperCase(), k.toLowerCase()]);
    for (const v of variants) if (v !== k) conditions.push({ [`aws:RequestTag/${v}`]: "true" });
  }
  if (conditions.length === 0) return [];
  const key = JSON.stringify(conditions);
  let hint = hintCache.get(key);
  if (!hint) {
    const document = {
      Version: "2012-10-17",
      Statement: conditions.map((c) => ({ Effect: "Deny", Action: "*", Resource: "*", Condition: { StringEquals: c } })),
    };
    hint = { handle: compilePolicy(document, "identity", { name: "search hints" }), name: "search hints", type: "identity", origin: "inline", document };
    hintCache.set(key, hint);
  }
  return [hint];
}

const hintCache = new Map<string, LoadedPolicy>();
const literalCache = new WeakMap<object, { sourceIp: boolean; tagKeys: string[] }>();

function literalsOf(doc: unknown): { sourceIp: boolean; tagKeys: string[] } {
  if (typeof doc !== "object" || doc === null) return { sourceIp: false, tagKeys: [] };
  let found = literalCache.get(doc);
  if (!found) {
    const text = JSON.stringify(doc).toLowerCase();
    const tagKeys: string[] = [];
    for (const st of statementsOf(doc)) {
      const condition = st["Condition"];
      if (typeof condition !== "object" || condition === null) continue;
      for (const block of Object.values(condition as Record<string, unknown>)) {
        if (typeof block !== "object" || block === null) continue;
        for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
          if (k.toLowerCase() !== "aws:tagkeys") continue;
          for (const x of [v].flat()) if (typeof x === "string" && !/[*?$]/.test(x)) tagKeys.push(x);
        }
      }
    }
    found = { sourceIp: text.includes('"aws:sourceip"'), tagKeys };
    literalCache.set(doc, found);
  }
  return found;
}
