/**
 * `iam-spec diff` end to end (contract section 5): the JSON shape, new access that HEAD's
 * expectations ask for, principals on one side only, every reporter saying what was proved and what sampled,
 * `--base-ref` through git, and bad input (exit 2, never an empty "no new access").
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

const F = "test/fixtures/diff";
const json = async (args: string[], cwd?: string) => {
  const r = await runCli(["diff", ...args, "--reporter", "json", "--seed", "3"], cwd ? { cwd } : {});
  return { ...r, report: JSON.parse(r.stdout) };
};

describe("iam-spec diff BASE HEAD", () => {
  it("reports new access per principal and action with one request and the HEAD statements (file:line), exit 1", async () => {
    const { code, report } = await json([`${F}/base/env.yaml`, `${F}/head/env.yaml`]);
    expect(code).toBe(1);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(["newAccess", "removedAccess"]));
    const rows = report.newAccess.map((r: { principal: string; action: string }) => `${r.principal} ${r.action}`).sort();
    expect(rows).toEqual(["arn:aws:iam::111122223333:user/alice s3:PutObject", "arn:aws:iam::111122223333:user/bob s3:GetObject"]);
    const alice = report.newAccess.find((r: { action: string }) => r.action === "s3:PutObject");
    expect(alice.resource).toMatch(/^arn:aws:s3:::acme-reports\/.+/);
    expect(typeof alice.context).toBe("object");
    expect(alice.statements).toEqual([expect.objectContaining({ sid: "WriteReports", effect: "Allow", file: `${F}/head/env.yaml`, line: expect.any(Number) })]);
    // Nothing was taken away; alice's read is unchanged.
    expect(report.removedAccess).toEqual([]);
  });

  it("a principal only in HEAD is an explicit row and listed; the reverse diff shows it as removed", async () => {
    const { report } = await json([`${F}/base/env.yaml`, `${F}/head/env.yaml`]);
    const bob = report.newAccess.find((r: { principalName: string }) => r.principalName.endsWith("user/bob"));
    expect(bob.onlyIn).toBe("HEAD");
    expect(report.principals.onlyInHead).toEqual(["arn:aws:iam::111122223333:user/bob"]);
    const back = await json([`${F}/head/env.yaml`, `${F}/base/env.yaml`]);
    expect(back.code).toBe(0);
    expect(back.report.newAccess).toEqual([]);
    expect(back.report.principals.onlyInBase).toEqual(["arn:aws:iam::111122223333:user/bob"]);
    expect(back.report.removedAccess.map((r: { principalName: string; action: string; onlyIn?: string }) => `${r.principalName} ${r.action} ${r.onlyIn ?? ""}`).sort()).toEqual([
      "arn:aws:iam::111122223333:user/alice s3:PutObject ",
      "arn:aws:iam::111122223333:user/bob s3:GetObject BASE",
    ]);
  });

  it("new access that a may expectation of HEAD asks for is expected: exit 0, and the row names the expectation", async () => {
    const { code, report } = await json([`${F}/base/env.yaml`, `${F}/head-expected`]);
    expect(code).toBe(0);
    expect(report.newAccess).toHaveLength(2);
    for (const r of report.newAccess) expect(r.expectedBy).toMatch(/head-expected\/reports\.iamspec\.yaml:\d+: (alice can write reports|bob can read reports)/);
    expect(report.summary.unexpectedNewAccess).toBe(0);
  });

  it("a may expects only the requests its `when` describes: a trust opened to every source account is unexpected new access", async () => {
    // HEAD's may: the prod cluster (aws:SourceAccount 111122223333, aws:SourceArn its cluster) assumes
    // the role. The new access is a request with no such source: the may does not ask for it.
    const W = "test/fixtures/loopholes-world/eks-pod-identity-no-source";
    const { code, report } = await json([`${W}/fixed`, `${W}/buggy`]);
    expect(code).toBe(1);
    const rows = report.newAccess.filter((r: { action: string }) => r.action === "sts:AssumeRole");
    expect(rows).not.toEqual([]);
    for (const r of rows) {
      expect(r.context["aws:SourceAccount"]).not.toBe("111122223333");
      expect(r.expectedBy).toBeUndefined();
    }
    expect(report.summary.unexpectedNewAccess).toBeGreaterThan(0);
  });

  it("every reporter says how each row was found and whether no other access is proved or only sampled", async () => {
    const { report } = await json([`${F}/base/env.yaml`, `${F}/head/env.yaml`]);
    // Both rows were found by sampling; every other changed question was decided by the prover.
    expect(report.summary.method).toBe("sampled");
    expect(report.summary.requests).toBeGreaterThan(0);
    for (const r of report.newAccess) expect(r.evidence).toEqual({ method: "sampled", requests: expect.any(Number) });
    expect(report.summary.evidence).toMatchObject({ newAccess: "proved", removedAccess: "proved" });
    expect(report.sampledOnly).toEqual([]);
    const pretty = await runCli(["diff", `${F}/base/env.yaml`, `${F}/head/env.yaml`, "--seed", "3"]);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toMatch(/PRINCIPAL\s+ACTION\s+RESOURCE/);
    expect(pretty.stdout).toMatch(/no new access beyond the rows: proved \(\d+ questions? decided by the prover, \d+ requests evaluated/);
    expect(pretty.stdout).toContain("none (proved: no request is decided differently)"); // removed access
    // Each row says how it was found, too.
    expect(pretty.stdout.match(/^ {4}sampled: found among \d+ requests/gm)).toHaveLength(2);
    const gh = await runCli(["diff", `${F}/base/env.yaml`, `${F}/head/env.yaml`, "--seed", "3", "--reporter", "github"]);
    expect(gh.code).toBe(1);
    expect(gh.stdout).toMatch(/^::error file=test\/fixtures\/diff\/head\/env\.yaml,line=\d+,col=\d+,title=iam-spec diff%3A new access::new access: arn:aws:iam::111122223333:user\/alice may s3:PutObject/m);
    expect(gh.stdout.trim().split("\n").at(-1)).toMatch(/^iam-spec diff: 2 new \(2 unexpected\), 0 removed; no new access beyond the rows: proved/);
    // Without the prover, the same diff says its "none" is only sampled.
    const sampled = await runCli(["diff", `${F}/base/env.yaml`, `${F}/head/env.yaml`, "--seed", "3", "--no-prove"]);
    expect(sampled.stdout).toMatch(/none found \(sampled only for \d+ principal × action pairs?/);
    expect(sampled.stdout).toMatch(/only sampled for \d+ principal × action pairs? \(\d+ requests evaluated; an access no sample reached is not shown\)/);
  });

  it("a row whose decision depends on a point AWS leaves open names the point (the owner of a bucket no account lists)", async () => {
    const { code, report } = await json([`${F}/base/env.yaml`, `${F}/unlisted-head/env.yaml`]);
    expect(code).toBe(1);
    const row = report.newAccess.find((r: { resource: string }) => r.resource.startsWith("arn:aws:s3:::partner-drop/"));
    expect(row.undetermined).toEqual(["unlisted-bucket-owner"]);
    // It is the only new access (alice's read of the listed bucket did not change).
    expect(report.newAccess).toHaveLength(1);
    expect(report.newAccess.filter((r: { undetermined?: string[] }) => r.undetermined === undefined)).toEqual([]);
  });

  it("diff x x: no new or removed access, nothing to search, exit 0", async () => {
    const { code, report } = await json([`${F}/head/env.yaml`, `${F}/head/env.yaml`]);
    expect(code).toBe(0);
    expect(report.newAccess).toEqual([]);
    expect(report.removedAccess).toEqual([]);
    expect(report.summary.changed).toBe(0);
    expect(report.summary.method).toBe("exact");
  });
});

// A secret's ARN is its name, a hyphen and six random characters
// (secretsmanager/latest/userguide/auth-and-access_iam-policies.html): `secret:prod/db/master`, the
// exact ARN a Deny was written with, is no request AWS could receive. Replacing that Deny by one on
// `master-??????` narrows access: the diff must say so, in sampling and in the prover, both ways.
describe("iam-spec diff: a secret's ARN ends with its random suffix", () => {
  const D = "test/fixtures/loopholes-world/secret-deny-without-suffix";
  it("the fix (a Deny on master-??????) is removed access only", async () => {
    for (const extra of [[], ["--no-prove"]]) {
      const r = await runCli(["diff", `${D}/buggy`, `${D}/fixed`, "--reporter", "json", "--seed", "1", "--proof-budget", "60000", ...extra]);
      const report = JSON.parse(r.stdout) as { newAccess: { resource: string }[]; removedAccess: { resource: string; action: string }[] };
      expect(report.newAccess.map((x) => x.resource), extra.join(" ")).toEqual([]);
      expect(r.code).toBe(0);
      expect(report.removedAccess.map((x) => `${x.action} ${x.resource}`)).toContain("secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db/master-a1B2c3");
    }
  });
  it("the other way, the loophole is new access on the real secret, never on a suffix-less ARN", async () => {
    const r = await runCli(["diff", `${D}/fixed`, `${D}/buggy`, "--reporter", "json", "--seed", "1", "--proof-budget", "60000"]);
    const report = JSON.parse(r.stdout) as { newAccess: { resource: string }[] };
    expect(r.code).toBe(1);
    expect(report.newAccess.map((x) => x.resource)).toContain("arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db/master-a1B2c3");
    for (const x of report.newAccess) if (x.resource.includes(":secret:")) expect(x.resource).toMatch(/-[A-Za-z0-9]{6}$/);
  });
});

describe("iam-spec diff: bad input is exit 2, never an empty diff", () => {
  it("an unreadable BASE is reported at file:line:column", async () => {
    const r = await runCli(["diff", `${F}/broken/env.yaml`, `${F}/head/env.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/test\/fixtures\/diff\/broken\/env\.yaml:\d+:\d+: BASE: invalid YAML/);
    expect(r.stdout).toBe("");
  });

  it("a missing path, and the JSON reporter still prints one document with the errors", async () => {
    const r = await json([`${F}/no-such-dir`, `${F}/head/env.yaml`]);
    expect(r.code).toBe(2);
    expect(r.report.newAccess).toEqual([]);
    expect(r.report.errors[0].message).toMatch(/BASE: no such file or directory/);
  });

  it("two environments that share no account cannot be compared, and the message says why", async () => {
    const r = await runCli(["diff", `${F}/base/env.yaml`, `${F}/other-estate/env.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot compare .*share no account \(BASE: 111122223333; HEAD: 999988887777\)/);
  });

  it("wrong arguments", async () => {
    expect((await runCli(["diff", `${F}/base/env.yaml`])).code).toBe(2);
    const r = await runCli(["diff", `${F}/base/env.yaml`, `${F}/head/env.yaml`, "--reporter", "junit"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown reporter "junit"/);
  });
});

describe("iam-spec diff --base-ref (git)", () => {
  const repo = mkdtempSync(join(tmpdir(), "iam-spec-diff-git-"));
  const outside = mkdtempSync(join(tmpdir(), "iam-spec-diff-nogit-"));
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const git = (...args: string[]) => {
    const r = spawnSync("git", ["-c", "user.name=iam-spec", "-c", "user.email=iam-spec@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: repo, encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
  };
  const scenario = join(ROOT, "test/fixtures/loopholes/oidc-no-sub-condition");

  it("reads BASE from the revision: the trust policy that lost its sub condition is new access", async () => {
    git("init", "-q");
    mkdirSync(join(repo, "iam"));
    cpSync(join(scenario, "fixed"), join(repo, "iam"), { recursive: true });
    git("add", "-A");
    git("commit", "-qm", "fixed");
    cpSync(join(scenario, "buggy"), join(repo, "iam"), { recursive: true });
    const { code, report } = await json(["--base-ref", "HEAD", "iam"], repo);
    expect(code).toBe(1);
    expect(report.newAccess.map((r: { principalName: string; action: string }) => `${r.principalName} ${r.action}`)).toContain(
      "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com sts:AssumeRoleWithWebIdentity",
    );
    // The removed side would be shown as REV:path, never as the temporary folder.
    const pretty = await runCli(["diff", "--base-ref", "HEAD", "iam", "--seed", "3"], { cwd: repo });
    expect(pretty.stdout).toContain("BASE HEAD:iam -> HEAD iam");
    expect(pretty.stdout).not.toMatch(/iam-spec-base-/);
  });

  it("the working tree equal to the revision: no new access", async () => {
    git("add", "-A");
    git("commit", "-qm", "buggy");
    const { code, report } = await json(["--base-ref", "HEAD", "iam"], repo);
    expect(code).toBe(0);
    expect(report.newAccess).toEqual([]);
  });

  it("an unknown revision, a path the revision lacks, and a folder outside any repository are exit 2", async () => {
    const unknown = await runCli(["diff", "--base-ref", "no-such-branch", "iam"], { cwd: repo });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--base-ref no-such-branch: unknown revision/);
    mkdirSync(join(repo, "new-folder"));
    writeFileSync(join(repo, "new-folder", "env.yaml"), 'accounts: { "111122223333": {} }\n');
    const missing = await runCli(["diff", "--base-ref", "HEAD", "new-folder/env.yaml"], { cwd: repo });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/new-folder\/env\.yaml does not exist at HEAD/);
    const noRepo = await runCli(["diff", "--base-ref", "main", "."], { cwd: outside });
    expect(noRepo.code).toBe(2);
    expect(noRepo.stderr).toMatch(/is not inside a git repository/);
  });
});

describe("the real process", () => {
  it("exit code 1 on new access, through the binary", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "diff", `${F}/base/env.yaml`, `${F}/head/env.yaml`, "--seed", "1", "--reporter", "json"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).newAccess).toHaveLength(2);
  });
});
