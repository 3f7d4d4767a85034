/**
 * What every operator family provides: how to read a policy value, how to read a request value, and when
 * they match. buildFamily() turns that into the per-key test the compiler needs, doing all parsing of
 * static policy values once, at compile time.
 */
import type { ContextLookup } from "../context/types.js";
import { resolveTemplate, VARIABLE_HINT, type Template } from "../policy/variables.js";
import type { Rx } from "../match/regex.js";

/** The comparisons of the Numeric and Date families. */
export type CompareOp = "eq" | "lt" | "le" | "gt" | "ge";

/**
 * The symbolic form of one policy value: the set of request values that match it, for the prover
 * (src/prove/). Request values are strings; a family reads them as text (a regular language), as
 * numbers, as instants or as IP addresses.
 */
export type SymbolicValue =
  | { readonly kind: "string"; readonly rx: Rx }
  | { readonly kind: "number"; readonly op: CompareOp; readonly value: number }
  | { readonly kind: "date"; readonly op: CompareOp; readonly ms: number }
  | { readonly kind: "ip"; readonly version: 4 | 6; readonly lo: bigint; readonly hi: bigint };

export interface PolicyValue {
  readonly text: string;
  /** Parsed variables, when the family substitutes them and the text has any. */
  readonly template: Template | null;
}

/** Does some policy value of the key match this one request value? (Several values are ORed.) */
export type ValueTest = (requestValue: string, ctx: ContextLookup) => boolean;

export interface ValueError {
  readonly index: number;
  readonly message: string;
  readonly hint?: string;
}

export interface ValueFamily {
  /** Shown in messages: "String", "Numeric", ... */
  readonly name: string;
  /** Whether `${...}` is substituted in this family's values (reference_policies_variables.html). */
  readonly variables: boolean;
  compile(values: readonly PolicyValue[]): { test: ValueTest; errors: ValueError[] };
  /**
   * The request values that match the policy value `text` (variables already substituted); undefined
   * when the family has no symbolic form (the prover then does not claim a proof).
   */
  symbolic(text: string): SymbolicValue | undefined;
}

export type Parsed<C> = { ok: true; value: C } | { ok: false; message: string; hint?: string };

export const ok = <C>(value: C): Parsed<C> => ({ ok: true, value });
export const bad = <C>(message: string, hint?: string): Parsed<C> =>
  hint === undefined ? { ok: false, message } : { ok: false, message, hint };

export interface FamilySpec<C, R> {
  readonly name: string;
  readonly variables: boolean;
  parsePolicy(text: string): Parsed<C>;
  /** undefined: the request value is not of this family's type, so it matches no policy value. */
  parseRequest(text: string): R | undefined;
  matches(policy: C, request: R): boolean;
  /** Optional faster test over all static policy values at once (a Set lookup, say). */
  staticTest?(policy: readonly C[]): (request: R) => boolean;
  /** Remember parsed request values (per compiled condition): for families whose parsing is costly. */
  cacheRequests?: boolean;
  /** The symbolic form of a parsed policy value (see SymbolicValue), beside `matches`. */
  symbolic?(policy: C): SymbolicValue | undefined;
}

/** Resolved variable text -> parsed value. Bounded so that fuzzing many contexts cannot grow it without end. */
const CACHE_LIMIT = 256;

export function buildFamily<C, R>(spec: FamilySpec<C, R>): ValueFamily {
  return {
    name: spec.name,
    variables: spec.variables,
    symbolic(text) {
      if (!spec.symbolic) return undefined;
      const parsed = spec.parsePolicy(text);
      return parsed.ok ? spec.symbolic(parsed.value) : undefined;
    },
    compile(values) {
      const parseRequest = spec.cacheRequests ? cached(spec.parseRequest) : spec.parseRequest;
      const errors: ValueError[] = [];
      const fixed: C[] = [];
      const dynamic: Template[] = [];
      values.forEach((v, index) => {
        if (v.template !== null) {
          if (v.template.error !== undefined) errors.push({ index, message: v.template.error, hint: VARIABLE_HINT });
          else if (v.template.fixed !== undefined) pushParsed(spec.parsePolicy(v.template.fixed), index);
          else dynamic.push(v.template);
          return;
        }
        pushParsed(spec.parsePolicy(v.text), index);
      });
      function pushParsed(p: Parsed<C>, index: number): void {
        if (p.ok) fixed.push(p.value);
        else errors.push(p.hint === undefined ? { index, message: p.message } : { index, message: p.message, hint: p.hint });
      }

      const staticTest =
        spec.staticTest !== undefined
          ? spec.staticTest(fixed)
          : (r: R): boolean => {
              for (const c of fixed) if (spec.matches(c, r)) return true;
              return false;
            };
      if (dynamic.length === 0) {
        return {
          errors,
          test: (requestValue) => {
            const r = parseRequest(requestValue);
            return r !== undefined && staticTest(r);
          },
        };
      }
      const caches = dynamic.map(() => new Map<string, Parsed<C>>());
      return {
        errors,
        test: (requestValue, ctx) => {
          const r = parseRequest(requestValue);
          if (r === undefined) return false;
          if (staticTest(r)) return true;
          for (let i = 0; i < dynamic.length; i++) {
            const resolved = resolveTemplate(dynamic[i] as Template, ctx);
            // An unresolvable variable makes this value effectively null: it matches nothing.
            if (resolved === undefined) continue;
            const cache = caches[i] as Map<string, Parsed<C>>;
            let parsed = cache.get(resolved);
            if (parsed === undefined) {
              if (cache.size >= CACHE_LIMIT) cache.clear();
              parsed = spec.parsePolicy(resolved);
              cache.set(resolved, parsed);
            }
            if (parsed.ok && spec.matches(parsed.value, r)) return true;
          }
          return false;
        },
      };
    },
  };
}

/** A bounded memo of a pure parse function; fuzzed requests repeat the same few values many times. */
function cached<R>(parse: (text: string) => R | undefined): (text: string) => R | undefined {
  const memo = new Map<string, R | undefined>();
  return (text) => {
    if (memo.has(text)) return memo.get(text);
    if (memo.size >= CACHE_LIMIT) memo.clear();
    const r = parse(text);
    memo.set(text, r);
    return r;
  };
}

/** A hint for a `${...}` in a family that does not substitute variables. */
export function noVariablesHint(text: string, family: string): string | undefined {
  return text.includes("${")
    ? `policy variables are not substituted in ${family} conditions, only in String and ARN ones (IAM/latest/UserGuide/reference_policies_variables.html)`
    : undefined;
}
