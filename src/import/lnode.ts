/**
 * Builders for located trees (src/load/located.ts). Imported parts are handed to the loader as the
 * same located tree a hand-written environment file gives, so every later error (schema, policy,
 * reference) points into the template, plan or export that the value came from.
 */
import type { LEntry, LMap, LNode, LScalar, LSeq } from "../load/located.js";
import type { SourcePos } from "../model/types.js";

export function lscalar(value: string | number | boolean | null, pos: SourcePos): LScalar {
  return { kind: "scalar", value, pos };
}

export function lseq(items: readonly LNode[], pos: SourcePos): LSeq {
  return { kind: "seq", items, pos };
}

/** `entries`: [key, value] or [key, value, position of the key]. */
export function lmap(entries: Iterable<readonly [string, LNode, SourcePos?]>, pos: SourcePos): LMap {
  const out = new Map<string, LEntry>();
  for (const [key, value, keyPos] of entries) out.set(key, { key, keyPos: keyPos ?? value.pos, value });
  return { kind: "map", entries: out, pos };
}

/** A plain JSON value as a located tree, every node at `pos` (a document that came from a string). */
export function fromJS(value: unknown, pos: SourcePos): LNode {
  if (Array.isArray(value)) return lseq(value.map((v) => fromJS(v, pos)), pos);
  if (value !== null && typeof value === "object") {
    return lmap(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromJS(v, pos)] as const), pos);
  }
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return lscalar(value, pos);
  return lscalar(String(value), pos);
}

export function get(node: LNode | undefined, key: string): LNode | undefined {
  return node?.kind === "map" ? node.entries.get(key)?.value : undefined;
}

export function str(node: LNode | undefined): string | undefined {
  return node?.kind === "scalar" && typeof node.value === "string" ? node.value : undefined;
}

export function items(node: LNode | undefined): readonly LNode[] {
  if (!node) return [];
  if (node.kind === "seq") return node.items;
  if (node.kind === "scalar" && node.value === null) return [];
  return [node];
}

export function entriesOf(node: LNode | undefined): LEntry[] {
  return node?.kind === "map" ? [...node.entries.values()] : [];
}

export function isNull(node: LNode | undefined): boolean {
  return node === undefined || (node.kind === "scalar" && node.value === null);
}
