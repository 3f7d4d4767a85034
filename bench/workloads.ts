/**
 * The three workloads of docs/performance.md, each a fixed stream of requests that both evaluators answer:
 * (a) a small policy set: one identity policy of four statements with conditions, and a bucket policy;
 * (b) ReadOnlyAccess plus a bucket policy;
 * (c) a cross-account request with SCPs at three levels and a permissions boundary.
 * The streams vary principal, action, resource and context so that no evaluator can answer from a
 * single memoised result.
 */
import { getManagedPolicy } from "../src/data/managed-policies.js";
import type { EvaluateInput, PolicyDocument } from "../src/types.js";

export interface Workload {
  id: string;
  title: string;
  requests: EvaluateInput[];
}

const HOME = "111122223333";
const OTHER = "444455556666";
const V = "2012-10-17";

const identitySmall: PolicyDocument = {
  Version: V,
  Statement: [
    { Sid: "ReadArtifacts", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::acme-artifacts", "arn:aws:s3:::acme-artifacts/*"], Condition: { Bool: { "aws:SecureTransport": "true" } } },
    { Sid: "WriteOwnPrefix", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::acme-artifacts/home/${aws:username}/*", Condition: { StringEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } },
    { Sid: "Queues", Effect: "Allow", Action: "sqs:*Message", Resource: `arn:aws:sqs:*:${HOME}:jobs-*`, Condition: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "10.0.0.0/8"] } } },
    { Sid: "NoDeleteWithoutMfa", Effect: "Deny", Action: ["s3:DeleteObject", "s3:DeleteBucket"], Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
  ],
};

const bucketPolicy: PolicyDocument = {
  Version: V,
  Statement: [
    { Sid: "DenyInsecure", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::acme-artifacts", "arn:aws:s3:::acme-artifacts/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } },
    { Sid: "PartnerRead", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:role/partner` }, Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::acme-artifacts", "arn:aws:s3:::acme-artifacts/public/*"], Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } },
    { Sid: "BuildsFromCi", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${HOME}:role/ci` }, Action: "s3:PutObject", Resource: "arn:aws:s3:::acme-artifacts/builds/*" },
  ],
};

function stream(principals: readonly string[], pairs: readonly [string, string][], contexts: readonly Record<string, string>[], base: Omit<EvaluateInput, "principal" | "action" | "resource">): EvaluateInput[] {
  const out: EvaluateInput[] = [];
  for (const principal of principals)
    for (const [action, resource] of pairs)
      for (const context of contexts) out.push({ ...base, principal, action, resource, context });
  return out;
}

const S3_PAIRS: [string, string][] = [
  ["s3:GetObject", "arn:aws:s3:::acme-artifacts/builds/1.zip"],
  ["s3:GetObject", "arn:aws:s3:::acme-artifacts/public/index.html"],
  ["s3:PutObject", "arn:aws:s3:::acme-artifacts/home/alice/notes.txt"],
  ["s3:PutObject", "arn:aws:s3:::acme-artifacts/builds/2.zip"],
  ["s3:ListBucket", "arn:aws:s3:::acme-artifacts"],
  ["s3:DeleteObject", "arn:aws:s3:::acme-artifacts/builds/1.zip"],
  ["sqs:SendMessage", `arn:aws:sqs:us-east-1:${HOME}:jobs-build`],
  ["sqs:ReceiveMessage", `arn:aws:sqs:eu-west-1:${HOME}:jobs-deploy`],
];

const CONTEXTS: Record<string, string>[] = [
  { "aws:SecureTransport": "true", "aws:SourceIp": "203.0.113.7", "aws:RequestedRegion": "us-east-1" },
  { "aws:SecureTransport": "false", "aws:SourceIp": "198.51.100.20", "aws:RequestedRegion": "eu-west-1" },
  { "aws:SecureTransport": "true", "aws:SourceIp": "10.1.2.3", "aws:MultiFactorAuthPresent": "true", "aws:RequestedRegion": "ap-south-1" },
];

/** The home account's callers in the same-account workloads (a user, a role session). */
const HOME_CALLERS = [`arn:aws:iam::${HOME}:user/alice`, `arn:aws:sts::${HOME}:assumed-role/ci/build-42`];

export function workloadA(): Workload {
  return {
    id: "a",
    title: "small policy set (4 statements with conditions + bucket policy)",
    requests: stream(HOME_CALLERS, S3_PAIRS, CONTEXTS, { resourceAccount: HOME, identityPolicies: [identitySmall], resourcePolicy: bucketPolicy }),
  };
}

export function workloadB(): Workload {
  const readOnly = getManagedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess");
  if (!readOnly) throw new Error("ReadOnlyAccess is not in the bundled managed policies");
  const pairs: [string, string][] = [
    ...S3_PAIRS,
    ["ec2:DescribeInstances", "*"],
    ["iam:GetRole", `arn:aws:iam::${HOME}:role/ci`],
    ["dynamodb:GetItem", `arn:aws:dynamodb:us-east-1:${HOME}:table/Orders`],
    ["lambda:InvokeFunction", `arn:aws:lambda:us-east-1:${HOME}:function:resize`],
  ];
  return {
    id: "b",
    title: "ReadOnlyAccess + bucket policy",
    requests: stream(HOME_CALLERS, pairs, CONTEXTS, { resourceAccount: HOME, identityPolicies: [readOnly], resourcePolicy: bucketPolicy }),
  };
}

const scp = (...Statement: unknown[]): PolicyDocument => ({ Version: V, Statement });
const FULL = scp({ Effect: "Allow", Action: "*", Resource: "*" });

export function workloadC(): Workload {
  const root = [FULL, scp({ Sid: "NoLeavingOrg", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" })];
  const ou = [FULL, scp({ Sid: "RegionLock", Effect: "Deny", NotAction: ["iam:*", "sts:*", "s3:ListAllMyBuckets"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } })];
  const account = [scp({ Sid: "OnlyDataServices", Effect: "Allow", Action: ["s3:*", "sqs:*", "kms:*", "dynamodb:*"], Resource: "*" }), scp({ Sid: "DenyDeleteBucket", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" })];
  const boundary = scp(
    { Sid: "Data", Effect: "Allow", Action: ["s3:Get*", "s3:List*", "s3:PutObject", "sqs:*"], Resource: "*" },
    { Sid: "NoPublicWrite", Effect: "Deny", Action: "s3:PutObject", Resource: "arn:aws:s3:::*/public/*" },
  );
  const identity = scp({ Sid: "PartnerData", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket", "s3:PutObject", "sqs:SendMessage"], Resource: "*" });
  const callers = [`arn:aws:sts::${OTHER}:assumed-role/partner/sync`, `arn:aws:iam::${OTHER}:user/dana`];
  const contexts = CONTEXTS.map((c) => ({ ...c, "aws:PrincipalOrgID": "o-a1b2c3d4e5" }));
  return {
    id: "c",
    title: "cross-account, SCPs at three levels + permissions boundary",
    requests: stream(callers, S3_PAIRS.filter(([a]) => a.startsWith("s3:")), contexts, {
      resourceAccount: HOME,
      identityPolicies: [identity],
      permissionsBoundary: boundary,
      resourcePolicy: bucketPolicy,
      scps: [root, ou, account],
    }),
  };
}

export const WORKLOADS = [workloadA, workloadB, workloadC];
