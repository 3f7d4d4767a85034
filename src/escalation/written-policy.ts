/**
 * A policy a step's caller writes (a trust policy naming itself, a function's or a layer's policy with
 * the statement its call adds), compiled once per text: the search asks for the same few again and
 * again. Kept in a bounded memo, so a long run (or `--watch`) does not keep every one it ever made.
 */
import { compilePolicy } from "../index.js";
import { boundedMemo } from "../match/memo.js";
import type { LoadedPolicy } from "../model/types.js";
import type { PolicyType } from "../types.js";

const compiled = boundedMemo((key: string): LoadedPolicy => {
  const [type, name, document] = JSON.parse(key) as [PolicyType, string, object];
  return { handle: compilePolicy(document, type, { name }), name, type, origin: "inline", document };
}, 4096);

/** The policy `document` of `type`, named `name` in reports, compiled (once per identical text). */
export function writtenPolicy(document: object, type: PolicyType, name: string): LoadedPolicy {
  return compiled(JSON.stringify([type, name, document]));
}
