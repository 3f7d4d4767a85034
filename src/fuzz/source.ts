/**
 * fuzzSource: the sampler's RequestSource. A cheap deterministic pass over the policies' literals
 * first, then fast-check random search seeded from `budget.seed` for `budget.runs` requests. When the
 * space can evaluate (`isAllowed`, see FuzzSpace), the source evaluates itself, shrinks the first
 * allowed request and yields only that one; otherwise it yields every candidate for the checker.
 */
import fc from "fast-check";
import type { Caller } from "../compile/caller.js";
import type { Budget, Candidate, RequestSource, RequestSpace } from "../compile/sources.js";
import { requestArbitrary, type RequestModel } from "../../generators/request.js";
import { requestContextArbitrary } from "../../generators/requestContext.js";
import { resourceArnArbitrary } from "../../generators/resourceArn.js";
import { rankActions, type RankedActions } from "./actions.js";
import { exhaustive } from "./exhaustive.js";
import { actionPatternsOf } from "./mine.js";
import { buildPlan, type ActionPlan } from "./plan.js";
import { DEFAULT_NOW } from "../context/realism.js";
import { shrinkCandidate } from "./shrink.js";

/** RequestSpace with `isAllowed`: the source evaluates by itself, for shrinking. */
export type FuzzSpace = RequestSpace;

/** A candidate with its `origin` ("exhaustive #12", "random seed 42 path 3:1"). */
export type FuzzCandidate = Candidate;

export interface FuzzOptions {
  /** Candidates of the deterministic pass at most (default 2000). */
  exhaustiveLimit?: number;
  /** Skip the deterministic pass (for measuring random search alone). */
  skipExhaustive?: boolean;
  /** The clock of generated requests (default 2026-01-01T00:00:00Z). */
  now?: number;
  /** Do not shrink (default false). */
  noShrink?: boolean;
}

/** Caches of one expectation's search: plans per caller and action. */
export function planCache(space: RequestSpace, now: number) {
  const plans = new Map<Caller, Map<string, ActionPlan>>();
  const ranks = new Map<Caller, RankedActions>();
  return {
    plan(caller: Caller, action: string): ActionPlan {
      let byAction = plans.get(caller);
      if (!byAction) plans.set(caller, (byAction = new Map()));
      let p = byAction.get(action);
      if (!p) byAction.set(action, (p = buildPlan(space, caller, action, now)));
      return p;
    },
    ranked(caller: Caller): RankedActions {
      let r = ranks.get(caller);
      if (!r) {
        const docs: unknown[] = caller.policies.map((p) => p.document);
        for (const a of space.actions.slice(0, 8)) {
          const res = space.resourcesFor(a, caller)[0];
          if (res !== undefined) docs.push(...space.policiesFor(caller, a, res).map((p) => p.document));
        }
        const patterns = actionPatternsOf(docs);
        r = rankActions(space.actions, patterns.lists, patterns.deny);
        ranks.set(caller, r);
      }
      return r;
    },
  };
}

/** The model of requestArbitrary for a space: every step draws from the plan of its caller and action. */
export function requestModel(space: RequestSpace, cache: ReturnType<typeof planCache>): RequestModel<Caller> {
  return {
    callers: space.callers,
    actions: (caller) => cache.ranked(caller),
    resources: (caller, action) => {
      const p = cache.plan(caller, action);
      // No resource in scope for this caller and action: a marker the source filters out.
      return p.resources.length > 0 ? resourceArnArbitrary(p.resources, p.resourcePatterns, p.accept) : fc.constant(NO_RESOURCE);
    },
    context: (caller, action, resource) => {
      const p = cache.plan(caller, action);
      return requestContextArbitrary(p.keys, p.base, (ctx) => p.finish(resource, ctx));
    },
  };
}

const NO_RESOURCE = "";

/** Milliseconds left before the budget's deadline; undefined without one. */
function timeLeft(budget: Budget): number | undefined {
  return budget.deadline === undefined ? undefined : budget.deadline - Date.now();
}

export function fuzzSource(options: FuzzOptions = {}): RequestSource {
  const now = options.now ?? DEFAULT_NOW;
  return {
    name: "fuzz",
    *candidates(space: FuzzSpace, budget: Budget): Generator<FuzzCandidate> {
      if (space.callers.length === 0 || space.actions.length === 0) return;
      const cache = planCache(space, now);
      const isAllowed = space.isAllowed?.bind(space);
      const found = (c: Candidate, origin: string): FuzzCandidate => {
        if (!isAllowed || options.noShrink) return { ...c, origin };
        return { ...shrinkCandidate(c, cache.plan(c.caller, c.action), isAllowed), origin };
      };

      if (!options.skipExhaustive) {
        const plans = function* () {
          const ranked = space.callers.map((c) => [c, cache.ranked(c)] as const);
          for (const tier of ["named", "nearMisses", "rest"] as const)
            for (const [caller, r] of ranked) for (const action of r[tier]) yield cache.plan(caller, action);
        };
        let i = 0;
        for (const c of exhaustive(plans(), options.exhaustiveLimit ?? 2000)) {
          i++;
          if (!isAllowed) yield { ...c, origin: `exhaustive #${i}` };
          else if (isAllowed(c)) {
            yield found(c, `exhaustive #${i}`);
            return;
          }
        }
      }

      const left = timeLeft(budget);
      if (left !== undefined && left <= 0) {
        budget.onCutShort?.(0, budget.runs);
        return;
      }
      const arb = requestArbitrary(requestModel(space, cache));
      if (!isAllowed) {
        let tried = 0;
        for (const r of fc.sample(arb, { seed: budget.seed, numRuns: budget.runs })) {
          if (budget.deadline !== undefined && Date.now() >= budget.deadline) {
            budget.onCutShort?.(tried, budget.runs);
            return;
          }
          tried++;
          if (r.resource !== NO_RESOURCE) yield { ...r, origin: `random seed ${budget.seed}` };
        }
        return;
      }
      const run = fc.check(
        // fc.pre, not filter: a space where no caller/action has a resource must end, not spin.
        fc.property(arb, (r) => {
          fc.pre(r.resource !== NO_RESOURCE);
          return !isAllowed(r);
        }),
        // An interrupted run is not a failure: the caller is told through onCutShort instead.
        { seed: budget.seed, numRuns: budget.runs, endOnFailure: true, ...(left !== undefined ? { interruptAfterTimeLimit: left } : {}) },
      );
      if (run.interrupted && !run.failed) budget.onCutShort?.(run.numRuns, budget.runs);
      if (run.failed && run.counterexample) {
        yield found(run.counterexample[0], `random seed ${budget.seed} path ${run.counterexamplePath ?? ""}`);
      }
    },
  };
}
