/**
 * A JSON-like tree in which every node remembers where it was written. Spec, environment and policy
 * files are read into this form once; validation, merging and model building walk it, so any value
 * (and any JSON path into it) maps back to `file:line:column` even after several files are merged.
 */
import type { SourcePos } from "../model/types.js";

export type LNode = LMap | LSeq | LScalar;

export interface LMap {
  readonly kind: "map";
  /** Insertion-ordered; keys are unique (duplicates are a YAML error). */
  readonly entries: ReadonlyMap<string, LEntry>;
  readonly pos: SourcePos;
}

export interface LEntry {
  readonly key: string;
  readonly keyPos: SourcePos;
  readonly value: LNode;
}

export interface LSeq {
  readonly kind: "seq";
  readonly items: readonly LNode[];
  readonly pos: SourcePos;
}

export interface LScalar {
  readonly kind: "scalar";
  readonly value: string | number | boolean | null;
  readonly pos: SourcePos;
  /** The text as written, where it differs from String(value) (an unquoted 012345678901, say). */
  readonly raw?: string;
}

/**
 * A scalar as read: a number keeps the text it was written as where that differs from the number
 * (`012345678901`, `1.50`), so an account id or a version is never rewritten. Both YAML readers
 * (read-file.ts, yaml-events.ts) build scalars and keys through these two.
 */
export function scalarNode(value: LScalar["value"], source: string | undefined, pos: SourcePos): LScalar {
  const raw = typeof value === "number" && source !== undefined && source !== String(value) ? source : undefined;
  return { kind: "scalar", value, pos, ...(raw !== undefined ? { raw } : {}) };
}

/** A mapping key's text: a key read as a number keeps its written text; a null key is "". */
export function keyTextOf(key: LScalar): string {
  return key.raw ?? (key.value === null ? "" : String(key.value));
}

export type JsonPathSeg = string | number;

/** The node at `path`, or undefined. */
export function nodeAt(node: LNode, path: readonly JsonPathSeg[]): LNode | undefined {
  let cur: LNode | undefined = node;
  for (const seg of path) {
    if (!cur) return undefined;
    if (cur.kind === "map" && typeof seg === "string") cur = cur.entries.get(seg)?.value;
    else if (cur.kind === "seq" && typeof seg === "number") cur = cur.items[seg];
    else return undefined;
  }
  return cur;
}

/**
 * The closest position for `path`: the node itself, or its deepest existing ancestor (a policy issue
 * about a missing element points at the enclosing mapping). For a path ending in a key, the position of
 * the value; use `keyPosAt` for the key.
 */
export function posAt(node: LNode, path: readonly JsonPathSeg[]): SourcePos {
  let cur: LNode = node;
  for (const seg of path) {
    let next: LNode | undefined;
    if (cur.kind === "map" && typeof seg === "string") {
      next = cur.entries.get(seg)?.value ?? findEntryCaseInsensitive(cur, seg)?.value;
    } else if (cur.kind === "seq" && typeof seg === "number") next = cur.items[seg];
    if (!next) return cur.pos;
    cur = next;
  }
  return cur.pos;
}

/** Position of the key at the end of `path` (for "unknown key" errors), else of the value. */
export function keyPosAt(node: LNode, path: readonly JsonPathSeg[]): SourcePos {
  const last = path[path.length - 1];
  const parent = nodeAt(node, path.slice(0, -1));
  if (parent?.kind === "map" && typeof last === "string") {
    const entry = parent.entries.get(last) ?? findEntryCaseInsensitive(parent, last);
    if (entry) return entry.keyPos;
  }
  return posAt(node, path);
}

function findEntryCaseInsensitive(map: LMap, key: string): LEntry | undefined {
  const lower = key.toLowerCase();
  for (const e of map.entries.values()) if (e.key.toLowerCase() === lower) return e;
  return undefined;
}

/** The plain value (what JSON.parse would give). */
export function toJS(node: LNode, options: { readonly leadingZeroText?: boolean } = {}): unknown {
  switch (node.kind) {
    case "scalar":
      // An unquoted 011122223333 in a YAML policy is an account id, not the number 11122223333.
      return options.leadingZeroText && typeof node.value === "number" && node.raw !== undefined && /^[-+]?0\d/.test(node.raw) ? node.raw : node.value;
    case "seq":
      return node.items.map((i) => toJS(i, options));
    case "map": {
      const out: Record<string, unknown> = {};
      for (const [k, e] of node.entries) out[k] = toJS(e.value, options);
      return out;
    }
  }
}

/** 1-based line and column of each top-level Statement of a policy document, by index. */
export function statementPositions(doc: LNode): { lines: (number | undefined)[]; columns: (number | undefined)[] } {
  const st = doc.kind === "map" ? doc.entries.get("Statement")?.value : undefined;
  if (!st) return { lines: [], columns: [] };
  const items = st.kind === "seq" ? st.items : [st];
  return { lines: items.map((i) => i.pos.line), columns: items.map((i) => i.pos.column) };
}

export function describeKind(node: LNode): string {
  if (node.kind === "map") return "a mapping";
  if (node.kind === "seq") return "a list";
  const v = node.value;
  if (v === null) return "null";
  if (typeof v === "string") return `the string "${v.length > 40 ? `${v.slice(0, 40)}...` : v}"`;
  return `the ${typeof v} ${String(v)}`;
}
