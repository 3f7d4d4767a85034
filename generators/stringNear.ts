/**
 * Strings on and around policy literals: the literal itself, instances of its `*`/`?` pattern, and
 * near misses (one character more or less, other case, the fixed prefix alone). A StringLike that is
 * broader than meant, or a case-sensitive comparison next to a case-insensitive one, is found here.
 */
import fc from "fast-check";

/** Text that stands for a wildcard; unlikely to collide with a real name. */
export const SAMPLE = "iam-spec-sample";

/** `pattern` with every `*` replaced by `fill`, every `?` by `x` and every `${var}` by SAMPLE. */
export function instanceOf(pattern: string, fill: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, SAMPLE).replace(/\*/g, fill).replace(/\?/g, "x");
}

/** The deterministic points around one literal, most telling first. */
export function stringPoints(literal: string): string[] {
  const exact = instanceOf(literal, "");
  const sample = instanceOf(literal, SAMPLE);
  const deep = instanceOf(literal, "a/b:c");
  const cut = literal.search(/[*?]|\$\{/);
  const prefix = cut >= 0 ? literal.slice(0, cut) : literal;
  const points = [sample, exact, literal, deep, `${sample}x`, exact.slice(0, -1), sample.toUpperCase(), sample.toLowerCase(), `${prefix}x`, `x${exact}`];
  return [...new Set(points)];
}

/** Short random text. Built once: arbitraries hold no state, and building fc.string is not cheap. */
const RANDOM_TEXT = fc.string({ unit: fc.constantFrom(..."ab-_/:.*X"), maxLength: 8 });

export function stringNearArbitrary(literals: readonly string[]): fc.Arbitrary<string> {
  const points = [...new Set(literals.flatMap(stringPoints))];
  const random = RANDOM_TEXT;
  if (points.length === 0) return fc.oneof(fc.constant(SAMPLE), random);
  const fills = fc.tuple(fc.constantFrom(...literals), random).map(([l, s]) => instanceOf(l, s));
  return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...points) }, { weight: 2, arbitrary: fills }, { weight: 1, arbitrary: random });
}
