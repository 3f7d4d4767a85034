/**
 * What the environment says about the resource of a request: its owner, its policy, the RCPs of its
 * account and the keys AWS derives from it (aws:ResourceAccount, aws:ResourceOrgID,
 * aws:ResourceOrgPaths, aws:ResourceTag/*: IAM/latest/UserGuide/reference_policies_condition-keys.html).
 */
import { parseArn } from "../match/arn.js";
import type { Environment, LoadedPolicy, Resource, Role } from "../model/types.js";
import type { ContextValue, PolicyLike } from "../types.js";
import { tagKeys } from "./caller.js";

export interface ResourceSide {
  /** undefined: an account outside the environment (an unlisted S3 ARN), or no account at all ("*"). */
  accountId: string | undefined;
  /** The resource policy that governs the request (a role's trust policy for sts:AssumeRole*). */
  policy: LoadedPolicy | undefined;
  rcps: PolicyLike[][];
  derived: Record<string, ContextValue>;
  policies: LoadedPolicy[];
}

/** Role, resource and bucket lookups by ARN, built once per environment. */
export interface ResourceIndex {
  resources: ReadonlyMap<string, Resource>;
  roles: ReadonlyMap<string, Role>;
}

export function indexResources(env: Environment): ResourceIndex {
  const resources = new Map<string, Resource>();
  const roles = new Map<string, Role>();
  for (const account of env.accounts.values()) {
    for (const [arn, r] of account.resources) resources.set(arn, r);
    for (const role of account.roles.values()) roles.set(role.arn, role);
  }
  return { resources, roles };
}

export function isAssumeRoleAction(action: string): boolean {
  return /^sts:assumerole/i.test(action);
}

export function resourceSide(env: Environment, index: ResourceIndex, action: string, arn: string): ResourceSide {
  const role = index.roles.get(arn);
  const exact = index.resources.get(arn);
  const listed = exact ?? s3Bucket(index, arn);
  const parsed = parseArn(arn);
  let accountId: string | undefined;
  let policy: LoadedPolicy | undefined;
  let tags: Readonly<Record<string, string>> = {};
  if (role) {
    accountId = role.accountId;
    // sts:AssumeRole* on a role is decided by its trust policy as the resource policy (contract section 4).
    policy = isAssumeRoleAction(action) ? role.trust : undefined;
    tags = role.tags;
  } else if (listed) {
    accountId = listed.accountId;
    policy = listed.policy;
    // A bucket's tags are not its objects' tags: only a resource listed under its own ARN has tags.
    tags = exact?.tags ?? {};
  } else if (parsed && parsed.account !== "") {
    accountId = parsed.account;
  }
  const derived: Record<string, ContextValue> = { ...tagKeys("aws:ResourceTag/", tags) };
  if (accountId !== undefined) derived["aws:ResourceAccount"] = accountId;
  let rcps: PolicyLike[][] = [];
  const policies: LoadedPolicy[] = policy ? [policy] : [];
  const org = env.organization;
  const placement = accountId !== undefined ? org?.placements.get(accountId) : undefined;
  if (org && placement) {
    derived["aws:ResourceOrgID"] = org.id;
    derived["aws:ResourceOrgPaths"] = [placement.orgPath];
    // RCPs do not restrict the management account's resources (organizations/latest/userguide/orgs_manage_policies_rcps.html).
    if (org.managementAccount !== accountId) {
      rcps = placement.rcpLevels.map((level) => level.map((p) => p.handle));
      policies.push(...placement.rcpLevels.flat());
    }
  }
  return { accountId, policy, rcps, derived, policies };
}

/** The bucket policy governs the bucket's objects too (contract section 3). */
function s3Bucket(index: ResourceIndex, arn: string): Resource | undefined {
  const m = /^(arn:[^:]+:s3:::[^/]+)\//.exec(arn);
  return m ? index.resources.get(m[1]!) : undefined;
}
