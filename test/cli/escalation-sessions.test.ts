/**
 * The keys of a session on the steps of a mayBecome / mayNotBecome path, as in a may / mayNot of the
 * same caller. "+"/"-" pairs are the mayBecome and mayNotBecome of one question, of which exactly one holds.
 * - aws:FederatedProvider (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-federatedprovider:
 *   "present in the role-session of a role that was assumed using OpenID Connect (OIDC) provider"): the
 *   fixture's trust policy (role/release) and permission policy (role/gha to role/platform) read it.
 * - aws:SourceIdentity (IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html): whoever
 *   assumes a role whose trust policy allows sts:SetSourceIdentity chooses it; it stays in the sessions
 *   the session chains to, and chaining with one needs sts:SetSourceIdentity.
 */
import { describe, expect, it } from "vitest";
import { bothQuestions, json } from "./escalation-twins.js";
import { runCli } from "./run-cli.js";

interface Result {
  name: string;
  status: string;
  message?: string;
  path?: { principal: string; action: string; resource: string; decision: string }[];
}

async function resultsOf(dir: string): Promise<Map<string, Result>> {
  const r = await runCli(["test", dir, "--reporter", "json", "--seed", "1"]);
  expect(r.stderr).toBe("");
  return new Map((JSON.parse(r.stdout) as { results: Result[] }).results.map((x) => [x.name.split(" ")[0]!, x]));
}

describe("aws:FederatedProvider on escalation paths (reference_policies_condition-keys.html#condition-keys-federatedprovider)", () => {
  it("each expectation as AWS decides it; exactly one of each mayBecome / mayNotBecome pair holds", async () => {
    const byId = await resultsOf("test/fixtures/escalation-federated-provider");
    const expected: Record<string, string> = { "B1+": "passed", "B1-": "failed", "B2+": "passed", "B2-": "failed", "B4+": "failed", "B4-": "passed", "B5-": "failed", "B6-": "failed", "B7+": "passed", "B7-": "failed" };
    expect([...byId.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [id, status] of Object.entries(expected)) expect(byId.get(id)?.status, `${id}: ${byId.get(id)?.message ?? ""}`).toBe(status);
  });

  it("the web-identity session carries its provider into sts:AssumeRole of a role whose trust policy reads it", async () => {
    const path = (await resultsOf("test/fixtures/escalation-federated-provider")).get("B1-")!.path!;
    expect(path.map((s) => `${s.action} ${s.resource} ${s.decision}`)).toEqual([
      "sts:AssumeRoleWithWebIdentity arn:aws:iam::111122223333:role/gha Allow",
      "sts:AssumeRole arn:aws:iam::111122223333:role/release Allow",
    ]);
  });

  it("a permission policy that reads the provider lets the web-identity session on, and no session made by sts:AssumeRole", async () => {
    const byId = await resultsOf("test/fixtures/escalation-federated-provider");
    expect(byId.get("B2-")!.path!.map((s) => s.resource)).toEqual(["arn:aws:iam::111122223333:role/gha", "arn:aws:iam::111122223333:role/platform"]);
    // ops reaches gha by sts:AssumeRole: that session has no provider, so neither release nor platform.
    expect(byId.get("B4-")!.status).toBe("passed");
  });

  it("the role session an identity pool gets (iam:PassRole + SetIdentityPoolRoles) carries cognito-identity.amazonaws.com", async () => {
    const path = (await resultsOf("test/fixtures/escalation-federated-provider")).get("B7-")!.path!;
    expect(path.map((s) => `${s.action} ${s.resource} ${s.decision}`)).toEqual([
      "iam:PassRole arn:aws:iam::111122223333:role/cognito-app Allow",
      "cognito-identity:SetIdentityPoolRoles * Allow",
      "sts:AssumeRoleWithWebIdentity arn:aws:iam::111122223333:role/cognito-app Allow",
      "sts:AssumeRole arn:aws:iam::111122223333:role/platform Allow",
    ]);
  });

  it("without assumedBy, a mayNotBecome tries the sessions a web-identity provider makes, as the mayNot of the same request does", async () => {
    const byId = await resultsOf("test/fixtures/escalation-federated-provider");
    expect(byId.get("B5-")!.message).toMatch(/web-identity session of arn:aws:iam::111122223333:oidc-provider\/token\.actions\.githubusercontent\.com/);
    expect(byId.get("B6-")!.message).toMatch(/a session made by sts:AssumeRoleWithWebIdentity of arn:aws:iam::111122223333:oidc-provider\/token\.actions\.githubusercontent\.com/);
  });
});

describe("aws:SourceIdentity on escalation paths (id_credentials_temp_control-access_monitor.html)", () => {
  it("each expectation as AWS decides it; exactly one of each mayBecome / mayNotBecome pair holds", async () => {
    const byId = await resultsOf("test/fixtures/escalation-source-identity");
    const expected: Record<string, string> = { "S1-": "failed", "S2-": "failed", "S3-": "passed", "S4+": "failed", "S4-": "passed", "S5+": "passed", "S5-": "failed" };
    expect([...byId.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [id, status] of Object.entries(expected)) expect(byId.get(id)?.status, `${id}: ${byId.get(id)?.message ?? ""}`).toBe(status);
  });

  it("a mayNotBecome tries the source identities the policies name, as the mayNot of the same request does", async () => {
    const byId = await resultsOf("test/fixtures/escalation-source-identity");
    expect(byId.get("S1-")!.message).toMatch(/source identity break-glass-admin/);
    expect(byId.get("S2-")!.message).toMatch(/source identity break-glass-admin, set with sts:SetSourceIdentity/);
  });

  it("chaining with a source identity asks sts:SetSourceIdentity of the next role too", async () => {
    const path = (await resultsOf("test/fixtures/escalation-source-identity")).get("S5-")!.path!;
    expect(path.map((s) => `${s.action} ${s.resource} ${s.decision}`)).toEqual([
      "sts:AssumeRole arn:aws:iam::111122223333:role/platform Allow",
      "sts:SetSourceIdentity arn:aws:iam::111122223333:role/platform Allow",
    ]);
  });
});

describe("a source identity set on the way, not where the path starts (id_credentials_temp_control-access_monitor.html)", () => {
  // bench/escalation/scenarios/source-identity-mid-path: admin trusts ops sessions whose source identity
  // is release-bot; dev (a user: no session to start with) sets it when it assumes ops.
  const twin = (t: "buggy" | "fixed") => json(bothQuestions("source-identity-mid-path", t), t === "fixed" ? ["--require-proof"] : []);

  it("buggy twin: dev sets release-bot on the first hop and chains to admin; mayBecome holds, mayNotBecome fails", async () => {
    const { code, results } = await twin("buggy");
    expect(code).toBe(1);
    expect(results.map((r) => r.status)).toEqual(["passed", "failed"]);
    const path = results[0]!.path!;
    expect(path.map((s) => `${s.action} ${s.resource.split("/").pop()}`)).toEqual(["sts:AssumeRole ops", "sts:SetSourceIdentity ops", "sts:AssumeRole admin", "sts:SetSourceIdentity admin"]);
    expect(path.every((s) => s.context?.["sts:SourceIdentity"] === "release-bot")).toBe(true);
  });

  it("fixed twin (sts:SourceIdentity ${aws:username} on ops): mayNotBecome holds, proved; mayBecome fails", async () => {
    const { results } = await twin("fixed");
    expect(results.map((r) => r.status)).toEqual(["failed", "passed"]);
    expect(results[1]!.evidence).toMatchObject({ method: "proved" });
  });
});
