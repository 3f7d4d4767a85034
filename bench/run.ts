/**
 * `npm run bench`: evaluate() against iam-simulate's runSimulation on the workloads of issue 5, in one
 * process and on the same request streams. Prints evaluations per second for both and the ratio
 * (ratios stay comparable on noisy machines; absolute figures do not). Then cold start and memory.
 *
 *   tsx bench/run.ts [--quick] [--only a,b,c] [--json FILE]
 *
 * iam-simulate (AGPL) is a devDependency, used here only through its public API as the baseline.
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { compilePolicy, evaluate } from "../src/index.js";
import type { EvaluateInput, PolicyLike, PolicyType } from "../src/types.js";
import { withDerivedContext } from "../test/diff/compare.js";
import { oracleDecide, toSimulation } from "../test/diff/oracle.js";
import { coldStart, type ColdStart } from "./cold-start.js";
import { rateAsync, rateSync, type Rate } from "./measure.js";
import { WORKLOADS, type Workload } from "./workloads.js";

const { values } = parseArgs({
  options: { quick: { type: "boolean" }, only: { type: "string" }, json: { type: "string" }, "no-cold": { type: "boolean" } },
});
const ourBudget = values.quick ? 250 : 1000;
const theirBudget = values.quick ? 400 : 1500;

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
  oursRaw: Rate;
  oursCompiled: Rate;
  theirs: Rate;
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
  const oursRaw = rateSync(w.requests, (r) => evaluate(r).decision === "Allow", ourBudget);
  const oursCompiled = rateSync(compiled, (r) => evaluate(r).decision === "Allow", ourBudget);
  const theirs = await rateAsync(sims, (s) => runSimulation(s, { simulationMode: "Strict" }), theirBudget);
  return { id: w.id, title: w.title, requests: w.requests.length, agree, allows, oursRaw, oursCompiled, theirs };
}

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

async function main(): Promise<void> {
  const only = values.only?.split(",");
  const results: WorkloadResult[] = [];
  let peakRss = process.memoryUsage().rss;
  console.log(`iam-spec bench — node ${process.version}, ${cpus()[0]?.model ?? "?"} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${new Date().toISOString()}`);
  console.log(`budget per round: ours ${ourBudget} ms, iam-simulate ${theirBudget} ms; median of 3 rounds after a warm-up round\n`);
  for (const make of WORKLOADS) {
    const w = make();
    if (only && !only.includes(w.id)) continue;
    const r = await runWorkload(w);
    results.push(r);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    console.log(`(${r.id}) ${r.title}: ${r.requests} requests in the stream, ${r.allows} allowed, decisions agree ${r.agree}/${r.requests}`);
    console.log(`    evaluate(), raw documents      ${fmt(r.oursRaw.perSecond).padStart(12)} evals/s   ratio ${(r.oursRaw.perSecond / r.theirs.perSecond).toFixed(0)}x`);
    console.log(`    evaluate(), compilePolicy()    ${fmt(r.oursCompiled.perSecond).padStart(12)} evals/s   ratio ${(r.oursCompiled.perSecond / r.theirs.perSecond).toFixed(0)}x`);
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
  if (values.json) writeFileSync(values.json, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, results, cold, maxRssKiB: usage.maxRSS }, null, 2));
}

await main();
