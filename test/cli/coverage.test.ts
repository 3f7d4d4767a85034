/**
 * `iam-spec test --coverage` / `--min-coverage P` end to end: which statements the expectations
 * reached (a statement is reached when it matched a request an expectation evaluated), the share of
 * Allow statements reached, the unreached ones with file:line, and the run failing below the minimum.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const SPECS = "test/fixtures/statement-coverage/specs";

interface Statement {
  policy: string;
  policyType: string;
  sid?: string;
  effect: string;
  file?: string;
  line?: number;
  reachedBy: string[];
}

async function run(...extra: string[]) {
  const r = await runCli(["test", SPECS, "--seed", "1", "--reporter", "json", ...extra]);
  return { ...r, report: JSON.parse(r.stdout) };
}

describe("test --coverage", () => {
  it("the JSON report has a coverage block: Allow statements reached, and who reached each statement", async () => {
    const { code, report } = await run("--coverage");
    expect(code).toBe(0);
    expect(report.coverage.allow).toEqual({ total: 5, reached: 3, percent: 60 });
    const bySid = new Map<string, Statement>(report.coverage.statements.map((s: Statement) => [s.sid, s]));
    expect(bySid.get("ReadReports")!.reachedBy).toEqual([expect.stringMatching(/dev\.iamspec\.yaml:\d+: dev reads reports$/)]);
    // The trust policy is reached by the AssumeRole request (the role's trust policy is its resource policy).
    expect(bySid.get("DevMayAssume")).toMatchObject({ policyType: "trust", reachedBy: [expect.stringMatching(/dev can assume the deploy role$/)] });
    expect(bySid.get("AssumeDeploy")!.reachedBy).toHaveLength(1);
    // The Deny is reached by the fuzzed mayNot, whose requests it matched.
    expect(bySid.get("NoDeletes")).toMatchObject({ effect: "Deny", reachedBy: [expect.stringMatching(/dev never deletes reports$/)] });
    expect(bySid.get("DescribeInstances")).toMatchObject({ reachedBy: [], file: "test/fixtures/statement-coverage/policies/dev.json", line: 10 });
    expect(bySid.get("UploadArtifacts")!.reachedBy).toEqual([]);
    // An SCP statement of another action is not reached; AWS's default FullAWSAccess is not counted.
    expect(bySid.get("StayInTheOrganization")).toMatchObject({ policyType: "scp", reachedBy: [] });
    expect(report.coverage.statements.some((s: Statement) => s.policy === "FullAWSAccess")).toBe(false);
    expect(report.coverage.all).toEqual({ total: 7, reached: 4, percent: 57.1 });
  });

  it("coverage does not change the results, and there is no coverage block without --coverage", async () => {
    const plain = await run();
    const covered = await run("--coverage");
    expect(plain.report.coverage).toBeUndefined();
    expect(covered.report.results).toEqual(plain.report.results);
  });

  it("the pretty summary gives the percentage and lists the unreached Allow statements with file:line", async () => {
    const r = await runCli(["test", SPECS, "--seed", "1", "--coverage"]);
    expect(r.stdout).toMatch(/Coverage\s+3 of 5 Allow statements reached \(60\.0%\)/);
    expect(r.stdout).toMatch(/test\/fixtures\/statement-coverage\/policies\/dev\.json:10 .*Sid "DescribeInstances"/);
    expect(r.stdout).toMatch(/test\/fixtures\/statement-coverage\/policies\/deploy\.json:4 .*Sid "UploadArtifacts"/);
    expect(r.stdout).not.toMatch(/Sid "ReadReports"/);
  });

  it("--min-coverage P: exit 1 below P percent of Allow statements (the expectations all pass), 0 at or above", async () => {
    const above = await run("--min-coverage", "60");
    expect(above.code).toBe(0);
    expect(above.report.coverage).toMatchObject({ minimum: 60, met: true });
    const below = await run("--min-coverage", "60.1");
    expect(below.code).toBe(1);
    expect(below.report.summary).toEqual({ passed: 3, failed: 0, errors: 0 });
    expect(below.report.coverage).toMatchObject({ minimum: 60.1, met: false });
    const pretty = await runCli(["test", SPECS, "--seed", "1", "--min-coverage", "80"]);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toMatch(/below --min-coverage 80%/);
  });

  it("a --min-coverage that is not a percentage is a usage error (exit 2)", async () => {
    for (const bad of ["abc", "101", "-5"]) {
      const r = await runCli(["test", SPECS, "--min-coverage", bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/--min-coverage must be a percentage from 0 to 100/);
    }
  });

  it("--workers 2 records coverage in each worker and merges it: the same report as --workers 1", async () => {
    const one = await run("--coverage", "--workers", "1");
    const two = await run("--coverage", "--workers", "2");
    expect(two.code).toBe(one.code);
    expect(two.report.coverage).toEqual(one.report.coverage);
    expect(two.report.results).toEqual(one.report.results);
    // Below the minimum with workers as in one thread.
    expect((await run("--min-coverage", "80", "--workers", "2")).code).toBe(1);
  });

  it("junit: a 'statement coverage' suite with the figures, the unreached statements, and a failure below --min-coverage", async () => {
    const ok = await runCli(["test", SPECS, "--seed", "1", "--coverage", "--reporter", "junit"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/<testsuite name="statement coverage" tests="1" failures="0"/);
    expect(ok.stdout).toMatch(/<property name="coverage.allow.reached" value="3"\/>/);
    expect(ok.stdout).toMatch(/<property name="coverage.allow.total" value="5"\/>/);
    expect(ok.stdout).toMatch(/unreached Allow statement: test\/fixtures\/statement-coverage\/policies\/dev\.json:10 .*Sid &quot;DescribeInstances&quot;|unreached Allow statement: test\/fixtures\/statement-coverage\/policies\/dev\.json:10 .*Sid "DescribeInstances"/);
    expect(ok.stdout).not.toMatch(/CoverageBelowMinimum/);
    const low = await runCli(["test", SPECS, "--seed", "1", "--min-coverage", "80", "--reporter", "junit"]);
    expect(low.code).toBe(1);
    expect(low.stdout).toMatch(/<testsuites name="iam-spec" tests="\d+" failures="1"/);
    expect(low.stdout).toMatch(/<failure message="3 of 5 Allow statements reached \(60\.0%\); below --min-coverage 80%" type="CoverageBelowMinimum">/);
  });

  it("github: a notice at each unreached Allow statement, and an error below --min-coverage", async () => {
    const ok = await runCli(["test", SPECS, "--seed", "1", "--coverage", "--reporter", "github"]);
    expect(ok.stdout).toMatch(/^::notice file=test\/fixtures\/statement-coverage\/policies\/dev\.json,line=10,col=\d+::unreached Allow statement/m);
    expect(ok.stdout).toMatch(/^::notice file=test\/fixtures\/statement-coverage\/policies\/deploy\.json,line=4,col=\d+::unreached Allow statement/m);
    expect(ok.stdout).toMatch(/^::notice::statement coverage: 3 of 5 Allow statements reached \(60\.0%25\)$/m);
    const low = await runCli(["test", SPECS, "--seed", "1", "--min-coverage", "80", "--reporter", "github"]);
    expect(low.code).toBe(1);
    expect(low.stdout).toMatch(/^::error::statement coverage: 3 of 5 Allow statements reached \(60\.0%25\); below --min-coverage 80%25$/m);
  });

  it("sarif: a note at each unreached Allow statement, an error result below --min-coverage, the figures in the run's properties", async () => {
    const low = await runCli(["test", SPECS, "--seed", "1", "--min-coverage", "80", "--reporter", "sarif"]);
    expect(low.code).toBe(1);
    const run = JSON.parse(low.stdout).runs[0];
    expect(run.properties.coverage).toMatchObject({ allow: { total: 5, reached: 3 }, minimum: 80, met: false });
    const notes = run.results.filter((r: { ruleId: string }) => r.ruleId === "unreached-statement");
    expect(notes.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`).sort()).toEqual([
      "test/fixtures/statement-coverage/policies/deploy.json:4",
      "test/fixtures/statement-coverage/policies/dev.json:10",
    ]);
    expect(notes.every((r: { level: string }) => r.level === "note")).toBe(true);
    expect(run.results.filter((r: { ruleId: string; level: string }) => r.ruleId === "coverage-below-minimum" && r.level === "error")).toHaveLength(1);
    const rules = run.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const r of run.results) expect(rules[r.ruleIndex]).toBe(r.ruleId);
  });
});
