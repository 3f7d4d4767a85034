/**
 * Policy variables (IAM/latest/UserGuide/reference_policies_variables.html).
 *
 * - Variables exist only in policy language Version "2012-10-17"; without that Version, or with
 *   "2008-10-17", `${aws:username}` is literal text (same page, note under "Introduction").
 * - `${*}`, `${?}`, `${$}` stand for a literal `*`, `?`, `$` ("Special characters").
 * - `${key, 'default'}` gives a default used when the key has no value ("Specifying default values").
 * - A key that is absent, or multivalued, cannot be substituted (a multivalued key cannot be a policy
 *   variable: IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html,
 *   "Key points"). The value is then effectively null: it equals and is like nothing, so the element that
 *   holds it matches nothing. resolveTemplate() returns undefined for that case.
 *
 * Substituted text is data, not pattern: `*` and `?` inside a context value or a default, and those
 * written as `${*}`/`${?}`, come out as LITERAL_STAR/LITERAL_QUESTION so that a glob treats them literally.
 */
import type { ContextLookup } from "../context/types.js";
import type { JsonPath, PolicyIssue } from "./issues.js";
import { LITERAL_QUESTION, LITERAL_STAR } from "../match/wildcard.js";

/** The only policy language version that has variables. */
export const VARIABLES_VERSION = "2012-10-17";

export type TemplatePart =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "variable"; readonly key: string; readonly fallback?: string };

export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  /** Lower-cased context keys the template reads. */
  readonly keys: readonly string[];
  /** The resolved text when the template reads no keys (only `${*}`, `${?}`, `${$}`). */
  readonly fixed?: string;
  /** A syntax error: such a template never resolves (and the policy is invalid). */
  readonly error?: string;
}

/** Makes substituted text literal for glob matching. */
export function escapeWildcards(text: string): string {
  if (!text.includes("*") && !text.includes("?")) return text;
  return text.replaceAll("*", LITERAL_STAR).replaceAll("?", LITERAL_QUESTION);
}

const SPECIALS: Readonly<Record<string, string>> = { "*": LITERAL_STAR, "?": LITERAL_QUESTION, $: "$" };

interface Scan {
  parts: TemplatePart[];
  error?: string;
}

function scan(text: string): Scan {
  const parts: TemplatePart[] = [];
  let literal = "";
  let i = 0;
  const fail = (error: string): Scan => ({ parts, error });
  while (i < text.length) {
    const open = text.indexOf("${", i);
    if (open < 0) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, open);
    let j = open + 2;
    // The key runs to the first `,` or `}`; a default is a single-quoted string after the comma.
    let key = "";
    while (j < text.length && text[j] !== "}" && text[j] !== ",") key += text[j++];
    if (j >= text.length) return fail(`unterminated policy variable starting at "${text.slice(open, open + 20)}"`);
    const name = key.trim();
    let fallback: string | undefined;
    if (text[j] === ",") {
      j++;
      while (text[j] === " ") j++;
      if (text[j] !== "'") return fail(`the default value of \${${name}} must be in single quotes: \${${name}, 'default'}`);
      const close = text.indexOf("'", j + 1);
      if (close < 0) return fail(`unterminated default value in \${${name}, ...}`);
      fallback = text.slice(j + 1, close);
      j = close + 1;
      while (text[j] === " ") j++;
      if (text[j] !== "}") {
        return fail(
          j >= text.length
            ? `unterminated policy variable starting at "${text.slice(open, open + 20)}"`
            : `unexpected text after the default value of \${${name}, '${fallback}'}`,
        );
      }
    }
    j++; // past "}"
    if (name === "") return fail("empty policy variable ${}");
    if (name in SPECIALS) {
      if (fallback !== undefined) return fail(`\${${name}} stands for a literal character and takes no default`);
      literal += SPECIALS[name];
    } else {
      if (/[${}'\s]/.test(name)) return fail(`"${name}" is not a condition key name`);
      if (literal) parts.push({ kind: "text", text: literal });
      literal = "";
      parts.push(
        fallback === undefined
          ? { kind: "variable", key: name.toLowerCase() }
          : { kind: "variable", key: name.toLowerCase(), fallback: escapeWildcards(fallback) },
      );
    }
    i = j;
  }
  if (literal) parts.push({ kind: "text", text: literal });
  return { parts };
}

/**
 * Parses the variables in `text`. Returns null when there is nothing to substitute (no `${` at all, or a
 * Version without variables), so callers keep their static fast path.
 */
export function parseTemplate(text: string, version: string | undefined): Template | null {
  if (version !== VARIABLES_VERSION || !text.includes("${")) return null;
  const { parts, error } = scan(text);
  if (error !== undefined) return { source: text, parts: [], keys: [], error };
  const keys = parts.flatMap((p) => (p.kind === "variable" ? [p.key] : []));
  if (keys.length === 0) {
    const fixed = parts.map((p) => (p.kind === "text" ? p.text : "")).join("");
    return { source: text, parts, keys, fixed };
  }
  return { source: text, parts, keys };
}

/** The text with variables substituted, or undefined when a variable has no usable value and no default. */
export function resolveTemplate(t: Template, ctx: ContextLookup): string | undefined {
  if (t.error !== undefined) return undefined;
  if (t.fixed !== undefined) return t.fixed;
  let out = "";
  for (const part of t.parts) {
    if (part.kind === "text") {
      out += part.text;
      continue;
    }
    const entry = ctx.get(part.key);
    const value = entry !== undefined && !entry.multi && entry.values.length === 1 ? entry.values[0] : undefined;
    if (value !== undefined) out += escapeWildcards(value);
    else if (part.fallback !== undefined) out += part.fallback;
    else return undefined;
  }
  return out;
}

/** How to write a policy variable: the hint of every variable syntax error, wherever it is written. */
export const VARIABLE_HINT = "write a variable as ${service:key} or ${service:key, 'default'}; use ${$} for a literal $ (IAM/latest/UserGuide/reference_policies_variables.html)";

/** Syntax problems with the variables in `text`, as policy issues at `path`. */
export function variableIssues(text: string, version: string | undefined, path: JsonPath): PolicyIssue[] {
  const t = parseTemplate(text, version);
  if (t?.error === undefined) return [];
  return [
    {
      severity: "error",
      path,
      message: t.error,
      hint: VARIABLE_HINT,
    },
  ];
}
