/**
 * lambda:UpdateFunctionCode on an existing function that runs as a role, then lambda:InvokeFunction:
 * the caller replaces the code and runs it with the function's execution role
 * (lambda/latest/api/API_UpdateFunctionCode.html, lambda/latest/dg/lambda-intro-execution-role.html).
 * No iam:PassRole is asked: the role is not changed. A function its own triggers invoke needs no
 * InvokeFunction; triggers are not modelled, so the method asks for it (docs/escalation.md).
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

export const lambdaUpdateCode = runsAsChecker("lambda-update-code", {
  kind: RUNS_AS_KINDS.function,
  variants: [[{ action: "lambda:UpdateFunctionCode", resource: same }, { action: "lambda:InvokeFunction", resource: same }]],
});
