/**
 * The step oracle (src/escalation/step.ts) and its relaxed pre-check (relaxed.ts): a step is allowed
 * when SOME request context allows it, and the answer carries that request. Policies from the IAM
 * User Guide's condition examples (reference_policies_elements_condition.html,
 * reference_policies_condition-keys.html#condition-keys-sourceip, id_credentials_mfa_configure-api-require.html).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { callerOf } from "../../src/compile/caller.js";
import { buildInput, buildWorld } from "../../src/compile/request.js";
import { whenConstraints } from "../../src/compile/sources.js";
import { searchOracle } from "../../src/escalation/step.js";
import { couldBeAllowed } from "../../src/escalation/relaxed.js";
import { fuzzSource } from "../../src/fuzz/index.js";
import { evaluate, explain } from "../../src/index.js";
import { loadEnvironmentFile } from "../../src/load/spec.js";

const A = "111122223333";
const pol = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

async function setup(statements: unknown[]) {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-step-"));
  writeFileSync(join(dir, "env.yaml"), JSON.stringify({ accounts: { [A]: { users: { dev: { policies: [pol(...statements)] } } } } }));
  const { env, errors } = await loadEnvironmentFile(join(dir, "env.yaml"));
  expect(errors).toEqual([]);
  const world = buildWorld(env!);
  const user = env!.accounts.get(A)!.users.get("dev")!;
  const caller = callerOf({ kind: "user", user, written: "user/dev" }, env!, undefined);
  const ask = searchOracle({ world, when: whenConstraints([]), evaluator: { evaluate, explain }, source: fuzzSource(), exact: false, seed: 1, runs: 100, counter: { requests: 0 }, readings: "some" });
  const step = (action: string, resource: string, pinned?: Record<string, string>) => ask({ callerKey: "dev", caller, action, resource, ...(pinned ? { pinned } : {}) });
  const relaxed = (action: string, resource: string) => couldBeAllowed(buildInput(world, caller, action, resource, {}));
  return { step, relaxed };
}

const BUCKET = "arn:aws:s3:::reports";

describe("step oracle", () => {
  it("an Allow under IpAddress: denied as written, allowed from the range, with that request", async () => {
    const { step, relaxed } = await setup([{ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }]);
    const a = step("iam:CreateAccessKey", `arn:aws:iam::${A}:user/other`);
    expect(a.allowed).toBe(true);
    expect(String(a.context["aws:SourceIp"])).toMatch(/^203\.0\.113\./);
    expect(relaxed("iam:CreateAccessKey", `arn:aws:iam::${A}:user/other`)).toBe(true);
  });

  it("a Deny unless MFA: allowed with MFA present", async () => {
    const { step } = await setup([
      { Effect: "Allow", Action: "iam:*", Resource: "*" },
      { Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
    ]);
    const a = step("iam:AttachUserPolicy", `arn:aws:iam::${A}:user/dev`);
    expect(a.allowed).toBe(true);
    expect(a.context["aws:MultiFactorAuthPresent"]).toBe(true);
  });

  it("an unconditional Deny: no context allows it, and the relaxed check says so", async () => {
    const { step, relaxed } = await setup([
      { Effect: "Allow", Action: "iam:*", Resource: "*" },
      { Effect: "Deny", Action: "iam:CreateAccessKey", Resource: "*" },
    ]);
    expect(relaxed("iam:CreateAccessKey", `arn:aws:iam::${A}:user/x`)).toBe(false);
    expect(step("iam:CreateAccessKey", `arn:aws:iam::${A}:user/x`)).toMatchObject({ allowed: false, decision: "ExplicitDeny" });
    // The other polarity: another IAM action of the same policy is allowed.
    expect(step("iam:CreateLoginProfile", `arn:aws:iam::${A}:user/x`).allowed).toBe(true);
  });

  it("a key the step fixes is not free: iam:PassedToService", async () => {
    const { step } = await setup([{ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } }]);
    const role = `arn:aws:iam::${A}:role/r`;
    expect(step("iam:PassRole", role, { "iam:PassedToService": "lambda.amazonaws.com" }).allowed).toBe(true);
    expect(step("iam:PassRole", role, { "iam:PassedToService": "ec2.amazonaws.com" })).toMatchObject({ allowed: false, decision: "ImplicitDeny" });
  });

  it("a caller whose policies never name the action is denied without a search", async () => {
    const { step } = await setup([{ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }]);
    expect(step("iam:PutUserPolicy", `arn:aws:iam::${A}:user/dev`)).toMatchObject({ allowed: false, decision: "ImplicitDeny", requests: 1 });
  });
});
