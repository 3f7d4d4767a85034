/**
 * `npm run bench:fuzz`: runs every planted-loophole scenario with the fuzzer and with a uniform-random
 * baseline (same seeds, same budget, same process) and prints found/total on the buggy variants, false
 * alarms on the fixed ones (must be 0), and median and worst time-to-find.
 * Options: --runs N (default 100, the default budget), --seeds N (seeds per scenario, default 5).
 */
import type { Candidate } from "../../src/compile/sources.js";
import { fuzzSource, uniformSource } from "../../src/fuzz/index.js";
import type { RequestSource } from "../../src/compile/sources.js";
import { build, type Scenario } from "./harness.js";
import { scenarios } from "./scenarios.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg("runs", 100);
const SEEDS = arg("seeds", 5);
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;

interface Trial {
  found: Candidate | undefined;
  ms: number;
  verified: boolean;
}

function trial(source: RequestSource, s: Scenario, variant: "buggy" | "fixed", seed: number): Trial {
  const { space, isAllowed } = build(s, s[variant]);
  const t0 = performance.now();
  let found: Candidate | undefined;
  for (const c of source.candidates(space, { seed, runs: RUNS })) {
    found = c;
    break;
  }
  const ms = performance.now() - t0;
  return { found, ms, verified: found ? isAllowed(found) : true };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const list = scenarios.filter((s) => !only || s.id === only);
const sources: [string, RequestSource][] = [
  ["fuzz", fuzzSource()],
  ["fuzz-random-only", fuzzSource({ skipExhaustive: true })],
  ["uniform", uniformSource()],
];
const summary: Record<string, { found: number; trials: number; scenariosFound: number; falseAlarms: number; times: number[]; missed: string[] }> = {};
for (const [name] of sources) summary[name] = { found: 0, trials: 0, scenariosFound: 0, falseAlarms: 0, times: [], missed: [] };

for (const s of list) {
  const cells: string[] = [];
  for (const [name, source] of sources) {
    const sum = summary[name]!;
    let hits = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const t = trial(source, s, "buggy", seed);
      sum.trials++;
      if (t.found && t.verified) {
        hits++;
        sum.found++;
        sum.times.push(t.ms);
      }
      const f = trial(source, s, "fixed", seed);
      if (f.found) {
        sum.falseAlarms++;
        console.log(`  FALSE ALARM ${name} ${s.id} seed ${seed}: ${f.found.action} on ${f.found.resource} as ${f.found.caller.principal} ${JSON.stringify(f.found.context)}`);
      }
      if (seed === 1 && name === "fuzz" && process.argv.includes("--show") && t.found) {
        console.log(`  ${s.id}: ${t.found.action} on ${t.found.resource} as ${t.found.caller.principal} ${JSON.stringify(t.found.context)} [${(t.found as { origin?: string }).origin}]`);
      }
    }
    if (hits === SEEDS) sum.scenariosFound++;
    else sum.missed.push(`${s.id} (${hits}/${SEEDS})`);
    cells.push(`${name} ${hits}/${SEEDS}`);
  }
  console.log(`${s.id.padEnd(40)} ${cells.join("  ")}`);
}

console.log(`\nbudget: ${RUNS} random requests per expectation, ${SEEDS} seeds per scenario, ${list.length} scenarios`);
for (const [name] of sources) {
  const sum = summary[name]!;
  const t = sum.times;
  console.log(
    `${name.padEnd(8)} found ${sum.scenariosFound}/${list.length} scenarios (${sum.found}/${sum.trials} trials)  false alarms ${sum.falseAlarms}  ` +
      `time-to-find median ${median(t).toFixed(1)} ms, worst ${t.length ? Math.max(...t).toFixed(1) : "-"} ms` +
      (sum.missed.length ? `\n         missed: ${sum.missed.join(", ")}` : ""),
  );
}
