/**
 * The newest entries of the pathfinding.cloud catalogue, through the real CLI entry: a role passed to
 * an Amplify app's build (amplify-001; amplify/latest/userguide/amplify-service-role.html), to
 * an Amazon Braket hybrid job (braket-001; braket/latest/APIReference/API_CreateJob.html), to a GameLift
 * fleet as its instance role (gamelift-001; gameliftservers/latest/developerguide/gamelift-sdk-server-resources.html),
 * to an EC2 Image Builder build instance (imagebuilder-001; imagebuilder/latest/userguide/manage-infra-config.html),
 * to a Managed Service for Apache Flink application (kinesisanalytics-001;
 * managed-flink/latest/apiv2/API_CreateApplication.html), to a HealthOmics run (omics-001;
 * omics/latest/dev/permissions-service.html) and to an AgentCore custom browser (bedrock-006), and the
 * AgentCore runtimes, code interpreters and browsers that already run as a role (bedrock-004, 002,
 * 007; bedrock-agentcore/latest/devguide/security-credentials-management.html), a role passed to an
 * EventBridge schedule (scheduler-001; scheduler/latest/UserGuide/managing-targets-universal.html), and
 * a state machine and a Batch job definition listed with role: (stepfunctions-002, batch-002). Both
 * questions are asked of each benchmark twin.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { A, ADMIN, pol, allow, trust, buggyPath, fixedProved, json, type Result } from "./escalation-twins.js";
import { runCli } from "./run-cli.js";


// [scenario, the actions of the buggy twin's path]
const PAIRS: [string, string[]][] = [
  ["passrole-amplify", ["iam:PassRole", "amplify:CreateApp", "amplify:CreateBranch", "amplify:StartJob"]],
  ["passrole-braket", ["iam:PassRole", "braket:CreateJob", "braket:CreateJob"]],
  ["passrole-gamelift", ["iam:PassRole", "gamelift:CreateBuild", "gamelift:RequestUploadCredentials", "gamelift:CreateFleet"]],
  ["passrole-imagebuilder", ["iam:PassRole", "imagebuilder:CreateComponent", "imagebuilder:CreateImageRecipe", "imagebuilder:CreateInfrastructureConfiguration", "imagebuilder:CreateImage"]],
  ["passrole-kinesisanalytics", ["iam:PassRole", "kinesisanalytics:CreateApplication", "kinesisanalytics:StartApplication"]],
  ["passrole-omics", ["iam:PassRole", "omics:CreateWorkflow", "omics:StartRun", "omics:StartRun"]],
  ["passrole-agentcore-browser", ["iam:PassRole", "bedrock-agentcore:CreateBrowser", "bedrock-agentcore:StartBrowserSession", "bedrock-agentcore:ConnectBrowserAutomationStream"]],
  ["agentcore-runtime-command", ["bedrock-agentcore:InvokeAgentRuntimeCommand", "bedrock-agentcore:InvokeAgentRuntimeCommand"]],
  ["agentcore-code-interpreter-session", ["bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"]],
  ["agentcore-browser-session", ["bedrock-agentcore:StartBrowserSession", "bedrock-agentcore:ConnectBrowserAutomationStream"]],
  // Not in the catalogue: a schedule's universal target makes any write call with the passed role
  // (scheduler/latest/UserGuide/managing-targets-universal.html), as a state machine's SDK integrations do.
  ["passrole-scheduler", ["iam:PassRole", "scheduler:CreateSchedule"]],
  // A state machine and a Batch job definition listed with role: (stepfunctions-002, batch-002).
  ["stepfunctions-update-state-machine", ["states:UpdateStateMachine", "states:StartExecution"]],
  ["batch-submit-job-definition", ["batch:SubmitJob", "batch:SubmitJob"]],
];

describe.each(PAIRS)("%s", (scenario, actions) => {
  it("buggy twin: mayBecome holds through the method, mayNotBecome fails", async () => {
    await buggyPath(scenario, actions);
  });
  it("fixed twin: mayNotBecome holds, proved (--require-proof), mayBecome fails", async () => {
    await fixedProved(scenario);
  });
});

/** mayBecome then mayNotBecome of role/admin for user/dev, in one account. */
async function ask(account: Record<string, unknown>): Promise<{ code: number; results: Result[] }> {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-newest-"));
  writeFileSync(join(dir, "env.yaml"), JSON.stringify({ accounts: { [A]: account } }));
  writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect: [
    { as: "user/dev", mayBecome: "role/admin" },
    { as: "user/dev", mayNotBecome: "role/admin" },
  ] }));
  return json(dir);
}
const statuses = (r: { results: Result[] }) => r.results.map((x) => x.status);
const dev = (...Statement: unknown[]) => ({ dev: { policies: [pol(...Statement)] } });
const passTo = (service: string) => ({ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": service } } });

describe("the points each method turns on", () => {
  it("Image Builder passes the instance profile's role to EC2: a role only Image Builder trusts is not reached", async () => {
    // imagebuilder/latest/userguide/security-iam-awsmanpol.html: AWSImageBuilderFullAccess passes roles to ec2.amazonaws.com
    const calls = allow(["imagebuilder:CreateComponent", "imagebuilder:CreateImageRecipe", "imagebuilder:CreateInfrastructureConfiguration", "imagebuilder:CreateImage"]);
    const ec2 = await ask({ users: dev(calls, passTo("ec2.amazonaws.com")), roles: { admin: { trust: trust("ec2.amazonaws.com"), policies: [ADMIN] } } });
    expect(statuses(ec2)).toEqual(["passed", "failed"]);
    const ib = await ask({ users: dev(calls, passTo("ec2.amazonaws.com")), roles: { admin: { trust: trust("imagebuilder.amazonaws.com"), policies: [ADMIN] } } });
    expect(statuses(ib)).toEqual(["failed", "passed"]);
  });

  it("a GameLift fleet needs the upload of the build: without gamelift:RequestUploadCredentials there is no path", async () => {
    const r = await ask({ users: dev(allow(["gamelift:CreateBuild", "gamelift:CreateFleet"]), passTo("gamelift.amazonaws.com")), roles: { admin: { trust: trust("gamelift.amazonaws.com"), policies: [ADMIN] } } });
    expect(statuses(r)).toEqual(["failed", "passed"]);
  });

  it("an AgentCore harness alone (without CreateAgentRuntime, which CreateHarness asks too) is no path; with the runtime's calls it is", async () => {
    const runtime = ["bedrock-agentcore:CreateAgentRuntime", "bedrock-agentcore:CreateAgentRuntimeEndpoint", "bedrock-agentcore:CreateWorkloadIdentity", "bedrock-agentcore:GetAgentRuntime", "bedrock-agentcore:InvokeAgentRuntimeCommand"];
    const roles = { admin: { trust: trust("bedrock-agentcore.amazonaws.com"), policies: [ADMIN] } };
    const harnessOnly = await ask({ users: dev(allow(["bedrock-agentcore:CreateHarness", "bedrock-agentcore:InvokeAgentRuntimeCommand"]), passTo("bedrock-agentcore.amazonaws.com")), roles });
    expect(statuses(harnessOnly)).toEqual(["failed", "passed"]);
    const harness = await ask({ users: dev(allow(["bedrock-agentcore:CreateHarness", ...runtime]), passTo("bedrock-agentcore.amazonaws.com")), roles });
    expect(statuses(harness)).toEqual(["passed", "failed"]);
  });

  it("a runtime command needs the runtime's endpoint too: a deny on runtime-endpoint resources closes the path", async () => {
    const resources = { [`arn:aws:bedrock-agentcore:us-east-1:${A}:runtime/ops-agent`]: { role: "admin" } };
    const roles = { admin: { trust: trust("bedrock-agentcore.amazonaws.com"), policies: [ADMIN] } };
    const open = await ask({ users: dev(allow("bedrock-agentcore:InvokeAgentRuntimeCommand")), roles, resources });
    expect(statuses(open)).toEqual(["passed", "failed"]);
    const denied = await ask({ users: dev(allow("bedrock-agentcore:InvokeAgentRuntimeCommand"), { Effect: "Deny", Action: "*", Resource: `arn:aws:bedrock-agentcore:*:*:runtime/*/runtime-endpoint/*` }), roles, resources });
    expect(statuses(denied)).toEqual(["failed", "passed"]);
  });

  it("role: on an AgentCore runtime endpoint (not a runtime) is an input error at the role:", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-newest-"));
    writeFileSync(join(dir, "env.yaml"), JSON.stringify({ accounts: { [A]: { roles: { admin: { trust: trust("bedrock-agentcore.amazonaws.com"), policies: [ADMIN] } }, resources: { [`arn:aws:bedrock-agentcore:us-east-1:${A}:runtime/ops/runtime-endpoint/DEFAULT`]: { role: "admin" } } } } }));
    writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect: [{ as: `arn:aws:iam::${A}:role/admin`, mayNotBecome: "role/admin" }] }));
    const r = await runCli(["test", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/env\.yaml:\d+:\d+/);
    expect(r.stderr).toContain("bedrock-agentcore");
  });
});
