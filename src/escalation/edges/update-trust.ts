/**
 * iam:UpdateAssumeRolePolicy on a role of the caller's account: the caller rewrites the trust policy to
 * name itself, then assumes the role (IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html). The
 * second step is decided with the rewritten trust policy; the caller's own permissions still count.
 */
import { writtenPolicy } from "../written-policy.js";
import type { LoadedPolicy } from "../../model/types.js";
import { attempt } from "../attempt.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";
import { boundaryKeyOf, ownAccount } from "./subject.js";

export const updateTrust: EdgeChecker = {
  id: "update-assume-role-policy",
  attempts(from: GraphNode, g: GraphContext): Attempt[] {
    const account = ownAccount(from, g);
    if (!account) return [];
    const out: Attempt[] = [];
    for (const role of account.roles.values()) {
      if (role === from.entity) continue;
      const to = g.node({ kind: "role-session", role, written: role.arn });
      const trust = trustNaming(from.caller.derived["aws:PrincipalArn"] as string);
      out.push(
        attempt(g, from, to, "iam:UpdateAssumeRolePolicy + sts:AssumeRole", [
          { action: "iam:UpdateAssumeRolePolicy", resource: role.arn, pinned: boundaryKeyOf(role.boundary) },
          { action: "sts:AssumeRole", resource: role.arn, resourcePolicy: trust },
        ]),
      );
    }
    return out;
  },
};

/** The trust policy the caller writes: it lets the caller itself assume the role. */
export function trustNaming(principalArn: string): LoadedPolicy {
  const document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principalArn }, Action: "sts:AssumeRole" }] };
  return writtenPolicy(document, "trust", `a trust policy written by the caller (trusts ${principalArn})`);
}
