/**
 * Requests through an S3 access point. "For an application or user to be able to access objects
 * through an access point, both the access point and the underlying bucket must permit the request"
 * (AmazonS3/latest/userguide/access-points-policies.html). iam-spec decides the request twice:
 *
 *   access point side  the request as written: `resource` is the access point ARN (or ARN/object/KEY),
 *                      the resource policy is the access point policy, the owner is the account in
 *                      the access point ARN;
 *   bucket side        the same principal, action and policies of the caller, on the bucket's ARN
 *                      (arn:aws:s3:::BUCKET[/KEY]) with the bucket policy and the bucket owner's RCPs.
 *
 * Both sides see `s3:DataAccessPointArn` and `s3:DataAccessPointAccount` (the condition keys a bucket
 * policy uses to delegate access control to access points: AmazonS3/latest/userguide/access-points-policies.html,
 * "Delegating access control to access points"; service-authorization list_amazons3.html). The
 * request is allowed when both sides allow it; an explicit deny on either side is an explicit deny.
 */
import { parseArn } from "../match/arn.js";
import type { Decision, EvaluateInput, ExplainedResult, RequestContextInput } from "../types.js";

/** arn:...:accesspoint/NAME/object/KEY -> arn:...:accesspoint/NAME */
function accessPointArnOf(resource: string): string {
  const m = /^(arn:[^:]+:s3:[^:]*:[^:]*:accesspoint\/[^/]+)/.exec(resource);
  return m ? (m[1] as string) : resource;
}

function withAccessPointKeys(context: RequestContextInput | undefined, apArn: string): RequestContextInput {
  const account = parseArn(apArn)?.account ?? "";
  // A key the caller gives wins (contract section 2), whatever its spelling.
  const given = new Set(Object.keys(context ?? {}).map((k) => k.toLowerCase()));
  return {
    ...(given.has("s3:dataaccesspointarn") ? {} : { "s3:DataAccessPointArn": apArn }),
    ...(given.has("s3:dataaccesspointaccount") || account === "" ? {} : { "s3:DataAccessPointAccount": account }),
    ...context,
  };
}

/** The two requests that decide a request through an access point: [access point side, bucket side]. */
export function accessPointSides(input: EvaluateInput): [EvaluateInput, EvaluateInput] {
  const { accessPoint, ...request } = input;
  if (!accessPoint) return [request, request];
  const apArn = accessPointArnOf(input.resource);
  const apSide: EvaluateInput = { ...request, context: withAccessPointKeys(input.context, apArn) };
  const { resourcePolicy: _ap, resourceAccount: _owner, ...common } = request;
  const bucketSide: EvaluateInput = {
    ...common,
    resource: accessPoint.bucketResource,
    resourceAccount: accessPoint.bucketAccount ?? parseArn(apArn)?.account ?? "",
    ...(accessPoint.bucketPolicy ? { resourcePolicy: accessPoint.bucketPolicy } : {}),
    ...(accessPoint.bucketRcps ? { rcps: accessPoint.bucketRcps } : {}),
    context: withAccessPointKeys(accessPoint.bucketContext ?? input.context, apArn),
  };
  return [apSide, bucketSide];
}

/** Allowed when both sides allow; an explicit deny on either side wins. */
export function bothDecide(apSide: Decision, bucketSide: Decision): Decision {
  if (apSide === "ExplicitDeny" || bucketSide === "ExplicitDeny") return "ExplicitDeny";
  return apSide === "Allow" && bucketSide === "Allow" ? "Allow" : "ImplicitDeny";
}

/** The explanation of the side that decided (both, for an allow). */
export function bothExplained(apSide: ExplainedResult, bucketSide: ExplainedResult, bucket: string): ExplainedResult {
  const decision = bothDecide(apSide.decision, bucketSide.decision);
  const onBucket = (r: ExplainedResult): ExplainedResult => ({ ...r, reason: `the bucket behind the access point (${bucket}): ${r.reason}` });
  if (decision === "Allow") {
    return {
      decision,
      reason: `${apSide.reason}; the bucket behind the access point (${bucket}) allows it too: ${bucketSide.reason}`,
      deciding: [...apSide.deciding, ...bucketSide.deciding],
      policies: [...apSide.policies, ...bucketSide.policies],
    };
  }
  if (apSide.decision === "ExplicitDeny") return apSide;
  if (bucketSide.decision === "ExplicitDeny") return onBucket(bucketSide);
  return apSide.decision !== "Allow" ? apSide : onBucket(bucketSide);
}
