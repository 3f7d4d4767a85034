/**
 * Where candidate requests for a `mayNot` come from. The checker asks a RequestSource for candidates
 * and evaluates each; the first allowed one is the counterexample. Today there are two sources:
 * `exactSource` (only the request as written: `exact: true`, and every `may`) and `literalSource`
 * (the written request plus deterministic variations built from the policies' own condition
 * literals). The fuzzer of issue 4 is a third implementation of the same interface.
 */
import { compileWildcard } from "../match/wildcard.js";
import { compileCidr } from "../match/cidr.js";
import type { LoadedPolicy, WhenEntry } from "../model/types.js";
import type { ContextScalar, ContextValue } from "../types.js";
import type { Caller } from "./caller.js";
import { conditionLiterals } from "./literals.js";
import { SAMPLE_TEXT } from "./resources.js";
import type { RequestFacts } from "../fuzz/realism.js";

/** A request context as the spec author would write it (keys as written, values as given). */
export type RequestContext = Record<string, ContextValue>;

/** `when` split by what it does to a key (contract section 2). */
export interface WhenConstraints {
  /** Keys with a value (null: pinned absent). Lower-cased key -> entry. */
  pinned: ReadonlyMap<string, { key: string; value: ContextValue }>;
  /** `{ not: [...] }`: present with any value except these. */
  excluded: ReadonlyMap<string, { key: string; not: readonly ContextScalar[] }>;
}

export interface Candidate {
  caller: Caller;
  action: string;
  resource: string;
  context: RequestContext;
  /** Where the candidate came from ("exhaustive #12", "random seed 42 path 3:1"), for the report. */
  origin?: string;
}

/** Everything a source may draw from; `policiesFor` gives the policies that decide one request. */
export interface RequestSpace {
  callers: readonly Caller[];
  actions: readonly string[];
  resourcesFor(action: string, caller: Caller): readonly string[];
  /** Whether a resource ARN is one `on` covers (matched and not excepted). */
  /**
   * Whether a resource ARN is one `on` covers for this caller (matched and not excepted). With the
   * default `on: *` that means the environment's resources: a resource of an account outside the
   * environment, or `*` (the caller's own account) for a caller from outside, is nobody's business here.
   */
  inScope(resource: string, caller: Caller): boolean;
  policiesFor(caller: Caller, action: string, resource: string): readonly LoadedPolicy[];
  when: WhenConstraints;
  /**
   * The sts:AssumeRole* hops of the caller's `assumedBy` chain (none without one): keys of a hop (an
   * OIDC token's claims, sts:ExternalId) are part of the candidate's context too.
   */
  hopFacts?(caller: Caller): readonly RequestFacts[];
  /**
   * Whether a candidate is allowed (its chain exists and the evaluator allows it). A source that can
   * use it evaluates by itself and yields only an allowed candidate, shrunk to a minimal request.
   */
  isAllowed?(candidate: Candidate): boolean;
}

export interface Budget {
  seed: number;
  /** Candidate contexts per principal/action/resource (the fuzzer: generated requests per expectation). */
  runs: number;
  /**
   * Wall-clock deadline (`Date.now()` milliseconds) for random search (`--fuzz-time`). Deterministic
   * passes ignore it: they are cheap and they are what makes a run comparable with another.
   */
  deadline?: number;
  /**
   * Told when the deadline cut random search short (`tried` of `planned` requests), so the result can
   * say so: running out of time must never look like a clean pass.
   */
  onCutShort?: (tried: number, planned: number) => void;
}

export interface RequestSource {
  readonly name: string;
  candidates(space: RequestSpace, budget: Budget): Iterable<Candidate>;
}

export function whenConstraints(when: readonly WhenEntry[]): WhenConstraints {
  const pinned = new Map<string, { key: string; value: ContextValue }>();
  const excluded = new Map<string, { key: string; not: readonly ContextScalar[] }>();
  for (const w of when) {
    const lower = w.key.toLowerCase();
    const v = w.value;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && "not" in v) {
      excluded.set(lower, { key: w.key, not: v.not });
    } else {
      // An empty list is the same as absent (contract section 2).
      const value = Array.isArray(v) && v.length === 0 ? null : (v as ContextValue);
      pinned.set(lower, { key: w.key, value });
    }
  }
  return { pinned, excluded };
}

/**
 * Whether a candidate's context agrees with `when`: pinned keys have their value (null: absent) and
 * `{ not }` keys are present with no excluded value. Key names are case-insensitive.
 */
export function satisfiesWhen(ctx: RequestContext, when: WhenConstraints): boolean {
  if (when.excluded.size === 0) return true;
  const byLower = new Map<string, ContextValue>();
  for (const [k, v] of Object.entries(ctx)) byLower.set(k.toLowerCase(), v);
  for (const [lower, { not }] of when.excluded) {
    const v = byLower.get(lower);
    if (v === undefined || v === null) return false;
    const list = Array.isArray(v) ? (v as readonly ContextScalar[]) : [v as ContextScalar];
    if (list.length === 0) return false;
    if (list.some((x) => not.some((n) => excludes(lower, String(n), String(x))))) return false;
  }
  return true;
}

/** The written request: `when` as given (null: pinned absent). */
export function writtenContext(when: WhenConstraints): RequestContext {
  const out: RequestContext = {};
  // A key pinned absent stays in as null, so that nothing downstream derives it again.
  for (const { key, value } of when.pinned.values()) out[key] = value;
  return out;
}

/** Only the request exactly as written, on every principal, action and sampled resource. */
export const exactSource: RequestSource = {
  name: "exact",
  *candidates(space) {
    const context = writtenContext(space.when);
    for (const caller of space.callers)
      for (const action of space.actions)
        for (const resource of space.resourcesFor(action, caller)) yield { caller, action, resource, context };
  },
};

/**
 * Keys AWS sets on every request (IAM/latest/UserGuide/reference_policies_condition-keys.html): a
 * generated request has them unless `when` pins them. The time is fixed so runs are reproducible.
 */
const ALWAYS_PRESENT: readonly [string, ContextValue][] = [
  ["aws:SecureTransport", true],
  ["aws:CurrentTime", "2026-01-01T00:00:00Z"],
  ["aws:EpochTime", 1767225600],
  ["aws:ViaAWSService", false],
];

/** Keys that follow from the principal or the resource: never free (contract section 2). */
const DERIVED = /^aws:(principal(arn|account|orgid|orgpaths|type|isawsservice|servicename|tag\/.*)|username|userid|resource(account|orgid|orgpaths|tag\/.*)|sourceidentity)$/i;

export function isDerivedKey(key: string): boolean {
  return DERIVED.test(key);
}

/**
 * The written request first, then every always-present key flipped, then each free key set to each
 * of the literals the deciding policies compare it with, then all free keys at once. Deterministic:
 * the seed is not used; the budget caps the contexts per principal/action/resource.
 */
export const literalSource: RequestSource = {
  name: "literals",
  *candidates(space, budget) {
    for (const caller of space.callers)
      for (const action of space.actions)
        for (const resource of withPolicyResources(space, caller, action)) {
          const policies = space.policiesFor(caller, action, resource);
          let n = 0;
          for (const context of contextVariations(space.when, policies)) {
            if (n++ >= budget.runs) break;
            yield { caller, action, resource, context };
          }
        }
  },
};

/**
 * The sampled resources plus an instance of every Resource pattern of the deciding policies that `on`
 * covers: an allow on `bucket/builds/*` is only found by asking for an object under `builds/`.
 */
function withPolicyResources(space: RequestSpace, caller: Caller, action: string): string[] {
  const sampled = space.resourcesFor(action, caller);
  const first = sampled[0];
  if (first === undefined) return [];
  const out = new Set(sampled);
  for (const p of space.policiesFor(caller, action, first)) {
    for (const r of resourceLiterals(p.document)) {
      const instance = r.replace(/\$\{[^}]*\}/g, SAMPLE_TEXT).replace(/\*/g, SAMPLE_TEXT).replace(/\?/g, "x");
      if (space.inScope(instance, caller)) out.add(instance);
    }
  }
  return [...out];
}

function resourceLiterals(doc: unknown): string[] {
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  const out: string[] = [];
  for (const st of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
    const r = (st as { Resource?: unknown } | null)?.Resource;
    for (const v of [r].flat()) if (typeof v === "string" && v !== "*") out.push(v);
  }
  return out;
}

export function* contextVariations(when: WhenConstraints, policies: readonly LoadedPolicy[]): Generator<RequestContext> {
  const literals = conditionLiterals(policies);
  const base: RequestContext = writtenContext(when);
  for (const [key, value] of ALWAYS_PRESENT) {
    if (!when.pinned.has(key.toLowerCase()) && !when.excluded.has(key.toLowerCase())) base[key] = value;
  }
  // Constrained keys: present, with the first allowed value.
  const allowedValues = new Map<string, { key: string; values: string[] }>();
  for (const [lower, { key, not }] of when.excluded) {
    // An account key holds an account id (one no environment uses), never sample text.
    const pool = [...(literals.get(lower)?.values ?? []), /account$/.test(lower) ? "000000000000" : SAMPLE_TEXT, "198.51.100.99"];
    const values = pool.filter((v) => !not.some((n) => excludes(lower, String(n), v)));
    allowedValues.set(lower, { key, values: [...new Set(values)] });
    const first = values[0];
    if (first === undefined) continue; // every value excluded: nothing to send for this key
    base[key] = first;
  }
  const seen = new Set<string>();
  function* once(ctx: RequestContext): Generator<RequestContext> {
    const c = consistent(ctx, when);
    // Keys in order, values as they are: Object.entries(c).sort() compared stringified pairs (slow).
    const id = JSON.stringify(Object.keys(c).sort().map((k) => [k, c[k]]));
    if (seen.has(id)) return;
    seen.add(id);
    yield c;
  }

  yield* once(base);
  if (!when.pinned.has("aws:securetransport")) yield* once({ ...base, "aws:SecureTransport": false });
  if (!when.pinned.has("aws:viaawsservice")) yield* once({ ...base, "aws:ViaAWSService": true });

  const free: { key: string; values: string[]; multi: boolean }[] = [];
  for (const [lower, lit] of literals) {
    if (when.pinned.has(lower) || isDerivedKey(lower)) continue;
    const allowed = allowedValues.get(lower);
    free.push({ key: allowed?.key ?? lit.key, values: allowed?.values ?? lit.values, multi: lit.multi });
  }
  for (const f of free) {
    for (const v of f.values) yield* once({ ...base, [f.key]: f.multi ? [v] : typed(v) });
  }
  const longest = Math.max(0, ...free.map((f) => f.values.length));
  for (let i = 0; i < longest; i++) {
    const ctx = { ...base };
    for (const f of free) {
      const v = f.values[i % f.values.length];
      if (v !== undefined) ctx[f.key] = f.multi ? [v] : typed(v);
    }
    yield* once(ctx);
  }
}

/** Whether `{ not: pattern }` on key `lower` rules out `value`: CIDRs for IP keys, globs for strings. */
function excludes(lower: string, pattern: string, value: string): boolean {
  if (/ip$/.test(lower)) {
    const inCidr = compileCidr(pattern);
    if (!(inCidr instanceof Error)) return inCidr(value);
  }
  return compileWildcard(pattern)(value);
}

function typed(v: string): ContextValue {
  if (v === "true") return true;
  if (v === "false") return false;
  return v;
}

/**
 * Keys AWS derives from each other must agree (contract section 2): aws:TagKeys lists the
 * aws:RequestTag/* keys; aws:SourceAccount is the account of aws:SourceArn.
 */
function consistent(ctx: RequestContext, when: WhenConstraints): RequestContext {
  const out = { ...ctx };
  if (!when.pinned.has("aws:tagkeys") && !when.excluded.has("aws:tagkeys")) {
    const tagKeys = Object.keys(out)
      .filter((k) => /^aws:requesttag\//i.test(k))
      .map((k) => k.slice("aws:RequestTag/".length));
    if (tagKeys.length > 0) out["aws:TagKeys"] = tagKeys;
  }
  if (!when.pinned.has("aws:sourceaccount")) {
    const arnKey = Object.keys(out).find((k) => k.toLowerCase() === "aws:sourcearn");
    const arn = arnKey ? out[arnKey] : undefined;
    const account = typeof arn === "string" ? arn.split(":")[4] : undefined;
    if (account) out["aws:SourceAccount"] = account;
  }
  return out;
}

/** The candidates of each source in turn: cheap deterministic ones first. */
export function sequenceSources(...sources: RequestSource[]): RequestSource {
  return {
    name: sources.map((s) => s.name).join("+"),
    *candidates(space, budget) {
      for (const s of sources) yield* s.candidates(space, budget);
    },
  };
}
