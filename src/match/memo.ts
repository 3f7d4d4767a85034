/**
 * Memos of pure functions on the paths that run for every evaluated request (key names folded, the
 * clock's text): bounded, so that a long run with many generated keys stays flat (the whole memo is
 * dropped when full: its entries are cheap to make again).
 */
export function boundedMemo<K, V>(compute: (key: K) => V, limit: number): (key: K) => V {
  const memo = new Map<K, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      if (memo.size >= limit) memo.clear();
      memo.set(key, (value = compute(key)));
    }
    return value;
  };
}

/** `key.toLowerCase()`: condition key names are case-insensitive, and the same few recur. */
export const lowerCased: (key: string) => string = boundedMemo((key: string) => key.toLowerCase(), 4096);
