/**
 * BinaryEquals (reference_policies_elements_condition_operators.html#Conditions_BinaryEquals): "compares
 * the value of the specified key byte for byte against a base-64 encoded representation of the binary
 * value in the policy". Request values are given base64-encoded too; both sides are decoded and compared
 * as bytes (via their canonical encoding). No policy variables.
 */
import { bad, buildFamily, noVariablesHint, ok } from "./family.js";
import { rx } from "../match/regex.js";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Every base64 text that decodes to the bytes of a canonical one: the last character before padding
 * carries bits that decoding drops (4 of them before `==`, 2 before `=`), so 16 or 4 texts spell the
 * same bytes. The request matches exactly when it is one of them.
 */
function spellings(canonical: string): string[] {
  const pad = canonical.endsWith("==") ? 2 : canonical.endsWith("=") ? 1 : 0;
  if (pad === 0) return [canonical];
  const at = canonical.length - pad - 1;
  const used = ALPHABET.indexOf(canonical[at]!);
  const spare = pad === 2 ? 16 : 4;
  const base = used - (used % spare);
  return Array.from({ length: spare }, (_, i) => canonical.slice(0, at) + ALPHABET[base + i]! + canonical.slice(at + 1));
}

function canonicalBase64(text: string): string | undefined {
  if (!BASE64.test(text)) return undefined;
  return Buffer.from(text, "base64").toString("base64");
}

export const binary = buildFamily<string, string>({
  name: "Binary",
  variables: false,
  parsePolicy: (text) => {
    const c = canonicalBase64(text);
    return c === undefined ? bad(`"${text}" is not base64`, noVariablesHint(text, "Binary") ?? "write the bytes base64-encoded, e.g. \"QmluYXJ5VmFsdWU=\" (IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals)") : ok(c);
  },
  parseRequest: canonicalBase64,
  matches: (policy, request) => policy === request,
  symbolic: (policy) => ({ kind: "string", rx: rx.alt(...spellings(policy).map((t) => rx.lit(t))) }),
});
