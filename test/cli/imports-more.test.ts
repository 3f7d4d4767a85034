/**
 * Lambda permissions imported from a CDK-like template, through the CLI: a permission for
 * apigateway.amazonaws.com without SourceArn lets an API Gateway API of any account invoke the
 * function (a real loophole: exit 1 with an Allow counterexample); the same permission with the
 * API's execute-api ARN as SourceArn passes (exit 0).
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";


const cli = (args: string[]) => runCli(args);

interface Report {
  results: { name: string; status: string; counterexample?: { principal: string; action: string; resource: string; decision: string; context: Record<string, unknown> } }[];
}

describe("imported Lambda permissions through the CLI", () => {
  it.each([1, 2])("without SourceArn, any account's API Gateway may invoke the function: exit 1 (seed %i)", async (seed) => {
    const r = await cli(["test", "test/fixtures/import/cli-more/buggy", "--seed", String(seed), "--reporter", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const failed = report.results.filter((x) => x.status === "failed");
    expect(failed.map((x) => x.name)).toEqual(["no API Gateway API of another account can invoke the handler"]);
    const ce = failed[0]!.counterexample!;
    expect(ce.decision).toBe("Allow");
    expect(ce.principal).toBe("apigateway.amazonaws.com");
    expect(ce.action).toBe("lambda:InvokeFunction");
    expect(ce.resource).toBe("arn:aws:lambda:eu-west-1:111122223333:function:Api-Handler886CB40B");
    expect(ce.context["aws:SourceAccount"]).not.toBe("111122223333");
  });

  it.each([1, 2])("with SourceArn naming the account's own API: exit 0 (seed %i)", async (seed) => {
    const r = await cli(["test", "test/fixtures/import/cli-more/fixed", "--seed", String(seed), "--reporter", "json"]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.results.map((x) => x.status)).toEqual(["passed", "passed"]);
    expect(r.code).toBe(0);
  });
});

/**
 * A policy-bearing resource whose other properties hold Refs iam-spec cannot resolve (a gateway
 * endpoint's VpcId and RouteTableIds, as in aws-cloudformation-templates' private-vpc.yaml) is
 * imported from what it reads; a Ref it cannot resolve inside what it reads (the policy) is an
 * error at that Ref, and only that.
 */
describe("CloudFormation properties iam-spec does not read", () => {
  const dir = "test/fixtures/import/cfn-unread-props";

  it("an endpoint policy is imported though VpcId and RouteTableIds are unresolvable: both expectations hold", async () => {
    const r = await cli(["test", `${dir}/ok`, "--seed", "1", "--reporter", "json"]);
    const report = JSON.parse(r.stdout) as { results: { status: string; evidence: { method: string; requests: number } }[] };
    expect(report.results.map((x) => [x.status, x.evidence.method])).toEqual([
      ["passed", "exact"],
      ["passed", "proved"],
    ]);
    expect(report.results[1]!.evidence.requests).toBeGreaterThan(0);
    expect(r.code).toBe(0);
  });

  it("flipped, both fail: the endpoint policy decides", async () => {
    const r = await cli(["test", `${dir}/flipped`, "--seed", "1", "--reporter", "json"]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.results.map((x) => x.status)).toEqual(["failed", "failed"]);
    expect(report.results[0]!.counterexample).toMatchObject({ action: "s3:GetObject", decision: "Allow" });
    expect(report.results[1]!.counterexample).toMatchObject({ resource: "arn:aws:s3:::other-bucket/x", decision: "ImplicitDeny" });
    expect(r.code).toBe(1);
  });

  it("an unresolvable Ref inside the bucket policy is one error at the Ref (not also a missing PolicyDocument)", async () => {
    const r = await cli(["test", `${dir}/bad`, "--seed", "1", "--reporter", "json"]);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { results: { status: string; file: string; message: string; position: { line: number; column: number } }[] };
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ status: "error", file: `${dir}/bad/site.yaml`, position: { line: 24, column: 32 } });
    expect(report.results[0]!.message).toMatch(/does not know what Ref and Fn::GetAtt return for AWS::BedrockAgentCore::Gateway \(Gateway\)/);
  });
});
