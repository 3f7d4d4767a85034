/**
 * `npm run bench:scale`: the synthetic organization of generate.ts (by default 1,000 accounts in OUs
 * with SCPs, 10 roles each, 10,000 expectations in 20 spec files sharing one ~4 MB environment),
 * checked by the built CLI with 1 and with 2 workers. Prints the wall time of each, the speedup, the
 * peak RSS of the whole process (all threads), and checks that every expectation passed and that the
 * two reports are identical.
 *
 * Two modes, each with every worker count, labelled: the whole suite with sampling only (`--no-prove`:
 * every mayNot stays sampled), and the whole suite as `iam-spec test` runs it by default (every
 * mayNot sampled, then proved). For each run: wall time, CPU time of all threads, and the cores the
 * run kept busy on average (CPU / wall). The last bounds what more workers can give: a `--workers 1`
 * run that already keeps 1.25 cores busy (V8's collector and compiler threads, z3's thread) can be at
 * most 2 / 1.25 = 1.6 times faster on 2 cores, with no serial part and no overhead at all.
 *
 * Options: --accounts N, --expectations N, --specs N (a smaller suite while iterating), --workers 1,2
 * (the worker counts to run), --seed N (default 1), --out DIR (keep the suite there), --modes
 * sampled,proved (which of the two to run; default both), --prove-slices K (also check slice 1 of K
 * with proofs and print the time per proved mayNot; default 0: off), --prove-timeout S (stop that
 * slice after S seconds, default 600, and say so), --slice-only (only that slice), --prove (the same
 * as --modes proved).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FULL_SIZE, generateOrg, type ScaleOptions } from "./generate.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = join(ROOT, "dist/src/cli/main.js");
const MAXRSS = join(ROOT, "bench/maxrss.cjs");

const value = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const num = (name: string, dflt: number) => (value(name) !== undefined ? Number(value(name)) : dflt);

const options: ScaleOptions = {
  ...FULL_SIZE,
  accounts: num("accounts", FULL_SIZE.accounts),
  expectations: num("expectations", FULL_SIZE.expectations),
  specFiles: num("specs", FULL_SIZE.specFiles),
};
const workerCounts = (value("workers") ?? "1,2").split(",").map(Number);
const seed = num("seed", 1);

if (!existsSync(CLI) || statSync(CLI).mtimeMs < statSync(join(ROOT, "src/run/run-suite.ts")).mtimeMs) {
  console.warn("warning: dist/ is missing or older than src/: run npm run build first");
}

const out = value("out");
const dir = out ?? mkdtempSync(join(tmpdir(), "iam-spec-scale-"));
const t0 = performance.now();
const { specs, envBytes } = generateOrg(dir, options);
console.log(
  `suite: ${options.accounts} accounts (${Math.ceil(options.accounts / options.ouSize)} OUs with SCPs), ${options.rolesPerAccount} roles each, ` +
    `${options.expectations} expectations in ${options.specFiles} spec files, env.yaml ${(envBytes / 2 ** 20).toFixed(1)} MiB ` +
    `(generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
console.log(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), Node.js ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);

interface Measured {
  workers: number;
  seconds: number;
  /** CPU time of all threads: on a shared machine, what the run itself cost. */
  cpuSeconds: number;
  rssMiB: number;
  summary: { passed: number; failed: number; errors: number };
  results: string;
}

const modes = process.argv.includes("--prove") ? ["proved"] : (value("modes") ?? "sampled,proved").split(",");
const proveSlices = num("prove-slices", 0);
const proveTimeoutMs = num("prove-timeout", 600) * 1000;
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");

function measure(workers: number, extra: string[], timeout?: number): Measured & { code: number | null; report: { results: { evidence?: { method: string } }[] } } | undefined {
  const start = performance.now();
  const args = ["-r", MAXRSS, CLI, "test", specs, "--reporter", "json", "--seed", String(seed), "--workers", String(workers), ...extra];
  const r = spawnSync(process.execPath, args, {
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
    ...(timeout ? { timeout } : {}),
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT") return undefined;
  const seconds = (performance.now() - start) / 1000;
  const rss = Math.max(...[...r.stderr.matchAll(/maxRSS-KiB=(\d+)/g)].map((m) => Number(m[1])));
  // The probe also runs in each worker when it stops: the main thread's figure (the largest) is the process's.
  const cpuSeconds = Math.max(...[...r.stderr.matchAll(/cpu-ms=(\d+)/g)].map((m) => Number(m[1]))) / 1000;
  let report: { summary: Measured["summary"]; results: unknown[] };
  try {
    report = JSON.parse(r.stdout) as typeof report;
  } catch {
    console.error(`--workers ${workers}: exit ${r.status}, no JSON report\n${r.stderr.slice(0, 2000)}`);
    process.exit(1);
  }
  return { workers, seconds, cpuSeconds, rssMiB: rss / 1024, summary: report.summary, results: JSON.stringify(report.results), code: r.status, report: report as never };
}

const show = (label: string, m: ReturnType<typeof measure>, before: string) =>
  console.log(
    `${label}: ${m.seconds.toFixed(1)} s wall, ${m.cpuSeconds.toFixed(1)} s CPU (${(m.cpuSeconds / m.seconds).toFixed(2)} cores busy), peak RSS ${m.rssMiB.toFixed(0)} MiB, ` +
      `${m.summary.passed} passed, ${m.summary.failed} failed, ${m.summary.errors} errors (exit ${m.code}; load average before ${before}, after ${load()})`,
  );

const sliceOnly = process.argv.includes("--slice-only");
let allPass = true;
let same = true;
for (const mode of sliceOnly ? [] : modes) {
  console.log(mode === "proved" ? "whole suite as `iam-spec test` runs it (every mayNot sampled, then proved):" : "whole suite, sampling only (--no-prove):");
  const measured: Measured[] = [];
  for (const workers of workerCounts) {
    const before = load();
    const m = measure(workers, mode === "proved" ? [] : ["--no-prove"])!;
    measured.push(m);
    show(`  --workers ${workers}`, m, before);
    if (mode === "proved") {
      const methods = m.report.results.map((r) => r.evidence?.method);
      console.log(`    evidence: ${methods.filter((e) => e === "proved").length} proved, ${methods.filter((e) => e === "sampled").length} sampled, ${methods.filter((e) => e === "exact").length} exact`);
    }
  }
  const base = measured.find((m) => m.workers === 1);
  for (const m of measured) {
    if (base && m !== base) {
      console.log(
        `  speedup with ${m.workers} workers: ${(base.seconds / m.seconds).toFixed(2)}x ` +
          `(at most ${(Math.min(m.workers, cpus().length) / Math.max(1, base.cpuSeconds / base.seconds)).toFixed(2)}x: ${m.workers} workers on ${cpus().length} CPUs, where --workers 1 keeps ${(base.cpuSeconds / base.seconds).toFixed(2)} cores busy; ` +
          `below 1 core busy, the machine did not give the run a whole core and the bound says nothing)`,
      );
    }
  }
  const pass = measured.every((m) => m.summary.failed === 0 && m.summary.errors === 0 && m.summary.passed === options.expectations);
  const identical = measured.every((m) => m.results === measured[0]!.results);
  console.log(`  every expectation passed: ${pass ? "yes" : "NO"}; reports identical across worker counts: ${identical ? "yes" : "NO"}`);
  allPass &&= pass;
  same &&= identical;
}

let sliceOk = true;
if (proveSlices > 0) {
  // Fewer than 100 expectations start no worker: the slice runs in one thread whatever --workers says.
  const before = load();
  const m = measure(Math.max(...workerCounts), ["--shard", `1/${proveSlices}`], proveTimeoutMs);
  if (!m) {
    console.log(`with proofs, slice 1/${proveSlices} of the suite: NOT FINISHED within ${proveTimeoutMs / 1000} s (stopped; load average before ${before}, after ${load()})`);
    sliceOk = false;
  } else {
    const evidence = m.report.results.map((r) => r.evidence?.method);
    const proved = evidence.filter((e) => e === "proved").length;
    const sampled = evidence.filter((e) => e === "sampled").length;
    console.log(`with proofs, slice 1/${proveSlices} of the suite (${m.report.results.length} expectations: ${proved} mayNot proved, ${sampled} left sampled):`);
    show(`  --shard 1/${proveSlices}`, m, before);
    if (proved + sampled > 0) console.log(`  about ${(m.cpuSeconds / (proved + sampled)).toFixed(1)} s of CPU per mayNot (the whole run's CPU, loading included, over its mayNot)`);
    sliceOk = m.summary.failed === 0 && m.summary.errors === 0;
  }
}
if (!out) rmSync(dir, { recursive: true, force: true });
if (!allPass || !same || !sliceOk) process.exitCode = 1;
