/**
 * `npm run bench:scale`: the synthetic organization of generate.ts (by default 1,000 accounts in OUs
 * with SCPs, 10 roles each, 10,000 expectations in 20 spec files sharing one ~4 MB environment),
 * checked by the built CLI with 1 and with 2 workers. Prints the wall time of each, the speedup, the
 * peak RSS of the whole process (all threads), and checks that every expectation passed and that the
 * two reports are identical.
 *
 * Options: --accounts N, --expectations N, --specs N (a smaller suite while iterating), --workers 1,2
 * (the worker counts to run), --seed N (default 1), --out DIR (keep the suite there), --no-prove
 * (sampling only: every mayNot stays sampled; without it each passing mayNot is also proved).
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

const measured: Measured[] = [];
for (const workers of workerCounts) {
  const start = performance.now();
  const args = ["-r", MAXRSS, CLI, "test", specs, "--reporter", "json", "--seed", String(seed), "--workers", String(workers)];
  if (process.argv.includes("--no-prove")) args.push("--no-prove");
  const r = spawnSync(process.execPath, args, {
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  });
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
  const m: Measured = { workers, seconds, cpuSeconds, rssMiB: rss / 1024, summary: report.summary, results: JSON.stringify(report.results) };
  measured.push(m);
  console.log(
    `--workers ${workers}: ${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU, peak RSS ${m.rssMiB.toFixed(0)} MiB, ` +
      `${m.summary.passed} passed, ${m.summary.failed} failed, ${m.summary.errors} errors (exit ${r.status}; load average now ${loadavg()[0]!.toFixed(1)})`,
  );
}

const base = measured.find((m) => m.workers === 1);
for (const m of measured) {
  if (base && m !== base) console.log(`speedup with ${m.workers} workers: ${(base.seconds / m.seconds).toFixed(2)}x`);
}
const allPass = measured.every((m) => m.summary.failed === 0 && m.summary.errors === 0 && m.summary.passed === options.expectations);
const same = measured.every((m) => m.results === measured[0]!.results);
console.log(`every expectation passed: ${allPass ? "yes" : "NO"}; reports identical across worker counts: ${same ? "yes" : "NO"}`);
if (!out) rmSync(dir, { recursive: true, force: true });
if (!allPass || !same) process.exitCode = 1;
