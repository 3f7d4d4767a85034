/**
 * `iam-spec explain` through the real CLI: one request, its decision, each policy type's answer and the
 * deciding statements with file and line. The environments are the repository's examples; the expected
 * decisions follow from the AWS evaluation logic (IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an SCP Deny wins over an identity Allow; nothing granting is an implicit deny.
 */
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

const cli = (args: string[], cwd = ROOT) => runCli(args, { cwd });
const PROD_ADMIN = "arn:aws:iam::111122223333:role/admin";

describe("iam-spec explain", () => {
  it("an SCP Deny decides over the identity Allow: ExplicitDeny, both types' answers, the SCP statement with file:line", async () => {
    const r = await cli(["explain", "--as", PROD_ADMIN, "--action", "organizations:LeaveOrganization", "examples/org-guardrails/specs", "--reporter", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.decision).toBe("ExplicitDeny");
    expect(doc.request).toMatchObject({ principal: "arn:aws:sts::111122223333:assumed-role/admin/iam-spec", action: "organizations:LeaveOrganization", resource: "*" });
    const answers = Object.fromEntries(doc.policyTypes.map((t: any) => [t.type, t.answer]));
    expect(answers).toEqual({ scp: "deny", identity: "allow" });
    expect(doc.deciding).toEqual([
      expect.objectContaining({ policyType: "scp", effect: "Deny", sid: "DenyLeavingTheOrganization", file: "examples/org-guardrails/scps/deny-leave-organization.json", line: 4, level: 1 }),
    ]);
  });

  /** ec2:RunInstances by the production admin in a region (org-guardrails locks regions with an SCP), as JSON. */
  const runInstancesIn = async (region: string) => {
    const r = await cli([
      "explain", "--as", PROD_ADMIN, "--action", "ec2:RunInstances", "--on", `arn:aws:ec2:${region}:111122223333:instance/i-1`,
      "--when", `aws:RequestedRegion=${region}`, "--reporter", "json", "examples/org-guardrails/env.yaml",
    ]);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  it("the same principal on an allowed request: Allow, decided by the identity policy; --when keys reach the context", async () => {
    const doc = await runInstancesIn("us-east-1");
    expect(doc.decision).toBe("Allow");
    expect(doc.request.context["aws:RequestedRegion"]).toBe("us-east-1");
    expect(doc.policyTypes.find((t: any) => t.type === "scp").answer).toBe("allow");
    expect(doc.deciding.some((s: any) => s.policyType === "identity" && s.effect === "Allow")).toBe(true);
  });

  it("the region lock flips it: another region is denied by the region SCP", async () => {
    const doc = await runInstancesIn("ap-south-1");
    expect(doc.decision).toBe("ExplicitDeny");
    expect(doc.deciding[0]).toMatchObject({ policyType: "scp", effect: "Deny" });
    expect(doc.deciding[0].file).toMatch(/^examples\/org-guardrails\/scps\/.+\.json$/);
  });

  it("pretty: request, decision with why, policy types and deciding statements", async () => {
    const r = await cli(["explain", "--as", "role/deploy", "--action", "s3:GetObject", "--on", "arn:aws:s3:::acme-artifacts/releases/x", "--when", "aws:SourceIp=203.0.113.7", "test/fixtures/cli/passing"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Request\n  principal  arn:aws:sts::111122223333:assumed-role\/deploy\/iam-spec\n/);
    expect(r.stdout).toContain('aws:SourceIp: "203.0.113.7"');
    expect(r.stdout).toMatch(/Decision  Allow\n  why  an identity-based policy allows it/);
    expect(r.stdout).toMatch(/Deciding statements\n  Allow identity policy test\/fixtures\/cli\/passing\/policies\/deploy\.json, Sid "ReadReleasesFromOffice" at test\/fixtures\/cli\/passing\/policies\/deploy\.json:10/);
    // Outside the office network the same request is not allowed (the statement's aws:SourceIp condition).
    const other = await cli(["explain", "--as", "role/deploy", "--action", "s3:GetObject", "--on", "arn:aws:s3:::acme-artifacts/releases/x", "--when", "aws:SourceIp=198.51.100.1", "test/fixtures/cli/passing", "--reporter", "json"]);
    expect(JSON.parse(other.stdout).decision).toBe("ImplicitDeny");
  });

  it.each([
    [["--as", "role/nobody", "--action", "s3:GetObject", "--on", "arn:aws:s3:::acme-artifacts/x"], /^iam-spec explain: no role "nobody" in the environment \(/m],
    [["--as", "role/deploy", "--action", "s3:GetObjekt", "--on", "arn:aws:s3:::acme-artifacts/x"], /"s3:GetObjekt" matches no known AWS action \(did you mean s3:GetObject/],
    [["--as", "role/deploy", "--action", "s3:Get*"], /names \d+ actions .*explain takes one request/],
    [["--as", "role/deploy"], /--action is required/],
    [["--as", "role/deploy", "--action", "s3:GetObject", "--when", "novalue"], /--when novalue: expected KEY=VALUE/],
    [["--as", "role/deploy", "--action", "s3:GetObject", "--reporter", "junit"], /unknown reporter "junit" for explain/],
  ])("invalid input %j: exit 2 with a hint", async (args, message) => {
    const r = await cli(["explain", ...args, "test/fixtures/cli/passing"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/\(.+\)\n$/);
  });

  it("an environment file with an error is reported at its file:line:column; json holds the errors", async () => {
    const r = await cli(["explain", "--as", "role/deploy", "--action", "iam:CreateUser", "test/fixtures/bad-inputs/env-account-id/env.yaml", "--reporter", "json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors).toContainEqual(expect.objectContaining({ file: "test/fixtures/bad-inputs/env-account-id/env.yaml", line: 2, column: 3, message: expect.stringMatching(/key "12345" is not valid/) }));
    expect(r.stderr).toMatch(/^test\/fixtures\/bad-inputs\/env-account-id\/env\.yaml:2:3: accounts: key "12345" is not valid/m);
    const missing = await cli(["explain", "--as", "role/deploy", "--action", "s3:GetObject", "no/such/dir"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file or directory: no\/such\/dir/);
  });

  it("a policy known only after terraform apply is no answer: an input error, never its placeholder's Deny", async () => {
    const r = await cli(["explain", "--as", "role/app-handler", "--action", "s3:GetObject", "--on", "arn:aws:s3:::acme-app-data/x", "test/fixtures/init/environment.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the answer depends on inline identity policy of role\/app-handler, which is known only after terraform apply/);
    const known = await cli(["explain", "--as", "user/ci-deployer", "--action", "s3:PutObject", "--on", "arn:aws:s3:::acme-app-data/builds/x", "test/fixtures/init/environment.yaml", "--reporter", "json"]);
    expect(known.code).toBe(0);
    expect(JSON.parse(known.stdout).deciding[0]).toMatchObject({ policyType: "identity", effect: "Allow", file: "test/fixtures/init/plan.json" });
  });

  it("an answer that depends on an open point says so, with the reading it was decided under", async () => {
    // A bucket no account lists has an owner the environment does not know (contract section 3).
    const r = await cli(["explain", "--as", "user/admin", "--action", "s3:GetObject", "--on", "arn:aws:s3:::somebody-elses-bucket/x", "test/fixtures/cli-fidelity/env.yaml", "--reporter", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.undetermined).toEqual(["unlisted-bucket-owner"]);
    expect(doc.readings["unlisted-bucket-owner"]).toBeDefined();
    const pretty = await cli(["explain", "--as", "user/admin", "--action", "s3:GetObject", "--on", "arn:aws:s3:::somebody-elses-bucket/x", "test/fixtures/cli-fidelity/env.yaml"]);
    expect(pretty.stdout).toMatch(/undetermined  the AWS documentation leaves unlisted-bucket-owner open/);
  });

  it("a folder whose specs use several environments is an input error naming them", async () => {
    const r = await cli(["explain", "--as", "role/deploy", "--action", "iam:CreateUser", "examples"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the specs under examples use \d+ different environments \(.*\) \(name one spec file or environment file\)/);
  });

  it("--help; colour only when asked for (FORCE_COLOR), never with NO_COLOR", async () => {
    const help = await cli(["explain", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: iam-spec explain --as PRINCIPAL --action ACTION/);
    const args = ["explain", "--as", "role/deploy", "--action", "s3:PutObject", "--on", "arn:aws:s3:::acme-artifacts/builds/x", "test/fixtures/cli/passing"];
    const plain = await runCli(args, { cwd: ROOT, env: { NO_COLOR: "1" } });
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    const forced = await runCli(args, { cwd: ROOT, env: { FORCE_COLOR: "1" } });
    expect(forced.stdout).toMatch(/\x1b\[32mAllow/);
  });
});
