/**
 * JUnit XML for CI test dashboards: <testsuites> > one <testsuite> per spec file > <testcase> per
 * expectation, with <failure> for an expectation that does not hold and <error> for invalid input;
 * with `--coverage`, a "statement coverage" suite (see coverageSuite).
 */
import { statementName } from "./statement.js";
import type { ExpectationResult, Output, Reporter, SuiteResult } from "./types.js";
import { formatInputError } from "./types.js";
import { groupByFile } from "./group.js";
import { describeEvidence } from "./evidence.js";
import type { CoverageReport } from "../statement-coverage/coverage.js";
import { coverageFigure, coverageVerdict, unreachedAllow } from "./coverage.js";

export class JunitReporter implements Reporter {
  readonly name = "junit";

  report(result: SuiteResult, out: Output): void {
    const { passed, failed, errors } = result.summary;
    const cov = result.coverage;
    // With --coverage, one more suite of one case: failed when below --min-coverage (the run fails too).
    const covFailed = cov?.met === false ? 1 : 0;
    const lines = [
      `<?xml version="1.0" encoding="UTF-8"?>`,
      `<testsuites name="iam-spec" tests="${passed + failed + errors + (cov ? 1 : 0)}" failures="${failed + covFailed}" errors="${errors}">`,
    ];
    for (const [file, results] of groupByFile(result.results)) {
      const f = results.filter((r) => r.status === "failed").length;
      const e = results.filter((r) => r.status === "error").length;
      lines.push(
        `  <testsuite name="${attr(file)}" tests="${results.length}" failures="${f}" errors="${e}" skipped="0">`,
        `    <properties>`,
        `      <property name="seed" value="${result.seed}"/>`,
        `    </properties>`,
      );
      for (const r of results) lines.push(...testcase(r));
      lines.push(`  </testsuite>`);
    }
    if (cov) lines.push(...coverageSuite(cov, result.seed));
    lines.push(`</testsuites>`);
    out.stdout(lines.join("\n") + "\n");
    // JUnit has no place for warnings; stderr keeps them visible without touching the XML.
    if (result.warnings && result.warnings.length > 0) out.stderr(result.warnings.join("\n") + "\n");
  }
}

/**
 * `--coverage` as a suite of one case, "Allow statements reached": the figures as properties, each
 * unreached Allow statement (file:line) in its output, a <failure> below `--min-coverage`.
 */
function coverageSuite(cov: CoverageReport, seed: number): string[] {
  const failed = cov.met === false;
  const props: [string, string][] = [
    ["coverage.allow.total", String(cov.allow.total)],
    ["coverage.allow.reached", String(cov.allow.reached)],
    ["coverage.allow.percent", cov.allow.percent === null ? "" : cov.allow.percent.toFixed(1)],
    ...(cov.minimum !== undefined ? [["coverage.minimum", String(cov.minimum)] as [string, string]] : []),
  ];
  const unreached = unreachedAllow(cov).map((s) => {
    const { what, at } = statementName({ ...s });
    return `unreached Allow statement: ${at ? `${at} ` : ""}${what}`;
  });
  const figure = `${coverageFigure(cov)}${coverageVerdict(cov) ? `; ${coverageVerdict(cov)}` : ""}`;
  return [
    `  <testsuite name="statement coverage" tests="1" failures="${failed ? 1 : 0}" errors="0" skipped="0">`,
    `    <properties>`,
    `      <property name="seed" value="${seed}"/>`,
    `    </properties>`,
    `    <testcase classname="statement coverage" name="Allow statements reached">`,
    `      <properties>`,
    ...props.map(([n, v]) => `        <property name="${n}" value="${attr(v)}"/>`),
    `      </properties>`,
    ...(failed ? [`      <failure message="${attr(figure)}" type="CoverageBelowMinimum">${text([figure, ...unreached].join("\n"))}</failure>`] : []),
    `      <system-out>${text([figure, ...unreached].join("\n"))}</system-out>`,
    `    </testcase>`,
    `  </testsuite>`,
  ];
}

function testcase(r: ExpectationResult): string[] {
  const line = r.position ? ` line="${r.position.line}"` : "";
  const open = `    <testcase classname="${attr(r.file)}" name="${attr(r.name)}" file="${attr(r.file)}"${line}`;
  if (r.status === "error") {
    const msg = formatInputError(r);
    return [`${open}>`, `      <error message="${attr(msg)}" type="InputError">${text(msg)}</error>`, `    </testcase>`];
  }
  // The evidence as properties (machine-readable) and in the case's output, where dashboards show it,
  // with a note on a pass (--fuzz-time ran out).
  const out = [...(r.note ? [`note: ${r.note}`] : []), ...(r.evidence ? [`evidence: ${describeEvidence(r.evidence, r.status)}`] : [])];
  return [
    `${open}>`,
    ...evidenceProperties(r),
    ...(r.status === "failed"
      ? [`      <failure message="${attr(r.message ?? "expectation does not hold")}" type="ExpectationFailed">${text(details(r))}</failure>`]
      : []),
    ...(out.length > 0 ? [`      <system-out>${text(out.join("\n"))}</system-out>`] : []),
    `    </testcase>`,
  ];
}

function evidenceProperties(r: ExpectationResult): string[] {
  const e = r.evidence;
  if (!e) return [];
  const props: [string, string][] = [["evidence.method", e.method], ["evidence.requests", String(e.requests)], ...(e.reason ? [["evidence.reason", e.reason] as [string, string]] : [])];
  return [`      <properties>`, ...props.map(([n, v]) => `        <property name="${n}" value="${attr(v)}"/>`), `      </properties>`];
}

/** The failure body: the same facts the pretty reporter shows, as plain text. */
function details(r: ExpectationResult): string {
  const where = r.position ? `${r.file}:${r.position.line}:${r.position.column}` : r.file;
  const lines = [`${where}: ${r.message ?? "expectation does not hold"}`];
  const cx = r.counterexample;
  if (cx) {
    lines.push(`principal: ${cx.principal}`, `action: ${cx.action}`, `resource: ${cx.resource}`);
    lines.push(`context: ${JSON.stringify(cx.context)}`, `decision: ${cx.decision}`);
  }
  // A path between principals: one step a line (principal, action, resource, decision).
  r.path?.forEach((s, i) => lines.push(`step ${i + 1}: ${s.principal} ${s.action} ${s.resource} ${s.decision}${s.context && Object.keys(s.context).length > 0 ? ` ${JSON.stringify(s.context)}` : ""}`));
  if (r.reason) lines.push(`why: ${r.reason}`);
  for (const s of r.deciding ?? []) {
    const { what, at } = statementName(s);
    lines.push(`${s.effect} ${what}${at ? ` at ${at}` : ""}`);
  }
  if (r.reproduce) lines.push(`reproduce: ${r.reproduce}`);
  return lines.join("\n");
}

// XML 1.0 forbids most control characters even when escaped; drop them rather than emit invalid XML.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function text(s: string): string {
  return s.replace(INVALID_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attr(s: string): string {
  return text(s).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}
