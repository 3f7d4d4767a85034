/**
 * iam:PassRole + Lambda: create a function with the role and invoke it, or have an event source
 * mapping invoke it, or have another service invoke it through a trigger the caller creates (an
 * EventBridge rule, an S3 notification, an SNS subscription: function-triggers.ts), or point an
 * existing function at the role and invoke it, or let its triggers invoke it (lambda/latest/dg/lambda-intro-execution-role.html, lambda/latest/dg/invocation-eventsourcemapping.html,
 * lambda/latest/dg/lambda-services.html). UpdateFunctionConfiguration also sets the handler, layers and
 * environment that decide what code runs. Whether the existing function has triggers is the open point
 * function-triggers.
 */
import { triggersOnCreated } from "./function-triggers.js";
import { addPermissionKeys, invokeGrantedTo } from "./lambda-permission.js";
import { launchChecker } from "./service-launch.js";

export const passRoleLambda = launchChecker("passrole-lambda", {
  service: "lambda.amazonaws.com",
  variants: [
    [{ action: "lambda:CreateFunction" }, { action: "lambda:InvokeFunction" }],
    [{ action: "lambda:CreateFunction" }, { action: "lambda:CreateEventSourceMapping" }],
    [{ action: "lambda:UpdateFunctionConfiguration" }, { action: "lambda:InvokeFunction" }],
    // No lambda:InvokeFunction of its own: the caller lets itself invoke the new function (lambda-permission.ts).
    [{ action: "lambda:CreateFunction" }, { action: "lambda:AddPermission", pinned: addPermissionKeys }, { action: "lambda:InvokeFunction", resourcePolicy: (fn, caller) => invokeGrantedTo(fn, caller) }],
    // Another service invokes it through a trigger of the caller's own (function-triggers.ts).
    ...triggersOnCreated.flatMap((trigger) => [[{ action: "lambda:CreateFunction" }, ...trigger], [{ action: "lambda:UpdateFunctionConfiguration" }, ...trigger]]),
  ],
  triggered: [[{ action: "lambda:UpdateFunctionConfiguration" }]],
});
