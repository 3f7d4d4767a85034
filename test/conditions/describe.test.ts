import { describe, expect, it } from "vitest";
import { describeCondition } from "../../src/conditions/index.js";

describe("describeCondition", () => {
  it("lists operator, qualifier, IfExists, key and values", () => {
    expect(
      describeCondition({
        StringLikeIfExists: { "ec2:InstanceType": ["t2.*", "m3.*"] },
        "ForAnyValue:StringEquals": { "aws:TagKeys": "env" },
        NumericLessThan: { "s3:max-keys": 10 },
        Null: { "aws:TokenIssueTime": true },
      }),
    ).toEqual([
      { operator: "StringLike", ifExists: true, key: "ec2:InstanceType", values: ["t2.*", "m3.*"] },
      { operator: "StringEquals", qualifier: "ForAnyValue", ifExists: false, key: "aws:TagKeys", values: ["env"] },
      { operator: "NumericLessThan", ifExists: false, key: "s3:max-keys", values: ["10"] },
      { operator: "Null", ifExists: false, key: "aws:TokenIssueTime", values: ["true"] },
    ]);
  });
  it("leaves out what cannot be read", () => {
    expect(describeCondition({ StringEqual: { k: "v" }, StringEquals: { k: null, j: "x" } })).toEqual([
      { operator: "StringEquals", ifExists: false, key: "j", values: ["x"] },
    ]);
    expect(describeCondition(undefined)).toEqual([]);
    expect(describeCondition([])).toEqual([]);
  });
});
