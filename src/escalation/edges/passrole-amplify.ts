/**
 * iam:PassRole + AWS Amplify Hosting: an app the caller creates with the role as its service role
 * (amplify:CreateApp, iamServiceRoleArn; "the IAM role that provides Amplify Hosting with permissions
 * to deploy, create, and manage backends on your behalf", trusted by amplify.amazonaws.com:
 * amplify/latest/userguide/amplify-service-role.html), a branch of the caller's repository
 * (amplify:CreateBranch) and a build of it (amplify:StartJob): the build runs the repository's
 * amplify.yml with the service role to deploy the backend. pathfinding.cloud amplify-001 (its lab
 * pushes the build spec to a CodeCommit repository, whose calls a repository of another Git provider
 * does not need).
 */
import { launchChecker } from "./service-launch.js";

export const passRoleAmplify = launchChecker("passrole-amplify", {
  service: "amplify.amazonaws.com",
  variants: [[{ action: "amplify:CreateApp" }, { action: "amplify:CreateBranch" }, { action: "amplify:StartJob" }]],
});
