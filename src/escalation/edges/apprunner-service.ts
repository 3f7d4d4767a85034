/**
 * New code on an App Runner service that runs with an instance role: apprunner:UpdateService with a
 * SourceConfiguration of the caller's (an image it publishes, a start command it writes) deploys that
 * code on the service, which keeps its InstanceConfiguration and so its instance role
 * (apprunner/latest/api/API_UpdateService.html; apprunner/latest/dg/security_iam_service-with-iam.html,
 * "Instance role"). No iam:PassRole: the role is not changed (pointing a service at another role is
 * passrole-apprunner.ts). The service authorization reference authorizes the call on the `service`
 * resource.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

export const appRunnerService = runsAsChecker("apprunner-service", {
  kind: RUNS_AS_KINDS.appRunnerService,
  variants: [[{ action: "apprunner:UpdateService", resource: same }]],
});
