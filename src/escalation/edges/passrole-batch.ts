/**
 * iam:PassRole + AWS Batch: the caller registers a job definition whose job role (jobRoleArn) is the
 * role and whose container runs its own command (batch/latest/APIReference/API_RegisterJobDefinition.html),
 * then submits a job of it (batch/latest/APIReference/API_SubmitJob.html); the job's container runs
 * as an ECS task with the role as its task role (batch/latest/userguide/job_definitions.html: "What
 * (if any) IAM role your job should use for AWS permissions"), so the role's trust must name
 * ecs-tasks.amazonaws.com (AmazonECS/latest/developerguide/task-iam-roles.html). pathfinding.cloud batch-001.
 *
 * SubmitJob is authorized on the job queue and on the job definition (the policies of
 * batch/latest/userguide/iam-example-job-def.html name both); the queue is taken to exist. The
 * iam:PassedToService value of the pass is not documented: the open point batch-passed-to-service,
 * both of whose readings are tried (open-fact.ts). Not modelled: compute environments
 * (batch:CreateComputeEnvironment with an instance role) and the Batch jobs on Amazon EKS.
 */
import { launchChecker } from "./service-launch.js";

export const passRoleBatch = launchChecker("passrole-batch", {
  service: "ecs-tasks.amazonaws.com",
  passedTo: { point: "batch-passed-to-service" },
  variants: [
    [
      { action: "batch:RegisterJobDefinition", resourceType: "job-definition" },
      { action: "batch:SubmitJob", resourceType: "job-queue" },
      { action: "batch:SubmitJob", resourceType: "job-definition" },
    ],
  ],
});
