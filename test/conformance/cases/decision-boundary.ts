import type { ConformanceCase } from "../case.js";
import {
  ACCT, ALICE, BUCKET, CAROL, FULL_ACCESS, OBJECT, ROLE, SESSION,
  allow, aws, deny, grant, policy, row, s3Get,
} from "./decision-builders.js";

const BOUNDARIES = "IAM/latest/UserGuide/access_policies_boundaries.html";
const DENYALLOW = "IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html";
const NOTPRINCIPAL = "IAM/latest/UserGuide/reference_policies_elements_notprincipal.html";
const CROSS = "IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html";

const BOTH = `${BOUNDARIES}: "only the actions that are allowed by both its identity-based policies and its permissions boundaries"`;
const USER_DIRECT = `${DENYALLOW}: user-ARN grants "are not limited by an implicit deny in an identity-based policy or permissions boundary"`;
const SESSION_DIRECT = `${DENYALLOW}: "Permissions granted directly to a session are not limited by an implicit deny in an identity-based policy, a permissions boundary, or session policy"`;
const ROLE_LIMITED = `${DENYALLOW}: role-ARN grants "are limited by an implicit deny in a permissions boundary". CONFLICT: ${BOUNDARIES} (2023) says boundaries "do not reduce the permissions granted by resource-based policies"; the evaluation-logic page names the role-ARN case and decides`;
const NOT_PRINCIPAL_BOUNDARY = `${BOUNDARIES} + ${NOTPRINCIPAL}: "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a permissions boundary policy attached, regardless of the values specified in the NotPrincipal element"`;

const s3Boundary = policy(allow("s3:*"));
const ec2Boundary = policy(allow("ec2:*"));
const readBucket = policy(allow("s3:GetObject", `${BUCKET}/*`));
const bucketGrants = (principal: unknown) => policy(grant(principal, "s3:GetObject", `${BUCKET}/*`));
/** A bucket policy that denies everyone except the listed principals. */
const denyAllBut = (principals: string[], action = "s3:*") =>
  policy({ Effect: "Deny", NotPrincipal: aws(...principals), Action: action, Resource: `${BUCKET}/*` });

export const cases: ConformanceCase[] = [
  row("boundary and identity both allow", BOTH, s3Get(ALICE, { identityPolicies: [readBucket], permissionsBoundary: s3Boundary }), "Allow"),
  row("identity allows, boundary does not: implicit deny", BOTH, s3Get(ALICE, { identityPolicies: [readBucket], permissionsBoundary: ec2Boundary }), "ImplicitDeny"),
  row("boundary allows, no identity policy: the boundary grants nothing", `${BOUNDARIES}: "does not provide permissions on its own"`,
    s3Get(ALICE, { permissionsBoundary: s3Boundary }), "ImplicitDeny"),
  row("boundary allows only GetObject: PutObject allowed by identity is implicitly denied", BOTH,
    s3Get(ALICE, { action: "s3:PutObject", identityPolicies: [policy(allow("s3:*"))], permissionsBoundary: policy(allow("s3:GetObject")) }), "ImplicitDeny"),
  row("explicit deny in the boundary is an explicit deny", `${BOUNDARIES}: "If any one of these policy types explicitly denies access for an operation, then the request is denied"`,
    s3Get(ALICE, { identityPolicies: [readBucket], permissionsBoundary: policy(allow("*"), deny("s3:GetObject")) }), "ExplicitDeny"),

  // Resource-policy interplay, same account.
  row("bucket policy naming the user ARN is not limited by the boundary's implicit deny", USER_DIRECT,
    s3Get(ALICE, { permissionsBoundary: ec2Boundary, resourcePolicy: bucketGrants(aws(ALICE)) }), "Allow"),
  row("bucket policy naming the session ARN is not limited by the role's boundary", SESSION_DIRECT,
    s3Get(SESSION, { permissionsBoundary: ec2Boundary, resourcePolicy: bucketGrants(aws(SESSION)) }), "Allow"),
  row("bucket policy naming the role ARN is limited by the role's boundary", ROLE_LIMITED,
    s3Get(SESSION, { permissionsBoundary: ec2Boundary, resourcePolicy: bucketGrants(aws(ROLE)) }), "ImplicitDeny"),
  row("bucket policy naming the role ARN allows when the boundary allows (no identity policy needed)", ROLE_LIMITED,
    s3Get(SESSION, { permissionsBoundary: s3Boundary, resourcePolicy: bucketGrants(aws(ROLE)) }), "Allow"),
  row("bucket policy naming the user ARN does not bypass an explicit deny in the boundary", `${BOUNDARIES}: "An explicit deny in any of these policies overrides the allow"`,
    s3Get(ALICE, { permissionsBoundary: policy(allow("*"), deny("s3:*")), resourcePolicy: bucketGrants(aws(ALICE)) }), "ExplicitDeny"),
  row("account grant + boundary allows + no identity policy: implicit deny (delegation to IAM)", `reference_policies_elements_principal.html: an account principal "delegates authority to the account"`,
    s3Get(ALICE, { permissionsBoundary: s3Boundary, resourcePolicy: bucketGrants(aws(ACCT)) }), "ImplicitDeny"),
  row("account grant + boundary allows + identity allows: allow", BOTH,
    s3Get(ALICE, { identityPolicies: [readBucket], permissionsBoundary: s3Boundary, resourcePolicy: bucketGrants(aws(ACCT)) }), "Allow"),
  row("account grant + identity allows + boundary does not: implicit deny", BOTH,
    s3Get(ALICE, { identityPolicies: [readBucket], permissionsBoundary: ec2Boundary, resourcePolicy: bucketGrants(aws(ACCT)) }), "ImplicitDeny"),
  row("Principal \"*\" grant with a boundary that does not allow: docs silent, fail closed", `SILENT: ${DENYALLOW} only exempts grants naming the user or session ARN; "*" names neither, so the boundary's implicit deny applies`,
    s3Get(ALICE, { permissionsBoundary: ec2Boundary, resourcePolicy: bucketGrants("*") }), "ImplicitDeny"),

  // NotPrincipal + Deny with a boundary.
  row("NotPrincipal Deny excluding the account and the user still denies a user with a boundary", NOT_PRINCIPAL_BOUNDARY,
    s3Get(ALICE, { identityPolicies: [readBucket], permissionsBoundary: s3Boundary, resourcePolicy: denyAllBut([`arn:aws:iam::${ACCT}:root`, ALICE]) }), "ExplicitDeny"),
  row("NotPrincipal Deny excluding the account and the user does not deny that user without a boundary", `${NOTPRINCIPAL}: "you must also specify the account ARN of the not-denied principal"`,
    s3Get(ALICE, { identityPolicies: [readBucket], resourcePolicy: denyAllBut([`arn:aws:iam::${ACCT}:root`, ALICE]) }), "Allow"),
  row("NotPrincipal Deny excluding account, role and session still denies the session when the role has a boundary", NOT_PRINCIPAL_BOUNDARY,
    s3Get(SESSION, { identityPolicies: [readBucket], permissionsBoundary: s3Boundary, resourcePolicy: denyAllBut([`arn:aws:iam::${ACCT}:root`, ROLE, SESSION]) }), "ExplicitDeny"),
  row("NotPrincipal Deny excluding account, role and session does not deny that session without a boundary", `${NOTPRINCIPAL}: list the account, the role and the assumed-role session`,
    s3Get(SESSION, { identityPolicies: [readBucket], resourcePolicy: denyAllBut([`arn:aws:iam::${ACCT}:root`, ROLE, SESSION]) }), "Allow"),
  row("NotPrincipal Deny not matching the action does not deny a user with a boundary", NOTPRINCIPAL,
    s3Get(ALICE, { identityPolicies: [readBucket], permissionsBoundary: s3Boundary, resourcePolicy: denyAllBut([`arn:aws:iam::${ACCT}:root`, ALICE], "s3:DeleteObject") }), "Allow"),
  row("NotPrincipal Deny not excluding the user denies with or without boundary", NOTPRINCIPAL,
    s3Get(ALICE, { identityPolicies: [readBucket], resourcePolicy: denyAllBut([`arn:aws:iam::${ACCT}:user/bob`]) }), "ExplicitDeny"),

  // Other policy types.
  row("identity, boundary and SCP all allow", `${BOUNDARIES} (Organizations SCPs): "the request is allowed only if all three policy types allow it"`,
    s3Get(ALICE, { identityPolicies: [readBucket], permissionsBoundary: s3Boundary, scps: [[FULL_ACCESS]] }), "Allow"),
  row("identity and boundary allow, SCP does not", `${BOUNDARIES} (Organizations SCPs): "only if all three policy types allow it"`,
    s3Get(ALICE, { identityPolicies: [readBucket], permissionsBoundary: s3Boundary, scps: [[policy(allow("ec2:*"))]] }), "ImplicitDeny"),

  // Cross-account: the trusted side is identity AND the policies that limit it.
  row("cross-account: bucket grant to the user ARN does not bypass the caller's boundary", `${CROSS}: the trusted account "checks the identity-based policy and any policies that can limit an identity-based policy"; the user-ARN exception is "Within the same account"`,
    { principal: CAROL, action: "s3:GetObject", resource: OBJECT, resourceAccount: ACCT, identityPolicies: [readBucket], permissionsBoundary: ec2Boundary, resourcePolicy: bucketGrants(aws(CAROL)) }, "ImplicitDeny"),
  row("cross-account: boundary allows, identity allows, bucket grants: allow", CROSS,
    { principal: CAROL, action: "s3:GetObject", resource: OBJECT, resourceAccount: ACCT, identityPolicies: [readBucket], permissionsBoundary: s3Boundary, resourcePolicy: bucketGrants(aws(CAROL)) }, "Allow"),
];
