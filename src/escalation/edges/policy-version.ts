/**
 * iam:CreatePolicyVersion with SetAsDefault on a customer managed policy the principal has (directly or
 * through a group): the new default version, written by the caller, allows everything
 * (IAM/latest/APIReference/API_CreatePolicyVersion.html, IAM/latest/UserGuide/access_policies_managed-versioning.html).
 * Making an existing version the default is set-default-version.ts.
 */
import { attempt } from "../attempt.js";
import { callerWrittenPolicy } from "../nodes.js";
import type { Attempt, ChangeChecker, GraphContext, GraphNode } from "../types.js";
import { hasChange, heldCustomerPolicies, replacing, subjectOf } from "./subject.js";

export const policyVersion: ChangeChecker = {
  id: "create-policy-version",
  changes(actor: GraphNode, subject: GraphNode, g: GraphContext): Attempt[] {
    if (!subjectOf(actor, subject)) return [];
    const out: Attempt[] = [];
    for (const p of heldCustomerPolicies(subject)) {
      const id = `version:${p.arn}`;
      if (hasChange(subject, id)) continue;
      const to = g.node(subject.principal, replacing(subject, { kind: "replace-policy", id, label: `new default version of ${p.arn.split("/").pop()}`, arn: p.arn, with: callerWrittenPolicy() }), subject.session);
      out.push(attempt(g, actor, to, "iam:CreatePolicyVersion", [{ action: "iam:CreatePolicyVersion", resource: p.arn }]));
    }
    return out;
  },
};
