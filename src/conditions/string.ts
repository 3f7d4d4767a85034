/**
 * String operators (reference_policies_elements_condition_operators.html#Conditions_String):
 * StringEquals is exact and case-sensitive, with `*` and `?` as ordinary characters; the IgnoreCase forms
 * fold case; StringLike is case-sensitive with `*` and `?` as wildcards "anywhere in the string".
 */
import { compileWildcard, unescapeLiterals, type Matcher } from "../match/wildcard.js";
import { buildFamily, ok } from "./family.js";
import { caseless, globRx, rx } from "../match/regex.js";

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
  symbolic: (policy) => ({ kind: "string", rx: rx.lit(policy) }),
});

export const stringEqualsIgnoreCase = buildFamily<string, string>({
  name: "String",
  variables: true,
  parsePolicy: (text) => ok(unescapeLiterals(text).toLowerCase()),
  parseRequest: (text) => text.toLowerCase(),
  matches: (policy, request) => policy === request,
  staticTest: anyOf,
  // Both sides are folded: a request matches when it equals the policy value in any case.
  symbolic: (policy) => ({ kind: "string", rx: caseless(policy) }),
});

export const stringLike = buildFamily<{ match: Matcher; text: string }, string>({
  name: "String",
  variables: true,
  parsePolicy: (text) => ok({ match: compileWildcard(text), text }),
  parseRequest: (text) => text,
  matches: (policy, request) => policy.match(request),
  symbolic: (policy) => ({ kind: "string", rx: globRx(policy.text) }),
});
