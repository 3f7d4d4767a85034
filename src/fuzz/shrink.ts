/**
 * Reduces an allowed request to a minimal one that is still allowed: a shorter resource from the pool,
 * then the fewest context keys (keys AWS always sends stay), then the shortest values (fewer list
 * elements, shorter points of the same key). Greedy: each step keeps a change only if the request is
 * still allowed, so the result is a real counterexample whatever the order.
 */
import type { Candidate } from "../compile/sources.js";
import type { RequestContext } from "../context/request-context.js";
import type { ContextValue } from "../types.js";
import type { ActionPlan } from "./plan.js";
import { isRequiredKey } from "../context/realism.js";

const MAX_TRIES = 200;

function size(v: ContextValue | undefined): number {
  if (v === undefined || v === null) return 0;
  return Array.isArray(v) ? v.length * 100 + v.map(String).join("").length : String(v).length;
}

export function shrinkCandidate(found: Candidate, plan: ActionPlan, isAllowed: (c: Candidate) => boolean): Candidate {
  let best = found;
  let tries = 0;
  const attempt = (resource: string, ctx: RequestContext): boolean => {
    if (tries++ >= MAX_TRIES) return false;
    const c: Candidate = { caller: best.caller, action: best.action, resource, context: plan.finish(resource, ctx) };
    if (!isAllowed(c)) return false;
    best = c;
    return true;
  };
  const fixed = new Set(Object.keys(plan.base).map((k) => k.toLowerCase()));
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    for (const r of [...plan.resources].sort((a, b) => a.length - b.length)) {
      if (r.length >= best.resource.length) break;
      if (attempt(r, best.context)) {
        changed = true;
        break;
      }
    }
    const facts = plan.facts(best.resource);
    for (const key of Object.keys(best.context)) {
      if (fixed.has(key.toLowerCase()) || isRequiredKey(key, facts)) continue;
      const { [key]: _, ...rest } = best.context;
      if (attempt(best.resource, rest) && !(key in best.context)) changed = true;
    }
    for (const k of plan.keys) {
      const current = best.context[k.key];
      if (current === undefined || fixed.has(k.key.toLowerCase())) continue;
      if (Array.isArray(current) && current.length > 1) {
        for (let i = 0; i < current.length; i++) {
          if (attempt(best.resource, { ...best.context, [k.key]: current.filter((_, j) => j !== i) })) {
            changed = true;
            break;
          }
        }
        continue;
      }
      const shorter = k.points.filter((p) => p !== null && size(p) < size(current)).sort((a, b) => size(a) - size(b));
      for (const p of shorter.slice(0, 8)) {
        if (attempt(best.resource, { ...best.context, [k.key]: p })) {
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }
  return best;
}
