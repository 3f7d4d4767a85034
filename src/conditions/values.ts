/**
 * Reading the values written for one condition key: a string, number or boolean, or a list of them
 * (IAM/latest/UserGuide/reference_policies_elements_condition.html). Numbers and booleans are compared as
 * their text, the way AWS reads `"s3:max-keys": 10` and `"aws:SecureTransport": false`. Anything else —
 * null, an object, a nested list, an empty list — cannot be read and is an error.
 */
export interface ReadValues {
  readonly values: string[];
  /** Index in the written list of each entry of `values` (unreadable items are left out of `values`). */
  readonly indexes: number[];
  /** Whether the policy wrote a list (issue paths then carry the index). */
  readonly list: boolean;
  readonly errors: { index?: number; message: string; hint?: string }[];
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

const VALUE_HINT = 'write one value ("web") or a list of values (["web", "api"])';

function describe(value: unknown): string {
  if (value === null) return "null";
  // JSON reads 1e400 as Infinity: no number AWS could compare.
  if (typeof value === "number") return `the number ${String(value)}, which is out of range`;
  if (Array.isArray(value)) return "a nested list";
  return typeof value === "object" ? "an object" : typeof value;
}

export function readValues(raw: unknown): ReadValues {
  if (!Array.isArray(raw)) {
    const t = text(raw);
    return t === undefined
      ? { values: [], indexes: [], list: false, errors: [{ message: `a condition value must be a string, number or boolean, not ${describe(raw)}`, hint: VALUE_HINT }] }
      : { values: [t], indexes: [0], list: false, errors: [] };
  }
  if (raw.length === 0) return { values: [], indexes: [], list: true, errors: [{ message: "an empty list of condition values matches nothing useful", hint: "give at least one value, or remove the key" }] };
  const values: string[] = [];
  const indexes: number[] = [];
  const errors: { index?: number; message: string; hint?: string }[] = [];
  raw.forEach((item: unknown, index) => {
    const t = text(item);
    if (t === undefined) errors.push({ index, message: `a condition value must be a string, number or boolean, not ${describe(item)}`, hint: VALUE_HINT });
    else {
      values.push(t);
      indexes.push(index);
    }
  });
  return { values, indexes, list: true, errors };
}
