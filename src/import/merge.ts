/**
 * Merging imported parts with each other and with the hand-written environment. Unlike the merge of
 * environment files (src/load/merge.ts: a later list replaces an earlier one), the lists of an
 * account's principals add up: a role defined in a template and given an extra policy by hand has
 * both. Everything else merges as environment files do (mappings key by key, later scalars win).
 */
import type { LEntry, LNode } from "../load/located.js";

const ADDITIVE = new Set(["policies", "groups", "scps", "rcps"]);

/** Whether the list at `path` (keys from the root) adds up instead of being replaced. */
export type AdditivePath = (path: readonly string[]) => boolean;

export function mergeImported(base: LNode, over: LNode, key?: string, additive?: AdditivePath, path: readonly string[] = []): LNode {
  if (base.kind === "seq" && over.kind === "seq" && key !== undefined && (ADDITIVE.has(key) || additive?.(path) === true)) {
    return { kind: "seq", items: [...base.items, ...over.items], pos: base.pos };
  }
  if (base.kind !== "map" || over.kind !== "map") return over;
  // A customer managed policy written as a plain document over one with its versions (or the other
  // way round) is a different form of the policy, not keys to add: the later one stands.
  if (path.length === 4 && path[0] === "accounts" && path[2] === "policies" && base.entries.has("document") !== over.entries.has("document")) return over;
  const entries = new Map<string, LEntry>(base.entries);
  for (const [k, entry] of over.entries) {
    const prev = entries.get(k);
    entries.set(k, prev ? { ...entry, value: mergeImported(prev.value, entry.value, k, additive, [...path, k]) } : entry);
  }
  return { kind: "map", entries, pos: base.pos };
}

/** `accounts.ACCOUNT.resources.ARN.policy.Statement` -> "ACCOUNT ARN"; undefined for other paths. */
export function assembledPolicyAt(path: readonly string[]): string | undefined {
  if (path.length !== 6 || path[0] !== "accounts" || path[2] !== "resources" || path[4] !== "policy" || path[5] !== "Statement") return undefined;
  return `${path[1]} ${path[3]}`;
}
