/**
 * iam:CreateRole with a trust policy naming the caller, then iam:AttachRolePolicy (AdministratorAccess)
 * or iam:PutRolePolicy, then sts:AssumeRole: the caller makes itself a new role
 * (IAM/latest/APIReference/API_CreateRole.html). A delegation that lets developers create roles only
 * with a permissions boundary says so with iam:PermissionsBoundary
 * (IAM/latest/UserGuide/access_policies_boundaries.html, "delegating responsibility"): the new role is
 * then as strong as that boundary lets it be.
 */
import type { EdgeChecker } from "../types.js";
import { createdPrincipalAttempts, newEntity } from "./created-principal.js";
import { trustNaming } from "./update-trust.js";

export const createRole: EdgeChecker = {
  id: "create-role",
  attempts: (from, g) =>
    createdPrincipalAttempts(from, g, {
      type: "role",
      principal: (arn, path, accountId, policy, boundary, by) => ({
        kind: "role-session",
        written: arn,
        role: {
          ...newEntity("role", "AROA", arn, path, accountId, policy, boundary, by),
          trust: trustNaming(by.caller.derived["aws:PrincipalArn"] as string),
          maxSessionDuration: 3600,
        },
      }),
      takeOver: (arn, by) => ({ action: "sts:AssumeRole", resource: arn, resourcePolicy: trustNaming(by.caller.derived["aws:PrincipalArn"] as string) }),
    }),
};
