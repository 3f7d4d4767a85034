/**
 * lambda:UpdateFunctionCode on an existing function that runs as a role, then lambda:InvokeFunction:
 * the caller replaces the code and runs it with the function's execution role
 * (lambda/latest/api/API_UpdateFunctionCode.html, lambda/latest/dg/lambda-intro-execution-role.html).
 * No iam:PassRole is asked: the role is not changed. A caller that may not invoke it may let itself
 * with lambda:AddPermission (lambda-permission.ts). A function that something else invokes (its
 * triggers: lambda/latest/dg/lambda-services.html) runs the new code with no InvokeFunction at all
 * (pathfinding.cloud lambda-003, Rhino Security Labs' method 17): whether it has triggers is not
 * recorded, the open point function-triggers.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { addPermissionKeys, invokeGrantedTo } from "./lambda-permission.js";
import { runsAsChecker, same } from "./runs-as.js";

export const lambdaUpdateCode = runsAsChecker("lambda-update-code", {
  kind: RUNS_AS_KINDS.function,
  variants: [
    [{ action: "lambda:UpdateFunctionCode", resource: same }, { action: "lambda:InvokeFunction", resource: same }],
    [
      { action: "lambda:UpdateFunctionCode", resource: same },
      { action: "lambda:AddPermission", resource: same, pinned: (_fn, _name, on) => addPermissionKeys(on.caller) },
      { action: "lambda:InvokeFunction", resource: same, resourcePolicy: ({ resource, caller, existing }) => invokeGrantedTo(resource, caller, existing) },
    ],
  ],
  triggered: [[{ action: "lambda:UpdateFunctionCode", resource: same }]],
});
