/**
 * iam:PassRole + CodeBuild: a project's service role runs the caller's buildspec
 * (codebuild/latest/userguide/setting-up-service-role.html, auth-and-access-control-iam-identity-based-access-control.html).
 */
import { launchChecker } from "./service-launch.js";

export const passRoleCodeBuild = launchChecker("passrole-codebuild", {
  service: "codebuild.amazonaws.com",
  variants: [
    [{ action: "codebuild:CreateProject" }, { action: "codebuild:StartBuild" }],
    [{ action: "codebuild:CreateProject" }, { action: "codebuild:StartBuildBatch" }],
    [{ action: "codebuild:UpdateProject" }, { action: "codebuild:StartBuild" }],
  ],
});
