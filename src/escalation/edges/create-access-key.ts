/**
 * iam:CreateAccessKey on another user: the caller gets long-term credentials of that user
 * (IAM/latest/APIReference/API_CreateAccessKey.html). IAM has no resource policies, so only users of
 * the caller's own account can be reached this way.
 */
import { attempt } from "../attempt.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";

export const createAccessKey: EdgeChecker = {
  id: "create-access-key",
  attempts(from: GraphNode, g: GraphContext): Attempt[] {
    const account = from.accountId === undefined ? undefined : g.world.env.accounts.get(from.accountId);
    if (!account || !from.entity) return [];
    const out: Attempt[] = [];
    for (const user of account.users.values()) {
      if (user === from.entity) continue;
      const to = g.node({ kind: "user", user, written: user.arn });
      out.push(attempt(g, from, to, "iam:CreateAccessKey", [{ action: "iam:CreateAccessKey", resource: user.arn }]));
    }
    return out;
  },
};
