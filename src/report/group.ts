import type { ExpectationResult } from "./types.js";

/** Results per spec file, files in the order they were first reported. */
export function groupByFile(results: readonly ExpectationResult[]): Map<string, ExpectationResult[]> {
  const map = new Map<string, ExpectationResult[]>();
  for (const r of results) {
    const list = map.get(r.file);
    if (list) list.push(r);
    else map.set(r.file, [r]);
  }
  return map;
}
