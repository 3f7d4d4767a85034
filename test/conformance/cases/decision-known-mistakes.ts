import type { ConformanceCase } from "../case.js";
import {
  ACCT, ALICE, BUCKET, FULL_ACCESS, ROLE, SESSION, TARGET_ROLE,
  allow, aws, deny, grant, policy, row, s3Get,
} from "./decision-builders.js";

// Rules other evaluators are known to get wrong; each appears on both sides of the line.
const SESSION_DOC = "IAM/latest/UserGuide/access_policies.html#policies_session";
const OPERATORS = "IAM/latest/UserGuide/reference_policies_elements_condition_operators.html";
const VERSION = "IAM/latest/UserGuide/reference_policies_elements_version.html";
const RESOURCE = "IAM/latest/UserGuide/reference_policies_elements_resource.html";
const ACTION = "IAM/latest/UserGuide/reference_policies_elements_action.html";
const SCPS = "organizations/latest/userguide/orgs_manage_policies_scps.html";
const DENYALLOW = "IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html";
const BOUNDARIES = "IAM/latest/UserGuide/access_policies_boundaries.html";

const LITERAL = `${VERSION}: with 2008-10-17 (the default when Version is missing) "variables such as \${aws:username} aren't recognized as variables and are instead treated as literal strings"`;
const EPOCH = `${OPERATORS} (date operators: ISO 8601 or epoch (UNIX) time) + reference_policies_condition-keys.html (aws:EpochTime is seconds): 1700000000 is 2023-11-14T22:13:20Z`;
const CASE = `${RESOURCE} + ${OPERATORS} (ARN operators compare each colon-delimited component; the match is case-sensitive)`;

const ec2Only = policy(allow("ec2:*"));
const bucketGrants = (principal: unknown) => policy(grant(principal, "s3:GetObject", `${BUCKET}/*`));
const homeFolder = (version?: string) => {
  const statement = allow("s3:GetObject", `${BUCKET}/home/\${aws:username}/*`);
  return version === undefined ? { Statement: [statement] } : { Version: version, Statement: [statement] };
};
const beforeEpoch = policy(allow("s3:GetObject", "*", { Condition: { DateLessThan: { "aws:CurrentTime": "1700000000" } } }));
const SLR_SESSION = `arn:aws:sts::${ACCT}:assumed-role/AWSServiceRoleForElasticLoadBalancing/s1`;
const SLR_ARN = `arn:aws:iam::${ACCT}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`;
const denyAllBut = (principals: string[]) =>
  policy({ Effect: "Deny", NotPrincipal: aws(...principals), Action: "s3:*", Resource: `${BUCKET}/*` });

export const cases: ConformanceCase[] = [
  row("mistake: a bucket policy naming the role SESSION is not limited by the session policy", `${SESSION_DOC}: "The resource-based policy permissions are not limited by the session policy"`,
    s3Get(SESSION, { sessionPolicies: [ec2Only], resourcePolicy: bucketGrants(aws(SESSION)) }), "Allow"),
  row("mistake (other side): a bucket policy naming the ROLE is limited by the session policy", `${SESSION_DOC}: "The session policy limits the total permissions granted by the resource-based policy and the identity-based policy"`,
    s3Get(SESSION, { sessionPolicies: [ec2Only], resourcePolicy: bucketGrants(aws(ROLE)) }), "ImplicitDeny"),

  row("mistake: epoch dates are seconds (before 1700000000)", EPOCH,
    s3Get(ALICE, { identityPolicies: [beforeEpoch], context: { "aws:CurrentTime": "2023-11-01T00:00:00Z" } }), "Allow"),
  row("mistake: epoch dates are seconds (after 1700000000)", EPOCH,
    s3Get(ALICE, { identityPolicies: [beforeEpoch], context: { "aws:CurrentTime": "2023-12-01T00:00:00Z" } }), "ImplicitDeny"),

  row("mistake: Version 2012-10-17 substitutes ${aws:username}", `${VERSION} + IAM/latest/UserGuide/reference_policies_variables.html`,
    s3Get(ALICE, { resource: `${BUCKET}/home/alice/notes.txt`, identityPolicies: [homeFolder("2012-10-17")] }), "Allow"),
  row("mistake: Version 2008-10-17 keeps ${aws:username} literal (no substitution)", LITERAL,
    s3Get(ALICE, { resource: `${BUCKET}/home/alice/notes.txt`, identityPolicies: [homeFolder("2008-10-17")] }), "ImplicitDeny"),
  row("mistake: Version 2008-10-17 matches the literal ${aws:username} path", LITERAL,
    s3Get(ALICE, { resource: `${BUCKET}/home/\${aws:username}/notes.txt`, identityPolicies: [homeFolder("2008-10-17")] }), "Allow"),
  row("mistake: no Version keeps ${aws:username} literal", LITERAL,
    s3Get(ALICE, { resource: `${BUCKET}/home/alice/notes.txt`, identityPolicies: [homeFolder()] }), "ImplicitDeny"),

  row("mistake: principal ARNs match case-sensitively (user/Alice is not user/alice)", CASE,
    s3Get(ALICE, { resourcePolicy: bucketGrants(aws(`arn:aws:iam::${ACCT}:user/Alice`)) }), "ImplicitDeny"),
  row("mistake: resource names match case-sensitively (Acme-Artifacts is not acme-artifacts)", CASE,
    s3Get(ALICE, { identityPolicies: [policy(allow("s3:GetObject", "arn:aws:s3:::Acme-Artifacts/*"))] }), "ImplicitDeny"),
  row("mistake: the region segment matches case-sensitively", CASE,
    { principal: ALICE, action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${ACCT}:jobs`, identityPolicies: [policy(allow("sqs:SendMessage", `arn:aws:sqs:US-EAST-1:${ACCT}:jobs`))] }, "ImplicitDeny"),
  row("mistake: the service segment matches case-sensitively", CASE,
    { principal: ALICE, action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${ACCT}:jobs`, identityPolicies: [policy(allow("sqs:SendMessage", `arn:aws:SQS:us-east-1:${ACCT}:jobs`))] }, "ImplicitDeny"),
  row("mistake (other side): exact-case ARN matches", CASE,
    { principal: ALICE, action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${ACCT}:jobs`, identityPolicies: [policy(allow("sqs:SendMessage", `arn:aws:sqs:us-east-1:${ACCT}:jobs`))] }, "Allow"),
  row("contrast: action names match case-insensitively", `${ACTION}: action names are case-insensitive`,
    s3Get(ALICE, { identityPolicies: [policy(allow("S3:getobject", `${BUCKET}/*`))] }), "Allow"),

  row("mistake: SCPs do not restrict service-linked roles", `${SCPS}: "SCPs do not affect any service-linked role"`,
    s3Get(SLR_SESSION, { identityPolicies: [policy(allow("s3:*"))], scps: [[FULL_ACCESS, policy(deny("*"))]], context: { "aws:PrincipalArn": SLR_ARN } }), "Allow"),
  row("mistake (other side): SCPs restrict an ordinary role session", SCPS,
    s3Get(SESSION, { identityPolicies: [policy(allow("s3:*"))], scps: [[FULL_ACCESS, policy(deny("*"))]] }), "ExplicitDeny"),

  row("mistake: sts:AssumeRole without a trust policy never succeeds, even for an admin", `${DENYALLOW}: "IAM role trust policies [...] must explicitly allow access for principals"`,
    { principal: ALICE, action: "sts:AssumeRole", resource: TARGET_ROLE, identityPolicies: [policy(allow("*"))] }, "ImplicitDeny"),
  row("mistake (other side): sts:AssumeRole with a trust naming the account and an admin identity policy", "STS/latest/APIReference/API_AssumeRole.html",
    { principal: ALICE, action: "sts:AssumeRole", resource: TARGET_ROLE, identityPolicies: [policy(allow("*"))], resourcePolicy: policy({ Effect: "Allow", Principal: aws(ACCT), Action: "sts:AssumeRole" }) }, "Allow"),

  row("mistake: NotPrincipal with Deny denies a listed principal that has a permissions boundary", `${BOUNDARIES}: "will always deny any IAM principal that has a permissions boundary policy attached, regardless of the values specified in the NotPrincipal element"`,
    s3Get(ALICE, { identityPolicies: [policy(allow("s3:*"))], permissionsBoundary: policy(allow("s3:*")), resourcePolicy: denyAllBut([`arn:aws:iam::${ACCT}:root`, ALICE]) }), "ExplicitDeny"),
  row("mistake (other side): NotPrincipal with Deny spares the listed principal without a boundary", "IAM/latest/UserGuide/reference_policies_elements_notprincipal.html",
    s3Get(ALICE, { identityPolicies: [policy(allow("s3:*"))], resourcePolicy: denyAllBut([`arn:aws:iam::${ACCT}:root`, ALICE]) }), "Allow"),
];
