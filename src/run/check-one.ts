/**
 * The work on one expectation, from a loaded spec to its report entries: the same function in the
 * main thread (`--workers 1`, small runs) and in every worker thread, so that the results cannot
 * depend on where an expectation was checked. Every expectation is checked from the run's seed alone
 * (no state carries over from one expectation to the next), which is what makes the order of checking,
 * and the number of workers, irrelevant to the results.
 */
import { isAbsolute } from "node:path";
import { checkExpectation, DEFAULT_RUNS, type Outcome } from "../compile/check.js";
import { buildWorld, type Evaluator, type World } from "../compile/request.js";
import type { RequestSource } from "../compile/sources.js";
import { fuzzSource } from "../fuzz/index.js";
import type { Environment, Expectation, Spec } from "../model/types.js";
import type { CoverageRecorder } from "../statement-coverage/coverage.js";
import type { ProveStep } from "./prove-step.js";
import type { DecidingStatement, ExpectationResult } from "../report/types.js";
import { errorResult, relativeTo, type SuiteItem } from "./load-suite.js";
import { inputError } from "../load/errors.js";

export interface CheckSettings {
  cwd: string;
  seed: number;
  /** Default fuzzing budget per expectation (`--runs`). */
  runs?: number | undefined;
  /** `--fuzz-time` in milliseconds, for this thread's share of the run. */
  fuzzTimeMs?: number | undefined;
  evaluator: Evaluator;
  /** `--require-proof`: a mayNot that is only sampled fails. */
  requireProof?: boolean | undefined;
  /** The mayNot request source (the fuzzer by default). */
  source?: RequestSource | undefined;
  /** The proving step for sampled `mayNot` passes (absent: `--no-prove`). */
  prover?: ProveStep | undefined;
  /** `--coverage`: records the statements each expectation's requests reach. */
  coverage?: CoverageRecorder | undefined;
}

/** A checker for one thread: worlds (per environment) are built once, and the fuzz-time budget is its own. */
export function createChecker(settings: CheckSettings): (item: SuiteItem) => Promise<ExpectationResult[]> {
  const rel = relativeTo(settings.cwd);
  const worlds = new Map<Environment, World>();
  const clock = fuzzClock(settings.fuzzTimeMs);
  // The fuzzer: its deterministic pass starts from the policies' own literals, and every candidate
  // goes through realism, so that no counterexample is a request AWS never sends.
  const source = settings.source ?? fuzzSource();
  const { coverage, prover, evaluator } = settings;
  const covered = new Set<Spec>();
  let proofs: Promise<unknown> = Promise.resolve();
  let barrier: Promise<unknown> | undefined;
  return async ({ spec, exp }) => {
    if (barrier) {
      await barrier;
      barrier = undefined;
    }
    let world = worlds.get(spec.environment);
    if (!world) worlds.set(spec.environment, (world = buildWorld(spec.environment)));
    const w = world;
    if (coverage && !covered.has(spec)) {
      covered.add(spec);
      coverage.addEnvironment(spec.environment, [spec]);
    }
    let checked = clock.timed((deadline) =>
      sampleOne(w, exp, {
        seed: settings.seed,
        runs: settings.runs,
        evaluator: coverage ? coverage.evaluatorFor(evaluator, `${rel(spec.file)}:${exp.pos.line}: ${exp.it}`) : evaluator,
        source,
        deadline,
      }),
    );
    // After sampling found nothing: the prover decides the whole space (prove-step.ts). Proofs take
    // turns (one solver session), in the order their expectations were sampled.
    if (prover && ((checked.status === "passed" && checked.space) || (checked.status !== "error" && checked.status !== "crash" && checked.become))) {
      const sampled = checked;
      const turn = proofs.then(() => prover.run(w, exp, sampled, evaluator));
      proofs = turn.catch(() => undefined);
      // A path proof works on the search graph that later mayBecome / mayNotBecome of the same
      // environment reuse (and recount): nothing more is sampled until it is done.
      if (sampled.become) barrier = proofs;
      checked = await turn;
    }
    const examined = examinedSomething(checked, exp, settings.source !== undefined);
    const outcome = settings.requireProof ? requireProof(examined) : examined;
    const file = rel(spec.file);
    return toResults(outcome, exp, file, rel, reproduce(file, settings.seed, settings.runs));
  };
}

/**
 * The `--fuzz-time` budget of one thread: each expectation gets a deadline of "now + what is left", and
 * only the time spent checking is taken off (loading a large environment is not fuzzing). Threads run
 * side by side, so each has the whole wall-clock budget.
 */
function fuzzClock(totalMs: number | undefined) {
  let left = totalMs;
  return {
    timed<T>(check: (deadline: number | undefined) => T): T {
      if (left === undefined) return check(undefined);
      const start = Date.now();
      try {
        return check(start + Math.max(0, left));
      } finally {
        left -= Date.now() - start;
      }
    },
  };
}

export type Crash = { status: "crash"; message: string };

/**
 * The last guard of "a pass must mean something" (contract section 2: a mayNot never passes on an
 * empty space): a pass that rests on no evaluated request at all is an input error, whatever step
 * let it through. The checks before it name the usual causes; this one names none, so it says what
 * to look at.
 */
export function examinedSomething<T extends Outcome | Crash>(outcome: T, exp: Expectation, ownSource: boolean): T | Outcome {
  if (outcome.status !== "passed" || outcome.evidence.requests > 0) return outcome;
  // A proof over a space the sampler found no request in could be a proof over nothing; a test's own
  // request source (one that proposes nothing, to leave the prover alone) is no such sign.
  if (outcome.evidence.method === "proved" && ownSource) return outcome;
  return {
    status: "error",
    errors: [
      inputError(
        "schema",
        exp.pos,
        `this ${exp.effect} examined no request (none of its space is a request AWS sends), so it would pass having checked nothing${outcome.evidence.reason ? ` (not proved: ${outcome.evidence.reason})` : ""}`,
        "check `when` (a key AWS does not send with these actions), `on` and `as`; `iam-spec explain` evaluates one request",
      ),
    ],
  };
}

/**
 * `--require-proof`: a pass that rests on sampled requests only is not enough. The failure says how
 * many requests were tried and why nothing was proved.
 */
export function requireProof<T extends Outcome | Crash>(outcome: T): T | Outcome {
  if (outcome.status !== "passed" || outcome.evidence.method !== "sampled") return outcome;
  const { requests, reason } = outcome.evidence;
  return {
    status: "failed",
    message: `not proved (${reason ?? "no proof"}): no counterexample in ${requests} sampled request${requests === 1 ? "" : "s"}, and --require-proof asks for a proof`,
    evidence: outcome.evidence,
  };
}

export interface SampleSettings {
  seed: number;
  /** Default fuzzing budget (`--runs`); absent: DEFAULT_RUNS. */
  runs?: number | undefined;
  evaluator: Evaluator;
  source: RequestSource;
  /** Wall-clock time (ms since the epoch) after which random search stops (`--fuzz-time`). */
  deadline?: number | undefined;
}

/**
 * The sampling part of checking one expectation, before any proof: synchronous, so that a test
 * framework's matcher (single.ts), which cannot wait, checks through the same function as a run.
 * A throw from the evaluator (a request it cannot represent) is an error result, never a pass.
 */
export function sampleOne(world: World, exp: Expectation, s: SampleSettings): Outcome | Crash {
  try {
    return checkExpectation(world, exp, { seed: s.seed, runs: s.runs ?? DEFAULT_RUNS, evaluator: s.evaluator, source: s.source, ...(s.deadline !== undefined ? { deadline: s.deadline } : {}) });
  } catch (err) {
    return { status: "crash", message: err instanceof Error ? err.message : String(err) };
  }
}

export function toResults(outcome: Outcome | Crash, exp: Expectation, file: string, rel: (f: string) => string, reproduceCmd: string): ExpectationResult[] {
  const position = { line: exp.pos.line, column: exp.pos.column };
  const base = { file, name: exp.it, position };
  switch (outcome.status) {
    case "passed":
      return [{ ...base, status: "passed", ...(outcome.note ? { note: outcome.note } : {}), ...(outcome.path ? { path: outcome.path } : {}), evidence: outcome.evidence }];
    case "failed":
      return [
        {
          ...base,
          status: "failed",
          message: outcome.message,
          ...(outcome.path ? { path: outcome.path } : {}),
          ...(outcome.counterexample ? { counterexample: outcome.counterexample } : {}),
          ...(outcome.deciding ? { deciding: outcome.deciding.map((d) => relativeStatement(d, rel)) } : {}),
          ...(outcome.reason ? { reason: outcome.reason } : {}),
          ...(outcome.undetermined ? { undetermined: [...outcome.undetermined] } : {}),
          evidence: outcome.evidence,
          reproduce: reproduceCmd,
        },
      ];
    case "error":
      return outcome.errors.map((e) => ({ ...errorResult(e, rel, file), name: exp.it }));
    case "crash":
      return [{ ...base, status: "error", message: `could not evaluate: ${outcome.message}`, hint: "iam-spec failed on this expectation: please report it with the spec and its environment" }];
  }
}

/** Policy files are shown relative to the working directory, like spec files. */
function relativeStatement(d: DecidingStatement, rel: (f: string) => string): DecidingStatement {
  return {
    ...d,
    ...(isAbsolute(d.policy) ? { policy: rel(d.policy) } : {}),
    ...(d.file ? { file: rel(d.file) } : {}),
  };
}

function reproduce(file: string, seed: number, runs: number | undefined): string {
  return `npx iam-spec test ${file} --seed ${seed}${runs !== undefined ? ` --runs ${runs}` : ""}`;
}

export async function defaultEvaluator(): Promise<Evaluator> {
  const lib = await import("../index.js");
  return { evaluate: lib.evaluate, explain: lib.explain };
}
