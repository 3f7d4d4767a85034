/**
 * iam:AttachUserPolicy / iam:AttachRolePolicy / iam:AttachGroupPolicy (a group of the user): attach
 * the AWS managed AdministratorAccess policy (iam:PolicyARN says which policy:
 * IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PolicyARN).
 */
import { attempt } from "../attempt.js";
import { administratorAccessPolicy, ADMINISTRATOR_ACCESS_ARN } from "../nodes.js";
import type { Attempt, Change, ChangeChecker, GraphContext, GraphNode } from "../types.js";
import { boundaryKey, hasChange, subjectOf } from "./subject.js";

const CHANGE: Change = { kind: "add-policies", id: "attach:AdministratorAccess", label: "AdministratorAccess attached", policies: [] };

export const attachPolicy: ChangeChecker = {
  id: "attach-policy",
  changes(actor: GraphNode, subject: GraphNode, g: GraphContext): Attempt[] {
    const s = subjectOf(actor, subject);
    if (!s || hasChange(subject, CHANGE.id)) return [];
    const change: Change = { ...CHANGE, policies: [administratorAccessPolicy()] };
    const to = g.node(subject.principal, [...subject.changes, change], subject.session);
    const groupPinned = { "iam:PolicyARN": ADMINISTRATOR_ACCESS_ARN };
    const pinned = { ...groupPinned, ...boundaryKey(subject) };
    // iam:PermissionsBoundary is a key of the user and role calls only (service authorization reference).
    const targets = [{ action: `iam:Attach${s.type}Policy`, resource: s.arn }, ...groupsOf(subject).map((arn) => ({ action: "iam:AttachGroupPolicy", resource: arn, group: true }))];
    const out = targets.map(({ action, resource, ...t }) => attempt(g, actor, to, action, [{ action, resource, pinned: "group" in t ? groupPinned : pinned }]));
    return [out.find((a) => !a.blocked) ?? out[0]!];
  },
};

/** ARNs of the groups of a user node (none for a role). */
export function groupsOf(node: GraphNode): string[] {
  const e = node.entity;
  if (e?.kind !== "user") return [];
  return e.groups.map((name) => `arn:aws:iam::${e.accountId}:group/${name}`);
}
