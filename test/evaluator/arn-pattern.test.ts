import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileArnPattern } from "../../src/match/arn.js";

const DOC = "IAM/latest/UserGuide/reference_policies_elements_resource.html";

describe(`Resource ARN patterns [${DOC}]`, () => {
  const rows: [string, string, boolean][] = [
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c", true],
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false],
    ["arn:aws:s3:::bucket*", "arn:aws:s3:::bucket", true],
    ["arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/x", false],
    ["arn:aws:S3:::bucket/*", "arn:aws:s3:::bucket/x", false],
    ["arn:aws:s3:::bucket/?.txt", "arn:aws:s3:::bucket/a.txt", true],
    ["arn:aws:s3:::bucket/?.txt", "arn:aws:s3:::bucket/ab.txt", false],
    // "If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond
    // the colon boundaries."
    ["arn:aws:logs:us-east-1:111122223333:log-group:*", "arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s", true],
    ["arn:aws:iam::*:role/x", "arn:aws:iam::111122223333:role/x", true],
    ["arn:aws:*:us-east-1:111122223333:*", "arn:aws:sqs:us-east-1:111122223333:q", true],
    // A `*` inside a segment stays inside it.
    ["arn:aws:ssm:us-east-1:1*3:parameter/x", "arn:aws:ssm:us-east-1:1:2:3:parameter/x", false],
    ["arn:aws:ssm:us-east-1:1*3:parameter/x", "arn:aws:ssm:us-east-1:123:parameter/x", true],
    ["arn:aws:dynamodb:us-east-1:111122223333:table/t", "arn:aws:dynamodb:us-east-1:111122223333:table/t", true],
    ["arn:aws:dynamodb:us-east-1:111122223333:table/t", "arn:aws:dynamodb:us-east-1:111122223333:table/t2", false],
    ["*", "arn:aws:s3:::anything", true],
    ["*", "*", true],
    ["arn:aws:s3:::*", "*", false],
  ];
  for (const [pattern, arn, expected] of rows) {
    it(`${pattern} ${expected ? "matches" : "does not match"} ${arn}`, () => {
      expect(compileArnPattern(pattern)(arn)).toBe(expected);
    });
  }

  it("a pattern without wildcards matches exactly itself (property)", () => {
    const seg = fc.stringMatching(/^[a-z0-9/._-]{0,12}$/);
    fc.assert(
      fc.property(seg, seg, (a, b) => {
        const p = `arn:aws:s3:::${a}`;
        expect(compileArnPattern(p)(`arn:aws:s3:::${b}`)).toBe(a === b);
      }),
    );
  });

  it("a trailing * matches exactly the ARNs with that prefix (property)", () => {
    const seg = fc.stringMatching(/^[a-z0-9:/._-]{0,12}$/);
    fc.assert(
      fc.property(seg, seg, (prefix, rest) => {
        const m = compileArnPattern(`arn:aws:s3:::${prefix}*`);
        expect(m(`arn:aws:s3:::${prefix}${rest}`)).toBe(true);
        const other = `arn:aws:s3:::${rest}`;
        expect(m(other)).toBe(other.startsWith(`arn:aws:s3:::${prefix}`));
      }),
    );
  });
});

describe("the regex-free matcher for *-only patterns agrees with the regex form (property)", () => {
  it("on patterns and ARNs built from a small alphabet with colons and slashes", async () => {
    const { arnPatternToRegexSource } = await import("../../src/match/arn.js");
    const alphabet = fc.constantFrom("a", "b", ":", "/", "*");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 10 }), fc.array(fc.constantFrom("a", "b", ":", "/"), { maxLength: 12 }), (p, v) => {
        const pattern = p.join("");
        if (!pattern.includes("*")) return;
        const value = v.join("");
        const reference = new RegExp(`^${arnPatternToRegexSource(pattern)}$`).test(value);
        expect(compileArnPattern(pattern)(value)).toBe(reference);
      }),
      { numRuns: 5000 },
    );
  });
});
