/**
 * Decisions the AWS documentation states, through the CLI, as "+"/"-" pairs (the may and the mayNot of
 * one request: exactly one holds), each mayNot sampled, proved, and proved with no sampling (the
 * three agree). The fixtures' comments quote the page behind each group; the ids are listed by
 * whether AWS allows the request.
 */
import { describe, expect, it } from "vitest";
import { checkFixture, cli, pairs } from "./fixture-pairs.js";
import { runCli } from "./run-cli.js";

/**
 * Principal forms (IAM/latest/UserGuide/reference_policies_elements_principal.html): a role ARN grants
 * every session of the role, a session ARN only that session; "*" and {"AWS": "*"} include anonymous
 * callers; an account principal delegates to the account's IAM (reference_policies_evaluation-logic-cross-account.html);
 * the root user has full access but for explicit denies (reference_policies_evaluation-logic_policy-eval-denyallow.html);
 * service principals with aws:SourceArn / aws:SourceAccount (IAM/latest/UserGuide/confused-deputy.html).
 */
describe("principal forms in resource policies (reference_policies_elements_principal.html)", () => {
  checkFixture("test/fixtures/cli-docs-principals", pairs("R1 R3 P1 P2 A1 A3 U1 S1 S3 X1", "R2 R4 P3 A2 A4 U2 U3 U4 S2 S4 X2 X3"));
});

/**
 * SCPs (organizations/latest/userguide/orgs_manage_policies_scps.html: management account and
 * service-linked roles exempt, member root users restricted), RCPs (orgs_manage_policies_rcps.html:
 * supported services only, management account exempt), KMS key policies (kms/latest/developerguide/key-policies.html,
 * key-policy-default.html, key-policy-modifying-external-accounts.html), permissions boundaries
 * (access_policies_boundaries.html; the denyallow page on user, role and session ARNs) and session
 * policies (access_policies.html#policies_session).
 */
describe("SCPs, RCPs, key policies, boundaries and session policies (orgs_manage_policies_scps.html, key-policies.html, access_policies_boundaries.html)", () => {
  checkFixture("test/fixtures/cli-docs-guardrails", pairs("G1 G3 G6 C2 C3 K1 K3 K5 B1 B3 B5 P1", "G2 G4 G5 C1 C4 K2 K4 K6 B2 B4 P2 P3"));
});

/**
 * Condition operators and variables of the IAM example policies: ${aws:username} (absent for roles),
 * default values, tag-based access, BoolIfExists vs Bool on a missing MFA key, aws:SourceIp with
 * aws:ViaAWSService (absent through a VPC endpoint, so NotIpAddress denies), StringNotEquals on a missing key, aws:SecureTransport, ForAllValues / ForAnyValue
 * on an absent aws:TagKeys, dates, aws:TokenIssueTime revocation, iam:PassedToService, sts:ExternalId,
 * StringEqualsIgnoreCase (reference_policies_elements_condition_operators.html, reference_policies_variables.html).
 */
describe("conditions and variables of the IAM example policies (reference_policies_elements_condition_operators.html, reference_policies_variables.html)", () => {
  checkFixture("test/fixtures/cli-docs-conditions", pairs("V1 V4 V6 T1 M1 M3 I2 I3 E1 S1 K1 K3 K5 D1 R2 A1 P1 X1 C1", "V2 V3 V5 T2 M2 M4 I1 I4 E2 E3 S2 K2 K4 D2 R1 A2 P2 X2 C2"));
});

/**
 * Roles and sessions: a trust naming the account needs the caller's IAM policy, one naming the user
 * does not (STS/latest/APIReference/API_AssumeRole.html); the root user cannot assume a role; trust by
 * aws:PrincipalOrgID; service, OIDC (id_roles_create_for-idp_oidc.html) and SAML (id_roles_create_for-idp_saml.html)
 * principals; sts:RoleSessionName; chains; session tags need sts:TagSession and override the role's
 * tag of the same key (IAM/latest/UserGuide/id_session-tags.html); an unauthenticated caller never gets a
 * role session, whatever the trust policy says (API_AssumeRole.html: "credentials for an IAM user or an IAM role"),
 * and only a provider exchanges a token (API_AssumeRoleWithWebIdentity.html: the call "does not require the use of
 * AWS security credentials").
 */
describe("roles, trust policies and sessions (API_AssumeRole.html, id_session-tags.html)", () => {
  checkFixture("test/fixtures/cli-docs-roles", { ...pairs("T1 T3 O1 S1 W1 W3 W6 N1 C1 G1 G3 A1", "T2 T4 T5 T6 O2 O3 S2 W2 W4 W5 W7 N2 C4 G2 G4 A2"), "A3-": "passed" });
});

/**
 * Global keys as reference_policies_condition-keys.html puts them in requests: aws:RequestedRegion of
 * IAM is us-east-1, aws:PrincipalType (User, AssumedRole, Account), aws:username (absent for roles),
 * aws:VpcSourceIp only through an endpoint, aws:MultiFactorAuthAge only with MFA, aws:CalledViaFirst
 * with aws:CalledVia, aws:TagKeys with aws:RequestTag/*, aws:TokenIssueTime in every role session.
 * Q22- and Q23- have no twin: the may of a request with no `when` is exactly that request, which AWS
 * never sends (a role session always carries aws:TokenIssueTime; aws:CalledViaFirst comes with aws:CalledVia).
 */
describe("global keys present as the condition-keys page says (reference_policies_condition-keys.html)", () => {
  checkFixture("test/fixtures/cli-docs-keys", {
    ...pairs("Q2 Q4 Q5 Q8 Q10 Q12 Q15 Q17 Q19 Q21", "Q1 Q3 Q6 Q7 Q9 Q11 Q13 Q14 Q16 Q18 Q20"),
    "Q22-": "passed",
    "Q23-": "passed",
  });
});

/**
 * Service example policies: the key policy of an AWS managed key (kms:CallerAccount and kms:ViaService,
 * kms/latest/developerguide/conditions-kms.html), kms:EncryptionContext:*, delegated administration
 * with iam:PermissionsBoundary and iam:PolicyARN (access_policies_boundaries.html), s3:prefix
 * (AmazonS3/latest/userguide/amazon-s3-policy-keys.html), ec2:InstanceType on RunInstances
 * (AWSEC2/latest/UserGuide/ExamplePolicies_EC2.html), dynamodb:LeadingKeys with a Login with Amazon
 * variable (amazondynamodb/latest/developerguide/specifying-conditions.html), grants for AWS resources only
 * (kms:GrantIsForAWSResource, kms/latest/developerguide/key-policy-default.html).
 */
describe("service example policies (conditions-kms.html, amazon-s3-policy-keys.html, specifying-conditions.html)", () => {
  checkFixture("test/fixtures/cli-docs-services", pairs("M1 E1 D1 D4 L1 L2 I1 I3 F1 G1", "M2 M3 M4 E2 E3 D2 D3 D5 L3 L4 L5 I2 F2 G2 G3"));
});

/**
 * NotAction with Allow and with Deny (reference_policies_elements_notaction.html: "every action in every
 * AWS service except for IAM"; the DenyAllUsersNotUsingMFA example), NotResource (reference_policies_elements_notresource.html:
 * the HRPayroll example), NotPrincipal with Deny and a boundary (reference_policies_elements_notprincipal.html:
 * "will always deny any IAM principal that has a permissions boundary policy attached"), and a VPC
 * endpoint policy (vpc/latest/privatelink/vpc-endpoints-access.html: it "does not override or replace
 * identity-based policies or resource-based policies").
 */
describe("NotAction, NotResource, NotPrincipal and endpoint policies (reference_policies_elements_notaction.html, _notresource.html, _notprincipal.html)", () => {
  checkFixture("test/fixtures/cli-docs-elements", pairs("A1 A4 A5 R1 R3 N1 E1 E4", "A2 A3 R2 R4 N2 N3 E2 E3"));
});

/**
 * Where the docs are silent the answer is undetermined until the environment picks a reading
 * (contract section 2): a Principal "*" grant meets a boundary that does not allow the action
 * (reference_policies_evaluation-logic_policy-eval-denyallow.html names user, role and session ARNs only).
 */
describe("an open point is undetermined until a reading is chosen (reference_policies_evaluation-logic_policy-eval-denyallow.html)", () => {
  it("undetermined both ways without a reading; each reading decides; a caller the point does not reach is settled", async () => {
    const byId = await cli("test/fixtures/cli-docs-open");
    for (const id of ["U1+", "U1-"]) {
      expect(byId.get(id)?.status, id).toBe("failed");
      expect((byId.get(id) as { undetermined?: string[] }).undetermined, id).toEqual(["principal-star-boundary"]);
      expect(byId.get(id)?.message, id).toMatch(/assumptions/);
    }
    const expected = { ...pairs("U2 N1", "L1") };
    for (const [id, status] of Object.entries(expected)) expect(byId.get(id)?.status, `${id}: ${byId.get(id)?.message ?? ""}`).toBe(status);
    expect(byId.get("L1-")?.evidence?.method).toBe("proved");
  });
});

/**
 * Role chaining "limits your AWS CLI or AWS API role session to a maximum of one hour"
 * (STS/latest/APIReference/API_AssumeRole.html, DurationSeconds): a mayNot of a chained session asking
 * for more would hold having checked nothing, so it is an input error that says why, as one above the
 * role's maxSessionDuration is (the may of it fails, saying why).
 */
it("a chained session longer than one hour is refused with the reason (API_AssumeRole.html, DurationSeconds)", async () => {
  const r = await runCli(["test", "test/fixtures/cli-docs-chain-duration"]);
  expect(r.code).toBe(2);
  expect(r.stdout + r.stderr).toMatch(/chain\.iamspec\.yaml:13:\d+: session\.durationSeconds: 7200 is above 3600, the limit for role chaining \(role\/hop1 assumes arn:aws:iam::111122223333:role\/hop2\)/);
});

/**
 * Identities: group policies apply to members, a group's Deny included (IAM/latest/UserGuide/id_groups.html);
 * AWS managed policies (AmazonS3ReadOnlyAccess, PowerUserAccess with its IAM exceptions, AWSDenyAll) and
 * customer managed ones (access_policies_managed-vs-inline.html); a role's path is in its ARN and in
 * aws:PrincipalArn but not in its sessions' ARNs, and aws:username is the name without the path
 * (reference_identifiers.html, reference_policies_variables.html).
 */
describe("groups, managed policies and paths (id_groups.html, access_policies_managed-vs-inline.html, reference_identifiers.html)", () => {
  checkFixture("test/fixtures/cli-docs-identities", pairs("G1 G3 P1 P3 A1 A2 A4 U1", "G2 G4 P2 P4 A3 U2"));
});

/**
 * Cross-account requests (IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html):
 * both accounts must allow, an explicit deny on either side denies, a grant naming the user does not
 * replace her identity policy, and a boundary or session policy limits the caller's side even under a
 * grant naming its role or session ARN; a role trusting an account needs the caller's IAM policy
 * (STS/latest/APIReference/API_AssumeRole.html); SCPs limit what a bucket policy grants in their own
 * account (orgs_manage_policies_scps.html); a bucket shared for listing only
 * (AmazonS3/latest/userguide/example-walkthroughs-managing-access-example2.html).
 */
describe("cross-account requests (reference_policies_evaluation-logic-cross-account.html)", () => {
  checkFixture("test/fixtures/cli-docs-cross-account", pairs("X1 X8 X9 R1 B1", "X2 X3 X4 X5 X6 X7 R2 C1 B2"));
});

/**
 * SCP inheritance (organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html): an allow
 * list at an OU denies what it does not list, to its child OUs too; a level holding only Deny statements
 * allows nothing; the management account is exempt (orgs_manage_policies_scps.html).
 */
describe("SCP inheritance (orgs_manage_policies_scps_evaluation.html)", () => {
  checkFixture("test/fixtures/cli-docs-org", pairs("L1 L3 M1", "L2 L4 D1"));
});
