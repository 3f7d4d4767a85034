/**
 * The prover against exhaustive enumeration (contract section 2: a `mayNot` is proved when no request
 * of its whole space is allowed). Random small policy sets compare condition keys and object keys
 * only with values from a small alphabet, so that each value, and one value from outside it, stand for
 * every request: enumerating them all is a complete answer. The prover (sampling switched off) must
 * then give the same answer: proved exactly when enumeration finds no allowed request, and a
 * counterexample (replayed through evaluate()) exactly when it finds one.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Candidate, RequestSource, RequestSpace } from "../../src/compile/sources.js";
import { runSuite } from "../../src/run/run-suite.js";

const VALUES = ["a", "b", "ab"];
/** Stands for every value no policy names. */
const OTHER = "zz";
const KEYS = ["acme:team", "acme:stage"];
const OBJECTS = ["x", "y", "yz", "other"];

const value = fc.constantFrom(...VALUES);
const values = fc.array(value, { minLength: 1, maxLength: 2 });
const clause = fc.record({
  op: fc.constantFrom("StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIfExists", "StringNotEqualsIfExists", "Null"),
  key: fc.constantFrom(...KEYS),
  values,
  prefix: fc.boolean(),
  nullValue: fc.boolean(),
});
const statement = fc.record({
  effect: fc.constantFrom("Allow", "Allow", "Deny"),
  resource: fc.constantFrom("arn:aws:s3:::data/*", "arn:aws:s3:::data/x", "arn:aws:s3:::data/y*", "*"),
  clauses: fc.array(clause, { minLength: 0, maxLength: 2 }),
});
const policy = fc.array(statement, { minLength: 1, maxLength: 3 });

type Statement = typeof statement extends fc.Arbitrary<infer T> ? T : never;

function document(statements: readonly Statement[]) {
  return {
    Version: "2012-10-17",
    Statement: statements.map((s) => {
      const condition: Record<string, Record<string, unknown>> = {};
      for (const c of s.clauses) {
        const v = c.op === "Null" ? String(c.nullValue) : c.op.includes("Like") && c.prefix ? c.values.map((x) => `${x}*`) : c.values;
        (condition[c.op] ??= {})[c.key] = v;
      }
      return { Effect: s.effect, Action: "s3:GetObject", Resource: s.resource, ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}) };
    }),
  };
}

/** Every request over the alphabet: each object, and each key absent or with each value. */
const exhaustive: RequestSource = {
  name: "exhaustive",
  *candidates(space: RequestSpace) {
    const choices = [undefined, ...VALUES, OTHER];
    for (const caller of space.callers)
      for (const action of space.actions)
        for (const object of OBJECTS)
          for (const a of choices)
            for (const b of choices) {
              const context: Record<string, string> = {};
              if (a !== undefined) context[KEYS[0]!] = a;
              if (b !== undefined) context[KEYS[1]!] = b;
              yield { caller, action, resource: `arn:aws:s3:::data/${object}`, context } satisfies Candidate;
            }
  },
};
const nothing: RequestSource = { name: "none", *candidates() {} };

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function scenario(statements: readonly Statement[]): string {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-prove-"));
  dirs.push(dir);
  writeFileSync(join(dir, "identity.json"), JSON.stringify(document(statements)));
  writeFileSync(
    join(dir, "env.yaml"),
    `accounts:\n  "111122223333":\n    users:\n      dev:\n        policies: [./identity.json]\n    resources:\n      "arn:aws:s3:::data": {}\n`,
  );
  writeFileSync(join(dir, "x.iamspec.yaml"), `environment: ./env.yaml\nexpect:\n  - it: dev cannot read data\n    as: user/dev\n    mayNot: s3:GetObject\n    on: arn:aws:s3:::data/*\n`);
  return dir;
}

describe("prover = exhaustive enumeration on a finite domain", () => {
  it("agrees on random policy sets (and proves or refutes every one)", async () => {
    const cases = fc.sample(policy, { numRuns: 40, seed: 7 });
    let proved = 0;
    let refuted = 0;
    for (const statements of cases) {
      const dir = scenario(statements);
      const enumerated = await runSuite([dir], { cwd: dir, seed: 1, source: exhaustive, prove: false });
      const proven = await runSuite([dir], { cwd: dir, seed: 1, source: nothing });
      const e = enumerated.result.results[0]!;
      const p = proven.result.results[0]!;
      const label = JSON.stringify(document(statements));
      expect(p.status, label).toBe(e.status);
      expect(p.evidence?.method, label).toBe("proved");
      if (p.status === "failed") {
        refuted++;
        expect(p.counterexample?.decision, label).toBe("Allow");
      } else proved++;
    }
    // Both answers occur, so the comparison says something either way.
    expect(proved).toBeGreaterThan(5);
    expect(refuted).toBeGreaterThan(5);
  }, 120_000);
});
