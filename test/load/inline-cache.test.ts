/**
 * Compiled inline policies are cached by where they are written (src/load/policy-ref.ts). An import
 * can generate several documents at one position (its source's: a SAM function's role and its
 * event's policies, say), so a cache hit must be the same document: two documents at one position
 * are two policies, each allowing what it says, and an invalid one does not hide a valid one.
 */
import { describe, expect, it } from "vitest";
import { createLoader } from "../../src/load/spec.js";
import { parseLocated } from "../../src/load/read-file.js";
import { resolvePolicyRef } from "../../src/load/policy-ref.js";
import type { LNode } from "../../src/load/located.js";
import { evaluate } from "../../src/index.js";

const doc = (action: string): LNode =>
  parseLocated(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] }), "/t/template.json").node!;

const allows = (policy: { document: unknown } | undefined, action: string) =>
  evaluate({ principal: "arn:aws:iam::111122223333:user/u", action, resource: "arn:aws:sqs:us-east-1:111122223333:q", context: {}, identityPolicies: [policy!.document as never] }).decision;

describe("inline policies at one position", () => {
  it("are cached per document, not per position alone", async () => {
    const { policies: ctx } = await createLoader();
    const send = doc("sqs:SendMessage");
    const receive = doc("sqs:ReceiveMessage");
    // Both parsed from the same place: the same position.
    expect(receive.pos).toEqual(send.pos);
    const a = await resolvePolicyRef(send, "identity", "role/a", ctx);
    const b = await resolvePolicyRef(receive, "identity", "role/b", ctx);
    const again = await resolvePolicyRef(doc("sqs:SendMessage"), "identity", "role/c", ctx);
    expect(allows(a, "sqs:SendMessage")).toBe("Allow");
    expect(allows(b, "sqs:ReceiveMessage")).toBe("Allow");
    expect(allows(b, "sqs:SendMessage")).toBe("ImplicitDeny");
    expect(b!.handle).not.toBe(a!.handle);
    // The same document again is the cached policy.
    expect(again!.handle).toBe(a!.handle);
  });

  it("an invalid document does not stand for a valid one at the same position", async () => {
    const { policies: ctx } = await createLoader();
    const bad = parseLocated(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage" }] }), "/t/template.json").node!;
    expect(await resolvePolicyRef(bad, "identity", "role/a", ctx)).toBeUndefined();
    expect(ctx.errors.length).toBeGreaterThan(0);
    const good = await resolvePolicyRef(doc("sqs:SendMessage"), "identity", "role/b", ctx);
    expect(allows(good, "sqs:SendMessage")).toBe("Allow");
  });
});
