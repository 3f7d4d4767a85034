/**
 * iam:PassRole + an Amazon Bedrock AgentCore code interpreter: the caller creates a custom code
 * interpreter with an execution role (bedrock-agentcore:CreateCodeInterpreter; "the IAM role that the
 * Code Interpreter assumes when executing code": bedrock-agentcore/latest/devguide/code-interpreter-create.html),
 * starts a session in it and invokes it with its own code
 * (bedrock-agentcore/latest/devguide/code-interpreter-resource-session-management.html lists the three
 * actions, and the execution role's trust naming bedrock-agentcore.amazonaws.com). The session and
 * invoke calls are authorized on the custom interpreter, whose ARN is the service authorization
 * reference's `code-interpreter-custom/ID` (the developer guide's examples write `code-interpreter/...`;
 * the bundled reference decides).
 *
 * Or an AgentCore Runtime: the caller creates a runtime from its own container image with the role as
 * its execution role (bedrock-agentcore:CreateAgentRuntime, which also makes the runtime's DEFAULT
 * endpoint and its workload identity, so both of those calls are asked too: the public catalogue
 * pathfinding.cloud, bedrock-003, finds them required), then runs a shell command in the runtime's
 * session with bedrock-agentcore:InvokeAgentRuntimeCommand, authorized on the runtime and on its
 * endpoint (bedrock-agentcore/latest/devguide/runtime-execute-command.html: "Commands run in the same
 * container, filesystem, and environment as your agent"; bedrock-agentcore/latest/devguide/runtime-permissions.html).
 * An AgentCore harness (bedrock-005) is a runtime underneath: bedrock-agentcore:CreateHarness asks
 * CreateAgentRuntime, CreateAgentRuntimeEndpoint and CreateWorkloadIdentity of the caller too, so the
 * runtime's calls are the ones that matter and the runtime variant finds it.
 *
 * Or an AgentCore custom browser: bedrock-agentcore:CreateBrowser with the role as its execution role,
 * a session in it (StartBrowserSession on the `browser-custom/ID` resource) and the session's
 * automation stream (ConnectBrowserAutomationStream, which takes no resource type), through which the
 * caller drives the browser: "When you configure an execution role with Amazon Bedrock AgentCore
 * Browser, AgentCore Code Interpreter, or AgentCore Runtime, the underlying compute uses MMDS to access
 * credentials ... any code or actor running inside the VM can access these credentials by calling the
 * metadata endpoint" (bedrock-agentcore/latest/devguide/security-credentials-management.html;
 * pathfinding.cloud bedrock-006).
 */
import { launchChecker } from "./service-launch.js";

export const passRoleAgentCore = launchChecker("passrole-agentcore", {
  service: "bedrock-agentcore.amazonaws.com",
  variants: [
    [
      { action: "bedrock-agentcore:CreateCodeInterpreter" },
      { action: "bedrock-agentcore:StartCodeInterpreterSession", resourceType: "code-interpreter-custom" },
      { action: "bedrock-agentcore:InvokeCodeInterpreter", resourceType: "code-interpreter-custom" },
    ],
    [
      { action: "bedrock-agentcore:CreateAgentRuntime" },
      { action: "bedrock-agentcore:CreateAgentRuntimeEndpoint", resourceType: "runtime" },
      { action: "bedrock-agentcore:CreateWorkloadIdentity", resourceType: "workload-identity" },
      { action: "bedrock-agentcore:InvokeAgentRuntimeCommand", resourceType: "runtime" },
      { action: "bedrock-agentcore:InvokeAgentRuntimeCommand", resourceType: "runtime-endpoint" },
    ],
    [
      { action: "bedrock-agentcore:CreateBrowser" },
      { action: "bedrock-agentcore:StartBrowserSession", resourceType: "browser-custom" },
      { action: "bedrock-agentcore:ConnectBrowserAutomationStream" },
    ],
  ],
});
