/**
 * The matchers' logic in place (the packed package is tested by packed-matchers.test.ts): both
 * polarities of the same request, through the same check code as `iam-spec test`. The expected
 * decisions follow from the fixture's policies: a same-account identity Allow suffices
 * (IAM/latest/UserGuide/reference_policies_evaluation-logic.html), an IpAddress condition on
 * aws:SourceIp decides by the caller's address (reference_policies_condition-keys.html#condition-keys-sourceip).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadEnvironment, type IamEnvironment } from "../../src/index.js";
import { matchAllow, matchNeverAllow } from "../../src/api/matchers.js";
import { ROOT } from "../cli/run-cli.js";

let env: IamEnvironment;
beforeAll(async () => {
  env = await loadEnvironment("test/fixtures/matchers/iam/env.yaml", { cwd: ROOT });
});

const RELEASES = "arn:aws:s3:::acme-artifacts/releases/*";

describe("toAllow and toNeverAllow: exactly one holds for one concrete request", () => {
  it.each([
    ["203.0.113.7", true],
    ["198.51.100.1", false],
  ])("s3:GetObject on releases from %s (allowed: %s)", (ip, allowed) => {
    const keys = { as: "role/deploy", action: "s3:GetObject", on: "arn:aws:s3:::acme-artifacts/releases/1.zip", when: { "aws:SourceIp": ip } };
    expect(matchAllow(env, keys).pass).toBe(allowed);
    expect(matchNeverAllow(env, keys).pass).toBe(!allowed);
  });
  it("toNeverAllow searches the context the keys leave free", () => {
    const free = matchNeverAllow(env, { as: "role/deploy", action: "s3:GetObject", on: RELEASES });
    expect(free.pass).toBe(false);
    expect(free.message()).toMatch(/aws:SourceIp: "203\.0\.113\./);
    expect(matchNeverAllow(env, { as: "role/deploy", action: "s3:GetObject", on: RELEASES, when: { "aws:SourceIp": { not: "203.0.113.0/24" } } }).pass).toBe(true);
  });
  it("toNeverAllow takes the fuzzed principal sets of a mayNot", () => {
    // IAM has no resource policies: a principal of another account gets nothing in this account's IAM.
    expect(matchNeverAllow(env, { as: "*", action: "iam:CreateUser" }).pass).toBe(true);
    const found = matchNeverAllow(env, { as: "*", action: "s3:GetObject", on: RELEASES });
    expect(found.pass).toBe(false);
    expect(found.message()).toMatch(/principal  arn:aws:sts::111122223333:assumed-role\/deploy\//);
    expect(() => matchAllow(env, { as: "*", action: "s3:GetObject", on: RELEASES })).toThrow(/"\*" \(any principal\) is allowed only with mayNot/);
  });
  it("the seed key makes the search reproducible and is shown on failure", () => {
    const a = matchNeverAllow(env, { as: "role/deploy", action: "s3:GetObject", on: RELEASES, seed: 42 });
    expect(a.message()).toContain("seed: 42");
    expect(a.message()).toBe(matchNeverAllow(env, { as: "role/deploy", action: "s3:GetObject", on: RELEASES, seed: 42 }).message());
    expect(() => matchNeverAllow(env, { as: "role/deploy", action: "iam:*", seed: -1 })).toThrow(/seed must be an integer from 0 to 4294967295, got -1 \(e\.g\. seed: 42\)/);
  });
});

describe("loadEnvironment", () => {
  it("a spec file or a folder of specs gives its environment", async () => {
    const fromSpec = await loadEnvironment(join(ROOT, "test/fixtures/cli/passing/deploy.iamspec.yaml"));
    expect(matchAllow(fromSpec, { as: "role/deploy", action: "s3:PutObject", on: "arn:aws:s3:::acme-artifacts/builds/x" }).pass).toBe(true);
    const fromFolder = await loadEnvironment("test/fixtures/cli/passing", { cwd: ROOT });
    expect(fromFolder.file).toMatch(/deploy\.iamspec\.yaml$/);
  });
  it("rejects invalid input with every error at file:line:column", async () => {
    await expect(loadEnvironment("test/fixtures/bad-inputs/env-account-id/env.yaml", { cwd: ROOT })).rejects.toThrow(/env\.yaml:2:3: accounts: key "12345" is not valid[\s\S]*env\.yaml:4:3:/);
    await expect(loadEnvironment("no/such.yaml", { cwd: ROOT })).rejects.toThrow(/no such file or directory/);
  });
});
