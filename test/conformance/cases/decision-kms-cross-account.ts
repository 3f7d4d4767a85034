/**
 * What a KMS key policy can grant to another account: kms/latest/developerguide/key-policy-modifying-external-accounts.html
 * ("Cross-account permission is effective only for the following operations [...] If you give a user in a
 * different account permission for other operations, those permissions have no effect. For example, if you
 * give [...] kms:ScheduleKeyDeletion permission on a KMS key in a key policy, the user's attempts to call
 * those operations on your resources still fail").
 */
import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import { ACCT, ALICE, CAROL, KEY, OTHER, allow, aws, grant, policy, row } from "./decision-builders.js";

const EXTERNAL = "kms/latest/developerguide/key-policy-modifying-external-accounts.html";
const ONLY = `${EXTERNAL} ("Cross-account permission is effective only for the following operations")`;
const NO_EFFECT = `${EXTERNAL} ("if you give [...] kms:ScheduleKeyDeletion permission on a KMS key in a key policy, the user's attempts to call those operations on your resources still fail")`;

/** The key policy: the owner account enables IAM, and the other account gets every permission. */
const keyPolicy = policy(grant(aws(`arn:aws:iam::${ACCT}:root`), "kms:*"), grant(aws(OTHER), "kms:*"));
const byCarol = (action: string): EvaluateInput =>
  ({ principal: CAROL, action, resource: KEY, resourcePolicy: keyPolicy, identityPolicies: [policy(allow("kms:*"))] });

export const cases: ConformanceCase[] = [
  row("KMS cross-account: kms:Decrypt granted by the key policy and the caller's IAM policy", ONLY, byCarol("kms:Decrypt"), "Allow"),
  row("KMS cross-account: kms:GenerateDataKey", ONLY, byCarol("kms:GenerateDataKey"), "Allow"),
  row("KMS cross-account: kms:DescribeKey", ONLY, byCarol("kms:DescribeKey"), "Allow"),
  row("KMS cross-account: kms:CreateGrant", ONLY, byCarol("kms:CreateGrant"), "Allow"),
  row("KMS cross-account: kms:ScheduleKeyDeletion granted anyway has no effect", NO_EFFECT, byCarol("kms:ScheduleKeyDeletion"), "ImplicitDeny"),
  row("KMS cross-account: kms:PutKeyPolicy granted anyway has no effect", `${NO_EFFECT}; kms/latest/developerguide/kms-api-permissions-reference.html (PutKeyPolicy: cross-account use No)`, byCarol("kms:PutKeyPolicy"), "ImplicitDeny"),
  row("KMS cross-account: kms:DisableKey granted anyway has no effect", `${ONLY}; kms/latest/developerguide/kms-api-permissions-reference.html (DisableKey: cross-account use No)`, byCarol("kms:DisableKey"), "ImplicitDeny"),
  row("KMS same account: a user of the key's account schedules its deletion with an IAM allow (the key policy enables IAM)", "kms/latest/developerguide/key-policy-default.html (\"Allows access to the AWS account and enables IAM policies\")",
    { principal: ALICE, action: "kms:ScheduleKeyDeletion", resource: KEY, resourcePolicy: keyPolicy, identityPolicies: [policy(allow("kms:ScheduleKeyDeletion"))] }, "Allow"),
];
