/**
 * Compiles a Condition block (IAM/latest/UserGuide/reference_policies_elements_condition.html) into one
 * function of the request context. Everything that can be done once is done here: operator names are
 * parsed, values read, dates/CIDRs/globs compiled, keys lower-cased. At evaluation time only key lookups
 * and comparisons remain (plus variable substitution, cached per value).
 *
 * Semantics, all from IAM/latest/UserGuide/reference_policies_multi-value-conditions.html unless noted:
 * - several operators, and several keys under one operator: AND;
 * - several values for one key: OR; for a negated operator: NOR (NOT of the OR);
 * - a key missing from the request: false, but true for negated operators
 *   (reference_policies_elements_condition_operators.html, "Important" box); true with ...IfExists;
 * - ForAllValues: every request value must match; true when the key is missing or empty, "or if the key
 *   values resolve to a null data set, such as an empty string" (so a key whose values are all "" is an
 *   empty set for the set qualifiers). ForAnyValue: some request value must match; false "for no
 *   matching key or a null dataset"
 *   (reference_policies_condition-single-vs-multi-valued-context-keys.html). With a negated operator,
 *   "match" means "matches none of the policy values", per request value
 *   (reference_policies_condition_examples-multi-valued-context-keys.html, ForAllValues:StringNotLike table);
 * - a set qualifier on a single-valued key treats the value as a set of one (the same page warns this can
 *   be overly permissive, i.e. it is evaluated, not rejected);
 * - an operator without a qualifier on a key with several request values: the docs say multivalued keys
 *   "require" a set operator but do not say what happens without one. We read it as "some value matches"
 *   (and, negated, "no value matches"): the plain meaning of comparing the key with the policy values.
 *   See the table test that pins this choice.
 */
import type { CompiledCondition, ContextLookup } from "../context/types.js";
import type { JsonPath, PolicyIssue } from "../policy/issues.js";
import { parseTemplate, variableIssues } from "../policy/variables.js";
import type { PolicyValue, ValueFamily, ValueTest } from "./family.js";
import { parseOperatorName, type SetQualifier } from "./names.js";
import { readValues } from "./values.js";

export interface CompileConditionOptions {
  readonly version: string | undefined;
  readonly path: JsonPath;
}

/**
 * One key test of a Condition block as data, for the prover: the same operator, qualifier and values
 * the compiled function reads (several clauses are ANDed).
 */
export type ConditionClause =
  | {
      readonly kind: "values";
      readonly key: string;
      /** The key as the policy spells it (`key` is lower case). */
      readonly written: string;
      readonly family: ValueFamily;
      readonly negated: boolean;
      readonly qualifier: SetQualifier | undefined;
      readonly ifExists: boolean;
      readonly values: readonly PolicyValue[];
    }
  | { readonly kind: "null"; readonly key: string; readonly written: string; readonly wanted: readonly boolean[] };

export interface CompiledConditionResult {
  readonly condition: CompiledCondition;
  readonly issues: PolicyIssue[];
  readonly clauses: readonly ConditionClause[];
}

const ALWAYS: CompiledCondition = () => true;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Why an invalid condition must never be evaluated: neither true nor false is safe for both Allow and Deny. */
function refuse(issues: readonly PolicyIssue[]): CompiledCondition {
  const first = issues.find((i) => i.severity === "error");
  return () => {
    throw new Error(`an invalid Condition block was evaluated: ${first?.message ?? "invalid"}`);
  };
}

interface KeyCheck {
  readonly key: string;
  readonly test: ValueTest;
  readonly negated: boolean;
  readonly qualifier: SetQualifier | undefined;
  readonly ifExists: boolean;
}

function present(ctx: ContextLookup, key: string): readonly string[] | undefined {
  const entry = ctx.get(key);
  return entry === undefined || entry.values.length === 0 ? undefined : entry.values;
}

/** For the set qualifiers a key whose values are all empty strings is a "null data set": no values at all. */
function presentSet(ctx: ContextLookup, key: string): readonly string[] | undefined {
  const values = present(ctx, key);
  return values === undefined || values.every((v) => v === "") ? undefined : values;
}

function checkKey(c: KeyCheck): CompiledCondition {
  const { key, test, negated, qualifier, ifExists } = c;
  const whenAbsent = qualifier === "ForAllValues" ? true : ifExists ? true : qualifier === "ForAnyValue" ? false : negated;
  if (qualifier === "ForAllValues") {
    return (ctx) => {
      const values = presentSet(ctx, key);
      if (values === undefined) return whenAbsent;
      for (const v of values) if (test(v, ctx) === negated) return false;
      return true;
    };
  }
  if (qualifier === "ForAnyValue") {
    return (ctx) => {
      const values = presentSet(ctx, key);
      if (values === undefined) return whenAbsent;
      for (const v of values) if (test(v, ctx) !== negated) return true;
      return false;
    };
  }
  return (ctx) => {
    const values = present(ctx, key);
    if (values === undefined) return whenAbsent;
    let any = false;
    for (const v of values) {
      if (test(v, ctx)) {
        any = true;
        break;
      }
    }
    return any !== negated;
  };
}

/**
 * Null: "true" means the key is absent, "false" that it is present (several values: OR). A key whose
 * values are all empty counts as null: "a Null condition operator ... with a value of false to check if
 * the context key in the request exists and its value is not null" prevents "context keys with empty
 * values" from passing (reference_policies_condition_examples-multi-valued-context-keys.html).
 */
function checkNull(key: string, wanted: readonly boolean[]): CompiledCondition {
  const wantAbsent = wanted.includes(true);
  const wantPresent = wanted.includes(false);
  return (ctx) => {
    const absent = presentSet(ctx, key) === undefined;
    return absent ? wantAbsent : wantPresent;
  };
}

function and(checks: readonly CompiledCondition[]): CompiledCondition {
  if (checks.length === 0) return ALWAYS;
  if (checks.length === 1) return checks[0] as CompiledCondition;
  return (ctx) => {
    for (const c of checks) if (!c(ctx)) return false;
    return true;
  };
}

export function compileCondition(block: unknown, opts: CompileConditionOptions): CompiledConditionResult {
  const issues: PolicyIssue[] = [];
  const error = (path: JsonPath, message: string, hint?: string): void => {
    issues.push(hint === undefined ? { severity: "error", path, message } : { severity: "error", path, message, hint });
  };
  const clauses: ConditionClause[] = [];
  if (block === undefined) return { condition: ALWAYS, issues, clauses };
  if (!isPlainObject(block)) {
    error(opts.path, "Condition must be an object mapping condition operators to { key: value(s) }", 'write e.g. "Condition": { "StringEquals": { "aws:PrincipalTag/team": "web" } }');
    return { condition: refuse(issues), issues, clauses };
  }

  const checks: CompiledCondition[] = [];
  for (const [operatorText, keyMap] of Object.entries(block)) {
    const opPath = [...opts.path, operatorText];
    const name = parseOperatorName(operatorText);
    if (!name.ok) {
      error(opPath, name.message, name.hint);
      continue;
    }
    if (!isPlainObject(keyMap)) {
      error(opPath, `${operatorText} must map condition keys to values`, `write e.g. "${operatorText}": { "aws:PrincipalTag/team": "web" }`);
      continue;
    }
    const entries = Object.entries(keyMap);
    if (entries.length === 0) {
      error(opPath, `${operatorText} names no condition keys`, "remove the empty operator or add a key");
      continue;
    }
    const { spec, qualifier, ifExists } = name.name;
    const seenKeys = new Map<string, string>();
    for (const [key, raw] of entries) {
      const keyPath = [...opPath, key];
      if (key === "") {
        error(keyPath, "empty condition key name", "name the condition key, e.g. aws:SourceIp");
        continue;
      }
      // Access Analyzer's "Duplicate keys with different case" check
      // (IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html): key names are
      // case-insensitive, so two spellings under one operator are one key given twice.
      const earlier = seenKeys.get(key.toLowerCase());
      if (earlier !== undefined) {
        error(keyPath, `condition key "${key}" appears twice under ${operatorText} (also as "${earlier}"); key names are case-insensitive`, "merge the values into one key");
        continue;
      }
      seenKeys.set(key.toLowerCase(), key);
      // A broken `${` in a key name is a typo that would otherwise name a key no request carries.
      const keyVariableIssues = variableIssues(key, opts.version, keyPath);
      if (keyVariableIssues.length > 0) {
        issues.push(...keyVariableIssues);
        continue;
      }
      const read = readValues(raw);
      const valuePath = (index: number | undefined): JsonPath =>
        read.list && index !== undefined ? [...keyPath, index] : keyPath;
      for (const e of read.errors) error(valuePath(e.index), e.message, e.hint);
      if (read.errors.length > 0) continue;
      const lowerKey = key.toLowerCase();

      if (spec.family === "null") {
        const wanted: boolean[] = [];
        read.values.forEach((v, i) => {
          const lower = v.toLowerCase();
          if (lower === "true" || lower === "false") wanted.push(lower === "true");
          else error(valuePath(read.indexes[i]), `Null takes true (key absent) or false (key present), not "${v}"`, "write true or false");
        });
        if (wanted.length === read.values.length) {
          checks.push(checkNull(lowerKey, wanted));
          clauses.push({ kind: "null", key: lowerKey, written: key, wanted });
        }
        continue;
      }

      const family = spec.family;
      const values: PolicyValue[] = read.values.map((text) => ({
        text,
        template: family.variables ? parseTemplate(text, opts.version) : null,
      }));
      const compiled = family.compile(values);
      for (const e of compiled.errors) error(valuePath(read.indexes[e.index]), e.message, e.hint);
      if (compiled.errors.length > 0) continue;
      checks.push(checkKey({ key: lowerKey, test: compiled.test, negated: spec.negated, qualifier, ifExists }));
      clauses.push({ kind: "values", key: lowerKey, written: key, family, negated: spec.negated, qualifier, ifExists, values });
    }
  }
  if (issues.some((i) => i.severity === "error")) return { condition: refuse(issues), issues, clauses };
  return { condition: and(checks), issues, clauses };
}
