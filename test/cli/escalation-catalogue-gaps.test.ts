/**
 * Methods of the public catalogues that iam-spec did not model before, through the real CLI entry: new code on a Lambda function that its triggers invoke
 * (pathfinding.cloud lambda-003; lambda/latest/dg/lambda-services.html), a new version of a launch
 * template an Auto Scaling group launches from (ec2-005; AWSEC2/latest/UserGuide/permissions-for-launch-templates.html),
 * a CodeDeploy deployment to a group whose instances run as a role
 * (codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html), a container instance of
 * the caller's own in the cluster of a task that runs as a role (ecs-007 without iam:PassRole;
 * AmazonECS/latest/developerguide/task-iam-roles.html), and a role passed to a Cognito identity pool
 * (cognitoidentity-001; cognito/latest/developerguide/role-based-access-control.html), a job role passed
 * to AWS Batch (batch-001; batch/latest/APIReference/API_RegisterJobDefinition.html), whose
 * iam:PassedToService value the documentation does not give (the open point batch-passed-to-service),
 * and a runtime role passed to EMR Serverless (emrserverless-001;
 * emr/latest/EMR-Serverless-UserGuide/security-iam-runtime-role.html). Both questions are asked
 * of each benchmark twin; the open point function-triggers is asked under each reading.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { A, ADMIN, pol, allow, trust, buggyPath, fixedProved, json, type Result } from "./escalation-twins.js";
import { runCli } from "./run-cli.js";


// [scenario, the actions of the buggy twin's path]
const PAIRS: [string, string[]][] = [
  ["lambda-update-code-trigger", ["lambda:UpdateFunctionCode"]],
  ["ec2-launch-template-version", ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"]],
  ["codedeploy-deployment", ["codedeploy:CreateDeployment"]],
  ["ecs-register-container-instance", ["ecs:RegisterContainerInstance"]],
  ["passrole-cognito-identity", ["iam:PassRole", "cognito-identity:SetIdentityPoolRoles", "sts:AssumeRoleWithWebIdentity"]],
  ["passrole-batch", ["iam:PassRole", "batch:RegisterJobDefinition", "batch:SubmitJob", "batch:SubmitJob"]],
  ["passrole-emr-serverless", ["iam:PassRole", "emr-serverless:CreateApplication", "emr-serverless:StartJobRun"]],
];

describe.each(PAIRS)("%s", (scenario, actions) => {
  it("buggy twin: mayBecome holds through the method, mayNotBecome fails", async () => {
    await buggyPath(scenario, actions);
  });
  it("fixed twin: mayNotBecome holds, proved (--require-proof), mayBecome fails", async () => {
    await fixedProved(scenario);
  });
});

/** mayBecome then mayNotBecome of role/admin for user/dev, in one account (plus top-level keys of the environment). */
async function ask(account: Record<string, unknown>, top: Record<string, unknown> = {}, extra: string[] = []): Promise<{ code: number; results: Result[] }> {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-gaps-"));
  writeFileSync(join(dir, "env.yaml"), JSON.stringify({ ...top, accounts: { [A]: account } }));
  writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect: [
    { as: "user/dev", mayBecome: "role/admin" },
    { as: "user/dev", mayNotBecome: "role/admin" },
  ] }));
  return json(dir, extra);
}
const statuses = (r: { results: Result[] }) => r.results.map((x) => x.status);
const actionsOf = (r: Result) => r.path!.map((s) => s.action);
const BECOMES = ["passed", "failed"];
const NEVER = ["failed", "passed"];
const OPEN = ["failed", "failed"];
const triggers = (reading?: "none" | "any") => (reading ? { assumptions: { "function-triggers": reading } } : {});

describe("function-triggers: what invokes a function decides whether new code or a new layer needs lambda:InvokeFunction", () => {
  const FN = `arn:aws:lambda:us-east-1:${A}:function:ops`;
  const listed = (dev: unknown[]) => ({
    users: { dev: { policies: [pol(...dev)] } },
    roles: { admin: { trust: trust("lambda.amazonaws.com"), policies: [ADMIN] } },
    resources: { [FN]: { role: "admin" } },
  });
  const layerOnly = listed([
    allow("lambda:PublishLayerVersion", `arn:aws:lambda:*:${A}:layer:*`),
    allow("lambda:GetLayerVersion", `arn:aws:lambda:*:${A}:layer:*:*`),
    allow("lambda:UpdateFunctionConfiguration", FN),
  ]);
  it("a layer of the caller's on a triggered function, no InvokeFunction: a path under any, none under none (proved), undetermined left open", async () => {
    const any = await ask(layerOnly, triggers("any"));
    expect(statuses(any)).toEqual(BECOMES);
    expect(actionsOf(any.results[0]!)).toEqual(["lambda:PublishLayerVersion", "lambda:GetLayerVersion", "lambda:UpdateFunctionConfiguration"]);
    const none = await ask(layerOnly, triggers("none"), ["--require-proof"]);
    expect(statuses(none)).toEqual(NEVER);
    expect(none.results[1]!.evidence).toMatchObject({ method: "proved" });
    const open = await ask(layerOnly);
    expect(statuses(open)).toEqual(OPEN);
    expect(open.results[1]!.path!.every((s) => s.decision === "Allow")).toBe(true);
    expect(JSON.stringify(open.results[1])).toContain("function-triggers");
  });
  it("an event source mapping of the caller's makes Lambda invoke the function: a path under every reading, lambda:FunctionArn the function (invocation-eventsourcemapping.html); mappings kept to another function: none, proved", async () => {
    const r = await ask(listed([allow("lambda:UpdateFunctionCode", FN), allow("lambda:CreateEventSourceMapping")]), triggers("none"));
    expect(statuses(r)).toEqual(BECOMES);
    expect(actionsOf(r.results[0]!)).toEqual(["lambda:UpdateFunctionCode", "lambda:CreateEventSourceMapping"]);
    expect(r.results[0]!.path![1]!.context).toMatchObject({ "lambda:FunctionArn": FN });
    const other = await ask(listed([allow("lambda:UpdateFunctionCode", FN), { ...allow("lambda:CreateEventSourceMapping"), Condition: { ArnEquals: { "lambda:FunctionArn": `arn:aws:lambda:us-east-1:${A}:function:app` } } }]), triggers("none"), ["--require-proof"]);
    expect(statuses(other)).toEqual(NEVER);
    expect(other.results[1]!.evidence).toMatchObject({ method: "proved" });
  });
  it("a function whose caller may invoke it needs no reading: the path with InvokeFunction holds under every one", async () => {
    const open = await ask(listed([allow(["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], FN)]));
    expect(statuses(open)).toEqual(BECOMES);
    expect(actionsOf(open.results[0]!)).toEqual(["lambda:UpdateFunctionCode", "lambda:InvokeFunction"]);
  });
  it("iam:PassRole + lambda:UpdateFunctionConfiguration on an existing function its triggers invoke: a path under any only", async () => {
    const passRole = {
      users: { dev: { policies: [pol(allow("iam:PassRole", `arn:aws:iam::${A}:role/admin`), allow("lambda:UpdateFunctionConfiguration"))] } },
      roles: { admin: { trust: trust("lambda.amazonaws.com"), policies: [ADMIN] } },
    };
    const any = await ask(passRole, triggers("any"));
    expect(statuses(any)).toEqual(BECOMES);
    expect(actionsOf(any.results[0]!)).toEqual(["iam:PassRole", "lambda:UpdateFunctionConfiguration"]);
    expect(any.results[0]!.path![0]!.context).toMatchObject({ "iam:PassedToService": "lambda.amazonaws.com" });
    const none = await ask(passRole, triggers("none"), ["--require-proof"]);
    expect(statuses(none)).toEqual(NEVER);
  });
  it("an unknown reading is an input error (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-gaps-"));
    writeFileSync(join(dir, "env.yaml"), JSON.stringify({ assumptions: { "function-triggers": "sometimes" }, accounts: { [A]: listed([]) } }));
    writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect: [{ as: "user/dev", mayNotBecome: "role/admin" }] }));
    const r = await runCli(["test", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/env\.yaml:\d+:\d+: assumptions\.function-triggers: must be one of "none" or "any"/);
  });
});

describe("launch templates an Auto Scaling group launches from (AWSEC2/latest/UserGuide/permissions-for-launch-templates.html)", () => {
  const LT = `arn:aws:ec2:us-east-1:${A}:launch-template/lt-0123456789abcdef0`;
  const env = (dev: unknown[], service = "ec2.amazonaws.com") => ({
    users: { dev: { policies: [pol(...dev)] } },
    roles: { admin: { trust: trust(service), policies: [ADMIN] } },
    resources: { [LT]: { role: "admin" } },
  });
  it("a new version alone reaches a group that launches $Latest: a path without ModifyLaunchTemplate", async () => {
    const r = await ask(env([allow("ec2:CreateLaunchTemplateVersion", LT)]));
    expect(statuses(r)).toEqual(BECOMES);
    expect(r.results[0]!.path!.map((s) => `${s.action} ${s.resource}`)).toEqual([`ec2:CreateLaunchTemplateVersion ${LT}`]);
  });
  it("the new version names any instance profile (AutoScalingServiceRolePolicy passes any role to EC2): a template whose group runs as a reader reaches the admin role", async () => {
    const r = await ask({
      users: { dev: { policies: [pol(allow("ec2:CreateLaunchTemplateVersion", LT))] } },
      roles: { admin: { trust: trust("ec2.amazonaws.com"), policies: [ADMIN] }, reader: { trust: trust("ec2.amazonaws.com"), policies: [] } },
      resources: { [LT]: { role: "reader" } },
    });
    expect(statuses(r)).toEqual(BECOMES);
    expect(r.results[0]!.path!.map((s) => `${s.action} ${s.resource}`)).toEqual([`ec2:CreateLaunchTemplateVersion ${LT}`]);
  });
  it("a template no group launches from (listed without role:) is no path, proved", async () => {
    const r = await ask({ ...env([allow("ec2:*")]), resources: { [LT]: {} } }, {}, ["--require-proof"]);
    expect(statuses(r)).toEqual(NEVER);
    expect(r.results[1]!.evidence).toMatchObject({ method: "proved" });
  });
  it("ModifyLaunchTemplate alone writes no user data: no path, proved", async () => {
    const r = await ask(env([allow("ec2:ModifyLaunchTemplate", LT)]), {}, ["--require-proof"]);
    expect(statuses(r)).toEqual(NEVER);
    expect(r.results[1]!.evidence).toMatchObject({ method: "proved" });
  });
  it("a role that EC2 cannot take on is no instance profile's role: no path", async () => {
    const r = await ask(env([allow("ec2:*")], "lambda.amazonaws.com"), {}, ["--require-proof"]);
    expect(statuses(r)).toEqual(NEVER);
  });
});

describe("CodeDeploy deployment groups (codedeploy/latest/userguide/auth-and-access-control-permissions-reference.html)", () => {
  const GROUP = `arn:aws:codedeploy:us-east-1:${A}:deploymentgroup:ops/fleet`;
  const env = (dev: unknown[], service = "ec2.amazonaws.com", arn = GROUP) => ({
    users: { dev: { policies: [pol(...dev)] } },
    roles: { admin: { trust: trust(service), policies: [ADMIN] } },
    resources: { [arn]: { role: "admin" } },
  });
  it("the group's instances run as the role: CreateDeployment on the group is the step (resource: the group's ARN)", async () => {
    const r = await ask(env([allow("codedeploy:CreateDeployment", `arn:aws:codedeploy:us-east-1:${A}:deploymentgroup:ops/*`)]));
    expect(statuses(r)).toEqual(BECOMES);
    expect(r.results[0]!.path!.map((s) => `${s.action} ${s.resource}`)).toEqual([`codedeploy:CreateDeployment ${GROUP}`]);
  });
  it("a role only CodeDeploy can take on is the group's service role, which runs no code of the caller's: no path", async () => {
    const r = await ask(env([allow("codedeploy:*")], "codedeploy.amazonaws.com"), {}, ["--require-proof"]);
    expect(statuses(r)).toEqual(NEVER);
  });
  it("a deployment group pointed at an instance that runs as a role (UpdateDeploymentGroup, API_UpdateDeploymentGroup.html ec2TagFilters) then deployed to: a path; CreateDeployment alone reaches no unlisted group's instances (proved)", async () => {
    const INSTANCE = `arn:aws:ec2:us-east-1:${A}:instance/i-0123456789abcdef0`;
    const account = (actions: string[]) => ({
      users: { dev: { policies: [pol(allow(actions, `arn:aws:codedeploy:*:${A}:deploymentgroup:web/*`))] } },
      roles: { admin: { trust: trust("ec2.amazonaws.com"), policies: [ADMIN] } },
      resources: { [INSTANCE]: { role: "admin" } },
    });
    const both = await ask(account(["codedeploy:UpdateDeploymentGroup", "codedeploy:CreateDeployment"]));
    expect(statuses(both)).toEqual(BECOMES);
    const group = `arn:aws:codedeploy:us-east-1:${A}:deploymentgroup:web/iam-spec-escalation`;
    expect(both.results[0]!.path!.map((s) => `${s.action} ${s.resource}`)).toEqual([`codedeploy:UpdateDeploymentGroup ${group}`, `codedeploy:CreateDeployment ${group}`]);
    const deployOnly = await ask(account(["codedeploy:CreateDeployment"]), {}, ["--require-proof"]);
    expect(statuses(deployOnly)).toEqual(NEVER);
    expect(deployOnly.results[1]!.evidence).toMatchObject({ method: "proved" });
  });
  it("a new application and deployment group aimed at the instance, with a CodeDeploy service role passed (API_CreateDeploymentGroup.html): a path to the instance's role, not the service role's; without iam:PassRole none (proved)", async () => {
    const INSTANCE = `arn:aws:ec2:us-east-1:${A}:instance/i-0123456789abcdef0`;
    const account = (dev: unknown[]) => ({
      users: { dev: { policies: [pol(...dev)] } },
      roles: { admin: { trust: trust("ec2.amazonaws.com"), policies: [ADMIN] }, "cd-service": { trust: trust("codedeploy.amazonaws.com"), policies: [] } },
      resources: { [INSTANCE]: { role: "admin" } },
    });
    const create = allow(["codedeploy:CreateApplication", "codedeploy:CreateDeploymentGroup", "codedeploy:CreateDeployment"]);
    const r = await ask(account([create, allow("iam:PassRole", `arn:aws:iam::${A}:role/cd-service`)]));
    expect(statuses(r)).toEqual(BECOMES);
    expect(actionsOf(r.results[0]!)).toEqual(["iam:PassRole", "codedeploy:CreateApplication", "codedeploy:CreateDeploymentGroup", "codedeploy:CreateDeployment"]);
    expect(r.results[0]!.path![0]).toMatchObject({ resource: `arn:aws:iam::${A}:role/cd-service`, context: { "iam:PassedToService": "codedeploy.amazonaws.com" } });
    const noPass = await ask(account([create]), {}, ["--require-proof"]);
    expect(statuses(noPass)).toEqual(NEVER);
    expect(noPass.results[1]!.evidence).toMatchObject({ method: "proved" });
  });
  it("role: on a deployment group ARN without its group name is an input error (exit 2) naming the form", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-gaps-"));
    writeFileSync(join(dir, "env.yaml"), JSON.stringify({ accounts: { [A]: env([], "ec2.amazonaws.com", `arn:aws:codedeploy:us-east-1:${A}:deploymentgroup:ops`) } }, null, 2));
    writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect: [{ as: "user/dev", mayNotBecome: "role/admin" }] }));
    const r = await runCli(["test", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/env\.yaml:\d+:\d+: resources: .*deploymentgroup:ops is not a resource that runs as a role.*deploymentgroup:APPLICATION\/GROUP/);
  });
});

describe("a role passed to a Cognito identity pool (cognito/latest/developerguide/role-based-access-control.html)", () => {
  const ROLE = `arn:aws:iam::${A}:role/admin`;
  const cognitoTrust = (condition?: unknown) => pol({ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", ...(condition ? { Condition: condition } : {}) });
  const env = (passRole: unknown, trustPolicy: unknown) => ({
    users: { dev: { policies: [pol(passRole, allow("cognito-identity:SetIdentityPoolRoles"))] } },
    roles: { admin: { trust: trustPolicy, policies: [ADMIN] } },
  });
  it("iam:PassedToService is cognito-identity.amazonaws.com (the AWS managed policies for this call): a path when the caller's PassRole names it", async () => {
    const r = await ask(env({ ...allow("iam:PassRole", ROLE), Condition: { StringEquals: { "iam:PassedToService": "cognito-identity.amazonaws.com" } } }, cognitoTrust({ StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } })));
    expect(statuses(r)).toEqual(BECOMES);
    const path = r.results[0]!.path!;
    expect(path[0]!.context).toMatchObject({ "iam:PassedToService": "cognito-identity.amazonaws.com" });
    // The pool's ID and the login are not in the environment: the last step takes the values the trust names.
    expect(path[2]!.principal).toBe("cognito-identity.amazonaws.com");
    expect(path[2]!.context?.["cognito-identity.amazonaws.com:aud"]).toBe("us-east-1:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b");
  });
  it("PassRole only to Lambda: no path, proved", async () => {
    const r = await ask(env({ ...allow("iam:PassRole", ROLE), Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } }, cognitoTrust()), {}, ["--require-proof"]);
    expect(statuses(r)).toEqual(NEVER);
    expect(r.results[1]!.evidence).toMatchObject({ method: "proved" });
  });
  it("a role whose trust does not let Cognito's identities in is no identity-pool role: no path", async () => {
    const r = await ask(env(allow("iam:PassRole"), pol({ Effect: "Allow", Principal: { Federated: "accounts.google.com" }, Action: "sts:AssumeRoleWithWebIdentity" })), {}, ["--require-proof"]);
    expect(statuses(r)).toEqual(NEVER);
  });
});

describe("a job role passed to AWS Batch: iam:PassedToService is not documented (batch-passed-to-service)", () => {
  const ROLE = `arn:aws:iam::${A}:role/admin`;
  const env = (passedTo: string) => ({
    users: { dev: { policies: [pol(allow(["batch:RegisterJobDefinition", "batch:SubmitJob"]), { ...allow("iam:PassRole", ROLE), Condition: { StringEquals: { "iam:PassedToService": passedTo } } })] } },
    roles: { admin: { trust: trust("ecs-tasks.amazonaws.com"), policies: [ADMIN] } },
  });
  const reading = (r: string) => ({ assumptions: { "batch-passed-to-service": r } });
  it("PassRole to ecs-tasks.amazonaws.com only: undetermined left open, a path under that reading, none under the other (proved)", async () => {
    const open = await ask(env("ecs-tasks.amazonaws.com"));
    expect(statuses(open)).toEqual(OPEN);
    expect(JSON.stringify(open.results[1])).toContain("batch-passed-to-service");
    expect(open.results[1]!.path![0]).toMatchObject({ action: "iam:PassRole", context: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } });
    const ecs = await ask(env("ecs-tasks.amazonaws.com"), reading("ecs-tasks.amazonaws.com"));
    expect(statuses(ecs)).toEqual(BECOMES);
    const batch = await ask(env("ecs-tasks.amazonaws.com"), reading("batch.amazonaws.com"), ["--require-proof"]);
    expect(statuses(batch)).toEqual(NEVER);
    expect(batch.results[1]!.evidence).toMatchObject({ method: "proved" });
  });
  it("PassRole to batch.amazonaws.com only: a path under that reading", async () => {
    const r = await ask(env("batch.amazonaws.com"), reading("batch.amazonaws.com"));
    expect(statuses(r)).toEqual(BECOMES);
    expect(r.results[0]!.path![0]!.context).toMatchObject({ "iam:PassedToService": "batch.amazonaws.com" });
  });
  it("PassRole to Lambda only: no path under either reading, proved", async () => {
    const r = await ask(env("lambda.amazonaws.com"), {}, ["--require-proof"]);
    expect(statuses(r)).toEqual(NEVER);
    expect(r.results[1]!.evidence).toMatchObject({ method: "proved" });
  });
});

describe("a runtime role passed to EMR Serverless (emr/latest/EMR-Serverless-UserGuide/security-iam-runtime-role.html)", () => {
  const env = (dev: unknown[], service = "emr-serverless.amazonaws.com") => ({
    users: { dev: { policies: [pol(...dev)] } },
    roles: { admin: { trust: trust(service), policies: [ADMIN] } },
  });
  it("StartJobRun on an application of the account, without CreateApplication: a path (the application's ID as the caller's policy names it)", async () => {
    const APP = `arn:aws:emr-serverless:eu-west-1:${A}:/applications/00fabc1234567890`;
    const r = await ask(env([allow("iam:PassRole", `arn:aws:iam::${A}:role/admin`), allow("emr-serverless:StartJobRun", APP)]));
    expect(statuses(r)).toEqual(BECOMES);
    expect(r.results[0]!.path!.map((s) => `${s.action} ${s.resource}`)).toEqual([`iam:PassRole arn:aws:iam::${A}:role/admin`, `emr-serverless:StartJobRun ${APP}`]);
    expect(r.results[0]!.path![0]!.context).toMatchObject({ "iam:PassedToService": "emr-serverless.amazonaws.com" });
  });
  it("a role EMR Serverless cannot take on: no path, proved", async () => {
    const r = await ask(env([allow(["iam:PassRole", "emr-serverless:*"])], "glue.amazonaws.com"), {}, ["--require-proof"]);
    expect(statuses(r)).toEqual(NEVER);
    expect(r.results[1]!.evidence).toMatchObject({ method: "proved" });
  });
});
