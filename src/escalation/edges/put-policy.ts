/**
 * iam:PutUserPolicy / iam:PutRolePolicy / iam:PutGroupPolicy (a group of the user): an inline policy
 * the caller writes, allowing everything (IAM/latest/APIReference/API_PutRolePolicy.html).
 */
import { attempt } from "../attempt.js";
import { callerWrittenPolicy } from "../nodes.js";
import type { Attempt, Change, ChangeChecker, GraphContext, GraphNode } from "../types.js";
import { groupsOf } from "./attach-policy.js";
import { boundaryKey, hasChange, subjectOf } from "./subject.js";

const ID = "put:inline";

export const putPolicy: ChangeChecker = {
  id: "put-policy",
  changes(actor: GraphNode, subject: GraphNode, g: GraphContext): Attempt[] {
    const s = subjectOf(actor, subject);
    if (!s || hasChange(subject, ID)) return [];
    const change: Change = { kind: "add-policies", id: ID, label: "inline policy Allow * put", policies: [callerWrittenPolicy()] };
    const to = g.node(subject.principal, [...subject.changes, change], subject.session);
    const groupPinned = {};
    const pinned = boundaryKey(subject);
    // iam:PermissionsBoundary is a key of the user and role calls only (service authorization reference).
    const targets = [{ action: `iam:Put${s.type}Policy`, resource: s.arn }, ...groupsOf(subject).map((arn) => ({ action: "iam:PutGroupPolicy", resource: arn, group: true }))];
    const out = targets.map(({ action, resource, ...t }) => attempt(g, actor, to, action, [{ action, resource, pinned: "group" in t ? groupPinned : pinned }]));
    return [out.find((a) => !a.blocked) ?? out[0]!];
  },
};
