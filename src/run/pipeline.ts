/**
 * Checking expectations in order while the solver works: a proof spends most of its time waiting for
 * z3, which answers on a thread of its own, so the next expectations are sampled (on this thread) in
 * that time instead of after it. Results still come out in the order of the items, and each item is
 * checked exactly as it would be alone (check-one.ts serializes the proofs themselves), so the report
 * does not depend on how far ahead sampling ran.
 */

/** How many expectations may be sampled ahead of the oldest one still waiting for its proof. */
const AHEAD = 32;

export interface Pipeline<T> {
  /** Starts checking `item` (its sampling runs now); reports what is done, in order. */
  push(item: T): Promise<void>;
  /** Runs `then` once everything pushed before it is reported (a batch's end). */
  mark(then: () => void): Promise<void>;
  /** Reports everything pushed. */
  finish(): Promise<void>;
}

export function pipeline<T, R>(check: (item: T) => Promise<R>, done: (result: R, item: T) => void): Pipeline<T> {
  type Entry = { result: Promise<R | undefined>; settled: boolean; item?: T; then?: () => void };
  const pending: Entry[] = [];
  const flush = async (all: boolean) => {
    while (pending.length > 0 && (all || pending.length > AHEAD || pending[0]!.settled)) {
      const oldest = pending.shift()!;
      const result = await oldest.result;
      if (oldest.then) oldest.then();
      else done(result as R, oldest.item as T);
    }
  };
  return {
    async push(item) {
      const entry: Entry = { result: check(item), settled: false, item };
      // Awaited in order by flush; a rejection of a later entry must not count as unhandled meanwhile.
      entry.result.then(
        () => (entry.settled = true),
        () => (entry.settled = true),
      );
      pending.push(entry);
      // The solver's answers (messages from its thread) are taken in between samplings.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await flush(false);
    },
    async mark(then) {
      pending.push({ result: Promise.resolve(undefined), settled: true, then });
      await flush(false);
    },
    finish: () => flush(true),
  };
}

export async function checkInOrder<T, R>(
  items: readonly T[],
  check: (item: T, index: number) => Promise<R>,
  done: (result: R, index: number) => void,
): Promise<void> {
  const indexed = items.map((item, index) => ({ item, index }));
  const line = pipeline(
    ({ item, index }: { item: T; index: number }) => check(item, index),
    (result: R, { index }) => done(result, index),
  );
  for (const entry of indexed) await line.push(entry);
  await line.finish();
}
