import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import {
  ACCT, ALICE, BOB, CAROL, KEY, OTHER, ROLE, ROOT, SESSION, TARGET_ROLE,
  allow, aws, deny, grant, policy, row,
} from "./decision-builders.js";

const KEY_POLICIES = "kms/latest/developerguide/key-policies.html";
const KEY_DEFAULT = "kms/latest/developerguide/key-policy-default.html";
const DENYALLOW = "IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html";
const ASSUME_ROLE = "STS/latest/APIReference/API_AssumeRole.html";
const TRUST_UPDATE = "IAM/latest/UserGuide/id_roles_update-role-trust-policy.html";
const OIDC = "IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html";
const SAML = "IAM/latest/UserGuide/id_roles_create_for-idp_saml.html";
const EXTERNAL_ID = "IAM/latest/UserGuide/id_roles_create_for-user_externalid.html";
const CROSS = "IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html";

const KEY_MUST_ALLOW = `${KEY_POLICIES}: "Unless the key policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key"`;
const ENABLES_IAM = `${KEY_DEFAULT}: the statement naming the account root "Allows access to the AWS account and enables IAM policies"`;
const TRUST_MUST_ALLOW = `${DENYALLOW}: "IAM role trust policies and KMS key policies are exceptions to this logic, because they must explicitly allow access for principals"`;
const SAME_ACCOUNT_TRUST = `${ASSUME_ROLE}: same account: "Attach a policy to the user that allows the user to call AssumeRole (as long as the role's trust policy trusts the account)" or "Add the user as a principal directly in the role's trust policy"`;

const decrypt = (principal: string, rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  ({ principal, action: "kms:Decrypt", resource: KEY, ...rest });
const keyPolicy = (principal: unknown) => policy(grant(principal, "kms:*"));
const iamDecrypt = policy(allow("kms:Decrypt", KEY));

const assume = (principal: string, rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  ({ principal, action: "sts:AssumeRole", resource: TARGET_ROLE, ...rest });
/** A role trust policy: the role is the resource, so the statement has no Resource element. */
const trust = (principal: unknown, action = "sts:AssumeRole", extra = {}) =>
  policy({ Effect: "Allow", Principal: principal, Action: action, ...extra });
const mayAssume = policy(allow("sts:AssumeRole", TARGET_ROLE));

const GITHUB = `arn:aws:iam::${ACCT}:oidc-provider/token.actions.githubusercontent.com`;
const OKTA = `arn:aws:iam::${ACCT}:saml-provider/Okta`;
const githubTrust = trust({ Federated: GITHUB }, "sts:AssumeRoleWithWebIdentity", {
  Condition: {
    StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
    StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/app:*" },
  },
});
const webIdentity = (context: Record<string, string>, rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  ({ principal: GITHUB, action: "sts:AssumeRoleWithWebIdentity", resource: TARGET_ROLE, resourcePolicy: githubTrust, context, ...rest });
const oktaTrust = trust({ Federated: OKTA }, "sts:AssumeRoleWithSAML", { Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } });
const externalIdTrust = trust(aws(OTHER), "sts:AssumeRole", { Condition: { StringEquals: { "sts:ExternalId": "ext-7421" } } });

export const cases: ConformanceCase[] = [
  // KMS: the key policy must allow, even in the same account.
  row("KMS: key policy enables IAM (account root) and identity allows", ENABLES_IAM,
    decrypt(ALICE, { identityPolicies: [iamDecrypt], resourcePolicy: keyPolicy(aws(ROOT)) }), "Allow"),
  row("KMS: key policy enables IAM but no identity policy allows", ENABLES_IAM,
    decrypt(ALICE, { resourcePolicy: keyPolicy(aws(ROOT)) }), "ImplicitDeny"),
  row("KMS: identity allows but there is no key policy (same account)", KEY_MUST_ALLOW,
    decrypt(ALICE, { identityPolicies: [iamDecrypt] }), "ImplicitDeny"),
  row("KMS: identity allows but the key policy names only another user", `${KEY_POLICIES}: "Without permission from the key policy, IAM policies that allow permissions have no effect"`,
    decrypt(ALICE, { identityPolicies: [iamDecrypt], resourcePolicy: keyPolicy(aws(BOB)) }), "ImplicitDeny"),
  row("KMS: key policy naming the user allows without an identity policy", KEY_POLICIES,
    decrypt(ALICE, { resourcePolicy: keyPolicy(aws(ALICE)) }), "Allow"),
  row("KMS: key policy naming the role allows its session without an identity policy", `${KEY_POLICIES} + ${DENYALLOW} (role ARN grant)`,
    decrypt(SESSION, { resourcePolicy: keyPolicy(aws(ROLE)) }), "Allow"),
  row("KMS: identity deny without key-policy permission still denies", `${KEY_POLICIES}: "You can use an IAM policy to deny a permission to a KMS key without permission from a key policy"`,
    decrypt(ALICE, { identityPolicies: [policy(deny("kms:*"))], resourcePolicy: keyPolicy(aws(ALICE)) }), "ExplicitDeny"),
  row("KMS: the account root user has no access without the key policy", `${KEY_POLICIES}: "No AWS principal, including the account root user or key creator, has any permissions to a KMS key unless they are explicitly allowed"`,
    decrypt(ROOT), "ImplicitDeny"),
  row("KMS: the account root user is allowed when the key policy names the account", ENABLES_IAM,
    decrypt(ROOT, { resourcePolicy: keyPolicy(aws(ROOT)) }), "Allow"),
  row("KMS cross-account: key policy names the other account and its identity allows", `${CROSS} + ${KEY_POLICIES}`,
    decrypt(CAROL, { identityPolicies: [iamDecrypt], resourcePolicy: keyPolicy(aws(OTHER)) }), "Allow"),
  row("KMS cross-account: key policy names the other account, no identity policy", CROSS,
    decrypt(CAROL, { resourcePolicy: keyPolicy(aws(OTHER)) }), "ImplicitDeny"),

  // Trust policies: same account.
  row("trust policy naming the user allows AssumeRole without an identity policy", SAME_ACCOUNT_TRUST,
    assume(ALICE, { resourcePolicy: trust(aws(ALICE)) }), "Allow"),
  row("trust policy naming the account needs an identity policy", SAME_ACCOUNT_TRUST,
    assume(ALICE, { resourcePolicy: trust(aws(ACCT)) }), "ImplicitDeny"),
  row("trust policy naming the account plus identity allow", SAME_ACCOUNT_TRUST,
    assume(ALICE, { identityPolicies: [mayAssume], resourcePolicy: trust(aws(ROOT)) }), "Allow"),
  row("no trust policy: identity allow alone never lets the user assume the role", TRUST_MUST_ALLOW,
    assume(ALICE, { identityPolicies: [policy(allow("*"))] }), "ImplicitDeny"),
  row("trust policy naming another user: identity allow does not suffice in the same account", TRUST_MUST_ALLOW,
    assume(ALICE, { identityPolicies: [mayAssume], resourcePolicy: trust(aws(BOB)) }), "ImplicitDeny"),
  row("identity deny of sts:AssumeRole beats a trust policy naming the user", DENYALLOW,
    assume(ALICE, { identityPolicies: [policy(deny("sts:AssumeRole"))], resourcePolicy: trust(aws(ALICE)) }), "ExplicitDeny"),
  row("trust names the user but the user's boundary does not allow sts:AssumeRole", `${TRUST_UPDATE}: "If a permissions boundary is set for the user, then it must allow the sts:AssumeRole action". CONFLICT with ${DENYALLOW} (user-ARN grants not limited by a boundary): the trust-policy page is more specific and decides`,
    assume(ALICE, { permissionsBoundary: policy(allow("s3:*")), resourcePolicy: trust(aws(ALICE)) }), "ImplicitDeny"),
  row("trust names the user and the boundary allows sts:AssumeRole", TRUST_UPDATE,
    assume(ALICE, { permissionsBoundary: policy(allow("sts:AssumeRole")), resourcePolicy: trust(aws(ALICE)) }), "Allow"),
  row("role chaining: trust naming the first role lets its session assume without identity policy", `${DENYALLOW}: role-ARN grants are limited only by a boundary or session policy`,
    assume(SESSION, { resourcePolicy: trust(aws(ROLE)) }), "Allow"),
  row("role chaining: trust naming another role does not let the session assume", TRUST_MUST_ALLOW,
    assume(SESSION, { identityPolicies: [mayAssume], resourcePolicy: trust(aws(`arn:aws:iam::${ACCT}:role/other`)) }), "ImplicitDeny"),
  row("the account root user cannot assume a role even when the trust names the account", `${ASSUME_ROLE}: "You cannot call AssumeRole by using AWS root account credentials; access is denied" (SILENT on implicit vs explicit: no Deny statement, so implicit)`,
    assume(ROOT, { resourcePolicy: trust(aws(ACCT)) }), "ImplicitDeny"),
  row("the account root user cannot assume a role even when the trust names the root ARN", ASSUME_ROLE,
    assume(ROOT, { resourcePolicy: trust(aws(ROOT)) }), "ImplicitDeny"),

  // Service principals.
  row("lambda.amazonaws.com assumes a role whose trust names the Lambda service", "IAM/latest/UserGuide/id_roles_terms-and-concepts.html (service role) + reference_policies_elements_principal.html (AWS service principals)",
    assume("lambda.amazonaws.com", { resourcePolicy: trust({ Service: "lambda.amazonaws.com" }) }), "Allow"),
  row("lambda.amazonaws.com cannot assume a role trusting only EC2", "IAM/latest/UserGuide/reference_policies_elements_principal.html (AWS service principals)",
    assume("lambda.amazonaws.com", { resourcePolicy: trust({ Service: "ec2.amazonaws.com" }) }), "ImplicitDeny"),
  row("service principal listed among several services in the trust", "IAM/latest/UserGuide/reference_policies_elements_principal.html (AWS service principals)",
    assume("lambda.amazonaws.com", { resourcePolicy: trust({ Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] }) }), "Allow"),
  row("service principal does not match a trust naming the account", "IAM/latest/UserGuide/reference_policies_elements_principal.html: an account principal delegates to that account's IAM identities",
    assume("lambda.amazonaws.com", { resourcePolicy: trust(aws(ACCT)) }), "ImplicitDeny"),

  // Web identity (OIDC) and SAML.
  row("GitHub OIDC: token with matching aud and sub assumes the role", OIDC,
    webIdentity({ "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main" }), "Allow"),
  row("GitHub OIDC: token from another repository", OIDC,
    webIdentity({ "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:evil/app:ref:refs/heads/main" }), "ImplicitDeny"),
  row("GitHub OIDC: token without a sub claim", "IAM/latest/UserGuide/reference_policies_elements_condition_operators.html: a condition on a missing key does not match",
    webIdentity({ "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }), "ImplicitDeny"),
  row("GitHub OIDC: sts:AssumeRole instead of AssumeRoleWithWebIdentity", OIDC,
    webIdentity({ "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main" }, { action: "sts:AssumeRole" }), "ImplicitDeny"),
  row("OIDC: trust naming another identity provider", OIDC,
    webIdentity({ "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main" },
      { resourcePolicy: trust({ Federated: `arn:aws:iam::${ACCT}:oidc-provider/accounts.google.com` }, "sts:AssumeRoleWithWebIdentity") }), "ImplicitDeny"),
  row("SAML: provider with the sign-in audience assumes the role", SAML,
    { principal: OKTA, action: "sts:AssumeRoleWithSAML", resource: TARGET_ROLE, resourcePolicy: oktaTrust, context: { "SAML:aud": "https://signin.aws.amazon.com/saml" } }, "Allow"),
  row("SAML: wrong audience", SAML,
    { principal: OKTA, action: "sts:AssumeRoleWithSAML", resource: TARGET_ROLE, resourcePolicy: oktaTrust, context: { "SAML:aud": "https://example.com/saml" } }, "ImplicitDeny"),
  row("SAML: trust for another SAML provider", SAML,
    { principal: OKTA, action: "sts:AssumeRoleWithSAML", resource: TARGET_ROLE, context: { "SAML:aud": "https://signin.aws.amazon.com/saml" },
      resourcePolicy: trust({ Federated: `arn:aws:iam::${ACCT}:saml-provider/Other` }, "sts:AssumeRoleWithSAML") }, "ImplicitDeny"),

  // Cross-account trust and ExternalId.
  row("cross-account: trust names the other account and the caller's identity allows", `${CROSS}: role trust policy is the resource side`,
    assume(CAROL, { identityPolicies: [mayAssume], resourcePolicy: trust(aws(OTHER)) }), "Allow"),
  row("cross-account: trust names the other account but the caller has no identity allow", `${ASSUME_ROLE}: "The administrator must attach a policy that allows the user to call AssumeRole for the ARN of the role in the other account"`,
    assume(CAROL, { resourcePolicy: trust(aws(OTHER)) }), "ImplicitDeny"),
  row("cross-account: trust names the user directly but the caller has no identity allow", ASSUME_ROLE,
    assume(CAROL, { resourcePolicy: trust(aws(CAROL)) }), "ImplicitDeny"),
  row("cross-account: trust names only the role's own account", CROSS,
    assume(CAROL, { identityPolicies: [mayAssume], resourcePolicy: trust(aws(ACCT)) }), "ImplicitDeny"),
  row("ExternalId: matching sts:ExternalId", EXTERNAL_ID,
    assume(CAROL, { identityPolicies: [mayAssume], resourcePolicy: externalIdTrust, context: { "sts:ExternalId": "ext-7421" } }), "Allow"),
  row("ExternalId: missing sts:ExternalId", EXTERNAL_ID,
    assume(CAROL, { identityPolicies: [mayAssume], resourcePolicy: externalIdTrust }), "ImplicitDeny"),
  row("ExternalId: wrong sts:ExternalId", EXTERNAL_ID,
    assume(CAROL, { identityPolicies: [mayAssume], resourcePolicy: externalIdTrust, context: { "sts:ExternalId": "ext-0000" } }), "ImplicitDeny"),
];
