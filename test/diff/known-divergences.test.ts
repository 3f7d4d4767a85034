/**
 * One minimal request per known cause (triage.ts, docs/differences.md): our decision is the one the
 * AWS documentation gives, iam-simulate's differs, and triage names the cause. Also the divergences
 * issue 5 expected that iam-simulate (0.1.173) turned out NOT to have: both evaluators agree there.
 * If iam-simulate fixes a divergence, its row fails here and the cause can be retired.
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/index.js";
import type { Decision, EvaluateInput, PolicyDocument } from "../../src/types.js";
import { HOME, OTHER, SERVICE_LINKED_ROLE, SERVICE_LINKED_SESSION } from "./catalogue.js";
import { compare } from "./compare.js";

const V = "2012-10-17";
const user = `arn:aws:iam::${HOME}:user/alice`;
const session = `arn:aws:sts::${HOME}:assumed-role/deploy/s1`;
const queue = { action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${HOME}:jobs`, resourceAccount: HOME };
const allow = (Action: string, Resource = "*", extra: Record<string, unknown> = {}): PolicyDocument => ({ Version: V, Statement: [{ Effect: "Allow", Action, Resource, ...extra }] });
const grant = (Principal: unknown, Action = "sqs:SendMessage"): PolicyDocument => ({ Version: V, Statement: [{ Effect: "Allow", Principal, Action, Resource: "*" }] });
const trust = (Principal: unknown): PolicyDocument => ({ Version: V, Statement: [{ Effect: "Allow", Principal, Action: "sts:AssumeRole" }] });
const deploy = { action: "sts:AssumeRole", resource: `arn:aws:iam::${HOME}:role/deploy`, resourceAccount: HOME };

interface Row {
  cause: string;
  input: EvaluateInput;
  aws: Decision;
  iamSimulate: Decision;
}

const DIVERGENCES: Row[] = [
  { cause: "root-user-full-access", input: { ...queue, principal: `arn:aws:iam::${HOME}:root` }, aws: "Allow", iamSimulate: "ImplicitDeny" },
  { cause: "root-user-full-access", input: { ...queue, principal: `arn:aws:iam::${OTHER}:root`, resourcePolicy: grant({ AWS: OTHER }) }, aws: "Allow", iamSimulate: "ImplicitDeny" },
  { cause: "root-cannot-assume-role", input: { ...deploy, principal: `arn:aws:iam::${HOME}:root`, resourcePolicy: trust("*") }, aws: "ImplicitDeny", iamSimulate: "Allow" },
  { cause: "anonymous-cannot-assume-role", input: { ...deploy, principal: "anonymous", resourcePolicy: trust("*") }, aws: "ImplicitDeny", iamSimulate: "Allow" },
  {
    cause: "only-providers-exchange-tokens",
    input: { ...deploy, action: "sts:AssumeRoleWithWebIdentity", principal: user, identityPolicies: [allow("sts:*")], resourcePolicy: { Version: V, Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRoleWithWebIdentity" }] } },
    aws: "ImplicitDeny",
    iamSimulate: "Allow",
  },
  {
    cause: "rcp-unsupported-service",
    input: { principal: user, action: "lambda:InvokeFunction", resource: `arn:aws:lambda:us-east-1:${HOME}:function:f`, resourceAccount: HOME, identityPolicies: [allow("lambda:*")], rcps: [[{ Version: V, Statement: [{ Effect: "Deny", Principal: "*", Action: "lambda:*", Resource: "*" }] }]] },
    aws: "Allow",
    iamSimulate: "ExplicitDeny",
  },
  {
    cause: "scp-rcp-service-linked-role",
    input: { principal: SERVICE_LINKED_SESSION, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/x", resourceAccount: HOME, context: { "aws:PrincipalArn": SERVICE_LINKED_ROLE }, identityPolicies: [allow("s3:*")], scps: [[{ Version: V, Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }]] },
    aws: "Allow",
    iamSimulate: "ExplicitDeny",
  },
  { cause: "assume-role-without-trust-policy", input: { ...deploy, principal: user, identityPolicies: [allow("sts:AssumeRole")] }, aws: "ImplicitDeny", iamSimulate: "Allow" },
  { cause: "boundary-limits-assume-role", input: { ...deploy, principal: user, permissionsBoundary: allow("s3:*"), resourcePolicy: trust({ AWS: user }) }, aws: "ImplicitDeny", iamSimulate: "Allow" },
  {
    cause: "resource-star-matches-only-star",
    input: { principal: user, action: "cloudwatch:PutMetricData", resource: "*", resourceAccount: HOME, identityPolicies: [allow("*"), { Version: V, Statement: [{ Effect: "Deny", Action: "*", NotResource: `arn:aws:iam::${HOME}:role/deploy` }] }] },
    aws: "ExplicitDeny",
    iamSimulate: "Allow",
  },
  {
    cause: "notprincipal-account-then-role-then-session",
    input: { ...queue, principal: user, identityPolicies: [allow("sqs:*")], resourcePolicy: { Version: V, Statement: [{ Effect: "Deny", NotPrincipal: { AWS: `arn:aws:iam::${HOME}:root` }, Action: "sqs:*", Resource: "*" }] } },
    aws: "ExplicitDeny",
    iamSimulate: "Allow",
  },
  {
    cause: "notprincipal-account-then-role-then-session",
    input: { ...queue, principal: user, identityPolicies: [allow("sqs:*")], resourcePolicy: { Version: V, Statement: [{ Effect: "Deny", NotPrincipal: { AWS: user }, Action: "sqs:*", Resource: "*" }] } },
    aws: "ExplicitDeny",
    iamSimulate: "Allow",
  },
  {
    cause: "epoch-seconds",
    input: { principal: user, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/x", resourceAccount: HOME, context: { "aws:EpochTime": "1768478400" }, identityPolicies: [allow("s3:GetObject", "*", { Condition: { DateGreaterThan: { "aws:EpochTime": "2026-01-01T00:00:00Z" } } })] },
    aws: "Allow",
    iamSimulate: "ImplicitDeny",
  },
  {
    // 1780272000 is 2026-06-01T00:00:00Z; the request is on 2026-01-15.
    cause: "epoch-seconds",
    input: { principal: user, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/x", resourceAccount: HOME, context: { "aws:CurrentTime": "2026-01-15T12:00:00Z" }, identityPolicies: [allow("s3:GetObject", "*", { Condition: { DateLessThan: { "aws:CurrentTime": "1780272000" } } })] },
    aws: "Allow",
    iamSimulate: "ImplicitDeny",
  },
  {
    cause: "version-2008-variables-literal",
    input: { principal: user, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/home/alice/x", resourceAccount: HOME, identityPolicies: [{ Version: "2008-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-artifacts/home/${aws:username}/*" }] }] },
    aws: "ImplicitDeny",
    iamSimulate: "Allow",
  },
  {
    cause: "unresolved-variable-in-notresource-matches-nothing",
    input: { principal: session, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/x", resourceAccount: HOME, identityPolicies: [allow("*"), { Version: V, Statement: [{ Effect: "Deny", Action: "*", NotResource: "arn:aws:s3:::acme-artifacts/home/${aws:username}/*" }] }] },
    aws: "ExplicitDeny",
    iamSimulate: "Allow",
  },
  {
    cause: "session-arn-grant-not-limited-by-session-policy",
    input: { ...queue, principal: session, resourcePolicy: grant({ AWS: session }), sessionPolicies: [allow("s3:GetObject")] },
    aws: "Allow",
    iamSimulate: "ImplicitDeny",
  },
  {
    cause: "builtin-web-identity-provider",
    input: { principal: "accounts.google.com", action: "sts:AssumeRoleWithWebIdentity", resource: `arn:aws:iam::${HOME}:role/app`, resourceAccount: HOME, context: { "accounts.google.com:aud": "my-app" }, resourcePolicy: { Version: V, Statement: [{ Effect: "Allow", Principal: { Federated: "accounts.google.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "accounts.google.com:aud": "my-app" } } }] } },
    aws: "Allow",
    iamSimulate: "ImplicitDeny",
  },
  {
    cause: "wildcard-principal-grant-vs-boundary-or-session",
    input: { ...queue, principal: user, identityPolicies: [allow("sqs:*")], permissionsBoundary: allow("s3:*"), resourcePolicy: grant("*") },
    aws: "ImplicitDeny", // AWS is silent; this is our fail-closed reading (docs/aws-semantics-decision.md §1)
    iamSimulate: "Allow",
  },
];

/** Issue 5 expected these to diverge; iam-simulate 0.1.173 agrees with the AWS docs on them. */
const AGREEMENTS: { name: string; input: EvaluateInput; aws: Decision }[] = [
  {
    name: "NotPrincipal Deny always denies a principal with a permissions boundary",
    input: { ...queue, principal: user, identityPolicies: [allow("sqs:*")], permissionsBoundary: allow("*"), resourcePolicy: { Version: V, Statement: [{ Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${HOME}:root`, user] }, Action: "sqs:*", Resource: "*" }] } },
    aws: "ExplicitDeny",
  },
  { name: "Resource ARNs match case-sensitively", input: { principal: user, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/x", resourceAccount: HOME, identityPolicies: [allow("s3:GetObject", "arn:aws:s3:::ACME-artifacts/*")] }, aws: "ImplicitDeny" },
  {
    name: "ArnLike on aws:PrincipalArn is case-sensitive",
    input: { principal: user, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/x", resourceAccount: HOME, identityPolicies: [allow("s3:GetObject", "*", { Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${HOME}:user/ALICE` } } })] },
    aws: "ImplicitDeny",
  },
  { name: "a grant to the role ARN is limited by the session policy", input: { ...queue, principal: session, resourcePolicy: grant({ AWS: `arn:aws:iam::${HOME}:role/deploy` }), sessionPolicies: [allow("s3:GetObject")] }, aws: "ImplicitDeny" },
  {
    name: "a Cognito identity pool caller is matched by Federated cognito-identity.amazonaws.com",
    input: { principal: "cognito-identity.amazonaws.com", action: "sts:AssumeRoleWithWebIdentity", resource: `arn:aws:iam::${HOME}:role/app`, resourceAccount: HOME, resourcePolicy: { Version: V, Statement: [{ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" }] } },
    aws: "Allow",
  },
  {
    name: "NotPrincipal in an Allow grants every principal but the one named (same account, no identity policy)",
    input: { ...queue, principal: user, resourcePolicy: { Version: V, Statement: [{ Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${HOME}:user/bob` }, Action: "sqs:SendMessage", Resource: "*" }] } },
    aws: "Allow",
  },
  {
    name: "aws-cn: an identity policy on arn:aws:... does not cover an arn:aws-cn:... resource",
    input: { principal: `arn:aws-cn:iam::${HOME}:user/alice`, action: "s3:GetObject", resource: "arn:aws-cn:s3:::acme-artifacts/x", resourceAccount: HOME, identityPolicies: [allow("s3:GetObject", "arn:aws:s3:::acme-artifacts/*")] },
    aws: "ImplicitDeny",
  },
  {
    name: "aws-us-gov: aws:PrincipalArn of a role session is the aws-us-gov role ARN",
    input: { principal: `arn:aws-us-gov:sts::${HOME}:assumed-role/deploy/s1`, action: "sqs:SendMessage", resource: `arn:aws-us-gov:sqs:us-gov-west-1:${HOME}:jobs`, identityPolicies: [allow("sqs:*", "*", { Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws-us-gov:iam::*:role/deploy" } } })] },
    aws: "Allow",
  },
  { name: "a grant to the user ARN is not limited by the boundary", input: { ...queue, principal: user, permissionsBoundary: allow("s3:*"), resourcePolicy: grant({ AWS: user }) }, aws: "Allow" },
];

describe("known divergences of iam-simulate, one minimal request each", () => {
  for (const row of DIVERGENCES) {
    it(`${row.cause}: AWS ${row.aws}, iam-simulate ${row.iamSimulate}`, async () => {
      expect(evaluate(row.input).decision).toBe(row.aws);
      const out = await compare({ input: row.input, tags: [] });
      expect(out.theirs).toBe(row.iamSimulate);
      expect(out.verdict?.id).toBe(row.cause);
    });
  }
});

describe("expected divergences that iam-simulate does not have", () => {
  for (const row of AGREEMENTS) {
    it(`${row.name}: both ${row.aws}`, async () => {
      const out = await compare({ input: row.input, tags: [] });
      expect([out.ours, out.theirs]).toEqual([row.aws, row.aws]);
    });
  }
});
