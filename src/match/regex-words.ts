/**
 * Concrete questions about an `Rx` (src/match/regex.ts) that need no solver: whether one given text is
 * in its language, and, where the language can only hold a few texts that can be listed (a literal, a
 * union of literals, an intersection or difference with one), which texts those are. The prover asks
 * the solver whether a language is empty; when the language is one of these small ones, testing each
 * listed text answers the same question exactly, in microseconds instead of a solver round trip.
 */
import { rx, type Rx } from "./regex.js";

const NO_ENDS: ReadonlySet<number> = new Set();

/** Whether `text` is in the language of `r` (every way of matching is tried; no backtracking limits). */
export function inLanguage(r: Rx, text: string): boolean {
  const memo = new Map<Rx, Map<number, ReadonlySet<number>>>();
  // The ends j such that text[i..j) is in the language of x.
  const ends = (x: Rx, i: number): ReadonlySet<number> => {
    // A literal (or a concatenation that begins with one) the text does not hold here: nothing to
    // remember (a union of a thousand ARNs is tried at every start).
    const lead = x.k === "lit" ? x.s : x.k === "cat" && x.parts[0]?.k === "lit" ? x.parts[0].s : undefined;
    if (lead !== undefined && !text.startsWith(lead, i)) return NO_ENDS;
    let byStart = memo.get(x);
    if (!byStart) memo.set(x, (byStart = new Map()));
    const known = byStart.get(i);
    if (known) return known;
    const out = new Set<number>();
    byStart.set(i, out); // a star of a language holding "" meets itself at the same start: no new ends
    const ch = text.codePointAt(i);
    const width = ch === undefined ? 0 : ch > 0xffff ? 2 : 1;
    switch (x.k) {
      case "lit":
        if (text.startsWith(x.s, i)) out.add(i + x.s.length);
        break;
      case "any":
        if (ch !== undefined) out.add(i + width);
        break;
      case "range":
        if (ch !== undefined && ch >= x.lo.codePointAt(0)! && ch <= x.hi.codePointAt(0)!) out.add(i + width);
        break;
      case "notIn":
        if (ch !== undefined && !x.chars.includes(String.fromCodePoint(ch))) out.add(i + width);
        break;
      case "cat": {
        let at: ReadonlySet<number> = new Set([i]);
        for (const part of x.parts) {
          const next = new Set<number>();
          for (const j of at) for (const e of ends(part, j)) next.add(e);
          at = next;
          if (at.size === 0) break;
        }
        for (const e of at) out.add(e);
        break;
      }
      case "alt":
        for (const part of altPartsAt(x, text, i)) for (const e of ends(part, i)) out.add(e);
        break;
      case "star": {
        out.add(i);
        const queue = [i];
        while (queue.length > 0) {
          const j = queue.pop()!;
          for (const e of ends(x.r, j)) if (!out.has(e)) (out.add(e), queue.push(e));
        }
        break;
      }
      case "inter": {
        const [first, ...rest] = x.parts;
        for (const e of first ? ends(first, i) : []) if (rest.every((p) => ends(p, i).has(e))) out.add(e);
        break;
      }
      case "diff": {
        const minus = ends(x.b, i);
        for (const e of ends(x.a, i)) if (!minus.has(e)) out.add(e);
        break;
      }
      case "none":
        break;
    }
    return out;
  };
  return ends(r, 0).has(text.length);
}

/** The lead literal of a part of a union: the text every word of it begins with, as `ends` reads it. */
function leadOf(x: Rx): string | undefined {
  const lead = x.k === "lit" ? x.s : x.k === "cat" && x.parts[0]?.k === "lit" ? x.parts[0].s : undefined;
  return lead === "" ? undefined : lead;
}

/**
 * The parts of a union that can match `text` at `i`: those whose lead literal the text holds there,
 * and those without one. A union of a thousand account ids or ARNs is then one lookup per length of
 * lead, not a thousand tries at every start. The index is made once per union (a pure function of it).
 */
const altIndex = new WeakMap<Rx, { byLead: Map<number, Map<string, Rx[]>>; rest: Rx[] }>();
function altPartsAt(x: Rx & { k: "alt" }, text: string, i: number): readonly Rx[] {
  if (x.parts.length < 8) return x.parts;
  let index = altIndex.get(x);
  if (!index) {
    const byLead = new Map<number, Map<string, Rx[]>>();
    const rest: Rx[] = [];
    for (const part of x.parts) {
      const lead = leadOf(part);
      if (lead === undefined) {
        rest.push(part);
        continue;
      }
      let ofLength = byLead.get(lead.length);
      if (!ofLength) byLead.set(lead.length, (ofLength = new Map()));
      const list = ofLength.get(lead);
      if (list) list.push(part);
      else ofLength.set(lead, [part]);
    }
    altIndex.set(x, (index = { byLead, rest }));
  }
  const out: Rx[] = [...index.rest];
  for (const [length, ofLength] of index.byLead) {
    if (i + length > text.length) continue;
    const hit = ofLength.get(text.slice(i, i + length));
    if (hit) out.push(...hit);
  }
  return out;
}

/**
 * Texts that include every text of the language of `r`, when there are at most `limit` of them to
 * list (some listed texts may fall outside the language: test them with inLanguage); undefined when
 * the language may be larger (a star, a character class).
 */
export function finiteCover(r: Rx, limit = 64): string[] | undefined {
  switch (r.k) {
    case "lit":
      return [r.s];
    case "none":
      return [];
    case "alt":
      return unionOf(r.parts, (p) => finiteCover(p, limit), limit);
    case "inter": {
      // The smallest listable part bounds the intersection.
      let best: string[] | undefined;
      for (const part of r.parts) {
        const words = finiteCover(part, limit);
        if (words && (!best || words.length < best.length)) best = words;
      }
      return best;
    }
    case "diff":
      return finiteCover(r.a, limit);
    case "cat": {
      let out = [""];
      for (const part of r.parts) {
        const words = finiteCover(part, limit);
        if (!words) return undefined;
        const next: string[] = [];
        for (const a of out) for (const b of words) next.push(a + b);
        if (next.length > limit) return undefined;
        out = next;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/**
 * A few texts built from the parts of `r` (each literal as written, each character class by a letter
 * or digit it holds, each repetition zero, one or two times): candidates for a text of the language,
 * to be tested with inLanguage. They read as AWS names read; none is claimed to be in the language.
 */
export function sampleWords(r: Rx, limit = 48): string[] {
  const cap = (words: Iterable<string>): string[] => [...new Set(words)].slice(0, limit);
  const chars = (test: (c: string) => boolean): string[] => [..."ax0-_./: A~"].filter(test).slice(0, 2);
  switch (r.k) {
    case "lit":
      return [r.s];
    case "none":
      return [];
    case "any":
      return ["a"];
    case "range":
      return chars((c) => c >= r.lo && c <= r.hi).concat(r.lo).slice(0, 2);
    case "notIn":
      return chars((c) => !r.chars.includes(c));
    case "alt":
      return cap(r.parts.flatMap((p) => sampleWords(p, limit)));
    case "diff":
      return sampleWords(r.a, limit);
    case "inter": {
      // Every part's first words, the part with the most literal text first (it says most about the
      // words of the intersection: an ARN pattern's account and region, say).
      const parts = [...r.parts].sort((a, b) => literalLength(b) - literalLength(a)).map((p) => sampleWords(p, limit));
      const out: string[] = [];
      for (let i = 0; out.length < limit && parts.some((w) => i < w.length); i++) for (const w of parts) if (i < w.length) out.push(w[i]!);
      return cap(out);
    }
    case "star": {
      const once = sampleWords(r.r, limit);
      return cap(["", ...once, ...once.map((w) => w + w)]);
    }
    case "cat": {
      let out = [""];
      for (const part of r.parts) {
        const words = sampleWords(part, limit);
        // Keep the product small: every word of this part once, then the first with the rest.
        const next: string[] = [];
        for (const w of words) for (const a of out) if (next.length < limit) next.push(a + w);
        out = next;
        if (out.length === 0) break;
      }
      return cap(out);
    }
  }
}

function literalLength(r: Rx): number {
  switch (r.k) {
    case "lit":
      return r.s.length;
    case "cat":
      return r.parts.reduce((n, p) => n + literalLength(p), 0);
    case "alt":
    case "inter":
      return Math.min(...r.parts.map(literalLength));
    case "diff":
      return literalLength(r.a);
    default:
      return 0;
  }
}

/**
 * True when the language of `r` is empty for a reason that can be read off its shape: an intersection
 * of parts whose literal beginnings disagree (`arn:aws:iam::1:role/app/*` and `...:role/admin`), or a
 * difference that takes away a part of the intersection it starts from. False means "not shown", not
 * "not empty": the solver decides the rest.
 */
export function surelyEmpty(r: Rx, depth = 0): boolean {
  const again = (x: Rx) => surelyEmpty(x, depth + 1);
  switch (r.k) {
    case "none":
      return true;
    case "cat":
      return r.parts.some(again) || heads(r)?.length === 0;
    case "alt":
      return r.parts.every(again);
    case "inter": {
      if (r.parts.some(again) || heads(r)?.length === 0) return true;
      // A part "x minus B" beside a part inside B.
      if (r.parts.some((p) => p.k === "diff" && r.parts.some((q) => q !== p && contains(p.b, q)))) return true;
      return listedEmpty(r) || (depth < 2 && distributed(r, (x) => x, again));
    }
    case "diff":
      if (again(r.a) || contains(r.b, r.a)) return true;
      if (r.a.k === "inter" && r.a.parts.some((p) => contains(r.b, p))) return true;
      if (r.a.k === "alt" && depth < 2) return r.a.parts.every((p) => again(rx.diff(p, r.b)));
      return listedEmpty(r) || (depth < 2 && r.a.k === "inter" && distributed(r.a, (x) => rx.diff(x, r.b), again));
    default:
      return false;
  }
}

/** A language that can only hold a few listed texts, none of which is in it. */
function listedEmpty(r: Rx): boolean {
  const words = finiteCover(r);
  return words !== undefined && !words.some((w) => inLanguage(r, w));
}

/** An intersection with a (small) union as one of its parts, taken apart: every alternative's case empty. */
function distributed(r: Extract<Rx, { k: "inter" }>, wrap: (x: Rx) => Rx, empty: (x: Rx) => boolean): boolean {
  const i = r.parts.findIndex((p) => p.k === "alt" && p.parts.length <= 8);
  if (i < 0) return false;
  const alt = r.parts[i] as Extract<Rx, { k: "alt" }>;
  return alt.parts.every((x) => empty(wrap(rx.inter(...r.parts.map((p, j) => (j === i ? x : p))))));
}

/** Whether `inner` is, as written, one of the alternatives of `outer` (or all of it). */
function contains(outer: Rx, inner: Rx): boolean {
  if (sameRx(outer, inner)) return true;
  if (outer.k === "star" && outer.r.k === "any") return true;
  return outer.k === "alt" && outer.parts.some((p) => contains(p, inner));
}

/** Whether two expressions are written alike (compared field by field: no serializing a union of a thousand ARNs for each question). */
function sameRx(a: Rx, b: Rx): boolean {
  if (a === b) return true;
  switch (a.k) {
    case "lit":
      return b.k === "lit" && a.s === b.s;
    case "range":
      return b.k === "range" && a.lo === b.lo && a.hi === b.hi;
    case "notIn":
      return b.k === "notIn" && a.chars === b.chars;
    case "star":
      return b.k === "star" && sameRx(a.r, b.r);
    case "diff":
      return b.k === "diff" && sameRx(a.a, b.a) && sameRx(a.b, b.b);
    case "cat":
    case "alt":
    case "inter":
      return b.k === a.k && a.parts.length === b.parts.length && a.parts.every((p, i) => sameRx(p, b.parts[i]!));
    default:
      return b.k === a.k;
  }
}

/**
 * Texts that every text of the language begins with one of (the longest known), or undefined when
 * nothing is known. An empty list: no text at all.
 */
function heads(r: Rx, limit = 64): string[] | undefined {
  switch (r.k) {
    case "lit":
      return [r.s];
    case "none":
      return [];
    case "alt":
      return unionOf(r.parts, (p) => heads(p, limit), limit);
    case "cat": {
      // The whole beginnings of the leading parts that can be listed, then the next part's beginnings.
      let out = [""];
      for (const p of r.parts) {
        const words = finiteCover(p, limit);
        const h = words ?? heads(p, limit);
        if (!h) return out;
        const next: string[] = [];
        for (const a of out) for (const b of h) next.push(a + b);
        if (next.length > limit) return out;
        out = next;
        if (!words) return out;
      }
      return out;
    }
    case "inter": {
      let out: string[] | undefined;
      for (const p of r.parts) {
        const h = heads(p, limit);
        if (!h) continue;
        if (!out) {
          out = h;
          continue;
        }
        const next = new Set<string>();
        for (const a of out) for (const b of h) if (a.startsWith(b) || b.startsWith(a)) next.add(a.length >= b.length ? a : b);
        if (next.size > limit) return out;
        out = [...next];
      }
      return out;
    }
    case "diff":
      return heads(r.a, limit);
    default:
      return undefined;
  }
}

/** The texts `of` lists for every part, together; undefined when a part lists none or there are too many. */
function unionOf(parts: readonly Rx[], of: (r: Rx) => string[] | undefined, limit: number): string[] | undefined {
  const out = new Set<string>();
  for (const part of parts) {
    const words = of(part);
    if (!words) return undefined;
    for (const w of words) out.add(w);
    if (out.size > limit) return undefined;
  }
  return [...out];
}
