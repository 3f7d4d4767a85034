/**
 * `npm run bench:prove`: what proving costs and what it settles. For every spec folder of the
 * loophole suite (buggy and fixed) and of examples/, the suite runs twice in this process, sampling
 * only (`prove: false`) and sampling then proving; the difference, per `mayNot` expectation, is the
 * proving time. The solver is started once, before the first measurement (start-up is reported apart).
 * Prints: how many mayNot were proved, refuted by the prover, left sampled (with reasons); the median
 * and p95 proving time per mayNot; and the examples' wall time with proofs against without.
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { openSolver } from "../../src/prove/solver.js";
import { runSuite } from "../../src/run/run-suite.js";

const ROOT = resolve(import.meta.dirname, "../..");
const LOOPHOLES = join(ROOT, "test/fixtures/loopholes");
const dirs = [
  ...readdirSync(LOOPHOLES).sort().flatMap((s) => ["buggy", "fixed"].map((v) => join(LOOPHOLES, s, v))),
  ...readdirSync(join(ROOT, "examples")).sort().map((e) => join(ROOT, "examples", e, "specs")),
];

// Start-up: loading the module and z3's first answers (its threads and string theory warm up on the
// first questions of a process: a few hundred milliseconds, once per run).
const t0 = performance.now();
{
  const solver = await openSolver();
  const z = solver.z;
  const w = z.String.const("w");
  await solver.check([z.Or(z.Bool.const("b"), z.InRe(w, z.ReConcat(z.Re.toRe("arn:aws:s3:::b/"), z.Star(z.Range(" ", "~")))))], 5000);
  await solver.check([z.InRe(w, z.Intersect(z.Re.toRe("x"), z.Star(z.Range("a", "z"))))], 5000);
  await solver.close();
}
const startup = performance.now() - t0;

const perMayNot: number[] = [];
const reasons = new Map<string, number>();
let proved = 0;
let refuted = 0;
let sampledFailures = 0;
let sampled = 0;
let exampleWith = 0;
let exampleWithout = 0;
for (const dir of dirs) {
  const a = performance.now();
  const without = await runSuite([dir], { cwd: ROOT, seed: 1, prove: false });
  const b = performance.now();
  const withProofs = await runSuite([dir], { cwd: ROOT, seed: 1 });
  const c = performance.now();
  if (dir.includes("/examples/")) {
    exampleWithout += b - a;
    exampleWith += c - b;
  }
  const mayNots = withProofs.result.results.filter((r) => r.evidence && r.evidence.method !== "exact");
  for (const r of mayNots) {
    if (r.evidence?.method === "proved") r.status === "failed" ? refuted++ : proved++;
    else if (r.status === "failed") sampledFailures++;
    else {
      sampled++;
      const reason = (r.evidence?.reason ?? "").replace(/ on .*/, "");
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  }
  // Expectations that sampling already refuted are not proved: count only those the prover looked at.
  const looked = without.result.results.filter((r) => r.status === "passed" && r.evidence?.method === "sampled").length;
  if (looked > 0) for (let i = 0; i < looked; i++) perMayNot.push((c - b - (b - a)) / looked);
}
const sorted = [...perMayNot].sort((x, y) => x - y);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
console.log(`solver start-up (once per run): ${startup.toFixed(0)} ms`);
console.log(`mayNot results: ${proved} proved, ${refuted} refuted by the prover, ${sampledFailures} refuted by sampling, ${sampled} passed but left sampled`);
for (const [reason, n] of reasons) console.log(`  sampled ${n}x: ${reason}`);
console.log(`proving time per mayNot the prover decided (${sorted.length}): median ${pct(0.5).toFixed(0)} ms, p95 ${pct(0.95).toFixed(0)} ms, max ${pct(1).toFixed(0)} ms`);
console.log(`examples: ${exampleWith.toFixed(0)} ms with proofs, ${exampleWithout.toFixed(0)} ms sampling only (ratio ${(exampleWith / exampleWithout).toFixed(2)}x)`);
process.exit(0);
