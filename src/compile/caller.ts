/**
 * A caller as the evaluator needs it: the principal string, the policies that apply to it, and the
 * context keys AWS derives from it. Built from a resolved model Principal.
 *
 * The derived keys come from the model (src/model/context-keys.ts); this module adds the policies.
 */
import { environmentPartition, partitionOf, sessionArn } from "../model/arn.js";
import { principalContextKeys } from "../model/context-keys.js";
import type { Environment, LoadedPolicy, Principal, Role, SessionSpec } from "../model/types.js";
import type { ContextValue, PolicyDocument, PolicyLike } from "../types.js";
import { WEB_IDENTITY_PROVIDERS } from "../evaluator/request-principal.js";
import type { OrgFacts } from "../context/realism.js";

export interface Caller {
  /** EvaluateInput.principal: an ARN, a service name or "anonymous". */
  principal: string;
  /** How the spec named it, for messages. */
  written: string;
  /** The caller's account; undefined for services, anonymous callers and account-less providers. */
  accountId: string | undefined;
  identityPolicies: PolicyLike[];
  boundary: PolicyLike | undefined;
  sessionPolicies: PolicyLike[];
  /** SCP levels that restrict this caller (empty outside an organization and for the management account). */
  scps: PolicyLike[][];
  /**
   * Derived keys a counterexample shows beside the request's own: what the run assumed of a caller
   * the environment does not describe (the organization of an unknown account's stand-in).
   */
  shown?: Readonly<Record<string, ContextValue>>;
  /** Context keys AWS sets from who the caller is (keys as AWS spells them). */
  derived: Record<string, ContextValue>;
  /** Every loaded policy that applies to the caller, for mining literals. */
  policies: LoadedPolicy[];
  /** Set when the caller is a session of an environment role. */
  role?: Role;
  /** Set for a web-identity or SAML provider (the first hop of a federated chain). */
  federated?: "oidc" | "saml";
  /** For a service principal: the environment's organization (aws:SourceOrgID follows aws:SourceAccount). */
  organization?: OrgFacts;
}

const orgFactsMemo = new WeakMap<object, OrgFacts>();
/** The environment's organization as realism and the prover read the aws:Source* keys; one per environment. */
function orgFacts(env: Environment): OrgFacts | undefined {
  const org = env.organization;
  if (!org) return undefined;
  let facts = orgFactsMemo.get(org);
  if (!facts) {
    facts = { id: org.id, paths: new Map([...org.placements].map(([account, p]) => [account, p.orgPath])) };
    orgFactsMemo.set(org, facts);
  }
  return facts;
}

/**
 * Identity policies of a principal outside the environment are unknown; the contract says to take them
 * as allowing everything, so only the resource side can stop such a caller.
 */
export const ALLOW_ALL: PolicyDocument = Object.freeze({
  Version: "2012-10-17",
  Statement: [{ Sid: "UnknownAccountAllowsEverything", Effect: "Allow", Action: "*", Resource: "*" }],
}) as PolicyDocument;

/**
 * The caller for `principal`. `session` applies to role sessions written without a fixed session name;
 * `fallbackAccount` places an account-less federated provider (the role's own account).
 */
export function callerOf(
  principal: Principal,
  env: Environment,
  session: SessionSpec | undefined,
  fallbackAccount?: string,
): Caller {
  // A session name fixed in an sts ARN is a different session from the one `session:` describes.
  const fixedName = principal.kind === "role-session" && principal.sessionName !== undefined;
  const issuer = session?.federatedProvider !== undefined ? { federatedProvider: session.federatedProvider } : {};
  const derived = principalContextKeys(env, principal, session && !fixedName ? session : { name: session?.name, ...issuer });
  // Callers the environment holds no policies for: no boundary or session policies, SCPs only via withOrg.
  const withoutOwnPolicies = (arn: string, accountId: string | undefined, identityPolicies: PolicyLike[]): Caller => ({
    principal: arn,
    written: principal.written,
    accountId,
    identityPolicies,
    boundary: undefined,
    sessionPolicies: [],
    scps: [],
    derived,
    policies: [],
  });
  switch (principal.kind) {
    case "user": {
      const u = principal.user;
      return withOrg(env, u.accountId, {
        principal: u.arn,
        written: principal.written,
        accountId: u.accountId,
        identityPolicies: u.identityPolicies.map((p) => p.handle),
        boundary: u.boundary?.handle,
        sessionPolicies: [],
        scps: [],
        derived,
        policies: [...u.identityPolicies, ...(u.boundary ? [u.boundary] : [])],
      });
    }
    case "role-session": {
      const r = principal.role;
      const name = principal.sessionName ?? session?.name ?? "iam-spec";
      const sessionPolicies = principal.sessionName === undefined && session ? session.policies : [];
      return withOrg(env, r.accountId, {
        principal: sessionArn(r.accountId, r.name, name, partitionOf(r.arn)),
        written: principal.written,
        accountId: r.accountId,
        identityPolicies: r.identityPolicies.map((p) => p.handle),
        boundary: r.boundary?.handle,
        sessionPolicies: sessionPolicies.map((p) => p.handle),
        scps: [],
        derived,
        policies: [...r.identityPolicies, ...(r.boundary ? [r.boundary] : []), ...sessionPolicies],
        role: r,
      });
    }
    case "root": {
      // The root user has every permission in its own account; only SCPs and resource policies limit it.
      return withOrg(env, principal.accountId, withoutOwnPolicies(principal.arn, principal.accountId, [ALLOW_ALL]));
    }
    case "external-account": {
      // "Some principal" of an unknown account: represented by a role session, the commonest caller.
      // The partition of the account the expectation is about (its `on`), else the one all accounts share.
      const home = fallbackAccount !== undefined ? env.accounts.get(fallbackAccount) : undefined;
      const partition = home ? (home.partition ?? "aws") : environmentPartition(env.accounts.values());
      const external = withoutOwnPolicies(sessionArn(principal.accountId, "iam-spec-external", session?.name ?? "iam-spec", partition), principal.accountId, [ALLOW_ALL]);
      return principal.orgId === undefined ? external : { ...external, shown: { "aws:PrincipalOrgID": principal.orgId } };
    }
    case "external-arn": {
      const caller =
        principal.resourceType === "role"
          ? (principal.sessionArn ?? sessionArn(principal.accountId, lastSegment(principal.arn), session?.name ?? "iam-spec", partitionOf(principal.arn)))
          : principal.arn;
      const outside = withoutOwnPolicies(caller, principal.accountId, [ALLOW_ALL]);
      // A federated user's permissions are its IAM user's policies intersected with the session policies
      // passed to GetFederationToken (STS/latest/APIReference/API_GetFederationToken.html); of an account
      // outside the environment both are unknown, so both are taken to allow everything. With none, the
      // session would have no permissions, and a mayNot would pass for a caller AWS could allow.
      return principal.resourceType === "federated-user" ? { ...outside, sessionPolicies: [ALLOW_ALL] } : outside;
    }
    case "service": {
      const organization = orgFacts(env);
      return { ...withoutOwnPolicies(principal.service, undefined, []), ...(organization ? { organization } : {}) };
    }
    case "federated": {
      // A built-in provider (Cognito, Google, Facebook, Login with Amazon) is named in trust policies
      // as written, with no provider ARN and no account
      // (IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity).
      const builtIn = principal.arn === undefined ? principal.provider.toLowerCase() : undefined;
      if (builtIn !== undefined && WEB_IDENTITY_PROVIDERS.has(builtIn)) {
        return { ...withoutOwnPolicies(builtIn, undefined, []), derived: { ...derived, "aws:FederatedProvider": builtIn }, federated: "oidc" };
      }
      const accountId = principal.accountId ?? fallbackAccount;
      const kind = principal.protocol === "oidc" ? "oidc-provider" : "saml-provider";
      const partition = (accountId !== undefined ? env.accounts.get(accountId)?.partition : undefined) ?? "aws";
      const arn = principal.arn ?? (accountId ? `arn:${partition}:iam::${accountId}:${kind}/${principal.provider}` : principal.provider);
      // aws:FederatedProvider is documented for OIDC only ("when an OIDC provider is used to call
      // AssumeRoleWithWebIdentity", reference_policies_condition-keys.html#condition-keys-federatedprovider):
      // an IAM OIDC provider is its ARN; a SAML call carries no such key (docs/aws-semantics-elements.md).
      const own = principal.protocol === "oidc" ? { derived: { ...derived, "aws:FederatedProvider": arn } } : {};
      return { ...withoutOwnPolicies(arn, accountId, []), ...own, federated: principal.protocol };
    }
    case "anonymous":
      return withoutOwnPolicies("anonymous", undefined, []);
  }
}

/**
 * aws:FederatedProvider of the sessions that `caller` makes with sts:AssumeRoleWithWebIdentity: "If
 * you're using a built-in AWS IdP, like Amazon Cognito, ... cognito-identity.amazonaws.com"; "If you're
 * using an IdP that is not built-in to AWS, like GitHub or Amazon EKS, the key value will be ARN"
 * (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-federatedprovider).
 * Undefined for every other caller (SAML included: the page documents the key for OIDC only).
 */
export function federatedProviderOf(caller: Caller): string | undefined {
  const v = caller.federated === "oidc" ? caller.derived["aws:FederatedProvider"] : undefined;
  return typeof v === "string" ? v : undefined;
}

/** Adds organization keys and SCP levels for a caller whose account is in the environment. */
function withOrg(env: Environment, accountId: string, caller: Caller): Caller {
  const org = env.organization;
  const placement = org?.placements.get(accountId);
  if (!org || !placement) return caller;
  const isManagement = org.managementAccount === accountId;
  return {
    ...caller,
    // SCPs do not affect the management account (organizations/latest/userguide/orgs_manage_policies_scps.html).
    scps: isManagement ? [] : placement.scpLevels.map((level) => level.map((p) => p.handle)),
    policies: [...caller.policies, ...(isManagement ? [] : placement.scpLevels.flat())],
  };
}

function lastSegment(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

