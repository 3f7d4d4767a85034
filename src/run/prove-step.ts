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
import { proveBecome } from "./prove-become.js";

export interface ProveStep {
  /** The outcome with the proof's answer: proved, a counterexample, or still sampled with the reason. */
  run(world: World, exp: Expectation, outcome: Outcome, evaluator: Evaluator): Promise<Outcome>;
  close(): Promise<void>;
}

export function proveStep(limits?: ProofLimits): ProveStep {
  // One solver context per expectation: what z3 caches for one proof is not kept for the next
  // (openSolver reuses the loaded module and replaces it when its memory has grown large).
  let session: Promise<SolverSession> | undefined;
  let prover: Promise<typeof import("../prove/prove.js")> | undefined;
  return {
    async run(world, exp, outcome, evaluator) {
      if (outcome.status !== "error" && outcome.become) {
        return proveBecome(outcome, async () => {
          prover ??= import("../prove/prove.js");
          session = import("../prove/solver.js").then((m) => m.openSolver());
          const [p, s] = await Promise.all([prover, session]);
          return (q) => p.proveMayNot(s, q, limits);
        });
      }
      if (outcome.status !== "passed" || outcome.space === undefined) return outcome;
      const { space, ...rest } = outcome;
      const requests = outcome.evidence.requests;
      let answer;
      try {
        prover ??= import("../prove/prove.js");
        session = import("../prove/solver.js").then((m) => m.openSolver());
        const [p, s] = await Promise.all([prover, session]);
        answer = await p.proveMayNot(s, { world, exp, space, evaluator }, limits);
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
      if (session) await (await session).close();
    },
  };
}
