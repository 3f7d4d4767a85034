/**
 * Which requests AWS could really send (contract section 2). A fuzzed request that AWS could never
 * send and that the policies allow is a false alarm, so every generated context goes through
 * `realistic()`, and the generators only propose keys for which `keyApplies()` holds.
 *
 * Sources: IAM/latest/UserGuide/reference_policies_condition-keys.html ("Availability" of each key)
 * and the Service Authorization Reference bundled in data/actions.json (which keys an action takes).
 */
import { isKnownService, lookupAction } from "../data/actions.js";
import { findConditionKey, serviceResourceTagPrefix } from "../data/condition-keys.js";
import { parseAwsDate } from "../match/date.js";
import type { ContextScalar, ContextValue } from "../types.js";
import type { RequestContext } from "./request-context.js";
import { REGION } from "./regions.js";
import { boundedMemo, lowerCased } from "../match/memo.js";
import { arnField } from "../match/arn.js";

export type CallerKind = "user" | "role-session" | "root" | "service" | "federated" | "anonymous";

/** What realism depends on: who asks, for what, on what. */
export interface RequestFacts {
  action: string;
  resource: string;
  callerKind: CallerKind;
  /** The caller's account (kms:CallerAccount); undefined for services and anonymous callers. */
  callerAccount: string | undefined;
  /** For a web-identity caller, the provider host (`token.actions.githubusercontent.com`). */
  provider?: string;
  /** For a service caller: the environment's organization, which aws:SourceOrgID/SourceOrgPaths follow. */
  organization?: OrgFacts;
  /** A session made by sts:AssumeRoleWithWebIdentity (it carries aws:FederatedProvider). */
  federatedSession?: boolean;
  /**
   * The sts:AssumeRole* hops of an `assumedBy` chain that make the session: the candidate's context
   * also describes them (an OIDC token's claims, sts:ExternalId), so their own keys apply too.
   */
  hops?: readonly RequestFacts[];
}

/** The environment's organization as the aws:Source* keys read it: its id and each member account's path. */
export interface OrgFacts {
  readonly id: string;
  /** Member account -> its aws:SourceOrgPaths value ("o-.../r-.../ou-.../"). */
  readonly paths: ReadonlyMap<string, string>;
}

/** Lower-cased keys that `when` fixes (pinned, or `{ not }`-constrained): realism leaves them alone. */
export type Fixed = ReadonlySet<string>;

/** The fixed clock of generated requests, so runs are reproducible (2026-01-01T00:00:00Z). */
export const DEFAULT_NOW = Date.UTC(2026, 0, 1);

/**
 * Keys that follow from the principal or the resource (contract section 2: never free) or that only
 * AWS sets from the session. The compiler adds them from the environment (s3:DataAccessPointArn and
 * s3:DataAccessPointAccount from the access point a request goes through: src/evaluator/access-point.ts;
 * s3:AccessPointNetworkOrigin from the access point's entry: src/compile/resource-side.ts). None of them
 * is on a request on the bucket itself.
 */
const DERIVED =
  /^aws:(principal(arn|account|orgid|orgpaths|type|isawsservice|servicename|servicenameslist|tag\/.*)|username|userid|resource(account|orgid|orgpaths|tag\/.*)|sourceidentity|federatedprovider)$|^s3:(resourceaccount|dataaccesspointarn|dataaccesspointaccount|accesspointnetworkorigin)$/i;

export function isDerivedKey(key: string): boolean {
  return DERIVED.test(key) || serviceResourceTag(key);
}

const RESOURCE_TAG_KEY = /^([^:]+):resourcetag\//i;

/**
 * A service's own resource-tag key (`ec2:ResourceTag/env`), for a service whose reference lists one:
 * it follows from the resource's tags as aws:ResourceTag/* does (src/model/context-keys.ts).
 */
function serviceResourceTag(key: string): boolean {
  // Asked for every key of every candidate: a regex test allocates nothing when the key is no tag key.
  const m = RESOURCE_TAG_KEY.exec(key);
  return m !== null && serviceResourceTagPrefix(m[1]!) !== undefined;
}

/** Services with one global endpoint in us-east-1: aws:RequestedRegion is always us-east-1 for them. */
/** Services with one global endpoint: aws:RequestedRegion is us-east-1 for them. */
export const GLOBAL_SERVICES: ReadonlySet<string> = new Set(["iam", "organizations", "route53", "cloudfront", "support", "budgets", "account", "waf", "globalaccelerator"]);

export function callerKindOf(principal: string, isService: boolean, federated: boolean): CallerKind {
  if (federated) return "federated";
  if (principal === "anonymous") return "anonymous";
  if (isService || !principal.startsWith("arn:")) return "service";
  if (/:root$/.test(principal)) return "root";
  if (/:user\//.test(principal)) return "user";
  return "role-session";
}

/** What realism needs to know of a caller (compile's Caller has it). */
export interface CallerFacts {
  principal: string;
  accountId: string | undefined;
  /** Context keys AWS sets from who the caller is; `aws:PrincipalIsAWSService` marks a service. */
  derived: Readonly<Record<string, ContextValue>>;
  federated?: "oidc" | "saml";
  /** For a service caller: the environment's organization (aws:SourceOrgID follows aws:SourceAccount). */
  organization?: OrgFacts;
}

/** The facts of one request by `caller`. */
export function factsFor(caller: CallerFacts, action: string, resource: string): RequestFacts {
  const provider = caller.federated === "oidc" ? /oidc-provider\/(.+)$/.exec(caller.principal)?.[1] : undefined;
  const isService = caller.derived["aws:PrincipalIsAWSService"] === true;
  const facts: RequestFacts = {
    action,
    resource,
    callerKind: callerKindOf(caller.principal, isService, caller.federated !== undefined),
    callerAccount: isService ? undefined : caller.accountId,
  };
  if (provider !== undefined) facts.provider = provider;
  if (isService && caller.organization !== undefined) facts.organization = caller.organization;
  if (caller.derived["aws:FederatedProvider"] !== undefined && caller.federated === undefined) facts.federatedSession = true;
  return facts;
}

const placeholderCache = new Map<string, RegExp>();
function listed(key: string, names: readonly string[]): boolean {
  const lower = key.toLowerCase();
  return names.some((n) => {
    if (!/\$\{|</.test(n)) return n.toLowerCase() === lower;
    let re = placeholderCache.get(n);
    if (!re) {
      const src = n.split(/\$\{[^}]*\}|<[^>]*>/).map((p) => p.replace(/[\\^$.|+()[\]{}*?/]/g, "\\$&")).join(".+");
      re = new RegExp(`^${src}$`, "i");
      placeholderCache.set(n, re);
    }
    return re.test(key);
  });
}

/** Every key the reference lists for the action, its own and its resource types'. */
function actionKeys(action: string): readonly string[] | undefined {
  // Asked for every key of every candidate: one list per action (the reference does not change).
  if (actionKeysCache.has(action)) return actionKeysCache.get(action);
  const info = lookupAction(action);
  const keys = info ? [...info.conditionKeys, ...info.resourceTypes.flatMap((t) => t.conditionKeys)] : undefined;
  actionKeysCache.set(action, keys);
  return keys;
}
const actionKeysCache = new Map<string, readonly string[] | undefined>();

/**
 * Whether a request for `facts.action` can carry `key` at all. Global keys can, except request tags
 * (only tagging actions take them); a service's keys only on actions the reference lists them for;
 * an identity provider's claims only on the AssumeRoleWith* call of that provider. A key nobody lists
 * (a custom one) is fuzzed like any other (contract section 2).
 */
export function keyApplies(key: string, facts: RequestFacts): boolean {
  const lower = key.toLowerCase();
  // A hop's own keys (not the global aws: ones, which follow the final request's rules).
  if (facts.hops && !lower.startsWith("aws:") && facts.hops.some((h) => keyApplies(key, h))) return true;
  if (isDerivedKey(lower)) return false;
  const keys = actionKeys(facts.action);
  if (lower.startsWith("aws:")) {
    if (/^aws:(requesttag\/|tagkeys$)/.test(lower)) return keys === undefined || listed(key, keys);
    if (/^aws:source(arn|account|orgid|orgpaths)$/.test(lower)) return facts.callerKind === "service";
    if (/^aws:(calledvia|calledviafirst|calledvialast)$/.test(lower)) return signedByIam(facts);
    // "This condition key is not present for federated identities" (#condition-keys-multifactorauthpresent,
    // #condition-keys-multifactorauthage): not on a session made by AssumeRoleWithWebIdentity/SAML.
    if (/^aws:multifactorauth/.test(lower)) return signedByIam(facts) && !federatedSession(facts);
    if (lower === "aws:tokenissuetime") return signedByIam(facts);
    if (/^aws:ec2instancesource(vpc|privateipv4)$/.test(lower)) return facts.callerKind === "role-session";
    return true;
  }
  const colon = lower.indexOf(":");
  const prefix = colon > 0 ? lower.slice(0, colon) : "";
  if (prefix.includes(".") || prefix.includes("/")) {
    // An OIDC provider's claim: only in the token of that provider, on AssumeRoleWithWebIdentity.
    return /^sts:assumerolewithwebidentity$/i.test(facts.action) && (facts.provider === undefined || lower.startsWith(`${facts.provider.toLowerCase()}`));
  }
  if (prefix === "saml") return /^sts:assumerolewithsaml$/i.test(facts.action);
  if (prefix === "kms" && lower === "kms:calleraccount") return facts.callerAccount !== undefined && facts.action.toLowerCase().startsWith("kms:");
  if (keys !== undefined && listed(key, keys)) return true;
  // The reference is the authority for the keys it lists: a key of a service it describes comes only
  // with the actions it lists the key for (or, where it lists nothing for the action, with the
  // service's own actions). A key it does not list at all (a newer key, a spelling it does not know)
  // is evaluated and fuzzed like any other (contract section 2: a condition key is never ignored).
  if (isKnownService(prefix) && findConditionKey(key) !== undefined) {
    return keys !== undefined && keys.length === 0 && facts.action.toLowerCase().startsWith(`${prefix}:`);
  }
  return true;
}

/**
 * A request signed with an IAM identity's credentials: not a service principal's, not an anonymous one,
 * and not the unsigned sts:AssumeRoleWithWebIdentity / AssumeRoleWithSAML call of an identity provider
 * ("Calling AssumeRoleWithWebIdentity does not require the use of AWS security credentials",
 * STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html): only such a request has credentials a
 * service can forward (aws:CalledVia) or that were issued at a time (aws:TokenIssueTime).
 */
function signedByIam(facts: RequestFacts): boolean {
  return facts.callerKind !== "service" && facts.callerKind !== "anonymous" && facts.callerKind !== "federated";
}

/**
 * A role session that an identity provider's AssumeRoleWith{WebIdentity,SAML} made: the last hop of its
 * chain, or a session that carries aws:FederatedProvider.
 */
function federatedSession(facts: RequestFacts): boolean {
  return facts.callerKind === "role-session" && (facts.federatedSession === true || facts.hops?.at(-1)?.callerKind === "federated");
}

/**
 * Keys a generated request must carry when they apply: AWS sets them on every request of this kind
 * (the always-present list of the condition keys page, PassedToService on PassRole, an OIDC token's
 * aud and sub claims).
 */
export function isRequiredKey(key: string, facts: RequestFacts): boolean {
  const lower = key.toLowerCase();
  if (facts.hops && !lower.startsWith("aws:") && facts.hops.some((h) => isRequiredKey(key, h))) return true;
  if (/^aws:(securetransport|currenttime|epochtime|viaawsservice|requestedregion)$/.test(lower)) return true;
  if (lower === "iam:passedtoservice") return /^iam:passrole$/i.test(facts.action);
  if (lower === "kms:calleraccount") return keyApplies(key, facts);
  if (/:(aud|sub)$/.test(lower) && lower.split(":")[0]!.includes(".")) return keyApplies(key, facts);
  if (lower === "aws:tokenissuetime") return facts.callerKind === "role-session";
  return false;
}

/** Canonical spelling of the keys realism writes. */
const K = {
  secure: "aws:SecureTransport",
  now: "aws:CurrentTime",
  epoch: "aws:EpochTime",
  via: "aws:ViaAWSService",
  region: "aws:RequestedRegion",
  kmsVia: "kms:ViaService",
  kmsGrantForResource: "kms:GrantIsForAWSResource",
  calledVia: "aws:CalledVia",
  first: "aws:CalledViaFirst",
  last: "aws:CalledViaLast",
  tagKeys: "aws:TagKeys",
  sourceArn: "aws:SourceArn",
  sourceAccount: "aws:SourceAccount",
  sourceOrgId: "aws:SourceOrgID",
  sourceOrgPaths: "aws:SourceOrgPaths",
  ec2Vpc: "aws:Ec2InstanceSourceVpc",
  ec2Ip: "aws:Ec2InstanceSourcePrivateIPv4",
  sourceIp: "aws:SourceIp",
  vpce: "aws:SourceVpce",
  vpcIp: "aws:VpcSourceIp",
  vpc: "aws:SourceVpc",
  vpcArn: "aws:SourceVpcArn",
  mfa: "aws:MultiFactorAuthPresent",
  mfaAge: "aws:MultiFactorAuthAge",
  issued: "aws:TokenIssueTime",
  callerAccount: "kms:CallerAccount",
} as const;

/** A case-insensitive view over a context being repaired; `out()` is the repaired context. */
class Ctx {
  // By lower-cased name: the spelling in use and the value. Kept in Maps and turned into an object
  // once at the end: deleting properties from the object itself made every repaired context a slow
  // dictionary object (this runs for every candidate request of every mayNot).
  private readonly names = new Map<string, string>();
  private readonly values = new Map<string, ContextValue>();
  constructor(
    src: RequestContext,
    private readonly fixed: Fixed,
  ) {
    for (const k in src) this.put(k, src[k]!, true);
  }
  get(key: string): ContextValue | undefined {
    return this.values.get(lowerCased(key));
  }
  has(key: string): boolean {
    const v = this.get(key);
    return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
  }
  private put(key: string, value: ContextValue, force: boolean): void {
    const l = lowerCased(key);
    if (!force && this.fixed.has(l)) return;
    // A key set again moves to the end, as it would in an object it was deleted from and added to.
    this.names.delete(l);
    this.values.delete(l);
    if (value === null || value === undefined) return;
    this.names.set(l, key);
    this.values.set(l, value);
  }
  set(key: string, value: ContextValue): void {
    this.put(key, value, false);
  }
  drop(key: string): void {
    this.put(key, null, false);
  }
  keys(): string[] {
    return [...this.names.values()];
  }
  out(): RequestContext {
    const out: RequestContext = {};
    for (const [l, key] of this.names) out[key] = this.values.get(l)!;
    return out;
  }
}

/**
 * aws:CurrentTime's text for `t` (ISO 8601 without milliseconds), remembered: most requests share a
 * few instants (the clock, and the session's issue time an hour before it).
 */
const isoTime = boundedMemo((t: number) => new Date(t).toISOString().replace(/\.000Z$/, "Z"), 1024);

function asList(v: ContextValue | undefined): ContextScalar[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? [...(v as readonly ContextScalar[])] : [v as ContextScalar];
}

function timeOf(v: ContextValue | undefined, fallback: number): number {
  if (typeof v === "number") return v * 1000;
  if (typeof v === "string") {
    // As the Date operators read it: epoch seconds as text ("1767225600") is a time too.
    const t = parseAwsDate(v);
    if (t !== undefined) return t;
  }
  return fallback;
}

/**
 * The context repaired into one AWS could send for `facts`: keys that cannot apply are dropped,
 * always-present keys added, and derived keys made to agree with what they derive from. Keys fixed
 * by `when` are never touched (the spec author's word wins).
 */
export function realistic(ctx: RequestContext, facts: RequestFacts, fixed: Fixed = new Set(), now = DEFAULT_NOW): RequestContext {
  const c = new Ctx(ctx, fixed);
  for (const k of c.keys()) if (!keyApplies(k, facts)) c.drop(k);

  // Always present: transport, time (EpochTime is CurrentTime in seconds), ViaAWSService, region.
  if (!c.has(K.secure)) c.set(K.secure, true);
  const t = timeOf(c.get(K.now), timeOf(c.get(K.epoch), now));
  c.set(K.now, isoTime(t));
  c.set(K.epoch, Math.floor(t / 1000));
  const arnRegion = facts.resource.startsWith("arn:") ? arnField(facts.resource, 3) : undefined;
  const colon = facts.action.indexOf(":");
  const service = lowerCased(colon >= 0 ? facts.action.slice(0, colon) : facts.action);
  if (GLOBAL_SERVICES.has(service)) c.set(K.region, "us-east-1");
  else if (arnRegion && REGION.test(arnRegion)) c.set(K.region, arnRegion);
  else if (!REGION.test(String(c.get(K.region) ?? ""))) c.set(K.region, "us-east-1");

  // CalledVia lists the services in order; First/Last are its ends; it implies ViaAWSService.
  // ViaAWSService fixed false by `when`: no service called on the caller's behalf.
  if (fixed.has("aws:viaawsservice") && c.get(K.via) !== true) c.drop(K.calledVia);
  const via = asList(c.get(K.calledVia));
  if (via.length > 0) {
    c.set(K.via, true);
    c.set(K.first, via[0]!);
    c.set(K.last, via[via.length - 1]!);
  } else {
    c.drop(K.calledVia);
    c.drop(K.first);
    c.drop(K.last);
  }
  // kms:ViaService and kms:GrantIsForAWSResource say an AWS service made the KMS request on the
  // caller's behalf (KMS developer guide, "kms:ViaService", "kms:GrantIsForAWSResource"): such a
  // request is one via an AWS service. With ViaAWSService false (or a service/anonymous caller) there
  // is no such request: the keys go.
  const onBehalf = c.has(K.kmsVia) || c.get(K.kmsGrantForResource) === true || c.get(K.kmsGrantForResource) === "true";
  if (onBehalf) {
    const direct = !signedByIam(facts) || (fixed.has("aws:viaawsservice") && c.get(K.via) !== true);
    if (direct) {
      c.drop(K.kmsVia);
      if (c.has(K.kmsGrantForResource)) c.set(K.kmsGrantForResource, false);
    } else c.set(K.via, true);
  }
  if (!signedByIam(facts)) c.set(K.via, false);
  if (!c.has(K.via)) c.set(K.via, false);

  // aws:TagKeys is the list of the request's tag keys.
  const tagKeys = c.keys().filter((k) => /^aws:requesttag\//i.test(k)).map((k) => k.slice("aws:RequestTag/".length));
  if (tagKeys.length > 0) c.set(K.tagKeys, tagKeys);
  else c.drop(K.tagKeys);

  // The ARN of a service whose ARNs name an account names one (IAM/latest/UserGuide/reference-arns.html:
  // only S3 bucket and Route 53 ARNs leave it out): a sample of arn:aws:sns:REGION:*:topic whose `*`
  // is empty takes aws:SourceAccount's account, or one outside the environment.
  const rawArn = c.get(K.sourceArn);
  if (typeof rawArn === "string" && !fixed.has("aws:sourcearn")) {
    const f = rawArn.split(":");
    if (f.length >= 6 && f[0] === "arn" && f[4] === "" && !/^(s3|route53)$/i.test(f[2] ?? "")) {
      const account = c.get(K.sourceAccount);
      f[4] = typeof account === "string" && /^\d{12}$/.test(account) ? account : "000000000000";
      c.set(K.sourceArn, f.join(":"));
    }
  }
  // A VPC endpoint id is vpce- and hexadecimal digits, a VPC id vpc- and hexadecimal digits
  // (AWSEC2/latest/UserGuide/resource-ids.html): a sample of vpce-* whose `*` is empty, or holds
  // other text, takes hexadecimal digits.
  for (const [key, prefix] of [[K.vpce, "vpce-"], [K.vpc, "vpc-"]] as const) {
    const v = c.get(key);
    if (typeof v !== "string" || fixed.has(key.toLowerCase()) || !v.startsWith(prefix) || /^vpce?-[0-9a-f]+$/.test(v)) continue;
    const hex = v.slice(prefix.length).toLowerCase().replace(/[^0-9a-f]/g, "");
    c.set(key, `${prefix}${hex.length > 0 ? hex : "00000000000000000"}`);
  }

  // aws:SourceAccount is the account of aws:SourceArn, where the ARN names one.
  // When `when` fixes SourceAccount, a SourceArn of another account cannot come with it.
  const sourceArn = c.get(K.sourceArn);
  const sourceArnAccount = typeof sourceArn === "string" ? sourceArn.split(":")[4] : undefined;
  if (sourceArnAccount) {
    if (fixed.has("aws:sourceaccount") && c.get(K.sourceAccount) !== sourceArnAccount) c.drop(K.sourceArn);
    else c.set(K.sourceAccount, sourceArnAccount);
  }

  if (facts.callerKind === "service") sourceOrg(c, facts.organization, fixed);

  // aws:Ec2InstanceSourceVpc and aws:Ec2InstanceSourcePrivateIPv4 are both "included in the request
  // context whenever the requester is signing requests with an Amazon EC2 role credential"
  // (#condition-keys-ec2instancesourcevpc, #condition-keys-ec2instancesourceprivateip4): one comes with the other.
  if (c.has(K.ec2Vpc) && !c.has(K.ec2Ip)) c.set(K.ec2Ip, "10.0.0.10");
  if (c.has(K.ec2Ip) && !c.has(K.ec2Vpc)) c.set(K.ec2Vpc, "vpc-00000000000000000");

  // Through a VPC endpoint there is no public source IP but a VPC one; otherwise the reverse.
  if (c.has(K.vpce)) {
    c.drop(K.sourceIp);
    if (!c.has(K.vpcIp)) c.set(K.vpcIp, "10.0.0.10");
  } else {
    for (const k of [K.vpcIp, K.vpc, K.vpcArn]) c.drop(k);
    if (!c.has(K.sourceIp) && facts.callerKind !== "service") c.set(K.sourceIp, "203.0.113.10");
  }

  // MFA age exists only with MFA; temporary credentials always say whether MFA was used, except a
  // federated identity's (keyApplies has dropped the keys there).
  const temporary = facts.callerKind === "role-session";
  if (c.get(K.mfa) !== true) c.drop(K.mfaAge);
  else if (typeof c.get(K.mfaAge) !== "number") c.set(K.mfaAge, 0);
  if (temporary && !federatedSession(facts) && !c.has(K.mfa)) c.set(K.mfa, false);
  // A role session always has temporary credentials. An IAM user or root user signs with long-term
  // keys (no aws:TokenIssueTime) or, in the console, with temporary ones ("the console generates
  // temporary credentials on behalf of the user", #condition-keys-multifactorauthpresent): either may be.
  if (temporary || c.has(K.issued)) {
    const issued = timeOf(c.get(K.issued), t - 3600_000);
    c.set(K.issued, isoTime(Math.min(issued, t)));
  }

  if (keyApplies(K.callerAccount, facts) && facts.callerAccount) c.set(K.callerAccount, facts.callerAccount);
  return c.out();
}

/** An account of no organization the environment knows (a member's stand-in's opposite). */
const OUTSIDE_ORG_ACCOUNT = "000000000000";

/**
 * aws:SourceOrgID and aws:SourceOrgPaths follow aws:SourceAccount: they are sent "only when the call to
 * your resource is being made directly by an AWS service principal on behalf of a resource owned by an
 * account which is a member of an organization", with "the organization ID of the original resource"
 * (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgid, and
 * #condition-keys-sourceorgpaths). A member of the environment's organization has its id and path; any
 * other account is in no organization (the keys are absent) or in another one (never this one's id).
 * Where `when` fixes aws:SourceOrgID and leaves the account free, the account follows it. The prover
 * encodes the same relation (src/prove/prove.ts, sourceOrgRelation).
 */
function sourceOrg(c: Ctx, org: OrgFacts | undefined, fixed: Fixed): void {
  const text = (v: ContextValue | undefined) => (typeof v === "string" || typeof v === "number" ? String(v) : undefined);
  let account = text(c.get(K.sourceAccount));
  const member = (a: string | undefined) => a !== undefined && org?.paths.has(a) === true;
  if (!fixed.has("aws:sourceaccount") && fixed.has("aws:sourceorgid")) {
    const wanted = text(c.get(K.sourceOrgId));
    let moved: string | undefined;
    if (org && wanted === org.id && !member(account)) moved = org.paths.keys().next().value;
    else if (wanted !== undefined && wanted !== org?.id && (account === undefined || member(account))) moved = OUTSIDE_ORG_ACCOUNT;
    if (moved !== undefined) {
      account = moved;
      c.set(K.sourceAccount, moved);
      // aws:SourceArn names the same account, where it names one.
      const arn = c.get(K.sourceArn);
      if (typeof arn === "string" && arn.split(":")[4] && arn.split(":")[4] !== moved) c.drop(K.sourceArn);
    }
  }
  if (account === undefined) {
    c.drop(K.sourceOrgId);
    c.drop(K.sourceOrgPaths);
    return;
  }
  if (org && member(account)) {
    c.set(K.sourceOrgId, org.id);
    c.set(K.sourceOrgPaths, [org.paths.get(account)!]);
    return;
  }
  const id = text(c.get(K.sourceOrgId));
  if (id === undefined || id === org?.id) {
    c.drop(K.sourceOrgId);
    c.drop(K.sourceOrgPaths);
    return;
  }
  // Another organization: its paths start with its own id.
  const paths = asList(c.get(K.sourceOrgPaths)).map(String).filter((p) => p.startsWith(`${id}/`));
  if (paths.length > 0) c.set(K.sourceOrgPaths, paths);
  else c.drop(K.sourceOrgPaths);
}

/**
 * For a `may` (the request exactly as written, contract section 2): the organization keys a written
 * aws:SourceAccount of a member account carries, where `when` does not write them (sourceOrg above).
 */
export function withSourceOrg(ctx: RequestContext, org: OrgFacts | undefined): RequestContext {
  const keys = Object.keys(ctx).map((k) => k.toLowerCase());
  const accountKey = Object.keys(ctx).find((k) => k.toLowerCase() === "aws:sourceaccount");
  const path = accountKey !== undefined ? org?.paths.get(String(ctx[accountKey])) : undefined;
  if (!org || path === undefined) return ctx;
  const out: RequestContext = { ...ctx };
  if (!keys.includes("aws:sourceorgid")) out[K.sourceOrgId] = org.id;
  if (!keys.includes("aws:sourceorgpaths")) out[K.sourceOrgPaths] = [path];
  return out;
}
