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
