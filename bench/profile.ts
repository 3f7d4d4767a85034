/**
 * Runs evaluate() alone on one workload for a few seconds, for `node --cpu-prof`:
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.ts a [seconds]
 * then `tsx bench/hotspots.ts /tmp/prof/*.cpuprofile` lists the functions by self time.
 */
import { evaluate } from "../src/index.js";
import { WORKLOADS } from "./workloads.js";

const id = process.argv[2] ?? "a";
const seconds = Number(process.argv[3] ?? 3);
const w = WORKLOADS.map((m) => m()).find((x) => x.id === id);
if (!w) throw new Error(`no workload ${id}`);
const end = performance.now() + seconds * 1000;
let n = 0;
while (performance.now() < end) {
  for (const r of w.requests) evaluate(r);
  n += w.requests.length;
}
console.log(`${id}: ${Math.round(n / seconds).toLocaleString("en-US")} evals/s under the profiler`);
