/**
 * Reads a YAML or JSON file into a located tree (located.ts). JSON is read by the YAML parser too
 * (JSON is YAML 1.2), so both get the same positions and the same error format.
 */
import { readFile } from "node:fs/promises";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { SourcePos } from "../model/types.js";
import { inputError, type InputError } from "./errors.js";
import type { LEntry, LNode } from "./located.js";

export interface ReadResult {
  readonly node?: LNode;
  readonly errors: InputError[];
}

/**
 * Reads and parses `file`. `namedAt` is where the file was referenced: a missing file is reported
 * there (the user has to fix the reference, not the missing file).
 */
export async function readLocatedFile(file: string, namedAt?: SourcePos): Promise<ReadResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const at = namedAt ?? { file, line: 1, column: 1 };
    const why = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory, not a file" : `cannot read file (${code ?? String(err)})`;
    return { errors: [inputError("file", at, `${file}: ${why}`, code === "ENOENT" ? "relative paths are resolved against the directory of the file that names them" : undefined)] };
  }
  return parseLocated(text, file);
}

/** Parses YAML/JSON text; every syntax error is reported with its position. */
export function parseLocated(text: string, file: string): ReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const at = (offset: number | undefined): SourcePos => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { file, line, column: col };
  };
  const format = /\.json$/i.test(file) ? "JSON" : "YAML";
  const errors: InputError[] = doc.errors.map((e) =>
    inputError("yaml", at(e.pos[0]), `invalid ${format}: ${firstLine(e.message)}`, yamlHint(e.code)),
  );
  if (errors.length > 0) return { errors };
  const conv: Converter = { doc, at, errors, file, seen: new Set() };
  const node = convert(conv, doc.contents as Node | null, at(0));
  return errors.length > 0 ? { errors } : { node, errors };
}

interface Converter {
  readonly doc: Document;
  readonly at: (offset: number | undefined) => SourcePos;
  readonly errors: InputError[];
  readonly file: string;
  /** Aliases being expanded, to stop alias cycles. */
  readonly seen: Set<Node>;
}

function convert(c: Converter, node: Node | null | undefined, fallback: SourcePos): LNode {
  if (node == null) return { kind: "scalar", value: null, pos: fallback };
  const pos = c.at(node.range?.[0]);
  if (isAlias(node)) {
    const target = node.resolve(c.doc);
    if (!target || c.seen.has(target)) {
      c.errors.push(inputError("yaml", pos, `alias *${node.source} cannot be resolved`));
      return { kind: "scalar", value: null, pos };
    }
    c.seen.add(target);
    const out = convert(c, target, pos);
    c.seen.delete(target);
    return out;
  }
  if (isMap(node)) {
    const entries = new Map<string, LEntry>();
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const keyPos = keyNode ? c.at(keyNode.range?.[0]) : pos;
      if (!isScalar(keyNode) || (keyNode.value !== null && typeof keyNode.value === "object")) {
        c.errors.push(inputError("yaml", keyPos, "mapping keys must be plain strings"));
        continue;
      }
      const key = keyNode.value === null ? "" : String(keyNode.value);
      const raw = keyNode.source;
      const keyText = typeof keyNode.value === "number" && raw !== undefined && raw !== key ? raw : key;
      entries.set(keyText, { key: keyText, keyPos, value: convert(c, pair.value as Node | null, keyPos) });
    }
    return { kind: "map", entries, pos };
  }
  if (isSeq(node)) {
    return { kind: "seq", items: node.items.map((i) => convert(c, i as Node | null, pos)), pos };
  }
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || typeof v === "string" || typeof v === "boolean" || typeof v === "number") {
      const raw = typeof v === "number" && node.source !== undefined && node.source !== String(v) ? node.source : undefined;
      return { kind: "scalar", value: v, pos, ...(raw !== undefined ? { raw } : {}) };
    }
    if (typeof v === "bigint") return { kind: "scalar", value: Number(v), pos, raw: String(v) };
    c.errors.push(inputError("yaml", pos, `unsupported YAML value (${typeof v}); use a string, number, boolean or null`));
    return { kind: "scalar", value: null, pos };
  }
  c.errors.push(inputError("yaml", pos, "unsupported YAML node"));
  return { kind: "scalar", value: null, pos };
}

function firstLine(message: string): string {
  return message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? message;
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case "DUPLICATE_KEY":
      return "each key may appear once in a mapping; merge the two entries";
    case "BAD_INDENT":
    case "MISSING_CHAR":
      return "check the indentation of this line and the one above";
    case "MULTIPLE_DOCS":
      return "a file holds one document; remove the extra ---";
    case "TAB_AS_INDENT":
      return "YAML indentation uses spaces, not tabs";
    default:
      return undefined;
  }
}
