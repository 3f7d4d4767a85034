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
import type { Decision, EvaluateInput, EvaluateResult, ExplainedResult, PointId, RequestContextInput } from "../types.js";

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

/**
 * The open points whose other reading would change the combined answer (EvaluateResult.undetermined):
 * when both sides allow, a point that would turn either side; when one side refuses, that side's; when
 * both refuse, only a point that would turn both (a reading applies to both sides at once).
 */
function undeterminedOfBoth(apSide: EvaluateResult, bucketSide: EvaluateResult): PointId[] {
  const a = apSide.undetermined ?? [];
  const b = bucketSide.undetermined ?? [];
  if (apSide.decision === "Allow" && bucketSide.decision === "Allow") return [...new Set([...a, ...b])];
  if (apSide.decision === "Allow") return [...b];
  if (bucketSide.decision === "Allow") return [...a];
  return a.filter((id) => b.includes(id));
}

/** The combined result of the two sides. */
export function bothResults(apSide: EvaluateResult, bucketSide: EvaluateResult): EvaluateResult {
  const decision = bothDecide(apSide.decision, bucketSide.decision);
  const undetermined = undeterminedOfBoth(apSide, bucketSide);
  return undetermined.length > 0 ? { decision, undetermined } : { decision };
}

/** The explanation of the side that decided (both, for an allow). */
export function bothExplained(apSide: ExplainedResult, bucketSide: ExplainedResult, bucket: string): ExplainedResult {
  const decision = bothDecide(apSide.decision, bucketSide.decision);
  const undetermined = undeterminedOfBoth(apSide, bucketSide);
  const common = { readings: { ...bucketSide.readings, ...apSide.readings }, ...(undetermined.length > 0 ? { undetermined } : {}) };
  const onBucket = (r: ExplainedResult): ExplainedResult => ({ ...r, ...common, reason: `the bucket behind the access point (${bucket}): ${r.reason}` });
  if (decision === "Allow") {
    return {
      decision,
      reason: `${apSide.reason}; the bucket behind the access point (${bucket}) allows it too: ${bucketSide.reason}`,
      deciding: [...apSide.deciding, ...bucketSide.deciding],
      policies: [...apSide.policies, ...bucketSide.policies],
      ...common,
    };
  }
  if (apSide.decision === "ExplicitDeny") return { ...apSide, ...common };
  if (bucketSide.decision === "ExplicitDeny") return onBucket(bucketSide);
  return apSide.decision !== "Allow" ? { ...apSide, ...common } : onBucket(bucketSide);
}
