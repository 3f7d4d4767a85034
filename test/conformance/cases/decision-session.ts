import type { ConformanceCase } from "../case.js";
import {
  ACCT, BUCKET, OBJECT, ROLE, SESSION, X_ROLE, X_SESSION,
  allow, aws, deny, grant, policy, row, s3Get,
} from "./decision-builders.js";

const SESSION_DOC = "IAM/latest/UserGuide/access_policies.html#policies_session";
const DENYALLOW = "IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html";
const CROSS = "IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html";

const INTERSECT = `${SESSION_DOC}: "the intersection of the identity-based policies for the IAM entity [...] and the session policies"`;
const NO_SESSION_POLICY = `${DENYALLOW}: "If there is no session policy, the code checks whether the principal is a role session. If the principal is a role session, then the request is Allowed"`;
const SESSION_ARN = `${SESSION_DOC}: a resource policy naming the session ARN: "The resource-based policy permissions are not limited by the session policy"`;
const ROLE_ARN = `${SESSION_DOC}: a resource policy naming the role ARN: "The session policy limits the total permissions granted by the resource-based policy and the identity-based policy"`;

const readBucket = policy(allow("s3:GetObject", `${BUCKET}/*`));
const ec2Only = policy(allow("ec2:*"));
const s3Only = policy(allow("s3:*"));
const bucketGrants = (principal: unknown) => policy(grant(principal, "s3:GetObject", `${BUCKET}/*`));
/** A GetFederationToken session of the IAM user bob; its identity policies are bob's. */
const FEDERATED = `arn:aws:sts::${ACCT}:federated-user/bob`;
const FEDERATION = "STS/latest/APIReference/API_GetFederationToken.html";

export const cases: ConformanceCase[] = [
  row("role session: identity allows, no session policy given", NO_SESSION_POLICY, s3Get(SESSION, { identityPolicies: [readBucket] }), "Allow"),
  row("role session: identity allows, empty session policy list means no session policy", NO_SESSION_POLICY,
    s3Get(SESSION, { identityPolicies: [readBucket], sessionPolicies: [] }), "Allow"),
  row("role session: identity and session policy both allow", INTERSECT,
    s3Get(SESSION, { identityPolicies: [readBucket], sessionPolicies: [s3Only] }), "Allow"),
  row("role session: identity allows, session policy does not", INTERSECT,
    s3Get(SESSION, { identityPolicies: [readBucket], sessionPolicies: [ec2Only] }), "ImplicitDeny"),
  row("role session: session policy allows, identity does not (session policies grant nothing)", `${SESSION_DOC}: "Session policies limit permissions for a created session, but do not grant permissions"`,
    s3Get(SESSION, { sessionPolicies: [s3Only] }), "ImplicitDeny"),
  row("role session: explicit deny in the session policy", `${SESSION_DOC}: "An explicit deny in any of these policies overrides the allow"`,
    s3Get(SESSION, { identityPolicies: [readBucket], sessionPolicies: [policy(allow("*"), deny("s3:GetObject"))] }), "ExplicitDeny"),

  row("bucket policy naming the session ARN is not limited by the session policy", SESSION_ARN,
    s3Get(SESSION, { sessionPolicies: [ec2Only], resourcePolicy: bucketGrants(aws(SESSION)) }), "Allow"),
  row("bucket policy naming the role ARN is limited by the session policy", ROLE_ARN,
    s3Get(SESSION, { sessionPolicies: [ec2Only], resourcePolicy: bucketGrants(aws(ROLE)) }), "ImplicitDeny"),
  row("bucket policy naming the role ARN allows when the session policy allows (no identity policy)", ROLE_ARN,
    s3Get(SESSION, { sessionPolicies: [s3Only], resourcePolicy: bucketGrants(aws(ROLE)) }), "Allow"),
  row("bucket policy naming the session ARN does not bypass an explicit deny in the session policy", `${SESSION_DOC}: "An explicit deny in any of these policies overrides the allow"`,
    s3Get(SESSION, { sessionPolicies: [policy(deny("s3:*"))], resourcePolicy: bucketGrants(aws(SESSION)) }), "ExplicitDeny"),
  row("bucket policy granting the account: session policy allows but no identity policy", `reference_policies_elements_principal.html: an account principal "delegates authority to the account"`,
    s3Get(SESSION, { sessionPolicies: [s3Only], resourcePolicy: bucketGrants(aws(ACCT)) }), "ImplicitDeny"),
  row("bucket policy granting the account: identity and session policy allow", INTERSECT,
    s3Get(SESSION, { identityPolicies: [readBucket], sessionPolicies: [s3Only], resourcePolicy: bucketGrants(aws(ACCT)) }), "Allow"),
  row("session policy, boundary and identity all allow", `${SESSION_DOC}: "the intersection of the session policy, the permissions boundary, and the identity-based policy"`,
    s3Get(SESSION, { identityPolicies: [readBucket], sessionPolicies: [s3Only], permissionsBoundary: s3Only }), "Allow"),
  row("session policy and identity allow, boundary does not", `${SESSION_DOC}: "the intersection of the session policy, the permissions boundary, and the identity-based policy"`,
    s3Get(SESSION, { identityPolicies: [readBucket], sessionPolicies: [s3Only], permissionsBoundary: ec2Only }), "ImplicitDeny"),

  row("federated user session: identity and session policy allow", INTERSECT,
    s3Get(FEDERATED, { identityPolicies: [readBucket], sessionPolicies: [s3Only] }), "Allow"),
  row("federated user session without a session policy has no permissions", `${FEDERATION}: "if you do not pass any session policies, then the resulting federated user session has no permissions"; ${DENYALLOW}: no session policy and not a role session: "the request is implicitly denied"`,
    s3Get(FEDERATED, { identityPolicies: [readBucket] }), "ImplicitDeny"),
  row("bucket policy naming the federated user session is not limited by its session policy", `${DENYALLOW}: federated user sessions: "Permissions granted directly to a session are not limited by an implicit deny in an identity-based policy, a permissions boundary, or session policy"`,
    s3Get(FEDERATED, { sessionPolicies: [ec2Only], resourcePolicy: bucketGrants(aws(FEDERATED)) }), "Allow"),

  row("cross-account: bucket naming the caller's session ARN is still limited by its session policy", `${SESSION_DOC} + ${DENYALLOW}: the session-ARN exception is stated "Within the same account"; ${CROSS}: the trusted side checks "any policies that can limit an identity-based policy"`,
    { principal: X_SESSION, action: "s3:GetObject", resource: OBJECT, resourceAccount: ACCT, identityPolicies: [readBucket], sessionPolicies: [ec2Only], resourcePolicy: bucketGrants(aws(X_SESSION)) }, "ImplicitDeny"),
  row("cross-account: bucket naming the caller's session ARN, session policy allows", CROSS,
    { principal: X_SESSION, action: "s3:GetObject", resource: OBJECT, resourceAccount: ACCT, identityPolicies: [readBucket], sessionPolicies: [s3Only], resourcePolicy: bucketGrants(aws(X_SESSION)) }, "Allow"),
  row("cross-account: bucket naming the caller's role ARN, identity allows, no session policy", CROSS,
    { principal: X_SESSION, action: "s3:GetObject", resource: OBJECT, resourceAccount: ACCT, identityPolicies: [readBucket], resourcePolicy: bucketGrants(aws(X_ROLE)) }, "Allow"),
];
