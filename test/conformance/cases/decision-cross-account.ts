import type { ConformanceCase } from "../case.js";
import {
  ACCT, ALICE, BUCKET, CAROL, DAVE, OBJECT, OTHER, OTHER_ROOT, QUEUE, X_ROLE, X_SESSION,
  allow, aws, deny, grant, policy, refuse, row,
} from "./decision-builders.js";
import type { EvaluateInput } from "../../../src/types.js";

const CROSS = "IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html";
const PRINCIPAL = "IAM/latest/UserGuide/reference_policies_elements_principal.html";

const BOTH = `${CROSS}: "The request is allowed only if both evaluations return a decision of Allow"`;
const DELEGATE = `${PRINCIPAL}: an account principal "delegates authority to the account. When you allow access to a different account, an administrator in that account must then grant access to an identity"`;

const readBucket = policy(allow("s3:GetObject", `${BUCKET}/*`));
const bucketGrants = (principal: unknown, extra = {}) => policy(grant(principal, "s3:GetObject", `${BUCKET}/*`, extra));
/** A request for the bucket object of account 111122223333 made by a principal of another account. */
const fromOther = (principal: string, rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  ({ principal, action: "s3:GetObject", resource: OBJECT, resourceAccount: ACCT, ...rest });

export const cases: ConformanceCase[] = [
  row("cross-account: identity allows and bucket policy names the user", BOTH,
    fromOther(CAROL, { identityPolicies: [readBucket], resourcePolicy: bucketGrants(aws(CAROL)) }), "Allow"),
  row("cross-account: identity allows, no bucket policy", BOTH, fromOther(CAROL, { identityPolicies: [readBucket] }), "ImplicitDeny"),
  row("cross-account: bucket policy names the user, no identity policy", `${CROSS}: "the requester in the trusted AccountA must have an identity-based policy"`,
    fromOther(CAROL, { resourcePolicy: bucketGrants(aws(CAROL)) }), "ImplicitDeny"),
  row("cross-account: identity allows another bucket only", BOTH,
    fromOther(CAROL, { identityPolicies: [policy(allow("s3:GetObject", "arn:aws:s3:::carol-bucket/*"))], resourcePolicy: bucketGrants(aws(CAROL)) }), "ImplicitDeny"),
  row("cross-account: bucket grants the account id, identity allows", DELEGATE,
    fromOther(CAROL, { identityPolicies: [readBucket], resourcePolicy: bucketGrants(aws(OTHER)) }), "Allow"),
  row("cross-account: bucket grants the account root ARN, identity allows (root ARN means the account)", `${PRINCIPAL}: "Using the account ARN in the Principal element does not limit permissions to only the root user of the account"`,
    fromOther(CAROL, { identityPolicies: [readBucket], resourcePolicy: bucketGrants(aws(OTHER_ROOT)) }), "Allow"),
  row("cross-account: bucket grants the account, no identity policy", DELEGATE,
    fromOther(CAROL, { resourcePolicy: bucketGrants(aws(OTHER)) }), "ImplicitDeny"),
  row("cross-account: bucket grants account 444455556666, caller from 777788889999", DELEGATE,
    fromOther(DAVE, { identityPolicies: [readBucket], resourcePolicy: bucketGrants(aws(OTHER)) }), "ImplicitDeny"),
  row("cross-account: explicit deny in the caller's identity policy", `IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html: explicit deny in any policy`,
    fromOther(CAROL, { identityPolicies: [policy(allow("s3:*"), deny("s3:GetObject"))], resourcePolicy: bucketGrants(aws(CAROL)) }), "ExplicitDeny"),
  row("cross-account: explicit deny in the bucket policy", `IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html: explicit deny in any policy`,
    fromOther(CAROL, { identityPolicies: [readBucket], resourcePolicy: policy(grant(aws(CAROL), "s3:GetObject", `${BUCKET}/*`), refuse(aws(OTHER), "s3:GetObject", `${BUCKET}/*`)) }), "ExplicitDeny"),

  row("cross-account role session: bucket names its role ARN, identity allows", `${CROSS}: "You can specify the entire account or its IAM users, [...] IAM roles, or assumed-role sessions"`,
    fromOther(X_SESSION, { identityPolicies: [readBucket], resourcePolicy: bucketGrants(aws(X_ROLE)) }), "Allow"),
  row("cross-account role session: bucket names its role ARN, no identity policy", BOTH,
    fromOther(X_SESSION, { resourcePolicy: bucketGrants(aws(X_ROLE)) }), "ImplicitDeny"),
  row("cross-account role session: bucket names its session ARN, identity allows", CROSS,
    fromOther(X_SESSION, { identityPolicies: [readBucket], resourcePolicy: bucketGrants(aws(X_SESSION)) }), "Allow"),
  row("cross-account role session: bucket names another role of that account", BOTH,
    fromOther(X_SESSION, { identityPolicies: [readBucket], resourcePolicy: bucketGrants(aws(`arn:aws:iam::${OTHER}:role/y`)) }), "ImplicitDeny"),

  row("cross-account: bucket grants \"*\" with aws:PrincipalAccount = caller's account (derived key), identity allows", `${BOTH}; aws:PrincipalAccount is derived from the caller (reference_policies_condition-keys.html)`,
    fromOther(CAROL, { identityPolicies: [readBucket], resourcePolicy: bucketGrants("*", { Condition: { StringEquals: { "aws:PrincipalAccount": OTHER } } }) }), "Allow"),
  row("cross-account: bucket grants \"*\" with aws:PrincipalAccount of another account", BOTH,
    fromOther(DAVE, { identityPolicies: [readBucket], resourcePolicy: bucketGrants("*", { Condition: { StringEquals: { "aws:PrincipalAccount": OTHER } } }) }), "ImplicitDeny"),

  row("cross-account SQS: queue in 111122223333 (from its ARN), queue policy and identity allow", BOTH,
    { principal: CAROL, action: "sqs:SendMessage", resource: QUEUE, identityPolicies: [policy(allow("sqs:SendMessage", QUEUE))], resourcePolicy: policy(grant(aws(CAROL), "sqs:SendMessage", QUEUE)) }, "Allow"),
  row("cross-account SQS: queue policy allows, identity does not", BOTH,
    { principal: CAROL, action: "sqs:SendMessage", resource: QUEUE, resourcePolicy: policy(grant(aws(CAROL), "sqs:SendMessage", QUEUE)) }, "ImplicitDeny"),
  row("bucket owned by the caller's own account 444455556666: identity alone allows", "IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html: same account, identity OR resource",
    { principal: CAROL, action: "s3:GetObject", resource: OBJECT, resourceAccount: OTHER, identityPolicies: [readBucket] }, "Allow"),
  row("user of 111122223333 reading a bucket of 444455556666 with identity allow only", BOTH,
    { principal: ALICE, action: "s3:GetObject", resource: OBJECT, resourceAccount: OTHER, identityPolicies: [readBucket] }, "ImplicitDeny"),
];
