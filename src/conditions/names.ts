/**
 * Operator names: `[ForAllValues:|ForAnyValue:]Base[IfExists]`.
 *
 * The docs spell every operator in one case and never say other spellings work, so names are matched
 * exactly; a name that differs only in case, or is a near miss, is refused with a hint naming the right
 * one (fail closed: a misspelt operator must not silently become "no condition").
 * `IfExists` goes on "any condition operator name except the Null condition"
 * (reference_policies_elements_condition_operators.html#Conditions_IfExists). Set qualifiers on Null are
 * not described anywhere, so they are refused too.
 */
import { nearest } from "../data/edit-distance.js";
import { OPERATORS, type OperatorSpec } from "./registry.js";

export type SetQualifier = "ForAllValues" | "ForAnyValue";

export interface OperatorName {
  readonly qualifier?: SetQualifier;
  readonly base: string;
  readonly ifExists: boolean;
  readonly spec: OperatorSpec;
}

export type NameResult = { ok: true; name: OperatorName } | { ok: false; message: string; hint?: string };

const QUALIFIERS: readonly SetQualifier[] = ["ForAllValues", "ForAnyValue"];
const IF_EXISTS = "IfExists";

function allSpellings(): string[] {
  const out: string[] = [];
  for (const base of OPERATORS.keys()) {
    out.push(base);
    if (base !== "Null") out.push(base + IF_EXISTS);
  }
  return out;
}

/** The known spelling closest to `text`, when one is close enough to be a likely typo. */
function closest(text: string, known: readonly string[]): string | undefined {
  return nearest(text, known, Math.max(2, Math.floor(text.length / 4)));
}

export function parseOperatorName(text: string): NameResult {
  let qualifier: SetQualifier | undefined;
  let rest = text;
  const colon = text.indexOf(":");
  if (colon >= 0) {
    const prefix = text.slice(0, colon);
    const q = QUALIFIERS.find((k) => k === prefix);
    if (q === undefined) {
      const near = closest(prefix, QUALIFIERS);
      return {
        ok: false,
        message: `unknown set qualifier "${prefix}" in condition operator "${text}"`,
        hint: near !== undefined ? `did you mean ${near}:${text.slice(colon + 1)}?` : "the set qualifiers are ForAllValues: and ForAnyValue:",
      };
    }
    qualifier = q;
    rest = text.slice(colon + 1);
  }
  let base = rest;
  let ifExists = false;
  if (!OPERATORS.has(rest) && rest.endsWith(IF_EXISTS) && OPERATORS.has(rest.slice(0, -IF_EXISTS.length))) {
    base = rest.slice(0, -IF_EXISTS.length);
    ifExists = true;
  }
  const spec = OPERATORS.get(base);
  if (spec === undefined) {
    const near = closest(rest, allSpellings());
    return {
      ok: false,
      message: `unknown condition operator "${text}" (operator names are case-sensitive)`,
      hint:
        near !== undefined
          ? `did you mean ${qualifier !== undefined ? qualifier + ":" : ""}${near}?`
          : "see IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    };
  }
  if (spec.family === "null" && ifExists) {
    return { ok: false, message: "IfExists cannot be added to Null", hint: "use Null on its own: it already tests whether the key exists" };
  }
  if (spec.family === "null" && qualifier !== undefined) {
    return { ok: false, message: `${qualifier}: cannot qualify Null`, hint: "use Null on its own: it tests whether the key exists at all" };
  }
  return { ok: true, name: qualifier === undefined ? { base, ifExists, spec } : { qualifier, base, ifExists, spec } };
}
