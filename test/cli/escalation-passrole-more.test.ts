/**
 * PassRole methods asked both ways through the real CLI entry: a Glue interactive session whose
 * runtime role the caller passes, then runs its statements under (glue/latest/dg/glue-is-security.html);
 * an AgentCore code interpreter created with the caller's choice of execution role, then given its
 * code (bedrock-agentcore/latest/devguide/code-interpreter-resource-session-management.html; the
 * role's trust carries the page's aws:SourceAccount / aws:SourceArn conditions).
 * On each benchmark pair, mayBecome holds on the buggy twin (with the path through the method) and
 * mayNotBecome on the fixed one (proved), and of the two exactly one holds on either twin.
 */
import { describe, expect, it } from "vitest";
import { bothQuestions, json } from "./escalation-twins.js";

async function both(scenario: string, twin: "buggy" | "fixed", extra: string[] = []) {
  return (await json(bothQuestions(scenario, twin), extra)).results;
}

// [scenario, the service the role is passed to, the actions of the path]
const METHODS: [string, string, string[]][] = [
  ["passrole-glue-session", "glue.amazonaws.com", ["iam:PassRole", "glue:CreateSession", "glue:RunStatement"]],
  ["passrole-agentcore", "bedrock-agentcore.amazonaws.com", ["iam:PassRole", "bedrock-agentcore:CreateCodeInterpreter", "bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"]],
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
