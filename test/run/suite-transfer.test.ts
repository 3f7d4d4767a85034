/**
 * The suite a worker receives (suite-transfer.ts): the model the first worker loaded, packed into
 * bytes and unpacked in another thread's place, must check every expectation exactly as the loaded
 * one does (passes, counterexamples, deciding statements with their files and lines), keep what was
 * shared shared, and compile a policy only when something reaches it.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createChecker, defaultEvaluator } from "../../src/run/check-one.js";
import { loadSuite } from "../../src/run/load-suite.js";
import { packSuite, unpackSuite } from "../../src/run/suite-transfer.js";
import { isCompiledPolicy } from "../../src/evaluator/compiled-policy.js";
import { ROOT } from "../cli/run-cli.js";

const examples = join(ROOT, "examples");
const specFiles = readdirSync(examples).flatMap((e) =>
  ["specs", "failing"].flatMap((sub) => {
    try {
      return readdirSync(join(examples, e, sub)).filter((f) => f.endsWith(".iamspec.yaml")).map((f) => join(examples, e, sub, f));
    } catch {
      return [];
    }
  }),
);

describe("packSuite / unpackSuite", () => {
  it("an unpacked suite checks every example expectation as the loaded one does", async () => {
    const suite = await loadSuite(specFiles, { cwd: ROOT });
    expect(suite.items.length).toBeGreaterThan(40);
    const unpacked = unpackSuite(packSuite(suite.items));
    expect(unpacked).toHaveLength(suite.items.length);
    const settings = { cwd: ROOT, seed: 7, runs: 50, evaluator: await defaultEvaluator() };
    const loadedCheck = createChecker(settings);
    const unpackedCheck = createChecker(settings);
    const statuses = new Set<string>();
    for (const [i, item] of suite.items.entries()) {
      const want = await loadedCheck(item);
      for (const r of want) statuses.add(r.status);
      expect(await unpackedCheck(unpacked[i]!)).toEqual(want);
    }
    // Both polarities of outcome were compared, not only passes.
    expect([...statuses].sort()).toEqual(expect.arrayContaining(["failed", "passed"]));
  }, 300_000);

  it("keeps shared objects shared and compiles a policy on first use, once", async () => {
    const file = join(examples, "org-guardrails", "specs", "guardrails.iamspec.yaml");
    const suite = await loadSuite([file], { cwd: ROOT });
    const unpacked = unpackSuite(packSuite(suite.items));
    const env = unpacked[0]!.spec.environment;
    expect(unpacked.every((item) => item.spec.environment === env)).toBe(true);
    // FullAWSAccess is one policy wherever the organization attaches it.
    const placements = [...env.organization!.placements.values()].filter((p) => p.scpLevels.length > 0);
    expect(placements.length).toBeGreaterThan(1);
    const roots = placements.map((p) => p.scpLevels[0]![0]!);
    expect(new Set(roots).size).toBe(1);
    const [first] = roots;
    const descriptor = Object.getOwnPropertyDescriptor(first, "handle");
    expect(descriptor?.get).toBeTypeOf("function");
    const handle = first!.handle;
    expect(isCompiledPolicy(handle)).toBe(true);
    expect(first!.handle).toBe(handle);
    expect(handle.source).toEqual(suite.items[0]!.spec.environment.organization!.root.scps[0]!.handle.source);
  });
});
