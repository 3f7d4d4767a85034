/**
 * Definitions that already run with a role (listed with `role:`), rewritten or run with the caller's
 * own steps; no iam:PassRole, since the role stays in place:
 *
 * - a Step Functions state machine: states:UpdateStateMachine with a definition of the caller's (its
 *   roleArn left out, so the execution role stays: step-functions/latest/apireference/API_UpdateStateMachine.html),
 *   then states:StartExecution; the states' SDK integrations call AWS APIs with the execution role
 *   (step-functions/latest/dg/supported-services-awssdk.html). pathfinding.cloud stepfunctions-002.
 * - an AWS Batch job definition: batch:SubmitJob of it with the caller's command
 *   (containerOverrides.command: batch/latest/APIReference/API_SubmitJob.html, API_ContainerOverrides.html),
 *   authorized on the job definition and on a job queue of its account and region (taken to exist);
 *   the job runs with the definition's job role (batch/latest/userguide/job_definitions.html).
 *   pathfinding.cloud batch-002.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

export const stateMachineUpdate = runsAsChecker("stepfunctions-update", {
  kind: RUNS_AS_KINDS.stateMachine,
  variants: [[
    { action: "states:UpdateStateMachine", resource: same },
    { action: "states:StartExecution", resource: same },
  ]],
});

/** A job queue of the job definition's account and region, named as the caller's policies single out. */
const queue = (def: string, name: string) => `${def.split(":").slice(0, 5).join(":")}:job-queue/${name}`;

export const batchSubmitJob = runsAsChecker("batch-submit-job", {
  kind: RUNS_AS_KINDS.jobDefinition,
  names: "batch",
  variants: [[
    { action: "batch:SubmitJob", resource: same },
    { action: "batch:SubmitJob", resource: queue },
  ]],
});
