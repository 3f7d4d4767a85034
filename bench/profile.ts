/**
 * Runs evaluate() alone on one workload for a few seconds (after a warm-up), for `node --cpu-prof`:
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.ts a [seconds]
 * then `tsx bench/hotspots.ts /tmp/prof/*.cpuprofile` lists the functions by self time.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { WORKLOADS } from "./workloads.js";

// The tsc build when there is one (as bench/run.ts: tsx adds __name() wrappers that distort the profile).
const DIST = resolve("dist/src/index.js");
const { evaluate } = (existsSync(DIST) ? await import(pathToFileURL(DIST).href) : await import("../src/index.js")) as typeof import("../src/index.js");

const id = process.argv[2] ?? "a";
const seconds = Number(process.argv[3] ?? 3);
const w = WORKLOADS.map((m) => m()).find((x) => x.id === id);
if (!w) throw new Error(`no workload ${id}`);
for (let i = 0; i < 20_000; i++) evaluate(w.requests[i % w.requests.length]!);
const end = performance.now() + seconds * 1000;
let n = 0;
while (performance.now() < end) {
  for (const r of w.requests) evaluate(r);
  n += w.requests.length;
}
console.log(`${id}: ${Math.round(n / seconds).toLocaleString("en-US")} evals/s under the profiler`);
