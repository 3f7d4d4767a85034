/**
 * `npm run diff -- --requests N [--seed S] [--show K] [--json FILE]`: a long differential campaign of
 * evaluate() against @cloud-copilot/iam-simulate (test oracle, devDependency only). Prints agreement
 * figures, disagreements by cause (test/diff/triage.ts, docs/differences.md) and by feature, and
 * up to K examples of each unexplained disagreement. Exit code 1 when any disagreement is unexplained.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { campaign, emptyReport, type Outcome } from "../test/diff/compare.js";
import { scenarios } from "../test/diff/scenarios.js";
import { KNOWN_CAUSES, PENDING_OUR_FIX } from "../test/diff/triage.js";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "5000" },
    seed: { type: "string", default: "20261128" },
    show: { type: "string", default: "2" },
    json: { type: "string" },
  },
});
const total = Number(values.requests);
const seed = Number(values.seed);
const show = Number(values.show);
if (!Number.isInteger(total) || total <= 0 || !Number.isInteger(seed)) {
  console.error("usage: diff --requests N [--seed S] [--show K] [--json FILE]");
  process.exit(2);
}

// Chunks of 1,000 generated from seed, seed+1, ...: memory stays flat, and the run is reproducible
// from (seed, N). Chunk 0 with the default seed is the slice `npm test` runs.
const CHUNK = 1000;
const report = emptyReport();
const started = performance.now();
for (let c = 0; c * CHUNK < total; c++) {
  await campaign(scenarios(seed + c, Math.min(CHUNK, total - c * CHUNK)), report, false);
  if (total > CHUNK) process.stderr.write(`\r${report.requests}/${total} requests`);
}
if (total > CHUNK) process.stderr.write("\n");
const seconds = (performance.now() - started) / 1000;

const compared = report.requests - report.oracleErrors;
const disagreements = compared - report.agreements;
const pct = (n: number, of: number): string => `${((100 * n) / Math.max(of, 1)).toFixed(2)}%`;
console.log(`differential campaign: seed ${seed}, ${report.requests} requests in ${seconds.toFixed(1)} s`);
console.log(`  compared ${compared} (iam-simulate refused ${report.oracleErrors}), agree ${report.agreements} (${pct(report.agreements, compared)}), disagree ${disagreements}`);
console.log(`  our decisions: ${Object.entries(report.byDecision).map(([d, n]) => `${d} ${n}`).join(", ")}`);
console.log("\ndisagreements by cause:");
const side = new Map([...KNOWN_CAUSES, ...PENDING_OUR_FIX].map((c) => [c.id, c.side]));
for (const [id, n] of Object.entries(report.byVerdict).sort((a, b) => b[1] - a[1])) {
  const sides = id === "unexplained" ? "UNEXPLAINED" : [...new Set(id.split("+").map((x) => side.get(x)))].join("+");
  console.log(`  ${String(n).padStart(6)}  ${id}  [${sides}]`);
}
console.log("\nby feature (requests / disagreements):");
for (const [tag, c] of Object.entries(report.byTag).sort((a, b) => b[1].requests - a[1].requests)) {
  console.log(`  ${tag.padEnd(20)} ${String(c.requests).padStart(7)} ${String(c.disagreements).padStart(6)}`);
}

const unexplained = report.outcomes.filter((o) => o.verdict?.id === "unexplained");
for (const o of unexplained.slice(0, show)) printOutcome(o);
if (values.json) {
  writeFileSync(values.json, JSON.stringify({ seed, ...report, outcomes: report.outcomes.filter((o) => o.verdict?.id === "unexplained") }, null, 2));
}
process.exit(unexplained.length > 0 ? 1 : 0);

function printOutcome(o: Outcome): void {
  console.log(`\nUNEXPLAINED: ours ${o.ours}, iam-simulate ${o.theirs} [${o.scenario.tags.join(", ")}]`);
  console.log(JSON.stringify(o.scenario.input, null, 1));
}
