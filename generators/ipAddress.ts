/**
 * Source addresses around the CIDRs the policies name: members, first and last addresses (edges) and
 * the addresses just outside (outsiders), IPv4 and IPv6, plus random public addresses of both families.
 * A range wider than meant lets in an address that a uniform draw almost never hits.
 */
import fc from "fast-check";
import { addressesAround } from "./internals/ip.js";

export function ipPoints(cidrs: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of cidrs) {
    const { members, outsiders } = addressesAround(c);
    out.push(...members, ...outsiders);
  }
  // Addresses no policy range is likely to name, one per family.
  out.push("198.51.100.7", "2001:db8::7");
  return [...new Set(out)];
}

export function ipAddressArbitrary(cidrs: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ipPoints(cidrs)) },
    { weight: 1, arbitrary: fc.ipV4() },
    { weight: 1, arbitrary: fc.ipV6() },
  );
}
