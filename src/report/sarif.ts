/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), the format code
 * scanning tools read (GitHub code scanning among them): one document, one run, one result per failed
 * expectation and per input error, located at the expectation (or the input error); the deciding policy
 * statements are related locations. Warnings are tool notifications, not results.
 */
import { readFileSync } from "node:fs";
import { packageFilePath } from "../data/locate.js";
import type { CoverageReport } from "../statement-coverage/coverage.js";
import { coverageFigure, coverageVerdict, unreachedAllow } from "./coverage.js";
import { statementName } from "./statement.js";
import type { ExpectationResult, Output, Reporter, SourcePosition, SuiteResult } from "./types.js";

/** A reporting descriptor; `help` ends with where to read more. */
function rule(id: string, name: string, short: string, full: string, level: "error" | "note", help: string) {
  return { id, name, shortDescription: { text: short }, fullDescription: { text: full }, defaultConfiguration: { level }, help: { text: help } };
}

const RULES = [
  rule(
    "expectation-failed",
    "ExpectationFailed",
    "An IAM expectation does not hold",
    "A may or mayNot expectation of a spec file does not hold for the environment: the result carries the request that breaks it and the policy statements that decided it.",
    "error",
    "Read the result's message and counterexample; the deciding statements are its related locations. See docs/spec-reference.md in the iam-spec package.",
  ),
  rule(
    "input-error",
    "InvalidInput",
    "A spec, environment or policy file is invalid",
    "The input could not be read or is invalid (bad YAML, unknown key, bad policy document, unknown action, unresolvable principal or file); nothing was checked for it.",
    "error",
    "Fix the input at the location given; the message ends with a hint. See docs/cli.md in the iam-spec package.",
  ),
  rule(
    "unreached-statement",
    "UnreachedAllowStatement",
    "No expectation reaches this Allow statement",
    "With --coverage: no request that an expectation evaluated matched this Allow statement, so no expectation looks at the access it grants.",
    "note",
    "Add a may or mayNot expectation about the access this statement grants, or remove the statement. See docs/cli.md (--coverage) in the iam-spec package.",
  ),
  rule(
    "coverage-below-minimum",
    "CoverageBelowMinimum",
    "Statement coverage is below --min-coverage",
    "Fewer Allow statements were reached by the expectations than --min-coverage asks for; the run fails.",
    "error",
    "The unreached-statement results list the Allow statements no expectation reaches.",
  ),
] as const;

export class SarifReporter implements Reporter {
  readonly name = "sarif";

  report(result: SuiteResult, out: Output): void {
    const results: object[] = result.results.filter((r) => r.status !== "passed").map(sarifResult);
    if (result.coverage) results.push(...coverageResults(result.coverage));
    const notifications = (result.warnings ?? []).map((w) => ({ level: "warning", message: { text: w } }));
    const doc = {
      $schema: "https://json.schemastore.org/sarif-2.1.0.json",
      version: "2.1.0",
      runs: [
        {
          tool: { driver: { name: "iam-spec", version: packageVersion(), rules: RULES } },
          invocations: [
            {
              // The run finished; invalid input is reported as results, not as a tool failure.
              executionSuccessful: true,
              ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
            },
          ],
          results,
          properties: {
            seed: result.seed,
            summary: result.summary,
            ...(result.coverage ? { coverage: { allow: result.coverage.allow, all: result.coverage.all, ...(result.coverage.minimum !== undefined ? { minimum: result.coverage.minimum, met: result.coverage.met } : {}) } } : {}),
          },
        },
      ],
    };
    out.stdout(JSON.stringify(doc, null, 2) + "\n");
  }
}

function sarifResult(r: ExpectationResult) {
  const failed = r.status === "failed";
  const ruleIndex = failed ? 0 : 1;
  const text = failed
    ? `${r.name}: ${r.message ?? "the expectation does not hold"}`
    : `${r.message ?? "invalid input"}${r.hint ? ` (${r.hint})` : ""}`;
  const related = (r.deciding ?? []).map((s, i) => {
    const { what } = statementName(s);
    return {
      id: i + 1,
      message: { text: `${s.effect === "Deny" ? "Deny" : "Allow"}: ${what}` },
      ...(s.file ? { physicalLocation: physical(s.file, s.line !== undefined ? { line: s.line, column: 1 } : undefined) } : {}),
    };
  });
  return {
    ruleId: RULES[ruleIndex].id,
    ruleIndex,
    level: "error",
    message: { text },
    // A command-line error has no file to point at.
    locations: r.file.startsWith("(") ? [] : [{ physicalLocation: physical(r.file, r.position) }],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    properties: {
      name: r.name,
      ...(r.counterexample ? { counterexample: r.counterexample } : {}),
      ...(r.evidence ? { evidence: r.evidence } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.reproduce ? { reproduce: r.reproduce } : {}),
      ...(r.hint ? { hint: r.hint } : {}),
    },
  };
}

/** `--coverage`: a note at each unreached Allow statement, and an error when below `--min-coverage`. */
function coverageResults(cov: CoverageReport): object[] {
  const out: object[] = unreachedAllow(cov).map((s) => {
    const { what } = statementName({ ...s });
    return {
      ruleId: RULES[2].id,
      ruleIndex: 2,
      level: "note",
      message: { text: `No expectation reaches this Allow statement (${what})` },
      locations: s.file ? [{ physicalLocation: physical(s.file, s.line !== undefined ? { line: s.line, column: s.column ?? 1 } : undefined) }] : [],
      properties: { policy: s.policy, policyType: s.policyType, statementIndex: s.statementIndex, ...(s.sid !== undefined ? { sid: s.sid } : {}) },
    };
  });
  if (cov.met === false) {
    const verdict = coverageVerdict(cov);
    out.push({ ruleId: RULES[3].id, ruleIndex: 3, level: "error", message: { text: `${coverageFigure(cov)}; ${verdict}` }, locations: [], properties: { allow: cov.allow, minimum: cov.minimum } });
  }
  return out;
}

function physical(file: string, pos: SourcePosition | undefined) {
  return {
    artifactLocation: { uri: fileUri(file), ...(file.startsWith("/") ? {} : { uriBaseId: "%SRCROOT%" }) },
    ...(pos ? { region: { startLine: pos.line, startColumn: pos.column } } : {}),
  };
}

/** A relative path stays relative (to the checkout: %SRCROOT%); each segment is URI-encoded. */
function fileUri(file: string): string {
  const encoded = file.split("/").map(encodeURIComponent).join("/");
  return file.startsWith("/") ? `file://${encoded}` : encoded;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(packageFilePath("package.json"), "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}
