/**
 * GitHub Actions workflow commands: one `::error file=F,line=L,col=C::message` per failed
 * expectation and per input error (GitHub shows them as annotations on the pull request's diff), one
 * `::warning` per warning, with `--coverage` a `::notice` per unreached Allow statement and the
 * coverage figure, then the summary line. Escaping follows the runner's rules: in the message
 * `%`, CR and LF are percent-encoded; in properties `:` and `,` too
 * (https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions).
 */
import type { CoverageReport } from "../statement-coverage/coverage.js";
import { coverageFigure, coverageVerdict, unreachedAllow } from "./coverage.js";
import { describeEvidence } from "./evidence.js";
import { statementName } from "./statement.js";
import type { ExpectationResult, Output, Reporter, SuiteResult } from "./types.js";
import { summaryLine } from "./summary.js";

export class GithubReporter implements Reporter {
  readonly name = "github";

  report(result: SuiteResult, out: Output): void {
    const lines: string[] = [];
    for (const r of result.results) {
      if (r.status === "failed") lines.push(command("error", r.file, r.position, `${r.name}: ${failureText(r)}`));
      else if (r.status === "error") lines.push(command("error", r.file, r.position, `${r.message ?? "invalid input"}${r.hint ? ` (${r.hint})` : ""}`));
    }
    for (const w of result.warnings ?? []) {
      const m = /^(.*?):(\d+):(\d+): warning: (.*)$/s.exec(w);
      lines.push(m ? command("warning", m[1]!, { line: Number(m[2]), column: Number(m[3]) }, m[4]!) : `::warning::${data(w)}`);
    }
    if (result.coverage) lines.push(...coverageCommands(result.coverage));
    lines.push(summaryLine(result));
    out.stdout(lines.join("\n") + "\n");
  }
}

/**
 * `--coverage`: a `::notice` at each unreached Allow statement (a grant no expectation looks at, shown
 * on the pull request's policy file), then the figure, an `::error` when below `--min-coverage`.
 */
function coverageCommands(cov: CoverageReport): string[] {
  const lines: string[] = [];
  for (const s of unreachedAllow(cov)) {
    const { what } = statementName({ ...s });
    const message = `unreached Allow statement: no expectation evaluated a request it matches (${what})`;
    lines.push(s.file ? command("notice", s.file, s.line !== undefined ? { line: s.line, column: s.column ?? 1 } : undefined, message) : `::notice::${data(message)}`);
  }
  const verdict = coverageVerdict(cov);
  const figure = `statement coverage: ${coverageFigure(cov)}${verdict ? `; ${verdict}` : ""}`;
  lines.push(cov.met === false ? `::error::${data(figure)}` : `::notice::${data(figure)}`);
  return lines;
}

/** The failure as the pretty reporter words it, without colour: message, request, statements, rerun. */
function failureText(r: ExpectationResult): string {
  const lines = [r.message ?? "the expectation does not hold"];
  if (r.evidence) lines.push(`evidence   ${describeEvidence(r.evidence, r.status)}`);
  const cx = r.counterexample;
  if (cx) {
    lines.push(`principal  ${cx.principal}`, `action     ${cx.action}`, `resource   ${cx.resource}`);
    const keys = Object.keys(cx.context);
    lines.push(keys.length === 0 ? "context    (none)" : `context    ${keys.map((k) => `${k}=${JSON.stringify(cx.context[k])}`).join(", ")}`);
    lines.push(`decision   ${cx.decision}`);
  }
  if (r.reason) lines.push(`why        ${r.reason}`);
  for (const s of r.deciding ?? []) {
    const { what, at } = statementName(s);
    lines.push(`${s.effect === "Deny" ? "Deny " : "Allow"} ${what}${at ? ` at ${at}` : ""}`);
  }
  if (r.reproduce) lines.push(`reproduce  ${r.reproduce}`);
  return lines.join("\n");
}

/** `::error file=F,line=L,col=C::message`, the form of contract section 5 (no other properties). */
function command(kind: "error" | "warning" | "notice", file: string, pos: ExpectationResult["position"], message: string): string {
  // A command-line error has no file to point at: "(command line)" is not one.
  if (file.startsWith("(")) return `::${kind}::${data(message)}`;
  const props = [`file=${property(file)}`, ...(pos ? [`line=${pos.line}`, `col=${pos.column}`] : [])];
  return `::${kind} ${props.join(",")}::${data(message)}`;
}

function data(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function property(text: string): string {
  return data(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
