/**
 * The prover as the diff's oracle (src/prove/difference.ts): z3 is loaded only when sampling leaves a
 * question open, so a diff where nothing changed, or where sampling finds every difference, never
 * loads it. The open questions are decided together within one proof budget; past it, the rest stay
 * sampled and say why.
 */
import type { Evaluator } from "../compile/request.js";
import type { AccessOracle, OracleAnswer } from "./question.js";
import { everyoneExpectation } from "./universe.js";

export interface DiffProver {
  oracle: AccessOracle;
  close(): Promise<void>;
}

export interface DiffProofLimits {
  /** Per solver question (z3's timeout), milliseconds. */
  queryTimeoutMs: number;
  /** For the whole diff, milliseconds of the process's CPU time (counted once z3 is loaded). */
  budgetMs: number;
}

/**
 * The process's CPU time (every thread: the main thread's encoding and z3's own), milliseconds. The
 * budget is counted on it rather than on the wall clock so that a machine busy with other jobs
 * decides the same questions as a quiet one: on a loaded CI runner the same diff takes longer, but
 * does not leave more of its questions sampled.
 */
export const cpuTimeMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export const DIFF_PROOF_LIMITS: DiffProofLimits = { queryTimeoutMs: 1000, budgetMs: 10000 };

export function diffProver(evaluator: Evaluator, limits: DiffProofLimits = DIFF_PROOF_LIMITS): DiffProver {
  let opened: ReturnType<typeof import("../prove/solver.js")["openSolver"]> | undefined;
  const exp = everyoneExpectation();
  return {
    async oracle(open) {
      try {
        const [difference, solver] = await Promise.all([import("../prove/difference.js"), import("../prove/solver.js")]);
        opened ??= solver.openSolver();
        const session = await opened;
        // The budget counts proving, not loading z3.
        const deadline = cpuTimeMs() + limits.budgetMs;
        const questions = open.map(({ question: q, space, differs }) => ({
          here: q.here,
          there: q.there,
          callers: q.callers.map((c) => ({ here: c.here, ...(c.there ? { there: c.there } : {}) })),
          action: q.action,
          exp,
          space,
          evaluator,
          differs,
        }));
        const answers = await difference.proveDifferences(session, questions, { queryTimeoutMs: limits.queryTimeoutMs, deadline, now: cpuTimeMs });
        return answers.map((a): OracleAnswer => (a.status === "unknown" && a.reason === difference.BUDGET_SPENT ? { ...a, reason: `the diff's proof budget of ${limits.budgetMs} ms of CPU time was spent (--proof-budget raises it)` } : a));
      } catch (err) {
        const reason = `the solver could not be started: ${err instanceof Error ? err.message : String(err)}`;
        return open.map(() => ({ status: "unknown", reason, queries: 0 }));
      }
    },
    async close() {
      if (opened) await (await opened).close();
    },
  };
}
