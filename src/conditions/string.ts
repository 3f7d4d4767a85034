/**
 * String operators (reference_policies_elements_condition_operators.html#Conditions_String):
 * StringEquals is exact and case-sensitive, with `*` and `?` as ordinary characters; the IgnoreCase forms
 * fold case; StringLike is case-sensitive with `*` and `?` as wildcards "anywhere in the string".
 */
import { compileWildcard, unescapeLiterals, type Matcher } from "../match/wildcard.js";
import { buildFamily, ok } from "./family.js";

export const stringEquals = buildFamily<string, string>({
  name: "String",
  variables: true,
  parsePolicy: (text) => ok(unescapeLiterals(text)),
  parseRequest: (text) => text,
  matches: (policy, request) => policy === request,
  staticTest: (policy) => {
    const set = new Set(policy);
    return (request) => set.has(request);
  },
});

export const stringEqualsIgnoreCase = buildFamily<string, string>({
  name: "String",
  variables: true,
  parsePolicy: (text) => ok(unescapeLiterals(text).toLowerCase()),
  parseRequest: (text) => text.toLowerCase(),
  matches: (policy, request) => policy === request,
  staticTest: (policy) => {
    const set = new Set(policy);
    return (request) => set.has(request);
  },
});

export const stringLike = buildFamily<Matcher, string>({
  name: "String",
  variables: true,
  parsePolicy: (text) => ok(compileWildcard(text)),
  parseRequest: (text) => text,
  matches: (policy, request) => policy(request),
});
