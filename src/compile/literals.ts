/**
 * The values a policy's own conditions compare against. Loopholes sit at these literals (an allowed
 * CIDR, a `StringLike` pattern, a date threshold), so candidate requests are built from them rather
 * than from random text (issue 4 measured uniform random values finding nothing).
 */
import type { LoadedPolicy } from "../model/types.js";
import { SAMPLE_TEXT } from "./resources.js";

export interface KeyLiterals {
  /** The key as first written in a policy. */
  key: string;
  /** Candidate values for the key, in a stable order, each once. */
  values: string[];
  /** Seen under ForAllValues/ForAnyValue: send it as a list. */
  multi: boolean;
}

/** Lower-cased key -> candidates, over every Condition block of `policies`. */
export function conditionLiterals(policies: readonly LoadedPolicy[]): Map<string, KeyLiterals> {
  const out = new Map<string, KeyLiterals>();
  const seenDocs = new Set<unknown>();
  for (const p of policies) {
    if (seenDocs.has(p.document)) continue;
    seenDocs.add(p.document);
    for (const st of statements(p.document)) {
      const cond = (st as { Condition?: unknown }).Condition;
      if (!isRecord(cond)) continue;
      for (const [op, block] of Object.entries(cond)) {
        if (!isRecord(block)) continue;
        const multi = /^for(all|any)values:/i.test(op);
        const base = op.replace(/^for(all|any)values:/i, "").replace(/ifexists$/i, "").toLowerCase();
        for (const [key, raw] of Object.entries(block)) {
          const lower = key.toLowerCase();
          let entry = out.get(lower);
          if (!entry) {
            entry = { key, values: [], multi: false };
            out.set(lower, entry);
          }
          entry.multi ||= multi;
          for (const v of Array.isArray(raw) ? raw : [raw]) {
            if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") continue;
            for (const c of variants(base, String(v))) if (!entry.values.includes(c)) entry.values.push(c);
          }
        }
      }
    }
  }
  return out;
}

/** Values on and just around one literal, by operator family. */
function variants(op: string, literal: string): string[] {
  if (op.startsWith("ipaddress") || op.startsWith("notipaddress")) {
    const slash = literal.indexOf("/");
    const address = slash >= 0 ? literal.slice(0, slash) : literal;
    // An address outside any private or documentation range the policy is likely to name.
    return [address, literal.includes(":") ? "2001:db8::1" : "198.51.100.99"];
  }
  if (op.startsWith("numeric")) {
    const n = Number(literal);
    return Number.isFinite(n) ? [String(n), String(n - 1), String(n + 1)] : [literal];
  }
  if (op.startsWith("date")) return [literal, "2000-01-01T00:00:00Z", "2099-01-01T00:00:00Z"];
  if (op === "bool") return ["true", "false"];
  if (op === "null") return [SAMPLE_TEXT];
  if (op.startsWith("binary")) return [literal];
  // String and Arn operators: the literal, an instance of its pattern, and a case variant (a
  // case-sensitive comparison next to a case-insensitive one is a classic loophole).
  const instance = literal.replace(/\*/g, SAMPLE_TEXT).replace(/\?/g, "x");
  const upper = instance.toUpperCase();
  return [...new Set([instance, literal, upper, `${instance}-other`])];
}

function statements(doc: unknown): unknown[] {
  if (!isRecord(doc)) return [];
  const st = doc["Statement"];
  if (Array.isArray(st)) return st;
  return st === undefined ? [] : [st];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
