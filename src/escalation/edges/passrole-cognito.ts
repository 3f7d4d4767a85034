/**
 * iam:PassRole + Amazon Cognito identity pools: the caller makes a role of its account the
 * authenticated or unauthenticated role of an identity pool (cognito-identity:SetIdentityPoolRoles,
 * cognitoidentity/latest/APIReference/API_SetIdentityPoolRoles.html), which needs iam:PassRole on it
 * (cognito/latest/developerguide/role-based-access-control.html, "Granting pass role permission").
 * The pool's identities, the caller's among them, then get the role's credentials: Cognito calls
 * sts:AssumeRoleWithWebIdentity with a token it issues (cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html),
 * so the role's trust policy must let the federated principal cognito-identity.amazonaws.com assume it
 * (cognito/latest/developerguide/iam-roles.html). pathfinding.cloud cognitoidentity-001.
 *
 * iam:PassedToService is cognito-identity.amazonaws.com: the value AWS's own managed policies for this
 * call grant (aws-managed-policy/latest/reference/AmazonOpenSearchServiceCognitoAccess.html and
 * AmazonESCognitoAccess.html: iam:PassRole with StringLike iam:PassedToService cognito-identity.amazonaws.com,
 * next to cognito-identity:SetIdentityPoolRoles). The service authorization reference gives
 * SetIdentityPoolRoles no resource type: the request names none.
 *
 * Identity pools are not in the environment: a pool of the caller's account whose ID the trust
 * policy names (`cognito-identity.amazonaws.com:aud`), and an identity of the caller's in it
 * (unauthenticated, or through a login the caller has: `cognito-identity.amazonaws.com:amr`), are
 * taken as possible, so those claims are left free in the last step.
 */
import { federatedProviderOf } from "../../compile/caller.js";
import { attempt, resourceFor } from "../attempt.js";
import { webIdentitySession } from "../nodes.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";

const COGNITO = "cognito-identity.amazonaws.com";
const SET_ROLES = "cognito-identity:SetIdentityPoolRoles";
const ASSUME = "sts:AssumeRoleWithWebIdentity";

export const passRoleCognito: EdgeChecker = {
  id: "passrole-cognito-identity",
  attempts(from: GraphNode, g: GraphContext): Attempt[] {
    const account = from.accountId;
    if (account === undefined || !from.entity) return [];
    const pool = g.node({ kind: "federated", protocol: "oidc", provider: COGNITO, written: COGNITO });
    const out: Attempt[] = [];
    for (const role of g.trust.rolesFor(pool.caller)) {
      if (role === from.entity || role.accountId !== account) continue;
      // A session made by sts:AssumeRoleWithWebIdentity: it carries aws:FederatedProvider, the pool's provider
      // (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-federatedprovider).
      const provider = federatedProviderOf(pool.caller);
      const to = g.node({ kind: "role-session", role, written: role.arn }, [], provider !== undefined ? webIdentitySession(provider) : undefined);
      out.push(
        attempt(g, from, to, `iam:PassRole + ${SET_ROLES} + ${ASSUME}`, [
          { action: "iam:PassRole", resource: role.arn, pinned: { "iam:PassedToService": COGNITO } },
          { action: SET_ROLES, resource: resourceFor(SET_ROLES, account) },
          { action: ASSUME, resource: role.arn, by: pool },
        ]),
      );
    }
    return out;
  },
};
