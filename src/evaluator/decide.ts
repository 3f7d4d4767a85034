/**
 * The multi-policy decision: which policy types apply to a request and how their answers combine.
 * IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html (order: explicit
 * deny anywhere, RCPs, SCPs, resource-based policies, identity-based policies, permissions boundaries,
 * session policies), ..._policy-eval-basics.html (same account), ...-cross-account.html (both sides).
 * The rules with their quotes are collected in docs/aws-semantics-decision.md.
 */
import type { Decision, PolicyType, PolicyTypeOutcome, StatementRef } from "../types.js";
import type { ContextLookup } from "../context/types.js";
import { statementsFor, type CompiledPolicy, type CompiledStatement } from "./compiled-policy.js";
import { awsOwnedRefusal } from "./aws-owned.js";
import { Grant, notPrincipalExempts, notPrincipalNames, principalGrant } from "./principal-match.js";
import { RCP_SERVICES } from "./rcp-services.js";
import { POINT_BIT, type Readings } from "./readings.js";
import type { RequestPrincipal } from "./request-principal.js";

export interface PreparedRequest {
  readonly principal: RequestPrincipal;
  /** Lower-cased service prefix and action name. */
  readonly service: string;
  readonly name: string;
  /** "service:name", lower-cased. */
  readonly actionKey: string;
  /** The action's slot in each compiled policy's per-action memo. */
  readonly actionSlot: number;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly ctx: ContextLookup;
  /** SCPs and RCPs do not restrict service-linked roles (orgs_manage_policies_scps.html, _rcps.html). */
  readonly serviceLinkedRole: boolean;
  /** The reading of each point the AWS docs leave open (readings.ts): a plain input of the decision. */
  readonly readings: Readings;
}

/** Filled by decide(): the points (readings.ts POINT_BIT) whose reading the decision went through. */
export interface Consulted {
  points: number;
}

export interface PolicySet {
  readonly identity: readonly CompiledPolicy[];
  readonly resource?: CompiledPolicy | undefined;
  readonly boundary?: CompiledPolicy | undefined;
  readonly session: readonly CompiledPolicy[];
  readonly vpce: readonly CompiledPolicy[];
  readonly scps: readonly (readonly CompiledPolicy[])[];
  readonly rcps: readonly (readonly CompiledPolicy[])[];
  readonly managementAccount?: string | undefined;
}

export interface Trace {
  policies: PolicyTypeOutcome[];
  deciding: StatementRef[];
  reason: string;
}

const DENY = 4;
const GRANT_MASK = 3;
/** An Allow matched through "*" or NotPrincipal (not by naming the caller): principal-star-boundary applies. */
const WILD = 8;
/** A VPC endpoint policy statement matched a non-root caller through its account: vpce-endpoint-type applies. */
const VIA_ACCOUNT = 16;

/** Services with gateway endpoints (vpc/latest/privatelink/gateway-endpoints.html: Amazon S3 and DynamoDB). */
function gatewayService(service: string): boolean {
  return service === "s3" || service === "dynamodb";
}

/** The grant bits of statementGrant(): the grant (Grant.None: the statement does not concern the caller). */
export const GRANT_BITS = 7;
/** statementGrant(): the grant comes from `"*"` or NotPrincipal (principal-star-boundary). */
const BY_EVERYONE = 8;
/** statementGrant(): an account named in a gateway endpoint's policy (vpce-endpoint-type). */
const BY_GATEWAY_ACCOUNT = 16;

/**
 * What a statement's Principal / NotPrincipal gives the caller: the grant level in GRANT_BITS
 * (Grant.None when the statement does not concern the caller; identity-side statements have no
 * Principal and grant directly), with BY_EVERYONE and BY_GATEWAY_ACCOUNT saying how. Shared by the
 * evaluator's scan and the prover's (src/prove/decide.ts). `endpoint`: the policy is a gateway
 * endpoint's and the caller not a root user; `everyone`: what `"*"` grants under the readings.
 */
export function statementGrant(st: CompiledStatement, req: PreparedRequest, hasBoundary: boolean, endpoint: boolean, everyone: number): number {
  if (st.principal) {
    if (st.principal.any) return everyone | BY_EVERYONE;
    const grant = principalGrant(st.principal, req.principal);
    if (endpoint && grant === Grant.Account) {
      // Through a gateway endpoint an account names its root user only (vpce-endpoint-type).
      return req.readings.vpceGateway ? Grant.None | BY_GATEWAY_ACCOUNT : grant | BY_GATEWAY_ACCOUNT;
    }
    return grant;
  }
  if (st.notPrincipal) {
    if (st.allow) {
      // NotPrincipal with Allow "allows all principals except the one named in the NotPrincipal
      // element" (IAM/latest/UserGuide/reference_policies_elements_notprincipal.html, 2023 text; the
      // current page calls it unsupported): a caller named by any of its identities is left out.
      if (notPrincipalNames(st.notPrincipal, req.principal)) return Grant.None;
    } else {
      // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a
      // permissions boundary policy attached" (access_policies_boundaries.html, elements_notprincipal.html).
      const boundaryOverride = hasBoundary && req.principal.isIam;
      if (!boundaryOverride && notPrincipalExempts(st.notPrincipal, req.principal)) return Grant.None;
    }
    return everyone | BY_EVERYONE;
  }
  return Grant.Direct;
}

/** What `"*"` grants the caller: whether it escapes a boundary or session policy is principal-star-boundary (readings.ts). */
export function everyoneGrant(req: PreparedRequest): number {
  return req.principal.isIam ? (req.readings.starNotLimited ? Grant.Direct : Grant.Role) : Grant.Direct;
}

/** Whether a policy is a gateway endpoint's, where an account means its root user (vpce-endpoint-type). */
export function gatewayEndpoint(policy: CompiledPolicy, req: PreparedRequest): boolean {
  return policy.type === "vpce" && gatewayService(req.service) && req.principal.kind !== "root";
}

/** One policy's answer: the strongest Allow grant (0 = none), a DENY bit and a WILD bit. */
function scan(policy: CompiledPolicy, req: PreparedRequest, hasBoundary: boolean, refs?: StatementRef[]): number {
  let allow = 0;
  let deny = false;
  let wild = false;
  let viaAccount = false;
  const endpoint = gatewayEndpoint(policy, req);
  // A grant to everyone is not a grant to the caller's own ARN (principal-star-boundary).
  const everyone = everyoneGrant(req);
  for (const st of statementsFor(policy, req.service, req.name, req.actionKey, req.actionSlot)) {
    if (!st.matchesResource(req.resource, req.ctx)) continue;
    const concerns = statementGrant(st, req, hasBoundary, endpoint, everyone);
    if (concerns & BY_GATEWAY_ACCOUNT) viaAccount = true;
    const grant = concerns & GRANT_BITS;
    if (grant === Grant.None) continue;
    const viaEveryone = (concerns & BY_EVERYONE) !== 0;
    if (st.condition && !st.condition(req.ctx)) continue;
    if (refs) refs.push(st.ref);
    if (st.allow) {
      if (grant > allow) allow = grant;
      if (viaEveryone && req.principal.isIam) wild = true;
    } else {
      deny = true;
      if (!refs) return DENY | (viaAccount ? VIA_ACCOUNT : 0) | allow;
    }
  }
  return (deny ? DENY : 0) | (wild ? WILD : 0) | (viaAccount ? VIA_ACCOUNT : 0) | allow;
}

const ASSUME_ACTIONS = new Set([
  "assumerole",
  "assumerolewithwebidentity",
  "assumerolewithsaml",
  "tagsession",
  "setsourceidentity",
  "setcontext",
]);

/** sts:AssumeRole* on a role: the trust policy is the resource policy and must grant (id_roles_terms-and-concepts.html). */
export function isRoleTrustRequest(req: PreparedRequest): boolean {
  return req.service === "sts" && ASSUME_ACTIONS.has(req.name) && /^arn:[^:]+:iam::\d{12}:role\//.test(req.resource);
}

/** KMS keys: "Without permission from the key policy, IAM policies ... have no effect" (kms/latest/developerguide/key-policies.html). */
function isKmsKeyRequest(req: PreparedRequest): boolean {
  return req.service === "kms" && /^arn:[^:]+:kms:[^:]*:\d{12}:key\//.test(req.resource);
}

interface Collector {
  policies: PolicyTypeOutcome[];
}

function run(
  type: PolicyType,
  policy: CompiledPolicy,
  req: PreparedRequest,
  hasBoundary: boolean,
  collector: Collector | undefined,
  level?: number,
): number {
  if (!collector) return scan(policy, req, hasBoundary);
  let matched: StatementRef[] = [];
  const bits = scan(policy, req, hasBoundary, matched);
  if (level !== undefined) matched = matched.map((r) => ({ ...r, level }));
  collector.policies.push({
    type,
    outcome: bits & DENY ? "deny" : bits & GRANT_MASK ? "allow" : "none",
    matched,
    ...(level !== undefined ? { level } : {}),
  });
  return bits;
}

/** What a list of policies said together: ALLOWED when any allows, DENY when any denies. */
const ALLOWED = 1;

function anyAllow(
  type: PolicyType,
  list: readonly CompiledPolicy[],
  req: PreparedRequest,
  hb: boolean,
  c: Collector | undefined,
  level?: number,
): number {
  let out = 0;
  for (let i = 0; i < list.length; i++) {
    const bits = c ? run(type, list[i]!, req, hb, c, level) : scan(list[i]!, req, hb);
    if (bits & DENY) out |= DENY;
    if (bits & GRANT_MASK) out |= ALLOWED;
  }
  return out;
}

const same = (d: Decision): Decision => d;

/**
 * Calls a kind of credentials can never make, whatever the policies say
 * (IAM/latest/UserGuide/id_credentials_temp_request.html, "Comparing the AWS STS API operations"):
 * a role session "Cannot call GetFederationToken or GetSessionToken"; a GetFederationToken session
 * "Cannot call IAM operations using the AWS CLI or AWS API. Cannot call AWS STS operations except
 * GetCallerIdentity." (checked after GetCallerIdentity).
 */
function temporaryCredentialLimit(req: PreparedRequest): string | undefined {
  const kind = req.principal.kind;
  if (kind === "assumed-role" && req.service === "sts" && (req.name === "getfederationtoken" || req.name === "getsessiontoken")) {
    return `a role session cannot call sts:${req.name === "getsessiontoken" ? "GetSessionToken" : "GetFederationToken"}`;
  }
  if (kind === "federated-user" && (req.service === "iam" || req.service === "sts")) {
    return `a federated user session cannot call ${req.service.toUpperCase()} operations`;
  }
  return undefined;
}

function explainDecision(trace: Trace, d: Decision, reason: string): Decision {
  trace.reason = reason;
  const want = d === "ExplicitDeny" ? "Deny" : "Allow";
  if (d !== "ImplicitDeny") {
    for (const o of trace.policies) for (const r of o.matched) if (r.effect === want) trace.deciding.push(r);
  }
  return d;
}

/**
 * Answers that need no policy at all: resources AWS owns, calls that need no permission, calls a kind
 * of credentials can never make, and identity providers, which sign only the call that exchanges their
 * token.
 */
export function preDecision(req: PreparedRequest): { decision: Decision; reason: string } | undefined {
  const p = req.principal;
  const finish = outcome;
  // Resources AWS owns refuse changes whatever the policies say (aws-owned.ts cites each rule).
  if (req.service === "iam" || req.service === "kms") {
    const owned = awsOwnedRefusal(req.service, req.name, req.resource, p.kind === "service" || req.serviceLinkedRole);
    if (owned !== undefined) return finish("ImplicitDeny", owned);
  }

  // STS/latest/APIReference/API_GetCallerIdentity.html: "No permissions are required ... If an
  // administrator attaches a policy ... that explicitly denies access ... you can still perform this
  // operation." Only an authenticated caller can call it.
  if (req.service === "sts" && req.name === "getcalleridentity" && p.kind !== "anonymous") {
    return finish("Allow", "sts:GetCallerIdentity needs no permission");
  }
  // whitepapers/latest/aws-fault-isolation-boundaries/partitions.html: "Partitions have independent
  // instances of AWS Identity and Access Management (IAM) [...] You cannot use IAM credentials from one
  // partition to interact with resources in a different partition." No policy can grant it.
  const apart = otherPartition(p.arn, req.resource);
  if (apart !== undefined) return finish("ImplicitDeny", apart);
  const refused = temporaryCredentialLimit(req);
  if (refused !== undefined) return finish("ImplicitDeny", refused);
  // IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html: "No permissions are
  // required for a user to get a session token ... it doesn't affect the user's ability to perform the
  // GetSessionToken operation."
  if (req.service === "sts" && req.name === "getsessiontoken" && (p.kind === "user" || p.kind === "root")) {
    return finish("Allow", "sts:GetSessionToken needs no permission");
  }

  // An identity provider is a caller only of the STS call that exchanges its token or assertion for a
  // role session (id_roles_create_for-idp_oidc.html, id_roles_create_for-idp_saml.html), and of the
  // permissions-only actions that call carries: sts:TagSession when it passes session tags
  // (id_session-tags.html: "trust policies for all roles connected to the identity provider (IdP)
  // passing tags must have the sts:TagSession permission") and sts:SetSourceIdentity
  // (id_credentials_temp_control-access_monitor.html, its SAML and OIDC trust policy examples). It
  // signs no other request.
  const exchange = req.service === "sts" && (req.name === "tagsession" || req.name === "setsourceidentity");
  if (
    (p.kind === "web-identity" && !exchange && !(req.service === "sts" && req.name === "assumerolewithwebidentity")) ||
    (p.kind === "saml" && !exchange && !(req.service === "sts" && req.name === "assumerolewithsaml"))
  ) {
    return finish("ImplicitDeny", `${p.arn} can only exchange its token for a role session`);
  }
  // The other way round, the exchange calls are made by the provider only: "Calling
  // AssumeRoleWithWebIdentity does not require the use of AWS security credentials. The identity of the
  // caller is validated by using a token from the web identity provider"
  // (STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html; API_AssumeRoleWithSAML.html likewise,
  // with a SAML assertion). An IAM identity, a service or an anonymous caller is never their principal.
  if (req.service === "sts" && ((req.name === "assumerolewithwebidentity" && p.kind !== "web-identity") || (req.name === "assumerolewithsaml" && p.kind !== "saml"))) {
    return finish("ImplicitDeny", `only an identity provider's token or assertion is exchanged by sts:${req.name === "assumerolewithsaml" ? "AssumeRoleWithSAML" : "AssumeRoleWithWebIdentity"}`);
  }

  return undefined;
}

const outcome = (decision: Decision, reason: string) => ({ decision, reason });

/** Why a caller of one partition cannot act on a resource of another, or undefined (same or unknown). */
function otherPartition(caller: string, resource: string): string | undefined {
  if (!caller.startsWith("arn:") || !resource.startsWith("arn:")) return undefined;
  const from = caller.slice(4, caller.indexOf(":", 4));
  const to = resource.slice(4, resource.indexOf(":", 4));
  if (from === to || from === "" || to === "" || /[*?]/.test(from + to)) return undefined;
  return `a principal of partition ${from} cannot act on a resource of partition ${to}`;
}

/**
 * The decision, and (with `trace`) why. Pure: reads only its arguments.
 */
export function decide(set: PolicySet, req: PreparedRequest, trace?: Trace, consulted?: Consulted): Decision {
  const p = req.principal;
  const c: Collector | undefined = trace ? { policies: trace.policies } : undefined;
  const finish = trace ? (d: Decision, reason: string) => explainDecision(trace, d, reason) : same;

  const early = preDecision(req);
  if (early !== undefined) return finish(early.decision, early.reason);

  const hasBoundary = notPrincipalBoundary(set, req);
  const limitedByBoundary = boundaryLimits(set, req);
  let denied = false;

  // SCPs restrict the IAM principals of member accounts, root users included, but not the management
  // account and not service-linked roles (organizations/latest/userguide/orgs_manage_policies_scps.html).
  const scpApplies = scpsApply(set, req);
  let scpMissingLevel = -1;
  if (scpApplies) {
    for (let i = 0; i < set.scps.length; i++) {
      if (set.scps[i]!.length === 0) {
        // A level with no policy at all: the open point empty-scp-level (readings.ts).
        if (consulted) consulted.points |= POINT_BIT["empty-scp-level"];
        if (req.readings.emptyScpIgnored) continue;
      }
      const bits = anyAllow("scp", set.scps[i]!, req, hasBoundary, c, i + 1);
      if (bits & DENY) denied = true;
      if (!(bits & ALLOWED) && scpMissingLevel < 0) scpMissingLevel = i;
    }
  }

  // RCPs: deny-only (RCPFullAWSAccess is always attached), on the resource's account, for the
  // supported services, not the management account, not service-linked roles
  // (organizations/latest/userguide/orgs_manage_policies_rcps.html, _rcps_evaluation.html).
  const rcpApplies = rcpsApply(set, req);
  if (rcpApplies) {
    for (let i = 0; i < set.rcps.length; i++) if (anyAllow("rcp", set.rcps[i]!, req, hasBoundary, c, i + 1) & DENY) denied = true;
  }
  // Without a trace nothing after an explicit deny can change the answer.
  if (denied && !trace) return "ExplicitDeny";

  let vpceMissing = false;
  for (const v of set.vpce) {
    const bits = run("vpce", v, req, hasBoundary, c);
    if (bits & VIA_ACCOUNT && consulted) consulted.points |= POINT_BIT["vpce-endpoint-type"];
    if (bits & DENY) denied = true;
    if (!(bits & GRANT_MASK)) vpceMissing = true;
  }

  let resourceGrant: number = Grant.None;
  if (set.resource) {
    const bits = run(isRoleTrustRequest(req) ? "trust" : "resource", set.resource, req, hasBoundary, c);
    if (bits & DENY && resourceDenyApplies(req)) denied = true;
    resourceGrant = bits & GRANT_MASK;
    // The strength of a grant to everyone matters only inside the resource's account (a cross-account
    // caller needs its identity side anyway), and only against a boundary or session policy (a
    // federated user's missing session policy included).
    const limits = limitedByBoundary || set.session.length > 0 || p.kind === "federated-user";
    if (bits & WILD && consulted && limits && req.resourceAccount === p.account) consulted.points |= POINT_BIT["principal-star-boundary"];
  }
  if (denied && !trace) return "ExplicitDeny";

  // Identity-based policies, boundaries and session policies belong to IAM users and roles; the root
  // user has none ("You cannot attach identity-based policies to the root user", access_policies.html).
  const hasIdentitySide = p.isIam && p.kind !== "root";
  let identityAllow = p.kind === "root";
  let boundaryAllow = true;
  let sessionAllow = true;
  if (hasIdentitySide) {
    const bits = anyAllow("identity", set.identity, req, hasBoundary, c);
    if (bits & DENY) denied = true;
    identityAllow = (bits & ALLOWED) !== 0;
    if (limitedByBoundary) {
      const bits = run("boundary", set.boundary!, req, hasBoundary, c);
      if (bits & DENY) denied = true;
      boundaryAllow = (bits & GRANT_MASK) !== 0;
    }
    if (p.kind === "federated-user" && set.session.length === 0) {
      // STS/latest/APIReference/API_GetFederationToken.html: "if you do not pass any session policies,
      // then the resulting federated user session has no permissions".
      sessionAllow = false;
    }
    if (set.session.length > 0) {
      // Several session policies (a managed-policy list plus an inline one) are one intersection each.
      for (const s of set.session) {
        const bits = run("session", s, req, hasBoundary, c);
        if (bits & DENY) denied = true;
        if (!(bits & GRANT_MASK)) sessionAllow = false;
      }
    }
  }

  return finalDecision(set, req, { denied, scpMissingLevel, vpceMissing, resourceGrant, identityAllow, boundaryAllow, sessionAllow }, finish);
}

/** What the policy types said, the inputs of the final decision. */
export interface Verdicts {
  /** An explicit Deny applies in some policy. */
  denied: boolean;
  /** The first SCP level (0-based) with no Allow, or -1. */
  scpMissingLevel: number;
  /** Some VPC endpoint policy does not allow it. */
  vpceMissing: boolean;
  /** The strongest grant of the resource-based (or trust, or key) policy. */
  resourceGrant: number;
  identityAllow: boolean;
  boundaryAllow: boolean;
  sessionAllow: boolean;
}

/**
 * How the policy types' answers combine into the decision. The one definition of the combination: the
 * evaluator calls it with what its scans found, and the prover (src/prove/) derives its symbolic form
 * from it by asking it about every combination of answers.
 */
export function finalDecision<T>(set: PolicySet, req: PreparedRequest, v: Verdicts, finish: (d: Decision, reason: string) => T): T {
  const p = req.principal;
  const { denied, scpMissingLevel, vpceMissing, resourceGrant, identityAllow, boundaryAllow, sessionAllow } = v;
  if (denied) return finish("ExplicitDeny", "an explicit Deny statement applies");
  if (scpMissingLevel >= 0) {
    return finish("ImplicitDeny", `no service control policy at level ${scpMissingLevel + 1} of ${set.scps.length} allows it`);
  }
  if (vpceMissing) return finish("ImplicitDeny", "the VPC endpoint policy does not allow it");

  const trust = isRoleTrustRequest(req);
  const kms = isKmsKeyRequest(req);
  if (trust && !set.resource) return finish("ImplicitDeny", "a role can only be assumed through its trust policy, and none was given");
  if (trust && p.kind === "root") {
    // API_AssumeRole.html: "You cannot call AssumeRole by using AWS root account credentials".
    return finish("ImplicitDeny", "the root user cannot assume roles");
  }
  if (trust && p.kind === "anonymous") {
    // Only a signed caller gets a role session: AssumeRole is called "using credentials for an IAM user
    // or an IAM role" (STS/latest/APIReference/API_AssumeRole.html), and AssumeRoleWithSAML /
    // AssumeRoleWithWebIdentity need an identity provider's assertion or token, whose caller is that
    // provider (IAM/latest/UserGuide/id_credentials_temp_request.html, comparing the AWS STS APIs).
    // A trust policy naming "*" does not let an unauthenticated caller in.
    return finish("ImplicitDeny", "an unauthenticated caller cannot assume roles");
  }
  if (kms && !set.resource) return finish("ImplicitDeny", "a KMS key is usable only as its key policy allows, and none was given");
  const resourcePolicyName = trust ? "the role's trust policy" : kms ? "the key policy" : "the resource-based policy";
  if (ownerAccountOnly(req) && p.account !== req.resourceAccount) {
    return finish("ImplicitDeny", `${req.actionKey} is not granted across accounts: only identities of the resource's account can call it`);
  }

  // Callers that are not IAM identities (services, identity providers, anonymous) have no identity
  // side: only the resource-based policy can allow them.
  if (!p.isIam) {
    return resourceGrant !== Grant.None
      ? finish("Allow", `${resourcePolicyName} allows ${p.kind === "anonymous" ? "anonymous callers" : p.arn}`)
      : finish("ImplicitDeny", `${resourcePolicyName} does not allow ${p.kind === "anonymous" ? "anonymous callers" : p.arn}`);
  }

  const identitySide = identityAllow && boundaryAllow && sessionAllow;
  const identityReason = !identityAllow
    ? "no identity-based policy allows it"
    : !boundaryAllow
      ? "the permissions boundary does not allow it"
      : "the session policy does not allow it";
  const sameAccount = req.resourceAccount === p.account;

  if (!sameAccount) {
    // Cross-account: "The request is allowed only if both evaluations return a decision of Allow."
    if (resourceGrant === Grant.None) {
      return finish("ImplicitDeny", set.resource ? `${resourcePolicyName} does not allow this cross-account request` : "a cross-account request needs a resource-based policy that allows it");
    }
    return identitySide ? finish("Allow", "both the identity side and the resource's account allow it") : finish("ImplicitDeny", identityReason);
  }

  if (p.kind === "root") {
    // The root user has full access to its own account's resources, except where a key policy or
    // trust policy must grant (kms/latest/developerguide/key-policies.html: "including the account root user").
    if (kms && resourceGrant === Grant.None) return finish("ImplicitDeny", `${resourcePolicyName} does not allow the account`);
    return finish("Allow", "the root user has full access to its own account");
  }

  if (resourceGrant === Grant.Direct && !trust) {
    // "If a resource-based policy grants permission directly to the IAM user or the session principal
    // that is making the request, then an implicit deny in an identity-based policy, a permissions
    // boundary, or a session policy does not impact the final decision." (policy-eval-denyallow.html)
    return finish("Allow", `${resourcePolicyName} names the caller directly`);
  }
  if (trust && p.kind === "assumed-role" && req.name === "setsourceidentity" && resourceGrant !== Grant.None && !identitySide) {
    // IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html: "When you assume a role with
    // another role, called role chaining, permissions for sts:SetSourceIdentity are required in both the
    // permissions policy of the principal who is assuming the role and in the role trust policy of the
    // target role." More specific than the same-account rule that a trust naming the role suffices.
    return finish("ImplicitDeny", `role chaining needs sts:SetSourceIdentity in the caller's own policies too (${identityReason})`);
  }
  if (resourceGrant === Grant.Role || (resourceGrant === Grant.Direct && trust)) {
    // A grant to the role ARN is limited by the boundary and session policies (same page); so is a
    // trust-policy grant to a user (id_roles_update-role-trust-policy.html: "it must allow the
    // sts:AssumeRole action").
    if (!boundaryAllow) return finish("ImplicitDeny", "the permissions boundary does not allow it");
    if (!sessionAllow) return finish("ImplicitDeny", "the session policy does not allow it");
    return finish("Allow", `${resourcePolicyName} allows ${resourceGrant === Grant.Direct ? "the caller" : "the caller's role"}`);
  }
  if ((trust || kms) && resourceGrant === Grant.None) {
    return finish("ImplicitDeny", `${resourcePolicyName} does not allow it`);
  }
  // No resource grant, or a grant to the account (delegation to the account's IAM policies).
  return identitySide ? finish("Allow", "an identity-based policy allows it") : finish("ImplicitDeny", identityReason);
}

const BUCKET_POLICY_CALLS = new Set(["getbucketpolicy", "putbucketpolicy", "deletebucketpolicy"]);

/**
 * Whether a Deny in the resource-based policy applies. Not to the bucket owner's root user managing the
 * bucket policy: AmazonS3/latest/API/API_DeleteBucketPolicy.html (also _GetBucketPolicy, _PutBucketPolicy):
 * "the root principal in a bucket owner's Amazon Web Services account can perform the GetBucketPolicy,
 * PutBucketPolicy, and DeleteBucketPolicy API actions, even if their bucket policy explicitly denies the
 * root principal's access. Bucket owner root principals can only be blocked from performing these API
 * actions by VPC endpoint policies and Amazon Web Services Organizations policies."
 */
export function resourceDenyApplies(req: PreparedRequest): boolean {
  return !(isBucketPolicyCall(req) && req.principal.kind === "root" && req.resourceAccount === req.principal.account);
}

/** s3:GetBucketPolicy, s3:PutBucketPolicy, s3:DeleteBucketPolicy. */
function isBucketPolicyCall(req: PreparedRequest): boolean {
  return req.service === "s3" && BUCKET_POLICY_CALLS.has(req.name);
}

/**
 * Actions no resource-based policy grants to another account:
 * - the bucket policy calls: AmazonS3/latest/API/API_PutBucketPolicy.html (also _GetBucketPolicy,
 *   _DeleteBucketPolicy): "If you have the correct permissions, but you're not using an identity that
 *   belongs to the bucket owner's account, Amazon S3 returns a 405 Method Not Allowed error";
 * - AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-limitations-of-custom-policies.html: "Cross-account
 *   permissions don't apply to the following actions" (the list below).
 */
const SQS_OWNER_ONLY = new Set([
  "addpermission",
  "cancelmessagemovetask",
  "createqueue",
  "deletequeue",
  "listmessagemovetasks",
  "listqueues",
  "listqueuetags",
  "removepermission",
  "setqueueattributes",
  "startmessagemovetask",
  "tagqueue",
  "untagqueue",
]);

/**
 * kms/latest/developerguide/key-policy-modifying-external-accounts.html: "Cross-account permission is
 * effective only for the following operations" (the cryptographic operations, CreateGrant, DescribeKey,
 * GetKeyRotationStatus, GetPublicKey, ListGrants, RetireGrant, RevokeGrant); "if you give [...]
 * kms:ScheduleKeyDeletion permission on a KMS key in a key policy, the user's attempts to call those
 * operations on your resources still fail."
 */
const KMS_CROSS_ACCOUNT = new Set([
  "decrypt",
  "encrypt",
  "generatedatakey",
  "generatedatakeypair",
  "generatedatakeypairwithoutplaintext",
  "generatedatakeywithoutplaintext",
  "generatemac",
  "reencryptfrom",
  "reencryptto",
  "sign",
  "verify",
  "verifymac",
  "derivesharedsecret",
  "creategrant",
  "describekey",
  "getkeyrotationstatus",
  "getpublickey",
  "listgrants",
  "retiregrant",
  "revokegrant",
]);

function ownerAccountOnly(req: PreparedRequest): boolean {
  return (
    isBucketPolicyCall(req) ||
    (req.service === "sqs" && SQS_OWNER_ONLY.has(req.name)) ||
    (isKmsKeyRequest(req) && !KMS_CROSS_ACCOUNT.has(req.name))
  );
}

/**
 * Whether the permissions boundary limits the caller: an IAM user, a role session, and a federated
 * user session, whose user's boundary bounds it (IAM/latest/UserGuide/access_policies.html#policies_session:
 * "A permissions boundary can set the maximum permissions for a user or role that is used to create a
 * session. In that case, the resulting session's permissions are the intersection of the session
 * policy, the permissions boundary, and the identity-based policy").
 */
export function boundaryLimits(set: PolicySet, req: PreparedRequest): boolean {
  const kind = req.principal.kind;
  return set.boundary !== undefined && (kind === "user" || kind === "assumed-role" || kind === "federated-user");
}

/**
 * Whether NotPrincipal with Deny always denies the caller: "any IAM principal that has a permissions
 * boundary policy attached" (access_policies_boundaries.html), i.e. a user or a role's session; a
 * federated user session has no boundary of its own attached.
 */
export function notPrincipalBoundary(set: PolicySet, req: PreparedRequest): boolean {
  const kind = req.principal.kind;
  return set.boundary !== undefined && (kind === "user" || kind === "assumed-role");
}

/** SCPs restrict the IAM principals of member accounts, not the management account, not service-linked roles. */
export function scpsApply(set: PolicySet, req: PreparedRequest): boolean {
  const p = req.principal;
  return set.scps.length > 0 && p.isIam && p.account !== set.managementAccount && !req.serviceLinkedRole;
}

/** RCPs: the supported services, the resource's account unless it is the management account, not service-linked roles. */
export function rcpsApply(set: PolicySet, req: PreparedRequest): boolean {
  return (
    set.rcps.length > 0 &&
    RCP_SERVICES.has(req.service) &&
    req.resourceAccount !== set.managementAccount &&
    !req.serviceLinkedRole &&
    !(req.service === "kms" && req.name === "retiregrant")
  );
}

/** Services with gateway endpoints (vpc/latest/privatelink/gateway-endpoints.html: Amazon S3 and DynamoDB). */
export { gatewayService };
