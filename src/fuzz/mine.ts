/**
 * What the policies in play compare against: condition keys with their operators and literals,
 * Resource/NotResource patterns, Action/NotAction patterns. Loopholes sit at these literals (an allowed
 * CIDR, a StringLike pattern, a date threshold, a Deny list), so the generators draw from them rather
 * than from random text: issue 4 measured uniform random values finding nothing.
 */
import { describeCondition } from "../conditions/describe.js";

export interface KeyUse {
  /** The key as first written. */
  key: string;
  /** Operator families seen on the key, lower-cased base names ("stringlike", "ipaddress", ...). */
  operators: Set<string>;
  /** Seen under ForAllValues/ForAnyValue: the key is multi-valued. */
  multi: boolean;
  /** The literals, variables left as written, each once. */
  values: string[];
}

export interface Mined {
  /** Lower-cased key -> use. */
  keys: Map<string, KeyUse>;
  resourcePatterns: string[];
  actionPatterns: string[];
  /** Action patterns of Deny statements: their neighbours are the likeliest holes. */
  denyActionPatterns: string[];
}

/** Mines raw policy documents; each distinct document object is read once. */
export function mineDocuments(docs: Iterable<unknown>): Mined {
  const out: Mined = { keys: new Map(), resourcePatterns: [], actionPatterns: [], denyActionPatterns: [] };
  const seen = new Set<unknown>();
  for (const doc of docs) {
    if (seen.has(doc)) continue;
    seen.add(doc);
    for (const st of statements(doc)) mineStatement(st, out);
  }
  return out;
}

function mineStatement(st: Record<string, unknown>, out: Mined): void {
  for (const r of strings(st["Resource"]).concat(strings(st["NotResource"]))) addOnce(out.resourcePatterns, r);
  const actions = strings(st["Action"]).concat(strings(st["NotAction"]));
  for (const a of actions) addOnce(out.actionPatterns, a);
  if (st["Effect"] === "Deny") for (const a of actions) addOnce(out.denyActionPatterns, a);
  for (const t of describeCondition(st["Condition"])) {
    const lower = t.key.toLowerCase();
    let use = out.keys.get(lower);
    if (!use) {
      use = { key: t.key, operators: new Set(), multi: false, values: [] };
      out.keys.set(lower, use);
    }
    use.operators.add(t.operator.toLowerCase());
    use.multi ||= t.qualifier !== undefined;
    for (const v of t.values) addOnce(use.values, v);
  }
}

function addOnce(list: string[], v: string): void {
  if (!list.includes(v)) list.push(v);
}

function strings(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
}

function statements(doc: unknown): Record<string, unknown>[] {
  if (typeof doc !== "object" || doc === null) return [];
  const st = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(st) ? st : st === undefined ? [] : [st];
  return list.filter((s): s is Record<string, unknown> => typeof s === "object" && s !== null && !Array.isArray(s));
}
