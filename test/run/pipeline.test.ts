import { describe, expect, it } from "vitest";
import { checkInOrder } from "../../src/run/pipeline.js";

const later = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe("checkInOrder: sampling ahead while proofs wait", () => {
  it("reports in the order of the items, whatever order the checks finish in", async () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const seen: number[] = [];
    await checkInOrder(items, async (i) => {
      await later((i * 7) % 5);
      return i * 10;
    }, (r, i) => {
      expect(r).toBe(i * 10);
      seen.push(i);
    });
    expect(seen).toEqual(items);
  });

  it("starts a bounded number of checks ahead of the oldest unfinished one", async () => {
    let started = 0;
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const run = checkInOrder(Array.from({ length: 40 }, (_, i) => i), async (i) => {
      started++;
      if (i === 0) await first;
      return i;
    }, () => undefined);
    await later(20);
    const whileBlocked = started;
    release();
    await run;
    expect(whileBlocked).toBeGreaterThan(1);
    expect(whileBlocked).toBeLessThan(40);
    expect(started).toBe(40);
  });

  it("fails with the first failing item's error, and no later rejection goes unhandled", async () => {
    await expect(
      checkInOrder([0, 1, 2, 3], async (i) => {
        if (i >= 2) throw new Error(`item ${i}`);
        await later(5);
        return i;
      }, () => undefined),
    ).rejects.toThrow("item 2");
  });
});
