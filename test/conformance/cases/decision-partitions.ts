/**
 * Partitions: aws, aws-cn (China) and aws-us-gov (AWS GovCloud (US)). "The partition in which the
 * resource is located [...] aws-cn - China Regions, aws-us-gov - AWS GovCloud (US) Regions"
 * (IAM/latest/UserGuide/reference-arns.html). An ARN pattern matches component by component, the
 * partition included; the principal keys AWS derives keep the caller's partition; AWS managed
 * policies of a partition are addressed as arn:PARTITION:iam::aws:policy/NAME and their documents name
 * that partition's ARNs (iam-spec derives them from the aws copies: docs/data.md).
 */
import type { ConformanceCase } from "../case.js";
import { getManagedPolicy } from "../../../src/data/managed-policies.js";
import type { PolicyDocument } from "../../../src/types.js";
import { allow, aws, deny, grant, policy, row } from "./decision-builders.js";

const ARNS = "IAM/latest/UserGuide/reference-arns.html";
const PARTITION = `${ARNS}: "partition: the partition in which the resource is located [...] aws-cn [...] aws-us-gov"`;
const KEYS = "IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn";
const CROSS = "IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html";
const CN = "111122223333";
const CN_OTHER = "444455556666";
const GOV = "777788889999";
const CN_USER = `arn:aws-cn:iam::${CN}:user/li`;
const CN_SESSION = `arn:aws-cn:sts::${CN}:assumed-role/reader/s1`;
const CN_OTHER_USER = `arn:aws-cn:iam::${CN_OTHER}:user/wang`;
const GOV_SESSION = `arn:aws-us-gov:sts::${GOV}:assumed-role/ops/s1`;
const CN_OBJECT = "arn:aws-cn:s3:::cn-data/report.csv";
const GOV_QUEUE = `arn:aws-us-gov:sqs:us-gov-west-1:${GOV}:jobs`;

const managed = (arn: string): PolicyDocument => {
  const d = getManagedPolicy(arn);
  if (!d) throw new Error(`no bundled ${arn}`);
  return d;
};

export const cases: ConformanceCase[] = [
  row("partition aws-cn: identity policy on arn:aws-cn:s3:::cn-data/* allows the aws-cn object", PARTITION,
    { principal: CN_USER, action: "s3:GetObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [policy(allow("s3:GetObject", "arn:aws-cn:s3:::cn-data/*"))] }, "Allow"),
  row("partition aws-cn: identity policy on arn:aws:s3:::cn-data/* (another partition) does not", PARTITION,
    { principal: CN_USER, action: "s3:GetObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [policy(allow("s3:GetObject", "arn:aws:s3:::cn-data/*"))] }, "ImplicitDeny"),
  row("partition aws-cn: a wildcard partition arn:*:s3:::cn-data/* covers it", `${ARNS}; reference_policies_elements_resource.html: wildcards in any ARN segment`,
    { principal: CN_USER, action: "s3:GetObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [policy(allow("s3:GetObject", "arn:*:s3:::cn-data/*"))] }, "Allow"),
  row("partition aws-cn: a deny naming the aws partition's ARN does not deny the aws-cn object", PARTITION,
    { principal: CN_USER, action: "s3:GetObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [policy(allow("s3:GetObject"), deny("s3:GetObject", "arn:aws:s3:::cn-data/*"))] }, "Allow"),
  row("partition aws-cn: a deny naming the aws-cn ARN denies", PARTITION,
    { principal: CN_USER, action: "s3:GetObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [policy(allow("s3:GetObject"), deny("s3:GetObject", "arn:aws-cn:s3:::cn-data/*"))] }, "ExplicitDeny"),
  row("partition aws-cn: cross-account, the bucket policy names the caller's aws-cn ARN, identity allows", CROSS,
    { principal: CN_OTHER_USER, action: "s3:GetObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [policy(allow("s3:GetObject"))], resourcePolicy: policy(grant(aws(CN_OTHER_USER), "s3:GetObject", "arn:aws-cn:s3:::cn-data/*")) }, "Allow"),
  row("partition aws-cn: cross-account, the bucket policy names the account root arn:aws-cn:iam::ACCOUNT:root", `${CROSS}; reference_policies_elements_principal.html#principal-accounts`,
    { principal: CN_OTHER_USER, action: "s3:GetObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [policy(allow("s3:GetObject"))], resourcePolicy: policy(grant(aws(`arn:aws-cn:iam::${CN_OTHER}:root`), "s3:GetObject", "arn:aws-cn:s3:::cn-data/*")) }, "Allow"),
  row("partition aws-cn: cross-account, the bucket policy names the account id", "IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts: an account id stands for the account",
    { principal: CN_OTHER_USER, action: "s3:GetObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [policy(allow("s3:GetObject"))], resourcePolicy: policy(grant(aws(CN_OTHER), "s3:GetObject", "arn:aws-cn:s3:::cn-data/*")) }, "Allow"),
  row("partition aws-cn: cross-account, the bucket policy names another account", CROSS,
    { principal: CN_OTHER_USER, action: "s3:GetObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [policy(allow("s3:GetObject"))], resourcePolicy: policy(grant(aws(`arn:aws-cn:iam::${GOV}:root`), "s3:GetObject", "arn:aws-cn:s3:::cn-data/*")) }, "ImplicitDeny"),
  row("partition aws-cn: aws:PrincipalArn of a role session is the aws-cn role ARN", KEYS,
    { principal: CN_SESSION, action: "s3:GetObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [policy(allow("s3:GetObject", "*", { Condition: { ArnEquals: { "aws:PrincipalArn": `arn:aws-cn:iam::${CN}:role/reader` } } }))] }, "Allow"),
  row("partition aws-us-gov: aws:PrincipalArn ArnLike arn:aws-us-gov:iam::*:role/ops", KEYS,
    { principal: GOV_SESSION, action: "sqs:SendMessage", resource: GOV_QUEUE, identityPolicies: [policy(allow("sqs:SendMessage", "*", { Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws-us-gov:iam::*:role/ops" } } }))] }, "Allow"),
  row("partition aws-us-gov: aws:PrincipalArn ArnLike arn:aws:iam::*:role/ops (the aws partition) does not match", KEYS,
    { principal: GOV_SESSION, action: "sqs:SendMessage", resource: GOV_QUEUE, identityPolicies: [policy(allow("sqs:SendMessage", "*", { Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/ops" } } }))] }, "ImplicitDeny"),
  row("partition aws-us-gov: the queue policy grants the GovCloud role ARN (same account, no identity policy)", "IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html: same account, identity OR resource",
    { principal: GOV_SESSION, action: "sqs:SendMessage", resource: GOV_QUEUE, resourcePolicy: policy(grant(aws(`arn:aws-us-gov:iam::${GOV}:role/ops`), "sqs:SendMessage", GOV_QUEUE)) }, "Allow"),
  row("partition aws-us-gov: aws:PrincipalAccount is the GovCloud account", KEYS,
    { principal: GOV_SESSION, action: "sqs:SendMessage", resource: GOV_QUEUE, identityPolicies: [policy(allow("sqs:SendMessage", "*", { Condition: { StringEquals: { "aws:PrincipalAccount": GOV } } }))] }, "Allow"),
  row("partition aws-cn: a bucket policy naming the caller's aws-cn user ARN grants it (same account, no identity policy)", `${PARTITION}; reference_policies_evaluation-logic_policy-eval-basics.html`,
    { principal: CN_USER, action: "s3:GetObject", resource: CN_OBJECT, resourceAccount: CN, resourcePolicy: policy(grant(aws(CN_USER), "s3:GetObject", "arn:aws-cn:s3:::cn-data/*")) }, "Allow"),
  row("partition aws-cn: a bucket policy naming arn:aws:iam::...:user/li (another partition) does not grant the aws-cn user", PARTITION,
    { principal: CN_USER, action: "s3:GetObject", resource: CN_OBJECT, resourceAccount: CN, resourcePolicy: policy(grant(aws(`arn:aws:iam::${CN}:user/li`), "s3:GetObject", "arn:aws-cn:s3:::cn-data/*")) }, "ImplicitDeny"),
  row("partition aws-us-gov: a queue policy naming the role in the aws partition does not grant the GovCloud session", PARTITION,
    { principal: GOV_SESSION, action: "sqs:SendMessage", resource: GOV_QUEUE, resourcePolicy: policy(grant(aws(`arn:aws:iam::${GOV}:role/ops`), "sqs:SendMessage", GOV_QUEUE)) }, "ImplicitDeny"),
  row("partition aws-us-gov: NotPrincipal in an Allow naming the aws partition's role leaves the GovCloud session in", `${PARTITION}; reference_policies_elements_notprincipal.html: "allows all principals except the one named"`,
    { principal: GOV_SESSION, action: "sqs:SendMessage", resource: GOV_QUEUE, resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", NotPrincipal: aws(`arn:aws:iam::${GOV}:role/ops`), Action: "sqs:SendMessage", Resource: GOV_QUEUE }] } }, "Allow"),
  row("partition aws-us-gov: NotPrincipal in an Allow naming the GovCloud role leaves its session out", "IAM/latest/UserGuide/reference_policies_elements_notprincipal.html",
    { principal: GOV_SESSION, action: "sqs:SendMessage", resource: GOV_QUEUE, resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", NotPrincipal: aws(`arn:aws-us-gov:iam::${GOV}:role/ops`), Action: "sqs:SendMessage", Resource: GOV_QUEUE }] } }, "ImplicitDeny"),
  row("AWS managed policy arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess allows reads", `${ARNS}; IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies`,
    { principal: CN_USER, action: "s3:GetObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [managed("arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess")] }, "Allow"),
  row("AWS managed policy arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess allows no writes", ARNS,
    { principal: CN_USER, action: "s3:PutObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [managed("arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess")] }, "ImplicitDeny"),
  row("AWS managed policy arn:aws-cn:iam::aws:policy/AWSLambdaExecute: its arn:aws-cn:s3:::* covers the aws-cn object", `${ARNS}: a partition's copy names that partition's ARNs`,
    { principal: CN_USER, action: "s3:PutObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [managed("arn:aws-cn:iam::aws:policy/AWSLambdaExecute")] }, "Allow"),
  row("AWS managed policy arn:aws:iam::aws:policy/AWSLambdaExecute: its arn:aws:s3:::* does not cover an aws-cn object", PARTITION,
    { principal: CN_USER, action: "s3:PutObject", resource: CN_OBJECT, resourceAccount: CN, identityPolicies: [managed("arn:aws:iam::aws:policy/AWSLambdaExecute")] }, "ImplicitDeny"),
  row("AWS managed policy arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess allows sqs:ReceiveMessage", ARNS,
    { principal: GOV_SESSION, action: "sqs:ReceiveMessage", resource: GOV_QUEUE, identityPolicies: [managed("arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess")] }, "Allow"),
  row("AWS managed policy arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess allows no sqs:SendMessage", ARNS,
    { principal: GOV_SESSION, action: "sqs:SendMessage", resource: GOV_QUEUE, identityPolicies: [managed("arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess")] }, "ImplicitDeny"),
];
