/**
 * JUnit XML for CI test dashboards: <testsuites> > one <testsuite> per spec file > <testcase> per
 * expectation, with <failure> for an expectation that does not hold and <error> for invalid input.
 */
import { statementName } from "./statement.js";
import type { ExpectationResult, Output, Reporter, SuiteResult } from "./types.js";
import { formatInputError } from "./types.js";
import { groupByFile } from "./group.js";
import { describeEvidence } from "./evidence.js";

export class JunitReporter implements Reporter {
  readonly name = "junit";

  report(result: SuiteResult, out: Output): void {
    const { passed, failed, errors } = result.summary;
    const lines = [
      `<?xml version="1.0" encoding="UTF-8"?>`,
      `<testsuites name="iam-spec" tests="${passed + failed + errors}" failures="${failed}" errors="${errors}">`,
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
    lines.push(`</testsuites>`);
    out.stdout(lines.join("\n") + "\n");
    // JUnit has no place for warnings; stderr keeps them visible without touching the XML.
    if (result.warnings && result.warnings.length > 0) out.stderr(result.warnings.join("\n") + "\n");
  }
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
