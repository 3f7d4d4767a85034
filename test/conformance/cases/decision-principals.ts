import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import {
  ACCT, ALICE, BUCKET, CAROL, FULL_ACCESS, OBJECT, OTHER, OTHER_ROOT, ROOT, SESSION, TARGET_ROLE,
  allow, aws, deny, grant, policy, refuse, row, s3Get,
} from "./decision-builders.js";

const EVAL = "IAM/latest/UserGuide/reference_policies_evaluation-logic.html";
const DENYALLOW = "IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html";
const PRINCIPAL = "IAM/latest/UserGuide/reference_policies_elements_principal.html";
const ROOT_DOC = "IAM/latest/UserGuide/access_policies.html#access_policies-root";
const CONFUSED_DEPUTY = "IAM/latest/UserGuide/confused-deputy.html";
const CALLER_ID = "STS/latest/APIReference/API_GetCallerIdentity.html";
const SCPS = "organizations/latest/userguide/orgs_manage_policies_scps.html";

const ANONYMOUS = `${EVAL}: authentication "is not necessary for a few services, such as Amazon S3, that allow some requests from anonymous users"; ${PRINCIPAL} (all principals, "*")`;
const ROOT_FULL = `${DENYALLOW}: "By default, all requests are implicitly denied with the exception of the AWS account root user, which has full access"`;
const NO_PERMISSION = `${CALLER_ID}: "No permissions are required to perform this operation. If an administrator attaches a policy to your identity that explicitly denies access to the sts:GetCallerIdentity action, you can still perform this operation"`;

const anonymousGet = (rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  ({ principal: "anonymous", action: "s3:GetObject", resource: OBJECT, resourceAccount: ACCT, ...rest });
const publicRead = policy(grant("*", "s3:GetObject", `${BUCKET}/*`));
const cloudtrailPut = (extra = {}): EvaluateInput => ({
  principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: `${BUCKET}/AWSLogs/${ACCT}/x.json.gz`, resourceAccount: ACCT,
  resourcePolicy: policy(grant({ Service: "cloudtrail.amazonaws.com" }, "s3:PutObject", `${BUCKET}/*`, extra)),
});
const callerIdentity = (principal: string, rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  ({ principal, action: "sts:GetCallerIdentity", resource: "*", ...rest });

export const cases: ConformanceCase[] = [
  // Anonymous callers: only a resource policy naming "*" can help.
  row("anonymous: public-read bucket policy allows", ANONYMOUS, anonymousGet({ resourcePolicy: publicRead }), "Allow"),
  row("anonymous: no bucket policy", ANONYMOUS, anonymousGet(), "ImplicitDeny"),
  // AssumeRole is called "using credentials for an IAM user or an IAM role"; the With* calls carry an
  // identity provider's assertion or token, whose caller is that provider.
  ...(["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession"] as const).map((action) =>
    row(`anonymous: ${action} on a role whose trust policy names "*"`, `STS/latest/APIReference/API_AssumeRole.html ("You must use credentials for an IAM user or an IAM role to call AssumeRole"); IAM/latest/UserGuide/id_credentials_temp_request.html`,
      { principal: "anonymous", action, resource: TARGET_ROLE, resourcePolicy: policy({ Effect: "Allow", Principal: "*", Action: action }) }, "ImplicitDeny")),
  // "Calling AssumeRoleWithWebIdentity does not require the use of AWS security credentials. The identity
  // of the caller is validated by using a token from the web identity provider": its principal is the provider.
  ...([[ALICE, "an IAM user"], [SESSION, "a role session"], ["lambda.amazonaws.com", "a service"]] as const).flatMap(([principal, who]) =>
    (["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"] as const).map((action) =>
      row(`${who}: ${action} on a role whose trust policy names "*"`, `STS/latest/APIReference/API_${action.slice(4)}.html ("does not require the use of AWS security credentials")`,
        { principal, action, resource: TARGET_ROLE, resourcePolicy: policy({ Effect: "Allow", Principal: "*", Action: action }), identityPolicies: principal === "lambda.amazonaws.com" ? [] : [policy(allow("sts:*"))] }, "ImplicitDeny"))),
  row("an OIDC provider: sts:AssumeRoleWithWebIdentity on a role whose trust policy names \"*\"", "STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html",
    { principal: `arn:aws:iam::${ACCT}:oidc-provider/token.actions.githubusercontent.com`, action: "sts:AssumeRoleWithWebIdentity", resource: TARGET_ROLE, resourcePolicy: policy({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRoleWithWebIdentity" }) }, "Allow"),
  row("a principal of another account: sts:AssumeRole on a role whose trust policy names \"*\"", `${PRINCIPAL} (all principals, "*")`,
    { principal: CAROL, action: "sts:AssumeRole", resource: TARGET_ROLE, resourcePolicy: policy({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }), identityPolicies: [policy(allow("sts:AssumeRole"))] }, "Allow"),
  row("anonymous: bucket policy granting the account does not match an unauthenticated caller", `${PRINCIPAL}: an account principal means principals of that account`,
    anonymousGet({ resourcePolicy: policy(grant(aws(ACCT), "s3:GetObject", `${BUCKET}/*`)) }), "ImplicitDeny"),
  row("anonymous: bucket policy naming a user does not match", PRINCIPAL,
    anonymousGet({ resourcePolicy: policy(grant(aws(ALICE), "s3:GetObject", `${BUCKET}/*`)) }), "ImplicitDeny"),
  row("anonymous: public read with a deny on insecure transport, request over HTTP", DENYALLOW,
    anonymousGet({ resourcePolicy: policy(grant("*", "s3:GetObject", `${BUCKET}/*`), refuse("*", "s3:*", `${BUCKET}/*`, { Condition: { Bool: { "aws:SecureTransport": "false" } } })), context: { "aws:SecureTransport": false } }), "ExplicitDeny"),
  row("anonymous: public read with a deny on insecure transport, request over HTTPS", DENYALLOW,
    anonymousGet({ resourcePolicy: policy(grant("*", "s3:GetObject", `${BUCKET}/*`), refuse("*", "s3:*", `${BUCKET}/*`, { Condition: { Bool: { "aws:SecureTransport": "false" } } })), context: { "aws:SecureTransport": true } }), "Allow"),

  // AWS service principals: only the resource policy; SCPs do not apply.
  row("service principal: bucket policy naming the service allows", `${PRINCIPAL} (AWS service principals)`, cloudtrailPut(), "Allow"),
  row("service principal: bucket policy naming another service", `${PRINCIPAL} (AWS service principals)`,
    { ...cloudtrailPut(), resourcePolicy: policy(grant({ Service: "config.amazonaws.com" }, "s3:PutObject", `${BUCKET}/*`)) }, "ImplicitDeny"),
  row("service principal: no bucket policy", `${PRINCIPAL} (AWS service principals)`,
    { ...cloudtrailPut(), resourcePolicy: undefined }, "ImplicitDeny"),
  row("service principal: aws:SourceAccount condition holds", `${CONFUSED_DEPUTY}: aws:SourceAccount`,
    { ...cloudtrailPut({ Condition: { StringEquals: { "aws:SourceAccount": ACCT } } }), context: { "aws:SourceAccount": ACCT } }, "Allow"),
  row("service principal: aws:SourceAccount of another account (confused deputy blocked)", `${CONFUSED_DEPUTY}: aws:SourceAccount`,
    { ...cloudtrailPut({ Condition: { StringEquals: { "aws:SourceAccount": ACCT } } }), context: { "aws:SourceAccount": OTHER } }, "ImplicitDeny"),
  row("service principal: an SCP denying everything is not applied", `${SCPS}: "SCPs affect only IAM users and roles that are managed by accounts that are part of the organization"`,
    { ...cloudtrailPut(), scps: [[policy(deny("*"))]] }, "Allow"),

  // The account root user.
  row("root user: full access in its own account without any policy", ROOT_FULL, s3Get(ROOT), "Allow"),
  row("root user: full access to IAM actions in its own account", ROOT_FULL,
    { principal: ROOT, action: "iam:CreateUser", resource: `arn:aws:iam::${ACCT}:user/new` }, "Allow"),
  row("root user: an explicit deny in the bucket policy still applies", `${ROOT_DOC}: "you can specify the root user as the principal in a resource-based policy"`,
    s3Get(ROOT, { resourcePolicy: policy(refuse(aws(ROOT), "s3:*", `${BUCKET}/*`)) }), "ExplicitDeny"),
  row("root user of another account: no bucket policy grant", `IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html: the resource policy must allow`,
    s3Get(OTHER_ROOT), "ImplicitDeny"),
  row("root user of another account: bucket grants that account", `IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html + ${ROOT_FULL}`,
    s3Get(OTHER_ROOT, { resourcePolicy: policy(grant(aws(OTHER), "s3:GetObject", `${BUCKET}/*`)) }), "Allow"),

  // sts:GetCallerIdentity needs no permission.
  row("GetCallerIdentity with no policy at all", NO_PERMISSION, callerIdentity(ALICE), "Allow"),
  row("GetCallerIdentity despite an explicit deny in the identity policy", NO_PERMISSION,
    callerIdentity(ALICE, { identityPolicies: [policy(deny("sts:GetCallerIdentity"))] }), "Allow"),
  row("GetCallerIdentity despite a deny-all session policy", NO_PERMISSION,
    callerIdentity(SESSION, { identityPolicies: [policy(allow("*"))], sessionPolicies: [policy(deny("*"))] }), "Allow"),
  row("GetCallerIdentity despite a deny-all SCP (no permission check happens)", `${NO_PERMISSION}; the page names identity policies, the rows extend "No permissions are required" to SCPs`,
    callerIdentity(ALICE, { scps: [[FULL_ACCESS, policy(deny("*"))]] }), "Allow"),
  row("near miss: sts:DecodeAuthorizationMessage does need permission (explicit deny)", DENYALLOW,
    { principal: ALICE, action: "sts:DecodeAuthorizationMessage", resource: "*", identityPolicies: [policy(allow("*"), deny("sts:DecodeAuthorizationMessage"))] }, "ExplicitDeny"),
  row("near miss: sts:DecodeAuthorizationMessage does need permission (no policy)", DENYALLOW,
    { principal: ALICE, action: "sts:DecodeAuthorizationMessage", resource: "*" }, "ImplicitDeny"),
];
