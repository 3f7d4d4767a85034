/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/index.js";
import type { ConformanceCase } from "./case.js";

// Every file in ./cases exports `cases: ConformanceCase[]`; together they are the conformance table.
// Files without `cases` (shared builders) are not part of the table.
const modules = Object.fromEntries(
  Object.entries(import.meta.glob<{ cases?: ConformanceCase[] }>("./cases/*.ts", { eager: true })).filter(
    (e): e is [string, { cases: ConformanceCase[] }] => Array.isArray(e[1].cases) && e[1].cases.length > 0,
  ),
);

for (const [file, mod] of Object.entries(modules)) {
  describe(file.replace("./cases/", ""), () => {
    for (const c of mod.cases) {
      it(`${c.name} [${c.doc}]`, () => {
        if (typeof c.expected === "object") {
          expect(() => evaluate(c.input)).toThrow(c.expected.throws);
        } else {
          const result = evaluate(c.input);
          expect(result.decision).toBe(c.expected);
          if (c.undetermined !== undefined) expect(result.undetermined ?? []).toEqual(c.undetermined);
        }
      });
    }
  });
}

it("the conformance table has at least 250 cases", () => {
  const total = Object.values(modules).reduce((n, m) => n + m.cases.length, 0);
  expect(total).toBeGreaterThanOrEqual(250);
});
