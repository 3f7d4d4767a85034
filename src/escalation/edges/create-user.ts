/**
 * iam:CreateUser, then iam:AttachUserPolicy (AdministratorAccess) or iam:PutUserPolicy, then
 * iam:CreateAccessKey: the caller makes itself a new user (IAM/latest/APIReference/API_CreateUser.html).
 * As for roles, a delegation that requires a boundary says so with iam:PermissionsBoundary, and the
 * new user is as strong as that boundary lets it be.
 */
import { uniqueIdFor } from "../../model/ids.js";
import type { LoadedPolicy, User } from "../../model/types.js";
import { attempt, firstOf } from "../attempt.js";
import { administratorAccessPolicy, ADMINISTRATOR_ACCESS_ARN, callerWrittenPolicy } from "../nodes.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";
import { boundaryChoices, boundaryKeyOf, createdNames, ownAccount } from "./subject.js";

const NEW_USER = "iam-spec-escalation";

export const createUser: EdgeChecker = {
  id: "create-user",
  attempts(from: GraphNode, g: GraphContext): Attempt[] {
    const account = ownAccount(from, g);
    if (!account) return [];
    const tries = createdNames(from, account.id, "user", NEW_USER).flatMap((name) => boundaryChoices(account).map((boundary) => ({ ...name, boundary })));
    const out: Attempt[] = [];
    for (const { path, arn, boundary } of tries) {
      const pinned = boundaryKeyOf(boundary);
      const user: User = {
        kind: "user",
        arn,
        name: NEW_USER,
        path,
        accountId: account.id,
        uniqueId: uniqueIdFor("AIDA", arn),
        groups: [],
        identityPolicies: [],
        ...(boundary ? { boundary } : {}),
        tags: {},
        pos: account.pos,
      };
      // The change only names the node: the new user already holds its policy and boundary.
      const made = (policy: LoadedPolicy, how: string, label: string) =>
        g.node({ kind: "user", user: { ...user, identityPolicies: [policy] }, written: arn }, [
          { kind: "add-policies", id: `created:${how}${boundary ? `:${boundary.arn ?? boundary.name}` : ""}`, label: `created, ${label}${boundary ? `, boundary ${boundary.name}` : ""}`, policies: [] },
        ]);
      const create = { action: "iam:CreateUser", resource: arn, pinned };
      const key = { action: "iam:CreateAccessKey", resource: arn };
      const best = firstOf([
        () =>
          attempt(g, from, made(administratorAccessPolicy(), "attach", "AdministratorAccess attached"), "iam:CreateUser + iam:AttachUserPolicy + iam:CreateAccessKey", [
            create,
            { action: "iam:AttachUserPolicy", resource: arn, pinned: { "iam:PolicyARN": ADMINISTRATOR_ACCESS_ARN, ...pinned } },
            key,
          ]),
        () =>
          attempt(g, from, made(callerWrittenPolicy(), "inline", "inline policy Allow * put"), "iam:CreateUser + iam:PutUserPolicy + iam:CreateAccessKey", [
            create,
            { action: "iam:PutUserPolicy", resource: arn, pinned },
            key,
          ]),
      ]);
      if (best && !best.blocked) return [best];
      if (best && out.length === 0) out.push(best);
    }
    return out;
  },
};
