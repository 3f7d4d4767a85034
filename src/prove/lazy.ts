/**
 * How a question is put to the solver. z3's string theory decides one regular membership `x in R`
 * quickly (by derivatives), but a Boolean combination of several memberships of one string, rewritten
 * into prefix and equality constraints, can take it seconds or time out. So the strings are taken out
 * of its hands, the standard lazy way: the formula with each membership replaced by a Boolean goes to
 * the solver; for the memberships an answer makes true and false, each string's language (the
 * intersection of the true ones minus the false ones) is one membership question; an empty language
 * is a conflict, ruled out for that string, and the loop goes on. Nothing here decides anything
 * itself but what testing concrete texts shows (src/match/regex-words.ts: a language that can only hold
 * a few listed texts, a witness built from a language's parts, an emptiness its shape shows): every
 * other answer is z3's.
 */
import { rx, type Rx } from "../match/regex.js";
import { finiteCover, inLanguage, sampleWords, surelyEmpty } from "../match/regex-words.js";
import type { F, Logic, Membership } from "./formula.js";
import type { Model, SolverSession, ZBool, ZString } from "./solver.js";

export type Answer = { result: "sat"; model: Model } | { result: "unsat" } | { result: "unknown"; reason: string };

/** Rounds of the loop before giving up (each ends in a conflict that no later answer repeats). */
const MAX_ROUNDS = 200;

export async function solve(L: Logic, session: SolverSession, constraints: readonly F[], timeoutMs: number, maxRounds = MAX_ROUNDS): Promise<Answer> {
  const z = L.z;
  const whole = L.and(...constraints);
  if (whole === false) return { result: "unsat" };
  // One membership alone (a resource class against `on`, say) is one language question.
  if (typeof whole === "object" && whole.t === "in") {
    const known = await language(L, session, whole.r, timeoutMs);
    if ("reason" in known) return { result: "unknown", reason: known.reason };
    if (known.empty) return { result: "unsat" };
    const witness = known.witness!;
    return { result: "sat", model: { string: (e) => (e === whole.v ? witness : ""), bool: () => false, int: () => 0n, real: () => 0 } };
  }
  const { term, memberships } = L.abstract(whole);
  const blocks: ZBool[] = [];
  for (let round = 0; round < maxRounds; round++) {
    const answer = await session.check([term, ...blocks], timeoutMs);
    if (answer.result === "unsat") return { result: "unsat" };
    if (answer.result === "unknown") return { result: "unknown", reason: answer.reason ?? "unknown" };
    const model = answer.model!;
    // The memberships of each string, as this answer sets them.
    const byString = new Map<string, { v: ZString; inside: Rx[]; outside: Rx[]; literals: ZBool[] }>();
    for (const m of memberships.values()) {
      const holds = model.bool(m.b);
      const g = byString.get(m.name) ?? { v: m.v, inside: [], outside: [], literals: [] };
      (holds ? g.inside : g.outside).push(m.r);
      g.literals.push(holds ? m.b : z.Not(m.b));
      byString.set(m.name, g);
    }
    const witnesses = new Map<ZString, string>();
    let conflict = false;
    for (const g of byString.values()) {
      const known = await language(L, session, rx.diff(g.inside.length > 0 ? rx.inter(...g.inside) : rx.all, rx.alt(...g.outside)), timeoutMs);
      if ("reason" in known) return { result: "unknown", reason: known.reason };
      if (known.empty) {
        blocks.push(z.Not(z.And(...g.literals)));
        conflict = true;
      } else witnesses.set(g.v, known.witness!);
    }
    if (!conflict) return { result: "sat", model: { ...model, string: (e) => witnesses.get(e) ?? "" } };
  }
  return { result: "unknown", reason: `no answer after ${maxRounds} rounds` };
}

/** Whether a regular language is empty (and a word of it if not), decided once per Logic. */
async function language(L: Logic, session: SolverSession, r: Rx, timeoutMs: number): Promise<{ empty: boolean; witness?: string } | { reason: string }> {
  const key = L.key(r);
  const cached = L.languages.get(key);
  if (cached) return cached;
  let known: { empty: boolean; witness?: string };
  // A language that can only hold a few listed texts (an ARN the policy names, say) is decided by
  // testing them, and a text built from the language's parts that tests in it is a witness; any other
  // question goes to the solver.
  const words = finiteCover(r);
  const word = (words ?? sampleWords(r)).find((w) => inLanguage(r, w));
  if (word !== undefined) known = { empty: false, witness: word };
  else if (words || surelyEmpty(r)) known = { empty: true };
  else {
    const probe = L.z.String.const("w");
    const a = await session.check([L.z.InRe(probe, L.re(r))], timeoutMs);
    if (a.result === "unknown") return { reason: a.reason ?? "unknown" };
    known = a.result === "unsat" ? { empty: true } : { empty: false, witness: a.model!.string(probe) };
  }
  L.languages.set(key, known);
  return known;
}

export type { Membership };
