/**
 * ecs:ExecuteCommand into a running ECS task: the command runs in the task's container, where the task
 * role's credentials are (AmazonECS/latest/APIReference/API_ExecuteCommand.html,
 * AmazonECS/latest/developerguide/task-iam-roles.html). The action is authorized on the cluster and on
 * the task (service authorization reference: both resource types required), with `ecs:cluster` and
 * `ecs:task` the ARNs of the request; `ecs:container-name` is the caller's choice and left free.
 * The environment lists the task with `role:`; that the task was started with execute command enabled
 * is not recorded, so the method takes it as possible (AmazonECS/latest/developerguide/ecs-exec.html).
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

/** arn:P:ecs:R:A:task/CLUSTER/ID -> arn:P:ecs:R:A:cluster/CLUSTER. */
export const clusterOf = (arn: string) => arn.replace(/:task\/([^/]+)\/[^/]+$/, ":cluster/$1");
const keys = (arn: string) => ({ "ecs:cluster": clusterOf(arn), "ecs:task": arn });

export const ecsExecuteCommand = runsAsChecker("ecs-execute-command", {
  kind: RUNS_AS_KINDS.task,
  variants: [
    [
      { action: "ecs:ExecuteCommand", resource: clusterOf, pinned: keys },
      { action: "ecs:ExecuteCommand", resource: same, pinned: keys },
    ],
  ],
});
