/**
 * The fuzzed principal forms of `as` (`"*"`, `{ from }`, `{ notFrom }`: contract section 4), enumerated
 * deterministically so that every kind is tried and a run is reproducible: every user and role of the
 * environment in scope, root users only with `includeRoot`, and for scopes reaching outside the
 * environment one principal of an unknown account, the outside accounts and principal ARNs that the
 * policies name (a grant to `444455556666` is only found by a caller of 444455556666), the service and
 * federated principals the policies name, and an anonymous caller. `except` removes any of them. The
 * fuzzer then varies what a caller may choose about itself (the session name, see session-names.ts).
 */
import { WEB_IDENTITY_PROVIDERS } from "../evaluator/request-principal.js";
import { membersOf } from "../model/principal-sets.js";
import type { Environment, Principal, PrincipalSet } from "../model/types.js";

/** An account id no real environment uses, standing for "some account outside the environment". */
export const UNKNOWN_ACCOUNT = "000000000000";
const DEFAULT_SERVICE = "lambda.amazonaws.com";

export function enumeratePrincipals(set: PrincipalSet, env: Environment, policyDocs: readonly unknown[]): Principal[] {
  const members = membersOf(env, set);
  const out: Principal[] = [...members.known];
  const scope = set.scope;
  const excluded = (p: Principal) => set.except.some((e) => sameCaller(e, p));
  const add = (p: Principal) => {
    // The stand-ins of one unknown account in different organizations are different callers.
    const sameOrg = (q: Principal) => q.kind !== "external-account" || p.kind !== "external-account" || q.orgId === p.orgId;
    if (!excluded(p) && !out.some((q) => sameCaller(q, p) && sameOrg(q))) out.push(p);
  };
  const named = namedPrincipals(policyDocs);
  if (scope.kind === "account" && set.mode === "from" && !env.accounts.has(scope.accountId)) {
    // Some principal of that account, and the principals of it that the policies name (a grant to
    // arn:aws:iam::444455556666:role/partner is only found by that role).
    add({ kind: "external-account", accountId: scope.accountId, written: scope.accountId });
    for (const { arn, accountId, type } of named.arns) if (accountId === scope.accountId) add({ kind: "external-arn", accountId, arn, resourceType: type, written: arn });
    if (set.includeRoot) {
      const arn = `arn:aws:iam::${scope.accountId}:root`;
      add({ kind: "root", accountId: scope.accountId, arn, written: arn });
    }
  }
  if (members.unknownAccount !== undefined) {
    add({ kind: "external-account", accountId: members.unknownAccount, written: members.unknownAccount });
    // An unknown account may belong to another organization: a principal of it carries that
    // organization's aws:PrincipalOrgID, which a pattern such as StringLike o-* matches. One stand-in
    // per organization id the policies' conditions name (their wildcards filled), and one that none names.
    for (const orgId of otherOrganizations(policyDocs, env.organization?.id)) add({ kind: "external-account", accountId: members.unknownAccount, orgId, written: members.unknownAccount });
    // Outside accounts the policies name, and their principals: in "*" and in a notFrom they are outside.
    const outside = (account: string) =>
      !env.accounts.has(account) &&
      (scope.kind === "any" ||
        (set.mode === "notFrom" && (scope.kind === "account" ? account !== scope.accountId : !env.organization?.placements.has(account) || env.organization.id !== scope.orgId)));
    for (const account of named.accounts) if (outside(account)) add({ kind: "external-account", accountId: account, written: account });
    // A role's session ARN is left to callerOf, which names the session like any other.
    for (const { arn, accountId, type } of named.arns) if (outside(accountId)) add({ kind: "external-arn", accountId, arn, resourceType: type, written: arn });
  }
  if (members.services) {
    for (const service of named.services.length > 0 ? named.services : [DEFAULT_SERVICE]) add({ kind: "service", service, written: service });
  }
  if (members.federated) {
    for (const arn of named.federated) {
      if (WEB_IDENTITY_PROVIDERS.has(arn.toLowerCase())) {
        add({ kind: "federated", protocol: "oidc", provider: arn.toLowerCase(), written: arn });
        continue;
      }
      const m = /^arn:[^:]+:iam::(\d{12}):(oidc|saml)-provider\/(.+)$/.exec(arn);
      if (!m) continue;
      add({ kind: "federated", protocol: m[2] === "oidc" ? "oidc" : "saml", provider: m[3]!, accountId: m[1]!, arn, written: arn });
    }
  }
  if (members.anonymous) add({ kind: "anonymous", written: "anonymous" });
  return out;
}

/**
 * Whether two principals are the same caller for `except`: a role stands for all its sessions, a
 * bare `{ federated: host }` for that provider in any account, an account id for its stand-in caller.
 */
function sameCaller(a: Principal, b: Principal): boolean {
  switch (a.kind) {
    case "service":
      return b.kind === "service" && a.service.toLowerCase() === b.service.toLowerCase();
    case "federated":
      return b.kind === "federated" && a.provider === b.provider && (a.accountId === undefined || b.accountId === undefined || a.accountId === b.accountId);
    case "external-account":
      return b.kind === "external-account" && a.accountId === b.accountId && (a.orgId === undefined || a.orgId === b.orgId);
    case "external-arn":
      return b.kind === "external-arn" && a.arn === b.arn;
    case "anonymous":
      return b.kind === "anonymous";
    case "user":
      return b.kind === "user" && a.user.arn === b.user.arn;
    case "role-session":
      return b.kind === "role-session" && a.role.arn === b.role.arn && (a.sessionName === undefined || a.sessionName === b.sessionName);
    case "root":
      return b.kind === "root" && a.arn === b.arn;
  }
}

interface NamedArn {
  arn: string;
  accountId: string;
  type: "user" | "role";
}

/** Service, Federated and outside-AWS principals named in Principal elements of `docs`, each once, sorted. */
type Named = { services: string[]; federated: string[]; accounts: string[]; arns: NamedArn[] };
const namedByDocs = new WeakMap<readonly unknown[], Named>();

/** The principals the documents name; a list of documents the caller keeps is read once. */
function namedPrincipals(docs: readonly unknown[]): Named {
  let named = namedByDocs.get(docs);
  if (!named) namedByDocs.set(docs, (named = readNamedPrincipals(docs)));
  return named;
}

function readNamedPrincipals(docs: readonly unknown[]): Named {
  const services = new Set<string>();
  const federated = new Set<string>();
  const accounts = new Set<string>();
  const arns = new Map<string, NamedArn>();
  for (const doc of docs) {
    const raw = (doc as { Statement?: unknown } | null)?.Statement;
    for (const st of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
      const principal = (st as { Principal?: unknown } | null)?.Principal;
      if (typeof principal !== "object" || principal === null) continue;
      const { Service, Federated, AWS } = principal as { Service?: unknown; Federated?: unknown; AWS?: unknown };
      for (const s of [Service].flat()) if (typeof s === "string" && !s.includes("*")) services.add(s);
      for (const f of [Federated].flat()) if (typeof f === "string" && !f.includes("*")) federated.add(f);
      for (const a of [AWS].flat()) {
        if (typeof a !== "string" || /[*?]/.test(a)) continue;
        if (/^\d{12}$/.test(a)) {
          accounts.add(a);
          continue;
        }
        const m = /^arn:aws[\w-]*:iam::(\d{12}):(root|(user|role)\/.+)$/.exec(a);
        if (!m) continue;
        accounts.add(m[1]!);
        if (m[3]) arns.set(a, { arn: a, accountId: m[1]!, type: m[3] as "user" | "role" });
      }
    }
  }
  return {
    services: [...services].sort(),
    federated: [...federated].sort(),
    accounts: [...accounts].sort(),
    arns: [...arns.values()].sort((x, y) => (x.arn < y.arn ? -1 : x.arn > y.arn ? 1 : 0)),
  };
}

/** An organization id no real organization has (o- and 10 to 32 lower-case letters or digits). */
const OTHER_ORG = "o-iamspec0000";

/**
 * The organizations other than the environment's that the documents' aws:PrincipalOrgID conditions
 * name, wildcards filled so that the id keeps AWS's shape, and OTHER_ORG: the organizations a principal
 * of an unknown account may belong to, as far as any policy can tell them apart.
 */
const otherOrgsByDocs = new WeakMap<readonly unknown[], Map<string | undefined, string[]>>();
function otherOrganizations(docs: readonly unknown[], own: string | undefined): string[] {
  // Read once per list of documents (a run of many fuzzed expectations must not rescan every policy).
  let byOwn = otherOrgsByDocs.get(docs);
  if (!byOwn) otherOrgsByDocs.set(docs, (byOwn = new Map()));
  let known = byOwn.get(own);
  if (!known) byOwn.set(own, (known = readOtherOrganizations(docs, own)));
  return known;
}

function readOtherOrganizations(docs: readonly unknown[], own: string | undefined): string[] {
  const out = new Set<string>([OTHER_ORG]);
  const visit = (node: unknown, underOrgKey: boolean): void => {
    if (typeof node === "string") {
      if (underOrgKey && /^o-[a-z0-9*?]*$/i.test(node)) out.add(node.replace(/\*/g, "iamspec0000").replace(/\?/g, "0").toLowerCase());
      return;
    }
    if (Array.isArray(node)) return node.forEach((n) => visit(n, underOrgKey));
    if (typeof node !== "object" || node === null) return;
    for (const [k, v] of Object.entries(node)) visit(v, underOrgKey || /^aws:principalorgid$/i.test(k));
  };
  for (const doc of docs) visit((doc as { Statement?: unknown } | null)?.Statement, false);
  if (own !== undefined) out.delete(own);
  return [...out].sort();
}
