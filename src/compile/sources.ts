/**
 * Where candidate requests for a `mayNot` come from. The checker asks a RequestSource for candidates
 * and evaluates each; the first allowed one is the counterexample. `exactSource` gives only the request
 * as written (`exact: true`, and every `may`); the fuzzer (`src/fuzz/`) is the other
 * implementation, and the default for `mayNot`.
 */
import { compileWildcard } from "../match/wildcard.js";
import { compileCidr } from "../match/cidr.js";
import type { LoadedPolicy, WhenEntry } from "../model/types.js";
import type { ContextScalar, ContextValue } from "../types.js";
import type { Caller } from "./caller.js";
import type { chainHops } from "./chain.js";
import type { RequestFacts } from "../context/realism.js";
import type { RequestContext } from "../context/request-context.js";

export type { RequestContext };

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
  /**
   * The requests that must be allowed for the caller's session to exist (its `assumedBy` chain), with
   * `request` as the context of each; undefined without a chain, `ok: false` when it cannot exist.
   */
  chain?(caller: Caller, request: RequestContext): ReturnType<typeof chainHops> | undefined;
  /**
   * The caller as a session whose caller of sts:AssumeRole chose these session tags (passed with
   * sts:TagSession) or this session name: its chain, checked by isAllowed, carries the choice.
   * Undefined for a caller that is not a session of an environment role.
   */
  vary?(caller: Caller, choice: SessionChoice): Caller | undefined;
}

/** What the caller of sts:AssumeRole chooses for the session. */
export interface SessionChoice {
  tags?: Readonly<Record<string, string>>;
  name?: string;
  /** The source identity set with sts:SetSourceIdentity (aws:SourceIdentity of the session). */
  sourceIdentity?: string;
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

/** `{ not }` values: CIDRs for IP keys, `*`/`?` patterns for the others (contract section 2). */
function excludes(lower: string, pattern: string, value: string): boolean {
  if (/ip$/.test(lower)) {
    const inCidr = compileCidr(pattern);
    if (!(inCidr instanceof Error)) return inCidr(value);
  }
  return compileWildcard(pattern)(value);
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
