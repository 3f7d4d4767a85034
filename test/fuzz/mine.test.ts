/**
 * The literals the fuzzer draws from: merged over a caller's documents in document order, each once,
 * whichever document first names it (the first document's own order first).
 */
import { describe, expect, it } from "vitest";
import { mineDocuments } from "../../src/fuzz/mine.js";

const doc = (actions: string[], resources: string[], effect = "Allow") => ({
  Version: "2012-10-17",
  Statement: [{ Effect: effect, Action: actions, Resource: resources }],
});

describe("mineDocuments", () => {
  it("merges patterns in document order, each once, and leaves the documents' own results unchanged", () => {
    const managed = doc(["s3:Get*", "s3:List*", "ec2:Describe*", "s3:Get*"], ["*"]);
    const account = doc(["s3:List*", "s3:PutObject"], ["arn:aws:s3:::b/*", "*"]);
    const inline = doc(["s3:PutObject", "s3:DeleteObject", "ec2:Describe*"], ["arn:aws:s3:::b/x/*"]);
    const deny = doc(["iam:*", "s3:DeleteObject"], ["*"], "Deny");
    const merged = mineDocuments([managed, account, inline, deny, account]);
    expect(merged.actionPatterns).toEqual(["s3:Get*", "s3:List*", "ec2:Describe*", "s3:PutObject", "s3:DeleteObject", "iam:*"]);
    expect(merged.resourcePatterns).toEqual(["*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/x/*"]);
    expect(merged.denyActionPatterns).toEqual(["iam:*", "s3:DeleteObject"]);
    // A caller that changes what it got does not change what the next list gets.
    merged.actionPatterns.push("sts:AssumeRole");
    expect(mineDocuments([managed]).actionPatterns).toEqual(["s3:Get*", "s3:List*", "ec2:Describe*"]);
    expect(mineDocuments([inline, managed]).actionPatterns).toEqual(["s3:PutObject", "s3:DeleteObject", "ec2:Describe*", "s3:Get*", "s3:List*"]);
    expect(mineDocuments([]).actionPatterns).toEqual([]);
  });
});
