/**
 * Taking over a role that a resource already runs as (no iam:PassRole): a CloudFormation stack's
 * service role (AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html), a CodeBuild project's
 * service role (codebuild/latest/APIReference/API_StartBuild.html, buildspecOverride), a SageMaker
 * notebook instance's role (sagemaker/latest/APIReference/API_CreatePresignedNotebookInstanceUrl.html),
 * a Glue development endpoint's role (glue/latest/dg/dev-endpoints.html), an instance's role through
 * EC2 Instance Connect (ec2-instance-connect/latest/APIReference/API_SendSSHPublicKey.html), an ECS
 * task's role (AmazonECS/latest/APIReference/API_ExecuteCommand.html), an instance's role through new
 * user data (AWSEC2/latest/APIReference/API_ModifyInstanceAttribute.html,
 * AWSEC2/latest/UserGuide/instancedata-add-user-data.html), a function's role through a layer of the
 * caller's own (lambda/latest/dg/adding-layers.html, lambda/latest/dg/permissions-user-layer.html). Through the real CLI entry:
 * on each benchmark pair, mayBecome holds on the buggy twin and mayNotBecome on the fixed one, and
 * of the two exactly one holds on either twin.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { BENCH, buggyPath, fixedProved, json } from "./escalation-twins.js";

const A = "111122223333";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const pol = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const trustService = (Service: string) => pol({ Effect: "Allow", Principal: { Service }, Action: "sts:AssumeRole" });

function project(env: unknown, expect: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-runs-as-"));
  writeFileSync(join(dir, "env.yaml"), JSON.stringify(env, null, 2));
  writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect }, null, 2));
  return dir;
}

// [scenario, the listed resource the path goes through, the actions of the path]
const METHODS: [string, string, string[]][] = [
  ["cloudformation-update-stack", `arn:aws:cloudformation:us-east-1:${A}:stack/ops-core/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`, ["cloudformation:UpdateStack"]],
  ["cloudformation-change-set", `arn:aws:cloudformation:us-east-1:${A}:stack/ops-core/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`, ["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"]],
  ["codebuild-start-build", `arn:aws:codebuild:us-east-1:${A}:project/ops-deploy`, ["codebuild:StartBuild"]],
  ["codebuild-update-project", `arn:aws:codebuild:us-east-1:${A}:project/ops-deploy`, ["codebuild:UpdateProject", "codebuild:StartBuild"]],
  ["sagemaker-notebook-url", `arn:aws:sagemaker:us-east-1:${A}:notebook-instance/ops-analysis`, ["sagemaker:CreatePresignedNotebookInstanceUrl"]],
  ["glue-update-dev-endpoint", `arn:aws:glue:us-east-1:${A}:devEndpoint/ops-etl`, ["glue:UpdateDevEndpoint"]],
  ["ec2-instance-connect", `arn:aws:ec2:us-east-1:${A}:instance/i-0aaaaaaaaaaaaaaaa`, ["ec2-instance-connect:SendSSHPublicKey"]],
  ["ecs-execute-command", `arn:aws:ecs:us-east-1:${A}:task/ops/0123456789abcdef0123456789abcdef`, ["ecs:ExecuteCommand", "ecs:ExecuteCommand"]],
  ["ec2-user-data", `arn:aws:ec2:us-east-1:${A}:instance/i-0aaaaaaaaaaaaaaaa`, ["ec2:StopInstances", "ec2:ModifyInstanceAttribute", "ec2:StartInstances"]],
  ["lambda-layer", `arn:aws:lambda:us-east-1:${A}:function:ops`, ["lambda:PublishLayerVersion", "lambda:GetLayerVersion", "lambda:UpdateFunctionConfiguration", "lambda:InvokeFunction"]],
];

describe.each(METHODS)("%s", (scenario, resource, actions) => {
  it("buggy twin: mayBecome holds with the path through the listed resource, mayNotBecome fails", async () => {
    const path = await buggyPath(scenario, actions);
    expect(path.map((s) => s.resource)).toContain(resource);
    expect(path.map((s) => s.action)).not.toContain("iam:PassRole");
  });
  it("fixed twin: mayNotBecome holds, proved (--require-proof), mayBecome fails", async () => {
    await fixedProved(scenario);
  });
});

describe("the keys each step fixes", () => {
  const STACK = `arn:aws:cloudformation:us-east-1:${A}:stack/ops/11111111-2222-3333-4444-555555555555`;
  const PROJECT = `arn:aws:codebuild:us-east-1:${A}:project/ops`;
  const env = (service: string, resource: string, dev: unknown[]) => ({
    accounts: {
      [A]: {
        users: { dev: { policies: [pol(...dev)] } },
        roles: { admin: { trust: trustService(service), policies: [ADMIN] } },
        resources: { [resource]: { role: "admin" } },
      },
    },
  });
  const ask = [{ as: "user/dev", mayNotBecome: "role/admin" }, { as: "user/dev", mayBecome: "role/admin" }];

  it("an update that keeps the stack's role names none: cloudformation:RoleArn is absent (API_UpdateStack.html, RoleARN)", async () => {
    // Allowed only when the request names a role: keeping the stack's role is then denied, and naming
    // one needs iam:PassRole, which dev does not have.
    const mustName = await json(project(env("cloudformation.amazonaws.com", STACK, [
      { Effect: "Allow", Action: ["cloudformation:UpdateStack", "cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"], Resource: "*", Condition: { Null: { "cloudformation:RoleArn": "false" } } },
    ]), ask), ["--require-proof"]);
    expect(mustName.results.map((r) => r.status)).toEqual(["passed", "failed"]);
    // Denied whenever a role is named: keeping the stack's role is still allowed.
    const noNaming = await json(project(env("cloudformation.amazonaws.com", STACK, [
      { Effect: "Allow", Action: "cloudformation:UpdateStack", Resource: "*" },
      { Effect: "Deny", Action: "cloudformation:UpdateStack", Resource: "*", Condition: { Null: { "cloudformation:RoleArn": "false" } } },
    ]), ask));
    expect(noNaming.results.map((r) => r.status)).toEqual(["failed", "passed"]);
  });

  it("a build without a buildspec override runs the project's own commands: no path; with the override allowed, one (action-context-keys.html)", async () => {
    const onlyPlain = await json(project(env("codebuild.amazonaws.com", PROJECT, [
      { Effect: "Allow", Action: ["codebuild:StartBuild", "codebuild:StartBuildBatch"], Resource: "*", Condition: { Null: { "codebuild:source.buildspec": "true" } } },
    ]), ask), ["--require-proof"]);
    expect(onlyPlain.results.map((r) => r.status)).toEqual(["passed", "failed"]);
    const batch = await json(project(env("codebuild.amazonaws.com", PROJECT, [{ Effect: "Allow", Action: "codebuild:StartBuildBatch", Resource: "*" }]), ask));
    expect(batch.results.map((r) => r.status)).toEqual(["failed", "passed"]);
    expect(batch.results[1]!.path!.map((s) => s.action)).toEqual(["codebuild:StartBuildBatch"]);
  });

  it("the service must be able to take the role on: a stack whose role trusts only Lambda is no path", async () => {
    const { results } = await json(project(env("lambda.amazonaws.com", STACK, [{ Effect: "Allow", Action: "cloudformation:*", Resource: "*" }]), ask), ["--require-proof"]);
    expect(results.map((r) => r.status)).toEqual(["passed", "failed"]);
  });

  it("ECS Exec is authorized on the cluster and on the task, with ecs:cluster set (API_ExecuteCommand.html)", async () => {
    const TASK = `arn:aws:ecs:us-east-1:${A}:task/ops/0123456789abcdef0123456789abcdef`;
    const { results } = await json(project(env("ecs-tasks.amazonaws.com", TASK, [{ Effect: "Allow", Action: "ecs:ExecuteCommand", Resource: "*" }]), ask));
    expect(results[1]!.path!.map((s) => s.resource)).toEqual([`arn:aws:ecs:us-east-1:${A}:cluster/ops`, TASK]);
    expect(results[1]!.path![0]!.context).toMatchObject({ "ecs:cluster": `arn:aws:ecs:us-east-1:${A}:cluster/ops`, "ecs:task": TASK });
    // The task only, not the cluster: blocked.
    const taskOnly = await json(project(env("ecs-tasks.amazonaws.com", TASK, [{ Effect: "Allow", Action: "ecs:ExecuteCommand", Resource: TASK }]), ask), ["--require-proof"]);
    expect(taskOnly.results.map((r) => r.status)).toEqual(["passed", "failed"]);
  });

  it("new user data: stop, modify, start; an instance that is already stopped needs no StopInstances, and without StartInstances no path (instancedata-add-user-data.html)", async () => {
    const INSTANCE = `arn:aws:ec2:us-east-1:${A}:instance/i-0cccccccccccccccc`;
    const all = await json(project(env("ec2.amazonaws.com", INSTANCE, [{ Effect: "Allow", Action: ["ec2:StopInstances", "ec2:ModifyInstanceAttribute", "ec2:StartInstances"], Resource: INSTANCE }]), ask));
    expect(all.results.map((r) => r.status)).toEqual(["failed", "passed"]);
    expect(all.results[1]!.path!.map((s) => s.action)).toEqual(["ec2:StopInstances", "ec2:ModifyInstanceAttribute", "ec2:StartInstances"]);
    expect(all.results[1]!.path!.map((s) => s.resource)).toEqual([INSTANCE, INSTANCE, INSTANCE]);
    // The environment does not record that the instance runs: a stopped one needs no StopInstances.
    const noStop = await json(project(env("ec2.amazonaws.com", INSTANCE, [{ Effect: "Allow", Action: ["ec2:ModifyInstanceAttribute", "ec2:StartInstances"], Resource: "*" }]), ask));
    expect(noStop.results.map((r) => r.status)).toEqual(["failed", "passed"]);
    expect(noStop.results[1]!.path!.map((s) => s.action)).toEqual(["ec2:ModifyInstanceAttribute", "ec2:StartInstances"]);
    // Nobody starts it again: the new user data never runs.
    const noStart = await json(project(env("ec2.amazonaws.com", INSTANCE, [{ Effect: "Allow", Action: ["ec2:StopInstances", "ec2:ModifyInstanceAttribute"], Resource: "*" }]), ask), ["--require-proof"]);
    expect(noStart.results.map((r) => r.status)).toEqual(["passed", "failed"]);
    expect(noStart.results[0]!.evidence).toMatchObject({ method: "proved" });
  });

  it("a layer of the caller's own: named as its PublishLayerVersion statement allows, lambda:Layer carries it, GetLayerVersion is asked (permissions-user-layer.html, adding-layers.html)", async () => {
    const FN = `arn:aws:lambda:eu-west-1:${A}:function:ops`;
    const dev = (get: boolean) => [
      { Effect: "Allow", Action: "lambda:PublishLayerVersion", Resource: "arn:aws:lambda:*:*:layer:test-*" },
      { Effect: "Allow", Action: get ? ["lambda:UpdateFunctionConfiguration", "lambda:InvokeFunction", "lambda:GetLayerVersion"] : ["lambda:UpdateFunctionConfiguration", "lambda:InvokeFunction"], Resource: "*" },
    ];
    const { results } = await json(project(env("lambda.amazonaws.com", FN, dev(true)), ask));
    expect(results.map((r) => r.status)).toEqual(["failed", "passed"]);
    const path = results[1]!.path!;
    const LAYER = `arn:aws:lambda:eu-west-1:${A}:layer:test-iam-spec-escalation`;
    expect(path.map((s) => s.resource)).toEqual([LAYER, `${LAYER}:1`, FN, FN]);
    expect(path[2]!.context).toMatchObject({ "lambda:Layer": [`${LAYER}:1`] });
    // Without lambda:GetLayerVersion the layer cannot be added: no path, proved.
    const noGet = await json(project(env("lambda.amazonaws.com", FN, dev(false)), ask), ["--require-proof"]);
    expect(noGet.results.map((r) => r.status)).toEqual(["passed", "failed"]);
    expect(noGet.results[0]!.evidence).toMatchObject({ method: "proved" });
  });
});

describe("role: on resources that run as a role (input errors, exit 2)", () => {
  const env = (resources: Record<string, unknown>) => ({
    accounts: { [A]: { users: { dev: {} }, roles: { admin: { trust: trustService("cloudformation.amazonaws.com"), policies: [ADMIN] } }, resources } },
  });
  it("a stack, a project, a notebook instance, a dev endpoint and an ECS task take role:", async () => {
    const r = await runCli(["test", project(env({
      [`arn:aws:cloudformation:us-east-1:${A}:stack/ops/11111111-2222-3333-4444-555555555555`]: { role: "admin" },
      [`arn:aws:codebuild:us-east-1:${A}:project/ops`]: { role: "role/admin" },
      [`arn:aws:sagemaker:us-east-1:${A}:notebook-instance/ops`]: { role: `arn:aws:iam::${A}:role/admin` },
      [`arn:aws:glue:us-east-1:${A}:devEndpoint/ops`]: { role: "admin" },
      [`arn:aws:ecs:us-east-1:${A}:task/ops/0123456789abcdef0123456789abcdef`]: { role: "admin" },
    }), [{ as: "user/dev", mayNotBecome: "role/admin" }]), "--reporter", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
  it("a stack named without its ID, or an ECS task ARN without its cluster, is not one: the error says where and what is", async () => {
    for (const arn of [`arn:aws:cloudformation:us-east-1:${A}:stack/ops`, `arn:aws:ecs:us-east-1:${A}:task/0123456789abcdef0123456789abcdef`]) {
      const r = await runCli(["test", project(env({ [arn]: { role: "admin" } }), [{ as: "user/dev", mayNotBecome: "role/admin" }])]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`env\\.yaml:\\d+:\\d+: .*${arn.replace(/[/.]/g, "\\$&")} is not a resource that runs as a role`));
      expect(r.stderr).toMatch(/arn:aws:cloudformation:REGION:ACCOUNT:stack\/NAME\/ID/);
      expect(r.stderr).toMatch(/arn:aws:ecs:REGION:ACCOUNT:task\/CLUSTER\/ID/);
    }
  });
  it("a role that is not there, or of another account, is an input error at the role:", async () => {
    const stack = (account: string) => `arn:aws:cloudformation:us-east-1:${account}:stack/ops/11111111-2222-3333-4444-555555555555`;
    const missing = await runCli(["test", project(env({ [stack(A)]: { role: "deployer" } }), [{ as: "user/dev", mayNotBecome: "role/admin" }])]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/env\.yaml:\d+:\d+: .*runs as "deployer", which is not a role of account 111122223333/);
    expect(missing.stderr).toMatch(/name a role listed under account 111122223333/);
    const other = await runCli(["test", project(env({ [stack("444455556666")]: { role: "admin" } }), [{ as: "user/dev", mayNotBecome: "role/admin" }])]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/runs as "admin", which is not a role of account 111122223333/);
  });
});

it("the benchmark lists every method of this file", () => {
  const names = (JSON.parse(readFileSync(join(BENCH, "scenarios.json"), "utf8")) as { name: string }[]).map((s) => s.name);
  for (const [scenario] of METHODS) expect(names).toContain(scenario);
});
