/**
 * The fuzzed principal forms of `as` (`"*"`, `{ from }`, `{ notFrom }`: contract section 4), enumerated
 * deterministically: every user and role of the environment in scope, root users only with
 * `includeRoot`, and for scopes reaching outside the environment one principal of an unknown account,
 * the service and federated principals the policies name, and an anonymous caller. Issue 4's fuzzer
 * replaces this list with a generator behind the same RequestSource interface.
 */
import { membersOf } from "../model/principal-sets.js";
import type { Environment, Principal, PrincipalSet } from "../model/types.js";

/** An account id no real environment uses, standing for "some account outside the environment". */
export const UNKNOWN_ACCOUNT = "000000000000";
const DEFAULT_SERVICE = "lambda.amazonaws.com";

export function enumeratePrincipals(set: PrincipalSet, env: Environment, policyDocs: readonly unknown[]): Principal[] {
  const members = membersOf(env, set);
  const out: Principal[] = [...members.known];
  const scope = set.scope;
  if (scope.kind === "account" && set.mode === "from" && !env.accounts.has(scope.accountId)) {
    out.push({ kind: "external-account", accountId: scope.accountId, written: scope.accountId });
  }
  if (members.unknownAccount !== undefined) {
    out.push({ kind: "external-account", accountId: members.unknownAccount, written: members.unknownAccount });
  }
  const named = namedPrincipals(policyDocs);
  const excluded = (p: Principal) => set.except.some((e) => e.kind === p.kind && e.written === p.written);
  if (members.services) {
    for (const service of named.services.length > 0 ? named.services : [DEFAULT_SERVICE]) {
      const p: Principal = { kind: "service", service, written: service };
      if (!excluded(p)) out.push(p);
    }
  }
  if (members.federated) {
    for (const arn of named.federated) {
      const m = /^arn:[^:]+:iam::(\d{12}):(oidc|saml)-provider\/(.+)$/.exec(arn);
      if (!m) continue;
      const p: Principal = { kind: "federated", protocol: m[2] === "oidc" ? "oidc" : "saml", provider: m[3]!, accountId: m[1]!, arn, written: arn };
      if (!excluded(p)) out.push(p);
    }
  }
  if (members.anonymous) out.push({ kind: "anonymous", written: "anonymous" });
  return out;
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
