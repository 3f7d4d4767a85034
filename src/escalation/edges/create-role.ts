/**
 * iam:CreateRole with a trust policy naming the caller, then iam:AttachRolePolicy (AdministratorAccess)
 * or iam:PutRolePolicy, then sts:AssumeRole: the caller makes itself a new role
 * (IAM/latest/APIReference/API_CreateRole.html). A delegation that lets developers create roles only
 * with a permissions boundary says so with iam:PermissionsBoundary
 * (IAM/latest/UserGuide/access_policies_boundaries.html, "delegating responsibility"): the caller then
 * creates the role with one of its account's managed policies as the boundary, and the new role is
 * as strong as that boundary lets it be.
 */
import { uniqueIdFor } from "../../model/ids.js";
import type { LoadedPolicy, Role } from "../../model/types.js";
import { attempt, firstOf } from "../attempt.js";
import { administratorAccessPolicy, ADMINISTRATOR_ACCESS_ARN, callerWrittenPolicy } from "../nodes.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";
import { boundaryChoices, boundaryKeyOf, createdNames, ownAccount } from "./subject.js";
import { trustNaming } from "./update-trust.js";

const NEW_ROLE = "iam-spec-escalation";


export const createRole: EdgeChecker = {
  id: "create-role",
  attempts(from: GraphNode, g: GraphContext): Attempt[] {
    const account = ownAccount(from, g);
    if (!account) return [];
    const trust = trustNaming(from.caller.derived["aws:PrincipalArn"] as string);
    const boundaries = boundaryChoices(account);
    const out: Attempt[] = [];
    const tries = createdNames(from, account.id, "role", NEW_ROLE).flatMap((name) => boundaries.map((boundary) => ({ ...name, boundary })));
    for (const { path, arn, boundary } of tries) {
      const pinned = boundaryKeyOf(boundary);
      const role: Role = {
        kind: "role",
        arn,
        name: NEW_ROLE,
        path,
        accountId: account.id,
        uniqueId: uniqueIdFor("AROA", arn),
        trust,
        identityPolicies: [],
        ...(boundary ? { boundary } : {}),
        tags: {},
        maxSessionDuration: 3600,
        pos: account.pos,
      };
      // The change only names the node: the new role already holds its policy and boundary.
      const made = (policy: LoadedPolicy, how: string, label: string) =>
        g.node({ kind: "role-session", role: { ...role, identityPolicies: [policy] }, written: arn }, [
          { kind: "add-policies", id: `created:${how}${boundary ? `:${boundary.arn ?? boundary.name}` : ""}`, label: `created, ${label}${boundary ? `, boundary ${boundary.name}` : ""}`, policies: [] },
        ]);
      const create = { action: "iam:CreateRole", resource: arn, pinned };
      const assume = { action: "sts:AssumeRole", resource: arn, resourcePolicy: trust };
      const best = firstOf([
        () =>
          attempt(g, from, made(administratorAccessPolicy(), "attach", "AdministratorAccess attached"), "iam:CreateRole + iam:AttachRolePolicy + sts:AssumeRole", [
            create,
            { action: "iam:AttachRolePolicy", resource: arn, pinned: { "iam:PolicyARN": ADMINISTRATOR_ACCESS_ARN, ...pinned } },
            assume,
          ]),
        () =>
          attempt(g, from, made(callerWrittenPolicy(), "inline", "inline policy Allow * put"), "iam:CreateRole + iam:PutRolePolicy + sts:AssumeRole", [
            create,
            { action: "iam:PutRolePolicy", resource: arn, pinned },
            assume,
          ]),
      ]);
      if (best && !best.blocked) return [best];
      if (best && out.length === 0) out.push(best);
    }
    return out;
  },
};
