/**
 * lambda:UpdateFunctionCode on an existing function that runs as a role, then lambda:InvokeFunction:
 * the caller replaces the code and runs it with the function's execution role
 * (lambda/latest/api/API_UpdateFunctionCode.html, lambda/latest/dg/lambda-intro-execution-role.html).
 * No iam:PassRole is asked: the role is not changed. A caller that may not invoke it may let itself
 * with lambda:AddPermission (lambda-permission.ts), or have Lambda invoke it through an event source
 * mapping of its own, or have another service invoke it through a trigger of its own (an EventBridge
 * rule, an S3 notification, an SNS subscription: function-triggers.ts). A function that something else invokes (its
 * triggers: lambda/latest/dg/lambda-services.html) runs the new code with no InvokeFunction at all
 * (pathfinding.cloud lambda-003, Rhino Security Labs' method 17): whether it has triggers is not
 * recorded, the open point function-triggers.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { triggerNames, triggersOnListed } from "./function-triggers.js";
import { addPermissionKeys, invokeGrantedTo } from "./lambda-permission.js";
import { runsAsChecker, same, type RunsAsCall } from "./runs-as.js";

/**
 * An event source mapping the caller creates for the function (a queue or stream of its own): Lambda
 * then invokes it (lambda/latest/dg/invocation-eventsourcemapping.html). The action takes no resource
 * type; the request carries the function in lambda:FunctionArn (service authorization reference).
 */
export const mapEventSource: RunsAsCall = { action: "lambda:CreateEventSourceMapping", resource: () => "*", pinned: (fn) => ({ "lambda:FunctionArn": fn }) };

export const lambdaUpdateCode = runsAsChecker("lambda-update-code", {
  kind: RUNS_AS_KINDS.function,
  variants: [
    [{ action: "lambda:UpdateFunctionCode", resource: same }, { action: "lambda:InvokeFunction", resource: same }],
    [
      { action: "lambda:UpdateFunctionCode", resource: same },
      { action: "lambda:AddPermission", resource: same, pinned: (_fn, _name, on) => addPermissionKeys(on.caller) },
      { action: "lambda:InvokeFunction", resource: same, resourcePolicy: ({ resource, caller, existing }) => invokeGrantedTo(resource, caller, existing) },
    ],
    [{ action: "lambda:UpdateFunctionCode", resource: same }, mapEventSource],
    ...triggersOnListed.map((trigger) => [{ action: "lambda:UpdateFunctionCode", resource: same }, ...trigger]),
  ],
  // The rule, bucket, topic or log group of a trigger is named as the caller's policies single out.
  names: triggerNames,
  triggered: [[{ action: "lambda:UpdateFunctionCode", resource: same }]],
});
