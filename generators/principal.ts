/**
 * Who asks: one of the callers the expectation covers (the environment's users and role sessions,
 * principals of unknown accounts, service, federated and anonymous callers, as `as` resolved them).
 * Callers named by a policy's Principal element come first in the list and weigh more: the hole is
 * usually in what a policy grants to someone.
 */
import fc from "fast-check";

export function principalArbitrary<C>(callers: readonly C[], favoured: (c: C) => boolean = () => false): fc.Arbitrary<C> {
  if (callers.length === 0) throw new Error("principalArbitrary: no callers");
  const fav = callers.filter(favoured);
  const others = callers.filter((c) => !favoured(c));
  const arbs: fc.WeightedArbitrary<C>[] = [];
  if (fav.length > 0) arbs.push({ weight: 3, arbitrary: fc.constantFrom(...fav) });
  if (others.length > 0) arbs.push({ weight: 1, arbitrary: fc.constantFrom(...others) });
  return fc.oneof(...arbs);
}
