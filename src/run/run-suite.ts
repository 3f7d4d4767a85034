/**
 * One `iam-spec test` run: discover -> load -> compile and evaluate each expectation -> report.
 * Nothing that fails to load is skipped: every input error becomes a result with status "error"
 * (exit code 2), and expectations of the specs that did load still run so one report shows everything.
 */
import { randomInt } from "node:crypto";
import { isAbsolute, relative, sep } from "node:path";
import { discoverSpecs } from "../cli/discover.js";
import { createCoverage, type CoverageRecorder, type CoverageReport } from "../statement-coverage/coverage.js";
import { checkExpectation, DEFAULT_RUNS, type Outcome } from "../compile/check.js";
import { buildWorld, type Evaluator, type World } from "../compile/request.js";
import type { RequestSource } from "../compile/sources.js";
import { fuzzSource } from "../fuzz/index.js";
import { sortInputErrors, type InputError, type Loaded } from "../load/errors.js";
import { createLoader, loadSpecFile } from "../load/spec.js";
import type { Environment, Expectation, Spec } from "../model/types.js";
import type { ProgressListener } from "../report/progress.js";
import { createReporter, type ReporterName } from "../report/index.js";
import { proveStep } from "./prove-step.js";
import { exitCodeOf, summarize, type DecidingStatement, type ExpectationResult, type Output, type SuiteResult } from "../report/types.js";

/** Loads one spec file with its environment; the loader helper's entry point by default. */
export type SpecLoader = (file: string) => Promise<Loaded<Spec>>;

export interface RunOptions {
  cwd: string;
  /** Fixed seed; a fresh one is drawn (and printed) when absent. */
  seed?: number | undefined;
  /** Default fuzzing budget per expectation. */
  runs?: number | undefined;
  /** When given with `out`, the result is reported. */
  reporter?: ReporterName;
  color?: boolean;
  out?: Output;
  loadSpec?: SpecLoader;
  evaluator?: Evaluator;
  /** The mayNot request source (default: the fuzzer). */
  source?: RequestSource;
  /**
   * `--fuzz-time`: wall-clock milliseconds for fuzzing the whole run. Only the time spent checking
   * expectations counts (not loading); once spent, random search stops and results carry a note.
   */
  fuzzTimeMs?: number | undefined;
  /** `--require-proof`: a mayNot that is only sampled fails (contract section 5). */
  requireProof?: boolean;
  /** Told before and after each expectation (the CLI's progress line). */
  progress?: ProgressListener | undefined;
  /** Prove sampled `mayNot` expectations with the SMT solver (default true). */
  prove?: boolean;
  /** `--coverage` (and `--min-coverage P`): statement coverage in the result; below the minimum the run fails (exit 1). */
  coverage?: { minimum?: number | undefined } | undefined;
}

export async function runSuite(
  paths: readonly string[],
  options: RunOptions,
): Promise<{ result: SuiteResult; exitCode: 0 | 1 | 2 }> {
  const seed = options.seed ?? randomInt(0, 2 ** 31);
  const rel = (file: string) => relative(options.cwd, file).split(sep).join("/") || file;
  const results: ExpectationResult[] = [];
  const warnings = new Set<string>();
  let coverage: CoverageRecorder | undefined;

  const found = await discoverSpecs(paths, options.cwd);
  if (!found.ok) {
    for (const e of found.errors) {
      results.push({ file: e.path, name: "spec discovery", status: "error", message: e.message, ...(e.hint ? { hint: e.hint } : {}) });
    }
  } else {
    const loadSpec = options.loadSpec ?? (await defaultSpecLoader());
    const evaluator = options.evaluator ?? (await defaultEvaluator());
    if (options.coverage) coverage = createCoverage((await import("../index.js")).evaluateWithMatches);
    // The fuzzer: its deterministic pass starts from the policies' own literals, and every candidate
    // goes through realism, so that no counterexample is a request AWS never sends.
    const source = options.source ?? fuzzSource();
    const worlds = new Map<Environment, World>();
    // Every spec is loaded before any runs, so that progress knows the total.
    const specs: Spec[] = [];
    for (const file of found.files) {
      const loaded = await loadSpec(file);
      for (const w of loaded.warnings) warnings.add(`${rel(w.file)}:${w.line}:${w.column}: warning: ${w.message}${w.hint ? ` (${w.hint})` : ""}`);
      if (!loaded.ok) {
        results.push(...sortInputErrors(loaded.errors).map((e) => errorResult(e, rel, rel(file))));
        continue;
      }
      specs.push(loaded.value);
    }
    const total = specs.reduce((n, s) => n + s.expectations.length, 0);
    const clock = fuzzClock(options.fuzzTimeMs);
    const prover = options.prove === false ? undefined : proveStep();
    let done = 0;
    try {
    for (const spec of specs) {
      let world = worlds.get(spec.environment);
      if (!world) {
        const env = spec.environment;
        world = buildWorld(env);
        worlds.set(env, world);
      }
      coverage?.addEnvironment(spec.environment, [spec]);
      for (const exp of spec.expectations) {
        options.progress?.update({ done, total, file: rel(spec.file) });
        let checked = clock.timed((deadline) =>
          runOne(world, exp, {
            seed,
            runs: options.runs ?? DEFAULT_RUNS,
            evaluator: coverage ? coverage.evaluatorFor(evaluator, `${rel(spec.file)}:${exp.pos.line}: ${exp.it}`) : evaluator,
            source,
            ...(deadline !== undefined ? { deadline } : {}),
          }),
        );
        if (prover && checked.status === "passed" && checked.space) checked = await prover.run(world, exp, checked, evaluator);
        done++;
        const outcome = options.requireProof ? requireProof(checked) : checked;
        results.push(...toResults(outcome, exp, rel(spec.file), rel, reproduce(rel(spec.file), seed, options.runs)));
      }
    }
    } finally {
      await prover?.close();
    }
    options.progress?.end();
  }

  const summary = summarize(results);
  const covered = coverage?.report(options.coverage?.minimum);
  const result: SuiteResult = { seed, summary, results, ...(warnings.size > 0 ? { warnings: [...warnings] } : {}), ...(covered ? { coverage: relativeCoverage(covered, rel) } : {}) };
  if (options.out && options.reporter) {
    createReporter(options.reporter, { color: options.color ?? false }).report(result, options.out);
  }
  const exitCode = exitCodeOf(summary);
  // Below --min-coverage the run fails like a failed expectation (input errors still win: exit 2).
  return { result, exitCode: exitCode === 0 && covered?.met === false ? 1 : exitCode };
}

function relativeCoverage(c: CoverageReport, rel: (f: string) => string): CoverageReport {
  return {
    ...c,
    statements: c.statements.map((s) => ({ ...s, ...(s.file ? { file: rel(s.file) } : {}), ...(isAbsolute(s.policy) ? { policy: rel(s.policy) } : {}) })),
  };
}

/**
 * The `--fuzz-time` budget of one run: each expectation gets a deadline of "now + what is left", and
 * only the time spent checking is taken off (loading a large environment is not fuzzing).
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

/**
 * `--require-proof`: a pass that rests on sampled requests only is not enough. The failure says how
 * many requests were tried and why nothing was proved.
 */
export function requireProof<T extends Outcome | { status: "crash"; message: string }>(outcome: T): T | Outcome {
  if (outcome.status !== "passed" || outcome.evidence.method !== "sampled") return outcome;
  const { requests, reason } = outcome.evidence;
  return {
    status: "failed",
    message: `not proved (${reason ?? "no proof"}): no counterexample in ${requests} sampled request${requests === 1 ? "" : "s"}, and --require-proof asks for a proof`,
    evidence: outcome.evidence,
  };
}

/** A throw from the evaluator (a request it cannot represent) is an error result, never a pass. */
function runOne(world: World, exp: Expectation, options: Parameters<typeof checkExpectation>[2]): Outcome | { status: "crash"; message: string } {
  try {
    return checkExpectation(world, exp, options);
  } catch (err) {
    return { status: "crash", message: err instanceof Error ? err.message : String(err) };
  }
}

export function toResults(
  outcome: Outcome | { status: "crash"; message: string },
  exp: Expectation,
  file: string,
  rel: (f: string) => string,
  reproduceCmd: string,
): ExpectationResult[] {
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
      return [{ ...base, status: "error", message: `could not evaluate: ${outcome.message}` }];
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

function errorResult(e: InputError, rel: (f: string) => string, specFile: string): ExpectationResult {
  return {
    file: e.file ? rel(e.file) : specFile,
    name: "input error",
    status: "error",
    message: e.message,
    ...(e.hint ? { hint: e.hint } : {}),
    position: { line: e.line, column: e.column },
  };
}

function reproduce(file: string, seed: number, runs: number | undefined): string {
  return `npx iam-spec test ${file} --seed ${seed}${runs !== undefined ? ` --runs ${runs}` : ""}`;
}

async function defaultEvaluator(): Promise<Evaluator> {
  const lib = await import("../index.js");
  return { evaluate: lib.evaluate, explain: lib.explain };
}

async function defaultSpecLoader(): Promise<SpecLoader> {
  // One loader per run: environments and policy files shared by several specs are read once.
  const loader = await createLoader();
  return (file) => loadSpecFile(file, loader);
}
