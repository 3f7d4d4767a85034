/**
 * Concrete resource ARNs to check for an `on` clause (contract section 2): each pattern is checked on
 * sampled ARNs, the environment's own matching ARNs first. A pattern nothing in the environment
 * matches is instantiated by filling its wildcards; `*` is instantiated from the action's ARN formats
 * in the service reference. `except` removes samples.
 */
import { arnFormatMatcher, exampleName } from "../context/arn-formats.js";
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
  /** `${Partition}`: the account's (default aws). */
  partition?: string;
  /**
   * Whether the action can be requested on an ARN (a mayNot asks only about requests AWS could send).
   * When given, environment ARNs it rejects are not samples, and a pattern's wildcards are filled so
   * that the sample is one it accepts where the pattern allows (`log-group:/aws/lambda/fn:*` for
   * logs:PutLogEvents becomes a log stream of that group).
   */
  fits?: (arn: string) => boolean;
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
    const matcher = compileArnPattern(pattern);
    const candidates = pattern === "*" ? envArnsForAction(action, envArns) : envArnsMatching(pattern, envArns);
    const fits = options.fits;
    const fromEnv = firstOf(candidates, (a) => (!isExcluded(a) && (fits === undefined || fits(a)) ? a : undefined));
    for (const a of fromEnv) out.add(a);
    if (fromEnv.length > 0) continue;
    // The environment's ARNs the action does not take directly: their children it takes (the
    // objects of the environment's buckets for s3:GetObject on `arn:aws:s3:::*`).
    const children = fits ? firstOf(candidates, (a) => childFor(a, action, options, (x) => fits(x) && matcher(x) && !isExcluded(x))) : [];
    for (const a of children) out.add(a);
    if (children.length > 0) continue;
    const built = pattern === "*" ? fromArnFormats(action, options) : [fits ? fittingFill(pattern, action, options, fits, isExcluded) : fillWildcards(pattern)];
    for (const a of built) if (!isExcluded(a)) out.add(a);
    // An `except` that takes out the sample (`except: .../iam-spec-sample`) has not taken out everything
    // the pattern covers: other text for the wildcards.
    if (pattern !== "*" && built.every(isExcluded)) {
      const other = OTHER_TEXT.map((t) => fillWildcards(pattern, t)).find((a) => !isExcluded(a) && (fits === undefined || fits(a)));
      if (other !== undefined) out.add(other);
    }
  }
  return [...out];
}

/**
 * The first MAX_ENV_MATCHES defined results of `f` over `list`, in order, looking no further: `on: *`
 * for an IAM action has every role of a large organization as candidates.
 */
function firstOf(list: readonly string[], f: (arn: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const a of list) {
    const r = f(a);
    if (r !== undefined && out.push(r) >= MAX_ENV_MATCHES) break;
  }
  return out;
}

/** Other stand-ins for a wildcard, when `except` rules out SAMPLE_TEXT. */
const OTHER_TEXT = ["iam-spec-other", "x", "iam-spec-sample/iam-spec-other"];

/** `*` and `?` replaced by sample text, so the result matches the pattern. */
export function fillWildcards(pattern: string, text = SAMPLE_TEXT): string {
  return pattern.replace(/\*/g, text).replace(/\?/g, "x");
}

/**
 * The pattern with its wildcards filled so that the action takes the result: the plain fill when it
 * fits, else a tail of one of the action's ARN formats put in for one wildcard (`arn:aws:s3:::*` for
 * s3:GetObject: `arn:aws:s3:::iam-spec-sample/iam-spec-sample`). The plain fill when nothing fits:
 * the caller then reports that `on` covers no ARN the action takes.
 */
function fittingFill(pattern: string, action: string, options: SampleOptions, fits: (arn: string) => boolean, isExcluded: (arn: string) => boolean): string {
  const plain = fillWildcards(pattern);
  const ok = (arn: string) => fits(arn) && !isExcluded(arn);
  if (ok(plain)) return plain;
  const stars = [...pattern.matchAll(/\*/g)].map((m) => m.index);
  // A trailing `:*` can be the ARN's own text: a log group's ARN as DescribeLogGroups returns it
  // (`log-group:/aws/lambda/fn:*`, AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html),
  // where sample text would make a log group name with a `:`, which no log group has.
  const last = stars[stars.length - 1];
  if (last !== undefined && pattern.endsWith(":*")) {
    const own = `${fillWildcards(pattern.slice(0, last))}*`;
    if (ok(own)) return own;
  }
  const matches = compileArnPattern(pattern);
  for (const tail of formatTails(action, options, true)) {
    for (const star of [stars[0], stars[stars.length - 1]]) {
      if (star === undefined) continue;
      const arn = fillWildcards(pattern.slice(0, star)) + tail + fillWildcards(pattern.slice(star + 1));
      if (matches(arn) && ok(arn)) return arn;
    }
  }
  return plain;
}

/** `arn` with a tail of one of the action's formats appended (`/iam-spec-sample` to a bucket), if one is `ok`. */
function childFor(arn: string, action: string, options: SampleOptions, ok: (arn: string) => boolean): string | undefined {
  for (const tail of formatTails(action, options, false)) if (/^[:/]/.test(tail) && ok(arn + tail)) return arn + tail;
  return undefined;
}

/**
 * The tails of the action's ARN formats, filled, that start at a `:` or `/` boundary, shortest first
 * (the shortest keeps most of what a pattern says): `iam-spec-sample`, `log-stream:iam-spec-sample`, ...
 * With `after`, a tail starts just after the boundary; without, at it.
 */
function formatTails(action: string, options: SampleOptions, after: boolean): string[] {
  const out: string[] = [];
  for (const format of lookupAction(action)?.resourceTypes.flatMap((t) => t.arnFormats) ?? []) {
    const instance = instantiate(format, options, lookupAction(action)?.service);
    for (let k = instance.length - 1; k > 0; k--) if (/[:/]/.test(instance[after ? k - 1 : k]!)) out.push(instance.slice(k));
  }
  return out.sort((a, b) => a.length - b.length);
}

/** An ARN format with its placeholders filled: the partition, region and account, sample text for names. */
function instantiate(format: string, options: SampleOptions, service = format.split(":")[2] ?? ""): string {
  return format.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    const example = exampleName(service, name);
    if (example !== undefined) return example;
    switch (name.toLowerCase()) {
      case "partition":
        return options.partition ?? "aws";
      case "region":
        return options.region ?? "us-east-1";
      case "account":
      case "accountid":
        return options.account;
      default:
        return SAMPLE_TEXT;
    }
  });
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
    // The ARNs of the action's resource types as src/context/arn-formats.ts reads them (a backup
    // vault is no recovery point, a log group name holds no `:`).
    const takes = lookupAction(action) === undefined ? undefined : arnFormatMatcher(action);
    found = takes === undefined ? [] : envArns.filter(takes);
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
    out.push(instantiate(format, options, lookupAction(action)?.service));
  }
  return out.length > 0 ? out : ["*"];
}
