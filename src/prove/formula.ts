/**
 * Formulas for the solver, with two simplifications the solver cannot do as well itself:
 * - constant folding: a value is a JS boolean where the answer is already known (the caller, the
 *   action and most of the policy set are concrete), so only questions that depend on the request
 *   reach the solver;
 * - one membership per string: string tests are kept as "x is in language R" atoms, and the atoms of
 *   one string under one AND or OR are merged into a single membership in the regex algebra
 *   (intersection, union, difference). z3 decides "x in A and x not in B" as one atom `x in A\B` in
 *   milliseconds, and as two atoms sometimes not within seconds.
 */
import { rx, type Rx } from "../match/regex.js";
import type { Z, ZBool, ZRe, ZString } from "./solver.js";

type Node =
  | { readonly t: "and" | "or"; readonly xs: readonly F[] }
  | { readonly t: "not"; readonly x: F }
  /** The string `v` (named `name`) is in the language `r`. */
  | { readonly t: "in"; readonly v: ZString; readonly name: string; readonly r: Rx }
  | { readonly t: "z"; readonly b: ZBool };

export type F = boolean | Node;

/** A string membership of an abstracted formula: its Boolean stands for "v is in r". */
export interface Membership {
  readonly v: ZString;
  readonly name: string;
  readonly r: Rx;
  readonly b: ZBool;
}

export interface Logic {
  readonly z: Z;
  and(...xs: F[]): F;
  or(...xs: F[]): F;
  not(x: F): F;
  implies(a: F, b: F): F;
  /** `v` is a string in the language `r`. */
  inRe(v: ZString, r: Rx): F;
  /** A solver term kept as it is (numbers, booleans, equations between strings). */
  atom(b: ZBool): F;
  /** The solver term of a formula. */
  term(x: F): ZBool;
  /**
   * The formula with each string membership replaced by a Boolean of its own (the propositional
   * abstraction that src/prove/lazy.ts refines), and those memberships by name.
   */
  abstract(x: F): { term: ZBool; memberships: Map<string, Membership> };
  /** The solver's regular expression for an Rx (memoized per session). */
  re(r: Rx): ZRe;
  /** A canonical text of a regular language's structure: equal for Rx values written alike. */
  key(r: Rx): string;
  /** Languages already decided (canonical text -> empty, or a witness), shared by the questions of one proof. */
  readonly languages: Map<string, { empty: boolean; witness?: string }>;
}

const COMPLEMENT = (r: Rx): Rx => rx.diff(rx.all, r);

/**
 * The structure numbers of Rx values (Logic.key), shared by the proofs of one solver context: a union
 * made once for a run (a large organization's accounts, src/prove/resources.ts) is numbered once, not
 * once per proof. A proof keeps the numbering it started with; past a size, later proofs start a new
 * one (numbers are compared only within one proof).
 */
interface Numbering {
  structures: Map<string, number>;
  numbered: WeakMap<Rx, number>;
}
const MAX_STRUCTURES = 200_000;
const numberings = new WeakMap<object, Numbering>();
function numberingFor(context: object): Numbering {
  let n = numberings.get(context);
  if (!n || n.structures.size > MAX_STRUCTURES) numberings.set(context, (n = { structures: new Map(), numbered: new WeakMap() }));
  return n;
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
      case "range":
        out = z.Range(r.lo, r.hi);
        break;
      case "cat":
        out = z.ReConcat(...r.parts.map(re));
        break;
      case "alt":
        out = z.Union(...r.parts.map(re));
        break;
      case "inter":
        out = z.Intersect(...r.parts.map(re));
        break;
      case "star":
        out = z.Star(re(r.r));
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

  // A string variable's name here only tells variables apart (its solver name would be a call into z3 each time).
  const names = new WeakMap<object, string>();
  let next = 0;
  const nameOf = (v: ZString): string => {
    let n = names.get(v);
    if (n === undefined) names.set(v, (n = `s#${next++}`));
    return n;
  };

  const join = (t: "and" | "or", xs: F[]): F => {
    const unit = t === "and";
    const kept: F[] = [];
    for (const x of xs) {
      if (x === !unit) return !unit;
      if (x === unit) continue;
      if (typeof x !== "boolean" && x.t === t) kept.push(...x.xs);
      else kept.push(x);
    }
    return kept.length === 0 ? unit : kept.length === 1 ? kept[0]! : { t, xs: kept };
  };

  /** Negation pushed to the leaves; a membership's negation is membership in the complement. */
  const nnf = (x: F, negate: boolean): F => {
    if (typeof x === "boolean") return negate ? !x : x;
    switch (x.t) {
      case "and":
      case "or": {
        const t = (x.t === "and") !== negate ? "and" : "or";
        return join(t, x.xs.map((c) => nnf(c, negate)));
      }
      case "not":
        return nnf(x.x, !negate);
      case "in":
        return negate ? { ...x, r: COMPLEMENT(x.r) } : x;
      case "z":
        return negate ? { t: "not", x } : x;
    }
  };

  /** Merges the memberships of one string under one AND/OR into one. */
  const merge = (x: F): F => {
    if (typeof x === "boolean" || (x.t !== "and" && x.t !== "or")) return x;
    const byVar = new Map<string, { v: ZString; rs: Rx[] }>();
    const rest: F[] = [];
    for (const c of x.xs.map(merge)) {
      if (typeof c !== "boolean" && c.t === "in") {
        const g = byVar.get(c.name) ?? { v: c.v, rs: [] };
        g.rs.push(c.r);
        byVar.set(c.name, g);
      } else rest.push(c);
    }
    const merged: F[] = [...byVar.entries()].map(([name, g]) => ({
      t: "in" as const,
      v: g.v,
      name,
      r: g.rs.length === 1 ? g.rs[0]! : x.t === "and" ? rx.inter(...g.rs) : rx.alt(...g.rs),
    }));
    return join(x.t, [...merged, ...rest]);
  };

  const toZ3 = (x: F): ZBool => {
    if (typeof x === "boolean") return z.Bool.val(x);
    switch (x.t) {
      case "and":
        return z.And(...x.xs.map(toZ3));
      case "or":
        return z.Or(...x.xs.map(toZ3));
      case "not":
        return z.Not(toZ3(x.x));
      case "in":
        return z.InRe(x.v, re(x.r));
      case "z":
        return x.b;
    }
  };

  /**
   * A canonical text of an Rx (equal for equal structures), to recognise the same membership or
   * language written twice. Each distinct structure gets a number once, so a node's text is its kind
   * and its parts' numbers: a union of a thousand ARNs shared by many questions is spelled out once,
   * not once per question.
   */
  const { structures, numbered } = numberingFor(z);
  const numberOf = (r: Rx): number => {
    let n = numbered.get(r);
    if (n !== undefined) return n;
    const text = shapeOf(r);
    n = structures.get(text);
    if (n === undefined) structures.set(text, (n = structures.size));
    numbered.set(r, n);
    return n;
  };
  const shapeOf = (r: Rx): string => {
    switch (r.k) {
      case "lit":
        return `'${r.s}`;
      case "any":
      case "none":
        return r.k;
      case "range":
        return `-${r.lo}\u0000${r.hi}`;
      case "notIn":
        return `!${r.chars}`;
      case "cat":
      case "alt":
      case "inter":
        return `${r.k}(${r.parts.map(numberOf).join(",")})`;
      case "star":
        return `star(${numberOf(r.r)})`;
      case "diff":
        return `diff(${numberOf(r.a)},${numberOf(r.b)})`;
    }
  };
  const rxKey = (r: Rx): string => `#${numberOf(r)}`;
  let fresh = 0;
  const abstractTerm = (x: F, memberships: Map<string, Membership>, byKey: Map<string, Membership>): ZBool => {
    if (typeof x === "boolean") return z.Bool.val(x);
    switch (x.t) {
      case "and":
        return z.And(...x.xs.map((c) => abstractTerm(c, memberships, byKey)));
      case "or":
        return z.Or(...x.xs.map((c) => abstractTerm(c, memberships, byKey)));
      case "not":
        return z.Not(abstractTerm(x.x, memberships, byKey));
      case "z":
        return x.b;
      case "in": {
        // A membership in a complement is the negation of the membership itself.
        if (x.r.k === "diff" && x.r.a === rx.all) return z.Not(abstractTerm({ ...x, r: x.r.b }, memberships, byKey));
        const key = `${x.name}\u0000${rxKey(x.r)}`;
        let m = byKey.get(key);
        if (!m) {
          const b = z.Bool.const(`in_${fresh++}`);
          m = { v: x.v, name: x.name, r: x.r, b };
          byKey.set(key, m);
          memberships.set(b.toString(), m);
        }
        return m.b;
      }
    }
  };

  const self: Logic = {
    z,
    and: (...xs) => join("and", xs),
    or: (...xs) => join("or", xs),
    not: (x) => (typeof x === "boolean" ? !x : x.t === "not" ? x.x : { t: "not", x }),
    implies: (a, b) => self.or(self.not(a), b),
    inRe: (v, r) => (r.k === "none" ? false : { t: "in", v, name: nameOf(v), r }),
    atom: (b) => ({ t: "z", b }),
    languages: new Map(),
    key: rxKey,
    term: (x) => toZ3(merge(nnf(x, false))),
    abstract: (x) => {
      const memberships = new Map<string, Membership>();
      return { term: abstractTerm(merge(nnf(x, false)), memberships, new Map()), memberships };
    },
    re,
  };
  return self;
}
