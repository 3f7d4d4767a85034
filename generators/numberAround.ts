/** Numbers on both sides of each numeric threshold the policies name (n - 1, n, n + 1), and small ones. */
import fc from "fast-check";

export function numberPoints(thresholds: readonly string[]): number[] {
  const out = [0];
  for (const l of thresholds) {
    const n = Number(l);
    if (Number.isFinite(n)) out.push(n, n - 1, n + 1);
  }
  return [...new Set(out)];
}

export function numberAroundArbitrary(thresholds: readonly string[]): fc.Arbitrary<number> {
  return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...numberPoints(thresholds)) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 100_000 }) });
}
