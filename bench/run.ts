/**
 * `npm run bench`: evaluate() against iam-simulate's runSimulation on the workloads of docs/performance.md, in one
 * process and on the same request streams. Prints evaluations per second for both and the ratio
 * (ratios stay comparable on noisy machines; absolute figures do not). Then cold start and memory.
 *
 *   tsx bench/run.ts [--quick] [--only a,b,c] [--json FILE] [--src] [--no-cold]
 *
 * Our evaluator is measured as users run it: the tsc build in dist/ (`npm run build` first). Under tsx
 * the same code runs slower (esbuild wraps inner functions in `__name()` helpers: about 40% on (a)),
 * so `--src`, which measures src/ through tsx, is for a quick look only. The run warns when dist/ is
 * older than src/.
 *
 * iam-simulate (AGPL) is a devDependency, used here only through its public API as the baseline.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { EvaluateInput, PolicyLike, PolicyType } from "../src/types.js";
import { withDerivedContext } from "../test/diff/compare.js";
import { oracleDecide, toSimulation } from "../test/diff/oracle.js";
import { coldStart, type ColdStart } from "./cold-start.js";
import { rateAsync, rateSync } from "./measure.js";
import { WORKLOADS, type Workload } from "./workloads.js";

const { values } = parseArgs({
  options: { quick: { type: "boolean" }, only: { type: "string" }, json: { type: "string" }, "no-cold": { type: "boolean" }, src: { type: "boolean" } },
});

const DIST = resolve("dist/src/index.js");
const fromDist = !values.src && existsSync(DIST);
const lib = (fromDist ? await import(pathToFileURL(DIST).href) : await import("../src/index.js")) as typeof import("../src/index.js");
const { compilePolicy, evaluate } = lib;

/** Newest modification time of the .ts files under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : e.name.endsWith(".ts") ? statSync(p).mtimeMs : 0);
  }
  return t;
}
const ourBudget = values.quick ? 250 : 1000;
const theirBudget = values.quick ? 400 : 1500;
const ROUNDS = values.quick ? 3 : 5;

interface Measured {
  /** Median evaluations per second over the rounds. */
  perSecond: number;
  /** Median over the rounds of (this / iam-simulate in the same round). */
  ratio: number;
  rounds: number[];
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function summary(rates: readonly number[], baseline: readonly number[]): Measured {
  return { perSecond: median(rates), ratio: median(rates.map((r, i) => r / baseline[i]!)), rounds: [...rates] };
}

/** The same stream with every document replaced by one compilePolicy() handle (shared, as a caller would). */
function precompiled(requests: readonly EvaluateInput[]): EvaluateInput[] {
  const handles = new Map<object, PolicyLike>();
  const h = (doc: PolicyLike, type: PolicyType): PolicyLike => {
    let c = handles.get(doc);
    if (!c) handles.set(doc, (c = compilePolicy(doc, type)));
    return c;
  };
  return requests.map((r) => ({
    ...r,
    identityPolicies: r.identityPolicies?.map((d) => h(d, "identity")),
    resourcePolicy: r.resourcePolicy && h(r.resourcePolicy, "resource"),
    permissionsBoundary: r.permissionsBoundary && h(r.permissionsBoundary, "boundary"),
    scps: r.scps?.map((l) => l.map((d) => h(d, "scp"))),
    rcps: r.rcps?.map((l) => l.map((d) => h(d, "rcp"))),
  }));
}

interface WorkloadResult {
  id: string;
  title: string;
  requests: number;
  agree: number;
  allows: number;
  oursRaw: Measured;
  oursCompiled: Measured;
  theirs: Measured;
}

async function runWorkload(w: Workload): Promise<WorkloadResult> {
  // Same answers first: a benchmark of two evaluators that disagree would compare different work.
  let agree = 0;
  let allows = 0;
  for (const r of w.requests) {
    const ours = evaluate(r).decision;
    if (ours === "Allow") allows++;
    if ((await oracleDecide(withDerivedContext(r))).decision === ours) agree++;
  }
  const compiled = precompiled(w.requests);
  // iam-simulate's input is built outside the timed loop, as evaluate()'s is.
  const sims = w.requests.map((r) => toSimulation(withDerivedContext(r)));
  // Interleaved rounds (ours raw, ours compiled, theirs; again): on a shared machine the load drifts,
  // and a ratio taken within one round sees the same load on both sides. Warm-up first, not counted.
  rateSync(w.requests, (r) => evaluate(r).decision === "Allow", ourBudget / 2, 0);
  rateSync(compiled, (r) => evaluate(r).decision === "Allow", ourBudget / 2, 0);
  await rateAsync(sims, (s) => runSimulation(s, { simulationMode: "Strict" }), theirBudget / 2, 0);
  const raw: number[] = [];
  const comp: number[] = [];
  const them: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    raw.push(rateSync(w.requests, (r) => evaluate(r).decision === "Allow", ourBudget, 0).perSecond);
    comp.push(rateSync(compiled, (r) => evaluate(r).decision === "Allow", ourBudget, 0).perSecond);
    them.push((await rateAsync(sims, (s) => runSimulation(s, { simulationMode: "Strict" }), theirBudget, 0)).perSecond);
  }
  const oursRaw = summary(raw, them);
  const oursCompiled = summary(comp, them);
  const theirs = summary(them, them);
  return { id: w.id, title: w.title, requests: w.requests.length, agree, allows, oursRaw, oursCompiled, theirs };
}

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

async function main(): Promise<void> {
  const only = values.only?.split(",");
  const results: WorkloadResult[] = [];
  let peakRss = process.memoryUsage().rss;
  console.log(`iam-spec bench — node ${process.version}, ${cpus()[0]?.model ?? "?"} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${new Date().toISOString()}`);
  console.log(`evaluate() from ${fromDist ? "dist/ (tsc build)" : "src/ through tsx (slower: see the header of bench/run.ts)"}`);
  if (fromDist && newest("src") > statSync(DIST).mtimeMs) console.log("WARNING: src/ is newer than dist/: run `npm run build` for current figures");
  console.log(`${ROUNDS} interleaved rounds of ${ourBudget} ms (ours) / ${theirBudget} ms (iam-simulate) after a warm-up; medians; ratio = median of per-round ratios\n`);
  for (const make of WORKLOADS) {
    const w = make();
    if (only && !only.includes(w.id)) continue;
    const r = await runWorkload(w);
    results.push(r);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    console.log(`(${r.id}) ${r.title}: ${r.requests} requests in the stream, ${r.allows} allowed, decisions agree ${r.agree}/${r.requests}`);
    console.log(`    evaluate(), raw documents      ${fmt(r.oursRaw.perSecond).padStart(12)} evals/s   ratio ${r.oursRaw.ratio.toFixed(0)}x`);
    console.log(`    evaluate(), compilePolicy()    ${fmt(r.oursCompiled.perSecond).padStart(12)} evals/s   ratio ${r.oursCompiled.ratio.toFixed(0)}x`);
    console.log(`    iam-simulate runSimulation     ${fmt(r.theirs.perSecond).padStart(12)} evals/s`);
  }
  let cold: ColdStart | undefined;
  if (!values["no-cold"]) {
    cold = coldStart(values.quick ? 5 : 11);
    console.log("");
    for (const line of cold.lines) console.log(line);
  }
  const usage = process.resourceUsage();
  const mem = process.memoryUsage();
  console.log(`\nmemory: peak RSS ${(Math.max(peakRss, usage.maxRSS * 1024) / 2 ** 20).toFixed(0)} MiB (both evaluators in this process), heap used now ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  if (values.json) writeFileSync(values.json, JSON.stringify({ date: new Date().toISOString(), node: process.version, evaluator: fromDist ? "dist" : "src", cpu: cpus()[0]?.model, results, cold, maxRssKiB: usage.maxRSS }, null, 2));
}

await main();
