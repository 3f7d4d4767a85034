/**
 * The fuzzed principal forms of `as` (`"*"`, `{ from }`, `{ notFrom }`: contract section 4), enumerated
 * deterministically: every user and role of the environment in scope, root users only with
 * `includeRoot`, and for scopes reaching outside the environment one principal of an unknown account,
 * the service and federated principals the policies name, and an anonymous caller. Issue 4's fuzzer
 * replaces this list with a generator behind the same RequestSource interface.
 */
import type { Environment, Principal, PrincipalSet } from "../model/types.js";

/** An account id no real environment uses, standing for "some account outside the environment". */
export const UNKNOWN_ACCOUNT = "000000000000";
const DEFAULT_SERVICE = "lambda.amazonaws.com";

export function enumeratePrincipals(set: PrincipalSet, env: Environment, policyDocs: readonly unknown[]): Principal[] {
  const inScope = (accountId: string | undefined): boolean => {
    const s = set.scope;
    const inside =
      s.kind === "any" ||
      (accountId !== undefined &&
        (s.kind === "account" ? accountId === s.accountId : env.organization?.id === s.orgId && env.organization.placements.has(accountId)));
    return set.mode === "from" ? inside : !inside;
  };
  const out: Principal[] = [];
  for (const account of env.accounts.values()) {
    if (!inScope(account.id)) continue;
    for (const user of account.users.values()) out.push({ kind: "user", user, written: user.arn });
    for (const role of account.roles.values()) out.push({ kind: "role-session", role, written: role.arn });
    if (set.includeRoot) {
      const arn = `arn:aws:iam::${account.id}:root`;
      out.push({ kind: "root", accountId: account.id, arn, account, written: arn });
    }
  }
  const scope = set.scope;
  if (scope.kind === "account" && set.mode === "from" && !env.accounts.has(scope.accountId)) {
    out.push({ kind: "external-account", accountId: scope.accountId, written: scope.accountId });
  }
  const outside = set.mode === "notFrom" || scope.kind === "any";
  if (outside) {
    const unknown = scope.kind === "account" && set.mode === "notFrom" && scope.accountId === UNKNOWN_ACCOUNT ? "000000000001" : UNKNOWN_ACCOUNT;
    if (!env.accounts.has(unknown)) out.push({ kind: "external-account", accountId: unknown, written: unknown });
    const named = namedPrincipals(policyDocs);
    for (const service of named.services.length > 0 ? named.services : [DEFAULT_SERVICE]) {
      out.push({ kind: "service", service, written: service });
    }
    for (const arn of named.federated) {
      const m = /^arn:[^:]+:iam::(\d{12}):(oidc|saml)-provider\/(.+)$/.exec(arn);
      if (m) out.push({ kind: "federated", protocol: m[2] === "oidc" ? "oidc" : "saml", provider: m[3]!, accountId: m[1]!, arn, written: arn });
    }
    out.push({ kind: "anonymous", written: "anonymous" });
  }
  return out.filter((p) => !set.except.some((e) => samePrincipal(e, p)));
}

function samePrincipal(a: Principal, b: Principal): boolean {
  return identity(a) === identity(b);
}

function identity(p: Principal): string {
  switch (p.kind) {
    case "user":
      return p.user.arn;
    case "role-session":
      return p.role.arn;
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

/** Service and Federated principals named in Principal elements of `docs`, each once, sorted. */
function namedPrincipals(docs: readonly unknown[]): { services: string[]; federated: string[] } {
  const services = new Set<string>();
  const federated = new Set<string>();
  for (const doc of docs) {
    const raw = (doc as { Statement?: unknown } | null)?.Statement;
    for (const st of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
      const principal = (st as { Principal?: unknown } | null)?.Principal;
      if (typeof principal !== "object" || principal === null) continue;
      const { Service, Federated } = principal as { Service?: unknown; Federated?: unknown };
      for (const s of [Service].flat()) if (typeof s === "string" && !s.includes("*")) services.add(s);
      for (const f of [Federated].flat()) if (typeof f === "string" && !f.includes("*")) federated.add(f);
    }
  }
  return { services: [...services].sort(), federated: [...federated].sort() };
}
