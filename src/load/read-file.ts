/**
 * Reads a YAML or JSON file into a located tree (located.ts). JSON is read by the YAML parser too
 * (JSON is YAML 1.2), so both get the same positions and the same error format.
 */
import { readFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { SourcePos } from "../model/types.js";
import { inputError, pathFrom, type InputError } from "./errors.js";
import { keyTextOf, scalarNode, type LEntry, type LNode, type LScalar } from "./located.js";
import { MAX_DEPTH, tooDeepAt } from "./nesting.js";
import { strictJsonProblem } from "./strict-json.js";
import { readByEvents } from "./yaml-events.js";

export interface ReadResult {
  readonly node?: LNode;
  readonly errors: InputError[];
}

/**
 * Local YAML tags (`!Name value`) a kind of file may use, and what each becomes. Without them (spec,
 * environment and policy files) every tag the YAML core schema does not know is an error at its
 * position, never read as a plain string.
 */
export interface LocalTags {
  /** The tags, as written: "!Ref", "!GetAtt", ... */
  readonly names: readonly string[];
  /** The located node for a tagged value: `value` is the value read without its tag, `tagPos` where the tag is written. */
  readonly expand: (tag: string, value: LNode, tagPos: SourcePos) => LNode;
  /** Hint for a tag that is not one of `names`. */
  readonly unknownHint?: string;
}

export interface ReadOptions {
  readonly localTags?: LocalTags;
  /** The file's bytes, already being read (readAhead in policy-ref.ts): a failed read is reported as if read here. */
  readonly bytes?: Promise<Buffer>;
}

const UNKNOWN_TAG_HINT = "iam-spec files are plain YAML: remove the tag (CloudFormation short forms such as !Ref are read only in templates named by an import: cloudformation entry)";

/**
 * Reads and parses `file`. `namedAt` is where the file was referenced: a missing file is reported
 * there (the user has to fix the reference, not the missing file).
 */
export async function readLocatedFile(file: string, namedAt?: SourcePos, options?: ReadOptions): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await (options?.bytes ?? readFile(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const at = namedAt ?? { file, line: 1, column: 1 };
    const why = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory, not a file" : `cannot read file (${code ?? String(err)})`;
    const hint =
      code === "ENOENT"
        ? "relative paths are resolved against the directory of the file that names them"
        : code === "EACCES" || code === "EPERM"
          ? "check the file's permissions: iam-spec needs to read it"
          : code === "EISDIR"
            ? "name a file, not a folder"
            : undefined;
    // Named from a file: the path as seen from that file (what the user wrote), not an absolute one.
    const shown = namedAt ? relative(dirname(namedAt.file), file) || "." : pathFrom(at, file);
    return { errors: [inputError("file", at, `${shown}: ${why}`, hint)] };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: point at the first byte that is not (read leniently, it becomes U+FFFD).
    const lenient = bytes.toString("utf8");
    return { errors: [binaryError(file, lenient, Math.max(0, lenient.indexOf("\uFFFD")))] };
  }
  return parseLocated(text, file, options);
}

/** Parses YAML/JSON text; every syntax error is reported with its position. */
export function parseLocated(text: string, file: string, options?: ReadOptions): ReadResult {
  const nul = text.indexOf("\u0000");
  if (nul >= 0) return { errors: [binaryError(file, text, nul)] };
  const format: "JSON" | "YAML" = /\.json$/i.test(file) ? "JSON" : "YAML";
  const deep = tooDeepAt(text);
  if (deep !== undefined) return { errors: [tooDeepError(file, text, deep, format)] };
  // Most files (and every large one we have seen) are plain YAML or JSON: read through js-yaml's
  // events, which give the same tree as the `yaml` library at a tenth of the cost (yaml-events.ts).
  if (!options?.localTags) {
    const node = readPlain(text, file);
    if (node && !(format === "JSON" && strictJsonProblem(text))) return { node, errors: [] };
  }
  return parseWithYamlLibrary(text, file, format, options);
}

/** The located tree of a plain YAML text read through js-yaml's events, or undefined where only the `yaml` library reads it (yaml-events.ts). */
export function readPlain(text: string, file: string): LNode | undefined {
  const lines = lineCounterOf(text);
  return readByEvents(text, (offset) => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  });
}

/** Reads the text with the `yaml` library: every construct, local tags, and every error with its position. */
export function parseWithYamlLibrary(text: string, file: string, format: "JSON" | "YAML", options?: ReadOptions): ReadResult {
  const localTags = options?.localTags;
  const lineCounter = new LineCounter();
  // Each local tag may stand before a scalar, a list or a mapping; the value is kept as read and
  // expanded while the located tree is built (convert), where its position is known.
  const customTags = localTags?.names.flatMap((tag) => [
    { tag, resolve: (s: string) => s },
    { tag, collection: "seq" as const },
    { tag, collection: "map" as const },
  ]);
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, ...(customTags ? { customTags } : {}) });
  } catch (e) {
    // The depth scan is an upper bound of the parser's own recursion; this is the backstop.
    if (e instanceof RangeError) return { errors: [tooDeepError(file, text, 0, format)] };
    throw e;
  }
  const at = (offset: number | undefined): SourcePos => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { file, line, column: col };
  };
  if (doc.errors.some((e) => /call stack/i.test(e.message))) {
    const first = doc.errors.find((e) => /call stack/i.test(e.message))!;
    return { errors: [tooDeepError(file, text, first.pos[0], format)] };
  }
  const errors: InputError[] = doc.errors.map((e) =>
    inputError("yaml", at(e.pos[0]), `invalid ${format}: ${firstLine(e.message)}`,
      yamlHint(e.code) ?? (format === "JSON" ? "check the JSON syntax here: a missing or extra comma, quote, bracket or brace" : "check the YAML syntax here: indentation, quotes, brackets and `key: value` spacing")),
  );
  // The yaml library reads an unknown tag (`!Ref X`) as the untagged value and only warns: an error
  // here, so that a tag is never silently dropped.
  for (const w of doc.warnings) {
    if (w.code !== "TAG_RESOLVE_FAILED") continue;
    const tag = /^Unresolved tag: (.*)$/.exec(firstLine(w.message))?.[1];
    errors.push(inputError("yaml", at(w.pos[0]), tag ? `unknown tag ${tag}` : `invalid ${format}: ${firstLine(w.message)}`, localTags?.unknownHint ?? UNKNOWN_TAG_HINT));
  }
  // What the YAML parser accepts in a .json file but JSON does not (a trailing comma, a comment, a
  // single-quoted string) is rejected where it is written.
  if (errors.length === 0 && format === "JSON") {
    const problem = strictJsonProblem(text);
    if (problem) errors.push(inputError("yaml", at(problem.offset), problem.message, problem.hint));
  }
  if (errors.length > 0) return { errors };
  // Aliases may expand to far more nodes than the text holds ("billion laughs"): a budget proportional
  // to the text stops that instead of hanging.
  const conv: Converter = { doc, text, at, errors, file, seen: new Set(), budget: { left: MAX_NODES_BASE + text.length }, ...(localTags ? { localTags } : {}) };
  const node = convert(conv, doc.contents as Node | null, at(0));
  return errors.length > 0 ? { errors } : { node, errors };
}

interface Converter {
  readonly doc: Document;
  readonly text: string;
  readonly localTags?: LocalTags;
  readonly at: (offset: number | undefined) => SourcePos;
  readonly errors: InputError[];
  readonly file: string;
  /** Aliases being expanded, to stop alias cycles. */
  readonly seen: Set<Node>;
  /** Nodes that may still be built; aliases that expand past it are an error. */
  readonly budget: { left: number; exceeded?: boolean };
}

/** Located nodes allowed beyond one per character of text (aliases repeat subtrees). */
const MAX_NODES_BASE = 100_000;

function tooDeepError(file: string, text: string, offset: number, format: string): InputError {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return inputError("yaml", { file, line, column }, `invalid ${format}: values nested more than ${MAX_DEPTH} levels deep`,
    "IAM documents nest a few levels; check for unclosed brackets or a generated file that repeats itself");
}

/** A file that is not text (a NUL byte, or bytes that are not UTF-8), reported at the first such byte. */
function binaryError(file: string, text: string, offset: number): InputError {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return inputError("yaml", { file, line, column }, "not a text file: it holds binary data (a NUL byte or bytes that are not UTF-8)",
    "spec, environment and policy files are UTF-8 YAML or JSON text");
}

/**
 * YAML 1.1 types the parser still builds (binary data, timestamps, sets, ordered maps): none is a
 * value a spec, environment or policy holds, and reading them as something else would change what
 * was written.
 */
const YAML11_TYPES = /^tag:yaml\.org,2002:(binary|omap|pairs|set|timestamp)$/;

function convert(c: Converter, node: Node | null | undefined, fallback: SourcePos): LNode {
  const tag = node && !isAlias(node) ? node.tag : undefined;
  const yaml11 = tag !== undefined ? YAML11_TYPES.exec(tag)?.[1] : undefined;
  if (yaml11 !== undefined) {
    c.errors.push(inputError("yaml", tagPos(c, node as Node, `!!${yaml11}`), `the YAML tag !!${yaml11} is not supported`,
      "iam-spec files are plain YAML: remove the tag and write a string, number, boolean, list or mapping"));
    return { kind: "scalar", value: null, pos: fallback };
  }
  const out = convertUntagged(c, node, fallback);
  return tag !== undefined && c.localTags?.names.includes(tag) ? c.localTags.expand(tag, out, tagPos(c, node as Node, tag)) : out;
}

/** Where the tag of `node` is written: just before its value (only spaces, comments or an anchor between). */
function tagPos(c: Converter, node: Node, tag: string): SourcePos {
  const start = node.range?.[0];
  if (start === undefined) return c.at(start);
  const i = c.text.lastIndexOf(tag, start);
  return i >= 0 && start - i <= 256 && /^(\s|#[^\n]*|&\S+)*$/.test(c.text.slice(i + tag.length, start)) ? c.at(i) : c.at(start);
}

function convertUntagged(c: Converter, node: Node | null | undefined, fallback: SourcePos): LNode {
  if (node == null) return { kind: "scalar", value: null, pos: fallback };
  const pos = c.at(node.range?.[0]);
  if (--c.budget.left < 0) {
    if (!c.budget.exceeded) {
      c.budget.exceeded = true;
      c.errors.push(inputError("yaml", pos, "the file expands to too many values (aliases repeating aliases?)", "write the values out, or use fewer nested aliases"));
    }
    return { kind: "scalar", value: null, pos };
  }
  if (isAlias(node)) {
    const target = node.resolve(c.doc);
    if (!target || c.seen.has(target)) {
      c.errors.push(inputError("yaml", pos, `alias *${node.source} cannot be resolved`,
        target ? "an alias cannot stand inside the value its anchor names: write the value out" : `define the anchor &${node.source} before this alias, or write the value out`));
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
      if (!isScalar(keyNode) || (keyNode.value !== null && typeof keyNode.value === "object") || (keyNode.tag !== undefined && c.localTags?.names.includes(keyNode.tag))) {
        c.errors.push(inputError("yaml", keyPos, "mapping keys must be plain strings", "write the key as plain text (a name such as aws:SourceIp or role/deploy), not a list, a mapping or a tagged value"));
        continue;
      }
      const keyText = keyTextOf(scalarNode(keyNode.value as LScalar["value"], keyNode.source, keyPos));
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
      return scalarNode(v, node.source, pos);
    }
    if (typeof v === "bigint") return { kind: "scalar", value: Number(v), pos, raw: String(v) };
    c.errors.push(inputError("yaml", pos, `unsupported YAML value (${typeof v})`, "write a string, number, boolean or null"));
    return { kind: "scalar", value: null, pos };
  }
  c.errors.push(inputError("yaml", (node as Node).range ? pos : fallback, "unsupported YAML node", "write a string, number, boolean, null, list or mapping"));
  return { kind: "scalar", value: null, pos };
}

/** The line starts of `text`, as the `yaml` library's parser records them (a line begins after each \n). */
function lineCounterOf(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines.addNewLine(i + 1);
  return lines;
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
