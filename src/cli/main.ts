#!/usr/bin/env node
/**
 * The `iam-spec` command. Kept import-light on purpose: `--help` and `--version` must answer without
 * loading the evaluator, the action data or managed policies, so the runner is imported only for `test`.
 */
import { readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseOnce } from "./parse-once.js";
// A dependency-free file: safe to load eagerly.
import { colorEnabled } from "../report/color.js";
// Type only (erased): the reporters themselves are loaded when a run needs them.
type ReporterName = import("../report/index.js").ReporterName;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
  /** Whether stderr is a terminal (the progress line); absent means no. */
  stderrIsTTY?: boolean;
  /** Width of the stderr terminal, to keep the progress line on one line. */
  columns?: number | undefined;
  /** Ends a long-running command (`--watch`) as Ctrl-C does. */
  signal?: AbortSignal;
}

const REPORTERS = ["pretty", "json", "junit", "github", "sarif"];
/** Reporters whose standard output is one machine-read document (or command stream), even for a usage error. */
const DOCUMENT_REPORTERS = ["json", "junit", "github", "sarif"];

const SUBCOMMANDS: Record<string, () => Promise<(argv: readonly string[], io: CliIO) => Promise<number>>> = {
  explain: async () => (await import("./explain.js")).explainCommand,
  init: async () => (await import("./init.js")).initCommand,
  diff: async () => (await import("./diff.js")).diffMain,
  graph: async () => (await import("./graph.js")).graphCommand,
};

export const HELP = `Usage: iam-spec test [PATH ...] [options]
       iam-spec diff BASE HEAD [options]   (iam-spec diff --help)
       iam-spec explain --as P --action A [--on R] [--when K=V ...] [PATH]   (see iam-spec explain --help)
       iam-spec init [--from-terraform PLAN | --from-cloudformation T | --from-gaad EXPORT] [DIR]   (see iam-spec init --help)
       iam-spec graph [PATH] [--format mermaid|dot|json]   (who can become whom; see iam-spec graph --help)

Runs the expectation specs (*.iamspec.yaml, *.iamspec.yml, *.iamspec.json) found under each PATH
(default: the current directory; node_modules and dot-folders are skipped). A PATH may be a spec file.

Options:
  --reporter NAME   pretty (default), json, junit, github (workflow annotations) or sarif
  --seed N          seed for sampling and fuzzing; rerun with the printed seed to reproduce a run
  --runs N          default fuzzing budget per expectation (an expectation's \`runs\` wins)
  --fuzz-time T     wall-clock budget for fuzzing the whole run: seconds (30, 1.5) or ms (500ms);
                    when spent, random search stops (deterministic passes still run) and each
                    expectation cut short says so in the report (extension)
  --workers N       check expectations in N worker threads (default: the number of CPUs); results,
                    their order and the seed's meaning are the same for every N; small runs stay
                    in one thread
  --shard I/N       run only the I-th of N slices of the expectations (by file and position);
                    slices 1..N together are the whole run, each expectation in exactly one
  --no-prove        skip the SMT proof of mayNot expectations (they stay sampled; faster) (extension)
  --coverage        report which policy statements the expectations reached (extension: JSON \`coverage\`)
  --min-coverage P  fail the run (exit 1) when fewer than P percent of the Allow statements are reached
  --require-proof   a mayNot that is only sampled (no counterexample found, but not proved)
                    fails; every result reports its evidence: exact, proved or sampled
  --watch           run, then re-run the specs affected by each change to a spec, environment or
                    policy file, until Ctrl-C
  -h, --help        show this help
  -v, --version     print the version

Exit codes: 0 every expectation holds, 1 at least one does not, 2 the input is invalid.
Docs: docs/cli.md and docs/ in the iam-spec package.
`;

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  // Commands with options of their own parse their own command line (each in its own file, loaded on demand).
  const sub = SUBCOMMANDS[argv[0] ?? ""];
  if (sub) {
    try {
      return await (await sub())(argv.slice(1), io);
    } catch (err) {
      // A bug, not an input problem: one line, never a stack trace.
      io.stderr(`iam-spec ${argv[0]}: internal error: ${err instanceof Error ? err.message : String(err)} (please report this with the input that caused it)\n`);
      return 2;
    }
  }
  // Known before parsing, so that even a command line that does not parse is reported as the one
  // document `--reporter json` (or junit) promises on stdout.
  const wanted = reporterIn(argv);
  const fail = (message: string, hint?: string) => usageError(io, message, hint, wanted);
  let parsed;
  try {
    parsed = parseOnce({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        reporter: { type: "string" },
        seed: { type: "string" },
        runs: { type: "string" },
        "fuzz-time": { type: "string" },
        workers: { type: "string" },
        shard: { type: "string" },
        coverage: { type: "boolean" },
        "min-coverage": { type: "string" },
        "require-proof": { type: "boolean" },
        "no-prove": { type: "boolean" },
        watch: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (err) {
    return fail((err as Error).message.split("\n")[0] ?? "invalid arguments", "run `iam-spec --help` for the options");
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${readVersion()}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command === undefined) {
    if (wanted !== undefined && DOCUMENT_REPORTERS.includes(wanted)) return fail("no command", "the command is `iam-spec test [PATH ...]`");
    io.stderr(HELP);
    return 2;
  }
  if (command !== "test") {
    return fail(`unknown command "${command}"`, "the command is `iam-spec test [PATH ...]`");
  }

  const reporter = values.reporter ?? "pretty";
  if (!REPORTERS.includes(reporter)) {
    return fail(`unknown reporter "${reporter}"`, `use one of ${REPORTERS.join(", ")}`);
  }
  const seed = values.seed === undefined ? undefined : parseInteger(values.seed, 0, 0xffffffff);
  if (seed === null) return fail(`--seed must be an integer from 0 to 4294967295, got "${values.seed}"`);
  const runs = values.runs === undefined ? undefined : parseInteger(values.runs, 1, 10_000_000);
  if (runs === null) return fail(`--runs must be a positive integer, got "${values.runs}"`);

  const fuzzTime = values["fuzz-time"];
  const fuzzTimeMs = fuzzTime === undefined ? undefined : parseDuration(fuzzTime);
  if (fuzzTimeMs === null) return fail(`--fuzz-time must be seconds (30, 1.5) or milliseconds (500ms), got "${fuzzTime}"`);

  const workers = values.workers === undefined ? undefined : parseInteger(values.workers, 1, 1024);
  if (workers === null) return fail(`--workers must be an integer from 1 to 1024, got "${values.workers}"`);
  const { parseShard } = await import("../run/shard.js");
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard && "error" in shard) return fail(shard.error, "slices are numbered from 1: --shard 1/4 ... --shard 4/4");
  const minCoverage = values["min-coverage"];
  const minimum = minCoverage === undefined ? undefined : /^\d+(\.\d+)?$/.test(minCoverage) && Number(minCoverage) <= 100 ? Number(minCoverage) : null;
  if (minimum === null) return fail(`--min-coverage must be a percentage from 0 to 100, got "${minCoverage}"`, "e.g. --min-coverage 80");
  // --min-coverage implies --coverage.
  const coverage = values.coverage || minimum !== undefined ? { minimum } : undefined;

  if (values.watch) {
    if (reporter !== "pretty") return fail(`--watch shows the pretty report; it cannot be used with --reporter ${reporter}`, "drop --reporter, or --watch");
    const { watchSuite } = await import("./watch.js");
    const color = colorEnabled(io.env, io.isTTY);
    const run = { cwd: io.cwd, seed, runs, fuzzTimeMs, requireProof: values["require-proof"] === true, prove: values["no-prove"] !== true, reporter: "pretty" as const, color, out: { stdout: io.stdout, stderr: io.stderr } };
    return watchSuite({ paths, run, say: io.stdout, ...(io.signal ? { signal: io.signal } : {}) });
  }
  const { runSuite } = await import("../run/run-suite.js");
  const { faultFromEnv } = await import("../run/worker-protocol.js");
  const fault = faultFromEnv(io.env);
  const { lineProgress, progressWanted } = await import("../report/progress.js");
  const showProgress = progressWanted({ stderrIsTTY: io.stderrIsTTY === true, env: io.env, reporter });
  let exitCode: 0 | 1 | 2;
  try {
    ({ exitCode } = await runSuite(paths, {
    cwd: io.cwd,
    seed,
    runs,
    fuzzTimeMs,
    workers,
    shard,
    ...(fault ? { fault } : {}),
    coverage,
    requireProof: values["require-proof"] === true,
    prove: values["no-prove"] !== true,
    progress: showProgress ? lineProgress(io.stderr, { columns: io.columns }) : undefined,
    reporter: reporter as ReporterName,
    color: colorEnabled(io.env, io.isTTY),
    out: { stdout: io.stdout, stderr: io.stderr },
    }));
  } catch (err) {
    // A bug, not an input problem; still one line (and one document), never a stack trace.
    return fail(`internal error: ${err instanceof Error ? err.message : String(err)}`, "please report this with the spec that caused it");
  }
  return exitCode;
}

async function usageError(io: CliIO, message: string, hint: string | undefined, reporter: string | undefined): Promise<2> {
  io.stderr(`iam-spec: ${message}${hint ? ` (${hint})` : ""}\n`);
  if (reporter !== undefined && DOCUMENT_REPORTERS.includes(reporter)) {
    // Loaded only on this path: --help and --version stay light.
    const { createReporter } = await import("../report/index.js");
    const result = {
      seed: 0,
      summary: { passed: 0, failed: 0, errors: 1 },
      results: [{ file: "(command line)", name: "command line", status: "error" as const, message, ...(hint ? { hint } : {}) }],
    };
    createReporter(reporter as ReporterName, { color: false }).report(result, { stdout: io.stdout, stderr: () => {} });
  }
  return 2;
}

/** The last `--reporter` value on the command line (as parseArgs would take it), if any. */
function reporterIn(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") break;
    if (a === "--reporter" && i + 1 < argv.length) found = argv[++i];
    else if (a.startsWith("--reporter=")) found = a.slice("--reporter=".length);
  }
  return found;
}

/**
 * `--seed -1` as `--seed=-1`: parseArgs takes a value starting with "-" for an option and refuses it
 * as "ambiguous"; joined, the value reaches the checks below and gets their message.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = argv[i + 1];
    if (["--seed", "--runs", "--fuzz-time", "--min-coverage", "--workers", "--shard"].includes(a) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** null when `text` is not a decimal integer within [min, max]. */
function parseInteger(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

/** Milliseconds from "30" / "1.5" / "30s" (seconds) or "500ms"; null when it is not one of those. */
function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  if (!m) return null;
  const ms = m[2] === "ms" ? Number(m[1]) : Number(m[1]) * 1000;
  return Number.isFinite(ms) && ms <= 365 * 24 * 3600 * 1000 ? Math.round(ms) : null;
}

/** The package version, from the nearest package.json above this file (src/ under tsx, dist/src/ when built). */
function readVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "iam-spec" && pkg.version) return pkg.version;
    } catch {
      // no package.json here: keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    // npm's bin shims are symlinks: compare real paths.
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const code = await main(process.argv.slice(2), {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stderr.columns,
  });
  // Let stdout drain before exiting: a large JSON report piped to another process must arrive whole.
  process.exitCode = code;
}
