/**
 * `npm run bench:diff`: `iam-spec diff` through the CLI entry on
 * - the examples: each example against itself (x x), and against its `failing/` variant where there is one;
 * - the end-to-end loophole corpus (test/fixtures/loopholes): fixed -> buggy and buggy -> fixed;
 * - the planted-loophole benchmark (bench/fuzz/scenarios.ts), written out as environments: fixed -> buggy
 *   (is the loophole's principal and action reported?) and buggy -> fixed.
 * Prints wall time and CPU time per diff (proofs included: the default --proof-budget), whether "no new
 * access" was proved or only sampled, (the machine may be shared: CPU time is what the diff costs),
 * the load average, and the worst times. Options: --seed N (default 1), --only SUBSTRING.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";
import { expandActionPattern } from "../../src/data/actions.js";
import { scenarios } from "../fuzz/scenarios.js";
import { writeEnvironment } from "./scenario-env.js";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
const arg = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const SEED = arg("seed") ?? "1";
const only = arg("only");

interface Row {
  principalName: string;
  action: string;
}
interface Measured {
  name: string;
  wallMs: number;
  cpuMs: number;
  code: number;
  newAccess: Row[];
  requests: number;
  changed: number;
  unchanged: number;
  /** Whether "no new access beyond the rows" was proved, and the pairs left only sampled. */
  proof: string;
  sampledOnly: number;
  note?: string;
}

async function diff(name: string, base: string, head: string): Promise<Measured> {
  let stdout = "";
  let stderr = "";
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const code = await main(["diff", base, head, "--seed", SEED, "--reporter", "json"], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: ROOT,
    env: {},
    isTTY: false,
  });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const report = JSON.parse(stdout) as {
    newAccess: Row[];
    sampledOnly?: unknown[];
    summary?: { requests: number; changed: number; unchanged: number; evidence?: { newAccess: string } };
    errors?: { message: string }[];
  };
  if (code === 2) throw new Error(`${name}: ${report.errors?.map((e) => e.message).join("; ") ?? stderr}`);
  return {
    name,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    code,
    newAccess: report.newAccess,
    requests: report.summary?.requests ?? 0,
    changed: report.summary?.changed ?? 0,
    unchanged: report.summary?.unchanged ?? 0,
    proof: report.summary?.evidence?.newAccess ?? "?",
    sampledOnly: report.sampledOnly?.length ?? 0,
  };
}

const results: Measured[] = [];
const wanted = (name: string) => !only || name.includes(only);

// Examples.
for (const ex of readdirSync(join(ROOT, "examples"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  const dir = `examples/${ex}`;
  if (wanted(`${dir} x x`)) results.push(await diff(`${dir}/specs x x`, `${dir}/specs`, `${dir}/specs`));
  if (existsSync(join(ROOT, dir, "failing/env.yaml")) && wanted(`${dir} -> failing`)) {
    results.push(await diff(`${dir}/env.yaml -> failing/env.yaml`, `${dir}/env.yaml`, `${dir}/failing/env.yaml`));
  }
}

// The end-to-end loophole corpus.
const fixtures = "test/fixtures/loopholes";
for (const s of readdirSync(join(ROOT, fixtures), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  if (!wanted(`loopholes/${s}`)) continue;
  results.push(await diff(`loopholes/${s} fixed -> buggy`, `${fixtures}/${s}/fixed`, `${fixtures}/${s}/buggy`));
  results.push(await diff(`loopholes/${s} buggy -> fixed`, `${fixtures}/${s}/buggy`, `${fixtures}/${s}/fixed`));
}

// The planted-loophole benchmark, as environments.
const tmp = mkdtempSync(join(tmpdir(), "iam-spec-bench-diff-"));
let benchFound = 0;
let benchTotal = 0;
const benchMissed: string[] = [];
try {
  for (const s of scenarios.filter((x) => wanted(`bench/${x.id}`))) {
    const fixed = writeEnvironment(join(tmp, s.id, "fixed"), s.fixed);
    const buggy = writeEnvironment(join(tmp, s.id, "buggy"), s.buggy);
    const m = await diff(`bench/${s.id} fixed -> buggy`, fixed, buggy);
    const actions = new Set(s.mayNot.flatMap(expandActionPattern).map((a) => a.toLowerCase()));
    const askers = (r: Row) => s.as.some((a) => r.principalName === a || (a.split(":")[4] !== undefined && !a.includes(`:${"111122223333"}:`) && r.principalName.includes(`account ${a.split(":")[4]}`)));
    const hit = m.newAccess.some((r) => askers(r) && actions.has(r.action.toLowerCase()));
    benchTotal++;
    if (hit) benchFound++;
    else benchMissed.push(s.id);
    results.push({ ...m, note: hit ? "loophole reported" : "loophole NOT reported" });
    const back = await diff(`bench/${s.id} buggy -> fixed`, buggy, fixed);
    results.push({ ...back, note: `${back.newAccess.length} new access rows` });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`iam-spec diff benchmark — seed ${SEED}, ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} (1, 5, 15 min) at the end`);
console.log("");
console.log(`| diff | wall ms | CPU ms | exit | new | requests | changed / all pairs | no new access | only sampled | note |`);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |`);
for (const r of results) {
  console.log(`| ${pad(r.name, 10)} | ${r.wallMs.toFixed(0)} | ${r.cpuMs.toFixed(0)} | ${r.code} | ${r.newAccess.length} | ${r.requests} | ${r.changed} / ${r.changed + r.unchanged} | ${r.proof} | ${r.sampledOnly} | ${r.note ?? ""} |`);
}
const worstWall = results.reduce((a, b) => (b.wallMs > a.wallMs ? b : a), results[0]!);
const worstCpu = results.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a), results[0]!);
const over = results.filter((r) => r.cpuMs > 5000);
console.log("");
const proved = results.filter((r) => r.proof === "proved").length;
console.log(`"no new access beyond the rows" proved in ${proved} / ${results.length} diffs`);
console.log(`diffs: ${results.length}; worst wall ${worstWall.wallMs.toFixed(0)} ms (${worstWall.name}); worst CPU ${worstCpu.cpuMs.toFixed(0)} ms (${worstCpu.name}); over 5 s of CPU: ${over.length}`);
if (benchTotal > 0) console.log(`planted-loophole benchmark: loophole reported by diff fixed -> buggy in ${benchFound} / ${benchTotal}${benchMissed.length ? ` (missed: ${benchMissed.join(", ")})` : ""}`);
