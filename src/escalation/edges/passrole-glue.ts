/**
 * iam:PassRole + Glue: a development endpoint (SSH into it, run code with its role) or a job whose
 * script the caller writes (glue/latest/dg/create-an-iam-role.html, glue/latest/dg/dev-endpoint.html).
 */
import { launchChecker } from "./service-launch.js";

export const passRoleGlue = launchChecker("passrole-glue", {
  service: "glue.amazonaws.com",
  variants: [
    [{ action: "glue:CreateDevEndpoint" }],
    [{ action: "glue:CreateJob" }, { action: "glue:StartJobRun" }],
    [{ action: "glue:CreateJob" }, { action: "glue:CreateTrigger" }],
    [{ action: "glue:UpdateJob" }, { action: "glue:StartJobRun" }],
    [{ action: "glue:UpdateJob" }, { action: "glue:CreateTrigger" }],
  ],
});
