/**
 * The environment's policy documents as one lower-case text, made once per environment: the prover
 * asks it plain questions (does any policy read aws:ResourceAccount, name a role session) on every
 * proof, and serializing a large organization's documents each time was a visible share of a proof.
 */
import { environmentDocuments } from "../compile/session-names.js";
import type { Environment } from "../model/types.js";

const texts = new WeakMap<Environment, string>();

export function environmentText(env: Environment): string {
  let text = texts.get(env);
  if (text === undefined) texts.set(env, (text = JSON.stringify(environmentDocuments(env)).toLowerCase()));
  return text;
}
