/**
 * Graph nodes: a principal, the changes made to it, and its caller with those changes applied. A
 * change affects the principal's identity policies and boundary (IAM/latest/UserGuide/access_policies_boundaries.html);
 * the session policies of a session already started, and SCPs and RCPs, still apply.
 */
import { callerOf, type Caller } from "../compile/caller.js";
import { compilePolicy } from "../index.js";
import { identity } from "../model/principal-sets.js";
import type { Environment, LoadedPolicy, Principal, SessionSpec } from "../model/types.js";
import type { Change, GraphNode } from "./types.js";

/** The principal's identity without its session: a role's ARN, a user's ARN, an account, a service. */
export function principalKey(p: Principal): string {
  return p.kind === "role-session" ? p.role.arn : identity(p);
}

/** `role/deploy (111122223333)`, `user/alice (...)`, or the principal as written for the others. */
export function principalLabel(p: Principal): string {
  if (p.kind === "user") return `user/${p.user.name} (${p.user.accountId})`;
  if (p.kind === "role-session") return `role/${p.role.name} (${p.role.accountId})`;
  return p.written;
}

/** The session a web-identity provider makes of a role (sts:AssumeRoleWithWebIdentity): it carries aws:FederatedProvider. */
export function webIdentitySession(provider: string): SessionSpec {
  return { name: "iam-spec", policies: [], tags: {}, federatedProvider: provider };
}

export function makeNode(env: Environment, principal: Principal, changes: readonly Change[] = [], session?: SessionSpec): GraphNode {
  const sorted = [...changes].sort((a, b) => a.id.localeCompare(b.id));
  const base = callerOf(principal, env, session);
  const withSession = session && (session.policies.length > 0 || Object.keys(session.tags).length > 0) ? `#${session.name}` : "";
  // A session made by sts:AssumeRoleWithWebIdentity carries aws:FederatedProvider into every request
  // it makes, as in a may / mayNot (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-federatedprovider):
  // another node than the role's other sessions.
  // So does a source identity, which the session keeps in every request and every role it chains to
  // (IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html).
  const provider = session?.federatedProvider;
  const source = session?.sourceIdentity;
  const key = `${principalKey(principal)}${withSession}${provider !== undefined ? `~${provider}` : ""}${source !== undefined ? `^${source}` : ""}${sorted.map((c) => `|${c.id}`).join("")}`;
  const label = `${principalLabel(principal)}${provider !== undefined ? ` (web-identity session of ${provider})` : ""}${source !== undefined ? ` (source identity ${source})` : ""}${sorted.map((c) => ` + ${c.label}`).join("")}`;
  const entity = principal.kind === "user" ? principal.user : principal.kind === "role-session" ? principal.role : undefined;
  return {
    key,
    principal,
    changes: sorted,
    label,
    accountId: entity?.accountId ?? (principal.kind === "root" ? principal.accountId : undefined),
    entity,
    ...(session ? { session } : {}),
    caller: sorted.reduce(applyChange, base),
  };
}

function applyChange(caller: Caller, change: Change): Caller {
  switch (change.kind) {
    case "add-policies":
      return {
        ...caller,
        identityPolicies: [...caller.identityPolicies, ...change.policies.map((p) => p.handle)],
        policies: [...caller.policies, ...change.policies],
      };
    case "replace-policy": {
      // The policy may be the principal's permissions boundary too: a new default version changes
      // the boundary (IAM/latest/UserGuide/access_policies_boundaries.html: the delegation example
      // denies iam:CreatePolicyVersion and iam:SetDefaultPolicyVersion on the boundary policy).
      const old = caller.policies.filter((p) => p.arn === change.arn);
      const replaced = new Set<unknown>(old.map((p) => p.handle));
      return {
        ...caller,
        identityPolicies: caller.identityPolicies.map((h) => (replaced.has(h) ? change.with.handle : h)),
        boundary: caller.boundary !== undefined && replaced.has(caller.boundary) ? change.with.handle : caller.boundary,
        policies: [...caller.policies.filter((p) => !old.includes(p)), change.with],
      };
    }
    case "remove-boundary": {
      const boundary = caller.boundary;
      return { ...caller, boundary: undefined, policies: caller.policies.filter((p) => p.handle !== boundary) };
    }
  }
}

export const ADMINISTRATOR_ACCESS_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";

const ALLOW_EVERYTHING = Object.freeze({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});

function identityPolicy(name: string, arn?: string): LoadedPolicy {
  return {
    handle: compilePolicy(ALLOW_EVERYTHING, "identity", { name }),
    name,
    type: "identity",
    origin: arn ? "aws-managed" : "inline",
    ...(arn ? { arn } : {}),
    document: ALLOW_EVERYTHING,
  };
}

let administratorAccess: LoadedPolicy | undefined;
let written: LoadedPolicy | undefined;

/** The AWS managed AdministratorAccess policy (Allow * on *): what a caller allowed to attach any policy attaches. */
export function administratorAccessPolicy(): LoadedPolicy {
  return (administratorAccess ??= identityPolicy(ADMINISTRATOR_ACCESS_ARN, ADMINISTRATOR_ACCESS_ARN));
}

/** A policy document the caller writes itself (an inline policy, a new policy version): Allow * on *. */
export function callerWrittenPolicy(): LoadedPolicy {
  return (written ??= identityPolicy("a policy written by the caller (Allow * on *)"));
}

const undeclared = new Map<string, LoadedPolicy>();

/**
 * A version of the customer managed policy `arn` that the environment does not declare (the reading
 * `any` of the open point policy-versions): nothing is known of it, so it is taken to allow
 * everything. It stands for the policy (same ARN), as a version made the default does.
 */
export function undeclaredVersionPolicy(arn: string): LoadedPolicy {
  let p = undeclared.get(arn);
  if (!p) {
    const name = `an undeclared version of ${arn} (taken to allow * on *)`;
    undeclared.set(arn, (p = { ...identityPolicy(name), origin: "customer-managed", arn }));
  }
  return p;
}
