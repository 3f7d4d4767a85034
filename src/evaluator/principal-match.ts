/**
 * Does a Principal / NotPrincipal element cover the caller?
 * IAM/latest/UserGuide/reference_policies_elements_principal.html,
 * IAM/latest/UserGuide/reference_policies_elements_notprincipal.html.
 */
import type { PrincipalSet } from "../policy/principal-element.js";
import type { RequestPrincipal } from "./request-principal.js";

/**
 * How specifically a resource policy named the caller. It matters for same-account grants
 * (IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html): a grant to the
 * user or session ARN is not limited by an implicit deny in a boundary or session policy, a grant to the
 * role ARN is, and a grant to the account delegates to the account's identity-based policies.
 */
export const Grant = { None: 0, Account: 1, Role: 2, Direct: 3 } as const;
export type Grant = (typeof Grant)[keyof typeof Grant];

export function principalGrant(set: PrincipalSet, p: RequestPrincipal): Grant {
  // "*" names everyone but not the caller's own ARN; whether it escapes a boundary or session policy
  // is the open point principal-star-boundary, whose default reading is this one (decide.ts applies
  // the reading chosen for a request).
  if (set.any) return p.isIam ? Grant.Role : Grant.Direct;
  switch (p.kind) {
    case "user":
      if (set.users.has(p.nameKey!)) return Grant.Direct;
      return set.accounts.has(p.account) ? Grant.Account : Grant.None;
    case "assumed-role":
      if (set.sessions.has(p.arn)) return Grant.Direct;
      if (set.roles.has(p.nameKey!)) return Grant.Role;
      return set.accounts.has(p.account) ? Grant.Account : Grant.None;
    case "federated-user":
      if (set.sessions.has(p.arn)) return Grant.Direct;
      return set.accounts.has(p.account) ? Grant.Account : Grant.None;
    case "root":
      return set.accounts.has(p.account) ? Grant.Account : Grant.None;
    case "service":
      return set.services.has(p.arn) ? Grant.Direct : Grant.None;
    case "web-identity":
    case "saml":
      return set.federated.has(p.arn) ? Grant.Direct : Grant.None;
    case "anonymous":
      return Grant.None;
  }
}

/** For each identity AWS evaluates for the caller (account, user, role, session, ...): is it listed? */
function identitiesListed(set: PrincipalSet, p: RequestPrincipal): boolean[] {
  switch (p.kind) {
    case "user":
      return [set.accounts.has(p.account), set.users.has(p.nameKey!)];
    case "assumed-role":
      return [set.accounts.has(p.account), set.roles.has(p.nameKey!), set.sessions.has(p.arn)];
    case "federated-user":
      return [set.accounts.has(p.account), set.sessions.has(p.arn)];
    case "root":
      return [set.accounts.has(p.account)];
    case "service":
      return [set.services.has(p.arn)];
    case "web-identity":
    case "saml":
      return [set.federated.has(p.arn)];
    case "anonymous":
      return [false];
  }
}

/**
 * Whether NotPrincipal names the caller by any of its identities: in an Allow statement such a caller
 * is left out (elements_notprincipal.html: "allows all principals except the one named").
 */
export function notPrincipalNames(set: PrincipalSet, p: RequestPrincipal): boolean {
  return set.any || identitiesListed(set, p).some(Boolean);
}

/**
 * NotPrincipal exempts a caller from a Deny only when every identity AWS evaluates for it is listed:
 * for a role session the session ARN, the role ARN and the account; for a user the user ARN and the
 * account (elements_notprincipal.html: "you must also include the account ARN ... and the role ARN").
 */
export function notPrincipalExempts(set: PrincipalSet, p: RequestPrincipal): boolean {
  return set.any || identitiesListed(set, p).every(Boolean);
}
