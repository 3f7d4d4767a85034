/**
 * The proving step of a run: after sampling found no allowed request for a `mayNot`, the prover
 * decides the whole space (src/prove/). The solver is started on the first expectation that needs it
 * and closed when the run ends, so runs without such an expectation never load it.
 */
import { allowedOutcome, type Outcome } from "../compile/check.js";
import type { Evaluator, World } from "../compile/request.js";
import type { Expectation } from "../model/types.js";
import type { ProofLimits } from "../prove/prove.js";
import type { SolverSession } from "../prove/solver.js";
import type { Logic } from "../prove/formula.js";
import { proveBecome } from "./prove-become.js";

export interface ProveStep {
  /** The outcome with the proof's answer: proved, a counterexample, or still sampled with the reason. */
  run(world: World, exp: Expectation, outcome: Outcome, evaluator: Evaluator): Promise<Outcome>;
  close(): Promise<void>;
  /**
   * Starts loading the solver now, while sampling runs (its start-up and first answer take a few
   * hundred milliseconds of other threads' time), for a run that will prove something.
   */
  warm(): void;
}

export function proveStep(limits?: ProofLimits): ProveStep {
  // One solver context per expectation, on the module loaded once per process: a context keeps what
  // z3 learned for the questions asked in it, and a run of thousands of proofs in one context grows
  // z3's memory to the module's limit. The languages decided (plain data) are kept for the whole run.
  // Past a limit of z3's allocations the module itself is retired (openSolver).
  let session: Promise<{ solver: SolverSession; L: Logic }> | undefined;
  let prover: Promise<typeof import("../prove/prove.js")> | undefined;
  const languages: Logic["languages"] = new Map();
  let used = false;
  const open = async () => {
    const [{ openSolver }, { logic }] = await Promise.all([import("../prove/solver.js"), import("../prove/formula.js")]);
    const solver = await openSolver();
    return { solver, L: logic(solver.z, languages) };
  };
  /** The prover and a solver context for one expectation (the warm-up's context serves the first). */
  const acquire = async () => {
    prover ??= import("../prove/prove.js");
    if (session && used) {
      await (await session).solver.close();
      session = undefined;
    }
    used = true;
    session ??= open();
    const [p, s] = await Promise.all([prover, session]);
    return { p, s };
  };
  const warmed = async (opened: Promise<{ solver: SolverSession; L: Logic }>) => {
    const { solver } = await opened;
    await solver.check([solver.z.Bool.val(true)], 1000);
  };
  return {
    async run(world, exp, outcome, evaluator) {
      // A mayNotBecome (or a mayBecome with no path found): its steps are proved one by one.
      if (outcome.status !== "error" && outcome.become) {
        return proveBecome(outcome, async () => {
          const { p, s } = await acquire();
          return (q) => p.proveMayNot(s.solver, q, limits, s.L);
        });
      }
      if (outcome.status !== "passed" || outcome.space === undefined) return outcome;
      const { space, ...rest } = outcome;
      const requests = outcome.evidence.requests;
      let answer;
      try {
        const { p, s } = await acquire();
        answer = await p.proveMayNot(s.solver, { world, exp, space, evaluator }, limits, s.L);
      } catch (err) {
        const reason = `the solver could not be started: ${err instanceof Error ? err.message : String(err)}`;
        return { ...rest, evidence: { method: "sampled", requests, reason } };
      }
      // The prover's witness was replayed through evaluate() (one more request).
      if (answer.status === "refuted") return allowedOutcome(world, evaluator, answer.candidate, { method: "proved", requests: requests + 1, queries: answer.queries });
      if (answer.status === "proved") return { ...rest, evidence: { method: "proved", requests, queries: answer.queries } };
      return { ...rest, evidence: { method: "sampled", requests, reason: answer.reason, queries: answer.queries } };
    },
    async close() {
      if (session) await (await session).solver.close();
    },
    warm() {
      if (session) return;
      session = open();
      // A failure here shows again, with its reason, when the first proof opens the solver.
      warmed(session).catch(() => (session = undefined));
    },
  };
}
