/**
 * One `iam-spec test` run: discover -> load -> compile and evaluate each expectation -> report.
 * Nothing that fails to load is skipped: every input error becomes a result with status "error"
 * (exit code 2), and expectations of the specs that did load still run so one report shows everything.
 *
 * Expectations are checked in this thread, or in worker threads (`workers`) when there are enough of
 * them to pay for starting the workers; either way by the same function (check-one.ts) and reported
 * in the same order, so the report does not depend on where they ran.
 */
import { randomInt } from "node:crypto";
import { isAbsolute } from "node:path";
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { discoverSpecs } from "../load/discover.js";
import type { Evaluator } from "../compile/request.js";
import type { RequestSource } from "../compile/sources.js";
import type { ProgressListener } from "../report/progress.js";
import { createReporter, type ReporterName } from "../report/index.js";
import { exitCodeOf, summarize, type ExpectationResult, type Output, type SuiteResult } from "../report/types.js";
import { limitHeapGrowth } from "./heap.js";
import { workersFor } from "./worker-protocol.js";
import { createCoverage, type CoverageRecorder, type CoverageReport } from "../statement-coverage/coverage.js";
import type { SpecLoader } from "./load-suite.js";
// Loading, checking and proving are imported when this thread does them: with workers it does not,
// and the workers start sooner.

export type { SpecLoader } from "./load-suite.js";
import type { Shard } from "./shard.js";
import type { Fault } from "./worker-protocol.js";

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
  /** A spec loader of its own (`--watch`): expectations are then checked in this thread. */
  loadSpec?: SpecLoader;
  /** An evaluator of its own (tests): expectations are then checked in this thread. */
  evaluator?: Evaluator;
  /** The mayNot request source (default: the fuzzer; tests plug theirs in here, checked in this thread). */
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
  /** `--coverage` (and `--min-coverage P`): statement coverage in the result (recorded in each worker thread, merged in run order); below the minimum the run fails (exit 1). */
  coverage?: { minimum?: number | undefined } | undefined;
  /** `--workers`: worker threads at most (default: the number of CPUs); 1 checks in this thread. */
  workers?: number | undefined;
  /** `--shard I/N`: only the I-th of N slices of the expectations. */
  shard?: Shard | undefined;
  /** Fault injection for iam-spec's own tests (worker-protocol.ts). */
  fault?: Fault | undefined;
}


export async function runSuite(
  paths: readonly string[],
  options: RunOptions,
): Promise<{ result: SuiteResult; exitCode: 0 | 1 | 2 }> {
  const seed = options.seed ?? randomInt(0, 2 ** 31);
  const results: ExpectationResult[] = [];
  const warnings: string[] = [];
  let coverage: CoverageRecorder | undefined;

  const found = await discoverSpecs(paths, options.cwd);
  if (!found.ok) {
    for (const e of found.errors) {
      results.push({ file: e.path, name: "spec discovery", status: "error", message: e.message, ...(e.hint ? { hint: e.hint } : {}) });
    }
  } else {
    limitHeapGrowth();
    // With a loader, evaluator or source of the caller's own the run stays in this thread. Coverage is
    // recorded in each worker and merged here in run order.
    // The spec files' texts, read once, for what is decided before parsing (how many workers, whether to start z3).
    let texts: Promise<string[]> | undefined;
    const specTexts = () => (texts ??= Promise.all(found.files.map((f) => readFile(f, "utf8").catch(() => ""))));
    const workers = options.evaluator || options.source || options.loadSpec ? 1 : await estimateWorkers(specTexts, options);
    if (workers > 1) {
      const { checkInWorkers } = await import("./pool.js");
      const setup = {
        files: found.files,
        cwd: options.cwd,
        shard: options.shard,
        seed,
        runs: options.runs,
        fuzzTimeMs: options.fuzzTimeMs,
        requireProof: options.requireProof === true,
        prove: options.prove !== false,
        workers,
        fault: options.fault,
        coverage: options.coverage !== undefined,
      };
      const pool = await checkInWorkers(setup, options.progress);
      results.push(...pool.errors, ...pool.results, ...(pool.crash ? [pool.crash] : []));
      if (options.coverage) {
        coverage = createCoverage((await import("../index.js")).evaluateWithMatches);
        for (const delta of pool.coverage) coverage.merge(delta);
      }
      warnings.push(...pool.warnings);
    } else {
      const [{ loadSuite, relativeTo }, { createChecker, defaultEvaluator }, { proveStep }, { checkInOrder }] = await Promise.all([
        import("./load-suite.js"),
        import("./check-one.js"),
        import("./prove-step.js"),
        import("./pipeline.js"),
      ]);
      const prover = options.prove === false ? undefined : proveStep();
      // z3 takes a few hundred milliseconds to load, on threads of its own: where a spec file's text
      // asks a mayNot, it starts now, beside the loading of the suite, not after it.
      if (prover && (await specTexts()).some(mentionsMayNot)) prover.warm();
      const suite = await loadSuite(found.files, { cwd: options.cwd, shard: options.shard, loadSpec: options.loadSpec });
      results.push(...suite.errors);
      warnings.push(...suite.warnings);
      const evaluator = options.evaluator ?? (await defaultEvaluator());
      if (options.coverage) coverage = createCoverage((await import("../index.js")).evaluateWithMatches);
      if (suite.items.some((i) => i.exp.effect === "mayNot" && !i.exp.exact)) prover?.warm();
      const check = createChecker({
        cwd: options.cwd,
        seed,
        runs: options.runs,
        fuzzTimeMs: options.fuzzTimeMs,
        requireProof: options.requireProof === true,
        evaluator,
        source: options.source,
        prover,
        coverage,
      });
      const rel = relativeTo(options.cwd);
      try {
        await checkInOrder(
          suite.items,
          (item, done) => {
            options.progress?.update({ done, total: suite.items.length, file: rel(item.spec.file) });
            return check(item);
          },
          (checked) => results.push(...checked),
        );
      } finally {
        await prover?.close();
      }
      options.progress?.end();
    }
    if (options.shard && !results.some((r) => r.name !== "spec discovery")) {
      warnings.push(`shard ${options.shard.index}/${options.shard.count} holds no expectations (there are fewer expectations than shards)`);
    }
  }

  const summary = summarize(results);
  const covered = coverage?.report(options.coverage?.minimum);
  const rel = covered ? (await import("./load-suite.js")).relativeTo(options.cwd) : undefined;
  const result: SuiteResult = {
    seed,
    summary,
    results,
    ...(options.shard ? { shard: { index: options.shard.index, count: options.shard.count } } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(covered && rel ? { coverage: relativeCoverage(covered, rel) } : {}),
  };
  if (options.out && options.reporter) {
    createReporter(options.reporter, { color: options.color ?? false }).report(result, options.out);
  }
  const exitCode = exitCodeOf(summary);
  // Below --min-coverage the run fails like a failed expectation (input errors still win: exit 2).
  return { result, exitCode: exitCode === 0 && covered?.met === false ? 1 : exitCode };
}

/** Whether a spec file's text writes a `mayNot:` key (read as text, before parsing). */
function mentionsMayNot(text: string): boolean {
  return /["']?mayNot["']?\s*:/.test(text);
}

function relativeCoverage(c: CoverageReport, rel: (f: string) => string): CoverageReport {
  return {
    ...c,
    statements: c.statements.map((s) => ({ ...s, ...(s.file ? { file: rel(s.file) } : {}), ...(isAbsolute(s.policy) ? { policy: rel(s.policy) } : {}) })),
  };
}

/**
 * How many workers to start at most, from the spec texts (the keys that make an expectation, counted
 * without parsing): a handful of expectations is checked in this thread, with no worker started. The
 * first worker then counts them exactly and the others are started by that count (pool.ts).
 */
async function estimateWorkers(specTexts: () => Promise<string[]>, options: RunOptions): Promise<number> {
  const wanted = options.workers ?? availableParallelism();
  if (wanted <= 1) return 1;
  let estimate = 0;
  for (const text of await specTexts()) {
    estimate += text.match(/^[\s\-{,]*["']?(?:may|mayNot|mayBecome|mayNotBecome)["']?\s*:/gm)?.length ?? 0;
  }
  if (options.shard) estimate = Math.ceil(estimate / options.shard.count);
  return workersFor(estimate, wanted);
}
