/**
 * Triggers the caller creates for a function whose code it controls, through the real CLI entry: a
 * lambda:AddPermission statement for the service principal (lambda/latest/api/API_AddPermission.html),
 * then an EventBridge rule with the function as its target
 * (eventbridge/latest/userguide/eb-use-resource-based.html), an S3 event notification and an upload
 * (lambda/latest/dg/with-s3.html), an SNS subscription and a message (lambda/latest/dg/with-sns.html), or a
 * CloudWatch Logs subscription filter and log events (AmazonCloudWatch/latest/logs/SubscriptionFilters.html).
 * Both questions are asked of each benchmark twin, and of the points each trigger turns on.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { A, ADMIN, pol, allow, buggyPath, fixedProved, json, type Result } from "./escalation-twins.js";

const FN = `arn:aws:lambda:us-east-1:${A}:function:ops-cleanup`;
const grantTo = (service: string) => ({ Effect: "Allow", Action: "lambda:AddPermission", Resource: "*", Condition: { StringEquals: { "lambda:Principal": service } } });
const lambdaRole = { trust: pol({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }), policies: [ADMIN] };

// [scenario, the actions of the buggy twin's path]
const PAIRS: [string, string[]][] = [
  ["lambda-update-code-eventbridge-rule", ["lambda:UpdateFunctionCode", "lambda:AddPermission", "events:PutRule", "events:PutTargets"]],
  ["passrole-lambda-s3-notification", ["iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission", "s3:CreateBucket", "s3:PutBucketNotification", "s3:PutObject"]],
  ["lambda-update-code-sns-subscription", ["lambda:UpdateFunctionCode", "lambda:AddPermission", "sns:Subscribe", "sns:Publish"]],
];

describe.each(PAIRS)("%s", (scenario, actions) => {
  it("buggy twin: mayBecome holds through the trigger, mayNotBecome fails", async () => {
    const path = await buggyPath(scenario, actions);
    const grant = path.find((s) => s.action === "lambda:AddPermission")!;
    // The statement names the service that invokes the function, not the caller.
    expect(grant.context?.["lambda:Principal"]).toMatch(/^(events|s3|sns)\.amazonaws\.com$/);
  });
  it("fixed twin: mayNotBecome holds, proved (--require-proof), mayBecome fails", async () => {
    await fixedProved(scenario);
  });
});

/** mayBecome then mayNotBecome of role/admin for user/dev, with the function listed as running as admin. */
async function ask(dev: unknown, top: Record<string, unknown> = { assumptions: { "function-triggers": "none" } }): Promise<{ code: number; results: Result[] }> {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-triggers-"));
  writeFileSync(join(dir, "env.yaml"), JSON.stringify({ ...top, accounts: { [A]: { users: { dev: { policies: [dev] } }, roles: { admin: lambdaRole }, resources: { [FN]: { role: "admin" } } } } }));
  writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect: [
    { as: "user/dev", mayBecome: "role/admin" },
    { as: "user/dev", mayNotBecome: "role/admin" },
  ] }));
  return json(dir);
}
const statuses = (r: { results: Result[] }) => r.results.map((x) => x.status);

describe("the points each trigger turns on", () => {
  it("the EventBridge target is the function: events:TargetArn carries its ARN", async () => {
    const r = await ask(pol(allow(["lambda:UpdateFunctionCode", "events:PutRule", "events:PutTargets"]), grantTo("events.amazonaws.com")));
    expect(statuses(r)).toEqual(["passed", "failed"]);
    expect(r.results[0]!.path!.find((s) => s.action === "events:PutTargets")!.context?.["events:TargetArn"]).toBe(FN);
  });

  it("a grant to one service does not open another's trigger: AddPermission for SNS with EventBridge calls is no path", async () => {
    const r = await ask(pol(allow(["lambda:UpdateFunctionCode", "events:PutRule", "events:PutTargets"]), grantTo("sns.amazonaws.com")));
    expect(statuses(r)).toEqual(["failed", "passed"]);
  });

  it("an S3 notification fires on an upload: without s3:PutObject there is no path", async () => {
    const r = await ask(pol(allow(["lambda:UpdateFunctionCode", "s3:CreateBucket", "s3:PutBucketNotification"]), grantTo("s3.amazonaws.com")));
    expect(statuses(r)).toEqual(["failed", "passed"]);
    const w = await ask(pol(allow(["lambda:UpdateFunctionCode", "s3:CreateBucket", "s3:PutBucketNotification", "s3:PutObject"]), grantTo("s3.amazonaws.com")));
    expect(statuses(w)).toEqual(["passed", "failed"]);
    // A bucket the caller creates is its account's, with no bucket policy.
    expect(w.results[0]!.path!.map((s) => s.action)).toEqual(["lambda:UpdateFunctionCode", "lambda:AddPermission", "s3:CreateBucket", "s3:PutBucketNotification", "s3:PutObject"]);
  });

  it("an existing bucket that no account lists: its owner is the open point unlisted-bucket-owner, never a pass", async () => {
    const dev = pol(allow("lambda:UpdateFunctionCode"), allow("s3:PutBucketNotification", "arn:aws:s3:::team-uploads"), allow("s3:PutObject", "arn:aws:s3:::team-uploads/*"), grantTo("s3.amazonaws.com"));
    const open = await ask(dev);
    expect(statuses(open)).toEqual(["failed", "failed"]);
    expect(JSON.stringify(open.results[1])).toContain("unlisted-bucket-owner");
    // The caller's own bucket, named as its policies single out.
    const own = await ask(dev, { assumptions: { "function-triggers": "none", "unlisted-bucket-owner": "caller" } });
    expect(statuses(own)).toEqual(["passed", "failed"]);
    expect(own.results[0]!.path!.find((s) => s.action === "s3:PutBucketNotification")!.resource).toBe("arn:aws:s3:::team-uploads");
    const outside = await ask(dev, { assumptions: { "function-triggers": "none", "unlisted-bucket-owner": "outside" } });
    expect(statuses(outside)).toEqual(["failed", "passed"]);
  });

  it("an SNS subscription must be over the lambda protocol to the function (sns:Protocol, sns:Endpoint)", async () => {
    const endpoint = (fn: string) => ({ Effect: "Allow", Action: "sns:Subscribe", Resource: "*", Condition: { StringEquals: { "sns:Protocol": "lambda" }, ArnLike: { "sns:Endpoint": fn } } });
    const ok = await ask(pol(allow(["lambda:UpdateFunctionCode", "sns:Publish"]), endpoint("arn:aws:lambda:*:*:function:ops-*"), grantTo("sns.amazonaws.com")));
    expect(statuses(ok)).toEqual(["passed", "failed"]);
    const other = await ask(pol(allow(["lambda:UpdateFunctionCode", "sns:Publish"]), endpoint("arn:aws:lambda:*:*:function:app-*"), grantTo("sns.amazonaws.com")));
    expect(statuses(other)).toEqual(["failed", "passed"]);
  });

  it("a CloudWatch Logs subscription filter with the function as destination, then log events the caller writes", async () => {
    // AmazonCloudWatch/latest/logs/SubscriptionFilters.html#LambdaFunctionExample: lambda add-permission --principal logs.amazonaws.com
    const r = await ask(pol(allow(["lambda:UpdateFunctionCode", "logs:PutSubscriptionFilter", "logs:CreateLogStream", "logs:PutLogEvents"]), grantTo("logs.amazonaws.com")));
    expect(statuses(r)).toEqual(["passed", "failed"]);
    expect(r.results[0]!.path!.map((s) => s.action)).toEqual(["lambda:UpdateFunctionCode", "lambda:AddPermission", "logs:PutSubscriptionFilter", "logs:CreateLogStream", "logs:PutLogEvents"]);
    const quiet = await ask(pol(allow(["lambda:UpdateFunctionCode", "logs:PutSubscriptionFilter"]), grantTo("logs.amazonaws.com")));
    expect(statuses(quiet)).toEqual(["failed", "passed"]);
  });

  it("a trigger of the caller's own needs no reading of function-triggers: left open, the path is found, not undetermined", async () => {
    const r = await ask(pol(allow(["lambda:UpdateFunctionCode", "events:PutRule", "events:PutTargets"]), grantTo("events.amazonaws.com")), {});
    expect(statuses(r)).toEqual(["passed", "failed"]);
    expect(r.results[0]!.path!.map((s) => s.action)).toContain("events:PutTargets");
    expect(JSON.stringify(r.results[1])).not.toContain("undetermined");
  });
});
