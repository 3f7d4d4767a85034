/**
 * toBecome / toNeverBecome: the matchers of mayBecome / mayNotBecome (contract section 7), on the
 * escalation example (examples/escalation: developers pass only lambda-* roles, and only to Lambda:
 * IAM/latest/UserGuide/id_roles_use_passrole.html). Both polarities of the same question.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadEnvironment, type IamEnvironment } from "../../src/index.js";
import { matchBecome, matchNeverBecome } from "../../src/api/matchers.js";
import { ROOT } from "../cli/run-cli.js";

let env: IamEnvironment;
let failing: IamEnvironment;
beforeAll(async () => {
  env = await loadEnvironment("examples/escalation/env.yaml", { cwd: ROOT });
  failing = await loadEnvironment("examples/escalation/failing/env.yaml", { cwd: ROOT });
});

describe("toBecome and toNeverBecome: exactly one holds", () => {
  it.each([
    ["user/alice", "role/lambda-orders", true],
    ["user/alice", "role/ops-automation", false],
    ["user/bob", "admin", true],
    ["user/alice", "admin", false],
  ])("%s becomes %s: %s", (as, target, reachable) => {
    expect(matchBecome(env, { as, target }).pass).toBe(reachable);
    expect(matchNeverBecome(env, { as, target }).pass).toBe(!reachable);
  });

  it("a failure shows the path, one step a line", () => {
    const r = matchNeverBecome(failing, { as: "user/alice", target: "admin" });
    expect(r.pass).toBe(false);
    expect(r.message()).toMatch(/1\. arn:aws:iam::111122223333:user\/alice {2}iam:PassRole {2}arn:aws:iam::111122223333:role\/ops-automation {2}Allow/);
    const held = matchBecome(env, { as: "user/alice", target: "role/lambda-orders" });
    expect(held.message()).toMatch(/a path was found: .*iam:PassRole/);
  });

  it("a fuzzed as only with toNeverBecome; bad keys throw, never a pass", () => {
    expect(matchNeverBecome(env, { as: { from: "111122223333", except: ["user/bob", "role/platform-ops", "role/platform-admin", "role/ops-automation"] }, target: "admin" }).pass).toBe(true);
    expect(() => matchBecome(env, { as: "*", target: "admin" })).toThrow(/set of principals; mayBecome needs one principal/);
    expect(() => matchNeverBecome(env, { as: "user/alice", target: "role/nosuch" })).toThrow(/nosuch/);
    expect(() => matchNeverBecome(env, { as: "user/alice" } as never)).toThrow(/missing key "target"/);
    expect(() => matchNeverBecome(env, { as: "user/alice", target: "admin", action: "s3:GetObject" } as never)).toThrow(/unknown key "action"/);
  });
});
