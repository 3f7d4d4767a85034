/**
 * `assumedBy` and `session`: the chain of sts:AssumeRole* requests that produces the session in `as`.
 * Every hop is evaluated like any request (the target role's trust policy is the resource policy, the
 * caller's own permissions and SCPs apply). Limits checked here:
 * - DurationSeconds 900..the role's MaxSessionDuration (STS/latest/APIReference/API_AssumeRole.html);
 * - role chaining caps a session at one hour (IAM/latest/UserGuide/id_roles_terms-and-concepts.html);
 * - session tags need sts:TagSession allowed (IAM/latest/UserGuide/id_session-tags.html); they arrive
 *   as aws:RequestTag/* and aws:TagKeys on the AssumeRole request;
 * - a source identity needs sts:SetSourceIdentity (IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html).
 */
import type { Expectation, LoadedPolicy, Principal, Role, RoleSessionPrincipal } from "../model/types.js";
import { compileWildcard } from "../match/wildcard.js";
import { WEB_IDENTITY_PROVIDERS } from "../evaluator/request-principal.js";
import type { Decision, ExplainedResult } from "../types.js";
import { callerOf, federatedProviderOf, type Caller } from "./caller.js";
import { possiblyAllowed, surelyAllowed } from "./undetermined.js";
import { buildInput, type Evaluator, type World } from "./request.js";
import type { RequestContext } from "./sources.js";

export type ChainOutcome =
  | { ok: true }
  | {
      ok: false;
      /** Why the session in `as` cannot come to exist. */
      message: string;
      /** The hop request that was refused, when an evaluation refused it (not for a duration limit). */
      refused?: { caller: Caller; action: string; resource: string; context: RequestContext; decision: Decision; undetermined?: readonly string[]; explained: ExplainedResult };
    };

const ONE_HOUR = 3600;
const MIN_DURATION = 900;

/** The role the `as` principal is a session of, or undefined. */
export function targetRole(p: Principal): Role | undefined {
  return p.kind === "role-session" ? p.role : undefined;
}

/**
 * Checks every hop of `exp.assumedBy` into the role of `as`, and the session limits. `request` holds
 * the written `when` keys: they describe the circumstances of every hop (an OIDC token's claims, the
 * source IP).
 */
export function checkChain(world: World, exp: Expectation, as: Principal, request: RequestContext, evaluator: Evaluator): ChainOutcome {
  const chain = chainHops(world, exp, as, request);
  if (!chain.ok) return chain;
  for (const hop of chain.hops) {
    const refused = refuse(world, evaluator, exp, hop.caller, hop.action, hop.resource, hop.context);
    if (refused) return { ok: false, message: hop.refusal(refused.shown), refused };
  }
  return { ok: true };
}

/** One request the chain into the session makes: an sts:AssumeRole* hop, or sts:TagSession / SetSourceIdentity on it. */
export interface ChainHop {
  caller: Caller;
  action: string;
  resource: string;
  context: RequestContext;
  /** The failure message when this request is not allowed (given how the answer is shown). */
  refusal(shown: string): string;
}

/**
 * The requests that must all be allowed for the session in `as` to exist (every strategy, the
 * sampler's check and the prover, reads this one list), or why it cannot exist whatever the
 * policies say (a duration limit).
 */
export function chainHops(world: World, exp: Expectation, as: Principal, request: RequestContext): { ok: true; hops: ChainHop[] } | { ok: false; message: string } {
  const role = targetRole(as);
  const session = exp.session;
  const needsHop = exp.assumedBy.length > 0;
  if (!role) {
    // Only an environment role has a trust policy to check; the loader rejects other targets of a chain.
    return { ok: true, hops: [] };
  }
  const duration = session.durationSeconds;
  if (duration !== undefined && (duration < MIN_DURATION || duration > role.maxSessionDuration)) {
    return {
      ok: false,
      message: `session.durationSeconds ${duration} is outside ${MIN_DURATION}..${role.maxSessionDuration}, the maxSessionDuration of ${role.arn}`,
    };
  }
  if (!needsHop) {
    const staticCheck = staticSessionChecks(role, exp);
    return staticCheck.ok ? { ok: true, hops: [] } : staticCheck;
  }

  const out: ChainHop[] = [];
  const hops = [...exp.assumedBy];
  let caller = callerOf(hops[0]!, world.env, undefined, firstTargetAccount(hops, role));
  for (let i = 0; i < hops.length; i++) {
    const last = i === hops.length - 1;
    const next = hops[i + 1];
    const targetPrincipal: Principal = last ? as : next!;
    const target = targetRole(targetPrincipal);
    if (!target) {
      // A role outside the environment: its trust policy is unknown, like its account's identity policies.
      caller = callerOf(targetPrincipal, world.env, undefined);
      continue;
    }
    const action = caller.federated === "oidc" ? "sts:AssumeRoleWithWebIdentity" : caller.federated === "saml" ? "sts:AssumeRoleWithSAML" : "sts:AssumeRole";
    const sessionName = last && targetPrincipal.kind === "role-session" ? (targetPrincipal.sessionName ?? session.name) : "iam-spec";
    const hopRequest: RequestContext = { ...request, "sts:RoleSessionName": sessionName };
    if (last) {
      const tagKeys = Object.keys(session.tags);
      for (const [k, v] of Object.entries(session.tags)) hopRequest[`aws:RequestTag/${k}`] = v;
      if (tagKeys.length > 0) hopRequest["aws:TagKeys"] = tagKeys;
      if (session.sourceIdentity !== undefined) hopRequest["sts:SourceIdentity"] = session.sourceIdentity;
      // A session assuming a role is role chaining: at most one hour.
      if (caller.role && duration !== undefined && duration > ONE_HOUR) {
        return {
          ok: false,
          message: `session.durationSeconds ${duration} exceeds one hour, the limit for role chaining (${caller.principal} assumes ${target.arn})`,
        };
      }
    }
    const from = caller;
    out.push({ caller: from, action, resource: target.arn, context: hopRequest, refusal: (d) => `hop ${i + 1}: ${from.principal} may not ${action} on ${target.arn} (${d})` });
    if (last && Object.keys(session.tags).length > 0) {
      out.push({
        caller: from,
        action: "sts:TagSession",
        resource: target.arn,
        context: hopRequest,
        refusal: (d) => `session tags need sts:TagSession, which is not allowed for ${from.principal} on ${target.arn} (${d})`,
      });
    }
    if (last && session.sourceIdentity !== undefined) {
      out.push({
        caller: from,
        action: "sts:SetSourceIdentity",
        resource: target.arn,
        context: hopRequest,
        refusal: (d) => `session.sourceIdentity needs sts:SetSourceIdentity, which is not allowed for ${from.principal} on ${target.arn} (${d})`,
      });
    }
    const sessionPrincipal: RoleSessionPrincipal = { kind: "role-session", role: target, written: target.arn };
    // A session made with sts:AssumeRoleWithWebIdentity carries aws:FederatedProvider into what it asks next.
    const issuer = federatedProviderOf(from);
    const made = last ? session : issuer !== undefined ? { name: "iam-spec", policies: [], tags: {}, federatedProvider: issuer } : undefined;
    caller = callerOf(last ? targetPrincipal : sessionPrincipal, world.env, made);
  }
  return { ok: true, hops: out };
}

/**
 * The expectation with the session in `as` as AWS makes it: a role assumed with
 * sts:AssumeRoleWithWebIdentity (`assumedBy` is one web-identity provider) has aws:FederatedProvider
 * ("present in the role-session of a role that was assumed using OpenID Connect (OIDC) provider",
 * IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-federatedprovider). A
 * longer chain ends with an sts:AssumeRole by a role session, whose session has no provider.
 */
export function withIssuer(world: World, exp: Expectation, principals: readonly Principal[]): Expectation {
  const first = exp.assumedBy[0];
  if (exp.assumedBy.length !== 1 || first?.kind !== "federated" || principals.length !== 1) return exp;
  const role = targetRole(principals[0]!);
  if (!role) return exp;
  const issuer = federatedProviderOf(callerOf(first, world.env, undefined, role.accountId));
  return issuer === undefined ? exp : { ...exp, session: { ...exp.session, federatedProvider: issuer } };
}

/**
 * The aws:FederatedProvider values of the sessions a web-identity provider can make of `role`: each
 * provider an Allow statement of its trust policy names as `Federated` for
 * sts:AssumeRoleWithWebIdentity (an IAM OIDC provider's ARN, or a built-in provider's name:
 * IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-federatedprovider).
 * A `Federated` with a wildcard names no one provider and is left out.
 */
export function webIdentityProviders(role: Role): string[] {
  const raw = (role.trust?.document as { Statement?: unknown } | undefined)?.Statement;
  const out = new Set<string>();
  for (const s of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
    const st = s as { Effect?: unknown; Action?: unknown; Principal?: unknown };
    if (st.Effect !== "Allow" || typeof st.Principal !== "object" || st.Principal === null) continue;
    const actions = [st.Action].flat().filter((a): a is string => typeof a === "string");
    if (!actions.some((a) => compileWildcard(a, { ignoreCase: true })("sts:assumerolewithwebidentity"))) continue;
    for (const f of [(st.Principal as { Federated?: unknown }).Federated].flat()) {
      if (typeof f !== "string" || /[*?]/.test(f)) continue;
      if (WEB_IDENTITY_PROVIDERS.has(f.toLowerCase())) out.add(f.toLowerCase());
      else if (/^arn:[^:]+:iam::\d{12}:oidc-provider\/./.test(f)) out.add(f);
    }
  }
  return [...out];
}

/** Policies that decide whether the chain into `as` exists, for mining literals. */
export function chainPolicies(world: World, exp: Expectation, as: Principal | undefined): LoadedPolicy[] {
  if (!as || exp.assumedBy.length === 0) return [];
  const out: LoadedPolicy[] = [];
  for (const p of [...exp.assumedBy, as]) {
    const role = targetRole(p);
    if (role?.trust) out.push(role.trust);
    if (p !== as) out.push(...callerOf(p, world.env, undefined).policies);
  }
  return out;
}

/**
 * A hop that is not allowed, or undefined. A hop whose answer depends on an open point
 * (undetermined.ts) exists for a mayNot (some reading lets the chain happen) and not for a may.
 */
function refuse(world: World, evaluator: Evaluator, exp: Expectation, caller: Caller, action: string, resource: string, context: RequestContext) {
  const input = buildInput(world, caller, action, resource, context);
  const result = evaluator.evaluate(input);
  if (exp.effect === "may" ? surelyAllowed(result) : possiblyAllowed(result)) return undefined;
  const { decision, undetermined } = result;
  // How the message shows the answer: the decision, or the open points it depends on.
  const shown = undetermined ? `undetermined: depends on ${undetermined.join(", ")}; choose a reading with assumptions: in the environment` : decision;
  return { caller, action, resource, context, decision, shown, ...(undetermined ? { undetermined } : {}), explained: evaluator.explain(input) };
}

/** `{ federated: host }` names the provider of the account of the role it assumes. */
function firstTargetAccount(hops: readonly Principal[], finalRole: Role): string {
  const next = hops[1];
  return (next && targetRole(next)?.accountId) ?? finalRole.accountId;
}

/**
 * Without `assumedBy` nobody is named as the assumer, so the session features are checked on the trust
 * policy itself: some Allow statement must grant sts:TagSession / sts:SetSourceIdentity.
 */
function staticSessionChecks(role: Role, exp: Expectation): { ok: true } | { ok: false; message: string } {
  const needs: [boolean, string, string][] = [
    [Object.keys(exp.session.tags).length > 0, "sts:TagSession", "session tags"],
    [exp.session.sourceIdentity !== undefined, "sts:SetSourceIdentity", "session.sourceIdentity"],
  ];
  for (const [needed, action, what] of needs) {
    if (needed && !trustAllows(role, action)) {
      return { ok: false, message: `${what} need ${action} in the trust policy of ${role.arn}, which does not allow it` };
    }
  }
  return { ok: true };
}

function trustAllows(role: Role, action: string): boolean {
  const doc = role.trust?.document as { Statement?: unknown } | undefined;
  const raw = doc?.Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return statements.some((s) => {
    const st = s as { Effect?: unknown; Action?: unknown; NotAction?: unknown };
    if (st.Effect !== "Allow") return false;
    const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");
    const matches = (p: string) => compileWildcard(p, { ignoreCase: true })(action.toLowerCase());
    if (st.Action !== undefined) return list(st.Action).some(matches);
    if (st.NotAction !== undefined) return !list(st.NotAction).some(matches);
    return false;
  });
}
