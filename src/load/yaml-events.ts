/**
 * The fast reading of a YAML (or JSON) text into a located tree: js-yaml's event stream (offsets into
 * the text, no document model) instead of the `yaml` library's composed document. On a large
 * environment file that is about ten times less work, and far less garbage.
 *
 * It reads only what both libraries read alike: one document, no directives, no tags, no anchors or
 * aliases, plain-scalar keys written once. For anything else, and for any text js-yaml rejects, it
 * declines (returns undefined) and the `yaml` library reads the text (read-file.ts), with its own
 * errors and positions. Plain scalars are typed by the `yaml` library's YAML 1.2 core schema, and
 * positions are those the `yaml` library gives, so a tree never depends on which library read it
 * (test/load/yaml-events.test.ts compares the two on every file the tests hold).
 */
import { EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents, type Event, type ScalarEvent } from "js-yaml";
import { isScalar, Schema, type ParseOptions, type ScalarTag } from "yaml";
import type { SourcePos } from "../model/types.js";
import { keyTextOf, scalarNode, type LEntry, type LNode, type LScalar } from "./located.js";

/** The YAML 1.2 core schema's scalar tags that resolve plain scalars (null, bool, int, float), in the `yaml` library's order. */
const CORE_SCALAR_TAGS = new Schema({ schema: "core" }).tags.filter((t): t is ScalarTag & { test: RegExp } => t.default === true && t.test !== undefined && !t.collection);
const RESOLVE_OPTIONS: ParseOptions = { intAsBigInt: false };

/** Implicit keys longer than this are a `yaml` error (YAML 1.2, 7.4.2: at most 1024 characters); such texts are left to it. */
const LONG_KEY = 1000;

interface Frame {
  readonly kind: "map" | "seq";
  readonly pos: SourcePos;
  readonly items: LNode[];
  /** For a mapping: the pending key (its text and position) waiting for its value. */
  key?: { text: string; pos: SourcePos } | undefined;
  readonly entries?: Map<string, LEntry>;
}

/**
 * The located tree of `text`, or undefined when the text is not one js-yaml and the `yaml` library
 * read alike (or when js-yaml rejects it). `at` turns an offset into a position.
 */
export function readByEvents(text: string, at: (offset: number) => SourcePos): LNode | undefined {
  if (!plainEnough(text)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return undefined;
  }
  let documents = 0;
  // Where the last token read ends: a block scalar's header (`|`, `>`) is the first one after it
  // outside a comment (only indicators, spaces and comments stand between).
  let after = 0;
  let root: LNode | undefined;
  const stack: Frame[] = [];
  // Places a finished node in its parent (or as the root); false when the text must be declined.
  const place = (node: LNode, keyEvent?: ScalarEvent): boolean => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (root !== undefined) return false;
      root = node;
      return true;
    }
    if (top.kind === "seq") {
      top.items.push(node);
      return true;
    }
    if (top.key === undefined) {
      // A key: only a plain-scalar-like key (scalar node) of reasonable length is read here.
      if (node.kind !== "scalar" || !keyEvent || keyEvent.valueEnd - keyEvent.valueStart > LONG_KEY) return false;
      const text = keyTextOf(node);
      if (top.entries!.has(text)) return false;
      top.key = { text, pos: node.pos };
      return true;
    }
    top.entries!.set(top.key.text, { key: top.key.text, keyPos: top.key.pos, value: node });
    top.key = undefined;
    return true;
  };
  for (const ev of events) {
    switch (ev.type) {
      case EVENT_ID.DOCUMENT:
        if (++documents > 1 || ev.directives.length > 0) return undefined;
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        if (ev.anchorStart >= 0 || ev.tagStart >= 0) return undefined;
        stack.push(ev.type === EVENT_ID.MAPPING ? { kind: "map", pos: at(ev.start), items: [], entries: new Map() } : { kind: "seq", pos: at(ev.start), items: [] });
        after = ev.start;
        break;
      case EVENT_ID.SCALAR: {
        if (ev.anchorStart >= 0 || ev.tagStart >= 0) return undefined;
        const node = scalarOf(text, ev, at, after);
        if (!node || !place(node, ev)) return undefined;
        after = ev.valueEnd;
        break;
      }
      case EVENT_ID.POP: {
        const frame = stack.pop();
        // The end of the document.
        if (!frame) break;
        if (frame.key !== undefined) return undefined;
        const node: LNode = frame.kind === "map" ? { kind: "map", entries: frame.entries!, pos: frame.pos } : { kind: "seq", items: frame.items, pos: frame.pos };
        if (!place(node)) return undefined;
        break;
      }
      default:
        // An alias.
        return undefined;
    }
  }
  return documents === 1 && stack.length === 0 ? root : undefined;
}

/**
 * Screens for texts js-yaml reads more leniently than the `yaml` library (found by comparing the two
 * on edited files, test/load/yaml-events.test.ts): these go to the `yaml` library, which reads or rejects them.
 */
function plainEnough(text: string): boolean {
  // A byte-order mark or a lone carriage return shifts offsets differently in the two libraries.
  if (text.charCodeAt(0) === 0xfeff || /\r(?!\n)/.test(text)) return false;
  // A tab among a line's leading spaces (YAML forbids tabs as indentation; js-yaml lets some pass).
  if (/^ *\t/m.test(text)) return false;
  // Document markers other than one `---` that opens the text: js-yaml reads ` ---` and `...` more freely.
  const markers = text.match(/^[ \t]*(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm);
  if (markers && (markers.length > 1 || markers[0] !== "---" || !/^(?:[ \t]*(?:#[^\n]*)?\r?\n)*---/.test(text))) return false;
  return true;
}

/** A scalar as the `yaml` library reads it: plain scalars typed by the core schema, the others strings. */
function scalarOf(text: string, ev: ScalarEvent, at: (offset: number) => SourcePos, after: number): LScalar | undefined {
  // An empty value (`key:`): the `yaml` library places it after the indicator before it, which the event does not say.
  if (ev.valueStart < 0) return undefined;
  const value = getScalarValue(text, ev);
  if (ev.style !== SCALAR_STYLE.PLAIN) {
    // The `yaml` library places a quoted scalar at its opening quote.
    const start = ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED ? ev.valueStart - 1 : blockHeader(text, after, ev.valueStart);
    return start === undefined ? undefined : { kind: "scalar", value, pos: at(start) };
  }
  const tag = CORE_SCALAR_TAGS.find((t) => t.test.test(value));
  if (!tag) return { kind: "scalar", value, pos: at(ev.valueStart) };
  let resolved: unknown;
  try {
    resolved = tag.resolve(value, () => {}, RESOLVE_OPTIONS);
  } catch {
    return undefined;
  }
  const v = isScalar(resolved) ? resolved.value : resolved;
  if (v !== null && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") return undefined;
  return scalarNode(v, value, at(ev.valueStart));
}

/** Where a block scalar's header (`|` or `>`) is written: the first one from `from` on outside a comment, before `valueStart`. */
function blockHeader(text: string, from: number, valueStart: number): number | undefined {
  for (let i = from; i < valueStart; i++) {
    const c = text[i];
    if (c === "|" || c === ">") return i;
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      const eol = text.indexOf("\n", i);
      if (eol < 0) return undefined;
      i = eol;
    }
  }
  return undefined;
}
