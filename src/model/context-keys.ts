/**
 * The request context keys AWS derives from the principal and from the resource (contract section 2),
 * with the values AWS documents per principal type
 * (IAM/latest/UserGuide/reference_policies_condition-keys.html, and the table of aws:username /
 * aws:userid / aws:PrincipalType values per principal in
 * IAM/latest/UserGuide/reference_policies_variables.html#principaltable):
 *
 * | principal | aws:PrincipalType | aws:userid | aws:username |
 * | root user | Account | account id | - |
 * | IAM user | User | unique id (AIDA...) | user name |
 * | role session (incl. web identity / SAML) | AssumedRole | role-id:session-name | - |
 * | STS federated user | FederatedUser | account:caller-specified-name | - |
 * | anonymous | Anonymous | anonymous | - |
 *
 * aws:PrincipalAccount is `anonymous` for an anonymous caller. aws:FederatedProvider is on the sessions
 * of roles assumed with sts:AssumeRoleWithWebIdentity (and on that call itself: src/compile/caller.ts).
 *
 * aws:PrincipalArn is the role's ARN (not the session's) for a role session. aws:PrincipalIsAWSService
 * is true only for service principals, which carry aws:PrincipalServiceName and no account keys.
 * aws:PrincipalTag/* are the user's or role's tags, overridden by session tags with the same key
 * (IAM/latest/UserGuide/id_session-tags.html). Org keys exist only for members of the organization.
 * Keys AWS does not set for a kind of principal are left out (absent), never guessed.
 */
import { partitionOf } from "./arn.js";
import { arnField, splitArn } from "../match/arn.js";
import type { ContextValue } from "../types.js";
import { lookupResource, type ResourceLookup } from "./resources.js";
import { serviceResourceTagPrefix } from "../data/condition-keys.js";
import type { Environment, Principal, Tags } from "./types.js";

export type DerivedContext = Record<string, ContextValue>;

export interface SessionInfo {
  readonly name?: string;
  readonly tags?: Tags;
  readonly sourceIdentity?: string;
  /**
   * aws:FederatedProvider of a session made by sts:AssumeRoleWithWebIdentity: the IAM OIDC provider's
   * ARN, or the built-in provider's name (`cognito-identity.amazonaws.com`). Set by src/compile/chain.ts.
   */
  readonly federatedProvider?: string;
}

function orgKeys(env: Environment, accountId: string, prefix: "Principal" | "Resource", out: DerivedContext): void {
  const org = env.organization;
  const placement = org?.placements.get(accountId);
  if (!org || !placement) return;
  out[`aws:${prefix}OrgID`] = org.id;
  // Multi-valued in AWS (a list), though an account has one path.
  out[`aws:${prefix}OrgPaths`] = [placement.orgPath];
}

function tagKeys(prefix: string, tags: Tags, out: DerivedContext): void {
  for (const [k, v] of Object.entries(tags)) out[`${prefix}/${k}`] = v;
}

/** Context keys that follow from the principal (for a role session, from its session too). */
export function principalContextKeys(env: Environment, p: Principal, session: SessionInfo = {}): DerivedContext {
  const out: DerivedContext = {};
  const account = (id: string) => {
    out["aws:PrincipalAccount"] = id;
    out["aws:PrincipalIsAWSService"] = false;
    orgKeys(env, id, "Principal", out);
  };
  switch (p.kind) {
    case "user":
      out["aws:PrincipalArn"] = p.user.arn;
      account(p.user.accountId);
      out["aws:PrincipalType"] = "User";
      out["aws:username"] = p.user.name;
      out["aws:userid"] = p.user.uniqueId;
      tagKeys("aws:PrincipalTag", p.user.tags, out);
      break;
    case "role-session": {
      const name = p.sessionName ?? session.name ?? "iam-spec";
      out["aws:PrincipalArn"] = p.role.arn;
      account(p.role.accountId);
      out["aws:PrincipalType"] = "AssumedRole";
      out["aws:userid"] = `${p.role.uniqueId}:${name}`;
      tagKeys("aws:PrincipalTag", { ...p.role.tags, ...(session.tags ?? {}) }, out);
      if (session.sourceIdentity !== undefined) out["aws:SourceIdentity"] = session.sourceIdentity;
      // "present in the role-session of a role that was assumed using OpenID Connect (OIDC) provider"
      // (reference_policies_condition-keys.html#condition-keys-federatedprovider).
      if (session.federatedProvider !== undefined) out["aws:FederatedProvider"] = session.federatedProvider;
      break;
    }
    case "root":
      out["aws:PrincipalArn"] = p.arn;
      account(p.accountId);
      out["aws:PrincipalType"] = "Account";
      out["aws:userid"] = p.accountId;
      break;
    case "external-account":
      // Some principal of an unknown account: only its account is known, and, for the stand-in of
      // another organization, that organization (an account in one has both keys:
      // IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid).
      account(p.accountId);
      if (p.orgId !== undefined) {
        out["aws:PrincipalOrgID"] = p.orgId;
        out["aws:PrincipalOrgPaths"] = [`${p.orgId}/r-iams/`];
      }
      break;
    case "external-arn": {
      account(p.accountId);
      const name = p.arn.slice(p.arn.lastIndexOf("/") + 1);
      if (p.resourceType === "user") {
        out["aws:PrincipalArn"] = p.arn;
        out["aws:PrincipalType"] = "User";
        out["aws:username"] = name;
      } else if (p.resourceType === "role") {
        out["aws:PrincipalArn"] = p.arn;
        out["aws:PrincipalType"] = "AssumedRole";
        tagKeys("aws:PrincipalTag", session.tags ?? {}, out);
      } else if (p.resourceType === "assumed-role") {
        const [, roleName] = (splitArn(p.arn)?.[5] ?? "").split("/");
        out["aws:PrincipalArn"] = `arn:${partitionOf(p.arn)}:iam::${p.accountId}:role/${roleName ?? ""}`;
        out["aws:PrincipalType"] = "AssumedRole";
      } else {
        out["aws:PrincipalArn"] = p.arn;
        out["aws:PrincipalType"] = "FederatedUser";
        out["aws:userid"] = `${p.accountId}:${name}`;
      }
      break;
    }
    case "service":
      out["aws:PrincipalIsAWSService"] = true;
      out["aws:PrincipalServiceName"] = p.service;
      // Multivalued: "a list of all service principal names that belong to the service"
      // (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalservicenameslist).
      out["aws:PrincipalServiceNamesList"] = [p.service];
      break;
    case "federated":
      // The caller of AssumeRoleWith{WebIdentity,SAML} is unsigned: its keys are the provider's
      // claims (token.actions.githubusercontent.com:sub, saml:aud, ...), given in `when`.
      break;
    case "anonymous":
      // aws:PrincipalAccount: "For anonymous requests, the request context returns `anonymous`"; it is
      // "included in the request context for all requests, including anonymous requests"
      // (reference_policies_condition-keys.html#condition-keys-principalaccount).
      out["aws:PrincipalAccount"] = "anonymous";
      out["aws:PrincipalType"] = "Anonymous";
      out["aws:userid"] = "anonymous";
      break;
  }
  return out;
}

/** Context keys that follow from the resource: its owner account, the owner's org, its tags. */
export function resourceContextKeys(env: Environment, arn: string, found: ResourceLookup = lookupResource(env, arn)): DerivedContext {
  const out: DerivedContext = {};
  if (found.accountId !== undefined) {
    out["aws:ResourceAccount"] = found.accountId;
    orgKeys(env, found.accountId, "Resource", out);
  }
  // Tags belong to the exact resource (an object does not carry its bucket's tags).
  const tags = found.resource && found.resource.arn === arn ? found.resource.tags : found.principal?.tags;
  if (tags) {
    tagKeys("aws:ResourceTag", tags, out);
    // A service with a resource-tag key of its own (ec2:ResourceTag/*, iam:ResourceTag/*, ...) sets it
    // from the same tags (data/condition-keys.ts serviceResourceTagPrefix).
    const own = serviceResourceTagPrefix((arn.startsWith("arn:") && arnField(arn, 2)) || "");
    if (own) tagKeys(own, tags, out);
  }
  return out;
}

