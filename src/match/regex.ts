/**
 * Regular languages as plain data: the symbolic form of the matchers in this folder. Each matcher that
 * the evaluator runs on a concrete string (a glob, an ARN pattern, an exact or case-folded value) also
 * describes the set of strings it accepts as an `Rx`, so that the prover (src/prove/) reads the same
 * definition the evaluator does. Nothing here depends on a solver.
 */
import { LITERAL_QUESTION, LITERAL_STAR } from "./wildcard.js";

export type Rx =
  /** Exactly this text. */
  | { readonly k: "lit"; readonly s: string }
  /** Any one character. */
  | { readonly k: "any" }
  /** One character from `lo` to `hi` (code points). */
  | { readonly k: "range"; readonly lo: string; readonly hi: string }
  /** Any one character except these. */
  | { readonly k: "notIn"; readonly chars: string }
  | { readonly k: "cat"; readonly parts: readonly Rx[] }
  | { readonly k: "alt"; readonly parts: readonly Rx[] }
  | { readonly k: "star"; readonly r: Rx }
  /** The strings in both. */
  | { readonly k: "inter"; readonly parts: readonly Rx[] }
  /** The strings of `a` that are not in `b`. */
  | { readonly k: "diff"; readonly a: Rx; readonly b: Rx }
  /** No string at all. */
  | { readonly k: "none" };

export const rx = {
  lit: (s: string): Rx => ({ k: "lit", s }),
  any: { k: "any" } as Rx,
  notIn: (chars: string): Rx => ({ k: "notIn", chars }),
  range: (lo: string, hi: string): Rx => ({ k: "range", lo, hi }),
  cat: (...parts: Rx[]): Rx => (parts.length === 1 ? parts[0]! : { k: "cat", parts }),
  alt: (...parts: Rx[]): Rx => (parts.length === 0 ? { k: "none" } : parts.length === 1 ? parts[0]! : { k: "alt", parts }),
  star: (r: Rx): Rx => ({ k: "star", r }),
  diff: (a: Rx, b: Rx): Rx => (b.k === "none" ? a : { k: "diff", a, b }),
  inter: (...parts: Rx[]): Rx => (parts.length === 1 ? parts[0]! : { k: "inter", parts }),
  none: { k: "none" } as Rx,
  /** Every string. */
  all: { k: "star", r: { k: "any" } } as Rx,
};

/** Text compared after folding case: every character in either case. */
export function caseless(text: string): Rx {
  const parts: Rx[] = [];
  for (const ch of text) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    parts.push(lo === up ? rx.lit(ch) : rx.alt(rx.lit(lo), rx.lit(up)));
  }
  return parts.length === 0 ? rx.lit("") : rx.cat(...parts);
}

/**
 * A glob as IAM reads it (`*` any run, `?` one character; the private literal markers of substituted
 * variables stand for themselves). `star`/`one` say what the wildcards may span: ARN patterns keep them
 * inside one colon-separated part.
 */
export function globRx(pattern: string, star: Rx = rx.all, one: Rx = rx.any): Rx {
  const parts: Rx[] = [];
  let text = "";
  const flush = () => {
    if (text) parts.push(rx.lit(text));
    text = "";
  };
  for (const ch of pattern) {
    if (ch === "*") {
      flush();
      parts.push(star);
    } else if (ch === "?") {
      flush();
      parts.push(one);
    } else if (ch === LITERAL_STAR) text += "*";
    else if (ch === LITERAL_QUESTION) text += "?";
    else text += ch;
  }
  flush();
  return parts.length === 0 ? rx.lit("") : rx.cat(...parts);
}
