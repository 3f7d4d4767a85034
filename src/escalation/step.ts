/**
 * The one question every edge of the principal graph is made of: is this step (a caller, an action, a
 * resource, and the keys the step itself fixes) allowed under SOME request context that agrees with
 * `when`? Every edge checker asks it through a StepOracle and nothing else, so that a prover can
 * answer it in place of the search (contract section 2a: each step is searched as a `mayNot` is).
 *
 * The default oracle first asks the relaxed question (relaxed.ts: no context can allow it -> denied,
 * no search), then searches for a concrete allowed request with the `mayNot` request source (the
 * fuzzer: the policies' own literals first, then random search), over the same RequestSpace a
 * `mayNot` builds. An allowed step carries that concrete request; a denied one carries the decision
 * of the written request.
 */
import type { Caller } from "../compile/caller.js";
import { resourceSide } from "../compile/resource-side.js";
import { buildInput, policiesInPlay, type Evaluator, type World } from "../compile/request.js";
import { exactSource, satisfiesWhen, writtenContext, type Candidate, type RequestContext, type RequestSource, type RequestSpace, type WhenConstraints } from "../compile/sources.js";
import type { LoadedPolicy } from "../model/types.js";
import { possiblyAllowed, surelyAllowed } from "../compile/undetermined.js";
import type { ContextValue, Decision, EvaluateInput, EvaluateResult } from "../types.js";
import { couldBeAllowed, identityMentions } from "./relaxed.js";
import { isTrustPolicyAction } from "../compile/resource-side.js";
import { findListedResource } from "../model/resources.js";
import { isDerivedKey } from "../context/realism.js";

export interface StepQuery {
  /** A stable key of the caller (the graph node), for the answer cache. */
  callerKey: string;
  caller: Caller;
  action: string;
  resource: string;
  /** Keys the step itself fixes (iam:PassedToService, iam:PolicyARN, ...); null pins a key absent. */
  pinned?: Readonly<Record<string, ContextValue>>;
  /** Replaces the resource's policy (a role's trust policy after iam:UpdateAssumeRolePolicy). */
  resourcePolicy?: LoadedPolicy;
  /** The resource belongs to this account and has no policy (a resource the caller's account owns). */
  resourceAccount?: string;
}

export interface StepAnswer {
  allowed: boolean;
  /** Open points (src/evaluator/readings.ts) under whose other reading the answer would differ. */
  undetermined?: readonly string[];
  /** The request context of the allowed request found, or of the written request when denied. */
  context: RequestContext;
  decision: Decision;
  /** Concrete requests evaluated to answer. */
  requests: number;
  /**
   * Why no context can allow the step, when a sound argument showed it without searching
   * (prove-steps.ts staticDenial): such an answer is already a proof.
   */
  denial?: StaticDenial;
}

export type StaticDenial = "unmentioned" | "relaxed" | "no free key";

/** Answers "is this step allowed under some context?"; the only way edge checkers ask it. */
export type StepOracle = (query: StepQuery) => StepAnswer;

export interface OracleOptions {
  world: World;
  when: WhenConstraints;
  evaluator: Evaluator;
  /** The mayNot request source (the fuzzer); `exact` uses only the written request. */
  source: RequestSource;
  exact: boolean;
  seed: number;
  runs: number;
  /** Counts every concrete request evaluated (the expectation's evidence). */
  counter: { requests: number };
  /**
   * Which reading of the open points counts (contract section 2: an expectation must hold under every
   * reading): `some` (mayNotBecome: a step allowed under one reading is a step) or `every` (mayBecome).
   */
  readings: "some" | "every";
}

export function searchOracle(o: OracleOptions): StepOracle {
  const cache = new Map<string, StepAnswer>();
  return (q) => {
    const key = stepKey(q);
    let a = cache.get(key);
    if (!a) cache.set(key, (a = answer(o, q)));
    // Counted on every ask, cached or not: the requests this answer rests on.
    o.counter.requests += a.requests;
    return a;
  };
}

/** Identical questions share one key (the oracle's and the prover's caches). */
export function stepKey(q: StepQuery): string {
  return `${q.callerKey}\n${q.action}\n${q.resource}\n${JSON.stringify(q.pinned ?? {})}\n${q.resourcePolicy?.name ?? ""}\n${q.resourceAccount ?? ""}`;
}

/** The request input of a step, with its resource-policy override. */
export function stepInput(world: World, q: StepQuery, context: RequestContext): EvaluateInput {
  const input = buildInput(world, q.caller, q.action, q.resource, context);
  if (q.resourcePolicy) input.resourcePolicy = q.resourcePolicy.handle;
  if (q.resourceAccount !== undefined) {
    const own = resourceSide(world.env, "iam:GetAccountSummary", `arn:aws:iam::${q.resourceAccount}:root`);
    delete input.resourcePolicy;
    input.resourceAccount = q.resourceAccount;
    input.rcps = own.rcps;
    input.context = { ...input.context, "aws:ResourceAccount": q.resourceAccount };
  }
  return input;
}

function answer(o: OracleOptions, q: StepQuery): StepAnswer {
  const when = withPinned(o.when, q.pinned);
  const written = writtenContext(when);
  // The common case first: a caller whose policies never mention the action, on a resource with no
  // policy of its own, is implicitly denied whatever the context.
  if (!q.resourcePolicy && !isTrustPolicyAction(q.action) && !findListedResource(o.world.env, q.resource)?.policy && !identityMentions(q.caller, q.action)) {
    return { allowed: false, context: written, decision: "ImplicitDeny", requests: 1, denial: "unmentioned" };
  }
  const counts = (r: EvaluateResult) => (o.readings === "some" ? possiblyAllowed(r) : surelyAllowed(r));
  const open = (r: EvaluateResult) => (r.undetermined ? { undetermined: r.undetermined } : {});
  const writtenInput = stepInput(o.world, q, written);
  const writtenResult = o.evaluator.evaluate(writtenInput);
  const writtenDecision = writtenResult.decision;
  if (counts(writtenResult) && agrees(written, when)) return { allowed: true, context: written, decision: writtenDecision, requests: 1, ...open(writtenResult) };
  if (o.exact) return { allowed: false, context: written, decision: writtenDecision, requests: 1 };
  if (!couldBeAllowed(writtenInput)) return { allowed: false, context: written, decision: writtenDecision, requests: 1, denial: "relaxed" };
  const docs = [...policiesInPlay(o.world, q.caller, q.action, q.resource), ...(q.resourcePolicy ? [q.resourcePolicy] : [])].map((p) => p.document);
  // No condition key left to choose: the written request is the only one that matters.
  // (Under `readings: "every"` the written request may be allowed under some reading only: no proof then.)
  if (!hasFreeKey(docs, when)) return { allowed: false, context: written, decision: writtenDecision, requests: 1, ...(o.readings === "some" ? { denial: "no free key" as const } : {}) };

  let requests = 1;
  const isAllowed = (c: Candidate) => {
    requests++;
    return agrees(c.context, when) && counts(o.evaluator.evaluate(stepInput(o.world, { ...q, caller: c.caller }, c.context)));
  };
  const space: RequestSpace = {
    callers: [q.caller],
    actions: [q.action],
    resourcesFor: () => [q.resource],
    inScope: (r) => r === q.resource,
    policiesFor: (caller, action, resource) => [...policiesInPlay(o.world, caller, action, resource), ...(q.resourcePolicy ? [q.resourcePolicy] : [])],
    when,
    isAllowed,
  };
  const source = o.exact ? exactSource : o.source;
  for (const c of source.candidates(space, { seed: o.seed, runs: o.runs })) {
    if (c.resource !== q.resource) continue;
    if (isAllowed(c)) {
      const r = o.evaluator.evaluate(stepInput(o.world, { ...q, caller: c.caller }, c.context));
      return { allowed: true, context: c.context, decision: r.decision, requests, ...open(r) };
    }
  }
  return { allowed: false, context: written, decision: writtenDecision, requests };
}

const keysByDocument = new WeakMap<object, readonly string[]>();

/**
 * Whether the policies read a condition key that neither the step, `when`, the principal nor the
 * resource fixes: only then can another request context change the answer.
 */
export function hasFreeKey(docs: readonly unknown[], when: WhenConstraints): boolean {
  for (const doc of docs) {
    if (typeof doc !== "object" || doc === null) return true;
    let keys = keysByDocument.get(doc);
    if (!keys) keysByDocument.set(doc, (keys = conditionKeys(doc)));
    for (const k of keys) if (!when.pinned.has(k) && !isDerivedKey(k)) return true;
  }
  return false;
}

/** The lower-cased condition keys some of the policy documents read. */
export function conditionKeysOf(docs: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  for (const doc of docs) {
    if (typeof doc !== "object" || doc === null) continue;
    let keys = keysByDocument.get(doc);
    if (!keys) keysByDocument.set(doc, (keys = conditionKeys(doc)));
    for (const k of keys) out.add(k);
  }
  return out;
}

/** The lower-cased condition keys a policy document reads (Statement[].Condition.OPERATOR.KEY). */
function conditionKeys(doc: object): string[] {
  const raw = (doc as { Statement?: unknown }).Statement;
  const out = new Set<string>();
  for (const st of Array.isArray(raw) ? raw : [raw]) {
    const condition = (st as { Condition?: unknown } | null)?.Condition;
    if (typeof condition !== "object" || condition === null) continue;
    for (const block of Object.values(condition)) {
      if (typeof block === "object" && block !== null) for (const key of Object.keys(block)) out.add(key.toLowerCase());
    }
  }
  return [...out];
}

/**
 * Whether a step's request agrees with `when`. A `{ not: ... }` key is a constraint on the requests
 * that carry it: a path mixes requests of different kinds (a web-identity token's claims ride only on
 * sts:AssumeRoleWithWebIdentity), so a step whose request does not carry the key agrees too.
 */
export function agrees(ctx: RequestContext, when: WhenConstraints): boolean {
  if (when.excluded.size === 0) return true;
  const present = new Set(Object.entries(ctx).filter(([, v]) => v !== null && v !== undefined).map(([k]) => k.toLowerCase()));
  return satisfiesWhen(ctx, { pinned: when.pinned, excluded: new Map([...when.excluded].filter(([k]) => present.has(k))) });
}

/** `when` with the step's own keys pinned over it (they are facts of the request, not choices). */
export function withPinned(when: WhenConstraints, pinned: StepQuery["pinned"]): WhenConstraints {
  if (!pinned || Object.keys(pinned).length === 0) return when;
  const map = new Map(when.pinned);
  const excluded = new Map(when.excluded);
  for (const [key, value] of Object.entries(pinned)) {
    map.set(key.toLowerCase(), { key, value });
    excluded.delete(key.toLowerCase());
  }
  return { pinned: map, excluded };
}
