/**
 * iam:PassRole + EventBridge Scheduler: a schedule the caller creates (scheduler:CreateSchedule) calls
 * its target with the schedule's execution role, and a universal target calls any write API action of
 * many AWS services (`arn:aws:scheduler:::aws-sdk:SERVICE:ACTION`, the request the caller writes as
 * Input; read-only actions such as get, describe and list are not supported):
 * scheduler/latest/UserGuide/managing-targets-universal.html; the execution role trusts
 * scheduler.amazonaws.com (scheduler/latest/UserGuide/setting-up.html). As with a Step Functions state
 * machine's SDK integrations (passrole-stepfunctions.ts), the caller acts as the role through the calls
 * it has the schedule make; a one-time schedule runs at the time the caller sets.
 */
import { launchChecker } from "./service-launch.js";

export const passRoleScheduler = launchChecker("passrole-scheduler", {
  service: "scheduler.amazonaws.com",
  variants: [[{ action: "scheduler:CreateSchedule" }]],
});
