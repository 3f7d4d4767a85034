/**
 * The baseline the benchmark compares against: uniform random requests that know the key names the
 * policies test and the ARN formats of the action, but none of the literals. Same realism rules, same
 * budget and seed, no deterministic pass, no shrinking.
 */
import fc from "fast-check";
import type { Budget, Candidate, RequestSource } from "../compile/sources.js";
import type { RequestContext } from "../context/request-context.js";
import type { ContextValue } from "../types.js";
import { valueFamily, isMultiValued } from "../../generators/conditionValue.js";
import { isoSeconds } from "../../generators/dateAround.js";
import { planCache } from "./source.js";
import type { FuzzSpace } from "./source.js";
import type { KeyUse } from "./mine.js";
import { DEFAULT_NOW } from "../context/realism.js";

const text = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-/"), minLength: 1, maxLength: 12 });

function uniformValue(use: KeyUse): fc.Arbitrary<ContextValue> {
  const scalar: fc.Arbitrary<string | number | boolean> = (() => {
    switch (valueFamily(use)) {
      case "ip":
        return fc.oneof(fc.ipV4(), fc.ipV6());
      case "date":
        return fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }).map(isoSeconds);
      case "epoch":
        return fc.integer({ min: 946684800, max: 4070908800 });
      case "number":
        return fc.integer({ min: 0, max: 100_000 });
      case "bool":
        return fc.boolean();
      case "string":
        return text;
    }
  })();
  return isMultiValued(use) ? fc.array(scalar, { maxLength: 3 }) : scalar;
}

export function uniformSource(): RequestSource {
  return {
    name: "uniform",
    *candidates(space: FuzzSpace, budget: Budget): Generator<Candidate> {
      const cache = planCache(space, DEFAULT_NOW);
      const arb = fc
        .tuple(fc.constantFrom(...space.callers), fc.constantFrom(...space.actions))
        .chain(([caller, action]) => {
          const plan = cache.plan(caller, action);
          const sampled = plan.resources.slice(0, Math.max(1, space.resourcesFor(action, caller).length));
          // A sampled ARN, or the same ARN with its last path segment replaced by random text.
          const resource = fc.tuple(fc.constantFrom(...sampled), fc.boolean(), text).map(([r, keep, t]) => {
            const slash = r.lastIndexOf("/");
            const other = slash > 0 ? `${r.slice(0, slash + 1)}${t}` : r;
            return keep || !plan.accept(other) ? r : other;
          });
          // `{ not }`-constrained keys keep the plan's filtered arbitrary: the baseline must ask the same question.
          const keys = plan.keys.map((k) => (space.when.excluded.has(k.key.toLowerCase()) ? k.arbitrary : fc.option(uniformValue(k.use), { nil: null })));
          return fc.tuple(resource, fc.tuple(...keys)).map(([r, values]): Candidate => {
            const ctx: RequestContext = { ...plan.base };
            plan.keys.forEach((k, i) => {
              const v = values[i];
              if (v !== null && v !== undefined) ctx[k.key] = v;
            });
            return { caller, action, resource: r, context: plan.finish(r, ctx) };
          });
        });
      const isAllowed = space.isAllowed?.bind(space);
      for (const c of fc.sample(arb, { seed: budget.seed, numRuns: budget.runs })) {
        if (!isAllowed) yield c;
        else if (isAllowed(c)) {
          yield c;
          return;
        }
      }
    },
  };
}
