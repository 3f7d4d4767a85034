/**
 * A plain value (what a test or the command line gives) as a located tree, every node at `pos`: the
 * same validation and model building as a file then apply, and errors point at `pos`.
 */
import type { SourcePos } from "../model/types.js";
import type { LEntry, LNode } from "./located.js";

export function fromJS(value: unknown, pos: SourcePos): LNode {
  if (Array.isArray(value)) return { kind: "seq", items: value.map((v) => fromJS(v, pos)), pos };
  if (value !== null && typeof value === "object") {
    const entries = new Map<string, LEntry>();
    for (const [key, v] of Object.entries(value)) if (v !== undefined) entries.set(key, { key, keyPos: pos, value: fromJS(v, pos) });
    return { kind: "map", entries, pos };
  }
  if (value === undefined || value === null) return { kind: "scalar", value: null, pos };
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return { kind: "scalar", value, pos };
  // A function, symbol or bigint has no YAML form: shown as text, which the schema then rejects where it matters.
  return { kind: "scalar", value: String(value), pos };
}
