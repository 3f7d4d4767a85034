/**
 * Concrete resource ARNs to check for an `on` clause (contract section 2): each pattern is checked on
 * sampled ARNs, the environment's own matching ARNs first. A pattern nothing in the environment
 * matches is instantiated by filling its wildcards; `*` is instantiated from the action's ARN formats
 * in the service reference. `except` removes samples.
 */
import { lookupAction } from "../data/actions.js";
import { compileArnPattern } from "../match/arn.js";
import { hasWildcard } from "../match/wildcard.js";
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
    const candidates = pattern === "*" ? envArnsForAction(action, envArns) : envArns.filter((a) => matcher(a));
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

/** Environment ARNs of a resource type the action acts on. */
function envArnsForAction(action: string, envArns: readonly string[]): string[] {
  const formats = lookupAction(action)?.resourceTypes.flatMap((t) => t.arnFormats) ?? [];
  if (formats.length === 0) return [];
  const matchers = formats.map((f) => compileArnPattern(f.replace(/\$\{[^}]+\}/g, "*")));
  return envArns.filter((a) => matchers.some((m) => m(a)));
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
            return options.partition ?? "aws";
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
