/**
 * Checking expectations in order while the solver works: a proof spends most of its time waiting for
 * z3, which answers on a thread of its own, so the next expectations are sampled (on this thread) in
 * that time instead of after it. Results still come out in the order of the items, and each item is
 * checked exactly as it would be alone (check-one.ts serializes the proofs themselves), so the report
 * does not depend on how far ahead sampling ran.
 */

/** How many expectations may be sampled ahead of the oldest one still waiting for its proof. */
const AHEAD = 8;

export async function checkInOrder<T, R>(
  items: readonly T[],
  check: (item: T, index: number) => Promise<R>,
  done: (result: R, index: number) => void,
): Promise<void> {
  const pending: { index: number; result: Promise<R>; settled: boolean }[] = [];
  const flush = async (all: boolean) => {
    while (pending.length > 0 && (all || pending.length > AHEAD || pending[0]!.settled)) {
      const oldest = pending.shift()!;
      done(await oldest.result, oldest.index);
    }
  };
  for (const [index, item] of items.entries()) {
    const entry = { index, result: check(item, index), settled: false };
    // Awaited in order below; a rejection of a later entry must not count as unhandled meanwhile.
    entry.result.then(
      () => (entry.settled = true),
      () => (entry.settled = true),
    );
    pending.push(entry);
    // The solver's answers (messages from its thread) are taken in between samplings.
    await new Promise<void>((resolve) => setImmediate(resolve));
    await flush(false);
  }
  await flush(true);
}
