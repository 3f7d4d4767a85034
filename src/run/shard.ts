/**
 * `--shard I/N`: the I-th of N contiguous slices of all expectations found, ordered by spec file (as
 * discovered: sorted paths) and position in the file. Slices 1..N together are the whole run, each
 * expectation in exactly one, so the results of shards 1..N concatenated in order are the results of
 * the unsharded run. Positions count the items of each file's `expect` list as written, so every
 * shard computes the same slices whether or not a file loads.
 */
import type { LNode } from "../load/located.js";

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** `I/N` as written on the command line; a message when it is not a valid slice. */
export function parseShard(text: string): Shard | { error: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return { error: `--shard must be I/N (e.g. 2/4), got "${text}"` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1) return { error: `--shard ${text}: N must be at least 1` };
  if (!Number.isSafeInteger(index) || index < 1 || index > count) return { error: `--shard ${text}: I must be from 1 to ${count}` };
  return { index, count };
}

/** The positions [from, to) of `shard` among `total` expectations: slice sizes differ by one at most. */
export function sliceOf(total: number, shard: Shard): readonly [number, number] {
  return [Math.floor(((shard.index - 1) * total) / shard.count), Math.floor((shard.index * total) / shard.count)];
}

/**
 * The shard that reports a spec file's input errors: the one holding the file's first position (for a
 * file with no expectations, the position after the files before it), so that every error of a
 * sharded run shows up in exactly one shard.
 */
export function ownerOf(start: number, total: number, count: number): number {
  const p = Math.min(start, Math.max(0, total - 1));
  for (let i = 1; i <= count; i++) {
    const [, to] = sliceOf(total, { index: i, count });
    if (p < to) return i;
  }
  return count;
}

/** How many expectations a spec file writes (the items of its `expect` list), whether or not they are valid. */
export function writtenExpectations(root: LNode | undefined): number {
  if (root?.kind !== "map") return 0;
  const list = root.entries.get("expect")?.value;
  return list?.kind === "seq" ? list.items.length : 0;
}
