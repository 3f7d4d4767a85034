/**
 * iam:PassRole + Step Functions: a state machine the caller defines calls AWS APIs (SDK service
 * integrations) with its execution role (step-functions/latest/dg/procedure-create-iam-role.html,
 * step-functions/latest/dg/supported-services-awssdk.html).
 */
import { launchChecker } from "./service-launch.js";

export const passRoleStepFunctions = launchChecker("passrole-stepfunctions", {
  service: "states.amazonaws.com",
  variants: [
    [{ action: "states:CreateStateMachine" }, { action: "states:StartExecution" }],
    [{ action: "states:CreateStateMachine" }, { action: "states:StartSyncExecution" }],
    [{ action: "states:UpdateStateMachine" }, { action: "states:StartExecution" }],
  ],
});
