/**
 * evaluate() and explain() under the readings of open points (src/evaluator/readings.ts): the result
 * names the points whose other reading changes the answer; explain() says which reading decided.
 */
import { describe, expect, it } from "vitest";
import { evaluate, explain } from "../../src/index.js";
import type { EvaluateInput } from "../../src/types.js";

const ALICE = "arn:aws:iam::111122223333:user/alice";
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const publicRead = doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" });
const starVsBoundary: EvaluateInput = {
  principal: ALICE,
  action: "s3:GetObject",
  resource: "arn:aws:s3:::b/x",
  resourceAccount: "111122223333",
  resourcePolicy: publicRead,
  permissionsBoundary: doc({ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }),
};

describe("open points", () => {
  it("explain() says which reading decided, and what is undetermined", () => {
    const e = explain(starVsBoundary);
    expect(e.decision).toBe("ImplicitDeny");
    expect(e.readings).toEqual({ "principal-star-boundary": "limited" });
    expect(e.undetermined).toEqual(["principal-star-boundary"]);
    const chosen = explain({ ...starVsBoundary, assumptions: { "principal-star-boundary": "not-limited" } });
    expect(chosen.decision).toBe("Allow");
    expect(chosen.readings).toEqual({ "principal-star-boundary": "not-limited" });
    expect(chosen.undetermined).toBeUndefined();
  });

  it("a request that touches no open point reports no readings", () => {
    const e = explain({ principal: ALICE, action: "s3:GetObject", resource: "arn:aws:s3:::b/x", resourceAccount: "111122223333", identityPolicies: [doc({ Effect: "Allow", Action: "*", Resource: "*" })] });
    expect(e.readings).toEqual({});
    expect(e.undetermined).toBeUndefined();
  });

  it("with two open points, the ones whose own flip changes the answer are named", () => {
    // An unlisted bucket (owner open) whose public grant meets a boundary (star open): allowed only
    // if the bucket is the caller's AND "*" is not limited by the boundary. Under the default owner
    // (the caller's account) flipping the star reading alone allows it; with the owner chosen as
    // outside the star reading no longer matters (a cross-account caller needs its identity side).
    const input: EvaluateInput = { ...starVsBoundary, resourceAccount: undefined as never };
    delete (input as { resourceAccount?: string }).resourceAccount;
    const r = evaluate(input);
    expect(r.decision).toBe("ImplicitDeny");
    expect(r.undetermined).toEqual(["principal-star-boundary"]);
    const outside = evaluate({ ...input, assumptions: { "unlisted-bucket-owner": "outside" } });
    expect(outside.undetermined).toBeUndefined();
  });

  it("the same input evaluated twice gives the same answer (no state kept between calls)", () => {
    expect(evaluate(starVsBoundary)).toEqual(evaluate(starVsBoundary));
    expect(evaluate({ ...starVsBoundary, assumptions: { "principal-star-boundary": "not-limited" } }).decision).toBe("Allow");
    expect(evaluate(starVsBoundary).decision).toBe("ImplicitDeny");
  });
});
