/**
 * `iam-spec diff`: for every environment that both sides describe, every principal of either side
 * and every action in play, the access HEAD grants that BASE did not (new access) and the reverse
 * (removed access), each with one concrete request and the statements that allow it.
 *
 * A principal and action whose deciding inputs are the same on both sides is unchanged without any
 * search (fingerprint.ts); every other one is asked through `accessHereNotThere` (question.ts):
 * sampled, then, where sampling found nothing, proved where the prover can (prover-oracle.ts).
 */
import type { RequestContext } from "../context/request-context.js";
import type { Caller } from "../compile/caller.js";
import { buildWorld, type Evaluator, type World } from "../compile/request.js";
import { fillWildcards, SAMPLE_TEXT, sampleResources } from "../compile/resources.js";
import { arnFormatMatcher } from "../context/arn-formats.js";
import { lookupAction } from "../data/actions.js";
import { inputError, type InputError } from "../load/errors.js";
import { compileArnPattern } from "../match/arn.js";
import { expandActions } from "../compile/actions.js";
import type { Environment, Expectation, SourcePos, Spec } from "../model/types.js";
import { callerFingerprint, environmentFingerprint } from "./fingerprint.js";
import type { Side } from "./load-side.js";
import { accessHereNotThere, decideOpen, type AccessOracle, type AccessWitness, type QuestionCaller, type Sampled } from "./question.js";
import { actionUniverse, identityOf, pairPrincipals, statementsOf, type PairedPrincipal, type SideCaller } from "./universe.js";

export interface DiffOptions {
  evaluator: Evaluator;
  seed: number;
  /** Random requests per changed principal and action (after the deterministic pass). */
  runs: number;
  exhaustiveLimit?: number;
  oracle?: AccessOracle;
}

export interface Evidence {
  /** How the row's request was found: by the prover (and replayed) or by sampling. */
  method: "proved" | "sampled";
  requests: number;
  /** Solver questions asked. */
  queries?: number;
}

/** A changed principal and action where no access was found, and none was proved absent either. */
export interface SampledOnly {
  principal: string;
  action: string;
  /** "new": no new access found; "removed": no removed access found. */
  direction: "new" | "removed";
  requests: number;
  /** Why the prover did not decide it. */
  reason: string;
  environment?: string;
}

/**
 * One row of the report: the witness request of a question (its statements are those of the side
 * that allows it: HEAD for new access, BASE for removed access), with who asked and how it was found.
 */
export interface AccessRow extends Omit<AccessWitness, "caller"> {
  /** The caller of the concrete request (a role session's ARN, a user ARN, a service, ...). */
  principal: string;
  /** The principal as the environment names it (a role ARN for its sessions). */
  principalName: string;
  evidence: Evidence;
  /** Set when the principal exists on one side only. */
  onlyIn?: "BASE" | "HEAD";
  /** What a varied session chose (a session tag, a session name). */
  session?: string;
  /** New access only: the HEAD expectation that asks for it (`may`), as "file: it". */
  expectedBy?: string;
  /** The environment (its files) when the sides hold several. */
  environment?: string;
}

export interface DiffSummary {
  /** "sampled" unless every changed question was proved; "exact" when no principal and action changed at all. */
  method: "exact" | "proved" | "sampled";
  /**
   * Whether "no new access beyond the rows" (and "no removed access beyond the rows") holds for every
   * principal and action: "proved" when each pair is unchanged or was decided by the prover, "sampled"
   * when some pair was only sampled (listed in `sampledOnly`).
   */
  evidence: { newAccess: "proved" | "sampled"; removedAccess: "proved" | "sampled"; provedQuestions: number; sampledQuestions: number };
  /** Requests evaluated over all questions. */
  requests: number;
  principals: number;
  actions: number;
  /** Principal and action pairs whose deciding policies differ (searched). */
  changed: number;
  /** Pairs whose deciding policies are identical on both sides (no search needed). */
  unchanged: number;
  newAccess: number;
  unexpectedNewAccess: number;
  removedAccess: number;
}

export interface DiffResult {
  newAccess: AccessRow[];
  removedAccess: AccessRow[];
  /** Questions where sampling found nothing and the prover could not decide: no claim is made there. */
  sampledOnly: SampledOnly[];
  principals: { onlyInBase: string[]; onlyInHead: string[] };
  summary: DiffSummary;
  seed: number;
}

export type DiffOutcome = { ok: true; result: DiffResult } | { ok: false; errors: InputError[] };

const ON_ALL: Expectation["on"] = { match: [{ text: "*", pos: { file: "(diff)", line: 1, column: 1 } }], except: [] };
const CLI: SourcePos = { file: "(command line)", line: 1, column: 1 };

/** Pairs the environments of the two sides: by key, or the only one of each. */
function pairEnvironments(base: Side, head: Side): { pairs: [string, Environment, Environment][]; errors: InputError[] } {
  const errors: InputError[] = [];
  if (base.environments.size === 1 && head.environments.size === 1) {
    const [bk, b] = [...base.environments][0]!;
    const [hk, h] = [...head.environments][0]!;
    return { pairs: [[hk === bk ? hk : `${bk} -> ${hk}`, b, h]], errors };
  }
  const pairs: [string, Environment, Environment][] = [];
  for (const [k, h] of head.environments) {
    const b = base.environments.get(k);
    if (b) pairs.push([k, b, h]);
    else errors.push(inputError("reference", CLI, `cannot compare: HEAD has the environment ${k}, which BASE does not have`, `BASE has ${[...base.environments.keys()].join(", ") || "no environment"}; give one environment file on each side to compare those two`));
  }
  for (const k of base.environments.keys()) {
    if (!head.environments.has(k)) errors.push(inputError("reference", CLI, `cannot compare: BASE has the environment ${k}, which HEAD does not have`, "a removed environment has no HEAD to compare with; give one environment file on each side to compare those two"));
  }
  return { pairs, errors };
}

/** Why two environments cannot be compared, if they cannot. */
function incomparable(key: string, base: Environment, head: Environment): InputError | undefined {
  const b = [...base.accounts.keys()];
  const h = [...head.accounts.keys()];
  if (b.length === 0 && h.length === 0) {
    return inputError("reference", CLI, `cannot compare ${key}: neither side has an account, so there is no principal and no policy to compare`, "describe the accounts under accounts: (an empty diff would say nothing)");
  }
  if (b.length > 0 && h.length > 0 && !b.some((a) => head.accounts.has(a))) {
    return inputError(
      "reference",
      CLI,
      `cannot compare ${key}: BASE and HEAD share no account (BASE: ${b.join(", ")}; HEAD: ${h.join(", ")}), so they describe different estates, not two versions of one`,
      "compare two versions of the same environment (a renumbered account is a new estate)",
    );
  }
  return undefined;
}

export async function runDiff(base: Side, head: Side, options: DiffOptions): Promise<DiffOutcome> {
  const { pairs, errors } = pairEnvironments(base, head);
  for (const [key, b, h] of pairs) {
    const why = incomparable(key, b, h);
    if (why) errors.push(why);
  }
  if (errors.length > 0) return { ok: false, errors };
  const result: DiffResult = {
    newAccess: [],
    removedAccess: [],
    sampledOnly: [],
    principals: { onlyInBase: [], onlyInHead: [] },
    summary: {
      method: "sampled",
      evidence: { newAccess: "proved", removedAccess: "proved", provedQuestions: 0, sampledQuestions: 0 },
      requests: 0,
      principals: 0,
      actions: 0,
      changed: 0,
      unchanged: 0,
      newAccess: 0,
      unexpectedNewAccess: 0,
      removedAccess: 0,
    },
    seed: options.seed,
  };
  const evidence = result.summary.evidence;
  const asked: { sampled: Sampled; direction: "new" | "removed"; p: PairedPrincipal; action: string; label: string | undefined; expected: Expected }[] = [];
  for (const [key, b, h] of pairs) {
    const label = pairs.length > 1 ? key : undefined;
    const specs = [...base.specs.filter((s) => s.environment === b), ...head.specs.filter((s) => s.environment === h)];
    const expected = expectationsOf(head.specs.filter((s) => s.environment === h));
    const { baseWorld, headWorld } = worlds(b, h);
    const principals = pairPrincipals(baseWorld, headWorld);
    const actions = actionUniverse([b, h], specs);
    result.summary.principals += principals.length;
    result.summary.actions = Math.max(result.summary.actions, actions.length);
    const scope = scopeOf(baseWorld, headWorld);
    for (const p of principals) {
      if (!p.inBase) result.principals.onlyInHead.push(p.name);
      if (!p.inHead) result.principals.onlyInBase.push(p.name);
      // The first question of each shape gets the full budget; the rest of its shape (the other
      // s3 actions one changed `s3:*` statement covers, say) a small one: their answers follow the first's.
      const shapes = new Set<string>();
      for (const action of actions) {
        const sides = compareSides(p, action, baseWorld, headWorld);
        if (sides.same) {
          result.summary.unchanged++;
          continue;
        }
        result.summary.changed++;
        const first = !shapes.has(sides.shape);
        shapes.add(sides.shape);
        const budget = first
          ? { runs: options.runs, exhaustiveLimit: options.exhaustiveLimit ?? DIFF_EXHAUSTIVE_LIMIT }
          : { runs: Math.min(options.runs, SAME_SHAPE_RUNS), exhaustiveLimit: SAME_SHAPE_EXHAUSTIVE_LIMIT };
        for (const direction of ["new", "removed"] as const) {
          const [here, there, hereCallers, thereCallers] =
            direction === "new" ? [headWorld, baseWorld, p.head, p.base] : [baseWorld, headWorld, p.base, p.head];
          if (hereCallers.length === 0) continue;
          const callers = pairCallers(hereCallers, thereCallers);
          const sampled = accessHereNotThere(
            { here, there, callers, action, resourcesFor: scope.resourcesFor, inScope: scope.inScope },
            { evaluator: options.evaluator, seed: options.seed, ...budget },
          );
          asked.push({ sampled, direction, p, action, label, expected });
        }
      }
    }
  }
  // The prover decides what sampling left open, new access first (the exit code depends on it).
  const order = [...asked.filter((a) => a.direction === "new"), ...asked.filter((a) => a.direction === "removed")];
  const decided = options.oracle ? await decideOpen(order.map((a) => a.sampled), options.oracle) : order.map((a) => a.sampled.answer);
  const answers = new Map(order.map((a, i) => [a, decided[i]!]));
  for (const a of asked) {
    const { direction, p, action, label, expected } = a;
    const answer = answers.get(a)!;
    result.summary.requests += answer.requests;
    if (answer.method === "proved") evidence.provedQuestions++;
    else evidence.sampledQuestions++;
    const w = answer.witness;
    if (!w) {
      if (answer.method === "sampled") {
        evidence[direction === "new" ? "newAccess" : "removedAccess"] = "sampled";
        result.sampledOnly.push({
          principal: p.name,
          action,
          direction,
          requests: answer.requests,
          reason: answer.reason ?? "the prover was not asked",
          ...(label ? { environment: label } : {}),
        });
      }
      continue;
    }
    const row: AccessRow = {
      principal: w.caller.here.principal,
      principalName: p.name,
      action: w.action,
      resource: w.resource,
      context: w.context,
      statements: w.statements,
      reason: w.reason,
      ...(w.undetermined ? { undetermined: w.undetermined } : {}),
      evidence: { method: answer.method, requests: answer.requests, ...(answer.queries !== undefined ? { queries: answer.queries } : {}) },
      ...(direction === "new" && !p.inBase ? { onlyIn: "HEAD" as const } : {}),
      ...(direction === "removed" && !p.inHead ? { onlyIn: "BASE" as const } : {}),
      ...(w.caller.chose ? { session: w.caller.chose } : {}),
      ...(label ? { environment: label } : {}),
    };
    if (direction === "new") {
      const by = expected(p.key, w.action, w.resource, w.context);
      if (by) row.expectedBy = by;
      result.newAccess.push(row);
    } else result.removedAccess.push(row);
  }
  // Nothing changed: the answer is certain without a single request (as an `exact` expectation is).
  result.summary.method = result.summary.changed === 0 ? "exact" : evidence.sampledQuestions === 0 ? "proved" : "sampled";
  result.summary.newAccess = result.newAccess.length;
  result.summary.unexpectedNewAccess = result.newAccess.filter((r) => r.expectedBy === undefined).length;
  result.summary.removedAccess = result.removedAccess.length;
  return { ok: true, result };
}

/** Deterministic candidates per question at most: a diff asks many questions, most of them small. */
export const DIFF_EXHAUSTIVE_LIMIT = 300;
/** The budget of a question whose shape was already asked. */
const SAME_SHAPE_RUNS = 10;
const SAME_SHAPE_EXHAUSTIVE_LIMIT = 40;

/** Exit code: 1 when there is new access no expectation of HEAD asks for (or, with `requireProof`, when "no new access" is only sampled somewhere). */
export function diffExitCode(result: DiffResult, requireProof = false): 0 | 1 {
  if (requireProof && result.summary.evidence.newAccess !== "proved") return 1;
  return result.summary.unexpectedNewAccess > 0 ? 1 : 0;
}

/** Both worlds sample resources from the ARNs of both sides: a bucket only BASE lists is still a bucket to ask HEAD about. */
function worlds(b: Environment, h: Environment): { baseWorld: World; headWorld: World } {
  const bw = buildWorld(b);
  const hw = buildWorld(h);
  const envArns = [...new Set([...hw.envArns, ...bw.envArns])];
  return { baseWorld: { ...bw, envArns }, headWorld: { ...hw, envArns } };
}

/** Resources a diff is about: those of the environments, and `*` for a caller of one of their accounts. */
function scopeOf(base: World, head: World) {
  const inside = (account: string | undefined) => account !== undefined && (base.env.accounts.has(account) || head.env.accounts.has(account));
  const firstAccount = head.env.accounts.keys().next().value ?? base.env.accounts.keys().next().value ?? "111122223333";
  const cache = new Map<string, string[]>();
  const governed = governedResources([base.env, head.env]);
  const inScope = (arn: string, caller: Caller): boolean => {
    if (arn === "*") return inside(caller.accountId);
    const account = arn.split(":")[4];
    return account === undefined || account === "" || account === "aws" || inside(account);
  };
  const resourcesFor = (action: string, caller: Caller): string[] => {
    const account = inside(caller.accountId) ? caller.accountId! : firstAccount;
    const key = `${action}\n${account}\n${caller.accountId ?? ""}`;
    let r = cache.get(key);
    if (!r) {
      const takes = arnFormatMatcher(action);
      // Resource policies are attached to resources the caller's own policies may never name: the
      // resources they govern (a bucket's objects) are asked about too.
      r = [...new Set([...sampleResources(ON_ALL, action, head.envArns, { account }), ...governed])];
      if (takes !== undefined) r = r.filter((x) => x === "*" || takes(x));
      r = r.filter((x) => inScope(x, caller));
      cache.set(key, r);
    }
    return r;
  };
  return { inScope, resourcesFor };
}

/**
 * Resources that resource policies govern, instantiated: a bucket's objects, and each Resource
 * pattern of the policy (`arn:aws:s3:::logs/AWSLogs/111122223333/*`) filled with sample text.
 */
function governedResources(envs: readonly Environment[]): string[] {
  const out = new Set<string>();
  for (const env of envs)
    for (const a of env.accounts.values())
      for (const r of a.resources.values()) {
        if (/^arn:[^:]+:s3:::[^/]+$/.test(r.arn)) out.add(`${r.arn}/${SAMPLE_TEXT}`);
        for (const st of statementsOf(r.policy?.document)) {
          for (const pattern of [st["Resource"]].flat()) {
            if (typeof pattern === "string" && pattern !== "*" && !pattern.includes("${")) out.add(fillWildcards(pattern));
          }
        }
      }
  return [...out].slice(0, MAX_GOVERNED);
}

/** Governed resources sampled at most (keeps a large estate's diff bounded). */
const MAX_GOVERNED = 64;

/**
 * Whether no request of this principal and action can be decided differently (the same deciding
 * inputs on both sides), and the shape of the question: actions of one service that take the same
 * resource types and that the same statements cover on both sides ask nearly the same question.
 */
function compareSides(p: PairedPrincipal, action: string, base: World, head: World): { same: boolean; shape: string } {
  const fb = p.base.map((c) => `${c.key}\n${callerFingerprint(c.caller, action)}`);
  const fh = p.head.map((c) => `${c.key}\n${callerFingerprint(c.caller, action)}`);
  const eb = environmentFingerprint(base, action);
  const eh = environmentFingerprint(head, action);
  const same = p.inBase && p.inHead && eb === eh && fb.length === fh.length && fb.every((f) => fh.includes(f));
  const formats = (lookupAction(action)?.resourceTypes ?? []).flatMap((t) => t.arnFormats).join(" ");
  return { same, shape: [p.key, action.split(":")[0]!.toLowerCase(), formats, ...fb, "|", ...fh, eb, eh].join("\n") };
}

function pairCallers(here: readonly SideCaller[], there: readonly SideCaller[]): QuestionCaller[] {
  const byKey = new Map(there.map((c) => [c.key, c.caller]));
  return here.map((c) => {
    const other = byKey.get(c.key);
    return { here: c.caller, ...(other ? { there: other } : {}), ...(c.chose ? { chose: c.chose } : {}) };
  });
}

/**
 * The new access HEAD's expectations ask for: a `may` of the same principal that names the action,
 * covers the resource and describes the request (its context agrees with every key `when` pins: a
 * `may` of the prod cluster with aws:SourceAccount 111122223333 does not expect a request without
 * it); a `mayBecome` of the principal expects the steps of becoming another principal (contract
 * section 2a).
 */
type Expected = (principalKey: string, action: string, resource: string, context: RequestContext) => string | undefined;

/** A context value as a sorted list of texts; absent (undefined, null, []) as the empty list. */
function valueTexts(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String).sort();
}

function expectationsOf(specs: readonly Spec[]): Expected {
  const wanted: { key: string; actions: Set<string>; covers: (arn: string) => boolean; agrees: (ctx: RequestContext) => boolean; label: string }[] = [];
  for (const s of specs) {
    for (const e of s.expectations) {
      if (e.as.kind === "set") continue;
      const effect = e.effect as string;
      const key = identityOf(e.as, s.environment);
      const label = `${s.file}:${e.pos.line}: ${e.it}`;
      if (effect === "may") {
        const match = e.on.match.map((w) => compileArnPattern(w.text));
        const except = e.on.except.map((w) => compileArnPattern(w.text));
        const pinned = e.when.map((w) => ({ key: w.key.toLowerCase(), texts: JSON.stringify(valueTexts(w.value)) }));
        wanted.push({
          key,
          actions: new Set(expandActions(e.actions).actions.map((a) => a.toLowerCase())),
          covers: (arn) => match.some((m) => m(arn)) && !except.some((m) => m(arn)),
          agrees: (ctx) => {
            const lower = new Map(Object.entries(ctx).map(([k, v]) => [k.toLowerCase(), v]));
            return pinned.every((w) => JSON.stringify(valueTexts(lower.get(w.key))) === w.texts);
          },
          label,
        });
      } else if (effect === "mayBecome") {
        wanted.push({ key, actions: ESCALATION_STEPS, covers: () => true, agrees: () => true, label });
      }
    }
  }
  return (principalKey, action, resource, context) => wanted.find((w) => w.key === principalKey && w.actions.has(action.toLowerCase()) && w.covers(resource) && w.agrees(context))?.label;
}

/** The requests contract section 2a counts as steps toward another principal. */
const ESCALATION_STEPS = new Set(
  [
    "sts:AssumeRole",
    "sts:AssumeRoleWithWebIdentity",
    "sts:AssumeRoleWithSAML",
    "iam:PassRole",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:AttachUserPolicy",
    "iam:AttachRolePolicy",
    "iam:AttachGroupPolicy",
    "iam:PutUserPolicy",
    "iam:PutRolePolicy",
    "iam:PutGroupPolicy",
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:AddUserToGroup",
    "iam:UpdateAssumeRolePolicy",
    "iam:DeleteUserPermissionsBoundary",
    "iam:DeleteRolePermissionsBoundary",
  ].map((a) => a.toLowerCase()),
);
