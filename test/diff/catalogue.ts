/**
 * The vocabulary of generated requests: real actions with resource ARNs of the type each action takes
 * (iam-simulate rejects a resource of the wrong type), accounts, principals and context values.
 * Small pools on purpose: generated policies draw from the same pools, so conditions and ARNs match
 * often enough for both Allow and Deny paths to be exercised.
 */

export const ORG_ID = "o-a1b2c3d4e5";
/** The caller's account, and another account (cross-account requests). */
export const HOME = "111122223333";
export const OTHER = "444455556666";
export const ACCOUNTS = [HOME, OTHER] as const;

export interface ActionSpec {
  action: string;
  /** The resource ARN in `account` (S3 ARNs carry no account; the owner is passed as resourceAccount). */
  resource: (account: string, variant: number) => string;
}

const REGION = "us-east-1";
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const BUCKETS = ["acme-artifacts", "acme-logs"];
const KEYS = ["home/alice/notes.txt", "builds/1.zip", "public/index.html"];

export const ACTIONS: readonly ActionSpec[] = [
  { action: "s3:GetObject", resource: (_a, v) => `arn:aws:s3:::${pick(BUCKETS, v)}/${pick(KEYS, v >> 1)}` },
  { action: "s3:PutObject", resource: (_a, v) => `arn:aws:s3:::${pick(BUCKETS, v)}/${pick(KEYS, v >> 1)}` },
  { action: "s3:DeleteObject", resource: (_a, v) => `arn:aws:s3:::${pick(BUCKETS, v)}/${pick(KEYS, v >> 1)}` },
  { action: "s3:ListBucket", resource: (_a, v) => `arn:aws:s3:::${pick(BUCKETS, v)}` },
  { action: "s3:GetBucketPolicy", resource: (_a, v) => `arn:aws:s3:::${pick(BUCKETS, v)}` },
  { action: "sqs:SendMessage", resource: (a, v) => `arn:aws:sqs:${REGION}:${a}:${pick(["jobs", "events"], v)}` },
  { action: "sqs:ReceiveMessage", resource: (a, v) => `arn:aws:sqs:${REGION}:${a}:${pick(["jobs", "events"], v)}` },
  { action: "kms:Decrypt", resource: (a, v) => `arn:aws:kms:${REGION}:${a}:key/${pick(["1234abcd-12ab-34cd-56ef-1234567890ab", "0987dcba-09fe-87dc-65ba-ab0987654321"], v)}` },
  { action: "kms:Encrypt", resource: (a) => `arn:aws:kms:${REGION}:${a}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
  { action: "secretsmanager:GetSecretValue", resource: (a, v) => `arn:aws:secretsmanager:${REGION}:${a}:secret:${pick(["prod/db", "dev/api"], v)}-AbCdEf` },
  { action: "dynamodb:GetItem", resource: (a, v) => `arn:aws:dynamodb:${REGION}:${a}:table/${pick(["Orders", "Users"], v)}` },
  { action: "dynamodb:PutItem", resource: (a, v) => `arn:aws:dynamodb:${REGION}:${a}:table/${pick(["Orders", "Users"], v)}` },
  { action: "lambda:InvokeFunction", resource: (a, v) => `arn:aws:lambda:${REGION}:${a}:function:${pick(["resize", "billing"], v)}` },
  { action: "lambda:GetFunction", resource: (a, v) => `arn:aws:lambda:${REGION}:${a}:function:${pick(["resize", "billing"], v)}` },
  { action: "sns:Publish", resource: (a, v) => `arn:aws:sns:${REGION}:${a}:${pick(["alerts", "orders"], v)}` },
  { action: "logs:PutLogEvents", resource: (a) => `arn:aws:logs:${REGION}:${a}:log-group:/app/web:log-stream:i-1` },
  { action: "iam:GetRole", resource: (a, v) => `arn:aws:iam::${a}:role/${pick(["deploy", "reader"], v)}` },
  { action: "iam:PassRole", resource: (a, v) => `arn:aws:iam::${a}:role/${pick(["deploy", "reader"], v)}` },
  { action: "iam:CreateUser", resource: (a) => `arn:aws:iam::${a}:user/bob` },
  { action: "sts:AssumeRole", resource: (a, v) => `arn:aws:iam::${a}:role/${pick(["deploy", "reader"], v)}` },
  { action: "ec2:TerminateInstances", resource: (a) => `arn:aws:ec2:${REGION}:${a}:instance/i-0123456789abcdef0` },
  { action: "ec2:StartInstances", resource: (a) => `arn:aws:ec2:${REGION}:${a}:instance/i-0123456789abcdef0` },
  { action: "ec2:DescribeInstances", resource: () => "*" },
  { action: "cloudwatch:PutMetricData", resource: () => "*" },
  { action: "s3:ListAllMyBuckets", resource: () => "*" },
];

/** Callers in the home account (and one in the other account), as evaluate() names them. */
export function principalsOf(account: string): string[] {
  return [
    `arn:aws:iam::${account}:user/alice`,
    `arn:aws:iam::${account}:user/bob`,
    `arn:aws:sts::${account}:assumed-role/deploy/s1`,
    `arn:aws:sts::${account}:assumed-role/reader/s2`,
    `arn:aws:iam::${account}:root`,
  ];
}
/**
 * A session of a service-linked role: AWS puts these under /aws-service-role/ (SCPs do not restrict
 * them). The path is not in the session ARN, so the request says it through aws:PrincipalArn.
 */
export const SERVICE_LINKED_SESSION = `arn:aws:sts::${HOME}:assumed-role/AWSServiceRoleForSupport/s3`;
export const SERVICE_LINKED_ROLE = `arn:aws:iam::${HOME}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`;
export const SERVICE_PRINCIPALS = ["lambda.amazonaws.com", "ec2.amazonaws.com"];

/** Context keys generated requests may carry, each with a pool of values conditions also draw from. */
export const CONTEXT_POOLS = {
  "aws:SourceIp": ["203.0.113.7", "198.51.100.20", "10.1.2.3"],
  "aws:RequestedRegion": ["us-east-1", "eu-west-1"],
  "aws:PrincipalTag/team": ["web", "data"],
  "aws:SecureTransport": ["true", "false"],
  "aws:MultiFactorAuthPresent": ["true", "false"],
  "aws:PrincipalOrgID": [ORG_ID, "o-zzzzzzzzzz"],
  "aws:CurrentTime": ["2026-01-15T12:00:00Z", "2027-06-01T00:00:00Z"],
  "aws:MultiFactorAuthAge": ["30", "7200"],
  // Epoch seconds (reference_policies_condition-keys.html, aws:EpochTime): 2026-01-15 and 2027-06-01.
  "aws:EpochTime": ["1768478400", "1811808000"],
} as const satisfies Record<string, readonly string[]>;
export type PoolKey = keyof typeof CONTEXT_POOLS;
export const CONTEXT_KEYS = Object.keys(CONTEXT_POOLS) as PoolKey[];
