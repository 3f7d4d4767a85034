/**
 * Contract sections 5 and 6: every reporter shows what a result rests on, and --require-proof fails a
 * mayNot that is only sampled (never an exact or proved one, never turns a failure into a pass).
 */
import { describe, expect, it } from "vitest";
import type { Outcome } from "../../src/compile/check.js";
import { JsonReporter } from "../../src/report/json.js";
import { JunitReporter } from "../../src/report/junit.js";
import { PrettyReporter } from "../../src/report/pretty.js";
import { summarize, type ExpectationResult, type SuiteResult } from "../../src/report/types.js";
import { requireProof } from "../../src/run/check-one.js";
import { findAll, parseXml } from "./xml.js";

const at = (name: string, line: number) => ({ file: "specs/a.iamspec.yaml", name, position: { line, column: 5 } });
const results: ExpectationResult[] = [
  { ...at("may upload", 3), status: "passed", evidence: { method: "exact", requests: 2 } },
  { ...at("never IAM (proved)", 6), status: "passed", evidence: { method: "proved", requests: 40 } },
  { ...at("never KMS (sampled)", 9), status: "passed", evidence: { method: "sampled", requests: 812, reason: "solver timeout after 5 s" } },
];
const suite: SuiteResult = { seed: 1, summary: summarize(results), results };

function report(r: { report(s: SuiteResult, o: { stdout: (t: string) => void; stderr: (t: string) => void }): void }): string {
  let out = "";
  r.report(suite, { stdout: (t) => void (out += t), stderr: () => undefined });
  return out;
}

describe("evidence in the reporters", () => {
  it("pretty: exact, proved, and sampled with its count and reason", () => {
    const out = report(new PrettyReporter({ color: false }));
    expect(out).toContain("✓ may upload  exact, 2 requests\n");
    expect(out).toContain("✓ never IAM (proved)  proved (40 requests sampled first)\n");
    expect(out).toContain("✓ never KMS (sampled)  no counterexample in 812 requests (not proved: solver timeout after 5 s)\n");
  });
  it("json: verbatim", () => {
    const doc = JSON.parse(report(new JsonReporter())) as { results: ExpectationResult[] };
    expect(doc.results.map((r) => r.evidence)).toEqual(results.map((r) => r.evidence));
  });
  it("junit: properties and output", () => {
    const cases = findAll(parseXml(report(new JunitReporter())), "testcase");
    const props = cases.map((c) => Object.fromEntries(findAll(c, "property").map((p) => [p.attrs["name"], p.attrs["value"]])));
    expect(props).toEqual([
      { "evidence.method": "exact", "evidence.requests": "2" },
      { "evidence.method": "proved", "evidence.requests": "40" },
      { "evidence.method": "sampled", "evidence.requests": "812", "evidence.reason": "solver timeout after 5 s" },
    ]);
    expect(findAll(cases[2]!, "system-out")[0]?.text).toBe("evidence: no counterexample in 812 requests (not proved: solver timeout after 5 s)");
  });
});

describe("requireProof", () => {
  const sampled: Outcome = { status: "passed", evidence: { method: "sampled", requests: 9, reason: "no proof attempted" } };
  it("fails a sampled pass, saying why and how many requests were tried", () => {
    expect(requireProof(sampled)).toEqual({
      status: "failed",
      message: "not proved (no proof attempted): no counterexample in 9 sampled requests, and --require-proof asks for a proof",
      evidence: sampled.evidence,
    });
  });
  it("leaves exact and proved passes and every failure alone", () => {
    const kept: Outcome[] = [
      { status: "passed", evidence: { method: "exact", requests: 1 } },
      { status: "passed", evidence: { method: "proved", requests: 3 } },
      { status: "failed", message: "allowed: s3:GetObject on x", evidence: { method: "sampled", requests: 2 } },
    ];
    for (const o of kept) expect(requireProof(o)).toBe(o);
  });
});
