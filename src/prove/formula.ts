/**
 * Formulas with constant folding: a value is a JS boolean where the answer is already known (the
 * caller, the action and most of the policy set are concrete) and a solver term otherwise, so that
 * only questions that really depend on the request reach the solver.
 */
import type { Rx } from "../match/regex.js";
import type { Z, ZBool, ZRe } from "./solver.js";

export type F = boolean | ZBool;

export interface Logic {
  readonly z: Z;
  and(...xs: F[]): F;
  or(...xs: F[]): F;
  not(x: F): F;
  implies(a: F, b: F): F;
  /** A solver term for a formula (constants become true/false terms). */
  term(x: F): ZBool;
  /** The solver's regular expression for an Rx (memoized per session). */
  re(r: Rx): ZRe;
}

export function logic(z: Z): Logic {
  const reMemo = new Map<Rx, ZRe>();
  const S = z.String.sort();
  const R = z.Re.sort(S);
  const re = (r: Rx): ZRe => {
    let out = reMemo.get(r);
    if (out) return out;
    switch (r.k) {
      case "lit":
        out = z.Re.toRe(r.s);
        break;
      case "any":
        out = z.AllChar(R);
        break;
      case "notIn":
        out = z.Diff(z.AllChar(R), z.Union(...[...r.chars].map((c) => z.Re.toRe(c))));
        break;
      case "cat":
        out = z.ReConcat(...r.parts.map(re));
        break;
      case "alt":
        out = z.Union(...r.parts.map(re));
        break;
      case "star":
        out = z.Star(re(r.r));
        break;
      case "inter":
        out = z.Intersect(...r.parts.map(re));
        break;
      case "diff":
        out = z.Diff(re(r.a), re(r.b));
        break;
      case "none":
        out = z.Empty(R);
        break;
    }
    reMemo.set(r, out);
    return out;
  };
  const self: Logic = {
    z,
    and(...xs) {
      const terms: ZBool[] = [];
      for (const x of xs) {
        if (x === false) return false;
        if (x !== true) terms.push(x);
      }
      return terms.length === 0 ? true : terms.length === 1 ? terms[0]! : z.And(...terms);
    },
    or(...xs) {
      const terms: ZBool[] = [];
      for (const x of xs) {
        if (x === true) return true;
        if (x !== false) terms.push(x);
      }
      return terms.length === 0 ? false : terms.length === 1 ? terms[0]! : z.Or(...terms);
    },
    not(x) {
      return typeof x === "boolean" ? !x : z.Not(x);
    },
    implies(a, b) {
      return self.or(self.not(a), b);
    },
    term(x) {
      return typeof x === "boolean" ? z.Bool.val(x) : x;
    },
    re,
  };
  return self;
}
