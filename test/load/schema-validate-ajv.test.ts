/**
 * Ajv is the authority on whether a spec or environment is valid; the walk in schema-validate.ts only
 * words the errors. These tests hold the two together: on every example and bad-input fixture they
 * agree on valid vs invalid; a keyword the walk does not know is still enforced (by Ajv, at the value's
 * position); a schema keyword Ajv does not know fails loudly instead of being ignored.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { fromJS } from "../../src/load/from-js.js";
import { readLocatedFile } from "../../src/load/read-file.js";
import { ajvAccepts, describeErrors, validateAgainst, type Schema } from "../../src/load/schema-validate.js";
import { ENVIRONMENT_SCHEMA, schemas, SPEC_SCHEMA } from "../../src/load/schemas.js";
import { ROOT } from "../cli/run-cli.js";

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === "cdk.out" ? [] : yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

const files = [...yamlFiles(join(ROOT, "examples")), ...yamlFiles(join(ROOT, "test/fixtures/bad-inputs"))];

describe("the walk and Ajv agree on every example and bad-input file", () => {
  it("there are files of both verdicts", async () => {
    expect(files.length).toBeGreaterThan(50);
  });
  it.each(files.map((f) => relative(ROOT, f)))("%s", async (file) => {
    const read = await readLocatedFile(join(ROOT, file));
    if (!read.node || read.node.kind !== "map") return; // not a document the schemas judge (the YAML reader reports it)
    const schema = /\.iamspec\.ya?ml$/.test(file) ? SPEC_SCHEMA : read.node.entries.has("expect") ? SPEC_SCHEMA : ENVIRONMENT_SCHEMA;
    const worded = describeErrors(read.node, schema, schemas);
    expect(worded.length === 0, worded.map((e) => e.message).join("; ")).toBe(ajvAccepts(read.node, schema, schemas));
  });
});

describe("Ajv enforces what the walk does not word", () => {
  const at = { file: "t.yaml", line: 3, column: 5 };
  const registry = new Map<string, Schema>([
    ["t.json", { type: "object", properties: { name: { type: "array", maxItems: 1 } as Schema, tags: { type: "array", uniqueItems: true } as Schema } }],
    ["w.json", { type: "object", properties: { name: { type: "string", maxLength: 3 } } }],
  ]);
  it("maxItems and uniqueItems: errors at the value, with Ajv's words", () => {
    const node = fromJS({ name: ["a", "b"], tags: ["a", "a"] }, at);
    expect(validateAgainst(node, "t.json", registry).map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      "3:5 name: must NOT have more than 1 items",
      "3:5 tags: must NOT have duplicate items (items ## 0 and 1 are identical)",
    ]);
    expect(validateAgainst(fromJS({ name: ["a"], tags: ["a"] }, at), "t.json", registry)).toEqual([]);
  });
  it("maxLength is worded by the walk, counting characters", () => {
    expect(validateAgainst(fromJS({ name: "toolong" }, at), "w.json", registry).map((e) => `${e.message} (${e.hint})`)).toEqual(["name: 7 characters are more than 3 (shorten it to 3 characters)"]);
    expect(validateAgainst(fromJS({ name: "äöü" }, at), "w.json", registry)).toEqual([]);
  });
  it("a keyword Ajv does not know is an error when the schema is compiled, never ignored", () => {
    const bad = new Map<string, Schema>([["t.json", { type: "object", maxKeys: 1 } as Schema]]);
    expect(() => validateAgainst(fromJS({}, at), "t.json", bad)).toThrow(/unknown keyword: "maxKeys"/);
  });
  it("the walk's words win where it has them (the bad-input suite's messages)", () => {
    const node = fromJS({ environment: {}, expect: [{ as: "role/x", mya: "s3:GetObject" }] }, at);
    expect(validateAgainst(node, SPEC_SCHEMA, schemas).map((e) => e.message)).toContain('expect[0]: unknown key "mya"');
  });
});
