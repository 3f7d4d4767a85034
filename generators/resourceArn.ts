/**
 * Which resource: mostly from a pool built from the environment's ARNs and the policies' Resource
 * patterns (src/fuzz/resources.ts), sometimes a pattern filled with random text. `accept` keeps the
 * random ones to ARNs the action takes and `on` covers; a rejected draw falls back to the pool.
 */
import fc from "fast-check";
import { instanceOf } from "./stringNear.js";

/** Text that fills a pattern's wildcards. Built once: arbitraries hold no state, and building fc.string is not cheap. */
const FILL = fc.string({ unit: fc.constantFrom(..."ab/-_.X"), maxLength: 8 });

export function resourceArnArbitrary(pool: readonly string[], patterns: readonly string[], accept: (arn: string) => boolean): fc.Arbitrary<string> {
  if (pool.length === 0) throw new Error("resourceArnArbitrary: empty pool");
  const fromPool = fc.constantFrom(...pool);
  const fillable = patterns.filter((p) => p !== "*" && /[*?]/.test(p));
  if (fillable.length === 0) return fromPool;
  const fill = FILL;
  const random = fc
    .tuple(fc.constantFrom(...fillable), fill, fromPool)
    .map(([p, s, fallback]) => {
      const arn = instanceOf(p, s);
      return accept(arn) ? arn : fallback;
    });
  return fc.oneof({ weight: 4, arbitrary: fromPool }, { weight: 1, arbitrary: random });
}
