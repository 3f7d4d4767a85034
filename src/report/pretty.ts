/**
 * The human report: per file the expectations with a mark, then for each failure everything needed to
 * understand and rerun it without opening the spec. Input errors go to stderr as `file:line:column`
 * lines so editors and CI annotators can jump to them.
 */
import pc from "picocolors";
import { statementName } from "./statement.js";
import type { Counterexample, DecidingStatement, ExpectationResult, Output, Reporter, SuiteResult } from "./types.js";
import { formatInputError } from "./types.js";
import { groupByFile } from "./group.js";
import { coverageLines } from "./coverage.js";
import { describeEvidence } from "./evidence.js";

type Colors = ReturnType<typeof pc.createColors>;

export class PrettyReporter implements Reporter {
  readonly name = "pretty";
  private readonly c: Colors;

  constructor(options: { color: boolean }) {
    this.c = pc.createColors(options.color);
  }

  report(result: SuiteResult, out: Output): void {
    const c = this.c;
    const lines: string[] = [];
    const byFile = groupByFile(result.results);
    for (const [file, results] of byFile) {
      const ran = results.filter((r) => r.status !== "error");
      if (ran.length === 0) continue;
      const ok = ran.every((r) => r.status === "passed");
      lines.push(`${ok ? c.green("✓") : c.red("✗")} ${c.bold(file)}`);
      for (const r of ran) {
        // A note (e.g. --fuzz-time ran out) qualifies a pass: it is shown next to it, never dropped.
        const note = r.note ? `  ${c.yellow(`(${r.note})`)}` : "";
        // What a pass rests on: a sampled mayNot is weaker than a proved one, and says so.
        const evidence = r.status === "passed" && r.evidence ? `  ${r.evidence.method === "sampled" ? c.yellow(describeEvidence(r.evidence)) : c.dim(describeEvidence(r.evidence))}` : "";
        lines.push(r.status === "passed" ? `  ${c.green("✓")} ${r.name}${evidence}${note}` : `  ${c.red("✗")} ${r.name}${note}`);
      }
    }

    const failures = result.results.filter((r) => r.status === "failed");
    for (const r of failures) {
      lines.push("", ...this.failure(r));
    }

    if (result.warnings && result.warnings.length > 0) out.stderr(result.warnings.map((w) => c.yellow(w)).join("\n") + "\n");
    const errors = result.results.filter((r) => r.status === "error");
    if (errors.length > 0) {
      out.stderr(errors.map((r) => c.red(formatInputError(r))).join("\n") + "\n");
    }

    const { passed, failed, errors: errs } = result.summary;
    const parts = [
      passed ? c.green(`${passed} passed`) : `${passed} passed`,
      failed ? c.red(`${failed} failed`) : `${failed} failed`,
      errs ? c.red(`${errs} ${errs === 1 ? "error" : "errors"}`) : `${errs} errors`,
    ];
    if (lines.length > 0) lines.push("");
    lines.push(`${c.bold("Expectations")}  ${parts.join(", ")} (${passed + failed + errs})`);
    const noted = result.results.filter((r) => r.note).length;
    if (noted > 0) lines.push(`${c.bold("Notes")}         ${c.yellow(`${noted} ${noted === 1 ? "expectation passed with a note" : "expectations passed with notes"} (see above)`)}`);
    if (result.coverage) lines.push(...coverageLines(result.coverage, c));
    lines.push(`${c.bold("Seed")}          ${result.seed}`);
    out.stdout(lines.join("\n") + "\n");
  }

  /** The lines shown for one failed expectation (also the failure message of the test-framework matchers). */
  failure(r: ExpectationResult): string[] {
    const c = this.c;
    const where = r.position ? `${r.file}:${r.position.line}:${r.position.column}` : r.file;
    const lines = [`${c.red(c.bold("FAIL"))} ${c.bold(r.name)}  ${c.dim(where)}`];
    if (r.message) lines.push(`  ${r.message}`);
    if (r.evidence) lines.push(`  ${c.dim("evidence")}   ${describeEvidence(r.evidence, r.status)}`);
    if (r.counterexample) lines.push(...this.request(r.counterexample));
    if (r.reason) lines.push(`  ${c.dim("why")}        ${r.reason}`);
    if (r.deciding && r.deciding.length > 0) {
      lines.push(`  ${c.dim("deciding statements")}`);
      for (const s of r.deciding) lines.push(`    ${formatStatement(s, c)}`);
    }
    if (r.reproduce) lines.push(`  ${c.dim("reproduce")}  ${r.reproduce}`);
    return lines;
  }

  private request(cx: Counterexample): string[] {
    const c = this.c;
    const decision = cx.decision === "Allow" ? c.red(cx.decision) : c.yellow(cx.decision);
    const keys = Object.keys(cx.context);
    const lines = [
      `  ${c.dim("principal")}  ${cx.principal}`,
      `  ${c.dim("action")}     ${cx.action}`,
      `  ${c.dim("resource")}   ${cx.resource}`,
    ];
    if (keys.length === 0) lines.push(`  ${c.dim("context")}    (none)`);
    else {
      lines.push(`  ${c.dim("context")}`);
      for (const k of keys) lines.push(`    ${k}: ${JSON.stringify(cx.context[k])}`);
    }
    lines.push(`  ${c.dim("decision")}   ${decision}`);
    return lines;
  }
}

function formatStatement(s: DecidingStatement, c: Colors): string {
  const effect = s.effect === "Deny" ? c.red("Deny ") : c.green("Allow");
  const { what, at } = statementName(s);
  return `${effect} ${what}${at ? ` ${c.dim(`at ${at}`)}` : ""}`;
}
