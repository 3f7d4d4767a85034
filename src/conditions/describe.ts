/**
 * Lists the (operator, key, values) triples of a Condition block, for the fuzzer: it needs to know which
 * keys a policy tests and against what, to generate values on both sides of each comparison.
 * Parts that cannot be read are left out; compileCondition() is what reports them.
 */
import { parseOperatorName, type SetQualifier } from "./names.js";
import { readValues } from "./values.js";

export interface ConditionTriple {
  /** The base operator, without qualifier or IfExists: "StringLike", "Null", ... */
  operator: string;
  qualifier?: SetQualifier;
  ifExists: boolean;
  /** The key as written in the policy (compare case-insensitively). */
  key: string;
  /** The values as text, variables not substituted. */
  values: string[];
}

export function describeCondition(block: unknown): ConditionTriple[] {
  const out: ConditionTriple[] = [];
  if (typeof block !== "object" || block === null || Array.isArray(block)) return out;
  for (const [operatorText, keyMap] of Object.entries(block)) {
    const name = parseOperatorName(operatorText);
    if (!name.ok || typeof keyMap !== "object" || keyMap === null || Array.isArray(keyMap)) continue;
    for (const [key, raw] of Object.entries(keyMap as Record<string, unknown>)) {
      const read = readValues(raw);
      if (read.errors.length > 0) continue;
      const triple: ConditionTriple = { operator: name.name.base, ifExists: name.name.ifExists, key, values: read.values };
      if (name.name.qualifier !== undefined) triple.qualifier = name.name.qualifier;
      out.push(triple);
    }
  }
  return out;
}
