/**
 * The cheap deterministic pass that runs before random search: every caller x action (named ones
 * first) x resource of the pool, first with the plain context and each key set to each of its points
 * alone, then, where the product is small, every combination of points (absent included).
 */
import type { Candidate } from "../compile/sources.js";
import type { RequestContext } from "../context/request-context.js";
import type { ContextValue } from "../types.js";
import type { ActionPlan } from "./plan.js";

/** Combinations of points per caller/action/resource tried in round two at most. */
const MAX_PRODUCT = 256;
/** Single-key variations per caller/action/resource in round one at most. */
const MAX_SINGLES = 48;

export function* singles(plan: ActionPlan): Generator<RequestContext> {
  const base = { ...plan.base };
  // Required keys start at their first point.
  for (const k of plan.keys) if (k.required && k.points[0] !== undefined) base[k.key] = k.points[0];
  yield base;
  let n = 0;
  for (const k of plan.keys) {
    for (const p of k.points) {
      if (n++ >= MAX_SINGLES) return;
      yield { ...base, [k.key]: p };
    }
  }
}

export function* combinations(plan: ActionPlan): Generator<RequestContext> {
  const choices: ContextValue[][] = plan.keys.map((k) => (k.required ? k.points : [null, ...k.points]));
  const product = choices.reduce((a, c) => a * Math.max(1, c.length), 1);
  if (product > MAX_PRODUCT || plan.keys.length < 2) return;
  const idx = choices.map(() => 0);
  for (let i = 0; i < product; i++) {
    const ctx: RequestContext = { ...plan.base };
    plan.keys.forEach((k, j) => {
      const v = choices[j]?.[idx[j] ?? 0];
      if (v !== null && v !== undefined) ctx[k.key] = v;
    });
    yield ctx;
    for (let j = 0; j < idx.length; j++) {
      idx[j] = (idx[j] ?? 0) + 1;
      if (idx[j]! < (choices[j]?.length ?? 1)) break;
      idx[j] = 0;
    }
  }
}

/** Round one over every triple, then round two; `limit` caps the whole pass. */
export function* exhaustive(plans: Iterable<ActionPlan>, limit: number): Generator<Candidate> {
  const all = [...plans];
  let n = 0;
  const seen = new Set<string>();
  function* emit(plan: ActionPlan, resource: string, ctx: RequestContext): Generator<Candidate> {
    const context = plan.finish(resource, ctx);
    const id = `${plan.action}\n${resource}\n${JSON.stringify(context)}`;
    if (seen.has(id)) return;
    seen.add(id);
    n++;
    yield { caller: plan.caller, action: plan.action, resource, context };
  }
  for (const plan of all)
    for (const resource of plan.resources)
      for (const ctx of singles(plan)) {
        if (n >= limit) return;
        yield* emit(plan, resource, ctx);
      }
  for (const plan of all)
    for (const resource of plan.resources)
      for (const ctx of combinations(plan)) {
        if (n >= limit) return;
        yield* emit(plan, resource, ctx);
      }
}
