/**
 * PassRole methods asked both ways through the real CLI entry: a Glue interactive session whose
 * runtime role the caller passes, then runs its statements under (glue/latest/dg/glue-is-security.html);
 * an AgentCore code interpreter created with the caller's choice of execution role, then given its
 * code (bedrock-agentcore/latest/devguide/code-interpreter-resource-session-management.html; the
 * role's trust carries the page's aws:SourceAccount / aws:SourceArn conditions); an EMR cluster whose
 * instance role the caller passes, with a service role for EMR (emr/latest/APIReference/API_RunJobFlow.html,
 * emr/latest/ManagementGuide/emr-iam-role-for-ec2.html).
 * On each benchmark pair, mayBecome holds on the buggy twin (with the path through the method) and
 * mayNotBecome on the fixed one (proved), and of the two exactly one holds on either twin.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bothQuestions, json } from "./escalation-twins.js";

async function both(scenario: string, twin: "buggy" | "fixed", extra: string[] = []) {
  return (await json(bothQuestions(scenario, twin), extra)).results;
}

// [scenario, the service the role is passed to, the actions of the path]
const METHODS: [string, string, string[]][] = [
  ["passrole-glue-session", "glue.amazonaws.com", ["iam:PassRole", "glue:CreateSession", "glue:RunStatement"]],
  ["passrole-agentcore", "bedrock-agentcore.amazonaws.com", ["iam:PassRole", "bedrock-agentcore:CreateCodeInterpreter", "bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"]],
  ["passrole-emr", "ec2.amazonaws.com", ["iam:PassRole", "iam:PassRole", "elasticmapreduce:RunJobFlow"]],
];

describe.each(METHODS)("%s", (scenario, service, actions) => {
  it("buggy twin: mayBecome holds through the passed role, mayNotBecome fails", async () => {
    const results = await both(scenario, "buggy");
    expect(results.map((r) => r.status)).toEqual(["passed", "failed"]);
    const path = results[0]!.path!;
    expect(path.map((s) => s.action)).toEqual(actions);
    expect(path[0]).toMatchObject({ resource: "arn:aws:iam::111122223333:role/admin", context: { "iam:PassedToService": service } });
    expect(path.every((s) => s.decision === "Allow")).toBe(true);
  });
  it("fixed twin: mayNotBecome holds, proved (--require-proof), mayBecome fails", async () => {
    const results = await both(scenario, "fixed", ["--require-proof"]);
    expect(results.map((r) => r.status)).toEqual(["failed", "passed"]);
    expect(results[1]!.evidence).toMatchObject({ method: "proved" });
  });
});

describe("EMR needs both roles passed (emr/latest/ManagementGuide/emr-iam-roles-create-permissions.html)", () => {
  const A = "111122223333";
  const pol = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
  const trust = (Service: string) => pol({ Effect: "Allow", Principal: { Service }, Action: "sts:AssumeRole" });
  const ask = async (passedTo: string[], serviceRole: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-emr-"));
    const roles: Record<string, unknown> = { admin: { trust: trust("ec2.amazonaws.com"), policies: ["arn:aws:iam::aws:policy/AdministratorAccess"] } };
    if (serviceRole) roles["emr-service"] = { trust: trust("elasticmapreduce.amazonaws.com"), policies: [] };
    writeFileSync(join(dir, "env.yaml"), JSON.stringify({
      accounts: { [A]: { users: { dev: { policies: [pol(
        { Effect: "Allow", Action: "elasticmapreduce:RunJobFlow", Resource: "*" },
        { Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": passedTo } } },
      )] } }, roles } },
    }));
    writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect: [
      { as: "user/dev", mayBecome: "role/admin" },
      { as: "user/dev", mayNotBecome: "role/admin" },
    ] }));
    return (await json(dir, ["--require-proof"])).results;
  };
  it("both passes allowed: a path; only the instance role passable, or no role EMR can take on: none, proved", async () => {
    expect((await ask(["ec2.amazonaws.com", "elasticmapreduce.amazonaws.com"], true)).map((r) => r.status)).toEqual(["passed", "failed"]);
    const onlyEc2 = await ask(["ec2.amazonaws.com"], true);
    expect(onlyEc2.map((r) => r.status)).toEqual(["failed", "passed"]);
    expect(onlyEc2[1]!.evidence).toMatchObject({ method: "proved" });
    expect((await ask(["ec2.amazonaws.com", "elasticmapreduce.amazonaws.com"], false)).map((r) => r.status)).toEqual(["failed", "passed"]);
  });
});
