/**
 * What the environment says about the resource of a request: its owner, the policy that governs it,
 * the RCPs of its account. Ownership and the derived keys (aws:ResourceAccount, aws:ResourceOrgID,
 * aws:ResourceOrgPaths, aws:ResourceTag/*) come from the model (src/model/resources.ts, context-keys.ts).
 */
import { resourceContextKeys } from "../model/context-keys.js";
import { lookupResource } from "../model/resources.js";
import type { Environment, LoadedPolicy } from "../model/types.js";
import type { ContextValue, PolicyLike } from "../types.js";

export interface ResourceSide {
  /** undefined: an unknown owner (an unlisted S3 ARN), or no account at all ("*"). */
  accountId: string | undefined;
  /** The resource policy that governs the request (a role's trust policy for sts:AssumeRole*). */
  policy: LoadedPolicy | undefined;
  rcps: PolicyLike[][];
  derived: Record<string, ContextValue>;
  /** Every loaded policy on the resource side, for mining literals. */
  policies: LoadedPolicy[];
}

/**
 * Actions a role's trust policy governs: the AssumeRole family and what rides on it (session tags,
 * source identity: IAM/latest/UserGuide/id_session-tags.html, id_credentials_temp_control-access_monitor.html).
 */
export function isTrustPolicyAction(action: string): boolean {
  return /^sts:(assumerole.*|tagsession|setsourceidentity|setcontext)$/i.test(action);
}

export function resourceSide(env: Environment, action: string, arn: string): ResourceSide {
  const found = lookupResource(env, arn);
  const role = found.principal?.kind === "role" ? found.principal : undefined;
  // sts:AssumeRole* on a role is decided by its trust policy as the resource policy (contract section 4).
  const policy = role ? (isTrustPolicyAction(action) ? role.trust : undefined) : found.resource?.policy;
  // An unlisted S3 ARN has no account field: its owner is unknown (contract section 3). It is left
  // to the evaluator, which decides under each reading of the open point unlisted-bucket-owner and
  // says when the answer depends on it (src/evaluator/readings.ts).
  const accountId = found.accountId;
  const policies: LoadedPolicy[] = policy ? [policy] : [];
  let rcps: PolicyLike[][] = [];
  const org = env.organization;
  const placement = accountId !== undefined ? org?.placements.get(accountId) : undefined;
  // RCPs do not restrict the management account's resources (organizations/latest/userguide/orgs_manage_policies_rcps.html).
  if (org && placement && org.managementAccount !== accountId) {
    rcps = placement.rcpLevels.map((level) => level.map((p) => p.handle));
    policies.push(...placement.rcpLevels.flat());
  }
  const derived = resourceContextKeys(env, arn);
  return { accountId, policy, rcps, derived, policies };
}
