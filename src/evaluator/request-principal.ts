/**
 * Who is asking: the request's principal string (contract section 7) turned into the identities AWS
 * evaluates a Principal element against.
 *
 * IAM/latest/UserGuide/reference_policies_elements_principal.html: a role session is matched by the
 * session ARN, by its role's ARN ("role sessions ... you can specify the role ARN") and by its account;
 * a user by the user ARN and the account; a service principal and an identity provider by name; an
 * anonymous caller only by "*".
 */
import { parseArn } from "../match/arn.js";

export type PrincipalKind =
  | "user"
  | "assumed-role"
  | "federated-user"
  | "root"
  | "service"
  | "web-identity"
  | "saml"
  | "anonymous";

export interface RequestPrincipal {
  kind: PrincipalKind;
  /** The caller's ARN (or service / provider name; "" for anonymous). */
  arn: string;
  /** The caller's account, "" where there is none (service, anonymous, external IdP). */
  account: string;
  /** For a role session: the role's name. */
  roleName?: string;
  /** For a role session: the session name. */
  sessionName?: string;
  /** For a user: the user name (aws:username). */
  userName?: string;
  /** aws:PrincipalArn as AWS sets it: the role ARN for a role session (path only if known). */
  principalArn: string;
  /** aws:PrincipalType (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltype). */
  principalType: string;
  /** Service-linked roles are exempt from SCPs (organizations/latest/userguide/orgs_manage_policies_scps.html). */
  serviceLinkedRole: boolean;
  /** The principal is an IAM identity of an AWS account (the policies of its account apply to it). */
  isIam: boolean;
  /**
   * "PARTITION:ACCOUNT/NAME" of the user or of the session's role: the key Principal elements are indexed
   * by (an ARN names a principal of its partition: IAM/latest/UserGuide/reference-arns.html).
   */
  nameKey?: string;
}

// Web identity providers that are not ARNs (IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity).
export const WEB_IDENTITY_PROVIDERS: ReadonlySet<string> = new Set([
  "cognito-identity.amazonaws.com",
  "accounts.google.com",
  "graph.facebook.com",
  "www.amazon.com",
]);

export class PrincipalParseError extends Error {
  override name = "PrincipalParseError";
}

/** Service-linked roles live under the path /aws-service-role/ (IAM/latest/UserGuide/using-service-linked-roles.html). */
export function isServiceLinkedRoleArn(arn: string | undefined): boolean {
  return arn !== undefined && arn.includes(":role/aws-service-role/");
}

export function parseRequestPrincipal(principal: string): RequestPrincipal {
  if (principal === "anonymous" || principal === "*") {
    return base("anonymous", "", "", "", "Anonymous");
  }
  if (WEB_IDENTITY_PROVIDERS.has(principal.toLowerCase())) {
    return base("web-identity", principal.toLowerCase(), "", principal.toLowerCase(), "WebIdentityUser");
  }
  if (!principal.startsWith("arn:")) {
    if (/^[a-z0-9.-]+\.(amazonaws\.com|amazonaws\.com\.cn|amazon\.com)$/i.test(principal)) {
      const name = principal.toLowerCase();
      return base("service", name, "", name, "AWSService");
    }
    if (/^\d{12}$/.test(principal)) {
      const root = `arn:aws:iam::${principal}:root`;
      return base("root", root, principal, root, "Account", true);
    }
    throw new PrincipalParseError(
      `cannot read principal "${principal}": expected an ARN, a service principal (lambda.amazonaws.com) or "anonymous"`,
    );
  }
  const arn = parseArn(principal);
  if (!arn || !/^\d{12}$/.test(arn.account)) {
    throw new PrincipalParseError(`cannot read principal ARN "${principal}": expected arn:PARTITION:iam::ACCOUNT:...`);
  }
  const { service, account, resource, partition } = arn;
  if (service === "iam" && resource === "root") {
    return base("root", principal, account, principal, "Account", true);
  }
  if (service === "iam" && resource.startsWith("user/")) {
    const name = resource.slice(resource.lastIndexOf("/") + 1);
    const p = base("user", principal, account, principal, "User", true);
    p.userName = name;
    p.nameKey = `${partition}:${account}/${name}`;
    return p;
  }
  if (service === "iam" && resource.startsWith("oidc-provider/")) {
    return base("web-identity", principal, account, principal, "WebIdentityUser");
  }
  if (service === "iam" && resource.startsWith("saml-provider/")) {
    return base("saml", principal, account, principal, "SAMLUser");
  }
  if (service === "iam" && resource.startsWith("role/")) {
    // A role ARN as the caller stands for a session of that role (contract section 4).
    const name = resource.slice(resource.lastIndexOf("/") + 1);
    const p = session(`arn:${partition}:sts::${account}:assumed-role/${name}/iam-spec`, partition, account, name, "iam-spec");
    // The role ARN as written carries its path.
    p.principalArn = principal;
    p.serviceLinkedRole ||= isServiceLinkedRoleArn(principal);
    return p;
  }
  if (service === "sts" && resource.startsWith("assumed-role/")) {
    const [, roleName, ...rest] = resource.split("/");
    if (!roleName || rest.length === 0) {
      throw new PrincipalParseError(`role session ARN "${principal}" needs assumed-role/ROLE/SESSION`);
    }
    return session(principal, partition, account, roleName, rest.join("/"));
  }
  if (service === "sts" && resource.startsWith("federated-user/")) {
    return base("federated-user", principal, account, principal, "FederatedUser", true);
  }
  throw new PrincipalParseError(`unsupported principal ARN "${principal}"`);
}

function session(
  arn: string,
  partition: string,
  account: string,
  roleName: string,
  sessionName: string,
): RequestPrincipal {
  const roleArn = `arn:${partition}:iam::${account}:role/${roleName}`;
  const p = base("assumed-role", arn, account, roleArn, "AssumedRole", true);
  p.roleName = roleName;
  p.nameKey = `${partition}:${account}/${roleName}`;
  p.sessionName = sessionName;
  p.serviceLinkedRole = roleName.startsWith("AWSServiceRoleFor");
  return p;
}

function base(
  kind: PrincipalKind,
  arn: string,
  account: string,
  principalArn: string,
  principalType: string,
  isIam = false,
): RequestPrincipal {
  return { kind, arn, account, principalArn, principalType, serviceLinkedRole: false, isIam };
}
