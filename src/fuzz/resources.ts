/**
 * Candidate resource ARNs for one action: the sampled ones, then instances of every Resource and
 * NotResource pattern of the policies in play, the values just outside each (a sibling, the parent,
 * other case), bucket vs object forms. Only ARNs of a resource type the action takes (per the
 * service reference's ARN formats) and that `on` covers are kept: a request on an object ARN for
 * s3:ListBucket is not one AWS could send.
 */
import { arnFormatMatcher, suffixedForms } from "../context/arn-formats.js";
import { lookupAction } from "../data/actions.js";
import { instanceOf, SAMPLE } from "../../generators/stringNear.js";
import { withRealRegion } from "../context/regions.js";

/** Deterministic variations of one Resource pattern: instances, near misses, parent and child. */
export function resourcePoints(pattern: string): string[] {
  if (pattern === "*") return [];
  const out = [instanceOf(pattern, SAMPLE), instanceOf(pattern, "a/b"), instanceOf(pattern, "")];
  const exact = instanceOf(pattern, SAMPLE);
  const slash = exact.lastIndexOf("/");
  if (slash > exact.indexOf(":::") + 2 && slash > 0) {
    out.push(exact.slice(0, slash)); // the parent: bucket of an object pattern, the path of a role
    out.push(`${exact.slice(0, slash)}-other/${exact.slice(slash + 1)}`); // a sibling prefix
  }
  out.push(`${exact}/${SAMPLE}`, `${exact}x`, upperName(exact));
  const cut = pattern.search(/[*?]/);
  if (cut > 0) out.push(`${pattern.slice(0, cut)}x`.replace(/\$\{[^}]*\}/g, SAMPLE));
  // A `*` in the region field is a region, not sample text: arn:aws:ec2:*:... -> arn:aws:ec2:us-east-1:...
  return [...new Set(out.map((r) => withRealRegion(withSecretSuffix(r), pattern)))];
}

/**
 * A Secrets Manager secret's ARN is its name followed by a hyphen and six random characters
 * (secretsmanager/latest/userguide/auth-and-access_iam-policies.html: "Secrets Manager ... appends a
 * hyphen and six random characters"): an instance of a pattern without them (the exact ARN
 * `secret:prod/db/master` of a Deny, `master*` with `*` as nothing) names no secret a request could be
 * on, so it gets a suffix. A name that already ends like one keeps it.
 */
function withSecretSuffix(arn: string): string {
  return /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:./.test(arn) && !/-[A-Za-z0-9]{6}$/.test(arn) ? `${arn}-${SECRET_SUFFIX}` : arn;
}

/** Six characters standing for the random ones AWS appends to a secret's name. */
const SECRET_SUFFIX = "Sx7Yz9";

/**
 * The ARN with its last name in upper case (`role/app` -> `role/APP`): Resource matching is case
 * sensitive (IAM/latest/UserGuide/reference_policies_elements_resource.html: "the IAM user name is
 * case sensitive"). Only the name changes: `arn:aws:iam` and the resource type (`role/`) are written
 * one way by AWS, and an ARN with those in upper case is no resource's ARN at all.
 */
function upperName(arn: string): string {
  const cut = Math.max(arn.lastIndexOf("/"), arn.lastIndexOf(":")) + 1;
  return arn.slice(0, cut) + arn.slice(cut).toUpperCase();
}

/**
 * Whether a pattern instance still names something: `role/app/*` with `*` as empty text is
 * `role/app/`, a path with no role name. S3 object keys may end with `/` (a "folder" object), and so
 * do the ARNs of formats that end with the separator themselves (`valid` has checked the name before
 * it): an Amazon Keyspaces keyspace, `arn:${Partition}:cassandra:${Region}:${Account}:/keyspace/${KeyspaceName}/`
 * (service-authorization/latest/reference/list_amazonkeyspacesforapachecassandra.html), an OpsWorks
 * stack, `arn:${Partition}:opsworks:${Region}:${Account}:stack/${StackId}/`.
 */
function named(arn: string, endsFormat: ReadonlySet<string>): boolean {
  return !/[/:]$/.test(arn) || endsFormat.has(arn.at(-1)!) || /^arn:[^:]+:s3:::/.test(arn);
}

/** The separators (`/`, `:`) that some ARN format of the action ends with, as literal text. */
function formatEndings(action: string): ReadonlySet<string> {
  const formats = lookupAction(action)?.resourceTypes.flatMap((t) => t.arnFormats) ?? [];
  return new Set(formats.map((f) => f.at(-1) ?? "").filter((c) => c === "/" || c === ":"));
}

/** The pool of resources to try for `action`, sampled first, each once. */
export function resourcePool(action: string, sampled: readonly string[], patterns: readonly string[], inScope: (arn: string) => boolean): string[] {
  const valid = arnFormatMatcher(action);
  // An action that takes only `*`: the compiler's sample says whether `*` is in scope for this caller.
  if (valid === undefined) return [...sampled];
  const out = new Set(sampled);
  const endings = formatEndings(action);
  const keep = (r: string) => valid(r) && named(r, endings) && inScope(r);
  for (const p of patterns) for (const r of resourcePoints(p)) if (keep(r)) out.add(r);
  // A log group is named with and without a trailing `:*` (both are used:
  // AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html), and that `*` is no part of its
  // name (log group names hold no `:`): a policy that names one form misses the other.
  const suffixed = suffixedForms(action);
  if (suffixed !== undefined) {
    for (const p of patterns) if (p.endsWith(":*")) out.add(withRealRegion(instanceOf(p.slice(0, -2), SAMPLE), p));
    for (const r of [...out]) {
      const s = suffixed(r);
      if (s !== undefined) out.add(s);
    }
    for (const r of [...out]) if (!sampled.includes(r) && !keep(r)) out.delete(r);
  }
  return [...out];
}
