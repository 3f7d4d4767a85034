import { describe, expect, it } from "vitest";
import { editDistance } from "../../src/data/edit-distance.js";
import { checkFormat, readDataFile } from "../../src/data/load.js";

describe("data files fail closed", () => {
  it("a missing data file is an error that says how to regenerate", () => {
    expect(() => readDataFile("no-such-file.json")).toThrow(/cannot load bundled data .*build-data/);
  });

  it("a file of another format version is rejected", () => {
    expect(() => checkFormat("x.json", { format: 99, source: {} }, 1, ["source"])).toThrow(/not format 1/);
    expect(() => checkFormat("x.json", null, 1, [])).toThrow(/not format 1/);
  });

  it("a file missing a section is rejected", () => {
    expect(() => checkFormat("x.json", { format: 1, source: {} }, 1, ["source", "policies"])).toThrow(/lacks "policies"/);
    expect(() => checkFormat("x.json", { format: 1, source: {}, policies: {} }, 1, ["source", "policies"])).not.toThrow();
  });
});

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and transpositions", () => {
    expect(editDistance("getobject", "getobject")).toBe(0);
    expect(editDistance("getobjekt", "getobject")).toBe(1);
    expect(editDistance("gte", "get")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("stops early past max and says so with max + 1", () => {
    expect(editDistance("kitten", "sitting", 2)).toBe(3);
    expect(editDistance("abcdefgh", "zyxwvuts", 3)).toBe(4);
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
  });
});
