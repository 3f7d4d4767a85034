/**
 * Edit distance for "did you mean" suggestions: Levenshtein plus adjacent transpositions (optimal string
 * alignment), because swapped letters (`Gte`, `PutItme`) are among the commonest typos and plain
 * Levenshtein would rank them no closer than two unrelated letters.
 */
/**
 * With `max`, gives up once the distance must exceed it and returns `max + 1`: suggestion searches compare
 * against ~22k names and only care about the close ones. (Stopping when a whole row exceeds `max` is
 * safe with transpositions too: a row's minimum is at most one more than the minimum two rows up.)
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  return distance(a, b, max, true);
}

/**
 * Plain Levenshtein (no transpositions), for the policy-element and operator-name hints: their distance
 * limits count a swapped pair as two edits, and counting it as one would let more names through.
 */
function levenshtein(a: string, b: string): number {
  return distance(a, b, Infinity, false);
}

function distance(a: string, b: string, max: number, transpositions: boolean): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const width = b.length + 1;
  // Three rolling rows: the transposition step looks two rows back.
  let before = new Array<number>(width).fill(0);
  let prev = Array.from({ length: width }, (_, j) => j);
  let cur = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (transpositions && i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[b.length] ?? 0;
}

/**
 * A suggestion is only useful if it is plausibly what was meant: allow about a third of the name to
 * differ, but at least 2 edits so short names still get typo suggestions.
 */
export function suggestionLimit(name: string): number {
  return Math.max(2, Math.ceil(name.length / 3));
}

/**
 * The one candidate to suggest for `text`: one spelt the same but for case, else the first of the closest
 * within `maxDistance` (case-insensitive Levenshtein), else undefined.
 */
export function nearest(text: string, known: readonly string[], maxDistance: number): string | undefined {
  const lower = text.toLowerCase();
  const sameLetters = known.find((k) => k.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  let found: string | undefined;
  let foundDistance = maxDistance + 1;
  for (const k of known) {
    const d = levenshtein(lower, k.toLowerCase());
    if (d < foundDistance) {
      found = k;
      foundDistance = d;
    }
  }
  return found;
}

export interface Scored {
  value: string;
  distance: number;
}

/** Best `n` by distance, ties by name, so suggestions are deterministic. */
export function best(candidates: readonly Scored[], n: number): string[] {
  return [...candidates]
    .sort((x, y) => x.distance - y.distance || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0))
    .slice(0, Math.max(0, n))
    .map((c) => c.value);
}
