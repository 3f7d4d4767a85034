/**
 * The environment's policy documents as one lower-case text, made once per environment: the prover
 * asks it plain questions (does any policy read aws:ResourceAccount, name a role session) on every
 * proof, and serializing a large organization's documents each time was a visible share of a proof.
 * The answers are kept too: searching a 4 MB text for every proof was the next share.
 */
import { environmentDocuments } from "../compile/session-names.js";
import type { Environment } from "../model/types.js";

const texts = new WeakMap<Environment, { text: string; answers: Map<string, boolean> }>();

function entry(env: Environment): { text: string; answers: Map<string, boolean> } {
  let e = texts.get(env);
  if (e === undefined) texts.set(env, (e = { text: JSON.stringify(environmentDocuments(env)).toLowerCase(), answers: new Map() }));
  return e;
}

/** Whether the lower-case text holds `needle` (a string) or matches it (a pattern). */
export function environmentMentions(env: Environment, needle: string | RegExp): boolean {
  const e = entry(env);
  const key = typeof needle === "string" ? `s:${needle}` : `r:${needle.source}/${needle.flags}`;
  let answer = e.answers.get(key);
  if (answer === undefined) e.answers.set(key, (answer = typeof needle === "string" ? e.text.includes(needle) : needle.test(e.text)));
  return answer;
}
