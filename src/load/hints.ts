/** "did you mean ...?" hints shared by the loader's error messages. */
import { best, editDistance, suggestionLimit } from "../data/edit-distance.js";

/** The closest candidates to `name` (case-insensitive), or [] when none is plausibly what was meant. */
export function closest(name: string, candidates: Iterable<string>, n = 3): string[] {
  const lower = name.toLowerCase();
  const limit = suggestionLimit(name);
  const scored = [];
  for (const c of candidates) {
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase());
    if (d <= limit) scored.push({ value: c, distance: d });
  }
  return best(scored, n);
}

/** "did you mean a, b or c?" or undefined. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const found = closest(name, candidates);
  return found.length > 0 ? `did you mean ${orList(found.map((f) => JSON.stringify(f)))}?` : undefined;
}

export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
