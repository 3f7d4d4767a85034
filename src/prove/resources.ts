/**
 * The resources of a question, split into classes that share one policy set: each ARN the
 * environment names (its own resource policy, tags and owner), the objects of each named S3 bucket
 * (the bucket policy governs them: AmazonS3/latest/userguide/bucket-policies.html), and, per account,
 * every other ARN of the action's resource types. Within a class the resource is a solver string
 * built from the ARN format's parts, each placeholder a free string of what AWS accepts there.
 */
import { arnFormatRegex, isSegmentPlaceholder } from "../context/arn-formats.js";
import { lookupAction } from "../data/actions.js";
import { arnPatternRx } from "../match/arn.js";
import { rx, type Rx } from "../match/regex.js";
import type { Expectation } from "../model/types.js";
import type { Caller } from "../compile/caller.js";
import type { RequestSpace } from "../compile/sources.js";
import type { World } from "../compile/request.js";
import type { F, Logic } from "./formula.js";
import { PRINTABLE, REGION_RX } from "./keys.js";
import type { ZString } from "./solver.js";

export interface ResourceClass {
  /** An ARN of the class: it selects the policy set and the resource-derived keys. */
  readonly representative: string;
  /** The class is this one ARN. */
  readonly concrete?: string;
  /** Whether the ARN format has a region part. */
  readonly regional?: boolean;
  /** Builds the solver string and its constraints; `region` fixes the ARN's region part. */
  symbolic?(L: Logic, id: string, region?: string): { arn: ZString; constraints: F[] };
  readonly describe: string;
}

const digit = rx.alt(...[..."0123456789"].map((c) => rx.lit(c)));
const ACCOUNT_RX: Rx = rx.cat(...Array.from({ length: 12 }, () => digit));
/** A name: printable text (see PRINTABLE in keys.ts), not empty, not ending a path with `/`. */
const NON_EMPTY: Rx = rx.cat(PRINTABLE, rx.star(PRINTABLE));
const NAME: Rx = rx.diff(NON_EMPTY, rx.cat(rx.all, rx.lit("/")));
const PARTITION_RX: Rx = rx.alt(rx.lit("aws"), rx.lit("aws-cn"), rx.lit("aws-us-gov"));

const SEGMENT_RX: Rx = rx.cat(rx.diff(PRINTABLE, rx.alt(rx.lit("/"), rx.lit(":"))), rx.star(rx.diff(PRINTABLE, rx.alt(rx.lit("/"), rx.lit(":")))));

/**
 * What a placeholder of the service reference's ARN formats may hold: the ARN fields as AWS fills
 * them, the names AWS documents as one segment as src/context/arn-formats.ts lists them, and any
 * other name otherwise (permissive where unsure).
 */
function placeholderRx(service: string, name: string): Rx {
  if (name === "Partition") return PARTITION_RX;
  if (name === "Region") return REGION_RX;
  if (name === "Account") return ACCOUNT_RX;
  if (isSegmentPlaceholder(service, name)) return SEGMENT_RX;
  // S3 object keys may end with `/` (a "folder" object); other names do not.
  if (name === "ObjectName") return NON_EMPTY;
  return NAME;
}

type Part = { text: string } | { placeholder: string };

function formatParts(format: string): Part[] {
  return format
    .split(/(\$\{[^}]*\})/)
    .filter((p) => p !== "")
    .map((p) => {
      const m = /^\$\{([^}]*)\}$/.exec(p);
      return m ? { placeholder: m[1]! } : { text: p };
    });
}


function instantiate(format: string, account: string): string {
  return formatParts(format)
    .map((p) =>
      "text" in p
        ? p.text
        : p.placeholder === "Partition"
          ? "aws"
          : p.placeholder === "Region"
            ? "us-east-1"
            : p.placeholder === "Account"
              ? account
              : "iam-spec-unnamed",
    )
    .join("");
}

const S3_BUCKET = /^arn:[^:]+:s3:::[^/]+$/;

/** A 12-digit account that no account of the environment has: it stands for every other account. */
function outsideAccount(known: readonly string[]): string {
  for (let n = 999_999_999_990; ; n--) if (!known.includes(String(n))) return String(n);
}

export function resourceClasses(world: World, exp: Expectation, space: RequestSpace, caller: Caller, action: string): ResourceClass[] {
  const sampled = space.resourcesFor(action, caller);
  const out: ResourceClass[] = [];
  if (sampled.includes("*")) out.push({ representative: "*", concrete: "*", describe: "*" });
  const formats = lookupAction(action)?.resourceTypes.flatMap((t) => t.arnFormats) ?? [];
  if (formats.length === 0) return out;
  const onRx = rx.alt(...exp.on.match.map((w) => arnPatternRx(w.text)));
  const exceptRx = rx.alt(...exp.on.except.map((w) => arnPatternRx(w.text)));
  const onEverything = exp.on.match.some((w) => w.text === "*");
  const named = world.envArns.filter((a) => a !== "*");
  const buckets = named.filter((a) => S3_BUCKET.test(a));
  const accounts = [...world.env.accounts.keys()];
  if (caller.accountId !== undefined && !accounts.includes(caller.accountId)) accounts.push(caller.accountId);

  for (const format of formats) {
    const re = arnFormatRegex(format);
    const parts = formatParts(format);
    // Every named ARN of this format that `on` covers for this caller: a class of one.
    for (const arn of named) if (re.test(arn) && space.inScope(arn, caller)) out.push({ representative: arn, concrete: arn, describe: arn });
    const objectFormat = /:s3:::\$\{BucketName\}\//.test(format);
    // Named ARNs (and, for objects, what is under a named bucket) are classes of their own.
    const elsewhere = rx.alt(
      exceptRx,
      ...named.map((n) => rx.lit(n)),
      ...(objectFormat ? buckets.map((b) => rx.cat(rx.lit(`${b}/`), rx.all)) : []),
    );
    /**
     * One regular language for the whole class (format, `on`, and what belongs to other classes):
     * one membership is much easier for the solver than several. Where aws:RequestedRegion matters,
     * the region part is fixed to one region of a group (see regionGroups in prove.ts).
     */
    const build =
      (fixed: Partial<Record<string, Rx>>) =>
      (L: Logic, id: string, region?: string) => {
        const service = format.split(":")[2] ?? "";
        const partRx = (p: Part): Rx =>
          "text" in p ? rx.lit(p.text) : p.placeholder === "Region" && region !== undefined ? rx.lit(region) : (fixed[p.placeholder] ?? placeholderRx(service, p.placeholder));
        const language = parts.length === 0 ? rx.lit("") : rx.cat(...parts.map(partRx));
        const arn = L.z.String.const(`${id}_arn`);
        return { arn, constraints: [L.inRe(arn, rx.diff(rx.inter(language, onRx), elsewhere))] as F[] };
      };
    if (objectFormat) {
      for (const b of buckets) {
        const representative = `${b}/iam-spec-object`;
        if (!re.test(representative)) continue;
        out.push({
          representative,
          describe: `objects of ${b}`,
          symbolic: (L, id) => {
            const z = L.z;
            const arn = z.String.const(`${id}_obj`);
            return {
              arn,
              constraints: [
                L.inRe(
                  arn,
                  rx.diff(rx.inter(rx.cat(rx.lit(`${b}/`), NON_EMPTY), onRx), rx.alt(exceptRx, ...named.filter((n) => n.startsWith(`${b}/`)).map((n) => rx.lit(n)))),
                ),
              ],
            };
          },
        });
      }
    }
    if (!parts.some((p) => "placeholder" in p && p.placeholder === "Account")) {
      // No account in the ARN (S3): one class; the owner is what the environment says of unlisted ARNs.
      out.push({ representative: instantiate(format, ""), describe: `other ${format}`, symbolic: build({}) });
      continue;
    }
    for (const account of accounts) {
      const inEnv = world.env.accounts.has(account);
      // `on: *` means the environment's resources (contract section 2).
      if (onEverything && !inEnv) continue;
      out.push({
        representative: instantiate(format, account),
        describe: `other ${format} in ${account}`,
        regional: format.includes("${Region}"),
        symbolic: build({ Account: rx.lit(account) }),
      });
    }
    if (!onEverything) {
      const known = rx.alt(...accounts.map((a) => rx.lit(a)));
      out.push({
        representative: instantiate(format, outsideAccount(accounts)),
        describe: `${format} in an account outside the environment`,
        regional: format.includes("${Region}"),
        symbolic: build({ Account: rx.diff(ACCOUNT_RX, known) }),
      });
    }
  }
  return out;
}
