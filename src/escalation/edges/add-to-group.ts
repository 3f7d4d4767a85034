/**
 * iam:AddUserToGroup: the user gets the policies of a group of its account
 * (IAM/latest/APIReference/API_AddUserToGroup.html; the request's resource is the group).
 */
import { attempt } from "../attempt.js";
import type { Attempt, Change, ChangeChecker, GraphContext, GraphNode } from "../types.js";
import { hasChange, subjectOf } from "./subject.js";

export const addToGroup: ChangeChecker = {
  id: "add-user-to-group",
  changes(actor: GraphNode, subject: GraphNode, g: GraphContext): Attempt[] {
    const user = subject.entity;
    if (!subjectOf(actor, subject) || user?.kind !== "user") return [];
    const account = g.world.env.accounts.get(user.accountId);
    const out: Attempt[] = [];
    for (const group of account?.groups.values() ?? []) {
      const id = `group:${group.name}`;
      if (user.groups.includes(group.name) || group.policies.length === 0 || hasChange(subject, id)) continue;
      const change: Change = { kind: "add-policies", id, label: `added to group ${group.name}`, policies: group.policies };
      const to = g.node(subject.principal, [...subject.changes, change], subject.session);
      out.push(attempt(g, actor, to, "iam:AddUserToGroup", [{ action: "iam:AddUserToGroup", resource: group.arn }]));
    }
    return out;
  },
};
