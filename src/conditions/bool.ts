/**
 * Bool (reference_policies_elements_condition_operators.html#Conditions_Boolean): compares a key to
 * "true" or "false". Policy values may be JSON booleans or those strings in any case; anything else is an
 * error rather than a silent non-match.
 *
 * Policy variables are not substituted. Conflict: an older copy of the operators page says "You can use a
 * policy variable with the Boolean condition operator", while reference_policies_variables.html says "You
 * can't use a policy variable with other operators, such as Numeric, Date, Boolean, ..." and IAM Access
 * Analyzer's policy check "Invalid variable for operator" says "Policy variables can only be used with
 * String and ARN operators" (IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html). Two pages
 * against one: a `${...}` in a Bool value is refused (fail closed), see the table test.
 */
import { caseless } from "../match/regex.js";
import { bad, buildFamily, noVariablesHint, ok } from "./family.js";

function parseBool(text: string): "true" | "false" | undefined {
  const lower = text.toLowerCase();
  return lower === "true" || lower === "false" ? lower : undefined;
}

export const bool = buildFamily<"true" | "false", "true" | "false">({
  name: "Bool",
  variables: false,
  parsePolicy: (text) => {
    const b = parseBool(text);
    return b === undefined
      ? bad(`"${text}" is not true or false`, noVariablesHint(text, "Bool") ?? 'Bool takes true or false (or "true"/"false")')
      : ok(b);
  },
  parseRequest: parseBool,
  matches: (policy, request) => policy === request,
  symbolic: (policy) => ({ kind: "string", rx: caseless(policy) }),
});
