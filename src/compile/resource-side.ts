/**
 * What the environment says about the resource of a request: its owner, the policy that governs it,
 * the RCPs of its account. Ownership and the derived keys (aws:ResourceAccount, aws:ResourceOrgID,
 * aws:ResourceOrgPaths, aws:ResourceTag/*) come from the model (src/model/resources.ts, context-keys.ts).
 */
import { resourceContextKeys } from "../model/context-keys.js";
import { lookupResource } from "../model/resources.js";
import type { AccountPlacement as Placement, Environment, LoadedPolicy } from "../model/types.js";
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
  /** A request through an S3 access point: the bucket behind it, which must permit the request too. */
  bucket?: BucketBehind;
}

export interface BucketBehind {
  /** arn:aws:s3:::BUCKET or arn:aws:s3:::BUCKET/KEY */
  readonly arn: string;
  readonly side: ResourceSide;
}

/**
 * The bucket side of a data request through an access point (AmazonS3/latest/userguide/access-points-policies.html:
 * "both the access point and the underlying bucket must permit the request"). Requests on the access
 * point itself (s3:GetAccessPointPolicy, s3:DeleteAccessPoint, ...) are not data requests. An unlisted
 * bucket belongs to the access point's account, as CreateAccessPoint assumes without BucketAccountId
 * (AmazonS3/latest/API/API_control_CreateAccessPoint.html).
 */
function bucketBehind(env: Environment, action: string, arn: string, bucket: string): BucketBehind | undefined {
  if (/accesspoint/i.test(action)) return undefined;
  const m = /^arn:([^:]+):s3:[^:]*:(\d{12}):accesspoint\/[^/]+(?:\/object\/(.*))?$/.exec(arn);
  if (!m) return undefined;
  const bucketArn = `arn:${m[1]}:s3:::${bucket}${m[3] !== undefined ? `/${m[3]}` : ""}`;
  return { arn: bucketArn, side: resourceSide(env, action, bucketArn, m[2]) };
}

/**
 * Actions a role's trust policy governs: the AssumeRole family and what rides on it (session tags,
 * source identity: IAM/latest/UserGuide/id_session-tags.html, id_credentials_temp_control-access_monitor.html).
 */
export function isTrustPolicyAction(action: string): boolean {
  return /^sts:(assumerole.*|tagsession|setsourceidentity|setcontext)$/i.test(action);
}

// The RCP levels of an account as the evaluator reads them, once per placement: asked for every
// request a check evaluates, the same arrays each time.
const rcpsByPlacement = new WeakMap<Placement, PolicyLike[][]>();
function rcpHandles(placement: Placement): PolicyLike[][] {
  let levels = rcpsByPlacement.get(placement);
  if (!levels) rcpsByPlacement.set(placement, (levels = placement.rcpLevels.map((level) => level.map((p) => p.handle))));
  return levels;
}

/** `owner`: the owner of an unlisted resource where the request says it (the bucket behind an access point). */
export function resourceSide(env: Environment, action: string, arn: string, owner?: string): ResourceSide {
  const found = lookupResource(env, arn);
  const role = found.principal?.kind === "role" ? found.principal : undefined;
  // sts:AssumeRole* on a role is decided by its trust policy as the resource policy (contract section 4).
  const policy = role ? (isTrustPolicyAction(action) ? role.trust : undefined) : found.resource?.policy;
  // An unlisted S3 ARN has no account field: its owner is unknown (contract section 3). It is left
  // to the evaluator, which decides under each reading of the open point unlisted-bucket-owner and
  // says when the answer depends on it (src/evaluator/readings.ts). The bucket behind an access point
  // is the exception: `owner` says it.
  const accountId = found.accountId ?? owner;
  const policies: LoadedPolicy[] = policy ? [policy] : [];
  let rcps: PolicyLike[][] = [];
  const org = env.organization;
  const placement = accountId !== undefined ? org?.placements.get(accountId) : undefined;
  // RCPs do not restrict the management account's resources (organizations/latest/userguide/orgs_manage_policies_rcps.html).
  if (org && placement && org.managementAccount !== accountId) {
    rcps = rcpHandles(placement);
    for (const level of placement.rcpLevels) policies.push(...level);
  }
  const derived = resourceContextKeys(env, arn, found);
  if (found.accountId === undefined && accountId !== undefined) derived["aws:ResourceAccount"] = accountId;
  const bucket = found.resource?.bucket !== undefined ? bucketBehind(env, action, arn, found.resource.bucket) : undefined;
  if (bucket) {
    policies.push(...bucket.side.policies);
    // AWS sets it on every request through an access point: VPC for one with a VPC configuration
    // (AmazonS3/latest/userguide/access-points-vpc.html), else Internet.
    const origin = found.resource?.networkOrigin ?? "Internet";
    derived["s3:AccessPointNetworkOrigin"] = origin;
    bucket.side.derived["s3:AccessPointNetworkOrigin"] = origin;
  }
  return { accountId, policy, rcps, derived, policies, ...(bucket ? { bucket } : {}) };
}
