import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ownerOf, parseShard, sliceOf } from "../../src/run/shard.js";

describe("--shard slices", () => {
  it("slices 1..N cover 0..total in order, each position once, sizes differing by one at most", () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.integer({ min: 1, max: 64 }), (total, count) => {
        let next = 0;
        const sizes: number[] = [];
        for (let index = 1; index <= count; index++) {
          const [from, to] = sliceOf(total, { index, count });
          expect(from).toBe(next);
          sizes.push(to - from);
          next = to;
        }
        expect(next).toBe(total);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("a file's input errors belong to the one shard holding its first position", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 64 }), fc.nat(), (total, count, seed) => {
        const start = seed % total;
        const owner = ownerOf(start, total, count);
        const [from, to] = sliceOf(total, { index: owner, count });
        expect(start >= from && start < to).toBe(true);
      }),
    );
    // No expectations at all, or a file after the last position: the last shard holding anything.
    expect(ownerOf(0, 0, 3)).toBe(3);
    expect(ownerOf(10, 10, 4)).toBe(4);
  });

  it.each([
    ["1/1", { index: 1, count: 1 }],
    ["3/4", { index: 3, count: 4 }],
    [" 2/2 ", { index: 2, count: 2 }],
  ])("parses %j", (text, shard) => expect(parseShard(text)).toEqual(shard));

  it.each([["0/4"], ["5/4"], ["1/0"], ["0/0"], ["1"], ["1/2/3"], ["a/4"], ["-1/4"], ["1.5/4"], [""]])("refuses %j", (text) => {
    expect(parseShard(text)).toHaveProperty("error");
  });
});
