/**
 * The shape of the credential methods: for every other user of the caller's account, one of the
 * calls (tried in order) gives the caller that user's credentials (IAM has no resource policies, so
 * only users of the caller's own account are reachable this way).
 */
import { attempt, firstOf } from "../attempt.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";
import { ownAccount } from "./subject.js";

export function credentialChecker(id: string, actions: readonly string[]): EdgeChecker {
  return {
    id,
    attempts(from: GraphNode, g: GraphContext): Attempt[] {
      const account = ownAccount(from, g);
      if (!account) return [];
      const out: Attempt[] = [];
      for (const user of account.users.values()) {
        if (user === from.entity) continue;
        const to = g.node({ kind: "user", user, written: user.arn });
        const best = firstOf(actions.map((action) => () => attempt(g, from, to, action, [{ action, resource: user.arn }])));
        if (best) out.push(best);
      }
      return out;
    },
  };
}
