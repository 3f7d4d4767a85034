/**
 * Which action: from the expansion of `mayNot`, weighted towards the actions the policies name, then
 * near misses of Deny lists, then the rest (see src/fuzz/actions.ts for the ranking).
 */
import fc from "fast-check";
import type { RankedActions } from "../src/fuzz/actions.js";

export function actionArbitrary(ranked: RankedActions): fc.Arbitrary<string> {
  const arbs: fc.WeightedArbitrary<string>[] = [];
  if (ranked.named.length > 0) arbs.push({ weight: 5, arbitrary: fc.constantFrom(...ranked.named) });
  if (ranked.nearMisses.length > 0) arbs.push({ weight: 3, arbitrary: fc.constantFrom(...ranked.nearMisses) });
  if (ranked.rest.length > 0) arbs.push({ weight: 2, arbitrary: fc.constantFrom(...ranked.rest) });
  if (arbs.length === 0) throw new Error("actionArbitrary: no actions");
  return fc.oneof(...arbs);
}
