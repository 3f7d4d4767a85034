/**
 * iam:CreateLoginProfile (a user without a console password) or iam:UpdateLoginProfile (one with a
 * password): the caller sets the password and signs in to the console as that user
 * (IAM/latest/APIReference/API_CreateLoginProfile.html, API_UpdateLoginProfile.html). The environment
 * does not record which users have a password, so both are tried.
 */
import { attempt, firstOf } from "../attempt.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";

export const loginProfile: EdgeChecker = {
  id: "login-profile",
  attempts(from: GraphNode, g: GraphContext): Attempt[] {
    const account = from.accountId === undefined ? undefined : g.world.env.accounts.get(from.accountId);
    if (!account || !from.entity) return [];
    const out: Attempt[] = [];
    for (const user of account.users.values()) {
      if (user === from.entity) continue;
      const to = g.node({ kind: "user", user, written: user.arn });
      const best = firstOf(
        ["iam:CreateLoginProfile", "iam:UpdateLoginProfile"].map((action) => () => attempt(g, from, to, action, [{ action, resource: user.arn }])),
      );
      if (best) out.push(best);
    }
    return out;
  },
};
