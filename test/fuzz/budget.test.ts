import { describe, expect, it } from "vitest";
import { build } from "../../bench/fuzz/harness.js";
import { scenarios } from "../../bench/fuzz/scenarios.js";
import { fuzzSource } from "../../src/fuzz/index.js";

describe("Budget.deadline (--fuzz-time)", () => {
  const s = scenarios.find((x) => x.id === "wide-cidr-ipv4")!;
  const randomOnly = fuzzSource({ skipExhaustive: true });

  it("a spent deadline skips random search and says how far it got", () => {
    const { space } = build(s, s.buggy);
    const cut: [number, number][] = [];
    const found = [...randomOnly.candidates(space, { seed: 7, runs: 100, deadline: Date.now() - 1, onCutShort: (t, p) => void cut.push([t, p]) })];
    expect(found).toEqual([]);
    expect(cut).toEqual([[0, 100]]);
  });

  it("the deterministic pass runs whatever the deadline", () => {
    const { space } = build(s, s.buggy);
    const found = [...fuzzSource().candidates(space, { seed: 7, runs: 100, deadline: Date.now() - 1 })];
    expect(found).toHaveLength(1);
    expect(found[0]!.origin).toMatch(/^exhaustive/);
  });

  it("a deadline that is not reached changes nothing and reports nothing", () => {
    const { space } = build(s, s.buggy);
    let told = false;
    const timed = [...randomOnly.candidates(space, { seed: 7, runs: 100, deadline: Date.now() + 600_000, onCutShort: () => void (told = true) })];
    const untimed = [...randomOnly.candidates(space, { seed: 7, runs: 100 })];
    expect(timed).toEqual(untimed);
    expect(told).toBe(false);
  });
});
