import type { ConformanceCase } from "../case.js";
import {
  ACCT, ALICE, BOB, BUCKET, OBJECT, OTHER, OTHER_SESSION_NAME, QUEUE, ROLE, ROOT, SESSION,
  allow, aws, deny, grant, policy, refuse, row, s3Get,
} from "./decision-builders.js";

const BASICS = "IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html";
const DENYALLOW = "IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html";
const PRINCIPAL = "IAM/latest/UserGuide/reference_policies_elements_principal.html";
const INTERPLAY = "IAM/latest/UserGuide/reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.html";

const EITHER = `${BASICS}: "If either the identity-based policy or the resource-based policy within the same account allows the request and the other doesn't, the request is still allowed"`;
const ACCOUNT_DELEGATES = `${PRINCIPAL} (AWS account principals): "delegates authority to the account"; access_policies.html: "individual users in the account must still be granted permissions"`;
const DIRECT = `${DENYALLOW}: a grant "directly to the IAM user or the session principal that is making the request" is not limited by an implicit deny in identity policies`;

const bucketGrants = (principal: unknown, extra = {}) => policy(grant(principal, "s3:GetObject", `${BUCKET}/*`, extra));
const readBucket = policy(allow("s3:GetObject", `${BUCKET}/*`));

export const cases: ConformanceCase[] = [
  // Identity OR resource policy.
  row("same account: identity policy alone allows", EITHER, s3Get(ALICE, { identityPolicies: [readBucket] }), "Allow"),
  row("same account: no policy at all is an implicit deny", INTERPLAY, s3Get(ALICE), "ImplicitDeny"),
  row("same account: identity policy allowing another action does not allow", INTERPLAY,
    s3Get(ALICE, { identityPolicies: [policy(allow("s3:PutObject", `${BUCKET}/*`))] }), "ImplicitDeny"),
  row("same account: identity policy allowing another bucket does not allow", INTERPLAY,
    s3Get(ALICE, { identityPolicies: [policy(allow("s3:GetObject", "arn:aws:s3:::other-bucket/*"))] }), "ImplicitDeny"),
  row("same account: bucket policy naming the user alone allows", EITHER,
    s3Get(ALICE, { resourcePolicy: bucketGrants(aws(ALICE)) }), "Allow"),
  row("same account: bucket policy naming another user does not allow", EITHER,
    s3Get(ALICE, { resourcePolicy: bucketGrants(aws(BOB)) }), "ImplicitDeny"),
  row("same account: identity and bucket policy both allow", EITHER,
    s3Get(ALICE, { identityPolicies: [readBucket], resourcePolicy: bucketGrants(aws(ALICE)) }), "Allow"),
  row("same account: allow in the second identity policy suffices", BASICS,
    s3Get(ALICE, { identityPolicies: [policy(allow("ec2:*")), readBucket] }), "Allow"),

  // Explicit deny anywhere wins.
  row("explicit deny in the identity policy beats the bucket policy allow", `${DENYALLOW}: "If the code finds even one explicit deny that applies, the code returns a final decision of Deny"`,
    s3Get(ALICE, { identityPolicies: [policy(deny("s3:GetObject"))], resourcePolicy: bucketGrants(aws(ALICE)) }), "ExplicitDeny"),
  row("explicit deny in one of several identity policies beats allow in another", DENYALLOW,
    s3Get(ALICE, { identityPolicies: [policy(allow("*")), policy(deny("s3:*", `${BUCKET}/*`))] }), "ExplicitDeny"),
  row("explicit deny in the bucket policy beats the identity allow", DENYALLOW,
    s3Get(ALICE, { identityPolicies: [readBucket], resourcePolicy: policy(refuse(aws(ALICE), "s3:GetObject", `${BUCKET}/*`)) }), "ExplicitDeny"),
  row("bucket policy deny to \"*\" applies to the same-account user", DENYALLOW,
    s3Get(ALICE, { identityPolicies: [readBucket], resourcePolicy: policy(refuse("*", "s3:*", `${BUCKET}/*`)) }), "ExplicitDeny"),
  row("bucket policy deny for another action does not affect this one", DENYALLOW,
    s3Get(ALICE, { identityPolicies: [readBucket], resourcePolicy: policy(refuse("*", "s3:DeleteObject", `${BUCKET}/*`)) }), "Allow"),
  row("deny whose condition does not hold does not deny (aws:SecureTransport true)", DENYALLOW,
    s3Get(ALICE, {
      identityPolicies: [policy(allow("s3:*"), deny("s3:*", "*", { Condition: { Bool: { "aws:SecureTransport": "false" } } }))],
      context: { "aws:SecureTransport": true },
    }), "Allow"),
  row("deny whose condition holds denies (aws:SecureTransport false)", DENYALLOW,
    s3Get(ALICE, {
      identityPolicies: [policy(allow("s3:*"), deny("s3:*", "*", { Condition: { Bool: { "aws:SecureTransport": "false" } } }))],
      context: { "aws:SecureTransport": false },
    }), "ExplicitDeny"),

  // A grant to the account delegates to IAM; it is not a grant to the caller.
  row("same account: bucket policy granting the account id needs an identity allow", ACCOUNT_DELEGATES,
    s3Get(ALICE, { resourcePolicy: bucketGrants(aws(ACCT)) }), "ImplicitDeny"),
  row("same account: bucket policy granting the account root ARN needs an identity allow", ACCOUNT_DELEGATES,
    s3Get(ALICE, { resourcePolicy: bucketGrants(aws(ROOT)) }), "ImplicitDeny"),
  row("same account: account grant plus identity allow allows", ACCOUNT_DELEGATES,
    s3Get(ALICE, { identityPolicies: [readBucket], resourcePolicy: bucketGrants(aws(ROOT)) }), "Allow"),
  row("same account: account grant plus identity allow of another action does not allow", ACCOUNT_DELEGATES,
    s3Get(ALICE, { identityPolicies: [policy(allow("s3:PutObject"))], resourcePolicy: bucketGrants(aws(ACCT)) }), "ImplicitDeny"),

  // Role, role session.
  row("same account: bucket policy naming the role ARN allows its session without identity policy", `${DENYALLOW}: role-ARN grants are limited only by "an implicit deny in a permissions boundary or session policy"`,
    s3Get(SESSION, { resourcePolicy: bucketGrants(aws(ROLE)) }), "Allow"),
  row("same account: bucket policy naming the session ARN allows without identity policy", DIRECT,
    s3Get(SESSION, { resourcePolicy: bucketGrants(aws(SESSION)) }), "Allow"),
  row("same account: bucket policy naming another session of the role does not allow", DIRECT,
    s3Get(SESSION, { resourcePolicy: bucketGrants(aws(OTHER_SESSION_NAME)) }), "ImplicitDeny"),
  row("same account: bucket policy naming another role does not allow the session", DENYALLOW,
    s3Get(SESSION, { resourcePolicy: bucketGrants(aws(`arn:aws:iam::${ACCT}:role/other`)) }), "ImplicitDeny"),
  row("same account: bucket policy with Principal \"*\" allows without identity policy", `${PRINCIPAL} (all principals) + ${EITHER}`,
    s3Get(ALICE, { resourcePolicy: bucketGrants("*") }), "Allow"),

  // Conditions on the resource-policy grant.
  row("bucket grant whose aws:SourceIp condition holds allows", EITHER,
    s3Get(ALICE, { resourcePolicy: bucketGrants(aws(ALICE), { Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }), context: { "aws:SourceIp": "203.0.113.7" } }), "Allow"),
  row("bucket grant whose aws:SourceIp condition fails does not allow", EITHER,
    s3Get(ALICE, { resourcePolicy: bucketGrants(aws(ALICE), { Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }), context: { "aws:SourceIp": "198.51.100.7" } }), "ImplicitDeny"),

  // The resource's account comes from its ARN where it has one.
  row("SQS queue in the caller's account (from the ARN): queue policy alone allows", EITHER,
    { principal: ALICE, action: "sqs:SendMessage", resource: QUEUE, resourcePolicy: policy(grant(aws(ALICE), "sqs:SendMessage", QUEUE)) }, "Allow"),
  row("SQS queue in another account (from the ARN): queue policy alone does not allow", "IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html: the identity-based policy must also allow",
    { principal: ALICE, action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${OTHER}:jobs`, resourcePolicy: policy(grant(aws(ALICE), "sqs:SendMessage", `arn:aws:sqs:us-east-1:${OTHER}:jobs`)) }, "ImplicitDeny"),
  {
    name: "S3 object without resourceAccount: evaluate() takes the caller's account, as the IAM policy simulator does (documented default)",
    doc: "SILENT: S3 ARNs carry no account (IAM/latest/UserGuide/reference_identifiers.html). The library call documents its default (README: the resource is taken to be in the caller's account); the spec runner always names the owner, and an S3 ARN no account lists belongs to an account outside the environment (spec-format.md section 3)",
    input: { principal: ALICE, action: "s3:GetObject", resource: OBJECT, resourcePolicy: bucketGrants(aws(ALICE)) },
    expected: "Allow",
  },
  {
    name: "S3 object without resourceAccount, other side: the same grant with the owner named as another account does not allow without an identity policy",
    doc: "IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html (both sides must allow)",
    input: { principal: ALICE, action: "s3:GetObject", resource: OBJECT, resourceAccount: "444455556666", resourcePolicy: bucketGrants(aws(ALICE)) },
    expected: "ImplicitDeny",
  },
];
