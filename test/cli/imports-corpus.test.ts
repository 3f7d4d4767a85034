import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

// Regressions found by running public template corpora through the importer (docs/imports.md, "Public
// corpora"): each fixture is a minimal reproduction written from the AWS documentation, not a copy.
const cli = async (args: string[]) => {
  const r = await runCli(args);
  return { code: r.code, out: r.stdout + r.stderr, stdout: r.stdout };
};

describe("templates of public corpora, through the CLI", () => {
  it("a CloudFront site bucket: distribution and origin access identity return values, the identity's principal ARN", async () => {
    const r = await cli(["test", "test/fixtures/import/cloudfront/specs", "--seed", "1", "--reporter", "json"]);
    const report = JSON.parse(r.stdout) as { results: { status: string }[] };
    expect(report.results.map((x) => x.status)).toEqual(["passed", "passed", "passed", "passed"]);
    expect(r.code).toBe(0);
  });

  it("an origin access identity ARN written wrong is still a malformed principal, with the right form in the hint", async () => {
    const r = await cli(["test", "test/fixtures/import/corpus/oai-typo.iamspec.yaml", "--seed", "1"]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/oai-typo\.yaml:12:20: .*malformed principal ARN "arn:aws:iam::cloudfront:user\/CloudFront Origin Identity E255425A307065".*CloudFront Origin Access Identity ID/);
  });

  it("a SAM type in a template without the SAM transform is an error at the resource, never skipped", async () => {
    const r = await cli(["test", "test/fixtures/import/corpus/no-transform.iamspec.yaml", "--seed", "1"]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/no-transform\.yaml:6:3: ReportFunction: AWS::Serverless::Function is an AWS SAM type, and the template does not declare the SAM transform .*Transform: AWS::Serverless-2016-10-31/);
    expect(r.out).toMatch(/0 passed, 0 failed/);
  });
});
