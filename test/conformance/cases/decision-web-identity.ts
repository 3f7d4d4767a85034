import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import { ACCT, policy, row } from "./decision-builders.js";

// Built-in web identity providers are named in trust policies as written, with no provider ARN.
const PRINCIPAL = `IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity: "Principal": { "Federated": "cognito-identity.amazonaws.com" } (also www.amazon.com, graph.facebook.com, accounts.google.com)`;
const COGNITO = `cognito/latest/developerguide/role-trust-and-permissions.html: trust with StringEquals cognito-identity.amazonaws.com:aud and ForAnyValue:StringLike cognito-identity.amazonaws.com:amr "unauthenticated"; "When Amazon Cognito creates a token, it sets the amr of the token as either unauthenticated or authenticated"`;
const KEYS = "IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif: accounts.google.com:aud, graph.facebook.com:app_id, www.amazon.com:app_id";

const POOL = "us-east-1:12345678-corner-cafe-123456790ab";
const AUTH_ROLE = `arn:aws:iam::${ACCT}:role/Cognito_AppAuth_Role`;

const trust = (provider: string, condition: Record<string, unknown>, action = "sts:AssumeRoleWithWebIdentity") =>
  policy({ Effect: "Allow", Principal: { Federated: provider }, Action: action, Condition: condition });
const cognitoTrust = (amr: string) =>
  trust("cognito-identity.amazonaws.com", {
    StringEquals: { "cognito-identity.amazonaws.com:aud": POOL },
    "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr },
  });
const assume = (principal: string, resourcePolicy: ReturnType<typeof policy>, context: Record<string, string | string[]>, action = "sts:AssumeRoleWithWebIdentity"): EvaluateInput =>
  ({ principal, action, resource: AUTH_ROLE, resourcePolicy, context });
const SIGNED_IN = ["authenticated", "cognito-identity.amazonaws.com:us-east-1:12345678-corner-cafe-123456790ab:CognitoSignIn:abcd"];

export const cases: ConformanceCase[] = [
  row("Cognito: an authenticated identity of the pool assumes the authenticated role", `${PRINCIPAL}; ${COGNITO}`,
    assume("cognito-identity.amazonaws.com", cognitoTrust("authenticated"), { "cognito-identity.amazonaws.com:aud": POOL, "cognito-identity.amazonaws.com:amr": SIGNED_IN }), "Allow"),
  row("Cognito: an unauthenticated identity cannot assume the authenticated role", COGNITO,
    assume("cognito-identity.amazonaws.com", cognitoTrust("authenticated"), { "cognito-identity.amazonaws.com:aud": POOL, "cognito-identity.amazonaws.com:amr": ["unauthenticated"] }), "ImplicitDeny"),
  row("Cognito: an unauthenticated identity assumes the unauthenticated role", COGNITO,
    assume("cognito-identity.amazonaws.com", cognitoTrust("unauthenticated"), { "cognito-identity.amazonaws.com:aud": POOL, "cognito-identity.amazonaws.com:amr": ["unauthenticated"] }), "Allow"),
  row("Cognito: an identity of another pool cannot", `${COGNITO}; sts AssumeRoleWithWebIdentity: the aud condition "restrict[s] role assumption to users from your intended identity pools"`,
    assume("cognito-identity.amazonaws.com", cognitoTrust("authenticated"), { "cognito-identity.amazonaws.com:aud": "us-east-1:00000000-0000-0000-0000-000000000000", "cognito-identity.amazonaws.com:amr": SIGNED_IN }), "ImplicitDeny"),
  row("Cognito: a token without aud does not match StringEquals", COGNITO,
    assume("cognito-identity.amazonaws.com", cognitoTrust("authenticated"), { "cognito-identity.amazonaws.com:amr": SIGNED_IN }), "ImplicitDeny"),
  row("Cognito: the provider is matched case-insensitively as a name", PRINCIPAL,
    assume("Cognito-Identity.amazonaws.com", cognitoTrust("authenticated"), { "cognito-identity.amazonaws.com:aud": POOL, "cognito-identity.amazonaws.com:amr": SIGNED_IN }), "Allow"),
  row("Cognito: the provider cannot call sts:AssumeRole (only the web identity exchange)", `${PRINCIPAL}; IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html`,
    assume("cognito-identity.amazonaws.com", trust("cognito-identity.amazonaws.com", {}, "sts:AssumeRole"), {}, "sts:AssumeRole"), "ImplicitDeny"),
  row("Cognito does not match a trust that names Google", PRINCIPAL,
    assume("cognito-identity.amazonaws.com", trust("accounts.google.com", {}), { "cognito-identity.amazonaws.com:aud": POOL }), "ImplicitDeny"),
  row("Google: accounts.google.com with its aud claim", `${PRINCIPAL}; ${KEYS}`,
    assume("accounts.google.com", trust("accounts.google.com", { StringEquals: { "accounts.google.com:aud": "1234.apps.googleusercontent.com" } }), { "accounts.google.com:aud": "1234.apps.googleusercontent.com" }), "Allow"),
  row("Google: another client id is refused", KEYS,
    assume("accounts.google.com", trust("accounts.google.com", { StringEquals: { "accounts.google.com:aud": "1234.apps.googleusercontent.com" } }), { "accounts.google.com:aud": "9999.apps.googleusercontent.com" }), "ImplicitDeny"),
  row("Facebook: graph.facebook.com with its app_id", `${PRINCIPAL}; ${KEYS}`,
    assume("graph.facebook.com", trust("graph.facebook.com", { StringEquals: { "graph.facebook.com:app_id": "111222333" } }), { "graph.facebook.com:app_id": "111222333" }), "Allow"),
  row("Login with Amazon: www.amazon.com with its app_id", `${PRINCIPAL}; ${KEYS}`,
    assume("www.amazon.com", trust("www.amazon.com", { StringEquals: { "www.amazon.com:app_id": "amzn1.application.abc" } }), { "www.amazon.com:app_id": "amzn1.application.abc" }), "Allow"),
];
