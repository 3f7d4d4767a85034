/**
 * lambda:AddPermission in place of the caller's own lambda:InvokeFunction: the caller adds a statement
 * to a function's resource-based policy that lets itself invoke the function (the Principal parameter
 * may name an IAM user or role: lambda/latest/api/API_AddPermission.html; lambda/latest/dg/access-control-resource-based.html),
 * then invokes it. Within an account, a resource-based policy that names the caller allows the request
 * on its own (IAM/latest/UserGuide/reference_policies_evaluation-logic.html). `lambda:Principal` carries
 * the principal the request names (service authorization reference for Lambda), pinned. Used by the
 * methods that run the caller's code in a function (lambda-update-code.ts, passrole-lambda.ts).
 */
import { writtenPolicy } from "../written-policy.js";
import type { LoadedPolicy } from "../../model/types.js";

/** The keys of the lambda:AddPermission request that names `caller`. */
export const addPermissionKeys = (caller: string) => ({ "lambda:Principal": caller });

/** The function's policy after the caller's statement: the statements it had (`existing`) and the new one. */
export function invokeGrantedTo(fn: string, caller: string, existing?: LoadedPolicy): LoadedPolicy {
  const raw = (existing?.document as { Statement?: unknown } | undefined)?.Statement;
  const before = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const document = { Version: "2012-10-17", Statement: [...before, { Sid: "iam-spec-add-permission", Effect: "Allow", Principal: { AWS: caller }, Action: "lambda:InvokeFunction", Resource: fn }] };
  return writtenPolicy(document, "resource", `${fn}'s policy with the statement lambda:AddPermission adds (lets ${caller} invoke it)`);
}
