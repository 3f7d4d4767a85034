// How far two threads can speed up the scale suite on this machine, part by part:
//   npm run bench:scale:ceiling [-- SPECS [N]]   (SPECS: the specs folder of a suite from generate.ts, e.g.
//   DIR/specs after `npm run bench:scale -- --out DIR`; without it, the full suite is generated in a temporary folder)
// 1. a pure arithmetic loop, alone and in two threads at once: what the cores give;
// 2. loading the suite (the serial part of a run: one thread loads before any checking);
// 3. checking the same 2N expectations (default N = 2,000) in one worker thread, then N in each of two
//    worker threads at once: what the checking itself gains from a second thread.
// Prints each time and the ratios, and the speedup a whole run can reach at most from them.
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const DIST = new URL("../../dist/src/", import.meta.url).href;

function spin() {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 3e8; i++) x = (x * 31 + i) | 0;
  return { seconds: (performance.now() - t0) / 1000, x };
}

/** Loads the suite, then checks items [from, to) in order; times both. */
async function loadAndCheck(specs, from, to) {
  const { limitHeapGrowth } = await import(DIST + "run/heap.js");
  const { loadSuite } = await import(DIST + "run/load-suite.js");
  const { createChecker, defaultEvaluator } = await import(DIST + "run/check-one.js");
  const { discoverSpecs } = await import(DIST + "load/discover.js");
  limitHeapGrowth();
  const t0 = performance.now();
  const found = await discoverSpecs([specs], process.cwd());
  const suite = await loadSuite(found.files, { cwd: process.cwd() });
  const loadSeconds = (performance.now() - t0) / 1000;
  const check = createChecker({ cwd: process.cwd(), seed: 1, requireProof: false, evaluator: await defaultEvaluator() });
  const items = suite.items.slice(from, to);
  const t1 = performance.now();
  let passed = 0;
  let firstSeconds = 0;
  for (const [i, item] of items.entries()) {
    for (const r of await check(item)) if (r.status === "passed") passed++;
    if (i + 1 === WARM) firstSeconds = (performance.now() - t1) / 1000;
  }
  return { loadSeconds, checkSeconds: (performance.now() - t1) / 1000, firstSeconds, checked: items.length, passed };
}

/** The first expectations checked, timed apart: they include compiling the checking code (JIT). */
const WARM = 500;

function inWorker(data) {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: data });
    w.once("message", resolve);
    w.once("error", reject);
  });
}

if (!isMainThread) {
  parentPort.postMessage(workerData.kind === "spin" ? spin() : await loadAndCheck(workerData.specs, workerData.from, workerData.to));
} else {
  let specs = process.argv[2];
  const n = Number(process.argv[3] ?? 2000);
  if (!specs) {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { FULL_SIZE, generateOrg } = await import("./generate.ts");
    specs = generateOrg(mkdtempSync(join(tmpdir(), "iam-spec-ceiling-")), FULL_SIZE).specs;
    console.log(`suite generated: ${specs}`);
  }
  const { loadavg, cpus } = await import("node:os");
  console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  const alone = (await inWorker({ kind: "spin" })).seconds;
  const pair = (await Promise.all([inWorker({ kind: "spin" }), inWorker({ kind: "spin" })])).map((r) => r.seconds);
  const cpuRatio = (2 * alone) / Math.max(...pair);
  console.log(`arithmetic loop: ${alone.toFixed(2)} s alone, ${pair.map((s) => s.toFixed(2)).join(" s and ")} s in two threads at once: the cores give ${cpuRatio.toFixed(2)}x`);
  const one = await inWorker({ kind: "check", specs, from: 0, to: 2 * n });
  const two = await Promise.all([inWorker({ kind: "check", specs, from: 0, to: n }), inWorker({ kind: "check", specs, from: n, to: 2 * n })]);
  const checkTwo = Math.max(...two.map((r) => r.checkSeconds));
  const checkRatio = one.checkSeconds / checkTwo;
  const ok = one.passed === one.checked && two.every((r) => r.passed === r.checked);
  console.log(`loading the suite: ${one.loadSeconds.toFixed(2)} s (one thread alone), ${two.map((r) => r.loadSeconds.toFixed(2)).join(" s and ")} s (two at once)`);
  console.log(`checking ${one.checked} expectations: ${one.checkSeconds.toFixed(2)} s in one thread; ${two.map((r) => `${r.checked} in ${r.checkSeconds.toFixed(2)} s`).join(" and ")} in two threads at once: ${checkRatio.toFixed(2)}x${ok ? "" : " (NOT every expectation passed)"}`);
  const rate = (r) => `first ${WARM} in ${r.firstSeconds.toFixed(2)} s, then ${((r.checkSeconds - r.firstSeconds) / ((r.checked - WARM) / 1000)).toFixed(2)} s per 1,000`;
  console.log(`  one thread: ${rate(one)}; two threads: ${two.map(rate).join("; ")}`);
  // A run of the whole suite: T1 = load + check, T2 >= load + check / checkRatio (the load is serial).
  const total = one.checkSeconds * (10_000 / one.checked);
  const bound = (one.loadSeconds + total) / (one.loadSeconds + total / checkRatio);
  console.log(`so for 10,000 expectations (checking about ${total.toFixed(1)} s in one thread after a ${one.loadSeconds.toFixed(1)} s load), two workers give at most ${bound.toFixed(2)}x`);
}
