/**
 * Imported S3 access points, EventBridge bus policies, CloudWatch Logs resource policies, Lambda layer
 * permissions, the ECR registry policy and Lambda permissions from two plans, through the CLI. Each
 * fixture has a flipped twin (every `may` a `mayNot` and back): exactly one of the two holds, so the
 * twin must fail every expectation.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

interface Report {
  results: { name: string; status: string; message?: string; explanation?: { reason?: string }; counterexample?: { decision: string } }[];
}

const run = async (dir: string) => {
  const r = await runCli(["test", `test/fixtures/import/cli-more/${dir}`, "--reporter", "json", "--seed", "7"]);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
};

describe.each([
  // The CloudFormation folder also holds direct.iamspec.yaml: "*" mayNot on the delegating bucket itself.
  ["CloudFormation", "services", 14, 16],
  ["Terraform", "tf-services", 14, 14],
])("%s service resource policies through the CLI", (_source, dir, flipped, count) => {
  it("every expectation passes: exit 0", async () => {
    const { code, report } = await run(dir);
    expect(report.results.map((x) => [x.name, x.status])).toEqual(report.results.map((x) => [x.name, "passed"]));
    expect(report.results).toHaveLength(count);
    expect(code).toBe(0);
  });

  it("the flipped twin fails every expectation: exit 1", async () => {
    const { code, report } = await run(`${dir}-flipped`);
    expect(report.results.map((x) => [x.name, x.status])).toEqual(report.results.map((x) => [x.name, "failed"]));
    expect(report.results).toHaveLength(flipped);
    expect(code).toBe(1);
  });
});

describe("a request through an access point whose bucket does not permit it", () => {
  it("is denied by the bucket side, and the report says so", async () => {
    const r = await runCli(["test", "test/fixtures/import/cli-more/services-flipped"]);
    expect(r.stdout).toMatch(/the bucket behind the access point \(arn:aws:s3:::acme-raw\/events\.json\)/);
  });
});
