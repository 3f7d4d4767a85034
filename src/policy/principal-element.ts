/**
 * The Principal / NotPrincipal element: parsed into the sets of identities it names.
 * IAM/latest/UserGuide/reference_policies_elements_principal.html.
 */
import { parseArn } from "../match/arn.js";
import type { JsonPath, PolicyIssue } from "./issues.js";

export interface PrincipalSet {
  /** "*" or {"AWS": "*"}: everyone, anonymous callers included. */
  any: boolean;
  accounts: Set<string>;
  /**
   * "PARTITION:ACCOUNT/username", whatever the path. "In a Principal element, the user name is case sensitive"
   * (elements_principal.html), so names keep their case.
   */
  users: Set<string>;
  /** "PARTITION:ACCOUNT/rolename" (case kept, as for users): a role ARN names every session of the role, whatever its path. */
  roles: Set<string>;
  /** Role session and federated-user ARNs, exact. */
  sessions: Set<string>;
  services: Set<string>;
  /** Federated identity providers: provider ARNs or well-known names. */
  federated: Set<string>;
  canonicalUsers: Set<string>;
}

const PRINCIPAL_KEYS = ["AWS", "Service", "Federated", "CanonicalUser"] as const;

export function parsePrincipalElement(value: unknown, path: JsonPath, issues: PolicyIssue[]): PrincipalSet {
  const set: PrincipalSet = {
    any: false,
    accounts: new Set(),
    users: new Set(),
    roles: new Set(),
    sessions: new Set(),
    services: new Set(),
    federated: new Set(),
    canonicalUsers: new Set(),
  };
  const error = (p: JsonPath, message: string, hint?: string) =>
    issues.push({ severity: "error", path: p, message, ...(hint ? { hint } : {}) });

  if (value === "*") {
    set.any = true;
    return set;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    error(path, `must be "*" or a mapping such as {"AWS": [...]}, {"Service": ...}, {"Federated": ...}`, 'write "Principal": "*", or name principals by type: {"AWS": "arn:aws:iam::111122223333:root"}');
    return set;
  }
  // A Principal names who the statement is about: an empty one names nobody, and IAM refuses it
  // (reference_policies_elements_principal.html: "Specify the principal ... { "AWS": ... }").
  if (Object.keys(value).length === 0) error(path, "names no principal", 'write "Principal": "*", or name principals by type: {"AWS": "arn:aws:iam::111122223333:root"}');
  for (const [key, raw] of Object.entries(value)) {
    const keyPath = [...path, key];
    if (!(PRINCIPAL_KEYS as readonly string[]).includes(key)) {
      const close = PRINCIPAL_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
      error(keyPath, `unknown principal type "${key}"`, close ? `did you mean "${close}"?` : `use one of ${PRINCIPAL_KEYS.join(", ")}`);
      continue;
    }
    const values = Array.isArray(raw) ? raw : [raw];
    if (values.length === 0) error(keyPath, "must name at least one principal", `give ${key} a value or a list of values, or remove it`);
    values.forEach((v, i) => {
      const vPath = Array.isArray(raw) ? [...keyPath, i] : keyPath;
      if (typeof v !== "string") {
        error(vPath, `must be a string, not ${v === null ? "null" : typeof v}`, `quote the value: "${String(v)}"`);
        return;
      }
      if (v.trim() === "") {
        error(vPath, "an empty principal", `name a principal of type ${key}, or remove the value`);
        return;
      }
      if (key === "AWS") addAws(set, v, vPath, error);
      else if (key === "Service") {
        if (v.includes("*")) error(vPath, `a service principal cannot contain a wildcard: "${v}"`, 'name the service (lambda.amazonaws.com), or use "Principal": "*" with a Condition on aws:PrincipalServiceName');
        // A service principal is a host name (lambda.amazonaws.com, states.us-east-1.amazonaws.com:
        // reference_policies_elements_principal.html#principal-services); "lambda" names none.
        else if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(v)) error(vPath, `"${v}" is not a service principal`, `write the service's principal name, e.g. "${/^[a-z0-9-]+$/i.test(v) ? v.toLowerCase() : "lambda"}.amazonaws.com"`);
        else set.services.add(v.toLowerCase());
      } else if (key === "Federated") {
        // A provider ARN, or a web identity provider's host (cognito-identity.amazonaws.com,
        // accounts.google.com: reference_policies_elements_principal.html#principal-federated-web-identity).
        if (!v.startsWith("arn:") && !/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/\S*)?$/i.test(v)) {
          error(vPath, `"${v}" is not an identity provider`, "write the provider's ARN (arn:aws:iam::ACCOUNT:saml-provider/NAME or :oidc-provider/HOST), or a web identity provider's host (cognito-identity.amazonaws.com)");
        } else set.federated.add(v.startsWith("arn:") ? v : v.toLowerCase());
      } else if (!/^[0-9a-f]{64}$/i.test(v)) {
        // An S3 canonical user ID is 64 hexadecimal digits (AmazonS3/latest/userguide/finding-canonical-user-id.html).
        error(vPath, `"${v}" is not a canonical user ID`, "write the account's canonical user ID: 64 hexadecimal digits");
      } else set.canonicalUsers.add(v);
    });
  }
  return set;
}

function addAws(
  set: PrincipalSet,
  v: string,
  path: JsonPath,
  error: (p: JsonPath, m: string, h?: string) => void,
): void {
  if (v === "*") {
    set.any = true;
    return;
  }
  if (/^\d{12}$/.test(v)) {
    set.accounts.add(v);
    return;
  }
  // A principal that was deleted shows up as its unique ID (AIDA..., AROA...): it matches nobody.
  if (/^A[A-Z0-9]{15,127}$/.test(v)) return;
  // "You cannot use a wildcard to match part of a principal name or ARN." (elements_principal.html)
  if (v.includes("*") || v.includes("?")) {
    error(path, `wildcards are not allowed inside a principal ARN: "${v}"`, `use "Principal": {"AWS": "*"} with a Condition on aws:PrincipalArn (ArnLike)`);
    return;
  }
  // A CloudFront origin access identity, as bucket policies name it: "Principal": {"AWS":
  // "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity EH1HDMB1FH2TC"}
  // (AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html). It is no
  // principal of an account, so it is kept as an exact ARN that only a caller of that ARN matches.
  if (/^arn:aws[a-z-]*:iam::cloudfront:user\/CloudFront Origin Access Identity [A-Z0-9]+$/.test(v)) {
    set.sessions.add(v);
    return;
  }
  const arn = parseArn(v);
  if (!arn || !/^\d{12}$/.test(arn.account) || (arn.service !== "iam" && arn.service !== "sts")) {
    const cloudfront = arn?.account === "cloudfront" ? ", or a CloudFront origin access identity: arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID" : "";
    error(path, `malformed principal ARN "${v}"`, `expected an account id, arn:aws:iam::ACCOUNT:root, :user/NAME, :role/NAME or arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION${cloudfront}`);
    return;
  }
  // Users and roles are keyed with their partition: arn:aws:iam::ACCOUNT:user/x names no principal of
  // aws-us-gov (IAM/latest/UserGuide/reference-arns.html); session ARNs are compared whole.
  const { service, account, resource, partition } = arn;
  if (service === "iam" && resource === "root") set.accounts.add(account);
  else if (service === "iam" && resource.startsWith("user/")) {
    set.users.add(`${partition}:${account}/${resource.slice(resource.lastIndexOf("/") + 1)}`);
  }
  else if (service === "iam" && resource.startsWith("role/")) {
    set.roles.add(`${partition}:${account}/${resource.slice(resource.lastIndexOf("/") + 1)}`);
  } else if (service === "sts" && /^assumed-role\/[^/]+\/.+/.test(resource)) set.sessions.add(v);
  else if (service === "sts" && resource.startsWith("federated-user/")) set.sessions.add(v);
  else error(path, `malformed principal ARN "${v}"`, "expected :root, :user/NAME, :role/NAME or assumed-role/ROLE/SESSION");
}
