/**
 * The bucket owner's root user and the bucket policy: AmazonS3/latest/API/API_DeleteBucketPolicy.html (and
 * API_GetBucketPolicy.html, API_PutBucketPolicy.html): "To ensure that bucket owners don't inadvertently
 * lock themselves out of their own buckets, the root principal in a bucket owner's Amazon Web Services
 * account can perform the GetBucketPolicy, PutBucketPolicy, and DeleteBucketPolicy API actions, even if
 * their bucket policy explicitly denies the root principal's access. Bucket owner root principals can only
 * be blocked from performing these API actions by VPC endpoint policies and Amazon Web Services
 * Organizations policies."
 */
import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import { ACCT, ALICE, BUCKET, CAROL, FULL_ACCESS, OTHER, OTHER_ROOT, ROOT, allow, deny, grant, policy, refuse, row } from "./decision-builders.js";

const API = "AmazonS3/latest/API/API_DeleteBucketPolicy.html";
const LOCKOUT = `${API} ("the root principal in a bucket owner's Amazon Web Services account can perform the GetBucketPolicy, PutBucketPolicy, and DeleteBucketPolicy API actions, even if their bucket policy explicitly denies the root principal's access")`;
const ONLY_BY = `${API} ("Bucket owner root principals can only be blocked from performing these API actions by VPC endpoint policies and Amazon Web Services Organizations policies")`;

/** A bucket policy that denies everything to everyone: the lock-out the API pages guard against. */
const lockedOut = policy(refuse("*", "s3:*", [BUCKET, `${BUCKET}/*`]));

const onBucket = (principal: string, action: string, rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  ({ principal, action, resource: BUCKET, resourceAccount: ACCT, resourcePolicy: lockedOut, ...rest });

const lockout: ConformanceCase[] = [
  row("bucket owner's root user deletes a bucket policy that denies everyone", LOCKOUT, onBucket(ROOT, "s3:DeleteBucketPolicy"), "Allow"),
  row("bucket owner's root user reads a bucket policy that denies everyone", LOCKOUT, onBucket(ROOT, "s3:GetBucketPolicy"), "Allow"),
  row("bucket owner's root user replaces a bucket policy that denies everyone", LOCKOUT, onBucket(ROOT, "s3:PutBucketPolicy"), "Allow"),
  row("bucket owner's root user: the same policy still denies it other bucket actions", `${LOCKOUT}; IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html (an explicit deny applies to the root user)`,
    onBucket(ROOT, "s3:PutBucketVersioning"), "ExplicitDeny"),
  row("bucket owner's root user: the same policy still denies it reading objects", LOCKOUT,
    { ...onBucket(ROOT, "s3:GetObject"), resource: `${BUCKET}/builds/1.zip` }, "ExplicitDeny"),
  row("bucket owner's root user: an SCP deny still blocks deleting the bucket policy", ONLY_BY,
    onBucket(ROOT, "s3:DeleteBucketPolicy", { scps: [[FULL_ACCESS, policy(deny("s3:DeleteBucketPolicy"))]] }), "ExplicitDeny"),
  row("bucket owner's root user: an RCP deny still blocks deleting the bucket policy", ONLY_BY,
    onBucket(ROOT, "s3:DeleteBucketPolicy", { rcps: [[policy(grant("*", "*")), policy(refuse("*", "s3:DeleteBucketPolicy"))]] }), "ExplicitDeny"),
  row("bucket owner's root user: a VPC endpoint policy deny still blocks it", ONLY_BY,
    onBucket(ROOT, "s3:DeleteBucketPolicy", { vpcEndpointPolicies: [policy(grant("*", "*"), refuse("*", "s3:DeleteBucketPolicy"))] }), "ExplicitDeny"),
  row("an administrator of the bucket owner's account is still denied by the bucket policy", `${LOCKOUT} (only the root principal)`,
    onBucket(ALICE, "s3:DeleteBucketPolicy", { identityPolicies: [policy(allow("s3:*"))] }), "ExplicitDeny"),
  row("the root user of another account is still denied by the bucket policy", `${LOCKOUT} (the bucket owner's account only)`,
    onBucket(OTHER_ROOT, "s3:DeleteBucketPolicy"), "ExplicitDeny"),
];

const PUT_API = "AmazonS3/latest/API/API_PutBucketPolicy.html";
const OWNER_ACCOUNT_ONLY = `${PUT_API} ("If you have the correct permissions, but you're not using an identity that belongs to the bucket owner's account, Amazon S3 returns a 405 Method Not Allowed error")`;
const sharedBucket = policy(grant({ AWS: OTHER }, ["s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:GetObject"], [BUCKET, `${BUCKET}/*`]));
const fromOther = (action: string, resource = BUCKET): EvaluateInput =>
  ({ principal: CAROL, action, resource, resourceAccount: ACCT, resourcePolicy: sharedBucket, identityPolicies: [policy(allow("s3:*"))] });

const ownerAccountOnly: ConformanceCase[] = [
  row("a user of another account granted s3:PutBucketPolicy by the bucket policy still cannot replace it", OWNER_ACCOUNT_ONLY, fromOther("s3:PutBucketPolicy"), "ImplicitDeny"),
  row("a user of another account granted s3:GetBucketPolicy still cannot read it", `${OWNER_ACCOUNT_ONLY} (AmazonS3/latest/API/API_GetBucketPolicy.html: the same)`, fromOther("s3:GetBucketPolicy"), "ImplicitDeny"),
  row("a user of another account granted s3:DeleteBucketPolicy still cannot delete it", `${OWNER_ACCOUNT_ONLY} (AmazonS3/latest/API/API_DeleteBucketPolicy.html: the same)`, fromOther("s3:DeleteBucketPolicy"), "ImplicitDeny"),
  row("the same grant lets that user read objects (only the bucket policy calls are reserved)", `${PUT_API}; IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html`, fromOther("s3:GetObject", `${BUCKET}/builds/1.zip`), "Allow"),
  row("a user of the owner's account with an identity allow manages the bucket policy", `${PUT_API} ("the calling identity must both have the PutBucketPolicy permissions on the specified bucket and belong to the bucket owner's account")`,
    { principal: ALICE, action: "s3:PutBucketPolicy", resource: BUCKET, resourceAccount: ACCT, identityPolicies: [policy(allow("s3:PutBucketPolicy", BUCKET))] }, "Allow"),
];

export const cases: ConformanceCase[] = [...lockout, ...ownerAccountOnly];
