/**
 * iam:PassRole + App Runner: the caller creates a service whose instance role is the passed role and
 * whose image (ECR Public, or the caller's source repository) and start command it chooses; the
 * service's code calls AWS with the instance role's credentials (apprunner/latest/api/API_CreateService.html,
 * apprunner/latest/api/API_InstanceConfiguration.html: InstanceRoleArn). Or it points an existing service
 * at the role and its own image with apprunner:UpdateService (apprunner/latest/api/API_UpdateService.html).
 * The instance role's trust names `tasks.apprunner.amazonaws.com`; the role is passed to
 * `apprunner.amazonaws.com` (apprunner/latest/dg/security_iam_service-with-iam.html: "Instance role",
 * and the AWSAppRunnerFullAccess policy there, whose iam:PassRole statement carries
 * iam:PassedToService apprunner.amazonaws.com).
 */
import { launchChecker } from "./service-launch.js";

export const passRoleAppRunner = launchChecker("passrole-apprunner", {
  service: "tasks.apprunner.amazonaws.com",
  passedTo: "apprunner.amazonaws.com",
  variants: [[{ action: "apprunner:CreateService" }], [{ action: "apprunner:UpdateService" }]],
});
