/**
 * Concrete resource ARNs to check for an `on` clause (contract section 2): each pattern is checked on
 * sampled ARNs, the environment's own matching ARNs first. A pattern nothing in the environment
 * matches is instantiated by filling its wildcards; `*` is instantiated from the action's ARN formats
 * in the service reference. `except` removes samples.
 */
import { lookupAction } from "../data/actions.js";
import { compileArnPattern } from "../match/arn.js";
import { hasWildcard, LITERAL_QUESTION, LITERAL_STAR } from "../match/wildcard.js";
import type { Expectation } from "../model/types.js";

/** Text that stands in for a wildcard; unlikely to collide with a real name. */
export const SAMPLE_TEXT = "iam-spec-sample";
/** How many environment ARNs one pattern contributes at most (keeps `*` on big environments bounded). */
const MAX_ENV_MATCHES = 16;

export interface SampleOptions {
  /** Account to put into `${Account}` when instantiating ARN formats (the caller's, usually). */
  account: string;
  region?: string;
}

/** The concrete ARNs to check `action` on, for the expectation's `on`. Never empty unless `except` removes everything. */
export function sampleResources(
  on: Expectation["on"],
  action: string,
  envArns: readonly string[],
  options: SampleOptions,
): string[] {
  const excluded = on.except.map((w) => compileArnPattern(w.text));
  const isExcluded = (arn: string) => excluded.some((m) => m(arn));
  const out = new Set<string>();
  for (const w of on.match) {
    const pattern = w.text;
    if (!hasWildcard(pattern)) {
      if (!isExcluded(pattern)) out.add(pattern);
      continue;
    }
    const candidates = pattern === "*" ? envArnsForAction(action, envArns) : envArnsMatching(pattern, envArns);
    const fromEnv = candidates.filter((a) => !isExcluded(a)).slice(0, MAX_ENV_MATCHES);
    for (const a of fromEnv) out.add(a);
    if (fromEnv.length > 0) continue;
    const built = pattern === "*" ? fromArnFormats(action, options) : [fillWildcards(pattern)];
    for (const a of built) if (!isExcluded(a)) out.add(a);
  }
  return [...out];
}

/** `*` and `?` replaced by sample text, so the result matches the pattern. */
export function fillWildcards(pattern: string): string {
  return pattern.replace(/\*/g, SAMPLE_TEXT).replace(/\?/g, "x");
}

/**
 * What is known about one environment's ARN list, found once per list: an organization of a thousand
 * accounts has tens of thousands of ARNs, and every expectation samples among them.
 */
interface ArnIndex {
  /** The ARNs in byte order, each with its place in the list. */
  readonly sorted: readonly (readonly [string, number])[];
  readonly byAction: Map<string, readonly string[]>;
}

const indexes = new WeakMap<readonly string[], ArnIndex>();

function indexOf(envArns: readonly string[]): ArnIndex {
  let index = indexes.get(envArns);
  if (!index) {
    const sorted = envArns.map((a, i) => [a, i] as const).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
    indexes.set(envArns, (index = { sorted, byAction: new Map() }));
  }
  return index;
}

/**
 * The environment's ARNs that `pattern` matches, in environment order. ARN patterns match case by
 * case, so a match starts with the pattern's text before its first wildcard: only the ARNs with that
 * prefix (a range of the sorted list) are tested.
 */
function envArnsMatching(pattern: string, envArns: readonly string[]): string[] {
  const matcher = compileArnPattern(pattern);
  const wildcard = pattern.search(/[*?]/);
  const prefix = wildcard < 0 ? pattern : pattern.slice(0, wildcard);
  // A placeholder for a literal `*` or `?` (from `${*}`) stands for other text in the ARN.
  if (prefix.includes(LITERAL_STAR) || prefix.includes(LITERAL_QUESTION)) return envArns.filter((a) => matcher(a));
  const { sorted } = indexOf(envArns);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]![0] < prefix) lo = mid + 1;
    else hi = mid;
  }
  const found: (readonly [string, number])[] = [];
  for (let i = lo; i < sorted.length && sorted[i]![0].startsWith(prefix); i++) if (matcher(sorted[i]![0])) found.push(sorted[i]!);
  return found.sort((x, y) => x[1] - y[1]).map(([a]) => a);
}

/** Environment ARNs of a resource type the action acts on (remembered per action). */
function envArnsForAction(action: string, envArns: readonly string[]): readonly string[] {
  const { byAction } = indexOf(envArns);
  const key = action.toLowerCase();
  let found = byAction.get(key);
  if (!found) {
    const formats = lookupAction(action)?.resourceTypes.flatMap((t) => t.arnFormats) ?? [];
    const matchers = formats.map((f) => compileArnPattern(f.replace(/\$\{[^}]+\}/g, "*")));
    found = matchers.length === 0 ? [] : envArns.filter((a) => matchers.some((m) => m(a)));
    byAction.set(key, found);
  }
  return found;
}

/**
 * One ARN per resource type of the action, placeholders filled. Actions that take no resource type
 * (s3:ListAllMyBuckets, sts:GetCallerIdentity) are requested on `*`.
 */
function fromArnFormats(action: string, options: SampleOptions): string[] {
  const types = lookupAction(action)?.resourceTypes ?? [];
  if (types.length === 0) return ["*"];
  const out: string[] = [];
  for (const t of types) {
    const format = t.arnFormats[0];
    if (format === undefined) continue;
    out.push(
      format.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
        switch (name.toLowerCase()) {
          case "partition":
            return "aws";
          case "region":
            return options.region ?? "us-east-1";
          case "account":
          case "accountid":
            return options.account;
          default:
            return SAMPLE_TEXT;
        }
      }),
    );
  }
  return out.length > 0 ? out : ["*"];
}
