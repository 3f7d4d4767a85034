import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import { ACCT, ALICE, ROOT, allow, policy, row } from "./decision-builders.js";

// Resources AWS owns inside an account refuse changes whatever the policies say (src/evaluator/aws-owned.ts).
const SLR_API = `IAM/latest/APIReference (UnmodifiableEntity): "service-linked roles are protected AWS resources. Only the service that depends on the service-linked role can modify or delete the role on your behalf"`;
const SLR_BOUNDARY = `IAM/latest/APIReference/API_PutRolePermissionsBoundary.html: "You cannot set the boundary for a service-linked role"`;
const SLR_EDIT = `IAM/latest/UserGuide/id_roles_update-service-linked-role.html: "You can edit the description of any role from the IAM console, API, or CLI"`;
const RESERVED = `repost.aws/knowledge-center/identity-center-aws-reserved-sso (IAM troubleshooting: "I get a 'Cannot perform the operation on the protected role' error"): "Cannot perform the operation on the protected role 'AWSReservedSSO_...' - this role is only modifiable by AWS"`;
const MANAGED = `IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies: "You cannot change the permissions defined in AWS managed policies"`;
const ALIAS = `kms/latest/developerguide/alias-create.html: "The alias name for a customer managed key cannot begin with alias/aws/. The alias/aws/ prefix is reserved for AWS managed key"`;
const ALIAS_MANAGE = `kms/latest/developerguide/alias-delete.html: "You cannot manage aliases for AWS managed keys or AWS owned keys"`;

const SLR = `arn:aws:iam::${ACCT}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`;
const SLR_SESSION = `arn:aws:sts::${ACCT}:assumed-role/AWSServiceRoleForSSO/sso`;
const SSO_ROLE = `arn:aws:iam::${ACCT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef`;
const SERVICE_ROLE = `arn:aws:iam::${ACCT}:role/service-role/codebuild-deploy`;
const ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";
const LAMBDA_BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
const CUSTOMER_POLICY = `arn:aws:iam::${ACCT}:policy/Deploy`;
const alias = (name: string) => `arn:aws:kms:us-east-1:${ACCT}:alias/${name}`;

const admin = policy(allow("*"));
const asAdmin = (action: string, resource: string, rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  ({ principal: ALICE, action, resource, identityPolicies: [admin], ...rest });

const slrWrites = ["PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy", "UpdateAssumeRolePolicy", "DeleteRole", "DeleteRolePermissionsBoundary"];
const reservedWrites = ["PutRolePolicy", "AttachRolePolicy", "DetachRolePolicy", "UpdateAssumeRolePolicy", "DeleteRole", "UpdateRole", "UpdateRoleDescription", "PutRolePermissionsBoundary"];
const managedWrites = ["CreatePolicyVersion", "DeletePolicyVersion", "SetDefaultPolicyVersion", "DeletePolicy", "TagPolicy", "UntagPolicy"];

export const cases: ConformanceCase[] = [
  // Service-linked roles.
  ...slrWrites.map((a) => row(`an administrator cannot iam:${a} on a service-linked role`, SLR_API, asAdmin(`iam:${a}`, SLR), "ImplicitDeny")),
  row("an administrator cannot put a permissions boundary on a service-linked role", SLR_BOUNDARY, asAdmin("iam:PutRolePermissionsBoundary", SLR), "ImplicitDeny"),
  row("the root user cannot change a service-linked role's policies either", SLR_API, { principal: ROOT, action: "iam:PutRolePolicy", resource: SLR }, "ImplicitDeny"),
  row("an administrator may edit a service-linked role's description", SLR_EDIT, asAdmin("iam:UpdateRoleDescription", SLR), "Allow"),
  row("an administrator may read a service-linked role", SLR_API, asAdmin("iam:GetRole", SLR), "Allow"),
  row("a service role (path /service-role/) is an ordinary role: policies decide", SLR_API, asAdmin("iam:PutRolePolicy", SERVICE_ROLE), "Allow"),
  row("an ordinary role: an administrator may change its trust policy", SLR_API, asAdmin("iam:UpdateAssumeRolePolicy", `arn:aws:iam::${ACCT}:role/deploy`), "Allow"),
  row("without an allowing policy a service-linked role is still only implicitly denied", SLR_API, { principal: ALICE, action: "iam:DeleteRole", resource: SLR }, "ImplicitDeny"),
  // IAM Identity Center roles under /aws-reserved/.
  ...reservedWrites.map((a) => row(`an administrator cannot iam:${a} on an IAM Identity Center role under /aws-reserved/`, RESERVED, asAdmin(`iam:${a}`, SSO_ROLE), "ImplicitDeny")),
  row("Identity Center itself (its service-linked role) may change its roles, as its policies allow", `${RESERVED}; singlesignon/latest/userguide/identity-center-and-iam-roles.html: "IAM Identity Center manages the role"`,
    { principal: SLR_SESSION, action: "iam:PutRolePolicy", resource: SSO_ROLE, identityPolicies: [policy(allow(["iam:PutRolePolicy", "iam:AttachRolePolicy"], "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*"))], context: { "aws:PrincipalArn": `arn:aws:iam::${ACCT}:role/aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO` } }, "Allow"),
  row("an administrator may read an Identity Center role", RESERVED, asAdmin("iam:GetRole", SSO_ROLE), "Allow"),
  // AWS managed policies.
  ...managedWrites.map((a) => row(`an administrator cannot iam:${a} on an AWS managed policy`, MANAGED, asAdmin(`iam:${a}`, ADMIN_POLICY), "ImplicitDeny")),
  row("an AWS managed policy under a path cannot get a new version either", MANAGED, asAdmin("iam:CreatePolicyVersion", LAMBDA_BASIC), "ImplicitDeny"),
  row("an administrator may read an AWS managed policy", MANAGED, asAdmin("iam:GetPolicyVersion", ADMIN_POLICY), "Allow"),
  row("a customer managed policy may get a new version", MANAGED, asAdmin("iam:CreatePolicyVersion", CUSTOMER_POLICY), "Allow"),
  row("a customer managed policy may become another default version", MANAGED, asAdmin("iam:SetDefaultPolicyVersion", CUSTOMER_POLICY), "Allow"),
  // KMS aliases reserved for AWS managed keys.
  row("kms:CreateAlias alias/aws/... is refused", ALIAS, asAdmin("kms:CreateAlias", alias("aws/mine")), "ImplicitDeny"),
  row("kms:UpdateAlias of alias/aws/s3 is refused", ALIAS_MANAGE, asAdmin("kms:UpdateAlias", alias("aws/s3")), "ImplicitDeny"),
  row("kms:DeleteAlias of alias/aws/ebs is refused", ALIAS_MANAGE, asAdmin("kms:DeleteAlias", alias("aws/ebs")), "ImplicitDeny"),
  row("kms:CreateAlias of a customer alias is decided by the policies", ALIAS, asAdmin("kms:CreateAlias", alias("app/orders")), "Allow"),
  row("alias/aws-backup is not under the reserved alias/aws/ prefix", ALIAS, asAdmin("kms:DeleteAlias", alias("aws-backup")), "Allow"),
];
