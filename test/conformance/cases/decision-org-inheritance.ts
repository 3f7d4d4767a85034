/**
 * SCP inheritance as the Organizations API reference words it (AttachPolicy, 2019 text): "imagine that
 * the parent SCP allows permissions A, B, C, D, and E. The child SCP allows C, D, E, F, and G. The result
 * is that the accounts affected by the child SCP are allowed to use only C, D, and E. They can't use A or B
 * because the child OU filtered them out. They also can't use F and G because the parent OU filtered them
 * out." Here A..G are the services sqs, sns, s3, ec2, dynamodb, lambda, kms.
 */
import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import { ACCT, ALICE, allow, policy, row } from "./decision-builders.js";

const API = `organizations/latest/APIReference/API_AttachPolicy.html ("The child SCP allows C, D, E, F, and G. The result is that the accounts affected by the child SCP are allowed to use only C, D, and E")`;
const EVAL = "organizations/latest/userguide/orgs_manage_policies_inheritance_auth.html (\"there must be an explicit Allow statement at every level from the root through each OU in the direct path to the account\")";

const PARENT = policy(allow(["sqs:*", "sns:*", "s3:*", "ec2:*", "dynamodb:*"]));
const CHILD = policy(allow(["s3:*", "ec2:*", "dynamodb:*", "lambda:*", "kms:*"]));
const FULL = policy(allow("*"));

const call = (action: string, resource: string): EvaluateInput => ({
  principal: ALICE,
  action,
  resource,
  resourceAccount: ACCT,
  identityPolicies: [FULL],
  scps: [[FULL], [PARENT], [CHILD], [FULL]],
});

export const cases: ConformanceCase[] = [
  row("SCP parent A-E, child C-G: A (sqs) is filtered out by the child", `${API}; ${EVAL}`, call("sqs:SendMessage", `arn:aws:sqs:us-east-1:${ACCT}:jobs`), "ImplicitDeny"),
  row("SCP parent A-E, child C-G: B (sns) is filtered out by the child", `${API}; ${EVAL}`, call("sns:Publish", `arn:aws:sns:us-east-1:${ACCT}:alerts`), "ImplicitDeny"),
  row("SCP parent A-E, child C-G: C (s3) passes both", `${API}; ${EVAL}`, call("s3:GetObject", "arn:aws:s3:::acme-artifacts/builds/1.zip"), "Allow"),
  row("SCP parent A-E, child C-G: E (dynamodb) passes both", `${API}; ${EVAL}`, call("dynamodb:GetItem", `arn:aws:dynamodb:us-east-1:${ACCT}:table/Thread`), "Allow"),
  row("SCP parent A-E, child C-G: F (lambda) is filtered out by the parent", `${API}; ${EVAL}`, call("lambda:InvokeFunction", `arn:aws:lambda:us-east-1:${ACCT}:function:build`), "ImplicitDeny"),
  row("SCP parent A-E, child C-G: G (kms) is filtered out by the parent", `${API}; ${EVAL}`, call("kms:ListKeys", "*"), "ImplicitDeny"),
];
