/**
 * Request times on both sides of each date threshold the policies name (one second and one day off),
 * as ISO 8601 text. An epoch-seconds literal is read too (aws:EpochTime compares numbers).
 */
import fc from "fast-check";

const DAY = 86_400_000;

function parseWhen(literal: string): number | undefined {
  if (/^\d+$/.test(literal)) return Number(literal) * 1000;
  const t = Date.parse(literal);
  return Number.isFinite(t) ? t : undefined;
}

export function datePoints(thresholds: readonly string[], now: number): number[] {
  const out = [now];
  for (const l of thresholds) {
    const t = parseWhen(l);
    if (t !== undefined) out.push(t, t - 1000, t + 1000, t - DAY, t + DAY);
  }
  return [...new Set(out)];
}

/** Milliseconds since the epoch; `realistic()` writes aws:CurrentTime and aws:EpochTime from them. */
export function dateAroundArbitrary(thresholds: readonly string[], now: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...datePoints(thresholds, now)) },
    { weight: 1, arbitrary: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }) },
  );
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
