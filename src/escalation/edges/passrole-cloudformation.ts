/**
 * iam:PassRole + CloudFormation: a stack created or updated with a service role runs the caller's
 * template with that role's permissions (AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html).
 * Stack sets, whose resources an execution role creates, are passrole-stackset.ts.
 */
import { launchChecker } from "./service-launch.js";

export const passRoleCloudFormation = launchChecker("passrole-cloudformation", {
  service: "cloudformation.amazonaws.com",
  variants: [
    [{ action: "cloudformation:CreateStack" }],
    [{ action: "cloudformation:UpdateStack" }],
    [{ action: "cloudformation:CreateChangeSet" }, { action: "cloudformation:ExecuteChangeSet" }],
  ],
});
