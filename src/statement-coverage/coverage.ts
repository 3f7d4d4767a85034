/**
 * Statement coverage (`iam-spec test --coverage`): for each policy statement of the environments a run
 * uses (inline, managed, trust, resource, SCP, RCP, permissions boundary, VPC endpoint, session), which
 * expectations reached it. A statement is reached when it matched a request the expectation evaluated
 * (its action, resource, principal and condition all matched), whatever the final decision.
 *
 * The defaults AWS attaches (FullAWSAccess, RCPFullAWSAccess) are left out: nobody wrote them, and
 * every request of a member account reaches them. A customer managed policy that nothing attaches is
 * left out too: no request can reach it.
 */
import { isCompiledPolicy, type CompiledStatement } from "../evaluator/compiled-policy.js";
import type { Evaluator } from "../compile/request.js";
import { environmentPolicies } from "../compile/session-names.js";
import type { Environment, LoadedPolicy, Spec } from "../model/types.js";
import type { EvaluateInput, EvaluateResult, StatementRef } from "../types.js";

export interface CoveredStatement {
  policy: string;
  policyType: StatementRef["policyType"];
  statementIndex: number;
  effect: "Allow" | "Deny";
  sid?: string;
  file?: string;
  line?: number;
  column?: number;
  /** The expectations that reached it, as "spec file:line: it". */
  reachedBy: string[];
}

export interface CoverageCount {
  total: number;
  reached: number;
  /** reached / total in percent (one decimal); null when there is nothing to count. */
  percent: number | null;
}

export interface CoverageReport {
  /** Allow statements: what `--min-coverage` measures. */
  allow: CoverageCount;
  /** Every statement, Deny included. */
  all: CoverageCount;
  /** `--min-coverage`, when given, and whether it was met. */
  minimum?: number;
  met?: boolean;
  statements: CoveredStatement[];
}

/** Matched statements are identified by policy and position (SCP/RCP matches carry a level; that is not part of the identity). */
function keyOf(s: StatementRef): string {
  return `${s.policyType}\0${s.policy}\0${s.file ?? ""}\0${s.statementIndex}`;
}

/** The statements a compiled policy holds, each once, in document order. */
function statementsOfPolicy(p: LoadedPolicy): StatementRef[] {
  const h = p.handle;
  if (!isCompiledPolicy(h)) return [];
  const byIndex = new Map<number, StatementRef>();
  const add = (list: readonly CompiledStatement[]) => {
    for (const st of list) if (!byIndex.has(st.ref.statementIndex)) byIndex.set(st.ref.statementIndex, st.ref);
  };
  add(h.anyService);
  for (const list of h.byService.values()) add(list);
  return [...byIndex.values()].sort((a, b) => a.statementIndex - b.statementIndex);
}

/**
 * Every policy of an environment that some request can reach (the SCPs and RCPs of the levels above
 * some account: a policy on an empty OU reaches nobody), and the session policies of its specs.
 */
function policiesOf(env: Environment, specs: readonly Spec[]): LoadedPolicy[] {
  const out = [...environmentPolicies(env)];
  for (const s of specs) for (const e of s.expectations) out.push(...e.session.policies);
  return out.filter((p) => p.origin !== "FullAWSAccess" && p.origin !== "RCPFullAWSAccess");
}

export interface CoverageRecorder {
  /** The evaluator to give one expectation: it records what that expectation's requests matched. */
  evaluatorFor(base: Evaluator, expectation: string): Evaluator;
  /** Adds the statements of an environment (and its specs' session policies) to what is counted. */
  addEnvironment(env: Environment, specs: readonly Spec[]): void;
  report(minimum?: number): CoverageReport;
  /**
   * What was recorded since the last call (statements added, statements reached and by whom): a worker
   * thread sends it with each result; the main thread merges them in run order, so the report is the
   * same for any number of workers.
   */
  drain(): CoverageDelta;
  merge(delta: CoverageDelta): void;
}

/** Plain data, for the worker protocol. */
export interface CoverageDelta {
  statements: [string, CoveredStatement][];
  /** Statement key, expectation label. */
  reached: [string, string][];
}

export type MatchingEvaluate = (input: EvaluateInput, onMatch: (s: StatementRef) => void) => EvaluateResult;

export function createCoverage(evaluateWithMatches: MatchingEvaluate): CoverageRecorder {
  const statements = new Map<string, CoveredStatement>();
  const reached = new Map<string, Set<string>>();
  let fresh: CoverageDelta = { statements: [], reached: [] };
  const reach = (k: string, expectation: string) => {
    let by = reached.get(k);
    if (!by) reached.set(k, (by = new Set()));
    if (by.has(expectation)) return;
    by.add(expectation);
    fresh.reached.push([k, expectation]);
  };
  const add = (k: string, s: CoveredStatement) => {
    if (statements.has(k)) return;
    statements.set(k, s);
    fresh.statements.push([k, s]);
  };
  return {
    evaluatorFor(base, expectation) {
      const record = (s: StatementRef) => reach(keyOf(s), expectation);
      return { evaluate: (input) => evaluateWithMatches(input, record), explain: base.explain };
    },
    addEnvironment(env, specs) {
      for (const p of policiesOf(env, specs)) {
        for (const s of statementsOfPolicy(p)) {
          add(keyOf(s), {
            policy: s.policy,
            policyType: s.policyType,
            statementIndex: s.statementIndex,
            effect: s.effect,
            ...(s.sid !== undefined ? { sid: s.sid } : {}),
            ...(s.file !== undefined ? { file: s.file } : {}),
            ...(s.line !== undefined ? { line: s.line } : {}),
            ...(s.column !== undefined ? { column: s.column } : {}),
            reachedBy: [],
          });
        }
      }
    },
    drain() {
      const out = fresh;
      fresh = { statements: [], reached: [] };
      return out;
    },
    merge(delta) {
      for (const [k, s] of delta.statements) add(k, s);
      for (const [k, e] of delta.reached) reach(k, e);
    },
    report(minimum) {
      const list = [...statements.entries()].map(([k, s]) => ({ ...s, reachedBy: [...(reached.get(k) ?? [])].sort() }));
      const count = (xs: CoveredStatement[]): CoverageCount => {
        const hit = xs.filter((x) => x.reachedBy.length > 0).length;
        return { total: xs.length, reached: hit, percent: xs.length === 0 ? null : Math.round((hit / xs.length) * 1000) / 10 };
      };
      const allow = count(list.filter((s) => s.effect === "Allow"));
      // Compared exactly (79.96% is below 80, whatever the rounded figure shows); with no Allow
      // statement at all there is nothing to measure, and that never meets a minimum.
      const met = allow.total > 0 && allow.reached * 100 >= (minimum ?? 0) * allow.total;
      return {
        allow,
        all: count(list),
        ...(minimum !== undefined ? { minimum, met } : {}),
        statements: list,
      };
    },
  };
}
