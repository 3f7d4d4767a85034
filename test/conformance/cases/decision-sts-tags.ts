/**
 * Session tags and source identity on role trust policies: the AWS examples of
 * IAM/latest/UserGuide/id_session-tags.html and IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html,
 * and the IAM Identity Center permission-set roles (roles under /aws-reserved/sso.amazonaws.com/).
 * sts:TagSession and sts:SetSourceIdentity are permissions-only actions on the role: the role's trust
 * policy is the resource policy that must allow them, as for sts:AssumeRole.
 */
import type { ConformanceCase } from "../case.js";
import type { EvaluateInput, RequestContextInput } from "../../../src/types.js";
import { FULL_ACCESS, allow, deny, policy, row } from "./decision-builders.js";

const TAGS = "IAM/latest/UserGuide/id_session-tags.html";
const SOURCE_ID = "IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html";
const SSO = "singlesignon/latest/userguide/referencingpermissionsets.html";
const SCPS = "organizations/latest/userguide/orgs_manage_policies_scps.html";

// The session-tags page's accounts and names.
const A = "123456789012";
const TAG_USER = `arn:aws:iam::${A}:user/test-session-tags`;
const TAG_ROLE = `arn:aws:iam::${A}:role/my-role-example`;

/** A trust policy: the role is the resource, so statements have no Resource element. */
const trust = (...statements: Record<string, unknown>[]) => policy(...statements.map((s) => ({ Effect: "Allow", ...s })));

/** The page's "Example role trust policy for session tags", both statements. */
const ASSUME_STATEMENT = {
  Sid: "AllowIamUserAssumeRole",
  Action: "sts:AssumeRole",
  Principal: { AWS: TAG_USER },
  Condition: {
    StringLike: { "aws:RequestTag/Project": "*", "aws:RequestTag/CostCenter": "*", "aws:RequestTag/Department": "*" },
    StringEquals: { "sts:ExternalId": "Example987" },
  },
};
const TAG_STATEMENT = {
  Sid: "AllowPassSessionTagsAndTransitive",
  Action: "sts:TagSession",
  Principal: { AWS: TAG_USER },
  Condition: {
    StringLike: { "aws:RequestTag/Project": "*", "aws:RequestTag/CostCenter": "*" },
    StringEquals: { "aws:RequestTag/Department": ["Engineering", "Marketing"] },
    "ForAllValues:StringEquals": { "sts:TransitiveTagKeys": ["Project", "Department"] },
  },
};
const tagTrust = trust(ASSUME_STATEMENT, TAG_STATEMENT);

/** The page's AssumeRole CLI request: three session tags, two transitive, the external id. */
function tagRequest(department = "Engineering", transitive: string[] | null = ["Project", "Department"], extra: RequestContextInput = {}): RequestContextInput {
  return {
    "aws:RequestTag/Project": "Automation",
    "aws:RequestTag/CostCenter": "12345",
    "aws:RequestTag/Department": department,
    "aws:TagKeys": ["Project", "CostCenter", "Department"],
    "sts:TransitiveTagKeys": transitive,
    "sts:ExternalId": "Example987",
    ...extra,
  };
}

const onRole = (principal: string, action: string, resource: string, rest: Partial<EvaluateInput>): EvaluateInput =>
  ({ principal, action, resource, ...rest });

const TRUST_TAGS = `${TAGS} (Example role trust policy for session tags)`;
const MUST_ALLOW_TAGS = `${TAGS}: "This action must be allowed before the user can pass session tags. If your policy includes the first statement without the second statement, the user can't assume the role"`;

const sessionTags: ConformanceCase[] = [
  row("session tags: test-session-tags assumes my-role-example with the three tags and the external id", `${TRUST_TAGS}: "the user must pass the required session tags and external ID"`,
    onRole(TAG_USER, "sts:AssumeRole", TAG_ROLE, { resourcePolicy: tagTrust, context: tagRequest() }), "Allow"),
  row("session tags: AssumeRole without the CostCenter tag", `${TRUST_TAGS}: "This block ensures that user passes at least these three session tags. Otherwise, the operation fails"`,
    onRole(TAG_USER, "sts:AssumeRole", TAG_ROLE, { resourcePolicy: tagTrust, context: tagRequest("Engineering", null, { "aws:RequestTag/CostCenter": null }) }), "ImplicitDeny"),
  row("session tags: AssumeRole with another external id", `${TRUST_TAGS}: "The second condition block requires the user to pass an external ID with the value Example987"`,
    onRole(TAG_USER, "sts:AssumeRole", TAG_ROLE, { resourcePolicy: tagTrust, context: tagRequest("Engineering", null, { "sts:ExternalId": "Example000" }) }), "ImplicitDeny"),
  row("session tags: sts:TagSession with Department Engineering and Project, Department transitive", `${TRUST_TAGS}: the AllowPassSessionTagsAndTransitive statement`,
    onRole(TAG_USER, "sts:TagSession", TAG_ROLE, { resourcePolicy: tagTrust, context: tagRequest() }), "Allow"),
  row("session tags: sts:TagSession with Department Marketing", `${TRUST_TAGS}: "allows the user to pass only the Engineering or Marketing value for the Department session tag"`,
    onRole(TAG_USER, "sts:TagSession", TAG_ROLE, { resourcePolicy: tagTrust, context: tagRequest("Marketing") }), "Allow"),
  row("session tags: sts:TagSession with Department Sales", `${TRUST_TAGS}: "allows the user to pass only the Engineering or Marketing value for the Department session tag"`,
    onRole(TAG_USER, "sts:TagSession", TAG_ROLE, { resourcePolicy: tagTrust, context: tagRequest("Sales") }), "ImplicitDeny"),
  row("session tags: sts:TagSession setting CostCenter transitive", `${TRUST_TAGS}: "lists the maximum set of tags you can set as transitive [...] They cannot set additional tags as transitive"`,
    onRole(TAG_USER, "sts:TagSession", TAG_ROLE, { resourcePolicy: tagTrust, context: tagRequest("Engineering", ["Project", "CostCenter"]) }), "ImplicitDeny"),
  row("session tags: sts:TagSession setting only Project transitive", `${TRUST_TAGS}: "The user can choose to set a subset or no tags as transitive"`,
    onRole(TAG_USER, "sts:TagSession", TAG_ROLE, { resourcePolicy: tagTrust, context: tagRequest("Engineering", ["Project"]) }), "Allow"),
  row("session tags: sts:TagSession setting no tag transitive", `${TRUST_TAGS}: "The user can choose to set a subset or no tags as transitive" (ForAllValues on an absent key is true)`,
    onRole(TAG_USER, "sts:TagSession", TAG_ROLE, { resourcePolicy: tagTrust, context: tagRequest("Engineering", null) }), "Allow"),
  row("session tags: a trust policy with only the AssumeRole statement does not allow sts:TagSession", MUST_ALLOW_TAGS,
    onRole(TAG_USER, "sts:TagSession", TAG_ROLE, { resourcePolicy: trust(ASSUME_STATEMENT), context: tagRequest() }), "ImplicitDeny"),
  row("session tags: the user's own admin policy does not replace the trust policy's sts:TagSession", `${MUST_ALLOW_TAGS}; IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html ("IAM role trust policies [...] must explicitly allow access for principals")`,
    onRole(TAG_USER, "sts:TagSession", TAG_ROLE, { resourcePolicy: trust(ASSUME_STATEMENT), identityPolicies: [policy(allow("sts:*"))], context: tagRequest() }), "ImplicitDeny"),
  row("session tags: an explicit deny of sts:TagSession in the user's policy wins over the trust policy", `${TAGS}; IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html ("If the code finds even one explicit deny that applies")`,
    onRole(TAG_USER, "sts:TagSession", TAG_ROLE, { resourcePolicy: tagTrust, identityPolicies: [policy(deny("sts:TagSession"))], context: tagRequest() }), "ExplicitDeny"),
];

// The source-identity page's accounts and names.
const DEV_USER = `arn:aws:iam::${A}:user/DevUser`;
const DEV_ROLE = `arn:aws:iam::${A}:role/Developer_Role`;
const DEV_TRUST = trust({
  Sid: "AllowDevUserAssumeRole",
  Principal: { AWS: DEV_USER },
  Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
  Condition: { StringEquals: { "sts:SourceIdentity": "DevUser" } },
});
/** The page's permissions policy: AssumeRole, and SetSourceIdentity only as the user's own name. */
const DEV_PERMISSIONS = policy(
  { Sid: "AssumeRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: DEV_ROLE },
  { Sid: "SetAwsUserNameAsSourceIdentity", Effect: "Allow", Action: "sts:SetSourceIdentity", Resource: DEV_ROLE, Condition: { StringLike: { "sts:SourceIdentity": "${aws:username}" } } },
);

const CRITICAL = "111111111111";
const TARGET = "222222222222";
const CRITICAL_SESSION = `arn:aws:sts::${CRITICAL}:assumed-role/CriticalRole/Audit`;
const CRITICAL_2 = `arn:aws:iam::${TARGET}:role/CriticalRole_2`;
const CRITICAL_PERMISSIONS = policy({ Sid: "AssumeRoleAndSetSourceIdentity", Effect: "Allow", Action: ["sts:AssumeRole", "sts:SetSourceIdentity"], Resource: CRITICAL_2 });
const CRITICAL_2_TRUST = trust({
  Principal: { AWS: `arn:aws:iam::${CRITICAL}:role/CriticalRole` },
  Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
  Condition: { StringLike: { "aws:SourceIdentity": ["Saanvi", "Diego"] } },
});
/** A chained request: the first session's source identity persists ("both the aws:SourceIdentity and sts:SourceIdentity keys are present"). */
const chained = (who: string): RequestContextInput => ({ "aws:SourceIdentity": who, "sts:SourceIdentity": who });

// Same-account chaining: a session of CriticalRole assumes a second role of its own account.
const SAME_TARGET = `arn:aws:iam::${CRITICAL}:role/CriticalRole_3`;
const SAME_TRUST = trust({ Principal: { AWS: `arn:aws:iam::${CRITICAL}:role/CriticalRole` }, Action: ["sts:AssumeRole", "sts:SetSourceIdentity"] });
const CHAIN_BOTH = `${SOURCE_ID}: "When you assume a role with another role, called role chaining, permissions for sts:SetSourceIdentity are required in both the permissions policy of the principal who is assuming the role and in the role trust policy of the target role. Otherwise, the assume role operation will fail."`;

const sourceIdentity: ConformanceCase[] = [
  row("source identity: DevUser assumes Developer_Role setting DevUser", `${SOURCE_ID} (Example role trust policy for source identity)`,
    onRole(DEV_USER, "sts:SetSourceIdentity", DEV_ROLE, { resourcePolicy: DEV_TRUST, identityPolicies: [DEV_PERMISSIONS], context: { "sts:SourceIdentity": "DevUser" } }), "Allow"),
  row("source identity: DevUser setting another source identity", `${SOURCE_ID}: "The sts:SourceIdentity condition key defines the acceptable source identity value"`,
    onRole(DEV_USER, "sts:SetSourceIdentity", DEV_ROLE, { resourcePolicy: DEV_TRUST, identityPolicies: [DEV_PERMISSIONS], context: { "sts:SourceIdentity": "Admin" } }), "ImplicitDeny"),
  row("source identity: the AssumeRole half of the same request (condition on sts:SourceIdentity)", `${SOURCE_ID} (the trust statement allows sts:AssumeRole under the same condition)`,
    onRole(DEV_USER, "sts:AssumeRole", DEV_ROLE, { resourcePolicy: DEV_TRUST, identityPolicies: [DEV_PERMISSIONS], context: { "sts:SourceIdentity": "DevUser" } }), "Allow"),
  row("source identity: a trust policy without sts:SetSourceIdentity", `${SOURCE_ID}: "For roles that don't have this permission in the role trust policy, the AssumeRole* operation will fail"`,
    onRole(DEV_USER, "sts:SetSourceIdentity", DEV_ROLE, {
      resourcePolicy: trust({ Principal: { AWS: DEV_USER }, Action: "sts:AssumeRole" }),
      identityPolicies: [DEV_PERMISSIONS],
      context: { "sts:SourceIdentity": "DevUser" },
    }), "ImplicitDeny"),
  row("source identity cross-account: CriticalRole's session chains to CriticalRole_2 with source identity Saanvi", `${SOURCE_ID} (Role chaining and cross-account requirements)`,
    onRole(CRITICAL_SESSION, "sts:SetSourceIdentity", CRITICAL_2, { resourcePolicy: CRITICAL_2_TRUST, identityPolicies: [CRITICAL_PERMISSIONS], context: chained("Saanvi") }), "Allow"),
  row("source identity cross-account: source identity Mateo is not listed", `${SOURCE_ID} (trust on CriticalRole_2: aws:SourceIdentity Saanvi or Diego)`,
    onRole(CRITICAL_SESSION, "sts:SetSourceIdentity", CRITICAL_2, { resourcePolicy: CRITICAL_2_TRUST, identityPolicies: [CRITICAL_PERMISSIONS], context: chained("Mateo") }), "ImplicitDeny"),
  row("source identity cross-account: without the permissions policy on CriticalRole", `${SOURCE_ID}: "It must be in the permissions policy of the principal in the originating account and in the role trust policy of the role in the target account"`,
    onRole(CRITICAL_SESSION, "sts:SetSourceIdentity", CRITICAL_2, { resourcePolicy: CRITICAL_2_TRUST, context: chained("Saanvi") }), "ImplicitDeny"),
  row("source identity, same-account role chaining: trust and permissions policy both allow", CHAIN_BOTH,
    onRole(CRITICAL_SESSION, "sts:SetSourceIdentity", SAME_TARGET, { resourcePolicy: SAME_TRUST, identityPolicies: [policy(allow("sts:SetSourceIdentity", SAME_TARGET))], context: chained("Saanvi") }), "Allow"),
  row("source identity, same-account role chaining: the trust policy alone does not suffice", CHAIN_BOTH,
    onRole(CRITICAL_SESSION, "sts:SetSourceIdentity", SAME_TARGET, { resourcePolicy: SAME_TRUST, context: chained("Saanvi") }), "ImplicitDeny"),
  row("source identity, same-account role chaining: the permissions policy alone does not suffice", CHAIN_BOTH,
    onRole(CRITICAL_SESSION, "sts:SetSourceIdentity", SAME_TARGET, {
      resourcePolicy: trust({ Principal: { AWS: `arn:aws:iam::${CRITICAL}:role/CriticalRole` }, Action: "sts:AssumeRole" }),
      identityPolicies: [policy(allow("sts:SetSourceIdentity", SAME_TARGET))],
      context: chained("Saanvi"),
    }), "ImplicitDeny"),
  row("same-account role chaining without a source identity: the trust naming the first role suffices for sts:AssumeRole", `STS/latest/APIReference/API_AssumeRole.html ("the role's trust policy acts as an IAM resource-based policy"); contrast with ${SOURCE_ID}`,
    onRole(CRITICAL_SESSION, "sts:AssumeRole", SAME_TARGET, { resourcePolicy: SAME_TRUST }), "Allow"),
];

// IAM Identity Center: the role a permission set creates in a member account.
const MEMBER = "444455556666";
const SSO_PROVIDER = `arn:aws:iam::${MEMBER}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE`;
const SSO_ROLE = `arn:aws:iam::${MEMBER}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_0123456789abcdef`;
const SSO_SESSION = `arn:aws:sts::${MEMBER}:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/jane@example.com`;
/** The trust policy Identity Center writes on its roles: its SAML provider, with the sign-in audience. */
const SSO_TRUST = trust({
  Principal: { Federated: SSO_PROVIDER },
  Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
  Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
});
const readBucket = policy(allow(["s3:GetObject", "s3:ListBucket"]));
const ssoRead = (rest: Partial<EvaluateInput>): EvaluateInput =>
  ({ principal: SSO_SESSION, action: "s3:GetObject", resource: "arn:aws:s3:::team-data/report.csv", resourceAccount: MEMBER, identityPolicies: [readBucket], ...rest });
const SSO_NOT_SLR = `${SSO} (permission-set roles live under /aws-reserved/sso.amazonaws.com/, they are not service-linked roles); ${SCPS} ("SCPs do not affect any service-linked role")`;

const identityCenter: ConformanceCase[] = [
  row("Identity Center: the SAML provider exchanges a sign-in assertion for the permission-set role", `${SSO}; IAM/latest/UserGuide/id_roles_create_for-idp_saml.html (SAML:aud https://signin.aws.amazon.com/saml)`,
    onRole(SSO_PROVIDER, "sts:AssumeRoleWithSAML", SSO_ROLE, { resourcePolicy: SSO_TRUST, context: { "SAML:aud": "https://signin.aws.amazon.com/saml" } }), "Allow"),
  row("Identity Center: the SAML provider tags the session (sts:TagSession in the trust)", `${SSO}; ${TAGS} ("trust policies for all roles connected to the identity provider (IdP) passing tags must have the sts:TagSession permission")`,
    onRole(SSO_PROVIDER, "sts:TagSession", SSO_ROLE, { resourcePolicy: SSO_TRUST, context: { "SAML:aud": "https://signin.aws.amazon.com/saml" } }), "Allow"),
  row("Identity Center: another SAML audience", `${SSO}; IAM/latest/UserGuide/id_roles_create_for-idp_saml.html`,
    onRole(SSO_PROVIDER, "sts:AssumeRoleWithSAML", SSO_ROLE, { resourcePolicy: SSO_TRUST, context: { "SAML:aud": "https://example.com/saml" } }), "ImplicitDeny"),
  row("Identity Center: a permission-set session reads as its permission set allows", SSO,
    ssoRead({}), "Allow"),
  row("Identity Center: an SCP deny applies to a permission-set session (not a service-linked role)", SSO_NOT_SLR,
    ssoRead({ scps: [[FULL_ACCESS, policy(deny("s3:*"))]] }), "ExplicitDeny"),
  row("Identity Center: an SCP level without an allow restricts a permission-set session", SSO_NOT_SLR,
    ssoRead({ scps: [[FULL_ACCESS], [policy(allow("ec2:*"))]] }), "ImplicitDeny"),
];

export const cases: ConformanceCase[] = [...sessionTags, ...sourceIdentity, ...identityCenter];
