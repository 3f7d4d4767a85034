import { describe, expect, it } from "vitest";
import { colorEnabled } from "../../src/report/color.js";
import { createReporter } from "../../src/report/index.js";
import { JsonReporter } from "../../src/report/json.js";
import { JunitReporter } from "../../src/report/junit.js";
import { PrettyReporter } from "../../src/report/pretty.js";
import { exitCodeOf, formatInputError, summarize, type ExpectationResult, type SuiteResult } from "../../src/report/types.js";
import { findAll, parseXml } from "./xml.js";

const results: ExpectationResult[] = [
  { file: "specs/deploy.iamspec.yaml", name: "deploy can upload", status: "passed", position: { line: 4, column: 5 } },
  {
    file: "specs/deploy.iamspec.yaml",
    name: 'deploy never <touches> IAM & "org"',
    status: "failed",
    position: { line: 9, column: 5 },
    message: "allowed: iam:PassRole on arn:aws:iam::111122223333:role/admin",
    counterexample: {
      principal: "arn:aws:sts::111122223333:assumed-role/deploy/iam-spec",
      action: "iam:PassRole",
      resource: "arn:aws:iam::111122223333:role/admin",
      context: { "aws:SecureTransport": true },
      decision: "Allow",
    },
    deciding: [{ policyType: "identity", policy: "policies/deploy.json", statementIndex: 1, sid: "PassAny", effect: "Allow", file: "policies/deploy.json", line: 12 }],
    reason: "an identity-based policy allows it",
    reproduce: "npx iam-spec test specs/deploy.iamspec.yaml --seed 42",
  },
  { file: "specs/bad.iamspec.yaml", name: "input error", status: "error", position: { line: 3, column: 7 }, message: 'unknown key "mya"', hint: 'did you mean "may"?' },
];
const suite: SuiteResult = { seed: 42, summary: summarize(results), results };

function capture() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

describe("summary and exit code", () => {
  it("counts statuses and maps them to 0/1/2", () => {
    expect(suite.summary).toEqual({ passed: 1, failed: 1, errors: 1 });
    expect(exitCodeOf(suite.summary)).toBe(2);
    expect(exitCodeOf({ passed: 3, failed: 1, errors: 0 })).toBe(1);
    expect(exitCodeOf({ passed: 3, failed: 0, errors: 0 })).toBe(0);
  });
  it("formats input errors as file:line:column: message (hint)", () => {
    expect(formatInputError(results[2]!)).toBe('specs/bad.iamspec.yaml:3:7: unknown key "mya" (did you mean "may"?)');
  });
});

describe("pretty", () => {
  it("shows passes and failures per file, the counterexample, deciding statements, reproduction and seed", () => {
    const { out, io } = capture();
    new PrettyReporter({ color: false }).report(suite, io);
    expect(out.stdout).toContain("✓ deploy can upload");
    expect(out.stdout).toContain('✗ deploy never <touches> IAM & "org"');
    expect(out.stdout).toContain("specs/deploy.iamspec.yaml:9:5");
    expect(out.stdout).toContain("iam:PassRole");
    expect(out.stdout).toContain("aws:SecureTransport: true");
    expect(out.stdout).toMatch(/decision\s+Allow/);
    expect(out.stdout).toContain('Sid "PassAny" at policies/deploy.json:12');
    expect(out.stdout).toContain("--seed 42");
    expect(out.stdout).toMatch(/Seed\s+42/);
    expect(out.stdout).toMatch(/1 passed, 1 failed, 1 error/);
    expect(out.stderr).toBe('specs/bad.iamspec.yaml:3:7: unknown key "mya" (did you mean "may"?)\n');
    // eslint-disable-next-line no-control-regex
    expect(out.stdout).not.toMatch(/\u001b\[/);
  });
  it("colours only when asked", () => {
    const { out, io } = capture();
    new PrettyReporter({ color: true }).report(suite, io);
    // eslint-disable-next-line no-control-regex
    expect(out.stdout).toMatch(/\u001b\[/);
  });
  it("colour follows FORCE_COLOR, then NO_COLOR, then the terminal", () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({ NO_COLOR: "1" }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: "" }, true)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: "1" }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: "0" }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: "1", NO_COLOR: "1" }, false)).toBe(true);
  });
});

describe("json", () => {
  it("prints exactly one JSON document with the contract's shape, errors included", () => {
    const { out, io } = capture();
    new JsonReporter().report(suite, io);
    const doc = JSON.parse(out.stdout);
    expect(Object.keys(doc)).toEqual(["seed", "summary", "results"]);
    expect(doc.seed).toBe(42);
    expect(doc.summary).toEqual({ passed: 1, failed: 1, errors: 1 });
    expect(doc.results[1].counterexample).toEqual(results[1]!.counterexample);
    expect(doc.results[2]).toMatchObject({ status: "error", file: "specs/bad.iamspec.yaml" });
    expect(out.stderr).toBe("");
  });
});

describe("junit", () => {
  it("is well-formed XML with a testsuite per file, failures and errors, everything escaped", () => {
    const { out, io } = capture();
    new JunitReporter().report(suite, io);
    const root = parseXml(out.stdout);
    expect(root.name).toBe("testsuites");
    expect(root.attrs).toMatchObject({ tests: "3", failures: "1", errors: "1" });
    const suites = findAll(root, "testsuite");
    expect(suites.map((s) => s.attrs["name"])).toEqual(["specs/deploy.iamspec.yaml", "specs/bad.iamspec.yaml"]);
    const cases = findAll(root, "testcase");
    expect(cases[1]!.attrs["name"]).toBe('deploy never <touches> IAM & "org"');
    const failure = findAll(cases[1]!, "failure")[0]!;
    expect(failure.attrs["message"]).toContain("iam:PassRole");
    expect(failure.text).toContain("--seed 42");
    expect(findAll(cases[2]!, "error")[0]!.attrs["message"]).toBe('specs/bad.iamspec.yaml:3:7: unknown key "mya" (did you mean "may"?)');
  });
  it("drops characters XML cannot carry", () => {
    const { out, io } = capture();
    const r: ExpectationResult = { file: "a.iamspec.yaml", name: "bell\u0007 and\ttab", status: "passed" };
    createReporter("junit", { color: false }).report({ seed: 1, summary: summarize([r]), results: [r] }, io);
    expect(findAll(parseXml(out.stdout), "testcase")[0]!.attrs["name"]).toBe("bell and\ttab");
  });
});
