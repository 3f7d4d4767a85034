/**
 * `iam-spec diff BASE HEAD` and `iam-spec diff --base-ref GITREV HEAD...` (contract section 5).
 * Exit codes: 0 no new access that HEAD's expectations do not ask for, 1 such new access, 2 invalid input.
 */
import { randomInt } from "node:crypto";
import { isAbsolute, relative, resolve, sep, dirname } from "node:path";
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import type { CliIO } from "./main.js";
import { colorEnabled } from "../report/color.js";
import { inputError, type InputError } from "../load/errors.js";

export const DIFF_HELP = `Usage: iam-spec diff BASE HEAD [options]
       iam-spec diff --base-ref GITREV HEAD [options]

Reports the access HEAD grants that BASE did not (new access) and the access BASE granted that HEAD
does not (removed access), for every principal of either environment and every action a policy or
spec names, each with one concrete request and the statements that allow it. BASE and HEAD are each
a spec file, a folder of specs or an environment file. Each changed principal and action is sampled,
then, where sampling found nothing, decided by the SMT prover; the report says which answers are
proved and which only sampled.

Options:
  --base-ref GITREV  read BASE from that git revision of the HEAD paths
  --reporter NAME    pretty (default), json or github
  --seed N           seed for sampling; rerun with the printed seed to reproduce a diff
  --runs N           random requests per changed principal and action (default 50)
  --no-prove         sample only: do not ask the SMT prover where sampling finds nothing
  --proof-budget MS  CPU time for proofs over the whole diff, in milliseconds (default 10000)
  --require-proof    exit 1 unless "no new access" is proved for every principal and action
  -h, --help         show this help

Exit codes: 0 no new access (or only new access a may expectation of HEAD asks for),
            1 new access no expectation of HEAD asks for, 2 the input is invalid.
`;

/** Random requests per question: a diff asks two per changed principal and action, most of them small. */
const DEFAULT_DIFF_RUNS = 50;

const CLI_POS = { file: "(command line)", line: 1, column: 1 };

export async function diffMain(argv: readonly string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        "base-ref": { type: "string" },
        reporter: { type: "string" },
        seed: { type: "string" },
        runs: { type: "string" },
        "no-prove": { type: "boolean" },
        "proof-budget": { type: "string" },
        "require-proof": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    return usage(io, reporterIn(argv), (err as Error).message.split("\n")[0] ?? "invalid arguments", "run `iam-spec diff --help` for the options");
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(DIFF_HELP);
    return 0;
  }
  const { DIFF_REPORTERS, reportDiff, reportDiffErrors } = await import("../diff/report.js");
  const reporter = (values.reporter ?? "pretty") as (typeof DIFF_REPORTERS)[number];
  if (!DIFF_REPORTERS.includes(reporter)) return usage(io, undefined, `unknown reporter "${values.reporter}"`, `use one of ${DIFF_REPORTERS.join(", ")}`);
  const fail = (message: string, hint: string) => usage(io, reporter, message, hint);
  const seed = values.seed === undefined ? randomInt(0, 2 ** 31) : /^\d+$/.test(values.seed) && Number(values.seed) <= 0xffffffff ? Number(values.seed) : null;
  if (seed === null) return fail(`--seed must be an integer from 0 to 4294967295, got "${values.seed}"`, "e.g. --seed 42");
  const runs = values.runs === undefined ? DEFAULT_DIFF_RUNS : /^\d+$/.test(values.runs) && Number(values.runs) >= 1 && Number(values.runs) <= 1_000_000 ? Number(values.runs) : null;
  if (runs === null) return fail(`--runs must be a positive integer, got "${values.runs}"`, "e.g. --runs 200");
  const budget = values["proof-budget"];
  const proofBudget = budget === undefined ? undefined : /^\d+$/.test(budget) && Number(budget) <= 3_600_000 ? Number(budget) : null;
  if (proofBudget === null) return fail(`--proof-budget must be a number of milliseconds, got "${budget}"`, "e.g. --proof-budget 10000");

  const baseRef = values["base-ref"];
  let basePaths: string[];
  let headPaths: string[];
  let baseRoot: string;
  let headRoot: string;
  let display = (file: string) => file;
  let cleanup = () => {};
  let title: string;
  if (baseRef !== undefined) {
    if (positionals.length === 0) return fail("diff --base-ref needs the HEAD paths", "e.g. iam-spec diff --base-ref origin/main iam/");
    const { checkoutBase } = await import("../diff/git-base.js");
    const checkout = checkoutBase(baseRef, positionals, io.cwd);
    if (!checkout.ok) return fail(checkout.message, checkout.hint);
    headPaths = [...positionals];
    basePaths = checkout.checkout.paths;
    headRoot = checkout.checkout.toplevel;
    baseRoot = checkout.checkout.dir;
    display = checkout.checkout.display;
    cleanup = checkout.checkout.cleanup;
    title = `iam-spec diff: BASE ${baseRef}:${positionals.join(" ")} -> HEAD ${positionals.join(" ")}`;
  } else {
    if (positionals.length !== 2) {
      return fail(`diff takes BASE and HEAD (got ${positionals.length} path${positionals.length === 1 ? "" : "s"})`, "iam-spec diff BASE HEAD, or iam-spec diff --base-ref GITREV HEAD");
    }
    basePaths = [positionals[0]!];
    headPaths = [positionals[1]!];
    baseRoot = rootOf(resolve(io.cwd, positionals[0]!));
    headRoot = rootOf(resolve(io.cwd, positionals[1]!));
    title = `iam-spec diff: BASE ${positionals[0]} -> HEAD ${positionals[1]}`;
  }
  try {
    const { loadSide } = await import("../diff/load-side.js");
    const base = await loadSide(basePaths, io.cwd, baseRoot, "BASE");
    const head = await loadSide(headPaths, io.cwd, headRoot, "HEAD");
    const rel = (file: string) => {
      const shown = display(file);
      if (shown !== file) return shown;
      return isAbsolute(file) ? relative(io.cwd, file).split(sep).join("/") || file : file;
    };
    const errors: InputError[] = [...(base.ok ? [] : label(base.errors, "BASE")), ...(head.ok ? [] : label(head.errors, "HEAD"))];
    if (!base.ok || !head.ok) {
      reportDiffErrors(errors.map((e) => ({ ...e, file: rel(e.file) })), reporter, io);
      return 2;
    }
    for (const w of [...base.side.warnings, ...head.side.warnings]) io.stderr(`${rel(w.file)}:${w.line}:${w.column}: warning: ${w.message}${w.hint ? ` (${w.hint})` : ""}\n`);
    const { runDiff, diffExitCode } = await import("../diff/run-diff.js");
    const lib = await import("../index.js");
    const evaluator = { evaluate: lib.evaluate, explain: lib.explain };
    let prover;
    if (values["no-prove"] !== true) {
      const { diffProver, DIFF_PROOF_LIMITS } = await import("../diff/prover-oracle.js");
      prover = diffProver(evaluator, { ...DIFF_PROOF_LIMITS, ...(proofBudget !== undefined ? { budgetMs: proofBudget } : {}) });
    }
    let outcome;
    try {
      outcome = await runDiff(base.side, head.side, { evaluator, seed, runs, ...(prover ? { oracle: prover.oracle } : {}) });
    } finally {
      await prover?.close();
    }
    if (!outcome.ok) {
      reportDiffErrors(outcome.errors, reporter, io);
      return 2;
    }
    const result = outcome.result;
    for (const r of [...result.newAccess, ...result.removedAccess]) {
      r.statements = r.statements.map((s) => ({ ...s, ...(s.file ? { file: rel(s.file) } : {}), ...(isAbsolute(s.policy) ? { policy: rel(s.policy) } : {}) }));
      if (r.expectedBy) r.expectedBy = rel(r.expectedBy);
    }
    reportDiff(result, reporter, io, { color: colorEnabled(io.env, io.isTTY), title });
    return diffExitCode(result, values["require-proof"] === true);
  } catch (err) {
    return fail(`internal error: ${err instanceof Error ? err.message : String(err)}`, "please report this with the environments that caused it");
  } finally {
    cleanup();
  }
}

/** The folder environment keys are relative to: the folder itself, or a file's folder. */
function rootOf(abs: string): string {
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    return dirname(abs);
  }
}

/** Errors of a side say which side they are about when they have no file of their own. */
function label(errors: readonly InputError[], side: string): InputError[] {
  return errors.map((e) => (e.file.startsWith("(") ? e : { ...e, message: `${side}: ${e.message}` }));
}

async function usage(io: CliIO, reporter: string | undefined, message: string, hint: string): Promise<2> {
  if (reporter === "json" || reporter === "github") {
    const { reportDiffErrors } = await import("../diff/report.js");
    reportDiffErrors([inputError("schema", CLI_POS, message, hint)], reporter, io);
  } else io.stderr(`iam-spec: ${message} (${hint})\n`);
  return 2;
}

function reporterIn(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--reporter" && i + 1 < argv.length) found = argv[++i];
    else if (a.startsWith("--reporter=")) found = a.slice("--reporter=".length);
  }
  return found;
}
