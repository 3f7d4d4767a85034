/**
 * iam:CreatePolicyVersion with SetAsDefault on a customer managed policy the principal has (directly or
 * through a group): the new default version, written by the caller, allows everything
 * (IAM/latest/APIReference/API_CreatePolicyVersion.html, IAM/latest/UserGuide/access_policies_managed-versioning.html).
 * iam:SetDefaultPolicyVersion alone would need the policy's older versions, which the environment
 * does not hold; it is not modelled on its own.
 */
import { attempt } from "../attempt.js";
import { callerWrittenPolicy } from "../nodes.js";
import type { Attempt, Change, ChangeChecker, GraphContext, GraphNode } from "../types.js";
import { hasChange, subjectOf } from "./subject.js";

export const policyVersion: ChangeChecker = {
  id: "create-policy-version",
  changes(actor: GraphNode, subject: GraphNode, g: GraphContext): Attempt[] {
    if (!subjectOf(actor, subject)) return [];
    const out: Attempt[] = [];
    const held = new Set(subject.caller.identityPolicies);
    for (const p of subject.caller.policies) {
      if (p.origin !== "customer-managed" || !p.arn || !held.has(p.handle)) continue;
      const id = `version:${p.arn}`;
      if (hasChange(subject, id)) continue;
      const change: Change = { kind: "replace-policy", id, label: `new default version of ${p.arn.split("/").pop()}`, arn: p.arn, with: callerWrittenPolicy() };
      const to = g.node(subject.principal, [...subject.changes, change]);
      out.push(attempt(g, actor, to, "iam:CreatePolicyVersion", [{ action: "iam:CreatePolicyVersion", resource: p.arn }]));
    }
    return out;
  },
};
