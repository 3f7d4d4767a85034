/**
 * iam:DeleteUserPermissionsBoundary / iam:DeleteRolePermissionsBoundary, or iam:Put*PermissionsBoundary
 * with AdministratorAccess as the new boundary (iam:PermissionsBoundary names it): the boundary no
 * longer limits the principal (IAM/latest/UserGuide/access_policies_boundaries.html,
 * IAM/latest/APIReference/API_DeleteRolePermissionsBoundary.html).
 */
import { attempt, firstOf } from "../attempt.js";
import { ADMINISTRATOR_ACCESS_ARN } from "../nodes.js";
import type { Attempt, Change, ChangeChecker, GraphContext, GraphNode } from "../types.js";
import { boundaryKey, hasChange, subjectOf } from "./subject.js";

const CHANGE: Change = { kind: "remove-boundary", id: "boundary:removed", label: "permissions boundary removed" };

export const removeBoundary: ChangeChecker = {
  id: "remove-boundary",
  changes(actor: GraphNode, subject: GraphNode, g: GraphContext): Attempt[] {
    const s = subjectOf(actor, subject);
    if (!s || subject.caller.boundary === undefined || hasChange(subject, CHANGE.id)) return [];
    const to = g.node(subject.principal, [...subject.changes, CHANGE], subject.session);
    const best = firstOf([
      () => attempt(g, actor, to, `iam:Delete${s.type}PermissionsBoundary`, [{ action: `iam:Delete${s.type}PermissionsBoundary`, resource: s.arn, pinned: boundaryKey(subject) }]),
      () =>
        attempt(g, actor, to, `iam:Put${s.type}PermissionsBoundary`, [
          { action: `iam:Put${s.type}PermissionsBoundary`, resource: s.arn, pinned: { "iam:PermissionsBoundary": ADMINISTRATOR_ACCESS_ARN } },
        ]),
    ]);
    return best ? [best] : [];
  },
};
