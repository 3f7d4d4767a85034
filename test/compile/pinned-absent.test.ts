import { describe, expect as assert, it } from "vitest";
import { evaluate, explain } from "../../src/index.js";
import { checkExpectation } from "../../src/compile/check.js";
import { buildWorld } from "../../src/compile/request.js";
import { exactSource } from "../../src/compile/sources.js";
import type { Principal } from "../../src/model/types.js";
import { account, allow, environment, expect, user } from "./builder.js";

// Contract section 2: "`when: {key: null}` pins a key as absent" — also a key that would otherwise be
// derived from the principal, which evaluate() must then not derive again.
const A = "111122223333";
const alice = user(A, "alice", { policies: [allow("dynamodb:GetItem", "*", { Null: { "aws:username": "true" } })] });
const env = environment([account(A, { users: [alice] })]);
const as: Principal = { kind: "user", user: alice, written: alice.arn };
const run = (when: Record<string, null | string>) =>
  checkExpectation(buildWorld(env), expect({ as, may: ["dynamodb:GetItem"], on: ["arn:aws:dynamodb:us-east-1:111122223333:table/t"], when, exact: true }), {
    seed: 1,
    runs: 10,
    evaluator: { evaluate, explain },
    source: exactSource,
  }).status;

describe("a derived key pinned absent in when", () => {
  it("stays absent (the policy allows only without aws:username)", () => {
    assert(run({ "aws:username": null })).toBe("passed");
  });
  it("is derived otherwise", () => {
    assert(run({})).toBe("failed");
  });
});
