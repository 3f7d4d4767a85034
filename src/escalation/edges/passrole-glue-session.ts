/**
 * iam:PassRole + a Glue interactive session: the caller passes a runtime role to glue:CreateSession
 * and runs its own statements in the session with glue:RunStatement; "AWS Glue uses this role to run
 * statements in your session", and the client principal "must have iam:PassRole access to the
 * execution role that you would pass to ... CreateSession" (glue/latest/dg/glue-is-security.html).
 * The session is a resource the caller creates (`session/ID`, named by the search like a job).
 */
import { launchChecker } from "./service-launch.js";

export const passRoleGlueSession = launchChecker("passrole-glue-session", {
  service: "glue.amazonaws.com",
  variants: [[{ action: "glue:CreateSession" }, { action: "glue:RunStatement" }]],
});
