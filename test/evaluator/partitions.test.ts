/**
 * whitepapers/latest/aws-fault-isolation-boundaries/partitions.html: "Partitions have independent
 * instances of AWS Identity and Access Management (IAM) [...] You cannot use IAM credentials from one
 * partition to interact with resources in a different partition." No policy grants it: a caller of one
 * partition on a resource of another is denied even under a policy that allows everyone everything.
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/index.js";

const everyone = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] };
const everything = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

describe("a partition is a boundary no policy crosses", () => {
  it.each([
    ["arn:aws-cn:sts::111122223333:assumed-role/r/s", "arn:aws:s3:::bucket/key"],
    ["arn:aws:iam::111122223333:user/u", "arn:aws-us-gov:s3:::bucket/key"],
    ["arn:aws-us-gov:iam::111122223333:root", "arn:aws-cn:sqs:cn-north-1:444455556666:q"],
  ])("%s on %s is denied", (principal, resource) => {
    const r = evaluate({ principal, action: "s3:GetObject", resource, identityPolicies: [everything], resourcePolicy: everyone });
    expect(r.decision).toBe("ImplicitDeny");
  });

  it("the same request within one partition is allowed (the policies do grant it)", () => {
    for (const [principal, resource] of [
      ["arn:aws-cn:sts::111122223333:assumed-role/r/s", "arn:aws-cn:s3:::bucket/key"],
      ["arn:aws:iam::111122223333:user/u", "arn:aws:s3:::bucket/key"],
    ] as const) {
      expect(evaluate({ principal, action: "s3:GetObject", resource, resourceAccount: "111122223333", identityPolicies: [everything], resourcePolicy: everyone }).decision).toBe("Allow");
    }
  });

  it("service principals and anonymous callers carry no partition: unaffected", () => {
    expect(evaluate({ principal: "anonymous", action: "s3:GetObject", resource: "arn:aws-cn:s3:::bucket/key", resourceAccount: "111122223333", resourcePolicy: everyone }).decision).toBe("Allow");
  });
});
