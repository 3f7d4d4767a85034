import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/index.js";

// Contract section 7: keys that follow from the principal and resource ARNs are added where `context`
// does not give them; a key the caller gives wins, and null pins a key as absent.
// Keys: IAM/latest/UserGuide/reference_policies_condition-keys.html.
const ALICE = "arn:aws:iam::111122223333:user/alice";
const allowIf = (condition: Record<string, unknown>) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: condition }],
});
const ask = (condition: Record<string, unknown>, context?: Record<string, unknown>, principal = ALICE) =>
  evaluate({
    principal,
    action: "s3:GetObject",
    resource: "arn:aws:s3:::b/k",
    resourceAccount: "111122223333",
    identityPolicies: [allowIf(condition)],
    ...(context ? { context: context as never } : {}),
  }).decision;

describe("derived context keys in evaluate()", () => {
  it.each([
    ["aws:PrincipalArn of a user", { StringEquals: { "aws:PrincipalArn": ALICE } }],
    ["aws:PrincipalAccount", { StringEquals: { "aws:PrincipalAccount": "111122223333" } }],
    ["aws:PrincipalType User", { StringEquals: { "aws:PrincipalType": "User" } }],
    ["aws:username", { StringEquals: { "aws:username": "alice" } }],
    ["aws:ResourceAccount", { StringEquals: { "aws:ResourceAccount": "111122223333" } }],
    ["aws:PrincipalIsAWSService false (extension)", { Bool: { "aws:PrincipalIsAWSService": "false" } }],
  ])("%s is derived", (_, condition) => {
    expect(ask(condition)).toBe("Allow");
  });

  it("a role session's aws:PrincipalArn is the role ARN, and it has no aws:username", () => {
    const session = "arn:aws:sts::111122223333:assumed-role/deploy/s1";
    expect(ask({ StringEquals: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/deploy" } }, undefined, session)).toBe("Allow");
    expect(ask({ StringEquals: { "aws:PrincipalType": "AssumedRole" } }, undefined, session)).toBe("Allow");
    expect(ask({ Null: { "aws:username": "true" } }, undefined, session)).toBe("Allow");
  });

  it("a key the caller gives wins over the derived one (keys are case-insensitive)", () => {
    expect(ask({ StringEquals: { "aws:PrincipalAccount": "999999999999" } }, { "AWS:principalaccount": "999999999999" })).toBe("Allow");
    expect(ask({ StringEquals: { "aws:PrincipalAccount": "111122223333" } }, { "aws:PrincipalAccount": "999999999999" })).toBe("ImplicitDeny");
  });

  it("null pins a derived key as absent", () => {
    expect(ask({ Null: { "aws:username": "true" } }, { "aws:username": null })).toBe("Allow");
    expect(ask({ Null: { "aws:username": "true" } })).toBe("ImplicitDeny");
    expect(ask({ Null: { "aws:ResourceAccount": "true" } }, { "aws:resourceaccount": [] })).toBe("Allow");
  });

  it("a service-linked role given through aws:PrincipalArn is not limited by SCPs", () => {
    const session = "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForX/s";
    const denyAll = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] };
    const input = {
      principal: "arn:aws:sts::111122223333:assumed-role/x-role/s",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::b/k",
      resourceAccount: "111122223333",
      identityPolicies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }],
      scps: [[denyAll]],
    };
    expect(evaluate(input).decision).toBe("ExplicitDeny");
    expect(evaluate({ ...input, context: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/x-role" } }).decision).toBe("Allow");
    expect(evaluate({ ...input, principal: session }).decision).toBe("Allow");
  });
});

describe("context keys are read when a policy asks for them", () => {
  it("two spellings of a key a policy reads are an input error", () => {
    expect(() => ask({ StringEquals: { "aws:SourceVpc": "vpc-1" } }, { "aws:SourceVpc": "vpc-1", "AWS:SOURCEVPC": "vpc-2" })).toThrow(/same key/);
  });
  it("an unreadable value of a key a policy reads is an input error", () => {
    expect(() => ask({ NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": Number.NaN })).toThrow(/number/);
  });
  it("keys no policy reads do not change the decision", () => {
    expect(ask({ StringEquals: { "aws:SourceVpc": "vpc-1" } }, { "aws:SourceVpc": "vpc-1", "x:unused": "a", "X:UNUSED2": "b" })).toBe("Allow");
  });
});
