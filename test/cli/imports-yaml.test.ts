import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const FIXTURE = "test/fixtures/import/cfn-yaml";

// Input errors go to stderr: this file reads both streams as one.
const cli = async (args: string[]) => {
  const r = await runCli(args);
  return { code: r.code, stdout: r.stdout + r.stderr };
};

describe("an environment importing a CloudFormation YAML template with short forms, through the CLI", () => {
  it("the specs pass on the resolved !Ref / !GetAtt / !Sub / !Join / !If values", async () => {
    const r = await cli(["test", `${FIXTURE}/specs`, "--seed", "1", "--reporter", "json"]);
    const report = JSON.parse(r.stdout) as { results: { status: string; name?: string; message?: string }[] };
    expect(report.results).toHaveLength(4);
    expect(report.results.map((x) => x.status)).toEqual(["passed", "passed", "passed", "passed"]);
    expect(r.code).toBe(0);
  });

  it("a short form in a spec file is an input error with its position (exit 2)", async () => {
    const r = await cli(["test", `${FIXTURE}/tagged-spec`, "--seed", "1"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/tagged\.iamspec\.yaml:5:9/);
    expect(r.stdout).toMatch(/unknown tag !GetAtt/);
  });
});
