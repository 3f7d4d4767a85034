/**
 * The resources of a question, split into classes that share one policy set: each ARN the
 * environment names (its own resource policy, tags and owner), the objects of each named S3 bucket
 * (the bucket policy governs them: AmazonS3/latest/userguide/bucket-policies.html), and, per account,
 * every other ARN of the action's resource types. Within a class the resource is a solver string
 * built from the ARN format's parts, each placeholder a free string of what AWS accepts there.
 */
import { arnFormatRegex, BACKUP_VENDORS, effectiveFormats, exampleName, nameRule, optionalSuffix } from "../context/arn-formats.js";
import { environmentMentions } from "./environment-text.js";
import { isTrustPolicyAction, resourceSide } from "../compile/resource-side.js";
import { resourceContextKeys } from "../model/context-keys.js";
import { lookupAction } from "../data/actions.js";
import { arnPatternRx, compileArnPattern } from "../match/arn.js";
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

const digit = rx.range("0", "9");
const ACCOUNT_RX: Rx = rx.cat(...Array.from({ length: 12 }, () => digit));
/** A name: printable text (see PRINTABLE in keys.ts), not empty, not ending a path with `/`. */
const NON_EMPTY: Rx = rx.cat(PRINTABLE, rx.star(PRINTABLE));
const NAME: Rx = rx.diff(NON_EMPTY, rx.cat(rx.all, rx.lit("/")));
const PARTITION_RX: Rx = rx.alt(rx.lit("aws"), rx.lit("aws-cn"), rx.lit("aws-us-gov"));

/** One or more printable characters, none of `chars`. */
const without = (chars: string): Rx => {
  const one = rx.diff(PRINTABLE, rx.alt(...[...chars].map((c) => rx.lit(c))));
  return rx.cat(one, rx.star(one));
};
const SEGMENT_RX: Rx = without("/:");
/** A log group name: `[\.\-_/#A-Za-z0-9]+` (AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html). */
const LOG_GROUP_CHAR: Rx = rx.alt(rx.range("a", "z"), rx.range("A", "Z"), rx.range("0", "9"), ...[..."._-/#"].map((c) => rx.lit(c)));
const LOG_GROUP_NAME_RX: Rx = rx.cat(LOG_GROUP_CHAR, rx.star(LOG_GROUP_CHAR));
/** A log stream name: no `:` and no `*` (API_CreateLogStream.html). */
const LOG_STREAM_NAME_RX: Rx = without(":*");

/**
 * What a placeholder of the service reference's ARN formats may hold (memoized: the same few hundred
 * placeholders are asked for every class of every proof): the ARN fields as AWS fills
 * them, the names AWS documents as one segment as src/context/arn-formats.ts lists them, and any
 * other name otherwise (permissive where unsure).
 */
const placeholderMemo = new Map<string, Rx>();
function placeholderRx(service: string, name: string): Rx {
  const key = `${service}:${name}`;
  let known = placeholderMemo.get(key);
  if (!known) placeholderMemo.set(key, (known = placeholderRxOf(service, name)));
  return known;
}

/**
 * A secret's ARN: its name, a hyphen and six random characters
 * (secretsmanager/latest/userguide/auth-and-access_iam-policies.html); the sampler's ARNs end the same
 * way (src/fuzz/resources.ts).
 */
const alnum = rx.alt(rx.range("a", "z"), rx.range("A", "Z"), digit);
const SECRET_ID_RX: Rx = rx.cat(NAME, rx.lit("-"), ...Array.from({ length: 6 }, () => alnum));

function placeholderRxOf(service: string, name: string): Rx {
  if (service === "secretsmanager" && name === "SecretId") return SECRET_ID_RX;
  if (name === "Partition") return PARTITION_RX;
  if (name === "Region") return REGION_RX;
  if (name === "Account") return ACCOUNT_RX;
  switch (nameRule(service, name)) {
    case "segment":
      return SEGMENT_RX;
    case "logGroupName":
      return LOG_GROUP_NAME_RX;
    case "logStreamName":
      return LOG_STREAM_NAME_RX;
    case "backupVendor":
      return rx.alt(...BACKUP_VENDORS.map((v) => rx.lit(v)));
    case "any":
      break;
  }
  // S3 object keys may end with `/` (a "folder" object); other names do not.
  if (name === "ObjectName") return NON_EMPTY;
  return NAME;
}

type Part = { text: string } | { placeholder: string };

/**
 * The ARNs of one format as a language: each placeholder what AWS accepts there (`fixed` narrows some,
 * `region` fixes the region), and the literal ending some ARNs of the format also carry (a log
 * group's `:*`). A format whose service field is a placeholder takes its names' rules from `declaredBy`.
 */
function formatRx(format: string, declaredBy: string, fixed: Partial<Record<string, Rx>>, region?: string): Rx {
  const field = format.split(":")[2] ?? "";
  const service = field.startsWith("${") ? declaredBy : field;
  const partRx = (p: Part): Rx =>
    "text" in p ? rx.lit(p.text) : p.placeholder === "Region" && region !== undefined ? rx.lit(region) : (fixed[p.placeholder] ?? placeholderRx(service, p.placeholder));
  const parts = formatParts(format);
  const plain = parts.length === 0 ? rx.lit("") : rx.cat(...parts.map(partRx));
  const suffix = optionalSuffix(format);
  return suffix === undefined ? plain : rx.alt(plain, rx.cat(plain, rx.lit(suffix)));
}

function formatParts(format: string): Part[] {
  return format
    .split(/(\$\{[^}]*\})/)
    .filter((p) => p !== "")
    .map((p) => {
      const m = /^\$\{([^}]*)\}$/.exec(p);
      return m ? { placeholder: m[1]! } : { text: p };
    });
}


function instantiate(format: string, account: string, declaredBy: string): string {
  const field = format.split(":")[2] ?? "";
  const service = field.startsWith("${") ? declaredBy : field;
  return formatParts(format)
    .map((p) =>
      "text" in p
        ? p.text
        : exampleName(service, p.placeholder) !== undefined
          ? exampleName(service, p.placeholder)!
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
const S3_ACCESS_POINT = /^arn:[^:]+:s3:[^:]*:\d{12}:accesspoint\/[^/]+$/;
/** An API Gateway API: its resource policy governs every STAGE/METHOD/PATH under it (src/model/resources.ts). */
const EXECUTE_API = /^arn:[^:]+:execute-api:[^:]+:\d{12}:[^/*?]+$/;
/** An OpenSearch domain: its access policy governs every path under it (src/model/resources.ts). */
const ES_DOMAIN = /^arn:[^:]+:es:[^:]+:\d{12}:domain\/[^/*?]+$/;

/** The accounts of the worlds, in order (once per world: a proof of a thousand-account organization asks for each action). */
const accountsMemo = new WeakMap<World, readonly string[]>();
function accountsOf(worlds: readonly World[]): readonly string[] {
  const single = worlds.length === 1 ? worlds[0]! : undefined;
  const known = single && accountsMemo.get(single);
  if (known) return known;
  const accounts = [...new Set(worlds.flatMap((w) => [...w.env.accounts.keys()]))];
  if (single) accountsMemo.set(single, accounts);
  return accounts;
}

/**
 * The union of a list of accounts, made once per list (the groups of accountGroups and the worlds'
 * account lists are kept): every proof of a run then shares one union, which the prover's caches
 * (formula.ts) recognise by identity instead of spelling out a thousand accounts for each proof.
 */
const accountsRxMemo = new WeakMap<readonly string[], Rx>();
function accountsRx(accounts: readonly string[]): Rx {
  let union = accountsRxMemo.get(accounts);
  if (!union) accountsRxMemo.set(accounts, (union = rx.alt(...accounts.map((a) => rx.lit(a)))));
  return union;
}

/** A 12-digit account that no account of the environment has: it stands for every other account. */
function outsideAccount(known: readonly string[]): string {
  for (let n = 999_999_999_990; ; n--) if (!known.includes(String(n))) return String(n);
}

/**
 * `also`: other worlds whose decisions the classes must keep apart too (the other side of a diff): their
 * named ARNs, accounts and organizations split the classes as the question's own world's do.
 */
export function resourceClasses(world: World, exp: Expectation, space: RequestSpace, caller: Caller, action: string, also: readonly World[] = []): ResourceClass[] {
  const worlds = [world, ...also];
  // The expectation's session policies are read beside the environment's documents.
  const sessionText = exp.session.policies.length > 0 ? JSON.stringify(exp.session.policies).toLowerCase() : "";
  const readsKey = (key: string) => sessionText.includes(key) || worlds.some((w) => environmentMentions(w.env, key));
  const sampled = space.resourcesFor(action, caller);
  const out: ResourceClass[] = [];
  if (sampled.includes("*")) out.push({ representative: "*", concrete: "*", describe: "*" });
  const declaredBy = lookupAction(action)?.service ?? "";
  const formats = (lookupAction(action)?.resourceTypes.flatMap((t) => t.arnFormats) ?? []).flatMap((f) => effectiveFormats(f, declaredBy));
  if (formats.length === 0) return out;
  const onRx = rx.alt(...exp.on.match.map((w) => arnPatternRx(w.text)));
  const exceptRx = rx.alt(...exp.on.except.map((w) => arnPatternRx(w.text)));
  const onEverything = exp.on.match.some((w) => w.text === "*");
  // The literal beginnings of `on`'s patterns (before a wildcard): see containersOf.
  const onLiterals = exp.on.match.map((w) => w.text.split(/[*?]/)[0]!);
  const { containersOf, ofFormat, namedOfFormats, objectsUnder } = namedArns(worlds)(action, readsKey("resourcetag"));
  // The worlds' accounts (one list per world, so that their union is made once: accountsRx), and an
  // outside caller's own last.
  const worldAccounts = accountsOf(worlds);
  const accounts = caller.accountId !== undefined && !worldAccounts.includes(caller.accountId) ? [...worldAccounts, caller.accountId] : worldAccounts;
  const seen = new Set<string>();
  const once = (key: string) => !seen.has(key) && seen.add(key) !== undefined;
  // The other ARNs of each account, of every format whose requests the evaluator treats alike
  // (kms keys and roles are decided differently), are one class: one question instead of one per
  // resource type (ec2:CreateTags takes about a hundred).
  const others = new Map<string, { representative: string; describe: string; regional: boolean; languages: ((region?: string) => Rx)[]; formats: string[] }>();
  // What other classes hold: `except`, the named ARNs, and the objects of named buckets.
  const everywhereElse = (formats: readonly string[]) => rx.alt(exceptRx, namedOfFormats(formats));

  for (const format of formats) {
    const re = arnFormatRegex(format, declaredBy);
    const parts = formatParts(format);
    // Every named ARN of this format that `on` covers for this caller: a class of one.
    for (const arn of ofFormat(format)) if (space.inScope(arn, caller) && once(arn)) out.push({ representative: arn, concrete: arn, describe: arn });
    const language =
      (fixed: Partial<Record<string, Rx>>) =>
      (region?: string): Rx =>
        formatRx(format, declaredBy, fixed, region);
    // Objects that `on` cannot reach (its literal beginning names another bucket or access point) are left out.
    for (const c of containersOf(format, onEverything ? undefined : onLiterals)) {
      const representative = `${c.prefix}${c.sample ?? "iam-spec-object"}`;
      if (!re.test(representative) || !once(`objects of ${c.arn}`)) continue;
      out.push({
        representative,
        describe: `objects of ${c.arn}`,
        symbolic: (L, id) => {
          const arn = L.z.String.const(`${id}_obj`);
          const mine = rx.diff(rx.inter(rx.cat(rx.lit(c.prefix), NON_EMPTY), onRx), rx.alt(exceptRx, ...objectsUnder(c.prefix).map((n) => rx.lit(n))));
          return { arn, constraints: [L.inRe(arn, mine)] };
        },
      });
    }
    const regional = format.includes("${Region}");
    const add = (account: string, fixed: Partial<Record<string, Rx>>, describe: string, accountsOf?: (a: string) => boolean) => {
      if (!onEverything && !exp.on.match.some((w) => patternMayCover(w.text, format, accountsOf))) return;
      const representative = instantiate(format, account, declaredBy);
      // Against a narrower `on`, each format alone: the intersection of one format with `on` is a
      // small language; of a hundred formats' union with a pattern whose `*` spans colons, not.
      const key = `${describe}|${shape(representative)}|${regional}${onEverything ? "" : `|${format}`}`;
      const group = others.get(key) ?? { representative, describe, regional, languages: [], formats: [] };
      group.languages.push(language(fixed));
      if (!group.formats.includes(format)) group.formats.push(format);
      others.set(key, group);
    };
    if (!parts.some((p) => "placeholder" in p && p.placeholder === "Account")) {
      // No account in the ARN (S3): the owner is what the environment says of unlisted ARNs.
      add("", {}, "other resources without an account");
      continue;
    }
    // Accounts the decision cannot tell apart share a class (a thousand accounts in a few OUs are a
    // few questions, not a thousand): see accountGroups.
    for (const group of accountGroups(worlds, caller, accounts, onEverything, readsKey)) {
      const describe = group.length === 1 ? `other resources in ${group[0]}` : `other resources in ${group.length} accounts like ${group[0]}`;
      add(group[0]!, { Account: accountsRx(group) }, describe, (a) => group.includes(a));
    }
    if (!onEverything) {
      const known = accountsRx(accounts);
      add(outsideAccount(accounts), { Account: rx.diff(ACCOUNT_RX, known) }, "resources in accounts outside the environment", (a) => /^\d{12}$/.test(a) && !accounts.includes(a));
    }
  }
  // Formats whose plain instance `on` covers first: their witnesses read as AWS writes ARNs.
  const covers = (arn: string) => exp.on.match.some((w) => compileArnPattern(w.text)(arn));
  const groups = [...others.values()].sort((a, b) => Number(covers(b.representative)) - Number(covers(a.representative)));
  for (const g of groups) {
    const byRegion = new Map<string | undefined, Rx>();
    let rest: Rx | undefined;
    out.push({
      representative: g.representative,
      describe: g.describe,
      regional: g.regional,
      symbolic: (L, id, region) => {
        const arn = L.z.String.const(`${id}_arn`);
        let language = byRegion.get(region);
        if (!language) byRegion.set(region, (language = rx.diff(rx.inter(rx.alt(...g.languages.map((l) => l(region))), onRx), (rest ??= everywhereElse(g.formats)))));
        return { arn, constraints: [L.inRe(arn, language)] };
      },
    });
  }
  return out;
}

/**
 * The accounts, grouped so that an unlisted resource of any account of a group is decided alike: the
 * same answer to "is it the caller's account", the same RCPs, the same organization keys
 * (aws:ResourceOrgID, aws:ResourceOrgPaths). Where some policy of the environment reads
 * aws:ResourceAccount, or names an account in a condition, every account is its own group.
 */
function accountGroups(worlds: readonly World[], caller: Caller, known: readonly string[], onEverything: boolean, readsKey: (lowerCaseKey: string) => boolean): string[][] {
  // With `on: *`, the accounts of the environment (`*` acts on them: compile/check.ts, resourceScope).
  const accounts = onEverything ? known.filter((a) => worlds.some((w) => w.env.accounts.has(a))) : known;
  if (worlds.some(accountsMatter)) return accounts.map((a) => [a]);
  // Organization keys no policy reads cannot tell accounts apart (a thousand accounts in fifty OUs
  // differ in aws:ResourceOrgPaths, which matters only where a policy reads it).
  const unread = ["aws:ResourceOrgID", "aws:ResourceOrgPaths"].filter((k) => !readsKey(k.toLowerCase()));
  // The grouping serves every proof of the run (one world only; `accounts` is then that world's,
  // with an outside caller's own last): the caller's account is split off its group after.
  const memoKey = worlds.length === 1 ? `${onEverything}|${unread.join(",")}|${accounts.length}|${accounts.at(-1)}` : undefined;
  const memo = memoKey !== undefined ? sideKeys(worlds[0]!).groups : undefined;
  let base = memoKey !== undefined ? memo?.get(memoKey) : undefined;
  if (!base) {
    const groups = new Map<string, string[]>();
    const sideKey = (world: World, a: string): string => {
      const { sides, policyId } = sideKeys(world);
      const key = `${unread.join(",")}|${a}`;
      let side = sides.get(key);
      if (side === undefined) {
        const placement = world.env.organization?.placements.get(a);
        const rcps = placement ? placement.rcpLevels.map((level) => level.map((p) => policyId(p)).join(",")).join("|") : "none";
        const keys = resourceContextKeys(world.env, `arn:aws:iam::${a}:role/iam-spec-unnamed`);
        delete keys["aws:ResourceAccount"];
        for (const k of unread) delete keys[k];
        sides.set(key, (side = `${a === world.env.organization?.managementAccount}|${rcps}|${JSON.stringify(keys)}`));
      }
      return side;
    };
    for (const a of accounts) {
      const key = worlds.map((w) => sideKey(w, a)).join("||");
      const g = groups.get(key) ?? [];
      g.push(a);
      groups.set(key, g);
    }
    base = [...groups.values()];
    if (memoKey !== undefined) memo?.set(memoKey, base);
  }
  // Whether the resource is in the caller's own account decides cross-account rules.
  const own = caller.accountId;
  const out: string[][] = [];
  for (const g of base) {
    if (own === undefined || !g.includes(own)) {
      out.push(g);
      continue;
    }
    out.push([own]);
    if (g.length > 1) out.push(g.filter((a) => a !== own));
  }
  return out;
}

/** What the decision reads of an unlisted resource of each account (sideKey in accountGroups), by world. */
interface AccountSides {
  sides: Map<string, string>;
  groups: Map<string, string[][]>;
  policyId(p: object): number;
}
const sideKeyMemo = new WeakMap<World, AccountSides>();
function sideKeys(world: World): AccountSides {
  let memo = sideKeyMemo.get(world);
  if (!memo) {
    // Policies (compiled, shared between accounts that attach the same document) told apart by identity.
    const ids = new Map<object, number>();
    const policyId = (p: object): number => {
      let id = ids.get(p);
      if (id === undefined) ids.set(p, (id = ids.size));
      return id;
    };
    sideKeyMemo.set(world, (memo = { sides: new Map(), groups: new Map(), policyId }));
  }
  return memo;
}

interface Container {
  arn: string;
  /** What its objects' ARNs begin with. */
  prefix: string;
  /** Which ARN formats spell its objects. */
  format: RegExp;
  sample?: string;
}

interface NamedArns {
  /** Every ARN the worlds name. */
  named: readonly string[];
  /** Named buckets and access points, whose objects are classes of their own. */
  containers: readonly Container[];
  /**
   * The containers whose objects an ARN format spells, in the order of `containers`; with `literals`
   * (the literal beginnings of `on`'s patterns), only those whose object prefix agrees with one of them
   * (some text can begin with both: one begins with the other). A thousand buckets are then not
   * tested one by one for each question.
   */
  containersOf(format: string, literals?: readonly string[]): readonly Container[];
  /** The named ARNs an ARN format can spell that are classes of their own (see `alike`). */
  ofFormat(format: string): readonly string[];
  /**
   * What other classes of these formats must leave to those classes: the named ARNs they can spell,
   * and the objects of named buckets. Only what a class's formats can spell matters to it: a thousand
   * named roles are nothing to an S3 class, and a union of a thousand literals is a large term for
   * the solver.
   */
  namedOfFormats(formats: readonly string[]): Rx;
  /** The named ARNs under a bucket's or access point's object prefix. */
  objectsUnder(prefix: string): readonly string[];
}

/**
 * The environment's named ARNs sorted by what can spell them, once per world and kind of action (every
 * proof of a large organization asks again for each action, and testing ten thousand ARNs against
 * each format was a visible share of a proof). A diff's pair of worlds is not memoized.
 */
const namedMemo = new WeakMap<World, Map<string, NamedArns>>();
function namedArns(worlds: readonly World[]): (action: string, tagsRead: boolean) => NamedArns {
  const single = worlds.length === 1 ? worlds[0]! : undefined;
  let named: string[] | undefined;
  return (action, tagsRead) => {
    const trust = isTrustPolicyAction(action);
    const key = `${trust}|${tagsRead}`;
    const memo = single && namedMemo.get(single);
    const known = memo?.get(key);
    if (known) return known;
    named ??= [...new Set(worlds.flatMap((w) => w.envArns))].filter((a) => a !== "*");
    const out = sortNamed(named, single && ((arn) => alike(single, arn, action, tagsRead)));
    if (single) {
      if (memo) memo.set(key, out);
      else namedMemo.set(single, new Map([[key, out]]));
    }
    return out;
  };
}

/**
 * Whether the request on a named ARN is decided exactly as on an unnamed ARN of the same account, so
 * that it needs no class of its own: no resource policy governs it for this kind of action (a role's
 * trust policy governs only sts:AssumeRole and its kin), its owner is the account its ARN names, and
 * no policy reads its tags (a condition on a resource tag: aws:ResourceTag/*, iam:ResourceTag/*, ...).
 * A thousand roles taking iam:AttachRolePolicy are then one question per group of accounts, not a
 * thousand. S3 ARNs (no account field; buckets behind access points) always keep their classes.
 */
function alike(world: World, arn: string, action: string, tagsRead: boolean): boolean {
  const fields = arn.split(":");
  const account = fields[4] ?? "";
  if (/^s3/i.test(fields[2] ?? "") || !/^\d{12}$/.test(account) || !world.env.accounts.has(account)) return false;
  const side = resourceSide(world.env, isTrustPolicyAction(action) ? "sts:AssumeRole" : action, arn);
  if (side.policy || side.bucket || side.accountId !== account) return false;
  return !tagsRead || !Object.keys(side.derived).some((k) => /resourcetag\//i.test(k));
}

function sortNamed(named: readonly string[], isAlike: ((arn: string) => boolean) | undefined): NamedArns {
  const buckets = named.filter((a) => S3_BUCKET.test(a));
  // The objects of each named bucket, and of each named access point (its policy and the bucket's
  // decide them: AmazonS3/latest/userguide/access-points-policies.html), are classes of their own.
  const containers: NamedArns["containers"] = [
    ...buckets.map((b) => ({ arn: b, prefix: `${b}/`, format: /:s3:::\$\{BucketName\}\// })),
    ...named.filter((a) => S3_ACCESS_POINT.test(a)).map((ap) => ({ arn: ap, prefix: `${ap}/object/`, format: /:accesspoint\/\$\{AccessPointName\}\/object\// })),
    ...named.filter((a) => EXECUTE_API.test(a)).map((api) => ({ arn: api, prefix: `${api}/`, format: /:execute-api:.*\$\{ApiId\}\//, sample: "iam-spec/GET/iam-spec-object" })),
    ...named.filter((a) => ES_DOMAIN.test(a)).map((d) => ({ arn: d, prefix: `${d}/`, format: /:es:.*:domain\/\$\{DomainName\}$/, sample: "iam-spec-index/_search" })),
  ];
  const byService = new Map<string, string[]>();
  for (const n of named) {
    const service = n.split(":")[2]?.toLowerCase() ?? "";
    const list = byService.get(service) ?? [];
    list.push(n);
    byService.set(service, list);
  }
  const formatMemo = new Map<string, readonly string[]>();
  const ofFormat = (format: string) => {
    let list = formatMemo.get(format);
    if (!list) {
      const re = arnFormatRegex(format);
      const spelled = (byService.get((format.split(":")[2] ?? "").toLowerCase()) ?? []).filter((n) => re.test(n));
      formatMemo.set(format, (list = isAlike ? spelled.filter((n) => !isAlike(n)) : spelled));
    }
    return list;
  };
  const unionMemo = new Map<string, Rx>();
  const namedOfFormats = (formats: readonly string[]) => {
    const key = formats.join("\n");
    let union = unionMemo.get(key);
    if (!union) {
      const res = formats.map((f) => arnFormatRegex(f));
      const s3 = formats.some((f) => (f.split(":")[2] ?? "").toLowerCase() === "s3");
      union = rx.alt(
        ...[...new Set(formats.flatMap(ofFormat))].map((n) => rx.lit(n)),
        ...(s3 || formats.some((f) => f.includes(":execute-api:") || /:es:.*:domain\//.test(f)) ? containers.filter((c) => res.some((re) => re.test(`${c.prefix}${c.sample ?? "iam-spec-object"}`))).map((c) => rx.cat(rx.lit(c.prefix), rx.all)) : []),
      );
      unionMemo.set(key, union);
    }
    return union;
  };
  const under = new Map<string, string[]>();
  const objectsUnder = (prefix: string) => {
    let list = under.get(prefix);
    if (!list) under.set(prefix, (list = (byService.get("s3") ?? []).filter((n) => n.startsWith(prefix))));
    return list;
  };
  return { named, containers, containersOf: containerIndex(containers), ofFormat, namedOfFormats, objectsUnder };
}

function containerIndex(containers: readonly Container[]): NamedArns["containersOf"] {
  const byFormat = new Map<string, { list: readonly Container[]; sorted: readonly string[]; at: Map<string, number[]>; lengths: readonly number[] }>();
  return (format, literals) => {
    let index = byFormat.get(format);
    if (!index) {
      const list = containers.filter((c) => c.format.test(format));
      const at = new Map<string, number[]>();
      list.forEach((c, i) => at.set(c.prefix, [...(at.get(c.prefix) ?? []), i]));
      index = { list, sorted: [...at.keys()].sort(), at, lengths: [...new Set(list.map((c) => c.prefix.length))] };
      byFormat.set(format, index);
    }
    if (!literals) return index.list;
    const { list, sorted, at, lengths } = index;
    const hit = new Set<number>();
    for (const l of literals) {
      // Prefixes that begin with the literal: a run of the sorted prefixes, from where it would stand.
      let lo = 0;
      for (let hi = sorted.length; lo < hi; ) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < l) lo = mid + 1;
        else hi = mid;
      }
      for (; lo < sorted.length && sorted[lo]!.startsWith(l); lo++) for (const i of at.get(sorted[lo]!)!) hit.add(i);
      // Prefixes the literal begins with.
      for (const n of lengths) if (n < l.length) for (const i of at.get(l.slice(0, n)) ?? []) hit.add(i);
    }
    return [...hit].sort((a, b) => a - b).map((i) => list[i]!);
  };
}

/** Whether a policy of the environment could tell accounts apart other than by ARN patterns: aws:ResourceAccount, or an account id in a condition. */
function accountsMatter(world: World): boolean {
  return environmentMentions(world.env, "aws:resourceaccount") || environmentMentions(world.env, "s3:resourceaccount") || environmentMentions(world.env, /"condition":[^\]]*\d{12}/);
}

/**
 * False when no ARN of `format` (with its account among `accountsOf`) can match the `on` pattern,
 * read field by field (arn:partition:service:region:account:resource); true when unsure. Only a
 * pattern whose first five fields are literal is read: a `*` there may span colons (src/match/arn.ts).
 * It spares the solver a question per resource type and account whose answer is plain.
 */
function patternMayCover(pattern: string, format: string, accountsOf?: (a: string) => boolean): boolean {
  const p = pattern.split(":");
  const f = format.split(":");
  if (p.length < 6 || f.length < 6 || p.slice(0, 5).some((x) => /[*?]/.test(x))) return true;
  if (p[0] !== "arn") return false;
  const field = (i: number, ok: (placeholder: string) => boolean) => (f[i]!.includes("${") ? ok(f[i]!) : f[i] === p[i]);
  if (!field(1, () => ["aws", "aws-cn", "aws-us-gov"].includes(p[1]!))) return false;
  if (!field(2, () => true)) return false;
  if (!field(3, () => p[3] !== "")) return false;
  if (!field(4, (ph) => p[4] !== "" && (ph !== "${Account}" || accountsOf === undefined || accountsOf(p[4]!)))) return false;
  // The resource part: the literal text before the first wildcard, and before the first placeholder.
  const mine = p.slice(5).join(":");
  const theirs = f.slice(5).join(":");
  const g = mine.split(/[*?]/)[0]!;
  const t = theirs.split("${")[0]!;
  return g.startsWith(t) || t.startsWith(g);
}

/** What the evaluator tells apart by the resource ARN alone: KMS keys and IAM roles (decide.ts). */
function shape(arn: string): string {
  if (/^arn:[^:]+:kms:[^:]*:\d{12}:key\//.test(arn)) return "kms-key";
  if (/^arn:[^:]+:iam::\d{12}:role\//.test(arn)) return "role";
  return "other";
}
