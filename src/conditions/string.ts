/**
 * String operators (reference_policies_elements_condition_operators.html#Conditions_String):
 * StringEquals is exact and case-sensitive, with `*` and `?` as ordinary characters; the IgnoreCase forms
 * fold case; StringLike is case-sensitive with `*` and `?` as wildcards "anywhere in the string".
 */
import { compileWildcard, unescapeLiterals, type Matcher } from "../match/wildcard.js";
import { buildFamily, ok } from "./family.js";

/** Exact comparison against a list of fixed policy values: one set lookup instead of a scan. */
const anyOf = (policy: readonly string[]) => {
  const set = new Set(policy);
  return (request: string) => set.has(request);
};

export const stringEquals = buildFamily<string, string>({
  name: "String",
  variables: true,
  parsePolicy: (text) => ok(unescapeLiterals(text)),
  parseRequest: (text) => text,
  matches: (policy, request) => policy === request,
  staticTest: anyOf,
});

export const stringEqualsIgnoreCase = buildFamily<string, string>({
  name: "String",
  variables: true,
  parsePolicy: (text) => ok(unescapeLiterals(text).toLowerCase()),
  parseRequest: (text) => text.toLowerCase(),
  matches: (policy, request) => policy === request,
  staticTest: anyOf,
});

export const stringLike = buildFamily<Matcher, string>({
  name: "String",
  variables: true,
  parsePolicy: (text) => ok(compileWildcard(text)),
  parseRequest: (text) => text,
  matches: (policy, request) => policy(request),
});
