/**
 * compileWildcard against an independent reference: a memoised recursive matcher over the glob
 * (IAM/latest/UserGuide/reference_policies_elements_condition_operators.html: `*` any run, `?` one
 * character; IAM/latest/UserGuide/reference_policies_variables.html: `${*}`/`${?}` are literal, carried as
 * LITERAL_STAR/LITERAL_QUESTION).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileWildcard, LITERAL_QUESTION, LITERAL_STAR } from "../../src/match/wildcard.js";

function reference(pattern: string, value: string): boolean {
  const p = [...pattern];
  const v = [...value];
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    const k = `${i},${j}`;
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === p.length) r = j === v.length;
    else if (p[i] === "*") r = go(i + 1, j) || (j < v.length && go(i, j + 1));
    else if (j === v.length) r = false;
    else if (p[i] === "?") r = go(i + 1, j + 1);
    else {
      const want = p[i] === LITERAL_STAR ? "*" : p[i] === LITERAL_QUESTION ? "?" : p[i];
      r = want === v[j] && go(i + 1, j + 1);
    }
    memo.set(k, r);
    return r;
  };
  return go(0, 0);
}

const patternChar = fc.constantFrom("a", "b", "A", "*", "?", LITERAL_STAR, LITERAL_QUESTION, ".", "/", "\n", "$", "(", "é");
const valueChar = fc.constantFrom("a", "b", "A", "B", "*", "?", ".", "/", "\n", "$", "(", "é", "x");
const pattern = fc.array(patternChar, { maxLength: 12 }).map((cs) => cs.join(""));
const value = fc.array(valueChar, { maxLength: 14 }).map((cs) => cs.join(""));

/** A value built from the pattern, so that matches are common, not rare. */
const patternAndNearValue = pattern.chain((p) =>
  fc
    .tuple(...[...p].map((ch) => (ch === "*" ? fc.array(valueChar, { maxLength: 3 }).map((a) => a.join("")) : ch === "?" ? valueChar : fc.constant(ch === LITERAL_STAR ? "*" : ch === LITERAL_QUESTION ? "?" : ch))))
    .chain((parts) => fc.tuple(fc.constant(p), fc.oneof(fc.constant(parts.join("")), value, fc.constant(parts.join("") + "a"), fc.constant(parts.join("").slice(1))))),
);

describe("compileWildcard matches the reference glob semantics", () => {
  it("case-sensitive, random pattern and value", () => {
    fc.assert(fc.property(pattern, value, (p, v) => compileWildcard(p)(v) === reference(p, v)), { numRuns: 3000 });
  });
  it("case-sensitive, values derived from the pattern", () => {
    fc.assert(fc.property(patternAndNearValue, ([p, v]) => compileWildcard(p)(v) === reference(p, v)), { numRuns: 3000 });
  });
  it("ignoreCase with lower-cased values equals the reference on lower-cased text", () => {
    fc.assert(
      fc.property(patternAndNearValue, ([p, v]) => {
        const lower = v.toLowerCase();
        return compileWildcard(p, { ignoreCase: true })(lower) === reference(p.toLowerCase(), lower);
      }),
      { numRuns: 3000 },
    );
  });
  it("the derived values really exercise matches (the property is not vacuous)", () => {
    const samples = fc.sample(patternAndNearValue, 500);
    const matched = samples.filter(([p, v]) => reference(p, v)).length;
    expect(matched).toBeGreaterThan(100);
    expect(matched).toBeLessThan(500);
  });
  it("known cases", () => {
    expect(compileWildcard("a*")("abc")).toBe(true);
    expect(compileWildcard(`a${LITERAL_STAR}`)("abc")).toBe(false);
    expect(compileWildcard(`a${LITERAL_STAR}`)("a*")).toBe(true);
    expect(compileWildcard("*.txt")("x\n.txt")).toBe(true);
    expect(compileWildcard("a?c")("a\nc")).toBe(true);
  });
});
