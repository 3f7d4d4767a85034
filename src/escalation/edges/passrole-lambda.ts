/**
 * iam:PassRole + Lambda: create a function with the role and invoke it, or have an event source
 * mapping invoke it, or point an existing function at the role and invoke it
 * (lambda/latest/dg/lambda-intro-execution-role.html, lambda/latest/dg/invocation-eventsourcemapping.html).
 */
import { launchChecker } from "./service-launch.js";

export const passRoleLambda = launchChecker("passrole-lambda", {
  service: "lambda.amazonaws.com",
  variants: [
    [{ action: "lambda:CreateFunction" }, { action: "lambda:InvokeFunction" }],
    [{ action: "lambda:CreateFunction" }, { action: "lambda:CreateEventSourceMapping" }],
    [{ action: "lambda:UpdateFunctionConfiguration" }, { action: "lambda:InvokeFunction" }],
  ],
});
