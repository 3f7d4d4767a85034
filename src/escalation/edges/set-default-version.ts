/**
 * iam:SetDefaultPolicyVersion on a customer managed policy the principal has (directly or through a
 * group): one of the policy's other versions becomes the operative one, for every principal it is
 * attached to (IAM/latest/APIReference/API_SetDefaultPolicyVersion.html,
 * IAM/latest/UserGuide/access_policies_managed-versioning.html). Rhino Security Labs' method 2: an old
 * version may allow more than the current one.
 *
 * The versions are those the environment lists (`versions:`, or an authorizationDetails import's
 * PolicyVersionList). A policy given without `versions:` may have others nobody described: the open
 * point policy-versions. Under `any` an undeclared version allowing everything can be made the
 * default; left open, such a step counts for a mayNotBecome (marked undetermined, so the failure names
 * the point) and not for a mayBecome (contract section 2: an expectation holds under every reading).
 *
 * The service authorization reference lists no condition key of the request for this action besides
 * aws:ResourceTag (the policy's tags): iam:PolicyARN is not set, the resource is the policy.
 */
import { attempt } from "../attempt.js";
import { undeclaredVersionPolicy } from "../nodes.js";
import { underOpenFact } from "../open-fact.js";
import type { ManagedPolicy } from "../../model/types.js";
import type { Attempt, Change, ChangeChecker, GraphContext, GraphNode } from "../types.js";
import { heldCustomerPolicies, replacing, subjectOf } from "./subject.js";

type Replacement = Extract<Change, { kind: "replace-policy" }>;

const ACTION = "iam:SetDefaultPolicyVersion";
const POINT = "policy-versions";
const UNDECLARED = "undeclared";

export const setDefaultVersion: ChangeChecker = {
  id: "set-default-policy-version",
  changes(actor: GraphNode, subject: GraphNode, g: GraphContext): Attempt[] {
    if (!subjectOf(actor, subject)) return [];
    const out: Attempt[] = [];
    for (const p of heldCustomerPolicies(subject)) {
      const managed = managedPolicy(g, p.arn);
      if (!managed) continue;
      const current = currentVersion(subject, p.arn);
      const short = p.arn.split("/").pop();
      const change = (version: string, label: string, policy: ManagedPolicy["policy"]): Replacement => ({
        kind: "replace-policy",
        id: `version:${p.arn}#${version}`,
        label: `default version of ${short} set to ${label}`,
        arn: p.arn,
        with: policy,
      });
      const to = (c: Replacement) => g.node(subject.principal, replacing(subject, c), subject.session);
      for (const [version, policy] of managed.versions ?? []) {
        if (version === current) continue;
        out.push(attempt(g, actor, to(change(version, version, policy)), ACTION, [{ action: ACTION, resource: p.arn }]));
      }
      if (managed.versions !== undefined || current === UNDECLARED) continue;
      const a = underOpenFact(g, POINT, "declared-only", () =>
        attempt(g, actor, to(change(UNDECLARED, "a version the environment does not declare", undeclaredVersionPolicy(p.arn))), ACTION, [{ action: ACTION, resource: p.arn }]),
      );
      if (a) out.push(a);
    }
    return out;
  },
};

/** The customer managed policy `arn` of the environment. */
function managedPolicy(g: GraphContext, arn: string): ManagedPolicy | undefined {
  const account = g.world.env.accounts.get(arn.split(":")[4] ?? "");
  for (const m of account?.policies.values() ?? []) if (m.arn === arn) return m;
  return undefined;
}

/** The version of `arn` a change made the default on this node, if any. */
function currentVersion(subject: GraphNode, arn: string): string | undefined {
  // "#" is not a character of a policy name (IAM/latest/APIReference/API_CreatePolicy.html).
  const prefix = `version:${arn}#`;
  return subject.changes.find((c) => c.kind === "replace-policy" && c.arn === arn && c.id.startsWith(prefix))?.id.slice(prefix.length);
}
