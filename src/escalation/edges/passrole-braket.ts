/**
 * iam:PassRole + an Amazon Braket hybrid job: braket:CreateJob takes the role the job runs with
 * (roleArn: "an IAM role that Amazon Braket can assume to perform tasks on behalf of a user. It can
 * ... run an Amazon Braket job container on behalf of user": braket/latest/APIReference/API_CreateJob.html)
 * and the caller's algorithm script (algorithmSpecification), which runs in that container
 * (braket/latest/developerguide/braket-jobs-api.html: the execution role "will be passed to the
 * service"). The role trusts braket.amazonaws.com, the value the AmazonBraketFullAccess managed policy
 * gives iam:PassedToService for AmazonBraketJobsExecutionRole*. The service authorization reference
 * authorizes CreateJob on the job and on the device it names (both required). pathfinding.cloud braket-001.
 */
import { launchChecker } from "./service-launch.js";

export const passRoleBraket = launchChecker("passrole-braket", {
  service: "braket.amazonaws.com",
  variants: [[
    { action: "braket:CreateJob", resourceType: "job" },
    { action: "braket:CreateJob", resourceType: "device" },
  ]],
});
