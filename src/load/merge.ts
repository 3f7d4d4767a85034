/**
 * Merging environment trees (a spec's list of environment files, and `extends`): mappings merge key
 * by key, recursively; anything else (a scalar, a list) is replaced by the later file's value. Every
 * node keeps its own position, so errors still point at the file that wrote the value.
 */
import type { LEntry, LNode } from "./located.js";

export function mergeNodes(base: LNode, over: LNode): LNode {
  if (base.kind !== "map" || over.kind !== "map") return over;
  const entries = new Map<string, LEntry>(base.entries);
  for (const [key, entry] of over.entries) {
    const prev = entries.get(key);
    entries.set(key, prev ? { ...entry, value: mergeNodes(prev.value, entry.value) } : entry);
  }
  return { kind: "map", entries, pos: base.pos };
}

/** A copy of `map` without `key`. */
export function withoutKey(node: LNode, key: string): LNode {
  if (node.kind !== "map" || !node.entries.has(key)) return node;
  const entries = new Map(node.entries);
  entries.delete(key);
  return { ...node, entries };
}
