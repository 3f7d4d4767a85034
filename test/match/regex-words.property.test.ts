/**
 * The concrete answers the prover takes without the solver (src/match/regex-words.ts), against a
 * reference that lists every text of a language up to a length, by set operations alone: membership
 * agrees, a finite cover covers, a language called surely empty holds no text, and a sampled word that
 * tests in the language is one of its texts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rx, type Rx } from "../../src/match/regex.js";
import { finiteCover, inLanguage, sampleWords, surelyEmpty } from "../../src/match/regex-words.js";

const ALPHABET = ["a", "b", "/"];
const MAX = 4;

/** Every text of the language of `r` of at most MAX characters from ALPHABET. */
function texts(r: Rx): Set<string> {
  switch (r.k) {
    case "lit":
      return new Set(r.s.length <= MAX ? [r.s] : []);
    case "none":
      return new Set();
    case "any":
      return new Set(ALPHABET);
    case "range":
      return new Set(ALPHABET.filter((c) => c >= r.lo && c <= r.hi));
    case "notIn":
      return new Set(ALPHABET.filter((c) => !r.chars.includes(c)));
    case "alt":
      return new Set(r.parts.flatMap((p) => [...texts(p)]));
    case "cat": {
      let out = new Set([""]);
      for (const p of r.parts) {
        const next = new Set<string>();
        for (const a of out) for (const b of texts(p)) if (a.length + b.length <= MAX) next.add(a + b);
        out = next;
      }
      return out;
    }
    case "star": {
      const one = texts(r.r);
      const out = new Set([""]);
      let frontier = [""];
      while (frontier.length > 0) {
        const next: string[] = [];
        for (const a of frontier) for (const b of one) if (b !== "" && a.length + b.length <= MAX && !out.has(a + b)) (out.add(a + b), next.push(a + b));
        frontier = next;
      }
      return out;
    }
    case "inter": {
      const [first, ...rest] = r.parts.map(texts);
      return new Set([...(first ?? [])].filter((w) => rest.every((s) => s.has(w))));
    }
    case "diff": {
      const minus = texts(r.b);
      return new Set([...texts(r.a)].filter((w) => !minus.has(w)));
    }
  }
}

function allTexts(): string[] {
  let out = [""];
  const all = [""];
  for (let n = 0; n < MAX; n++) {
    out = out.flatMap((a) => ALPHABET.map((c) => a + c));
    all.push(...out);
  }
  return all;
}
const UNIVERSE = allTexts();

const { rxArb } = fc.letrec<{ rxArb: Rx }>((tie) => ({
  rxArb: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("", "a", "b", "/", "ab", "a/", "b/a").map((s) => rx.lit(s)),
    fc.constant(rx.any),
    fc.constant(rx.range("a", "b")),
    fc.constant(rx.notIn("/")),
    fc.constant(rx.all),
    fc.array(tie("rxArb"), { minLength: 1, maxLength: 3 }).map((ps) => rx.cat(...ps)),
    fc.array(tie("rxArb"), { minLength: 1, maxLength: 3 }).map((ps) => rx.alt(...ps)),
    // Wide unions (of literals and of parts that begin with one, like a thousand account ids or ARNs)
    // are matched through an index of their parts' leading literals: the same answers as part by part.
    fc.array(fc.oneof(tie("rxArb"), fc.constantFrom("", "a", "b", "/", "ab", "ba", "a/", "b/a", "aab").map((s) => rx.lit(s))), { minLength: 8, maxLength: 14 }).map((ps) => rx.alt(...ps)),
    fc.array(tie("rxArb"), { minLength: 2, maxLength: 3 }).map((ps) => rx.inter(...ps)),
    fc.tuple(tie("rxArb"), tie("rxArb")).map(([a, b]) => rx.diff(a, b)),
    tie("rxArb").map((r) => rx.star(r)),
  ),
}));

describe("concrete language questions (src/match/regex-words.ts)", () => {
  it("inLanguage agrees with the listed texts of the language", () => {
    fc.assert(
      fc.property(rxArb, (r) => {
        const expected = texts(r);
        for (const w of UNIVERSE) expect(inLanguage(r, w)).toBe(expected.has(w));
      }),
      { numRuns: 400 },
    );
  });

  it("a finite cover holds every text of the language; a surely empty language holds none", () => {
    let covered = 0;
    let empties = 0;
    fc.assert(
      fc.property(rxArb, (r) => {
        const expected = texts(r);
        const cover = finiteCover(r);
        if (cover) {
          covered++;
          for (const w of expected) expect(cover).toContain(w);
        }
        if (surelyEmpty(r)) {
          empties++;
          expect([...expected]).toEqual([]);
        }
      }),
      { numRuns: 600 },
    );
    // Both rules were exercised, not only skipped.
    expect(covered).toBeGreaterThan(20);
    expect(empties).toBeGreaterThan(5);
  });

  it("shape rules the prover meets: ARN patterns whose beginnings disagree, a difference that takes all", () => {
    const roles = rx.cat(rx.lit("arn:aws:iam::111122223333:role/"), rx.star(rx.any));
    const app = rx.cat(rx.lit("arn:aws:iam::111122223333:role/app/"), rx.all);
    const named = rx.alt(rx.cat(rx.lit("arn:aws:iam::111122223333:role/platform/"), rx.all), rx.lit("arn:aws:iam::111122223333:role/admin"));
    expect(surelyEmpty(rx.inter(app, rx.inter(roles, named)))).toBe(true);
    expect(surelyEmpty(rx.inter(app, roles))).toBe(false);
    const objects = rx.cat(rx.lit("arn:aws:s3:::bucket/"), rx.all);
    expect(surelyEmpty(rx.diff(rx.inter(roles, objects), rx.alt(rx.lit("x"), objects)))).toBe(true);
    expect(surelyEmpty(rx.diff(objects, rx.lit("arn:aws:s3:::bucket/a")))).toBe(false);
  });

  it("sampled words read like names and find a text of an ARN pattern's language", () => {
    const printable = rx.range(" ", "~");
    const name = rx.diff(rx.cat(printable, rx.star(printable)), rx.cat(rx.all, rx.lit("/")));
    const format = rx.cat(rx.lit("arn:"), rx.alt(rx.lit("aws"), rx.lit("aws-cn")), rx.lit(":ec2:"), rx.cat(rx.range("a", "z"), rx.range("a", "z")), rx.lit("-1:111122223333:instance/"), name);
    const on = rx.cat(rx.lit("arn:aws:ec2:ap-1:111122223333:instance/"), rx.all);
    const r = rx.inter(format, on);
    const found = sampleWords(r).find((w) => inLanguage(r, w));
    expect(found).toBe("arn:aws:ec2:ap-1:111122223333:instance/a");
  });
});
