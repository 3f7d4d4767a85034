/**
 * SQS actions that no queue policy grants to another account:
 * AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-limitations-of-custom-policies.html ("Cross-account
 * permissions don't apply to the following actions: AddPermission, CancelMessageMoveTask, CreateQueue,
 * DeleteQueue, ListMessageMoveTask, ListQueues, ListQueueTags, RemovePermission, SetQueueAttributes,
 * StartMessageMoveTask, TagQueue, UntagQueue"); the AddPermission API page: "Only you, the owner of the
 * queue, can grant or deny permissions to the queue."
 */
import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import { ACCT, BOB, CAROL, OTHER, QUEUE, allow, aws, grant, policy, row } from "./decision-builders.js";

const LIMITS = "AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-limitations-of-custom-policies.html (\"Cross-account permissions don't apply to the following actions\")";
const CROSS = "IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html";

/** A queue policy granting the other account everything on the queue. */
const everythingToOther = policy(grant(aws(OTHER), "sqs:*", QUEUE));
const fromCarol = (action: string): EvaluateInput =>
  ({ principal: CAROL, action, resource: QUEUE, resourcePolicy: everythingToOther, identityPolicies: [policy(allow("sqs:*"))] });

export const cases: ConformanceCase[] = [
  row("SQS: another account granted sqs:* cannot change the queue's attributes (its policy)", LIMITS, fromCarol("sqs:SetQueueAttributes"), "ImplicitDeny"),
  row("SQS: another account granted sqs:* cannot add a permission", `${LIMITS}; AWSSimpleQueueService/latest/APIReference/API_AddPermission.html ("Only you, the owner of the queue, can grant or deny permissions to the queue")`, fromCarol("sqs:AddPermission"), "ImplicitDeny"),
  row("SQS: another account granted sqs:* cannot delete the queue", LIMITS, fromCarol("sqs:DeleteQueue"), "ImplicitDeny"),
  row("SQS: another account granted sqs:* cannot tag the queue", LIMITS, fromCarol("sqs:TagQueue"), "ImplicitDeny"),
  row("SQS: the same grant lets it send messages", `${CROSS}; ${LIMITS} (SendMessage is not in the list)`, fromCarol("sqs:SendMessage"), "Allow"),
  row("SQS: the same grant lets it read the queue's attributes", `${CROSS}; ${LIMITS} (GetQueueAttributes is not in the list)`, fromCarol("sqs:GetQueueAttributes"), "Allow"),
  row("SQS: a user of the queue's own account with an identity allow changes its attributes", LIMITS,
    { principal: BOB, action: "sqs:SetQueueAttributes", resource: QUEUE, identityPolicies: [policy(allow("sqs:SetQueueAttributes", QUEUE))] }, "Allow"),
  row(`SQS: the queue in ${ACCT} is the resource's account (from its ARN)`, "IAM/latest/UserGuide/reference-arns.html",
    { principal: BOB, action: "sqs:DeleteQueue", resource: QUEUE, identityPolicies: [policy(allow("sqs:DeleteQueue"))] }, "Allow"),
];
