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
  /** undefined: an account outside the environment (an unlisted S3 ARN), or no account at all ("*"). */
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

const sidesByEnv = new WeakMap<Environment, Map<string, ResourceSide>>();
/** Sides remembered per environment at most (fuzzed resources are endless). */
const MAX_SIDES = 10_000;

/**
 * The resource side of a request on `arn`; it depends on the action only through whether a trust
 * policy governs it, and is remembered per environment (every candidate request of the fuzzer asks
 * again). The result is shared: callers only read it.
 */
export function resourceSide(env: Environment, action: string, arn: string): ResourceSide {
  let sides = sidesByEnv.get(env);
  if (!sides) sidesByEnv.set(env, (sides = new Map()));
  const key = `${isTrustPolicyAction(action) ? "t" : "r"}${arn}`;
  let side = sides.get(key);
  if (!side) {
    if (sides.size >= MAX_SIDES) sides.clear();
    sides.set(key, (side = computeResourceSide(env, action, arn)));
  }
  return side;
}

function computeResourceSide(env: Environment, action: string, arn: string): ResourceSide {
  const found = lookupResource(env, arn);
  const role = found.principal?.kind === "role" ? found.principal : undefined;
  // sts:AssumeRole* on a role is decided by its trust policy as the resource policy (contract section 4).
  const policy = role ? (isTrustPolicyAction(action) ? role.trust : undefined) : found.resource?.policy;
  // An unlisted S3 ARN has no account field: its owner is some account outside the environment
  // (contract section 3), so the request is cross-account for every caller of the environment.
  const accountId = found.accountId ?? (isS3(arn) ? outsideAccount(env) : undefined);
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
  if (found.accountId === undefined && accountId !== undefined) derived["aws:ResourceAccount"] = accountId;
  return { accountId, policy, rcps, derived, policies };
}

function isS3(arn: string): boolean {
  return /^arn:[^:]+:s3:::/.test(arn);
}

/** A 12-digit account id no account of the environment has (and not the fuzzer's unknown caller account). */
export function outsideAccount(env: Environment): string {
  for (let n = 999_999_999_990; ; n--) {
    const id = String(n);
    if (!env.accounts.has(id)) return id;
  }
}
