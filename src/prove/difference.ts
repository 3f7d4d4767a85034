/**
 * The prover on a difference: is there a request that one world ("here", HEAD for new access)
 * allows and the other ("there") does not? For each caller and class of resources, the decision of
 * both worlds (src/prove/decide.ts, through prove.ts's encoding) is built over one free request: the
 * same free context keys and the same solver resource, so `allowed(here) ∧ ¬allowed(there)` is one
 * formula. UNSAT for every caller, class and endpoint: no request of the space is decided differently
 * (proved). SAT: the model becomes a concrete request, replayed through the evaluator on both sides;
 * only a replayed "allowed here, not there" is a witness. Anything not encoded answers "unknown"
 * with its reason, and the question stays sampled.
 */
import type { Caller } from "../compile/caller.js";
import { buildInput, type Evaluator, type World } from "../compile/request.js";
import type { Candidate, RequestSpace } from "../compile/sources.js";
import type { Expectation } from "../model/types.js";
import { logic, type F, type Logic } from "./formula.js";
import { Unsupported } from "./keys.js";
import { solve } from "./lazy.js";
import { sourceIdentityIsFree, taggingIsFree } from "../compile/session-names.js";
import { encode, type ProofQuestion, type ProofResult, type Question } from "./prove.js";
import { resourceClasses } from "./resources.js";
import type { SolverSession } from "./solver.js";

export interface DifferenceQuestion {
  here: World;
  there: World;
  /** Each caller here, with the same caller there (absent: it does not exist there). */
  callers: readonly { here: Caller; there?: Caller }[];
  action: string;
  /** The question as a `mayNot` of everyone on everything: its session and `on` (`*`). */
  exp: Expectation;
  /** Resources and scope of the question (the sampler's); `when` is empty. */
  space: RequestSpace;
  evaluator: Evaluator;
  /** The replay: whether a request is allowed here and not there (the diff's own predicate). */
  differs(candidate: Candidate): boolean;
}

/** "refuted": a request is allowed here and not there (the candidate, replayed); "proved": none is. */
export type DifferenceResult = ProofResult;

export interface DifferenceLimits {
  /** Per solver question (z3's timeout), milliseconds. */
  queryTimeoutMs: number;
  /** The clock's reading past which the remaining questions are given up (unknown). */
  deadline: number;
  /** The clock `deadline` is read on, milliseconds (default `Date.now`). */
  now?: () => number;
}

/**
 * What the questions of one diff share: the session's formula builder (it remembers the languages z3
 * has decided) and the formulas already found unsatisfiable. Questions of one principal about actions
 * that the same statements cover are often the same formula, to the letter: one answer serves them all.
 */
export interface DifferenceMemo {
  L: Logic;
  unsat: Set<string>;
}

export function differenceMemo(session: SolverSession): DifferenceMemo {
  return { L: logic(session.z), unsat: new Set() };
}

/** One solver formula of a question: a caller, a class of resources, an endpoint. */
interface Formula {
  qi: number;
  question: Question;
  /** The formula with its names made uniform: equal texts are equal formulas. */
  text: string;
  describe: string;
}

/** Formulas put to the solver as one disjunction at most (an UNSAT answer proves them all). */
const CHUNK = 48;
/** Rounds of the lazy loop for a chunk before it is split. */
const CHUNK_ROUNDS = 4;
/** A chunk this small that is not UNSAT at once is asked formula by formula. */
const SMALL_CHUNK = 12;
/** z3's timeout for a chunk's questions, milliseconds: a hard chunk is split rather than waited for. */
const CHUNK_TIMEOUT_MS = 250;

/**
 * Decides several questions together: their formulas, deduplicated, go to the solver as disjunctions
 * (one UNSAT answer proves a whole chunk; a SAT one is split in halves until the satisfiable formulas
 * stand alone, and each of those is asked as in proveMayNot, its model replayed).
 */
export async function proveDifferences(session: SolverSession, qs: readonly DifferenceQuestion[], limits: DifferenceLimits, memo: DifferenceMemo = differenceMemo(session)): Promise<DifferenceResult[]> {
  const L = memo.L;
  const queries = qs.map(() => 0);
  const settled = new Map<number, DifferenceResult>();
  const unknown = (qi: number, reason: string) => {
    if (!settled.has(qi)) settled.set(qi, { status: "unknown", reason, queries: queries[qi]! });
  };
  const formulas: Formula[] = [];
  qs.forEach((q, qi) => {
    const found = formulasOf(L, q, qi);
    if (typeof found === "string") unknown(qi, found);
    else formulas.push(...found);
  });
  // Equal formulas once; those already proved unsatisfiable not at all.
  const byText = new Map<string, Formula[]>();
  for (const f of formulas) {
    if (settled.has(f.qi) || memo.unsat.has(f.text)) continue;
    const same = byText.get(f.text);
    if (same) same.push(f);
    else byText.set(f.text, [f]);
  }
  const groups = [...byText.values()];
  const now = limits.now ?? Date.now;
  const late = () => now() > limits.deadline;
  const count = (fs: readonly Formula[]) => {
    for (const qi of new Set(fs.map((f) => f.qi))) queries[qi]!++;
  };

  /** One formula alone: UNSAT, a replayed witness, or unknown (a few tries, as in proveMayNot). */
  const single = async (f: Formula): Promise<void> => {
    if (settled.has(f.qi) || memo.unsat.has(f.text)) return;
    const q = qs[f.qi]!;
    const blocks: F[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      if (late()) return unknown(f.qi, BUDGET_SPENT);
      queries[f.qi]!++;
      const answer = await solve(L, session, [...f.question.constraints, ...blocks], limits.queryTimeoutMs);
      if (answer.result === "unsat") {
        if (attempt === 0) memo.unsat.add(f.text);
        // Models that realism turned into requests that are not different are no proof that no
        // realistic request is (the encoding may lack the rule realism applied).
        else unknown(f.qi, `the solver's requests for ${q.action} on ${f.describe} are not ones AWS sends (realism changes them)`);
        return;
      }
      if (answer.result === "unknown") return unknown(f.qi, `the solver could not decide ${q.action} on ${f.describe} (${answer.reason})`);
      const tried = f.question.candidates(answer.model);
      const found = tried.find((c) => q.differs(c));
      if (found) {
        settled.set(f.qi, { status: "refuted", candidate: found, queries: queries[f.qi]! });
        return;
      }
      blocks.push(f.question.block(answer.model));
    }
    unknown(f.qi, `the solver's requests for ${q.action} on ${f.describe} are not ones AWS sends (realism changes them)`);
  };

  /** Several groups of equal formulas: one disjunction of their representatives, split when satisfiable. */
  const together = async (chunk: readonly Formula[][]): Promise<void> => {
    const open = chunk.filter((g) => g.some((f) => !settled.has(f.qi)));
    if (open.length === 0) return;
    if (late()) {
      for (const g of open) for (const f of g) unknown(f.qi, BUDGET_SPENT);
      return;
    }
    if (open.length === 1) {
      for (const f of open[0]!) await single(f);
      return;
    }
    const members = open.flat();
    count(members);
    const formula = L.or(...open.map((g) => L.and(...g[0]!.question.constraints)));
    const proved = () => {
      for (const g of open) memo.unsat.add(g[0]!.text);
    };
    // First the propositional abstraction alone (each string membership a free Boolean): one solver
    // question, and UNSAT there is UNSAT of every formula (the abstraction allows more).
    const abstract = await session.check([L.abstract(formula).term], Math.min(limits.queryTimeoutMs, CHUNK_TIMEOUT_MS));
    if (abstract.result === "unsat") return proved();
    // Then, for a large chunk, a few rounds of the lazy loop (src/prove/lazy.ts); a satisfiable chunk
    // is split, since its rounds would decide the languages of every formula in it.
    if (open.length > SMALL_CHUNK) {
      const answer = await solve(L, session, [formula], Math.min(limits.queryTimeoutMs, CHUNK_TIMEOUT_MS), CHUNK_ROUNDS);
      if (answer.result === "unsat") return proved();
    }
    // Halves of a large chunk; a small one's formulas alone (splitting a satisfiable chunk again and
    // again costs more than asking its few formulas).
    if (open.length <= SMALL_CHUNK) {
      for (const g of open) for (const f of g) await single(f);
      return;
    }
    const half = Math.ceil(open.length / 2);
    await together(open.slice(0, half));
    await together(open.slice(half));
  };

  for (let i = 0; i < groups.length; i += CHUNK) await together(groups.slice(i, i + CHUNK));
  return qs.map((_, qi) => settled.get(qi) ?? { status: "proved", queries: queries[qi]! });
}

export const BUDGET_SPENT = "the diff's proof budget was spent (--proof-budget raises it)";

/** The formulas of a question, or why it cannot be proved. */
function formulasOf(L: Logic, q: DifferenceQuestion, qi: number): Formula[] | string {
  const proof: ProofQuestion = { world: q.here, exp: q.exp, space: q.space, evaluator: q.evaluator };
  const out: Formula[] = [];
  let n = 0;
  try {
    for (const { here, there } of q.callers) {
      // What the caller of sts:AssumeRole chooses (a session name, session tags) on either side.
      const choices = [sessionLimit(here), there ? sessionLimit(there) : undefined].filter((c) => c !== undefined);
      for (const cls of resourceClasses(q.here, q.exp, q.space, here, q.action, [q.there])) {
        const through = throughAccessPoint(q, here, there, cls.representative);
        if (through) return through;
        for (const vpce of endpoints(q)) {
          // Names of their own for each formula (they may share a disjunction); made uniform in `text`.
          const id = `q${qi}f${n++}`;
          // The session's own choices are not varied here (sessionLimit says where that matters).
          for (const question of encode(L, proof, here, q.action, cls, vpce, id, { tags: false }, undefined, { world: q.there, ...(there ? { caller: there } : {}) })) {
            for (const choice of choices) if ([...question.keysRead].some((k) => choice.keys.test(k))) return choice.reason;
            out.push({ qi, question, text: canonical(L.and(...question.constraints)).split(`${id}_`).join("f_"), describe: cls.describe });
          }
        }
      }
    }
  } catch (err) {
    if (err instanceof Unsupported) return err.message;
    if (process.env.IAM_SPEC_PROVER_DEBUG) console.error(err);
    return `the prover failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  return out;
}

/** A formula as text: solver terms as z3 prints them, memberships as the string's name and the language. */
function canonical(x: F): string {
  if (typeof x === "boolean") return String(x);
  switch (x.t) {
    case "and":
    case "or":
      return `(${x.t} ${x.xs.map(canonical).join(" ")})`;
    case "not":
      return `(not ${canonical(x.x)})`;
    case "in":
      return `(in ${x.v.toString()} ${JSON.stringify(x.r)})`;
    case "z":
      return x.b.toString();
  }
}

/**
 * What the caller of sts:AssumeRole chooses for the session and the diff's encoding does not vary
 * (STS/latest/APIReference/API_AssumeRole.html, IAM/latest/UserGuide/id_session-tags.html): the session
 * name (aws:userid is ROLEID:NAME; sts:RoleSessionName) and, where the trust policy lets them be passed,
 * session tags (aws:PrincipalTag/*). The sampler varies the ones the policies single out; a proof that
 * reads them is not claimed.
 */
function sessionLimit(caller: Caller): { keys: RegExp; reason: string } | undefined {
  const role = caller.role;
  if (!role || !caller.principal.includes(":assumed-role/")) return undefined;
  // The source identity too, where the trust policy lets it be set (id_credentials_temp_control-access_monitor.html).
  const source = sourceIdentityIsFree(role.trust?.document, true);
  const tags = taggingIsFree(role.trust?.document, true);
  const keys = ["aws:userid", "sts:rolesessionname", ...(tags ? ["aws:principaltag\\/.*"] : []), ...(source ? ["aws:sourceidentity"] : [])];
  const chosen = ["the session name", ...(tags ? ["session tags"] : []), ...(source ? ["the source identity"] : [])];
  const what = chosen.length === 1 ? `${chosen[0]} is` : `${chosen.slice(0, -1).join(", ")} and ${chosen.at(-1)} are`;
  return { keys: new RegExp(`^(${keys.join("|")})$`), reason: `${what} the caller's choice, which the diff's prover does not vary` };
}

/** Requests through each VPC endpoint either side declares (its policy applies), and through none. */
function endpoints(q: DifferenceQuestion): (string | undefined)[] {
  return [...new Set([...q.here.vpcEndpoints.keys(), ...q.there.vpcEndpoints.keys()]), undefined];
}

/**
 * A request through an S3 access point is decided by the access point's policy and the bucket's
 * (AmazonS3/latest/userguide/access-points-policies.html); the encoding has the access point's side
 * only, which is enough to refute a `mayNot` but not to prove that the other side refuses.
 */
function throughAccessPoint(q: DifferenceQuestion, here: Caller, there: Caller | undefined, resource: string): string | undefined {
  const via = (w: World, c: Caller) => buildInput(w, c, q.action, resource, {}).accessPoint !== undefined;
  // A class of unnamed ARNs may hold the objects of a named access point.
  const named = (w: World) => w.envArns.some((a) => a.includes(":accesspoint/"));
  if (via(q.here, here) || (there !== undefined && via(q.there, there)) || (resource.includes(":accesspoint/") && (named(q.here) || named(q.there)))) {
    return `requests through an S3 access point are decided by two resource policies, which the prover does not encode together`;
  }
  return undefined;
}
