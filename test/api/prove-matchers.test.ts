/**
 * The matchers' messages say a sampled result is sampled (with the count), and the extensions
 * toProveNeverAllow / toProveNeverBecome prove as `iam-spec test --require-proof` does: a pass needs a
 * proof, a counterexample fails, and a construct the prover does not encode fails with its reason.
 * Decisions follow from the fixtures' policies (IAM/latest/UserGuide/reference_policies_evaluation-logic.html;
 * IpAddress on aws:SourceIp: reference_policies_condition-keys.html#condition-keys-sourceip).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadEnvironment, type IamEnvironment } from "../../src/index.js";
import { matchBecome, matchNeverAllow, matchNeverBecome, matchProveNeverAllow, matchProveNeverBecome } from "../../src/api/matchers.js";
import "../../src/vitest/index.js";
import { ROOT } from "../cli/run-cli.js";

let env: IamEnvironment;
beforeAll(async () => {
  env = await loadEnvironment("test/fixtures/matchers/iam/env.yaml", { cwd: ROOT });
});

const RELEASES = "arn:aws:s3:::acme-artifacts/releases/*";
const OUTSIDE_OFFICE = { "aws:SourceIp": { not: "203.0.113.0/24" } };

describe("the synchronous matchers say they sampled", () => {
  it("a toNeverAllow / toNeverBecome that holds: the count and 'not proved'", () => {
    const held = matchNeverAllow(env, { as: "role/deploy", action: "iam:CreateUser" });
    expect(held.pass).toBe(true);
    expect(held.message()).toMatch(/but no allowed request was found: sampled: \d+ requests searched, not proved \(this matcher does not run the prover; await expect\(env\)\.toProveNeverAllow\(\.\.\.\) proves\)/);
    const never = matchNeverBecome(env, { as: "user/alice", target: "admin" });
    expect(never.pass).toBe(true);
    expect(never.message()).toMatch(/no path was found: sampled: \d+ requests? searched, not proved .*toProveNeverBecome/);
  });
  it("a toBecome that fails without a path: sampled too; a counterexample is not", () => {
    const m = matchBecome(env, { as: "user/alice", target: "admin" });
    expect(m.pass).toBe(false);
    expect(m.message()).toMatch(/^expected .*\n {2}sampled: \d+ requests? searched, not proved/);
    const found = matchNeverAllow(env, { as: "role/deploy", action: "s3:GetObject", on: RELEASES });
    expect(found.pass).toBe(false);
    expect(found.message()).not.toMatch(/not proved/);
  });
});

describe("toProveNeverAllow / toProveNeverBecome (extension)", () => {
  it("both polarities of one question: proved outside the office, a counterexample from it", async () => {
    const proved = await matchProveNeverAllow(env, { as: "role/deploy", action: "s3:GetObject", on: RELEASES, when: OUTSIDE_OFFICE });
    expect(proved.pass).toBe(true);
    expect(proved.message()).toMatch(/no allowed request was found: proved/);
    const refuted = await matchProveNeverAllow(env, { as: "role/deploy", action: "s3:GetObject", on: RELEASES });
    expect(refuted.pass).toBe(false);
    expect(refuted.message()).toMatch(/allowed: s3:GetObject[\s\S]*Sid "ReadReleasesFromOffice"/);
  });

  it("paths: proved when no step is allowed, a path when one is", async () => {
    const proved = await matchProveNeverBecome(env, { as: "user/alice", target: "admin" });
    expect(proved.pass).toBe(true);
    expect(proved.message()).toMatch(/no path was found: proved/);
    const path = await matchProveNeverBecome(env, { as: "user/alice", target: "role/deploy" });
    expect(path.pass).toBe(false);
    expect(path.message()).toMatch(/1\. arn:aws:iam::111122223333:user\/alice {2}sts:AssumeRole {2}arn:aws:iam::111122223333:role\/deploy {2}Allow/);
  });

  it("what the prover cannot encode fails, with the reason (reference_policies_elements_condition_operators.html)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-prove-matcher-"));
    // A trust condition comparing one key both as a string and as a number: sampling finds nothing,
    // the prover does not encode it.
    const A = "111122223333";
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "12" }, NumericLessThan: { "sts:ExternalId": "5" } } }] };
    const dev = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] };
    writeFileSync(join(dir, "env.yaml"), JSON.stringify({ accounts: { [A]: { users: { dev: { policies: [dev] } }, roles: { admin: { trust } } } } }));
    const e = await loadEnvironment(join(dir, "env.yaml"));
    const keys = { as: "user/dev", action: "sts:AssumeRole", on: `arn:aws:iam::${A}:role/admin` };
    expect(matchNeverAllow(e, keys).pass).toBe(true);
    const r = await matchProveNeverAllow(e, keys);
    expect(r.pass).toBe(false);
    expect(r.message()).toMatch(/not proved \(.*more than one type/);
  });

  it("registered with vitest: awaited, with .not", async () => {
    await expect(env).toProveNeverAllow({ as: "role/deploy", action: ["iam:*", "organizations:*"] });
    await expect(env).not.toProveNeverAllow({ as: "role/deploy", action: "s3:GetObject", on: RELEASES });
    await expect(env).toProveNeverBecome({ as: "user/alice", target: "admin" });
    await expect(expect(env).toProveNeverBecome({ as: "user/alice", target: "role/deploy" })).rejects.toThrow(/sts:AssumeRole/);
    await expect(expect(env).toProveNeverAllow({ as: "role/nobody", action: "iam:*" })).rejects.toThrow(/no role "nobody" in the environment/);
  });
});
