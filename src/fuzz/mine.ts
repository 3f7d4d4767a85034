/**
 * What the policies in play compare against: condition keys with their operators and literals,
 * Resource/NotResource patterns, Action/NotAction patterns. Loopholes sit at these literals (an allowed
 * CIDR, a StringLike pattern, a date threshold, a Deny list), so the generators draw from them rather
 * than from random text: uniform random values were measured to find nothing (docs/fuzzing.md).
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

/**
 * Mines raw policy documents; each distinct document object is read once per run (a large managed
 * policy such as ReadOnlyAccess is in play for most requests of an organization) and the results are
 * merged in document order, each literal once.
 */
export function mineDocuments(docs: Iterable<unknown>): Mined {
  const mined: MinedDoc[] = [];
  const seen = new Set<unknown>();
  for (const doc of docs) {
    if (seen.has(doc)) continue;
    seen.add(doc);
    mined.push(minedOnce(doc));
  }
  const keys = new Map<string, { key: string; operators: Set<string>; multi: boolean; values: Set<string> }>();
  for (const one of mined) {
    for (const [lower, use] of one.keys) {
      let into = keys.get(lower);
      if (!into) keys.set(lower, (into = { key: use.key, operators: new Set(), multi: false, values: new Set() }));
      for (const o of use.operators) into.operators.add(o);
      into.multi ||= use.multi;
      for (const v of use.values) into.values.add(v);
    }
  }
  return {
    keys: new Map([...keys].map(([lower, u]) => [lower, { key: u.key, operators: u.operators, multi: u.multi, values: [...u.values] }])),
    resourcePatterns: merged(mined, "resourcePatterns"),
    actionPatterns: merged(mined, "actionPatterns"),
    denyActionPatterns: merged(mined, "denyActionPatterns"),
  };
}

type Patterns = "resourcePatterns" | "actionPatterns" | "denyActionPatterns";

/**
 * The patterns of `mined` in document order, each once: the first document's (already each once), then
 * what each later one adds. A large first document (ReadOnlyAccess: thousands of action patterns) is
 * copied, not put through a new set for every list it heads.
 */
function merged(mined: readonly MinedDoc[], field: Patterns): string[] {
  const [first, ...later] = mined;
  if (!first) return [];
  const added: string[] = [];
  for (const [k, doc] of later.entries()) {
    for (const p of doc[field]) {
      let before = first.sets[field].has(p);
      for (let j = 0; !before && j < k; j++) before = later[j]!.sets[field].has(p);
      if (!before) added.push(p);
    }
  }
  return first[field].concat(added);
}

/**
 * The action patterns of each distinct document (each document's own list, mined once per run), and
 * the Deny statements' patterns of all of them, for ranking actions (actions.ts indexes each list once).
 */
export function actionPatternsOf(docs: Iterable<unknown>): { lists: readonly (readonly string[])[]; deny: readonly string[] } {
  const lists: (readonly string[])[] = [];
  const deny: string[] = [];
  const seen = new Set<unknown>();
  for (const doc of docs) {
    if (seen.has(doc)) continue;
    seen.add(doc);
    const one = minedOnce(doc);
    lists.push(one.actionPatterns);
    for (const p of one.denyActionPatterns) if (!deny.includes(p)) deny.push(p);
  }
  return { lists, deny };
}

/** Ids of documents, for minedFor's keys. */
const docIds = new WeakMap<object, number>();
let nextDocId = 0;
const minedByList = new Map<string, Mined>();
const MAX_LISTS = 256;

/**
 * mineDocuments, remembered per list of documents (by their identities): the plans of one run ask
 * about the same few lists (a role's policies with its account's SCPs) again and again, and merging a
 * large managed policy's literals is the costly part. The result is shared: callers only read it.
 */
export function minedFor(docs: readonly unknown[]): Mined {
  let key = "";
  for (const d of docs) {
    if (typeof d !== "object" || d === null) return mineDocuments(docs);
    let id = docIds.get(d);
    if (id === undefined) docIds.set(d, (id = nextDocId++));
    key += `${id},`;
  }
  let mined = minedByList.get(key);
  if (!mined) {
    if (minedByList.size >= MAX_LISTS) minedByList.clear();
    minedByList.set(key, (mined = mineDocuments(docs)));
  }
  return mined;
}

/** One document mined, its patterns each once, with their sets (for merging). */
interface MinedDoc extends Mined {
  readonly sets: Readonly<Record<Patterns, ReadonlySet<string>>>;
}

const minedByDoc = new WeakMap<object, MinedDoc>();

/** One document mined (remembered per document object; its arrays are copied when handed out, so never changed). */
function minedOnce(doc: unknown): MinedDoc {
  const cached = typeof doc === "object" && doc !== null ? minedByDoc.get(doc) : undefined;
  if (cached) return cached;
  const raw: Mined = { keys: new Map(), resourcePatterns: [], actionPatterns: [], denyActionPatterns: [] };
  for (const st of statements(doc)) mineStatement(st, raw);
  const sets = { resourcePatterns: new Set(raw.resourcePatterns), actionPatterns: new Set(raw.actionPatterns), denyActionPatterns: new Set(raw.denyActionPatterns) };
  const out: MinedDoc = {
    keys: raw.keys,
    resourcePatterns: [...sets.resourcePatterns],
    actionPatterns: [...sets.actionPatterns],
    denyActionPatterns: [...sets.denyActionPatterns],
    sets,
  };
  if (typeof doc === "object" && doc !== null) minedByDoc.set(doc, out);
  return out;
}

function mineStatement(st: Record<string, unknown>, out: Mined): void {
  for (const r of strings(st["Resource"]).concat(strings(st["NotResource"]))) out.resourcePatterns.push(r);
  const actions = strings(st["Action"]).concat(strings(st["NotAction"]));
  for (const a of actions) out.actionPatterns.push(a);
  if (st["Effect"] === "Deny") for (const a of actions) out.denyActionPatterns.push(a);
  for (const t of describeCondition(st["Condition"])) {
    const lower = t.key.toLowerCase();
    let use = out.keys.get(lower);
    if (!use) {
      use = { key: t.key, operators: new Set(), multi: false, values: [] };
      out.keys.set(lower, use);
    }
    use.operators.add(t.operator.toLowerCase());
    use.multi ||= t.qualifier !== undefined;
    use.values.push(...t.values);
  }
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
