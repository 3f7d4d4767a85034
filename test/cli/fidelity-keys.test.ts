/**
 * Global condition keys as AWS puts them in the request context, through the CLI
 * (IAM/latest/UserGuide/reference_policies_condition-keys.html, the "Availability" of each key).
 * Each fixture holds "+"/"-" pairs: the may and the mayNot of one request, of which exactly one holds.
 * Every mayNot is run three ways, which must agree: sampled then proved (the default), sampled only
 * (--no-prove), and proved only (no sampled request at all).
 */
import { describe, expect, it } from "vitest";
import { checkFixture, cli, outcomes } from "./fixture-pairs.js";

/**
 * aws:FederatedProvider: "This key is present in the role-session of a role that was assumed using
 * OpenID Connect (OIDC) provider, and in the role-trust policy when an OIDC provider is used to call
 * AssumeRoleWithWebIdentity"; a built-in provider's value is its name (`cognito-identity.amazonaws.com`),
 * another's the IAM OIDC provider's ARN (reference_policies_condition-keys.html#condition-keys-federatedprovider).
 */
describe("aws:FederatedProvider (reference_policies_condition-keys.html#condition-keys-federatedprovider)", () => {
  checkFixture("test/fixtures/cli-fidelity-federated-provider", outcomes("P1+ P2- P3+ P4+", "P1- P2+ P3- P4- P6-"));
  it("without assumedBy, a session of a role a web identity can assume is tried as that identity's", async () => {
    const byId = await cli("test/fixtures/cli-fidelity-federated-provider");
    expect(byId.get("P6-")?.message).toMatch(/a session made by sts:AssumeRoleWithWebIdentity of arn:aws:iam::111122223333:oidc-provider\/token\.actions\.githubusercontent\.com/);
  });
});

/**
 * aws:SourceOrgID / aws:SourceOrgPaths: "included in the request context only when the call to your
 * resource is being made directly by an AWS service principal on behalf of a resource owned by an
 * account which is a member of an organization. The calling service passes the organization ID of the
 * original resource" (reference_policies_condition-keys.html#condition-keys-sourceorgid): they follow
 * aws:SourceAccount. The RCP is the page's RCPEnforceConfusedDeputyProtection written with aws:SourceOrgID.
 */
describe("aws:SourceOrgID and aws:SourceOrgPaths follow aws:SourceAccount (reference_policies_condition-keys.html#condition-keys-sourceorgid)", () => {
  checkFixture("test/fixtures/cli-fidelity-source-org", outcomes("G1- G2+ G3+ G4- G5-", "G1+ G2- G3- G4+ G6-"));
  it("a counterexample's organization keys are those of its account", async () => {
    const byId = await cli("test/fixtures/cli-fidelity-source-org");
    const ctx = byId.get("G6-")!.counterexample!.context;
    expect(ctx["aws:SourceAccount"]).toBe("111122223333");
    expect(ctx["aws:SourceOrgID"]).toBe("o-a1b2c3d4e5");
    expect(ctx["aws:SourceOrgPaths"]).toEqual([expect.stringMatching(/^o-a1b2c3d4e5\/r-[0-9a-z]+\/ou-ab12-11111111\/$/)]);
  });
});

/**
 * Keys of a session's credentials: aws:MultiFactorAuthPresent "is not present for federated identities"
 * (#condition-keys-multifactorauthpresent); aws:TokenIssueTime only "when the principal uses temporary
 * credentials" (#condition-keys-tokenissuetime), which the unsigned AssumeRoleWithWebIdentity call does
 * not (STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html); aws:Ec2InstanceSourceVpc and
 * aws:Ec2InstanceSourcePrivateIPv4 "whenever the requester is signing requests with an Amazon EC2 role
 * credential" (#condition-keys-ec2instancesourcevpc): a role session may carry them, a user never.
 */
describe("session credential keys (reference_policies_condition-keys.html#condition-keys-multifactorauthpresent, #condition-keys-tokenissuetime, #condition-keys-ec2instancesourcevpc)", () => {
  checkFixture("test/fixtures/cli-fidelity-session-keys", outcomes("M1- T1- M2- E1+ E2-", "M1+ T1+ M2+ M3- E1- E3- E2+"));
  it("a found EC2 role credential request carries both keys", async () => {
    const ctx = (await cli("test/fixtures/cli-fidelity-session-keys")).get("E3-")!.counterexample!.context;
    expect(ctx["aws:Ec2InstanceSourceVpc"]).toBe("vpc-0a1b2c3d4e5f60718");
    expect(typeof ctx["aws:Ec2InstanceSourcePrivateIPv4"]).toBe("string");
  });
});

/**
 * CloudWatch Logs names (AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html): a log group
 * name is `[\.\-_/#A-Za-z0-9]+`, with no `:`; its ARN is written with and without a trailing `:*`,
 * "both ... are used" (AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html). A sampled or
 * proved log group named `a/b:log-stream:a/b` made a streams-only grant look like one on log groups.
 */
describe("log group names hold no `:` (AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html)", () => {
  checkFixture("test/fixtures/cli-fidelity-log-groups", outcomes("L1- L2+ L4-", "L1+ L2- L3-"));
  it("a counterexample on a log group names a log group: its own name, or that name and `:*`", async () => {
    const byId = await cli("test/fixtures/cli-fidelity-log-groups");
    expect(byId.get("L3-")!.counterexample!).toMatchObject({ resource: "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/prod:*" });
  });
});

/**
 * SES address keys (ses/latest/dg/control-user-access.html): the From, recipient and Return-Path
 * addresses of a message. `@example.com`, a policy's `*@example.com` with `*` as nothing, is no
 * address a message is sent from.
 */
describe("ses:FromAddress holds an email address (ses/latest/dg/control-user-access.html)", () => {
  checkFixture("test/fixtures/cli-fidelity-ses-addresses", outcomes("S1+ S3-", "S1- S2-"));
  it("a found request's From address has a local part and a domain", async () => {
    const ctx = (await cli("test/fixtures/cli-fidelity-ses-addresses")).get("S2-")!.counterexample!.context;
    expect(ctx["ses:FromAddress"]).toMatch(/^[^@\s*?]+@example\.com$/);
  });
});

/**
 * aws:SourceIdentity (IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html): whoever
 * assumes a role whose trust policy allows sts:SetSourceIdentity sets the session's source identity, or
 * none; a mayNot without `session.sourceIdentity` covers every choice (sampled from the policies'
 * values, proved over every value STS accepts), and a role without it has sessions with none.
 */
describe("aws:SourceIdentity is the assumer's choice where the trust policy allows sts:SetSourceIdentity (id_credentials_temp_control-access_monitor.html)", () => {
  checkFixture("test/fixtures/cli-fidelity-source-identity", outcomes("I1+ I3- I4+ I6-", "I1- I2- I4- I5-"));
  it("a found request names the source identity its session was given", async () => {
    const byId = await cli("test/fixtures/cli-fidelity-source-identity");
    expect(byId.get("I2-")!.message).toMatch(/source identity break-glass-admin, set with sts:SetSourceIdentity/);
    expect(byId.get("I5-")!.message).toMatch(/source identity [\w+=,.@-]{2,64}, set with sts:SetSourceIdentity/);
    expect(byId.get("I5-")!.message).not.toMatch(/source identity contractor-(bob|eve)/);
  });
});
