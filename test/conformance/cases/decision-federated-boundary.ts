/**
 * A federated user session (GetFederationToken) of an IAM user that has a permissions boundary: the
 * session's permissions are the intersection of the user's identity policies, its boundary and the
 * session policy; a resource policy naming the federated user's ARN is not limited by an implicit deny
 * in the boundary, an explicit deny still applies.
 */
import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import { ACCT, BUCKET, OBJECT, allow, aws, deny, grant, policy, row } from "./decision-builders.js";

const SESSION_DOC = "IAM/latest/UserGuide/access_policies.html#policies_session";
const BOUNDARIES = "IAM/latest/UserGuide/access_policies_boundaries.html";
const INTERSECTION = `${SESSION_DOC}: "A permissions boundary can set the maximum permissions for a user or role that is used to create a session. In that case, the resulting session's permissions are the intersection of the session policy, the permissions boundary, and the identity-based policy"`;
const DIRECT = `${BOUNDARIES} (Resource-based policies for IAM federated user sessions): "resource-based policies that grant permissions to a federated user ARN grant permissions directly to the session. Permissions granted directly to a session are not limited by an implicit deny in an identity-based policy, a permissions boundary, or session policy"`;
const ANY_DENY = `${BOUNDARIES}: "If any one of these policy types explicitly denies access for an operation, then the request is denied"`;

const FEDERATED = `arn:aws:sts::${ACCT}:federated-user/token-app`;
const readAll = policy(allow("s3:GetObject"));
const ec2Only = policy(allow("ec2:*"));
const s3Boundary = policy(allow("s3:*"));
const denyS3 = policy(allow("*"), deny("s3:GetObject"));

const get = (rest: Partial<EvaluateInput>): EvaluateInput =>
  ({ principal: FEDERATED, action: "s3:GetObject", resource: OBJECT, resourceAccount: ACCT, sessionPolicies: [readAll], ...rest });
const bucketNames = (principal: unknown) => policy(grant(principal, "s3:GetObject", `${BUCKET}/*`));

export const cases: ConformanceCase[] = [
  row("federated user: identity, session policy and the user's boundary all allow", INTERSECTION,
    get({ identityPolicies: [readAll], permissionsBoundary: s3Boundary }), "Allow"),
  row("federated user: identity and session policy allow, the user's boundary does not", INTERSECTION,
    get({ identityPolicies: [readAll], permissionsBoundary: ec2Only }), "ImplicitDeny"),
  row("federated user: an explicit deny in the user's boundary", `${INTERSECTION}; ${ANY_DENY}`,
    get({ identityPolicies: [readAll], permissionsBoundary: denyS3 }), "ExplicitDeny"),
  row("federated user: a bucket policy naming the federated user ARN is not limited by the boundary's implicit deny", DIRECT,
    get({ resourcePolicy: bucketNames(aws(FEDERATED)), permissionsBoundary: ec2Only }), "Allow"),
  row("federated user: a bucket policy naming the federated user ARN does not bypass an explicit deny in the boundary", `${DIRECT}; ${ANY_DENY}`,
    get({ resourcePolicy: bucketNames(aws(FEDERATED)), permissionsBoundary: denyS3 }), "ExplicitDeny"),
  row("federated user: a bucket policy granting the account is limited by the boundary (delegation to IAM)", `${INTERSECTION}; IAM/latest/UserGuide/reference_policies_elements_principal.html (an account principal delegates to the account's IAM policies)`,
    get({ identityPolicies: [readAll], resourcePolicy: bucketNames(aws(ACCT)), permissionsBoundary: ec2Only }), "ImplicitDeny"),
];
