/**
 * Which actions to try most: those the policies name, then near misses of Deny lists (an action of the
 * same service whose name starts like a denied one: s3:GetObjectVersion next to s3:GetObject), then
 * the rest. A Deny list that forgot an action is found by its neighbours.
 */
import { compileWildcard, type Matcher } from "../match/wildcard.js";

export interface RankedActions {
  named: string[];
  nearMisses: string[];
  rest: string[];
}

/** Broad patterns (`*`, `s3:*`) name nothing in particular. */
const BROAD = /^(\*|[^:]+:\*)$/;

/**
 * The narrow patterns of one list, by the service they name (lower-cased), so that an action is tried
 * only against its own service's patterns: ReadOnlyAccess alone names thousands, and it is in play for
 * most callers of an organization. A pattern whose service part has a wildcard (`s*:Get*`) is tried
 * against every action. Built once per list: the lists are each document's own (mine.ts), read-only.
 */
interface PatternIndex {
  byService: ReadonlyMap<string, readonly Matcher[]>;
  anyService: readonly Matcher[];
}
const indexes = new WeakMap<readonly string[], PatternIndex>();

function indexOf(patterns: readonly string[]): PatternIndex {
  let index = indexes.get(patterns);
  if (index) return index;
  const byService = new Map<string, Matcher[]>();
  const anyService: Matcher[] = [];
  for (const pattern of patterns) {
    if (BROAD.test(pattern)) continue;
    const matcher = compileWildcard(pattern, { ignoreCase: true });
    const colon = pattern.indexOf(":");
    const service = colon >= 0 ? pattern.slice(0, colon).toLowerCase() : "";
    if (colon < 0 || /[*?]/.test(service)) anyService.push(matcher);
    else {
      let list = byService.get(service);
      if (!list) byService.set(service, (list = []));
      list.push(matcher);
    }
  }
  indexes.set(patterns, (index = { byService, anyService }));
  return index;
}

function named(index: PatternIndex, lowerAction: string): boolean {
  const service = lowerAction.slice(0, lowerAction.indexOf(":"));
  const own = index.byService.get(service);
  if (own) for (const m of own) if (m(lowerAction)) return true;
  for (const m of index.anyService) if (m(lowerAction)) return true;
  return false;
}

/** `patternLists`: the action patterns of each document in play (each list indexed once, see indexOf). */
export function rankActions(actions: readonly string[], patternLists: readonly (readonly string[])[], denyPatterns: readonly string[]): RankedActions {
  const denied = denyPatterns.filter((p) => !BROAD.test(p)).map((p) => p.toLowerCase().replace(/[*?].*$/, ""));
  const indexed = patternLists.map(indexOf);
  const named_: string[] = [];
  const nearMisses: string[] = [];
  const rest: string[] = [];
  for (const a of actions) {
    const lower = a.toLowerCase();
    if (indexed.some((index) => named(index, lower))) named_.push(a);
    else if (denied.some((d) => near(lower, d))) nearMisses.push(a);
    else rest.push(a);
  }
  return { named: named_, nearMisses, rest };
}

function near(action: string, denied: string): boolean {
  const [s1, n1 = ""] = action.split(":");
  const [s2, n2 = ""] = denied.split(":");
  if (s1 !== s2) return false;
  if (n1.startsWith(n2) || n2.startsWith(n1)) return true;
  // The same verb and noun start: PutBucketPolicy next to DeleteBucketPolicy shares "bucketpolicy".
  const noun = (n: string) => n.replace(/^(get|put|list|delete|create|update|describe|attach|detach|tag|untag|set|modify)/, "");
  return noun(n1).length >= 6 && noun(n1) === noun(n2);
}
