/**
 * Throughput measurement: run a function over a request stream for a fixed wall-clock budget, a few
 * rounds, and keep the median rate. Figures are meant to be compared as ratios within one run.
 */
export interface Rate {
  /** Evaluations per second (median of the rounds). */
  perSecond: number;
  rounds: number[];
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Synchronous evaluator: loops over the whole stream without awaiting, checking the clock after each
 * pass. `rounds` counted rounds after one warm-up round; 0: a single round, counted.
 */
export function rateSync<T>(items: readonly T[], fn: (item: T) => unknown, budgetMs: number, rounds = 3): Rate {
  const results: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds + 1; r++) {
    const start = performance.now();
    let n = 0;
    let now = start;
    while (now - start < budgetMs) {
      for (let i = 0; i < items.length; i++) if (fn(items[i]!)) sink++;
      n += items.length;
      now = performance.now();
    }
    // With rounds > 0, round 0 warms the JIT and the compiled-policy cache and is not counted.
    if (r > 0 || rounds === 0) results.push((n * 1000) / (now - start));
  }
  if (sink < 0) console.log(sink);
  return { perSecond: median(results), rounds: results };
}

/** Asynchronous evaluator (iam-simulate's runSimulation returns a promise): awaited one at a time. */
export async function rateAsync<T>(items: readonly T[], fn: (item: T) => Promise<unknown>, budgetMs: number, rounds = 3): Promise<Rate> {
  const results: number[] = [];
  for (let r = 0; r < rounds + 1; r++) {
    const start = performance.now();
    let n = 0;
    let now = start;
    while (now - start < budgetMs) {
      for (const item of items) {
        await fn(item);
        n++;
        if ((n & 15) === 0 && performance.now() - start >= budgetMs) break;
      }
      now = performance.now();
    }
    if (r > 0 || rounds === 0) results.push((n * 1000) / (now - start));
  }
  return { perSecond: median(results), rounds: results };
}
