/**
 * iam:PassRole + Systems Manager Automation: a runbook the caller writes runs with the role given as
 * its AutomationAssumeRole (systems-manager/latest/userguide/automation-setup-iam.html,
 * automation-permissions.html). Commands sent to instances (ssm:SendCommand) act with the instance's
 * role, which the environment does not record; they are not modelled.
 */
import { launchChecker } from "./service-launch.js";

export const passRoleSsm = launchChecker("passrole-ssm", {
  service: "ssm.amazonaws.com",
  variants: [[{ action: "ssm:CreateDocument" }, { action: "ssm:StartAutomationExecution" }]],
});
