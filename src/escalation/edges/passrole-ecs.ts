/**
 * iam:PassRole + ECS: register a task definition whose task role is the role, then run it
 * (AmazonECS/latest/developerguide/task-iam-roles.html, security-iam-roles.html).
 */
import { launchChecker } from "./service-launch.js";

export const passRoleEcs = launchChecker("passrole-ecs", {
  service: "ecs-tasks.amazonaws.com",
  variants: [
    [{ action: "ecs:RegisterTaskDefinition" }, { action: "ecs:RunTask" }],
    [{ action: "ecs:RegisterTaskDefinition" }, { action: "ecs:StartTask" }],
    [{ action: "ecs:RegisterTaskDefinition" }, { action: "ecs:CreateService" }],
    // No new task definition: RunTask / StartTask take overrides (AmazonECS/latest/APIReference/API_TaskOverride.html:
    // taskRoleArn, and each container's command: API_ContainerOverride.html) on a task definition of the
    // account, which is taken to exist.
    [{ action: "ecs:RunTask" }],
    [{ action: "ecs:StartTask" }],
  ],
});
