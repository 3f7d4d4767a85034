import { compare } from "../test/diff/compare.js";
import type { EvaluateInput } from "../src/types.js";
const H = "111122223333";
const V = "2012-10-17";
const sess = `arn:aws:sts::${H}:assumed-role/deploy/s1`;
const probes: Record<string, EvaluateInput> = {
  sessionArnGrant: { principal: sess, action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${H}:jobs`, resourceAccount: H,
    resourcePolicy: { Version: V, Statement: [{ Effect: "Allow", Principal: { AWS: sess }, Action: "sqs:SendMessage", Resource: "*" }] },
    sessionPolicies: [{ Version: V, Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }] },
  roleArnGrantSession: { principal: sess, action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${H}:jobs`, resourceAccount: H,
    resourcePolicy: { Version: V, Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${H}:role/deploy` }, Action: "sqs:SendMessage", Resource: "*" }] },
    sessionPolicies: [{ Version: V, Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }] },
  notPrincipalBoundary: { principal: `arn:aws:iam::${H}:user/alice`, action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${H}:jobs`, resourceAccount: H,
    identityPolicies: [{ Version: V, Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: "*" }] }],
    permissionsBoundary: { Version: V, Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
    resourcePolicy: { Version: V, Statement: [{ Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${H}:root`, `arn:aws:iam::${H}:user/alice`] }, Action: "sqs:*", Resource: "*" }] } },
  v2008: { principal: `arn:aws:iam::${H}:user/alice`, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/home/alice/x", resourceAccount: H,
    identityPolicies: [{ Version: "2008-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-artifacts/home/${aws:username}/*" }] }] },
  noVersion: { principal: `arn:aws:iam::${H}:user/alice`, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/home/alice/x", resourceAccount: H,
    identityPolicies: [{ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-artifacts/home/${aws:username}/*" }] }] },
  arnCase: { principal: `arn:aws:iam::${H}:user/alice`, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/x", resourceAccount: H,
    identityPolicies: [{ Version: V, Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::ACME-artifacts/*" }] }] },
  arnCaseCond: { principal: `arn:aws:iam::${H}:user/alice`, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/x", resourceAccount: H,
    identityPolicies: [{ Version: V, Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${H}:user/ALICE` } } }] }] },
  epochCtx: { principal: `arn:aws:iam::${H}:user/alice`, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/x", resourceAccount: H, context: { "aws:EpochTime": "1768478400" },
    identityPolicies: [{ Version: V, Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { DateGreaterThan: { "aws:EpochTime": "2026-01-01T00:00:00Z" } } }] }] },
  epochPolicy: { principal: `arn:aws:iam::${H}:user/alice`, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/x", resourceAccount: H, context: { "aws:CurrentTime": "2026-01-15T12:00:00Z" },
    identityPolicies: [{ Version: V, Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { DateGreaterThan: { "aws:CurrentTime": "1767225600" } } }] }] },
  slrScp: { principal: `arn:aws:sts::${H}:assumed-role/AWSServiceRoleForSupport/s3`, action: "s3:GetObject", resource: "arn:aws:s3:::acme-artifacts/x", resourceAccount: H,
    context: { "aws:PrincipalArn": `arn:aws:iam::${H}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport` },
    identityPolicies: [{ Version: V, Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }], scps: [[{ Version: V, Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }]] },
  assumeNoTrust: { principal: `arn:aws:iam::${H}:user/alice`, action: "sts:AssumeRole", resource: `arn:aws:iam::${H}:role/deploy`, resourceAccount: H,
    identityPolicies: [{ Version: V, Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] }] },
};
for (const [name, input] of Object.entries(probes)) {
  const o = await compare({ input, tags: [] });
  console.log(name.padEnd(22), o.ours, o.theirs, o.verdict ? JSON.stringify(o.verdict) : "", o.theirsError ?? "", o.oursError ?? "");
}
const user = `arn:aws:iam::${H}:user/alice`;
const base = { action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${H}:jobs`, resourceAccount: H };
const idp = { Version: V, Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: "*" }] };
const bnd = { Version: V, Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };
const rp = (P: unknown) => ({ Version: V, Statement: [{ Effect: "Allow", Principal: P, Action: "sqs:SendMessage", Resource: "*" }] });
const more: Record<string, EvaluateInput> = {
  starGrantBoundary: { ...base, principal: user, identityPolicies: [idp], permissionsBoundary: bnd, resourcePolicy: rp("*") },
  userGrantBoundary: { ...base, principal: user, identityPolicies: [idp], permissionsBoundary: bnd, resourcePolicy: rp({ AWS: user }) },
  userGrantBoundaryNoId: { ...base, principal: user, permissionsBoundary: bnd, resourcePolicy: rp({ AWS: user }) },
  roleGrantBoundary: { ...base, principal: sess, identityPolicies: [idp], permissionsBoundary: bnd, resourcePolicy: rp({ AWS: `arn:aws:iam::${H}:role/deploy` }) },
  accountGrantBoundary: { ...base, principal: user, identityPolicies: [idp], permissionsBoundary: bnd, resourcePolicy: rp({ AWS: H }) },
  starGrantSession: { ...base, principal: sess, identityPolicies: [idp], sessionPolicies: [bnd], resourcePolicy: rp("*") },
  trustUserBoundary: { principal: user, action: "sts:AssumeRole", resource: `arn:aws:iam::${H}:role/deploy`, resourceAccount: H, permissionsBoundary: bnd,
    resourcePolicy: { Version: V, Statement: [{ Effect: "Allow", Principal: { AWS: user }, Action: "sts:AssumeRole" }] } },
  crossAccountRoot: { ...base, principal: "arn:aws:iam::444455556666:root", resourcePolicy: rp({ AWS: "444455556666" }) },
  notPrincipalAccountOnly: { ...base, principal: user, identityPolicies: [idp],
    resourcePolicy: { Version: V, Statement: [{ Effect: "Deny", NotPrincipal: { AWS: `arn:aws:iam::${H}:root` }, Action: "sqs:*", Resource: "*" }] } },
  rcpLambda: { principal: user, action: "lambda:InvokeFunction", resource: `arn:aws:lambda:us-east-1:${H}:function:f`, resourceAccount: H, identityPolicies: [{ Version: V, Statement: [{ Effect: "Allow", Action: "lambda:*", Resource: "*" }] }],
    rcps: [[{ Version: V, Statement: [{ Effect: "Deny", Principal: "*", Action: "lambda:*", Resource: "*" }] }]] },
  starOnlyMatch: { principal: user, action: "cloudwatch:PutMetricData", resource: "*", resourceAccount: H, identityPolicies: [{ Version: V, Statement: [{ Effect: "Allow", Action: "cloudwatch:*", Resource: "arn:aws:cloudwatch:*:*:alarm:*" }] }] },
  unresolvedNotResource: { ...base, principal: sess, identityPolicies: [idp, { Version: V, Statement: [{ Effect: "Deny", Action: "*", NotResource: "arn:aws:s3:::b/${aws:username}/*" }] }] },
};
for (const [name, input] of Object.entries(more)) {
  const o = await compare({ input, tags: [] });
  console.log(name.padEnd(22), o.ours, o.theirs, o.verdict ? JSON.stringify(o.verdict) : "", o.theirsError ?? "", o.oursError ?? "");
}
