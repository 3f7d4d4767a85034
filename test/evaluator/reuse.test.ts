import { describe, expect, it } from "vitest";
import { compilePolicy, evaluate } from "../../src/index.js";

// Contract section 7: "called again with the same document objects it reuses their compiled form".
// What is reused must never hide a change the caller made to the request's lists.
const allowAll = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const denyS3 = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*" }] };
const base = () => ({
  principal: "arn:aws:iam::111122223333:user/alice",
  action: "s3:GetObject",
  resource: "arn:aws:s3:::b/k",
  resourceAccount: "111122223333",
});

describe("reusing a request object", () => {
  it("sees a policy pushed into a list in place", () => {
    const identityPolicies = [allowAll as object];
    const input = { ...base(), identityPolicies } as Parameters<typeof evaluate>[0];
    expect(evaluate(input).decision).toBe("Allow");
    identityPolicies.push(denyS3);
    expect(evaluate(input).decision).toBe("ExplicitDeny");
    identityPolicies.pop();
    expect(evaluate(input).decision).toBe("Allow");
  });

  it("sees an SCP level replaced in place, and a field replaced", () => {
    const level = [allowAll as object];
    const input = { ...base(), identityPolicies: [allowAll], scps: [level] } as Parameters<typeof evaluate>[0] & { scps: object[][] };
    expect(evaluate(input).decision).toBe("Allow");
    level[0] = denyS3;
    expect(evaluate(input).decision).toBe("ExplicitDeny");
    input.scps = [[allowAll]];
    expect(evaluate(input).decision).toBe("Allow");
    (input as { permissionsBoundary?: object }).permissionsBoundary = denyS3;
    expect(evaluate(input).decision).toBe("ExplicitDeny");
  });

  it("treats lists of compiled handles and raw documents alike", () => {
    const handle = compilePolicy(denyS3, "identity", { name: "deny-s3" });
    expect(evaluate({ ...base(), identityPolicies: [allowAll, handle] }).decision).toBe("ExplicitDeny");
    expect(evaluate({ ...base(), identityPolicies: [allowAll, denyS3] }).decision).toBe("ExplicitDeny");
  });
});
