/**
 * `npm run bench:escalation`: the planted-escalation benchmark. Every folder of
 * bench/escalation/scenarios/ holds one escalation method as a `buggy/` and a `fixed/` environment with
 * the same mayNotBecome spec (scenarios.json names the method, its AWS page and the fix). Each variant
 * runs through the real CLI entry at several seeds: a buggy variant is found when the expectation
 * fails with a path whose steps include the scenario's method; a fixed variant that fails is a false
 * alarm. Prints found / total, false alarms, methods covered and time per scenario.
 * Options: --seeds N (default 3), --only NAME.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIR = join(ROOT, "bench/escalation");
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SEEDS = Number(arg("seeds") ?? 3);
const only = arg("only");

interface Meta {
  name: string;
  method: string;
  aws: string;
  fix: string;
}
interface Result {
  status: string;
  message?: string;
  path?: { action: string }[];
}

export const scenarios = JSON.parse(readFileSync(join(DIR, "scenarios.json"), "utf8")) as Meta[];

export async function runVariant(name: string, variant: "buggy" | "fixed", seed: number): Promise<{ code: number; result: Result | undefined; ms: number }> {
  let stdout = "";
  const t0 = performance.now();
  const code = await main(["test", join(DIR, "scenarios", name, variant), "--seed", String(seed), "--reporter", "json"], {
    stdout: (t) => void (stdout += t),
    stderr: () => {},
    cwd: ROOT,
    env: {},
    isTTY: false,
  });
  const ms = performance.now() - t0;
  const report = JSON.parse(stdout) as { results: Result[] };
  return { code, result: report.results[0], ms };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let found = 0;
  let buggyRuns = 0;
  let falseAlarms = 0;
  const missed: string[] = [];
  const times: number[] = [];
  const list = scenarios.filter((s) => !only || s.name === only);
  console.log(`${list.length} scenarios x ${SEEDS} seeds\n`);
  const width = Math.max(36, ...list.map((s) => s.method.length + 2));
  console.log(`${"scenario".padEnd(32)}${"method".padEnd(width)}buggy   fixed   ms/run`);
  for (const s of list) {
    let f = 0;
    let fa = 0;
    let ms = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const b = await runVariant(s.name, "buggy", seed);
      const hit = b.code === 1 && b.result?.status === "failed" && (b.result.path ?? []).some((st) => st.action === s.method);
      if (hit) f++;
      const x = await runVariant(s.name, "fixed", seed);
      if (x.code !== 0) fa++;
      ms += b.ms + x.ms;
      times.push(b.ms, x.ms);
    }
    found += f;
    buggyRuns += SEEDS;
    falseAlarms += fa;
    if (f < SEEDS) missed.push(s.name);
    console.log(`${s.name.padEnd(32)}${s.method.padEnd(width)}${`${f}/${SEEDS}`.padEnd(8)}${`${fa} FA`.padEnd(8)}${(ms / (2 * SEEDS)).toFixed(0)}`);
  }
  const methods = new Set(list.map((s) => s.method));
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`\nfound ${found}/${buggyRuns} buggy runs (${list.length - missed.length}/${list.length} scenarios at every seed)`);
  console.log(`false alarms on fixed twins: ${falseAlarms}`);
  console.log(`methods covered: ${methods.size}`);
  console.log(`time per run: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, worst ${sorted[sorted.length - 1]!.toFixed(0)} ms`);
  if (missed.length > 0) console.log(`missed: ${missed.join(", ")}`);
  process.exitCode = missed.length > 0 || falseAlarms > 0 ? 1 : 0;
}
