/**
 * Turns the caller's request context into the evaluator's form (src/context/types.ts).
 *
 * Condition key names are case-insensitive (IAM/latest/UserGuide/reference_policies_elements_condition.html,
 * and "Key names are case-insensitive" on IAM/latest/UserGuide/reference_policies_variables.html), so keys
 * are folded to lower case once here. Every value becomes a string because IAM compares the request's
 * values as text and parses them per operator family. A list marks a multivalued key
 * (IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
 */
import type { ContextScalar, ContextValue, RequestContextInput } from "../types.js";
import type { ContextEntry } from "./types.js";

/** Thrown for a context that cannot be read: fail closed rather than guess (a NaN, a nested list, two spellings of one key). */
export class ContextInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContextInputError";
  }
}

function scalarText(key: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ContextInputError(`context key ${key}: ${value} is not a usable number`);
    return String(value);
  }
  const shown = value === null ? "null" : Array.isArray(value) ? "a nested list" : typeof value;
  throw new ContextInputError(
    `context key ${key}: values must be strings, numbers or booleans (or a list of them), not ${shown}`,
  );
}

/** One key's value as an entry, or undefined when the key counts as absent (null, undefined, empty list). */
export function normalizeValue(key: string, value: ContextValue | undefined): ContextEntry | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return { values: value.map((v: unknown) => scalarText(key, v)), multi: true };
  }
  return { values: [scalarText(key, value as ContextScalar)], multi: false };
}

/**
 * Lower-cases keys and stringifies values. Two input keys that differ only in case are an input error:
 * AWS sees one key, and picking either value silently would hide a mistake in the spec.
 */
export function normalizeContext(input: RequestContextInput | undefined): Map<string, ContextEntry> {
  const out = new Map<string, ContextEntry>();
  if (input === undefined) return out;
  const spelledAs = new Map<string, string>();
  for (const [key, value] of Object.entries(input)) {
    const folded = key.toLowerCase();
    const earlier = spelledAs.get(folded);
    if (earlier !== undefined) {
      throw new ContextInputError(
        `context keys ${JSON.stringify(earlier)} and ${JSON.stringify(key)} name the same key (condition key names are case-insensitive); give it once`,
      );
    }
    spelledAs.set(folded, key);
    const entry = normalizeValue(key, value);
    if (entry !== undefined) out.set(folded, entry);
  }
  return out;
}
