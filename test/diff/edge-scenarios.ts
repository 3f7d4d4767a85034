/**
 * Requests the general generator (scenarios.ts) rarely or never makes, each a case AWS documents
 * apart: callers from the built-in web identity providers (Cognito, Google, Facebook, Login with
 * Amazon) assuming a role (IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity),
 * NotPrincipal in an Allow statement (reference_policies_elements_notprincipal.html), and changes to
 * resources AWS owns (service-linked roles, /aws-reserved/ roles, AWS managed policies, alias/aws/
 * KMS aliases), which AWS refuses whatever the policies say. `inPartition` moves a whole request to
 * aws-cn or aws-us-gov (IAM/latest/UserGuide/reference-arns.html), or only its caller and resource.
 */
import fc from "fast-check";
import type { EvaluateInput, PolicyDocument } from "../../src/types.js";
import { ACTIONS, HOME, OTHER, principalsOf } from "./catalogue.js";
import { policyOf } from "./policies.js";
import type { Scenario } from "./scenarios.js";

const V = "2012-10-17";
export const WEB_IDENTITY_PROVIDERS = ["cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com"] as const;
/**
 * The provider's key for the application a token was issued to (reference_policies_iam-condition-keys.html,
 * "Available keys for IAM and AWS STS web identity federation"): aud for Cognito and Google, app_id
 * for Facebook and Login with Amazon.
 */
const audienceKey = (provider: string): string => `${provider}:${/facebook|amazon\.com$/.test(provider) ? "app_id" : "aud"}`;
const AUDIENCES = ["us-east-1:11111111-2222-3333-4444-555555555555", "us-east-1:99999999-8888-7777-6666-555555555555"];

/** sts:AssumeRoleWithWebIdentity from a built-in provider, against a trust policy naming one. */
const webIdentity: fc.Arbitrary<Scenario> = fc
  .record({
    caller: fc.constantFrom(...WEB_IDENTITY_PROVIDERS),
    trusted: fc.constantFrom(...WEB_IDENTITY_PROVIDERS),
    sameProvider: fc.nat(3).map((n) => n > 0),
    effect: fc.constantFrom("Allow", "Allow", "Allow", "Deny"),
    audience: fc.option(fc.constantFrom(...AUDIENCES), { freq: 2 }),
    sent: fc.option(fc.constantFrom(...AUDIENCES), { freq: 3 }),
    role: fc.constantFrom("app", "reader"),
  })
  .map((r): Scenario => {
    const provider = r.sameProvider ? r.caller : r.trusted;
    const statement: Record<string, unknown> = { Effect: r.effect, Principal: { Federated: provider }, Action: "sts:AssumeRoleWithWebIdentity" };
    if (r.audience) statement.Condition = { StringEquals: { [audienceKey(provider)]: r.audience } };
    const input: EvaluateInput = {
      principal: r.caller,
      action: "sts:AssumeRoleWithWebIdentity",
      resource: `arn:aws:iam::${HOME}:role/${r.role}`,
      resourceAccount: HOME,
      resourcePolicy: { Version: V, Statement: [statement] },
      context: r.sent ? { [audienceKey(r.caller)]: r.sent } : {},
    };
    return { input, tags: ["web-identity", "trust"] };
  });

/** Actions with a resource policy worth naming principals in (not the trust-policy family). */
const RESOURCE_ACTIONS = ACTIONS.filter((a) => /^(s3|sqs|sns|kms|lambda|secretsmanager):/.test(a.action));

/** An Allow with NotPrincipal: "allows all principals except the one named" (elements_notprincipal.html). */
const notPrincipalAllow: fc.Arbitrary<Scenario> = fc
  .record({
    caller: fc.constantFrom(...principalsOf(HOME).filter((p) => !p.endsWith(":root")), ...principalsOf(OTHER).filter((p) => !p.endsWith(":root"))),
    action: fc.constantFrom(...RESOURCE_ACTIONS),
    variant: fc.nat(7),
    named: fc.subarray([...principalsOf(HOME), `arn:aws:iam::${HOME}:role/deploy`, `arn:aws:iam::${HOME}:role/reader`, OTHER, `arn:aws:iam::${OTHER}:root`], { minLength: 1, maxLength: 3 }),
    identity: fc.option(policyOf("identity"), { freq: 2 }),
    deny: fc.option(policyOf("resource", 1), { freq: 4 }),
  })
  .map((r): Scenario => {
    const resource = r.action.resource(HOME, r.variant);
    const statements: unknown[] = [{ Sid: "AllExcept", Effect: "Allow", NotPrincipal: { AWS: r.named.length === 1 ? r.named[0] : r.named }, Action: r.action.action, Resource: "*" }];
    if (r.deny) statements.push(...(r.deny.Statement as unknown[]).map((s, i) => ({ ...(s as object), Sid: `Extra${i}` })));
    const input: EvaluateInput = { principal: r.caller, action: r.action.action, resource, resourceAccount: HOME, resourcePolicy: { Version: V, Statement: statements } };
    if (r.identity) input.identityPolicies = [r.identity];
    const tags = ["notprincipal-allow", "resource-policy"];
    if (r.caller.split(":")[4] !== HOME) tags.push("cross-account");
    return { input, tags };
  });

/**
 * Resources AWS owns, with the changes AWS refuses on them: a service-linked role "is predefined by the
 * service" and only the service may change or delete it (IAM/latest/UserGuide/using-service-linked-roles.html);
 * roles under /aws-reserved/ are IAM Identity Center's (singlesignon/latest/userguide/referencingpermissionsets.html);
 * AWS managed policies "cannot be changed" (IAM/latest/UserGuide/access_policies_managed-vs-inline.html);
 * aliases beginning with alias/aws/ are reserved for AWS managed keys (kms/latest/developerguide/alias-about.html).
 */
export const AWS_OWNED: readonly { resource: string; actions: readonly string[]; reads: readonly string[] }[] = [
  { resource: `arn:aws:iam::${HOME}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`, actions: ["iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole"], reads: ["iam:GetRole"] },
  { resource: `arn:aws:iam::${HOME}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`, actions: ["iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole"], reads: ["iam:GetRole"] },
  { resource: "arn:aws:iam::aws:policy/AdministratorAccess", actions: ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:SetDefaultPolicyVersion", "iam:TagPolicy"], reads: ["iam:GetPolicy"] },
  { resource: `arn:aws:kms:us-east-1:${HOME}:alias/aws/s3`, actions: ["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"], reads: [] },
];

const ADMIN: PolicyDocument = { Version: V, Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

const awsOwned: fc.Arbitrary<Scenario> = fc
  .record({
    caller: fc.constantFrom(`arn:aws:iam::${HOME}:user/alice`, `arn:aws:sts::${HOME}:assumed-role/deploy/s1`),
    target: fc.constantFrom(...AWS_OWNED),
    pick: fc.nat(7),
    read: fc.nat(4).map((n) => n === 0),
    identity: fc.oneof(fc.constant(ADMIN), policyOf("identity")),
  })
  .map((r): Scenario => {
    const list = r.read && r.target.reads.length > 0 ? r.target.reads : r.target.actions;
    const action = list[r.pick % list.length]!;
    const input: EvaluateInput = { principal: r.caller, action, resource: r.target.resource, resourceAccount: HOME, identityPolicies: [r.identity] };
    return { input, tags: ["aws-owned"] };
  });

export const edgeScenarioArb: fc.Arbitrary<Scenario> = fc.oneof(webIdentity, notPrincipalAllow, awsOwned);

/** Every string that is an ARN of the aws partition, moved to `partition`. */
function moved<T>(value: T, partition: string): T {
  if (typeof value === "string") return (value.startsWith("arn:aws:") ? `arn:${partition}:${value.slice(8)}` : value) as T;
  if (Array.isArray(value)) return value.map((v) => moved(v, partition)) as T;
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, moved(v, partition)])) as T;
  return value;
}

/**
 * The scenario in another partition: everything (caller, resource, every policy and context value), or
 * only the caller and the resource, so that the policies' aws ARNs name another partition's resources.
 */
export function inPartition(s: Scenario, partition: "aws" | "aws-cn" | "aws-us-gov", policiesToo: boolean): Scenario {
  if (partition === "aws") return s;
  const input = policiesToo
    ? moved(s.input, partition)
    : { ...s.input, principal: moved(s.input.principal, partition), resource: moved(s.input.resource, partition) };
  return { input, tags: [...s.tags, policiesToo ? `partition-${partition}` : "partition-mismatch"] };
}
