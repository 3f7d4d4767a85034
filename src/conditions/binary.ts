/**
 * BinaryEquals (reference_policies_elements_condition_operators.html#Conditions_BinaryEquals): "compares
 * the value of the specified key byte for byte against a base-64 encoded representation of the binary
 * value in the policy". Request values are given base64-encoded too; both sides are decoded and compared
 * as bytes (via their canonical encoding). No policy variables.
 */
import { bad, buildFamily, noVariablesHint, ok } from "./family.js";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function canonicalBase64(text: string): string | undefined {
  if (!BASE64.test(text)) return undefined;
  return Buffer.from(text, "base64").toString("base64");
}

export const binary = buildFamily<string, string>({
  name: "Binary",
  variables: false,
  parsePolicy: (text) => {
    const c = canonicalBase64(text);
    return c === undefined ? bad(`"${text}" is not base64`, noVariablesHint(text, "Binary")) : ok(c);
  },
  parseRequest: canonicalBase64,
  matches: (policy, request) => policy === request,
});
