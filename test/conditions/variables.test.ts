/** Policy variables (IAM/latest/UserGuide/reference_policies_variables.html) at the template level. */
import { describe, expect, it } from "vitest";
import { normalizeContext } from "../../src/context/normalize.js";
import { LITERAL_QUESTION, LITERAL_STAR } from "../../src/match/wildcard.js";
import { parseTemplate, resolveTemplate, variableIssues, type Template } from "../../src/policy/variables.js";
import type { RequestContextInput } from "../../src/types.js";

const V12 = "2012-10-17";
const VARS = "reference_policies_variables.html";

function resolve(text: string, ctx: RequestContextInput): string | undefined {
  const t = parseTemplate(text, V12) as Template;
  expect(t).not.toBeNull();
  return resolveTemplate(t, normalizeContext(ctx));
}

describe(`parseTemplate / resolveTemplate (${VARS})`, () => {
  it("returns null when there is nothing to substitute (static fast path)", () => {
    expect(parseTemplate("arn:aws:s3:::bucket/*", V12)).toBeNull();
    expect(parseTemplate("cost $5", V12)).toBeNull();
  });
  it("returns null for Version 2008-10-17 and for no Version: the text is literal", () => {
    expect(parseTemplate("home/${aws:username}", "2008-10-17")).toBeNull();
    expect(parseTemplate("home/${aws:username}", undefined)).toBeNull();
  });
  it.each<[string, RequestContextInput, string | undefined]>([
    ["home/${aws:username}/", { "aws:username": "bob" }, "home/bob/"],
    ["home/${aws:username}/", {}, undefined],
    ["${aws:PrincipalTag/team}-${aws:username}", { "aws:principaltag/team": "web", "aws:username": "ana" }, "web-ana"],
    ["${aws:PrincipalTag/team}-${aws:username}", { "aws:principaltag/team": "web" }, undefined],
    ["${aws:userid, 'anonymous'}", {}, "anonymous"],
    ["${aws:userid, 'anonymous'}", { "aws:userid": "AIDA1" }, "AIDA1"],
    ["${aws:userid,'anonymous'}", {}, "anonymous"],
    ["${ aws:userid , 'x y' }", {}, "x y"],
    ["${aws:userid, ''}", {}, ""],
    ["${aws:userid, 'a}b'}", {}, "a}b"],
    ["${aws:TagKeys}", { "aws:TagKeys": ["a", "b"] }, undefined],
    ["${aws:TagKeys}", { "aws:TagKeys": ["a"] }, undefined],
    ["${aws:TagKeys, 'd'}", { "aws:TagKeys": ["a", "b"] }, "d"],
    ["${aws:SecureTransport}", { "aws:SecureTransport": true }, "true"],
    ["${s3:max-keys}", { "s3:max-keys": 10 }, "10"],
    ["a${$}b", {}, "a$b"],
    ["a${*}b${?}", {}, `a${LITERAL_STAR}b${LITERAL_QUESTION}`],
    ["${aws:username}", { "aws:username": "a*b?" }, `a${LITERAL_STAR}b${LITERAL_QUESTION}`],
    ["${aws:username, 'd*'}", {}, `d${LITERAL_STAR}`],
    ["${aws:username}", { "aws:username": "" }, ""],
    ["x*${aws:username}", { "aws:username": "y" }, "x*y"],
  ])("%j in %j -> %j", (text, ctx, expected) => {
    expect(resolve(text, ctx)).toBe(expected);
  });
  it("key names are case-insensitive", () => {
    expect(resolve("${AWS:UserName}", { "aws:username": "bob" })).toBe("bob");
    expect(parseTemplate("${AWS:UserName}", V12)?.keys).toEqual(["aws:username"]);
  });
  it("a template of special characters only resolves without a context", () => {
    const t = parseTemplate("${*}", V12);
    expect(t?.fixed).toBe(LITERAL_STAR);
    expect(t?.keys).toEqual([]);
  });
  it("substitution is one round: a value that looks like a variable stays text", () => {
    expect(resolve("${aws:username}", { "aws:username": "${aws:userid}", "aws:userid": "X" })).toBe("${aws:userid}");
  });
  it.each([
    ["home/${aws:username", /unterminated/],
    ["${aws:username, 'x'", /unterminated/],
    ["${aws:username, 'x}", /unterminated default/],
    ["${aws:username, x}", /single quotes/],
    ["${aws:username, 'x' y}", /unexpected text/],
    ["${}", /empty policy variable/],
    ["${*, 'x'}", /takes no default/],
    ["${a${b}}", /not a condition key name/],
    ["${aws:user name}", /not a condition key name/],
  ])("syntax error in %j", (text, message) => {
    const t = parseTemplate(text, V12);
    expect(t?.error).toMatch(message);
    expect(resolveTemplate(t as Template, new Map())).toBeUndefined();
    const issues = variableIssues(text, V12, ["Statement", 0, "Resource"]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: "error", path: ["Statement", 0, "Resource"] });
    expect(issues[0]?.message).toMatch(message);
  });
  it("no issues for valid text or without Version 2012-10-17", () => {
    expect(variableIssues("home/${aws:username}", V12, [])).toEqual([]);
    expect(variableIssues("home/${aws:username", "2008-10-17", [])).toEqual([]);
  });
});
