/**
 * `--reporter github` (workflow commands) and `--reporter sarif` (SARIF 2.1.0) through the real CLI:
 * what GitHub and code scanning read is checked against the formats' own rules, the SARIF document
 * against the official OASIS JSON schema (test/fixtures/sarif/sarif-schema-2.1.0.json, draft-04).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

const FIXTURES = join(ROOT, "test/fixtures/cli");
const cli = (args: string[]) => runCli(args, { cwd: FIXTURES });

// CommonJS packages: their ESM default export is module.exports, which carries the class as `.default`.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
ajvFormats.default(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(join(ROOT, "test/fixtures/sarif/sarif-schema-2.1.0.json"), "utf8")) as object);

function sarifOf(stdout: string) {
  const doc = JSON.parse(stdout) as any;
  const ok = validateSarif(doc);
  expect(ok ? [] : validateSarif.errors).toEqual([]);
  return doc;
}

describe("--reporter github", () => {
  it("one ::error per failed expectation, located at the expectation, then the summary line", async () => {
    const r = await cli(["test", "failing", "--reporter", "github", "--seed", "7"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    // The failing expectation is written at line 8, column 5 of the spec.
    expect(lines[0]).toMatch(/^::error file=failing\/releases\.iamspec\.yaml,line=8,col=5::deploy never reads <releases> & "tags": allowed: s3:GetObject on arn:aws:s3:::acme-artifacts\/releases\//);
    // One line per command: the counterexample's lines are %0A, the deciding statement is named with its file and line.
    expect(lines[0]).toContain("%0Adecision   Allow%0A");
    expect(lines[0]).toContain('Sid "ReadReleasesFromOffice" at passing/policies/deploy.json:10');
    expect(lines[1]).toBe("Expectations  1 passed, 1 failed, 0 errors (2)  Seed 7");
  });
  it("input errors are ::error commands at file, line and column (exit 2)", async () => {
    const r = await cli(["test", "invalid", "--reporter", "github"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error file=invalid\/unknown-key\.iamspec\.yaml,line=5,col=5::expect\[0\]: unknown key "mya" \(did you mean "may"\?\)$/m);
  });
  it("a passing run prints only the summary line", async () => {
    const r = await cli(["test", "passing", "--reporter", "github", "--seed", "7"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Expectations  4 passed, 0 failed, 0 errors (4)  Seed 7\n");
  });
  it("a command-line error is an annotation without a file", async () => {
    const r = await cli(["test", "--seed", "abc", "--reporter", "github"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error::--seed must be an integer/m);
  });
  it("escapes % and newlines in messages, and : and , in the file property", async () => {
    const { GithubReporter } = await import("../../src/report/github.js");
    let out = "";
    new GithubReporter().report(
      { seed: 1, summary: { passed: 0, failed: 1, errors: 0 }, results: [{ file: "a,b:c.yaml", name: "x, y: 100%", status: "failed", message: "50%\r\nnext", position: { line: 2, column: 3 } }] },
      { stdout: (t) => void (out += t), stderr: () => {} },
    );
    expect(out.split("\n")[0]).toBe("::error file=a%2Cb%3Ac.yaml,line=2,col=3::x, y: 100%25: 50%25%0D%0Anext");
  });
});

describe("--reporter sarif", () => {
  it("a failed expectation is one result at the expectation, with the deciding statement as a related location; valid SARIF 2.1.0", async () => {
    const r = await cli(["test", "failing", "--reporter", "sarif", "--seed", "7"]);
    expect(r.code).toBe(1);
    const doc = sarifOf(r.stdout);
    expect(doc.version).toBe("2.1.0");
    const [run] = doc.runs;
    expect(run.tool.driver.name).toBe("iam-spec");
    expect(run.results).toHaveLength(1);
    const [res] = run.results;
    expect(res.ruleId).toBe("expectation-failed");
    expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
    expect(res.level).toBe("error");
    expect(res.message.text).toMatch(/^deploy never reads <releases> & "tags": allowed: s3:GetObject on arn:aws:s3:::acme-artifacts\/releases\//);
    expect(res.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "failing/releases.iamspec.yaml", uriBaseId: "%SRCROOT%" },
      region: { startLine: 8, startColumn: 5 },
    });
    expect(res.relatedLocations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "passing/policies/deploy.json", uriBaseId: "%SRCROOT%" },
      region: { startLine: 10, startColumn: 1 },
    });
    expect(res.relatedLocations[0].message.text).toContain('Sid "ReadReleasesFromOffice"');
    expect(res.properties.counterexample.decision).toBe("Allow");
    expect(run.properties.seed).toBe(7);
  });
  it("input errors are results of the input-error rule (exit 2); a passing run has none", async () => {
    const bad = await cli(["test", "invalid", "--reporter", "sarif"]);
    expect(bad.code).toBe(2);
    const doc = sarifOf(bad.stdout);
    const results = doc.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((x: any) => x.ruleId === "input-error")).toBe(true);
    expect(results.map((x: any) => x.locations[0].physicalLocation.region)).toContainEqual({ startLine: 5, startColumn: 5 });

    const good = await cli(["test", "passing", "--reporter", "sarif", "--seed", "7"]);
    expect(good.code).toBe(0);
    expect(sarifOf(good.stdout).runs[0].results).toEqual([]);
  });
  it("a command-line error is still one SARIF document", async () => {
    const r = await cli(["test", "--seed", "abc", "--reporter", "sarif"]);
    expect(r.code).toBe(2);
    const doc = sarifOf(r.stdout);
    expect(doc.runs[0].results[0].message.text).toMatch(/--seed must be an integer/);
  });
  it("the schema check itself rejects a broken document", () => {
    expect(validateSarif({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).toBe(false);
  });
});
