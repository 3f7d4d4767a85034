/**
 * The two readers of YAML (read-file.ts): js-yaml's events for plain texts, the `yaml` library for
 * everything else. A text the fast reader accepts must give exactly the tree the `yaml` library gives
 * (values, types, raw number text, key order, every position); a text the `yaml` library rejects must
 * never be accepted by the fast reader. Checked on every YAML and JSON file of this repository and on
 * random edits of them, which make texts neither library was written against.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { dump } from "js-yaml";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { parseLocated, parseWithYamlLibrary, readPlain } from "../../src/load/read-file.js";
import type { LNode } from "../../src/load/located.js";
import { strictJsonProblem } from "../../src/load/strict-json.js";

const ROOT = join(import.meta.dirname, "../..");

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesUnder(path, out);
    else if (/\.(ya?ml|json)$/i.test(name)) out.push(path);
  }
  return out;
}

const FILES = ["test", "examples", "specs", "bench", "docs"].flatMap((d) => {
  try {
    return filesUnder(join(ROOT, d));
  } catch {
    return [];
  }
});

const formatOf = (file: string) => (/\.json$/i.test(file) ? "JSON" : "YAML") as "JSON" | "YAML";

/** What the two readers must agree on: fast accepted => same tree as the yaml library, which has no error. */
function agree(text: string, file: string): "fast" | "declined" {
  const fast = readPlain(text, file);
  if (!fast) return "declined";
  const slow = parseWithYamlLibrary(text, file, formatOf(file));
  expect(slow.errors.map((e) => e.message), `${file}: js-yaml accepted a text the yaml library rejects`).toEqual([]);
  expect(fast, `${file}: the two readers differ`).toEqual(slow.node as LNode);
  return "fast";
}

describe("js-yaml events and the yaml library read plain YAML alike", () => {
  it(`every YAML and JSON file of the repository (${FILES.length} files)`, () => {
    expect(FILES.length).toBeGreaterThan(500);
    let fast = 0;
    for (const file of FILES) if (agree(readFileSync(file, "utf8"), relative(ROOT, file)) === "fast") fast++;
    // The fast reader must actually read most of them, or this test compares nothing.
    expect(fast).toBeGreaterThan(FILES.length * 0.8);
  });

  it("random edits of those files: whatever the fast reader accepts, the yaml library reads the same", () => {
    const texts = FILES.filter((f) => statSync(f).size < 20_000).map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, "utf8") }));
    // Characters that change YAML structure, and some that do not.
    const pieces = ["\n- ", "\n    ", ": |\n", "\n? ", "[a, b]", "{a: 1}", "\"x\\u0041\"", "'a''b'", "x: y", "@", "`", "%TAG ! x\n", "<<: ", "=", "\u00a0", "\u2028", "\u0085", " ", "  ", "\n", "\n  ", "\t", ":", ": ", "- ", "-", "#", " #", "'", '"', "{", "}", "[", "]", ",", "?", "? ", "|", ">", "!", "&a ", "*a", "%", "---\n", "...\n", "0", "012", "0x1F", "0o17", "1e3", ".5", "-.inf", "~", "null", "Null", "true", "TRUE", "yes", "\\", "\\n", "\r\n", "a", "Zz"];
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 3 }), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 5 }),
        (which, edits) => {
          const { file, text: original } = texts[which]!;
          let text = original;
          for (const [where, cut, insert] of edits) {
            const at = Math.floor(where * text.length);
            text = text.slice(0, at) + insert + text.slice(at + cut);
          }
          // parseLocated reads a .json file by events only when it is strict JSON.
          if ((!/\.json$/i.test(file) || !strictJsonProblem(text)) && agree(text, file) === "fast") accepted++;
        },
      ),
      { numRuns: 4000, seed: 7 },
    );
    // Many edited texts are still plain YAML: the property was tested on accepted texts, not only on declined ones.
    expect(accepted).toBeGreaterThan(500);
  });

  it("values of every kind written by both libraries' writers, in block, flow, quoted and JSON styles", () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.string({ unit: "grapheme" }),
      fc.constantFrom("012", "0x1F", "1e3", "-.inf", ".nan", "~", "null", "yes", "on", "1_000", "0b11", "2012-10-17", "a: b", "- x", "#x", "x #y", " lead", "trail ", "multi\nline", "tab\there", '"q"', "'s'", "\\", "*", "&a", "!x", "%", "@", "`", "a\u2028b", "\u0085"),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.oneof(fc.string(), fc.constantFrom("1", "012", "true", "null", "a b", "a:b", "-x", "?x"));
    const { tree } = fc.letrec((tie) => ({ tree: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("tree"), { maxLength: 4 }), fc.dictionary(key, tie("tree"), { maxKeys: 4 })) }));
    const writers: ((v: unknown) => string)[] = [
      (v) => stringify(v),
      (v) => stringify(v, { collectionStyle: "flow" }),
      (v) => stringify(v, { defaultStringType: "QUOTE_SINGLE", defaultKeyType: "PLAIN" }),
      (v) => dump(v),
      (v) => dump(v, { flowLevel: 1 }),
      (v) => JSON.stringify(v, null, 2),
      // Windows line ends, and comments after values and before block scalars' content.
      (v) => stringify(v).replace(/\n/g, "\r\n"),
      (v) => dump(v).replace(/: \|/g, ": | # a | comment >").replace(/\n(?=\S)/g, " # c\n"),
    ];
    let accepted = 0;
    fc.assert(
      fc.property(tree, fc.nat({ max: writers.length - 1 }), (value, w) => {
        if (agree(writers[w]!(value), "written.yaml") === "fast") accepted++;
      }),
      { numRuns: 3000, seed: 11 },
    );
    expect(accepted).toBeGreaterThan(2500);
  });

  it("texts only the yaml library reads are declined, and still read (tags, anchors, directives, several documents)", () => {
    for (const text of ["a: &x 1\nb: *x\n", "a: !Ref b\n", "%YAML 1.1\n---\na: yes\n", "a: 1\n---\nb: 2\n", "? [a]\n: 1\n", "a: !!str 1\n", "\uFEFFa: 1\n", "a: 1\rb: 2\n"]) {
      expect(readPlain(text, "t.yaml"), text).toBeUndefined();
    }
    const anchored = parseLocated("a: &x [1, 2]\nb: *x\n", "t.yaml");
    expect(anchored.errors).toEqual([]);
    expect(anchored.node?.kind === "map" && anchored.node.entries.get("b")?.value.kind).toBe("seq");
  });

  it("block scalars are placed at their header, whatever their comments hold", () => {
    for (const text of ["a: | # c|d\n  x\n", "a: | # x |\n  y\n", "a: > # >\n  y\n", "a: # c |\n  |\n  y\n", "- |\n  y\n- >+ # |\n  z\n\n", "a: |2\n    y\n", "a: '|'\nb: |\n  y\n", "a: \"x>\"\nb: >-\n  y\n"]) {
      expect(agree(text, "block.yaml"), text).toBe("fast");
    }
  });

  it("values are typed as YAML 1.2 core says (yes is a string, 012 keeps its text, 0o17 is octal)", () => {
    const node = readPlain("a: yes\nb: 012\nc: 0o17\nd: ~\ne: '1'\nf: 1.50\n", "t.yaml");
    expect(node?.kind).toBe("map");
    const v = (k: string) => (node?.kind === "map" ? node.entries.get(k)?.value : undefined);
    expect(v("a")).toMatchObject({ value: "yes" });
    expect(v("b")).toMatchObject({ value: 12, raw: "012" });
    expect(v("c")).toMatchObject({ value: 15, raw: "0o17" });
    expect(v("d")).toMatchObject({ value: null });
    expect(v("e")).toMatchObject({ value: "1", pos: { line: 5, column: 4 } });
    expect(v("f")).toMatchObject({ value: 1.5, raw: "1.50" });
  });
});
