/**
 * sts:AssumeRole (sts:AssumeRoleWithWebIdentity / sts:AssumeRoleWithSAML for a federated caller): the
 * role's trust policy and, for a principal of an account, its own permissions decide
 * (IAM/latest/UserGuide/id_roles_manage-assume.html, reference_policies_evaluation-logic-cross-account.html).
 * A session may assume further roles (role chaining: IAM/latest/UserGuide/id_roles_terms-and-concepts.html),
 * which the graph follows edge by edge.
 */
import { callerOf, federatedProviderOf } from "../../compile/caller.js";
import { environmentDocuments, sessionStringsOf, sourceIdentitiesIn, sourceIdentityIsFree } from "../../compile/session-names.js";
import type { Environment, Role } from "../../model/types.js";
import { webIdentitySession } from "../nodes.js";
import { attempt } from "../attempt.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";

export const assumeRole: EdgeChecker = {
  id: "assume-role",
  attempts(from: GraphNode, g: GraphContext): Attempt[] {
    const p = from.principal;
    if (p.kind === "service") return [];
    const out: Attempt[] = [];
    for (const role of g.trust.rolesFor(from.caller)) {
      if (from.entity === role) continue;
      if (p.kind === "federated") {
        // A provider written by host name belongs to the account of the role it assumes.
        const caller = callerOf(p, g.world.env, undefined, role.accountId);
        // Its session carries aws:FederatedProvider (reference_policies_condition-keys.html#condition-keys-federatedprovider).
        const provider = federatedProviderOf(caller);
        const to = g.node({ kind: "role-session", role, written: role.arn }, [], provider !== undefined ? webIdentitySession(provider) : undefined);
        const action = p.protocol === "saml" ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";
        const by = { ...from, caller, key: `${from.key}@${role.accountId}` };
        out.push(attempt(g, from, to, action, [{ action, resource: role.arn, by }]));
        continue;
      }
      // A session made by sts:AssumeRole (role chaining included) has no provider. A source identity
      // set on the caller's session stays in the chained session, and the chaining needs
      // sts:SetSourceIdentity (IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html).
      const source = from.session?.sourceIdentity;
      if (source === undefined) {
        out.push(attempt(g, from, g.node({ kind: "role-session", role, written: role.arn }), "sts:AssumeRole", [{ action: "sts:AssumeRole", resource: role.arn }]));
        // A caller whose session has none may set one here, anywhere along a path ("you can set the
        // source identity ... when you assume a role": the same page), with each value the
        // environment's policies compare it with: a role further on may trust only such sessions.
        // (Only where the trust policy has an Allow statement for sts:SetSourceIdentity, whatever its
        // conditions: without one the role's trust denies the step.)
        if (maySetSource(role.trust?.document)) for (const chosen of sourceIdentities(g.world.env)) out.push(withSource(g, from, role, chosen));
        continue;
      }
      out.push(withSource(g, from, role, source));
    }
    return out;
  },
};

/** sts:AssumeRole with a source identity, which needs sts:SetSourceIdentity too; the session keeps it. */
function withSource(g: GraphContext, from: GraphNode, role: Role, source: string): Attempt {
  const to = g.node({ kind: "role-session", role, written: role.arn }, [], { name: "iam-spec", policies: [], tags: {}, sourceIdentity: source });
  const pinned = { "sts:SourceIdentity": source };
  return attempt(g, from, to, "sts:AssumeRole", [{ action: "sts:AssumeRole", resource: role.arn, pinned }, { action: "sts:SetSourceIdentity", resource: role.arn, pinned }]);
}

/** Whether a trust policy has an Allow statement that may cover sts:SetSourceIdentity (its Action, or any NotAction). */
function maySetSource(trust: unknown): boolean {
  if (sourceIdentityIsFree(trust, true)) return true;
  const raw = (trust as { Statement?: unknown } | null)?.Statement;
  return [raw].flat().some((st) => (st as { Effect?: unknown; NotAction?: unknown } | null)?.Effect === "Allow" && (st as { NotAction?: unknown }).NotAction !== undefined);
}

const sourcesByEnv = new WeakMap<Environment, readonly string[]>();

/** The source identities the environment's policies compare aws:SourceIdentity / sts:SourceIdentity with (session-names.ts), once per environment. */
function sourceIdentities(env: Environment): readonly string[] {
  let found = sourcesByEnv.get(env);
  if (!found) sourcesByEnv.set(env, (found = sourceIdentitiesIn(sessionStringsOf(environmentDocuments(env)))));
  return found;
}
