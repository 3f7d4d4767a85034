/**
 * Amazon Bedrock AgentCore resources that already run with an execution role (listed with `role:`):
 * the role's credentials are in the resource's microVM, where "any code or actor running inside the
 * VM can access these credentials by calling the metadata endpoint"
 * (bedrock-agentcore/latest/devguide/security-credentials-management.html). No iam:PassRole: the role
 * is already in place.
 *
 * - a runtime: bedrock-agentcore:InvokeAgentRuntimeCommand runs a shell command in it ("Commands run in
 *   the same container, filesystem, and environment as your agent":
 *   bedrock-agentcore/latest/devguide/runtime-execute-command.html), authorized on the runtime and on
 *   its DEFAULT endpoint (pathfinding.cloud bedrock-004);
 * - a custom code interpreter: StartCodeInterpreterSession + InvokeCodeInterpreter run the caller's code
 *   (bedrock-agentcore/latest/devguide/code-interpreter-resource-session-management.html; bedrock-002);
 * - a custom browser: StartBrowserSession + ConnectBrowserAutomationStream let the caller drive it
 *   (bedrock-007).
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

export const agentCoreRuntime = runsAsChecker("agentcore-runtime", {
  kind: RUNS_AS_KINDS.agentRuntime,
  variants: [[
    { action: "bedrock-agentcore:InvokeAgentRuntimeCommand", resource: same },
    { action: "bedrock-agentcore:InvokeAgentRuntimeCommand", resource: (arn) => `${arn}/runtime-endpoint/DEFAULT` },
  ]],
});

export const agentCoreCodeInterpreter = runsAsChecker("agentcore-code-interpreter", {
  kind: RUNS_AS_KINDS.codeInterpreter,
  variants: [[
    { action: "bedrock-agentcore:StartCodeInterpreterSession", resource: same },
    { action: "bedrock-agentcore:InvokeCodeInterpreter", resource: same },
  ]],
});

export const agentCoreBrowser = runsAsChecker("agentcore-browser", {
  kind: RUNS_AS_KINDS.browser,
  variants: [[
    { action: "bedrock-agentcore:StartBrowserSession", resource: same },
    // The service authorization reference lists no resource type for it.
    { action: "bedrock-agentcore:ConnectBrowserAutomationStream", resource: () => "*" },
  ]],
});
