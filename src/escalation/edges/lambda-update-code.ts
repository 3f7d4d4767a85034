/**
 * lambda:UpdateFunctionCode on an existing function that runs as a role, then lambda:InvokeFunction:
 * the caller replaces the code and runs it with the function's execution role
 * (lambda/latest/api/API_UpdateFunctionCode.html, lambda/latest/dg/lambda-intro-execution-role.html).
 * No iam:PassRole is asked: the role is not changed. A function its own triggers invoke needs no
 * InvokeFunction; triggers are not modelled, so the method asks for it (docs/escalation.md). A caller
 * that may not invoke it may let itself with lambda:AddPermission (lambda-permission.ts).
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
});
