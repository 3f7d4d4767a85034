/**
 * Escalation methods from the public catalogues, asked both ways through the real CLI entry:
 * - iam:PassRole + apprunner:CreateService (apprunner/latest/api/API_CreateService.html): the instance
 *   role's trust names tasks.apprunner.amazonaws.com and the role is passed to apprunner.amazonaws.com
 *   (apprunner/latest/dg/security_iam_service-with-iam.html, "Instance role" and AWSAppRunnerFullAccess);
 * - apprunner:UpdateService on a service listed with its instance role (apprunner/latest/api/API_UpdateService.html);
 * - a layer from an account of the caller's own, shared with the function's account
 *   (lambda/latest/dg/permissions-layer-cross-account.html), stopped by a `lambda:Layer` condition that
 *   names the account (lambda/latest/dg/permissions-user-layer.html);
 * - user data through ec2:ModifyInstanceAttribute with the `ec2:Attribute` keys it carries
 *   (AWSEC2/latest/UserGuide/iam-policies-for-amazon-ec2.html, "ec2:Attribute condition key");
 * - ecs:StartTask with a task role override (AmazonECS/latest/APIReference/API_TaskOverride.html),
 *   glue:UpdateJob + glue:CreateTrigger, ec2:RequestSpotInstances (API_RequestSpotLaunchSpecification.html);
 * - a stack set's execution role, assumed by the administration role the caller passes
 *   (AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html);
 * - lambda:AddPermission naming the caller in place of its own lambda:InvokeFunction (lambda/latest/api/API_AddPermission.html);
 * - a lifecycle configuration on a notebook instance (sagemaker/latest/dg/notebook-lifecycle-config.html);
 * - an AgentCore Runtime with the passed execution role and a shell command in its session
 *   (bedrock-agentcore/latest/devguide/runtime-execute-command.html).
 * On each benchmark pair, mayBecome holds on the buggy twin and mayNotBecome on the fixed one (proved),
 * and of the two exactly one holds on either twin.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buggyPath, fixedProved, json, type Result } from "./escalation-twins.js";

const A = "111122223333";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const pol = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const allow = (Action: unknown, Resource: unknown = "*", Condition?: unknown) => ({ Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) });
const deny = (Action: unknown, Condition: unknown) => ({ Effect: "Deny", Action, Resource: "*", Condition });
const trust = (Service: string) => pol({ Effect: "Allow", Principal: { Service }, Action: "sts:AssumeRole" });

// [scenario, the actions of the path]
const PAIRS: [string, string[]][] = [
  ["passrole-apprunner", ["iam:PassRole", "apprunner:CreateService"]],
  ["apprunner-update-service", ["apprunner:UpdateService"]],
  ["lambda-layer-outside", ["lambda:GetLayerVersion", "lambda:UpdateFunctionConfiguration", "lambda:InvokeFunction"]],
  ["ec2-user-data-attribute", ["ec2:StopInstances", "ec2:ModifyInstanceAttribute", "ec2:StartInstances"]],
  ["ecs-start-task-override", ["iam:PassRole", "ecs:StartTask"]],
  ["glue-update-job-trigger", ["iam:PassRole", "glue:UpdateJob", "glue:CreateTrigger"]],
  ["ec2-spot-instances", ["iam:PassRole", "ec2:RequestSpotInstances"]],
  ["cloudformation-update-stack-set", ["iam:PassRole", "cloudformation:UpdateStackSet", "sts:AssumeRole"]],
  ["passrole-lambda-add-permission", ["iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission", "lambda:InvokeFunction"]],
  ["lambda-add-permission", ["lambda:UpdateFunctionCode", "lambda:AddPermission", "lambda:InvokeFunction"]],
  ["passrole-agentcore-runtime", ["iam:PassRole", "bedrock-agentcore:CreateAgentRuntime", "bedrock-agentcore:CreateAgentRuntimeEndpoint", "bedrock-agentcore:CreateWorkloadIdentity", "bedrock-agentcore:InvokeAgentRuntimeCommand", "bedrock-agentcore:InvokeAgentRuntimeCommand"]],
  ["sagemaker-lifecycle-config", ["sagemaker:CreateNotebookInstanceLifecycleConfig", "sagemaker:StopNotebookInstance", "sagemaker:UpdateNotebookInstance", "sagemaker:StartNotebookInstance"]],
];

describe.each(PAIRS)("%s", (scenario, actions) => {
  it("buggy twin: mayBecome holds through the method, mayNotBecome fails", async () => {
    await buggyPath(scenario, actions);
  });
  it("fixed twin: mayNotBecome holds, proved (--require-proof), mayBecome fails", async () => {
    await fixedProved(scenario);
  });
});

/** mayBecome and mayNotBecome of role/admin for user/dev in an environment of one account. */
async function ask(account: Record<string, unknown>, extra: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-more-methods-"));
  writeFileSync(join(dir, "env.yaml"), JSON.stringify({ ...top, accounts: { [A]: account, ...extra } }));
  writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect: [
    { as: "user/dev", mayBecome: "role/admin" },
    { as: "user/dev", mayNotBecome: "role/admin" },
  ] }));
  return (await json(dir, ["--require-proof"])).results;
}
const statuses = (r: Result[]) => r.map((x) => x.status);
const BECOMES = ["passed", "failed"];
const NEVER = ["failed", "passed"];

describe("App Runner: who takes the role on, and what iam:PassedToService carries", () => {
  const appRunner = (service: string, passedTo: string) => ({
    users: { dev: { policies: [pol(allow("apprunner:CreateService"), allow("iam:PassRole", "*", { StringEquals: { "iam:PassedToService": passedTo } }))] } },
    roles: { admin: { trust: trust(service), policies: [ADMIN] } },
  });
  it("an instance role (tasks.apprunner.amazonaws.com) passed to apprunner.amazonaws.com: a path", async () => {
    const r = await ask(appRunner("tasks.apprunner.amazonaws.com", "apprunner.amazonaws.com"));
    expect(statuses(r)).toEqual(BECOMES);
    expect(r[0]!.path![0]).toMatchObject({ action: "iam:PassRole", context: { "iam:PassedToService": "apprunner.amazonaws.com" } });
  });
  it("an access role (build.apprunner.amazonaws.com, it pulls images) is no instance role: no path, proved", async () => {
    const r = await ask(appRunner("build.apprunner.amazonaws.com", "apprunner.amazonaws.com"));
    expect(statuses(r)).toEqual(NEVER);
    expect(r[1]!.evidence).toMatchObject({ method: "proved" });
  });
  it("PassRole only to tasks.apprunner.amazonaws.com: App Runner is not passed the role that way, no path, proved", async () => {
    const r = await ask(appRunner("tasks.apprunner.amazonaws.com", "tasks.apprunner.amazonaws.com"));
    expect(statuses(r)).toEqual(NEVER);
    expect(r[1]!.evidence).toMatchObject({ method: "proved" });
  });
});

describe("a layer from an account outside the environment", () => {
  const FN = "arn:aws:lambda:eu-west-1:111122223333:function:ops";
  const layerUser = (getLayer: string) => ({
    users: { dev: { policies: [pol(allow("lambda:GetLayerVersion", getLayer), allow(["lambda:UpdateFunctionConfiguration", "lambda:InvokeFunction"]))] } },
    roles: { admin: { trust: trust("lambda.amazonaws.com"), policies: [ADMIN] } },
    resources: { [FN]: { role: "admin" } },
  });
  it("the caller may read any account's layers: a path through a layer of its own account, in the function's region", async () => {
    const r = await ask(layerUser("arn:aws:lambda:*:*:layer:*:*"));
    expect(statuses(r)).toEqual(BECOMES);
    const [get, update] = r[0]!.path!;
    expect(get!.resource).toMatch(/^arn:aws:lambda:eu-west-1:(\d{12}):layer:[^:]+:1$/);
    expect(get!.resource).not.toContain(A);
    expect(update).toMatchObject({ action: "lambda:UpdateFunctionConfiguration", resource: FN, context: { "lambda:Layer": [get!.resource] } });
  });
  it("the caller may read only its own account's layers: the shared layer is no use (cross-account needs both policies), proved", async () => {
    const r = await ask(layerUser(`arn:aws:lambda:*:${A}:layer:*:*`));
    expect(statuses(r)).toEqual(NEVER);
    expect(r[1]!.evidence).toMatchObject({ method: "proved" });
  });
  it("the layer's account is one the environment does not hold", async () => {
    const r = await ask(layerUser("arn:aws:lambda:*:*:layer:*:*"), { "999988887777": { users: {} } });
    expect(r[0]!.path![0]!.resource).toContain(":999988887776:layer:");
  });
});

describe("user data and the ec2:Attribute keys", () => {
  const INSTANCE = `arn:aws:ec2:us-east-1:${A}:instance/i-0aaaaaaaaaaaaaaaa`;
  const withModify = (...modify: unknown[]) => ({
    users: { dev: { policies: [pol(allow(["ec2:StopInstances", "ec2:StartInstances"]), ...modify)] } },
    roles: { admin: { trust: trust("ec2.amazonaws.com"), policies: [ADMIN] } },
    resources: { [INSTANCE]: { role: "admin" } },
  });
  const modify = (Condition?: unknown) => allow("ec2:ModifyInstanceAttribute", "*", Condition);
  it("ModifyInstanceAttribute allowed only to resize (ec2:Attribute instanceType): no path, proved", async () => {
    const r = await ask(withModify(modify({ StringEquals: { "ec2:Attribute": "instanceType" } })));
    expect(statuses(r)).toEqual(NEVER);
    expect(r[1]!.evidence).toMatchObject({ method: "proved" });
  });
  it("allowed only with a new instance type as the attribute's value (ec2:Attribute/InstanceType): no path, proved", async () => {
    const r = await ask(withModify(modify({ StringLike: { "ec2:Attribute/InstanceType": "t3.*" } })));
    expect(statuses(r)).toEqual(NEVER);
    expect(r[1]!.evidence).toMatchObject({ method: "proved" });
  });
  it("a deny of Attribute=userData leaves the UserData parameter: a path without ec2:Attribute", async () => {
    const r = await ask(withModify(modify(), deny("ec2:ModifyInstanceAttribute", { StringEquals: { "ec2:Attribute": "userData" } })));
    expect(statuses(r)).toEqual(BECOMES);
    const step = r[0]!.path!.find((s) => s.action === "ec2:ModifyInstanceAttribute")!;
    expect(step.context?.["ec2:Attribute"]).toBeNull();
  });
  it("denying both forms (Attribute=userData, and the UserData parameter present): no path, proved", async () => {
    const r = await ask(withModify(
      modify(),
      deny("ec2:ModifyInstanceAttribute", { StringEquals: { "ec2:Attribute": "userData" } }),
      deny("ec2:ModifyInstanceAttribute", { Null: { "ec2:Attribute/UserData": "false" } }),
    ));
    expect(statuses(r)).toEqual(NEVER);
    expect(r[1]!.evidence).toMatchObject({ method: "proved" });
  });
});

describe("stack sets: the caller acts as the execution role, not as the administration role", () => {
  const stackSet = (adminPolicies: unknown[], execTrusts: string) => ({
    users: { dev: { policies: [pol(allow("cloudformation:UpdateStackSet"), allow("iam:PassRole", `arn:aws:iam::${A}:role/stackset-admin`))] } },
    roles: {
      "stackset-admin": { trust: trust("cloudformation.amazonaws.com"), policies: adminPolicies },
      admin: { trust: pol({ Effect: "Allow", Principal: { AWS: execTrusts }, Action: "sts:AssumeRole" }), policies: [ADMIN] },
    },
  });
  it("an administration role that may assume the admin execution role: a path whose last step is the administration role's", async () => {
    const r = await ask(stackSet([pol(allow("sts:AssumeRole", `arn:aws:iam::${A}:role/*`))], `arn:aws:iam::${A}:root`));
    expect(statuses(r)).toEqual(BECOMES);
    expect(r[0]!.path!.at(-1)).toMatchObject({ principal: expect.stringContaining("assumed-role/stackset-admin/"), action: "sts:AssumeRole" });
  });
  it("an administration role without sts:AssumeRole, the execution role trusting the account: no path, proved", async () => {
    const r = await ask(stackSet([pol(allow("cloudformation:*"))], `arn:aws:iam::${A}:root`));
    expect(statuses(r)).toEqual(NEVER);
    expect(r[1]!.evidence).toMatchObject({ method: "proved" });
  });
});

describe("lambda:AddPermission names the caller", () => {
  const FN = `arn:aws:lambda:us-east-1:${A}:function:ops`;
  const addPermission = (resourcePolicy?: unknown) => ({
    users: { dev: { policies: [pol(allow(["lambda:UpdateFunctionCode", "lambda:AddPermission"], FN))] } },
    roles: { admin: { trust: trust("lambda.amazonaws.com"), policies: [ADMIN] } },
    resources: { [FN]: { role: "admin", ...(resourcePolicy ? { policy: resourcePolicy } : {}) } },
  });
  it("the new statement lets the caller invoke the function: a path with lambda:Principal the caller", async () => {
    const r = await ask(addPermission());
    expect(statuses(r)).toEqual(BECOMES);
    expect(r[0]!.path![1]).toMatchObject({ action: "lambda:AddPermission", context: { "lambda:Principal": `arn:aws:iam::${A}:user/dev` } });
  });
  it("a statement of the function's policy that denies the caller's invoke still holds after the new one: no path (nothing else invokes it)", async () => {
    const r = await ask(addPermission(pol({ Effect: "Deny", Principal: { AWS: `arn:aws:iam::${A}:user/dev` }, Action: "lambda:InvokeFunction", Resource: FN })), {}, { assumptions: { "function-triggers": "none" } });
    expect(statuses(r)).toEqual(NEVER);
  });
});
