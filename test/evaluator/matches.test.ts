/// <reference types="vite/client" />
/**
 * evaluateWithMatches(): the statement-coverage entry point. It must decide exactly as evaluate() on
 * the whole conformance table, and report the statements that matched the request, and only those.
 */
import { describe, expect, it } from "vitest";
import { evaluate, evaluateWithMatches } from "../../src/index.js";
import type { StatementRef } from "../../src/types.js";
import type { ConformanceCase } from "../conformance/case.js";

const cases = Object.values(import.meta.glob<{ cases?: ConformanceCase[] }>("../conformance/cases/*.ts", { eager: true })).flatMap((m) => m.cases ?? []);

describe("evaluateWithMatches", () => {
  it("answers as evaluate() on every conformance case", () => {
    expect(cases.length).toBeGreaterThan(250);
    for (const c of cases) {
      if (typeof c.expected === "object") continue;
      // The whole result: the decision, and the open points another reading would decide differently.
      expect(evaluateWithMatches(c.input, () => {}), c.name).toEqual(evaluate(c.input));
    }
  });

  it("reports each matched statement, Allow and Deny, and not those of other actions, resources or conditions", () => {
    // An explicit Deny overrides the Allow (IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html);
    // both statements matched the request.
    const identity = {
      Version: "2012-10-17",
      Statement: [
        { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme/*" },
        { Sid: "Other", Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" },
        { Sid: "OtherBucket", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::elsewhere/*" },
        { Sid: "NoPlainHttp", Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
        { Sid: "NeverMfaLess", Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } },
      ],
    };
    const matched: StatementRef[] = [];
    const input = {
      principal: "arn:aws:iam::111122223333:user/alice",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::acme/report.csv",
      resourceAccount: "111122223333",
      context: { "aws:SecureTransport": false, "aws:MultiFactorAuthPresent": true },
      identityPolicies: [identity],
    };
    const r = evaluateWithMatches(input, (s) => matched.push(s));
    expect(r.decision).toBe("ExplicitDeny");
    expect(matched.map((s) => s.sid).sort()).toEqual(["NoPlainHttp", "Read"]);
    // Over HTTPS only the Allow matches.
    const again: StatementRef[] = [];
    expect(evaluateWithMatches({ ...input, context: { "aws:SecureTransport": true, "aws:MultiFactorAuthPresent": true } }, (s) => again.push(s)).decision).toBe("Allow");
    expect(again.map((s) => s.sid)).toEqual(["Read"]);
  });
});
