/**
 * Resource policies of the kinds the importers read besides buckets, queues, topics and keys: an
 * EventBridge bus policy (eventbridge/latest/userguide/eb-event-bus-perms.html), a Lambda layer version
 * policy (lambda/latest/dg/permissions-layer-cross-account.html), a CloudWatch Logs resource policy
 * for a service (AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html) and an ECR registry
 * policy (AmazonECR/latest/userguide/registry-permissions.html), as the importers write them.
 */
import type { ConformanceCase } from "../case.js";
import { ACCT, CAROL, DAVE, ORG_ID, OTHER, allow, aws, grant, policy, row } from "./decision-builders.js";

const CROSS = "IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html";
const BUS = `arn:aws:events:us-east-1:${ACCT}:event-bus/orders`;
const LAYER = `arn:aws:lambda:us-east-1:${ACCT}:layer:shared:1`;
const LOGS = `arn:aws:logs:us-east-1:${ACCT}:log-group:/aws/events/orders:log-stream:a`;
const REPO = `arn:aws:ecr:us-east-1:${ACCT}:repository/app`;
const EB = "eventbridge/latest/userguide/eb-event-bus-perms.html";
const LAYERS = "lambda/latest/dg/permissions-layer-cross-account.html";

const busForPartner = policy(grant(aws(`arn:aws:iam::${OTHER}:root`), "events:PutEvents", BUS));
const busForOrg = policy(grant("*", "events:PutEvents", BUS, { Condition: { StringEquals: { "aws:PrincipalOrgID": ORG_ID } } }));
const layerForOrg = policy(grant("*", "lambda:GetLayerVersion", LAYER, { Condition: { StringEquals: { "aws:PrincipalOrgID": ORG_ID } } }));
const logsForEvents = policy(grant({ Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] }, ["logs:CreateLogStream", "logs:PutLogEvents"], `arn:aws:logs:us-east-1:${ACCT}:log-group:/aws/events/*:*`));
const registryForPartner = policy(grant(aws(`arn:aws:iam::${OTHER}:root`), ["ecr:CreateRepository", "ecr:ReplicateImage"], `arn:aws:ecr:us-east-1:${ACCT}:repository/*`));

export const cases: ConformanceCase[] = [
  row("EventBridge: the bus policy names the partner account, the partner's identity policy allows PutEvents", `${EB}; ${CROSS}`,
    { principal: CAROL, action: "events:PutEvents", resource: BUS, identityPolicies: [policy(allow("events:PutEvents"))], resourcePolicy: busForPartner }, "Allow"),
  row("EventBridge: the bus policy names the partner account, no identity policy", CROSS,
    { principal: CAROL, action: "events:PutEvents", resource: BUS, resourcePolicy: busForPartner }, "ImplicitDeny"),
  row("EventBridge: the bus policy names the partner account, a third account calls", EB,
    { principal: DAVE, action: "events:PutEvents", resource: BUS, identityPolicies: [policy(allow("events:PutEvents"))], resourcePolicy: busForPartner }, "ImplicitDeny"),
  row("EventBridge: Principal \"*\" with aws:PrincipalOrgID, a member of the organization", `${EB}: "Condition": {"StringEquals": {"aws:PrincipalOrgID": ...}}`,
    { principal: CAROL, action: "events:PutEvents", resource: BUS, context: { "aws:PrincipalOrgID": ORG_ID }, identityPolicies: [policy(allow("events:PutEvents"))], resourcePolicy: busForOrg }, "Allow"),
  row("EventBridge: Principal \"*\" with aws:PrincipalOrgID, an account of another organization", EB,
    { principal: DAVE, action: "events:PutEvents", resource: BUS, context: { "aws:PrincipalOrgID": "o-zzzzzzzzzz" }, identityPolicies: [policy(allow("events:PutEvents"))], resourcePolicy: busForOrg }, "ImplicitDeny"),
  row("Lambda layer: Principal \"*\" with the organization's id, a member account", `${LAYERS}: AddLayerVersionPermission with --organization-id`,
    { principal: CAROL, action: "lambda:GetLayerVersion", resource: LAYER, context: { "aws:PrincipalOrgID": ORG_ID }, identityPolicies: [policy(allow("lambda:GetLayerVersion"))], resourcePolicy: layerForOrg }, "Allow"),
  row("Lambda layer: Principal \"*\" with the organization's id, a caller outside it", LAYERS,
    { principal: DAVE, action: "lambda:GetLayerVersion", resource: LAYER, context: { "aws:PrincipalOrgID": "o-zzzzzzzzzz" }, identityPolicies: [policy(allow("lambda:GetLayerVersion"))], resourcePolicy: layerForOrg }, "ImplicitDeny"),
  row("CloudWatch Logs: the resource policy lets events.amazonaws.com put events in /aws/events/*", "AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html",
    { principal: "events.amazonaws.com", action: "logs:PutLogEvents", resource: LOGS, resourcePolicy: logsForEvents }, "Allow"),
  row("CloudWatch Logs: ... but not in another log group", "AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html",
    { principal: "events.amazonaws.com", action: "logs:PutLogEvents", resource: `arn:aws:logs:us-east-1:${ACCT}:log-group:/app/audit:log-stream:a`, resourcePolicy: logsForEvents }, "ImplicitDeny"),
  row("CloudWatch Logs: another service principal is not named", "IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services",
    { principal: "lambda.amazonaws.com", action: "logs:PutLogEvents", resource: LOGS, resourcePolicy: logsForEvents }, "ImplicitDeny"),
  row("ECR registry policy: the source account replicates into the registry", "AmazonECR/latest/userguide/registry-permissions.html",
    { principal: CAROL, action: "ecr:ReplicateImage", resource: REPO, identityPolicies: [policy(allow("ecr:*"))], resourcePolicy: registryForPartner }, "Allow"),
  row("ECR registry policy: it grants replication, not pulls", "AmazonECR/latest/userguide/registry-permissions.html",
    { principal: CAROL, action: "ecr:BatchGetImage", resource: REPO, identityPolicies: [policy(allow("ecr:*"))], resourcePolicy: registryForPartner }, "ImplicitDeny"),
];
