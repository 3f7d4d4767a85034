import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import {
  ACCT, ALICE, BUCKET, CAROL, FULL_ACCESS, KEY, MGMT, OBJECT, ORG_ID, OTHER, QUEUE, RCP_FULL_ACCESS, ROOT, SESSION, TARGET_ROLE,
  allow, aws, deny, grant, policy, refuse, row, s3Get,
} from "./decision-builders.js";

const SCPS = "organizations/latest/userguide/orgs_manage_policies_scps.html";
const RCPS = "organizations/latest/userguide/orgs_manage_policies_rcps.html";
const RCP_EVAL = "organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html";
const DENYALLOW = "IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html";
const REQCONTEXT = "IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-reqcontext.html";

const EVERY_LEVEL = `${SCPS}: "Any account has only those permissions permitted by every parent above it. If a permission is blocked at any level above the account, either implicitly [...] or explicitly"`;
const NO_GRANT = `${SCPS}: "No permissions are granted by an SCP" / "A user without any IAM permission policies has no access, even if the applicable SCPs allow all services and all actions"`;
const MANAGEMENT = `${SCPS}: "SCPs don't affect users or roles in the management account"`;
const SLR = `${SCPS}: "SCPs do not affect any service-linked role"; ${REQCONTEXT}: "The only exceptions are principals in the organization management account and service-linked roles"`;
const RCP_DENY_ONLY = `${RCP_EVAL}: RCPFullAWSAccess "is automatically attached to the organization root, every OU, and every account [...] You cannot detach this policy"; RCP syntax: Allow "is only supported for the RCPFullAWSAccess policy"`;
const RCP_ANY_LEVEL = `${RCP_EVAL}: "any RCP from the root through each OU in the direct path to the account (including the target account itself) can deny that permission"`;
const RCP_SERVICES = `${RCPS} (List of AWS services that support RCPs: s3, sts, kms, sqs, secretsmanager, ...; not lambda)`;
const RCP_NOT = `${RCPS} (Resources and entities not restricted by RCPs)`;

const readBucket = policy(allow("s3:GetObject", `${BUCKET}/*`));
const ec2Only = policy(allow("ec2:*"));
const denyS3 = policy(deny("s3:*"));
const bucketGrants = (principal: unknown) => policy(grant(principal, "s3:GetObject", `${BUCKET}/*`));

const SLR_NAME = "AWSServiceRoleForElasticLoadBalancing";
const SLR_SESSION = `arn:aws:sts::${ACCT}:assumed-role/${SLR_NAME}/s1`;
const SLR_ARN = `arn:aws:iam::${ACCT}:role/aws-service-role/elasticloadbalancing.amazonaws.com/${SLR_NAME}`;
const SERVICE_ROLE_ARN = `arn:aws:iam::${ACCT}:role/service-role/deploy`;

/** RCP denying the service to principals outside the organization (the data-perimeter pattern). */
const perimeter = (action: string) => policy(refuse("*", action, "*", { Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG_ID } } }));
/** Carol (account 444455556666) reading the bucket of 111122223333 that grants her, with her identity allowing. */
const carolReads = (rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  ({ principal: CAROL, action: "s3:GetObject", resource: OBJECT, resourceAccount: ACCT, identityPolicies: [readBucket], resourcePolicy: bucketGrants(aws(CAROL)), ...rest });

export const cases: ConformanceCase[] = [
  // SCPs: every level must allow.
  row("no organization (no SCP levels): identity decides", DENYALLOW, s3Get(ALICE, { identityPolicies: [readBucket], scps: [] }), "Allow"),
  row("FullAWSAccess at root, OU and account", EVERY_LEVEL, s3Get(ALICE, { identityPolicies: [readBucket], scps: [[FULL_ACCESS], [FULL_ACCESS], [FULL_ACCESS]] }), "Allow"),
  row("OU level allows only ec2: implicit deny", EVERY_LEVEL, s3Get(ALICE, { identityPolicies: [readBucket], scps: [[FULL_ACCESS], [ec2Only], [FULL_ACCESS]] }), "ImplicitDeny"),
  row("account level allows only ec2: implicit deny", EVERY_LEVEL, s3Get(ALICE, { identityPolicies: [readBucket], scps: [[FULL_ACCESS], [FULL_ACCESS], [ec2Only]] }), "ImplicitDeny"),
  row("root allows s3:*, OU allows s3:GetObject: GetObject allowed", EVERY_LEVEL,
    s3Get(ALICE, { identityPolicies: [policy(allow("s3:*"))], scps: [[policy(allow("s3:*"))], [policy(allow("s3:GetObject"))], [FULL_ACCESS]] }), "Allow"),
  row("root allows s3:*, OU allows s3:GetObject: PutObject implicitly denied", EVERY_LEVEL,
    s3Get(ALICE, { action: "s3:PutObject", identityPolicies: [policy(allow("s3:*"))], scps: [[policy(allow("s3:*"))], [policy(allow("s3:GetObject"))], [FULL_ACCESS]] }), "ImplicitDeny"),
  row("second SCP at one level may supply the allow", EVERY_LEVEL,
    s3Get(ALICE, { identityPolicies: [readBucket], scps: [[FULL_ACCESS], [ec2Only, policy(allow("s3:Get*"))]] }), "Allow"),
  row("explicit deny in an SCP at the root", `${EVERY_LEVEL}; ${DENYALLOW}: explicit deny in any SCP`,
    s3Get(ALICE, { identityPolicies: [readBucket], scps: [[FULL_ACCESS, denyS3], [FULL_ACCESS], [FULL_ACCESS]] }), "ExplicitDeny"),
  row("explicit deny in an SCP at the account level", `${EVERY_LEVEL}; ${DENYALLOW}: explicit deny in any SCP`,
    s3Get(ALICE, { identityPolicies: [readBucket], scps: [[FULL_ACCESS], [FULL_ACCESS], [FULL_ACCESS, denyS3]] }), "ExplicitDeny"),
  row("SCP level holding only a deny for another service (FullAWSAccess detached): implicit deny", `${DENYALLOW}: "If the enforcement code does not find any applicable Allow statements in the SCPs, then the request is implicitly denied"`,
    s3Get(ALICE, { identityPolicies: [readBucket], scps: [[FULL_ACCESS], [policy(deny("ec2:*"))]] }), "ImplicitDeny"),
  row("SCP level given as an empty list: docs silent (AWS requires one SCP per entity), fail closed", `SILENT: ${EVERY_LEVEL}; no Allow at that level`,
    s3Get(ALICE, { identityPolicies: [readBucket], scps: [[FULL_ACCESS], []] }), "ImplicitDeny"),
  row("SCP allows everything, no identity policy", NO_GRANT, s3Get(ALICE, { scps: [[FULL_ACCESS]] }), "ImplicitDeny"),

  // Whom SCPs restrict.
  row("SCPs do not restrict principals of the management account", MANAGEMENT,
    s3Get(ALICE, { identityPolicies: [readBucket], scps: [[FULL_ACCESS, denyS3]], managementAccount: ACCT }), "Allow"),
  row("management account set to another account: the member's SCP deny applies", MANAGEMENT,
    s3Get(ALICE, { identityPolicies: [readBucket], scps: [[FULL_ACCESS, denyS3]], managementAccount: MGMT }), "ExplicitDeny"),
  row("SCP without an allow does not restrict the management account either", MANAGEMENT,
    s3Get(ALICE, { identityPolicies: [readBucket], scps: [[ec2Only]], managementAccount: ACCT }), "Allow"),
  row("same-account bucket policy naming the user does not bypass the SCP", `${REQCONTEXT}: "permissions granted by identity-based and resource-based policies to principals in your member accounts are only effective if the SCP allows the action"`,
    s3Get(ALICE, { resourcePolicy: bucketGrants(aws(ALICE)), scps: [[ec2Only]] }), "ImplicitDeny"),
  row("same-account bucket policy naming the user, SCP allows", REQCONTEXT,
    s3Get(ALICE, { resourcePolicy: bucketGrants(aws(ALICE)), scps: [[FULL_ACCESS]] }), "Allow"),
  row("SCP deny restricts the member account's root user", `${SCPS}: "An SCP restricts permissions for IAM users and roles in member accounts, including the member account's root user"`,
    s3Get(ROOT, { scps: [[FULL_ACCESS, denyS3]] }), "ExplicitDeny"),
  row("SCP without an allow restricts the member account's root user", `${SCPS}: "including the member account's root user"`,
    s3Get(ROOT, { scps: [[ec2Only]] }), "ImplicitDeny"),
  row("member root user under FullAWSAccess keeps full access to its own bucket", `${DENYALLOW}: "with the exception of the AWS account root user, which has full access"`,
    s3Get(ROOT, { scps: [[FULL_ACCESS]] }), "Allow"),
  row("service-linked role (ARN with /aws-service-role/ path) is not restricted by an SCP deny", SLR,
    s3Get(SLR_SESSION, { identityPolicies: [readBucket], scps: [[FULL_ACCESS, denyS3]], context: { "aws:PrincipalArn": SLR_ARN } }), "Allow"),
  row("session of a role named AWSServiceRoleFor... is not restricted by an SCP without allow", SLR,
    s3Get(SLR_SESSION, { identityPolicies: [readBucket], scps: [[ec2Only]] }), "Allow"),
  row("service role (path /service-role/, not service-linked) is restricted by the SCP", `${SCPS}: only service-linked roles are exempt; a service role is an ordinary role of the account`,
    s3Get(SESSION, { identityPolicies: [readBucket], scps: [[FULL_ACCESS, denyS3]], context: { "aws:PrincipalArn": SERVICE_ROLE_ARN } }), "ExplicitDeny"),
  row("SCP deny exempting an admin role by aws:PrincipalArn: deploy session denied", `${SCPS}; aws:PrincipalArn of a role session is the role ARN (reference_policies_condition-keys.html)`,
    s3Get(SESSION, { identityPolicies: [readBucket], scps: [[FULL_ACCESS, policy(deny("s3:*", "*", { Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin" } } }))]] }), "ExplicitDeny"),
  row("SCP deny exempting an admin role by aws:PrincipalArn: admin session allowed", SCPS,
    s3Get(`arn:aws:sts::${ACCT}:assumed-role/admin/s1`, { identityPolicies: [readBucket], scps: [[FULL_ACCESS, policy(deny("s3:*", "*", { Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin" } } }))]] }), "Allow"),
  row("SCPs do not restrict an AWS service principal", `${SCPS}: "SCPs affect only IAM users and roles that are managed by accounts that are part of the organization"`,
    s3Get("cloudtrail.amazonaws.com", { action: "s3:PutObject", resourcePolicy: policy(grant({ Service: "cloudtrail.amazonaws.com" }, "s3:PutObject", `${BUCKET}/*`)), scps: [[FULL_ACCESS, policy(deny("s3:*"))]] }), "Allow"),
  row("cross-account: the caller's own SCP deny applies to requests to other accounts", `${SCPS}: SCPs apply to the principals of the member account`,
    carolReads({ scps: [[FULL_ACCESS, denyS3]] }), "ExplicitDeny"),
  row("SCP deny on sts:AssumeRole beats a trust policy naming the user", DENYALLOW,
    { principal: ALICE, action: "sts:AssumeRole", resource: TARGET_ROLE, resourcePolicy: policy({ Effect: "Allow", Principal: aws(ALICE), Action: "sts:AssumeRole" }), scps: [[FULL_ACCESS, policy(deny("sts:AssumeRole"))]] }, "ExplicitDeny"),

  // RCPs: deny-only, on the resource's account.
  row("no RCP levels: both sides allow", DENYALLOW, carolReads({ rcps: [] }), "Allow"),
  row("RCP perimeter deny: caller outside the organization (no aws:PrincipalOrgID)", `${RCPS}: RCPs apply to principals "regardless of whether the principals belong to the same organizations or not"`,
    carolReads({ rcps: [[perimeter("s3:*")]] }), "ExplicitDeny"),
  row("RCP perimeter deny: caller inside the organization", RCPS,
    carolReads({ rcps: [[perimeter("s3:*")]], context: { "aws:PrincipalOrgID": ORG_ID } }), "Allow"),
  row("RCP level holding only a deny for another action does not implicitly deny (RCPFullAWSAccess is implicit)", RCP_DENY_ONLY,
    carolReads({ rcps: [[policy(refuse("*", "s3:DeleteObject"))], [policy(refuse("*", "s3:PutObject"))]] }), "Allow"),
  row("RCPFullAWSAccess grants nothing: no identity or resource allow", RCP_DENY_ONLY,
    s3Get(ALICE, { rcps: [[RCP_FULL_ACCESS]] }), "ImplicitDeny"),
  row("RCP deny at the OU level", RCP_ANY_LEVEL, carolReads({ rcps: [[RCP_FULL_ACCESS], [perimeter("s3:*")], [RCP_FULL_ACCESS]] }), "ExplicitDeny"),
  row("RCP deny applies to the resource account's own users too", RCP_ANY_LEVEL,
    s3Get(ALICE, { identityPolicies: [readBucket], rcps: [[policy(refuse("*", "s3:GetObject"))]] }), "ExplicitDeny"),
  row("RCP deny applies to the member account's root user", `${RCPS}: "This includes root users"`,
    s3Get(ROOT, { rcps: [[policy(refuse("*", "s3:*"))]] }), "ExplicitDeny"),
  row("RCPs do not apply to resources of the management account", `${RCP_NOT}: "Any action on resources in the management account"`,
    carolReads({ rcps: [[perimeter("s3:*")]], managementAccount: ACCT }), "Allow"),
  row("RCP deny on the resource account still applies when the management account is another one", RCPS,
    carolReads({ rcps: [[perimeter("s3:*")]], managementAccount: MGMT }), "ExplicitDeny"),
  row("RCPs do not restrict a service-linked role", `${RCP_NOT}: "RCPs do not impact the effective permissions of any service-linked role"`,
    s3Get(SLR_SESSION, { identityPolicies: [readBucket], rcps: [[policy(refuse("*", "s3:*"))]], context: { "aws:PrincipalArn": SLR_ARN } }), "Allow"),
  row("RCPs do not apply to a service outside the supported list (lambda)", RCP_SERVICES,
    { principal: CAROL, action: "lambda:InvokeFunction", resource: `arn:aws:lambda:us-east-1:${ACCT}:function:f`, identityPolicies: [policy(allow("lambda:InvokeFunction"))], resourcePolicy: policy(grant(aws(CAROL), "lambda:InvokeFunction", `arn:aws:lambda:us-east-1:${ACCT}:function:f`)), rcps: [[policy(refuse("*", "*"))]] }, "Allow"),
  row("RCPs apply to a supported service (sqs)", RCP_SERVICES,
    { principal: CAROL, action: "sqs:SendMessage", resource: QUEUE, identityPolicies: [policy(allow("sqs:SendMessage"))], resourcePolicy: policy(grant(aws(CAROL), "sqs:SendMessage", QUEUE)), rcps: [[policy(refuse("*", "*"))]] }, "ExplicitDeny"),
  row("RCPs apply to sts:AssumeRole on a member account's role", RCP_SERVICES,
    { principal: CAROL, action: "sts:AssumeRole", resource: TARGET_ROLE, identityPolicies: [policy(allow("sts:AssumeRole"))], resourcePolicy: policy({ Effect: "Allow", Principal: aws(OTHER), Action: "sts:AssumeRole" }), rcps: [[perimeter("sts:AssumeRole")]] }, "ExplicitDeny"),
  row("RCP deny on kms:* applies to kms:Decrypt", RCP_SERVICES,
    { principal: ALICE, action: "kms:Decrypt", resource: KEY, resourcePolicy: policy(grant(aws(ALICE), "kms:*")), rcps: [[policy(refuse("*", "kms:*"))]] }, "ExplicitDeny"),
];
