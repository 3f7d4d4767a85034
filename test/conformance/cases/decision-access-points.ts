/**
 * Requests through S3 access points (EvaluateInput.accessPoint): "For an application or user to be able
 * to access objects through an access point, both the access point and the underlying bucket must
 * permit the request" (AmazonS3/latest/userguide/access-points-policies.html). The examples are the
 * page's: an access point policy granting Jane, a bucket that delegates access control to access
 * points of its owner's account (s3:DataAccessPointAccount), one that names access point ARNs
 * (s3:DataAccessPointArn), and one that grants Jane itself.
 */
import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import { ACCT, CAROL, OTHER, allow, aws, deny, grant, policy, refuse, row } from "./decision-builders.js";

const PAGE = "AmazonS3/latest/userguide/access-points-policies.html";
const BOTH = `${PAGE}: "both the access point and the underlying bucket must permit the request"`;
const DELEGATE = `${PAGE}, Delegating access control to access points: a bucket policy allowing everything "to all access points that are owned by the bucket owner's account" (s3:DataAccessPointAccount)`;
const JANE = `arn:aws:iam::${ACCT}:user/Jane`;
const AP = `arn:aws:s3:us-west-2:${ACCT}:accesspoint/my-access-point`;
const AP_OBJECT = `${AP}/object/Jane/notes.txt`;
const BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket";
const BUCKET_OBJECT = `${BUCKET}/Jane/notes.txt`;

/** Example 1 of the page: the access point policy grants Jane GET and PUT on Jane/*. */
const apGrantsJane = policy(grant(aws(JANE), ["s3:GetObject", "s3:PutObject"], `${AP}/object/Jane/*`));
const delegates = policy(grant(aws("*"), "*", [BUCKET, `${BUCKET}/*`], { Condition: { StringEquals: { "s3:DataAccessPointAccount": ACCT } } }));
const delegatesTo = (apArn: string) => policy(grant(aws("*"), "*", [BUCKET, `${BUCKET}/*`], { Condition: { ArnEquals: { "s3:DataAccessPointArn": apArn } } }));
const delegatesFromVpc = policy(grant(aws("*"), "*", [BUCKET, `${BUCKET}/*`], { Condition: { StringEquals: { "s3:DataAccessPointAccount": ACCT, "s3:AccessPointNetworkOrigin": "VPC" } } }));
const bucketGrantsJane = policy(grant(aws(JANE), ["s3:GetObject", "s3:PutObject"], `${BUCKET}/Jane/*`));

const through = (principal: string, rest: Partial<EvaluateInput> = {}, bucket: Partial<NonNullable<EvaluateInput["accessPoint"]>> = {}): EvaluateInput => ({
  principal,
  action: "s3:GetObject",
  resource: AP_OBJECT,
  ...rest,
  accessPoint: { bucketResource: BUCKET_OBJECT, bucketAccount: ACCT, ...bucket },
});

export const cases: ConformanceCase[] = [
  row("access point: the access point policy grants Jane, the bucket delegates to the account's access points", `${BOTH}; ${DELEGATE}`,
    through(JANE, { resourcePolicy: apGrantsJane }, { bucketPolicy: delegates }), "Allow"),
  row("access point: the access point policy grants Jane, the bucket has no policy (no delegation)", `${PAGE}: "Permissions granted in an access point policy are effective only if the underlying bucket also allows the same access"`,
    through(JANE, { resourcePolicy: apGrantsJane }), "ImplicitDeny"),
  row("access point: the access point policy grants Jane, the bucket policy grants Jane too (example 1)", `${PAGE}, example 1: "you can add the following policy to the underlying bucket to grant the necessary permissions to Jane"`,
    through(JANE, { resourcePolicy: apGrantsJane }, { bucketPolicy: bucketGrantsJane }), "Allow"),
  row("access point: the bucket delegates, but the access point policy grants Jane another prefix", BOTH,
    through(JANE, { resource: `${AP}/object/Bob/notes.txt`, resourcePolicy: apGrantsJane }, { bucketResource: `${BUCKET}/Bob/notes.txt`, bucketPolicy: delegates }), "ImplicitDeny"),
  row("access point: the bucket delegates to its account's access points; a caller of another account uses an access point of its own account", DELEGATE,
    through(CAROL, { resource: `arn:aws:s3:us-west-2:${OTHER}:accesspoint/theirs/object/Jane/notes.txt`, resourceAccount: OTHER, identityPolicies: [policy(allow("s3:GetObject"))] }, { bucketPolicy: delegates }), "ImplicitDeny"),
  row("access point: the bucket delegates to this access point by ARN (s3:DataAccessPointArn)", `${PAGE}: bucket policies may name the access point with the s3:DataAccessPointArn condition key`,
    through(JANE, { resourcePolicy: apGrantsJane }, { bucketPolicy: delegatesTo(AP) }), "Allow"),
  row("access point: the bucket delegates to another access point by ARN", BOTH,
    through(JANE, { resourcePolicy: apGrantsJane }, { bucketPolicy: delegatesTo(`arn:aws:s3:us-west-2:${ACCT}:accesspoint/other`) }), "ImplicitDeny"),
  row("access point: the bucket denies reads through any access point (explicit deny on the bucket side)", `${BOTH}; IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html: an explicit deny in any policy`,
    through(JANE, { resourcePolicy: apGrantsJane }, { bucketPolicy: policy(grant(aws("*"), "*", `${BUCKET}/*`), refuse("*", "s3:GetObject", `${BUCKET}/*`, { Condition: { StringLike: { "s3:DataAccessPointArn": "arn:aws:s3:*" } } })) }), "ExplicitDeny"),
  row("access point: the access point policy denies Jane, the bucket delegates", `${PAGE}: "Restrictions that you include in an access point policy apply only to requests made through that access point"`,
    through(JANE, { identityPolicies: [policy(allow("s3:*"))], resourcePolicy: policy(refuse(aws(JANE), "s3:GetObject", `${AP}/object/*`)) }, { bucketPolicy: delegates }), "ExplicitDeny"),
  row("access point: Jane's identity policy allows the access point ARN, no access point policy, the bucket delegates", `${BOTH}; IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html: same account, identity OR resource`,
    through(JANE, { identityPolicies: [policy(allow("s3:GetObject", `${AP}/object/*`))] }, { bucketPolicy: delegates }), "Allow"),
  row("access point: Jane's identity policy allows the bucket ARN only, no access point policy", `${BOTH}: the request names the access point, which nothing allows`,
    through(JANE, { identityPolicies: [policy(allow("s3:GetObject", `${BUCKET}/*`))] }, { bucketPolicy: delegates }), "ImplicitDeny"),
  row("access point: Jane's identity policy allows both the access point and the bucket, neither has a policy", `${BOTH}; same account, identity OR resource on each side`,
    through(JANE, { identityPolicies: [policy(allow("s3:GetObject", [`${AP}/object/*`, `${BUCKET}/*`]))] }), "Allow"),
  row("access point: Jane's identity policy denies reads of the bucket's objects, however requested", `${BOTH}; an explicit deny in the identity policy applies to the bucket side`,
    through(JANE, { identityPolicies: [policy(allow("s3:GetObject"), deny("s3:GetObject", `${BUCKET}/*`))] }, { bucketPolicy: delegates }), "ExplicitDeny"),
  row("access point: a principal of another account granted by the access point and the delegating bucket, with its identity policy", `${BOTH}; IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html`,
    through(CAROL, { identityPolicies: [policy(allow("s3:GetObject"))], resourcePolicy: policy(grant(aws(CAROL), "s3:GetObject", `${AP}/object/*`)) }, { bucketPolicy: delegates }), "Allow"),
  row("access point: a principal of another account granted by the access point, the bucket does not delegate", BOTH,
    through(CAROL, { identityPolicies: [policy(allow("s3:GetObject"))], resourcePolicy: policy(grant(aws(CAROL), "s3:GetObject", `${AP}/object/*`)) }), "ImplicitDeny"),
  row("access point: a principal of another account without an identity policy", `${BOTH}; reference_policies_evaluation-logic-cross-account.html: the requester needs an identity-based policy`,
    through(CAROL, { resourcePolicy: policy(grant(aws(CAROL), "s3:GetObject", `${AP}/object/*`)) }, { bucketPolicy: delegates }), "ImplicitDeny"),
  row("access point: s3:ListBucket through the access point (bucket-level), delegating bucket", `${PAGE}: access point policies grant bucket-level actions on the access point ARN`,
    through(JANE, { action: "s3:ListBucket", resource: AP, resourcePolicy: policy(grant(aws(JANE), "s3:ListBucket", AP)) }, { bucketResource: BUCKET, bucketPolicy: delegates }), "Allow"),
  row("access point: the bucket delegates to VPC access points only, the request comes through one (s3:AccessPointNetworkOrigin VPC)", "AmazonS3/latest/userguide/access-points-vpc.html; service-authorization list_amazons3.html: s3:AccessPointNetworkOrigin",
    through(JANE, { resourcePolicy: apGrantsJane, context: { "s3:AccessPointNetworkOrigin": "VPC" } }, { bucketPolicy: delegatesFromVpc, bucketContext: { "s3:AccessPointNetworkOrigin": "VPC" } }), "Allow"),
  row("access point: the bucket delegates to VPC access points only, the request comes through an Internet one", "AmazonS3/latest/userguide/access-points-vpc.html",
    through(JANE, { resourcePolicy: apGrantsJane, context: { "s3:AccessPointNetworkOrigin": "Internet" } }, { bucketPolicy: delegatesFromVpc, bucketContext: { "s3:AccessPointNetworkOrigin": "Internet" } }), "ImplicitDeny"),
  row("access point: the caller's s3:DataAccessPointAccount is derived from the access point ARN, not given", DELEGATE,
    through(JANE, { resourcePolicy: apGrantsJane, context: {} }, { bucketPolicy: delegates, bucketContext: {} }), "Allow"),
];
