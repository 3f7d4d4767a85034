/** normalizeContext (keys case-insensitive: IAM/latest/UserGuide/reference_policies_elements_condition.html). */
import { describe, expect, it } from "vitest";
import { ContextInputError, normalizeContext } from "../../src/context/normalize.js";

describe("normalizeContext", () => {
  it("lower-cases keys and stringifies scalars", () => {
    const ctx = normalizeContext({ "aws:SourceIp": "203.0.113.7", "aws:SecureTransport": true, "s3:max-keys": 10, "x:F": false, "x:n": 2.5 });
    expect([...ctx.entries()]).toEqual([
      ["aws:sourceip", { values: ["203.0.113.7"], multi: false }],
      ["aws:securetransport", { values: ["true"], multi: false }],
      ["s3:max-keys", { values: ["10"], multi: false }],
      ["x:f", { values: ["false"], multi: false }],
      ["x:n", { values: ["2.5"], multi: false }],
    ]);
  });
  it("a list is multivalued, even with one element", () => {
    expect(normalizeContext({ "aws:TagKeys": ["a", 1, true] }).get("aws:tagkeys")).toEqual({ values: ["a", "1", "true"], multi: true });
    expect(normalizeContext({ "aws:TagKeys": ["a"] }).get("aws:tagkeys")?.multi).toBe(true);
  });
  it("null, undefined and empty lists are absent keys", () => {
    const ctx = normalizeContext({ a: null, b: undefined, c: [], d: "" });
    expect([...ctx.keys()]).toEqual(["d"]);
  });
  it("no input is an empty context", () => {
    expect(normalizeContext(undefined).size).toBe(0);
  });
  it.each([
    [{ "x:n": Number.NaN }, /not a usable number/],
    [{ "x:n": Number.POSITIVE_INFINITY }, /not a usable number/],
    [{ "x:l": [["a"]] as unknown as string[] }, /nested list/],
    [{ "x:l": [null] as unknown as string[] }, /not null/],
    [{ "x:o": { a: 1 } as unknown as string }, /not object/],
    [{ "aws:SourceIp": "1.1.1.1", "AWS:SOURCEIP": "2.2.2.2" }, /name the same key/],
  ])("refuses unreadable input %j", (input, message) => {
    expect(() => normalizeContext(input)).toThrow(ContextInputError);
    expect(() => normalizeContext(input)).toThrow(message);
  });
});
