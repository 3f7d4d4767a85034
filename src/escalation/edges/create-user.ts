/**
 * iam:CreateUser, then iam:AttachUserPolicy (AdministratorAccess) or iam:PutUserPolicy, then
 * iam:CreateAccessKey: the caller makes itself a new user (IAM/latest/APIReference/API_CreateUser.html).
 * As for roles, a delegation that requires a boundary says so with iam:PermissionsBoundary, and the
 * new user is as strong as that boundary lets it be.
 */
import { uniqueIdFor } from "../../model/ids.js";
import type { EdgeChecker } from "../types.js";
import { createdPrincipalAttempts, NEW_PRINCIPAL } from "./created-principal.js";

export const createUser: EdgeChecker = {
  id: "create-user",
  attempts: (from, g) =>
    createdPrincipalAttempts(from, g, {
      type: "user",
      principal: (arn, path, accountId, policy, boundary, by) => ({
        kind: "user",
        written: arn,
        user: {
          kind: "user",
          arn,
          name: NEW_PRINCIPAL,
          path,
          accountId,
          uniqueId: uniqueIdFor("AIDA", arn),
          groups: [],
          identityPolicies: [policy],
          ...(boundary ? { boundary } : {}),
          tags: {},
          pos: by.entity!.pos,
        },
      }),
      takeOver: (arn) => ({ action: "iam:CreateAccessKey", resource: arn }),
    }),
};
