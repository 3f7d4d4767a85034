/**
 * The members of a fuzzed principal set (`"*"`, `{ from }`, `{ notFrom }`, contract section 4): the
 * environment's own principals that fall inside it, and which kinds of outside callers it includes
 * (the fuzzer picks concrete ones of those: services and providers named in the policies, say).
 */
import type { Environment, Principal, PrincipalScope, PrincipalSet } from "./types.js";

export interface SetMembers {
  /** Users, role sessions (session name left to the compiler), roots (with includeRoot), member accounts outside the environment. */
  readonly known: readonly Principal[];
  /** An account id in neither the environment nor the organization, when principals of unknown accounts are in the set. */
  readonly unknownAccount?: string;
  readonly services: boolean;
  readonly federated: boolean;
  readonly anonymous: boolean;
}

/** Identity of a principal for `except`: a role (written without a session) stands for all its sessions. */
export function identity(p: Principal): string {
  switch (p.kind) {
    case "user":
      return p.user.arn;
    case "role-session":
      return p.sessionName ? `${p.role.arn}#${p.sessionName}` : p.role.arn;
    case "root":
      return p.arn;
    case "external-account":
      return `account:${p.accountId}`;
    case "external-arn":
      return p.arn;
    case "service":
      return `service:${p.service}`;
    case "federated":
      return `federated:${p.arn ?? p.provider}`;
    case "anonymous":
      return "anonymous";
  }
}

function accountOf(p: Principal): string | undefined {
  switch (p.kind) {
    case "user":
      return p.user.accountId;
    case "role-session":
      return p.role.accountId;
    case "root":
    case "external-account":
    case "external-arn":
      return p.accountId;
    default:
      return undefined;
  }
}

/** Every principal the environment knows, with roots and the organization's member accounts outside it. */
function everyone(env: Environment, includeRoot: boolean): Principal[] {
  const out: Principal[] = [];
  for (const a of env.accounts.values()) {
    for (const user of a.users.values()) out.push({ kind: "user", user, written: user.arn });
    for (const role of a.roles.values()) out.push({ kind: "role-session", role, written: role.arn });
    if (includeRoot) {
      const arn = `arn:${a.partition ?? "aws"}:iam::${a.id}:root`;
      out.push({ kind: "root", accountId: a.id, arn, account: a, written: arn });
    }
  }
  for (const id of env.organization?.placements.keys() ?? []) {
    if (!env.accounts.has(id)) out.push({ kind: "external-account", accountId: id, written: id });
  }
  return out;
}

/** An account id used by nobody in the environment or the organization, and not `avoid` (a set's own scope). */
export function unusedAccountId(env: Environment, avoid?: string): string {
  for (let n = 4444; n < 10000; n++) {
    const id = `${n}${n + 1111}${n + 2222}`.slice(0, 12);
    if (id !== avoid && !env.accounts.has(id) && !env.organization?.placements.has(id)) return id;
  }
  return "000000000000";
}

/** Whether `p` is inside the scope of a set (`from: "*"`, an account, or the organization). */
export function inScope(env: Environment, scope: PrincipalScope, p: Principal): boolean {
  const account = accountOf(p);
  if (scope.kind === "any") return true;
  if (scope.kind === "account") return account === scope.accountId;
  return account !== undefined && env.organization?.id === scope.orgId && env.organization.placements.has(account);
}

export function membersOf(env: Environment, set: PrincipalSet): SetMembers {
  const scope = set.scope;
  const inSet = (p: Principal) => inScope(env, scope, p);
  const excluded = new Set(set.except.map(identity));
  const roleExcluded = (p: Principal) => p.kind === "role-session" && excluded.has(p.role.arn);
  const all = everyone(env, set.includeRoot);
  const known = all.filter((p) => (set.mode === "from" ? inSet(p) : !inSet(p)) && !excluded.has(identity(p)) && !roleExcluded(p));
  // Outside callers: in "*" and in every notFrom; never in a from of an account or organization.
  const outside = scope.kind === "any" || set.mode === "notFrom";
  // A notFrom of an account outside the environment must never yield a principal of that account.
  const unknownAccount = unusedAccountId(env, scope.kind === "account" ? scope.accountId : undefined);
  return {
    known,
    ...(outside && !excluded.has(`account:${unknownAccount}`) ? { unknownAccount } : {}),
    services: outside,
    federated: outside,
    anonymous: outside && !excluded.has("anonymous"),
  };
}
