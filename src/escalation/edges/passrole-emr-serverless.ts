/**
 * iam:PassRole + Amazon EMR Serverless: a job run's execution role (executionRoleArn) is the role the
 * job's code runs with (emr/latest/EMR-Serverless-UserGuide/security-iam-runtime-role.html; the role
 * trusts emr-serverless.amazonaws.com, the principal the guide's pass-role example names). The caller
 * creates an application (emr-serverless:CreateApplication; it takes no resource type) and starts a
 * job run of its own code on it (emr-serverless:StartJobRun, authorized on the application:
 * emr-serverless/latest/APIReference/API_StartJobRun.html), or starts one on an application of the
 * account, taken to exist (its ID as the caller's policies single out). pathfinding.cloud emrserverless-001.
 */
import { launchChecker } from "./service-launch.js";

export const passRoleEmrServerless = launchChecker("passrole-emr-serverless", {
  service: "emr-serverless.amazonaws.com",
  variants: [
    [{ action: "emr-serverless:CreateApplication" }, { action: "emr-serverless:StartJobRun" }],
    [{ action: "emr-serverless:StartJobRun" }],
  ],
});
