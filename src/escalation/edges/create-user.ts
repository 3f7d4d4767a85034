/**
 * iam:CreateUser, then iam:AttachUserPolicy (AdministratorAccess) or iam:PutUserPolicy, then
 * iam:CreateAccessKey: the caller makes itself a new user (IAM/latest/APIReference/API_CreateUser.html).
 * As for roles, a delegation that requires a boundary says so with iam:PermissionsBoundary, and the
 * new user is as strong as that boundary lets it be.
 */
import type { EdgeChecker } from "../types.js";
import { createdPrincipalAttempts, newEntity } from "./created-principal.js";

export const createUser: EdgeChecker = {
  id: "create-user",
  attempts: (from, g) =>
    createdPrincipalAttempts(from, g, {
      type: "user",
      principal: (arn, path, accountId, policy, boundary, by) => ({
        kind: "user",
        written: arn,
        user: { ...newEntity("user", "AIDA", arn, path, accountId, policy, boundary, by), groups: [] },
      }),
      takeOver: (arn) => ({ action: "iam:CreateAccessKey", resource: arn }),
    }),
};
