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
 * Narrow action patterns compiled, by pattern (null: broad). The same managed policies are in play for
 * most callers of a run (ReadOnlyAccess alone names thousands of patterns), so each is compiled once
 * rather than once per caller; bounded so that a long run stays flat.
 */
const narrowMatchers = new Map<string, Matcher | null>();
const MAX_PATTERNS = 16384;

function narrowMatcher(pattern: string): Matcher | null {
  let m = narrowMatchers.get(pattern);
  if (m === undefined) {
    if (narrowMatchers.size >= MAX_PATTERNS) narrowMatchers.clear();
    narrowMatchers.set(pattern, (m = BROAD.test(pattern) ? null : compileWildcard(pattern, { ignoreCase: true })));
  }
  return m;
}

export function rankActions(actions: readonly string[], patterns: readonly string[], denyPatterns: readonly string[]): RankedActions {
  const denied = denyPatterns.filter((p) => !BROAD.test(p)).map((p) => p.toLowerCase().replace(/[*?].*$/, ""));
  const named: string[] = [];
  const nearMisses: string[] = [];
  const rest: string[] = [];
  for (const a of actions) {
    const lower = a.toLowerCase();
    if (patterns.some((p) => narrowMatcher(p)?.(lower) === true)) named.push(a);
    else if (denied.some((d) => near(lower, d))) nearMisses.push(a);
    else rest.push(a);
  }
  return { named, nearMisses, rest };
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
