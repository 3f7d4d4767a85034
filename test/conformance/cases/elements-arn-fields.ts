/**
 * ARNs whose region or account field is empty (S3, IAM: IAM/latest/UserGuide/reference-arns.html) against
 * Resource patterns and ARN conditions: a `*` field matches the empty field ("The asterisk (*) character
 * can expand to replace everything within a segment", IAM/latest/UserGuide/reference_policies_elements_resource.html),
 * a literal field does not, and each colon-separated field is compared on its own
 * (IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN).
 */
import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import { ACCT, ALICE, allow, policy, row } from "./decision-builders.js";

const RESOURCE = "IAM/latest/UserGuide/reference_policies_elements_resource.html";
const ARNS = "IAM/latest/UserGuide/reference-arns.html";
const ARN_OPS = "IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN";
const STAR_EMPTY = `${RESOURCE} ("The asterisk (*) character can expand to replace everything within a segment"); ${ARNS} (S3 and IAM ARNs have empty fields)`;

const OBJ = "arn:aws:s3:::amzn-s3-demo-bucket/photos/cat.jpg";
const BOB = `arn:aws:iam::${ACCT}:user/bob`;

const s3 = (pattern: string): EvaluateInput =>
  ({ principal: ALICE, action: "s3:GetObject", resource: OBJ, resourceAccount: ACCT, identityPolicies: [policy(allow("s3:GetObject", pattern))] });
const iam = (pattern: string): EvaluateInput =>
  ({ principal: ALICE, action: "iam:GetUser", resource: BOB, identityPolicies: [policy(allow("iam:GetUser", pattern))] });
const sourceArn = (pattern: string, value: string): EvaluateInput => ({
  principal: ALICE,
  action: "s3:GetObject",
  resource: OBJ,
  resourceAccount: ACCT,
  context: { "aws:SourceArn": value },
  identityPolicies: [policy(allow("s3:GetObject", "*", { Condition: { ArnLike: { "aws:SourceArn": pattern } } }))],
});

export const cases: ConformanceCase[] = [
  row("Resource arn:aws:s3:*:*:amzn-s3-demo-bucket/* covers an object (empty region and account fields)", STAR_EMPTY, s3("arn:aws:s3:*:*:amzn-s3-demo-bucket/*"), "Allow"),
  row("Resource arn:aws:s3:us-east-1::amzn-s3-demo-bucket/* does not (S3 ARNs name no Region)", `${ARNS}; ${RESOURCE}`, s3("arn:aws:s3:us-east-1::amzn-s3-demo-bucket/*"), "ImplicitDeny"),
  row(`Resource arn:aws:s3::${ACCT}:amzn-s3-demo-bucket/* does not (S3 ARNs name no account)`, `${ARNS}; ${RESOURCE}`, s3(`arn:aws:s3::${ACCT}:amzn-s3-demo-bucket/*`), "ImplicitDeny"),
  row("Resource arn:aws:s3:::* covers every object", `${RESOURCE} ("arn:aws:s3:::*")`, s3("arn:aws:s3:::*"), "Allow"),
  row("Resource arn:aws:iam::*:user/bob covers the user (account wildcard, empty region)", STAR_EMPTY, iam("arn:aws:iam::*:user/bob"), "Allow"),
  row("Resource arn:aws:iam:*:*:user/* covers the user (a * region matches the empty one)", STAR_EMPTY, iam("arn:aws:iam:*:*:user/*"), "Allow"),
  row(`Resource arn:aws:iam:us-east-1:${ACCT}:user/bob does not (IAM ARNs name no Region)`, `${ARNS}; ${RESOURCE}`, iam(`arn:aws:iam:us-east-1:${ACCT}:user/bob`), "ImplicitDeny"),
  row("Resource arn:aws:iam:::user/bob does not (the empty account field is not a wildcard)", `${ARNS}; ${RESOURCE}`, iam("arn:aws:iam:::user/bob"), "ImplicitDeny"),
  row("ArnLike arn:aws:s3:*:*:amzn-s3-demo-bucket matches aws:SourceArn arn:aws:s3:::amzn-s3-demo-bucket", `${ARN_OPS} ("Each of the six colon-delimited components of the ARN is checked separately")`,
    sourceArn("arn:aws:s3:*:*:amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket"), "Allow"),
  row("ArnLike arn:aws:s3:::amzn-s3-demo-bucket does not match a bucket of another name with that prefix", ARN_OPS,
    sourceArn("arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket-logs"), "ImplicitDeny"),
  row("ArnLike arn:aws:s3:::* does not match an SQS queue (the service field differs)", ARN_OPS,
    sourceArn("arn:aws:s3:::*", `arn:aws:sqs:us-east-1:${ACCT}:jobs`), "ImplicitDeny"),
  row("ArnLike with a literal Region does not match an S3 ARN's empty Region", ARN_OPS,
    sourceArn("arn:aws:s3:us-east-1:*:amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket"), "ImplicitDeny"),
];
