/**
 * A container instance of the caller's own in the cluster of an ECS task that runs as a role: with
 * ecs:RegisterContainerInstance on the cluster (authorized on the cluster: service authorization
 * reference) the caller's machine joins it, and the tasks ECS places there (a service replacing or
 * adding a task) are started by the caller's agent, which is handed each task's role credentials for
 * its containers (AmazonECS/latest/developerguide/task-iam-roles.html;
 * AmazonECS/latest/APIReference/API_RegisterContainerInstance.html). No iam:PassRole: the task
 * definitions keep their roles. pathfinding.cloud ecs-007 (which adds ecs:StartTask with iam:PassRole
 * to place a task there itself: passrole-ecs.ts already finds that path, without the registration).
 *
 * The environment lists the task with `role:`; that the cluster starts another task of that kind
 * (an EC2 launch-type service) and places it on the caller's instance, and that the caller runs an
 * agent on a machine it controls, are taken as possible.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker } from "./runs-as.js";
import { clusterOf } from "./ecs-execute-command.js";

export const ecsContainerInstance = runsAsChecker("ecs-register-container-instance", {
  kind: RUNS_AS_KINDS.task,
  variants: [[{ action: "ecs:RegisterContainerInstance", resource: clusterOf }]],
});
