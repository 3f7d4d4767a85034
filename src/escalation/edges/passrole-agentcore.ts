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
  ],
});
