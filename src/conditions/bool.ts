/**
 * Bool (reference_policies_elements_condition_operators.html#Conditions_Boolean): compares a key to
 * "true" or "false". Policy values may be JSON booleans or those strings in any case; anything else is an
 * error rather than a silent non-match. Policy variables: the Boolean section of the operators page says
 * they can be used, while reference_policies_variables.html lists Boolean among the operators that cannot.
 * The operators page is the one about this operator, so variables are substituted (see the table test).
 */
import { bad, buildFamily, ok } from "./family.js";

function parseBool(text: string): "true" | "false" | undefined {
  const lower = text.toLowerCase();
  return lower === "true" || lower === "false" ? lower : undefined;
}

export const bool = buildFamily<"true" | "false", "true" | "false">({
  name: "Bool",
  variables: true,
  parsePolicy: (text) => {
    const b = parseBool(text);
    return b === undefined ? bad(`"${text}" is not true or false`, 'Bool takes true or false (or "true"/"false")') : ok(b);
  },
  parseRequest: parseBool,
  matches: (policy, request) => policy === request,
});
