import { describe, expect, it } from "vitest";
import { parseLocated } from "../../src/load/read-file.js";
import { validateAgainst, type Schema } from "../../src/load/schema-validate.js";
import { generate } from "../../scripts/gen-types.js";
import { readFile } from "node:fs/promises";
import { schemas, SPEC_SCHEMA } from "../../src/load/schemas.js";

const schema: Schema = {
  type: "object",
  additionalProperties: false,
  required: ["mode"],
  properties: {
    mode: { type: "string", enum: ["strict", "loose"] },
    count: { type: "integer", minimum: 1 },
    names: { type: "array", minItems: 1, items: { type: "string", minLength: 1 } },
    ref: { $ref: "#/definitions/Ref" },
  },
  definitions: {
    Ref: { oneOf: [{ type: "string" }, { type: "object", required: ["a"], additionalProperties: false, properties: { a: { type: "string" } } }] },
  },
};

function errors(text: string) {
  const node = parseLocated(text, "t.yaml").node;
  if (!node) throw new Error("bad yaml");
  return validateAgainst(node, "t.json", new Map([["t.json", schema]])).map((e) => `${e.line}:${e.column} ${e.message}${e.hint ? ` (${e.hint})` : ""}`);
}

describe("schema subset validator", () => {
  it("accepts a valid document", () => {
    expect(errors("mode: strict\ncount: 2\nnames: [a]\nref: { a: x }")).toEqual([]);
  });

  it("reports enum, type, range, empty list, unknown key and missing key, all at once", () => {
    expect(errors("mode: strcit\ncount: 0\nnames: []\nnmaes: [a]\nref: 3")).toEqual([
      '1:7 mode: must be one of "strict" or "loose", got the string "strcit" (did you mean "strict"?)',
      "2:8 count: 0 is below the minimum 1 (use 1 or more)",
      "3:8 names: must not be an empty list (give at least one item, or remove the key)",
      '4:1 unknown key "nmaes" (did you mean "names"?)',
      '5:6 ref: expected a string or a mapping, got the number 3 (quote it: "3")',
    ]);
    expect(errors("count: 1.5")).toEqual(['1:1 missing required key "mode" (add mode: to this mapping)', "1:8 count: expected an integer, got the number 1.5 (write an integer here; see docs/spec-reference.md)"]);
  });

  it("picks a oneOf branch by kind and by required key", () => {
    expect(errors("mode: loose\nref: { b: x }")).toEqual(['2:6 ref: missing required key "a" (add a: to this mapping)', '2:8 ref: unknown key "b" (did you mean "a"?)']);
    const spec = parseLocated("environment: {}\nexpect:\n  - as: { servce: lambda.amazonaws.com }\n    may: s3:GetObject", "s.yaml").node;
    const found = validateAgainst(spec!, SPEC_SCHEMA, schemas);
    expect(found.map((e) => `${e.line}:${e.column} ${e.message} (${e.hint})`)).toEqual([
      '3:9 expect[0].as: a mapping here needs one of the keys "service", "federated", "from" or "notFrom" (did you mean "service"?)',
    ]);
  });
});

describe("generated types", () => {
  it("src/generated/spec-types.ts is up to date with the schemas", async () => {
    expect(await readFile("src/generated/spec-types.ts", "utf8")).toBe(await generate());
  });
});
