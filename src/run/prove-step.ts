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
  /**
   * Starts loading the solver now, while sampling runs (its start-up and first answer take a few
   * hundred milliseconds of other threads' time), for a run that will prove something.
   */
  warm(): void;
}

/** z3's allocations past which the next proof gets a fresh context (bytes). */
const CONTEXT_MEMORY_LIMIT = 256 * 1024 * 1024;

export function proveStep(limits?: ProofLimits): ProveStep {
  // The solver context serves one proof after another (the terms it built for ARN formats and
  // policies' patterns serve the next proof that meets them), until z3's allocations pass a limit: a
  // run of thousands of proofs in one context grew z3's memory to the module's 2 GiB. Then a fresh
  // context is opened; past a higher limit the module itself is retired (openSolver). What a proof
  // decided itself (its languages, in its Logic) is not kept for the next: a result, the count of
  // solver questions included, must not depend on which expectations a thread checked before.
  let session: Promise<SolverSession> | undefined;
  /** The warm-up question, while z3 answers it: a proof builds its terms in the same context only after. */
  let warming: Promise<unknown> | undefined;
  let prover: Promise<typeof import("../prove/prove.js")> | undefined;
  const open = async () => (await import("../prove/solver.js")).openSolver();
  /** The prover and the solver context for the next proof. */
  const acquire = async () => {
    prover ??= import("../prove/prove.js");
    // A z3 context is not safe to build terms in while one of its questions is being answered on
    // z3's thread: the first proof waits for the warm-up to end.
    if (warming) await warming;
    if (session && (await session).allocated() > CONTEXT_MEMORY_LIMIT) {
      await (await session).close();
      session = undefined;
    }
    session ??= open();
    const [p, s] = await Promise.all([prover, session]);
    return { p, s };
  };
  const warmed = async (opened: Promise<SolverSession>) => {
    const solver = await opened;
    // A question of the kinds proofs ask (an ARN-shaped string in an intersection of languages, a
    // number, Booleans): z3's string and arithmetic solvers, and the WebAssembly code behind them,
    // start up here, beside sampling, instead of in the first proof.
    const z = solver.z;
    const w = z.String.const("w");
    const arn = z.ReConcat(z.Re.toRe("arn:aws:s3:::b/"), z.Star(z.Range(" ", "~")));
    const n = z.Int.const("n");
    await solver.check([z.Or(z.Bool.const("b"), z.InRe(w, z.Intersect(arn, z.Complement(z.Re.toRe("arn:aws:s3:::b/x"))))), n.ge(3)], 2000);
  };
  return {
    async run(world, exp, outcome, evaluator) {
      // A mayNotBecome (or a mayBecome with no path found): its steps are proved one by one.
      if (outcome.status !== "error" && outcome.become) {
        return proveBecome(outcome, async () => {
          const { p, s } = await acquire();
          return (q) => p.proveMayNot(s, q, limits);
        });
      }
      if (outcome.status !== "passed" || outcome.space === undefined) return outcome;
      const { space, ...rest } = outcome;
      const requests = outcome.evidence.requests;
      let answer;
      try {
        const { p, s } = await acquire();
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
    warm() {
      if (session) return;
      session = open();
      // A failure here shows again, with its reason, when the first proof opens the solver.
      warming = warmed(session).catch(() => (session = undefined));
    },
  };
}
