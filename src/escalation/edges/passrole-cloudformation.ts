/**
 * iam:PassRole + CloudFormation: a stack (or stack set) created or updated with a service role runs the
 * caller's template with that role's permissions (AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html,
 * stacksets-prereqs-self-managed.html).
 */
import { launchChecker } from "./service-launch.js";

export const passRoleCloudFormation = launchChecker("passrole-cloudformation", {
  service: "cloudformation.amazonaws.com",
  variants: [
    [{ action: "cloudformation:CreateStack" }],
    [{ action: "cloudformation:UpdateStack" }],
    [{ action: "cloudformation:CreateChangeSet" }, { action: "cloudformation:ExecuteChangeSet" }],
    [{ action: "cloudformation:CreateStackSet" }, { action: "cloudformation:CreateStackInstances" }],
  ],
});
