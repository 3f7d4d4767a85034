/**
 * Triggers the caller creates for a Lambda function whose code it controls (a function it creates
 * with a passed role, one whose code or layers it replaces): another service then invokes the
 * function, so the caller needs no lambda:InvokeFunction. Each trigger is a lambda:AddPermission
 * statement for the service principal (lambda:Principal; lambda/latest/api/API_AddPermission.html:
 * "For AWS services, the principal is a domain-style identifier that the service defines, such as
 * s3.amazonaws.com or sns.amazonaws.com") and the service's own calls
 * that make it invoke the function:
 *
 * - an EventBridge rule on a schedule with the function as its target: events:PutRule +
 *   events:PutTargets (events:TargetArn the function); "For Lambda ... EventBridge uses resource-based
 *   policies" naming events.amazonaws.com (eventbridge/latest/userguide/eb-use-resource-based.html);
 *   a scheduled rule fires by itself (eventbridge/latest/userguide/eb-create-rule-schedule.html);
 * - an S3 event notification on a bucket (s3:PutBucketNotification; s3.amazonaws.com invokes the
 *   function: lambda/latest/dg/with-s3.html, AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html),
 *   then an object the caller uploads (s3:PutObject) raises the event: a bucket the caller creates
 *   (s3:CreateBucket; the caller's account owns it, with no bucket policy), or an existing one;
 * - an SNS subscription of the function to a topic (sns:Subscribe, sns:Protocol `lambda`, sns:Endpoint
 *   the function; sns.amazonaws.com invokes it: lambda/latest/dg/with-sns.html), then a message the
 *   caller publishes (sns:Publish);
 * - a CloudWatch Logs subscription filter on a log group with the function as its destination
 *   (logs:PutSubscriptionFilter; logs.amazonaws.com invokes it:
 *   AmazonCloudWatch/latest/logs/SubscriptionFilters.html#LambdaFunctionExample), then log events the caller
 *   writes (logs:CreateLogStream + logs:PutLogEvents).
 *
 * The bucket, rule, topic and log group are named as the caller's policies single out (the namings of attempt.ts);
 * an existing bucket, topic or log group of that name is taken to exist. Event source mappings (SQS, Kinesis, DynamoDB
 * streams) are lambda:CreateEventSourceMapping, a step of its own (lambda-update-code.ts).
 */
import type { ContextValue } from "../../types.js";
import { namingsFor, resourceFor } from "../attempt.js";
import type { RunsAsCall } from "./runs-as.js";
import type { LaunchCall } from "./service-launch.js";

interface TriggerCall {
  action: string;
  /** The resource type to act on when the action takes several. */
  resourceType?: string;
  /** Keys the call fixes, given the function's ARN. */
  pinned?: (fn: string) => Readonly<Record<string, ContextValue>>;
  /** On a resource an earlier call created (the caller's own bucket): the caller's account, no policy. */
  created?: true;
}

const grant = (service: string): TriggerCall => ({ action: "lambda:AddPermission", pinned: () => ({ "lambda:Principal": service }) });

/** The services whose resources a trigger names, for the namings to try. */
export const TRIGGER_SERVICES = ["events", "s3", "sns", "logs"] as const;

export const TRIGGERS: readonly (readonly TriggerCall[])[] = [
  [
    grant("events.amazonaws.com"),
    { action: "events:PutRule", resourceType: "rule-on-default-event-bus" },
    { action: "events:PutTargets", resourceType: "rule-on-default-event-bus", pinned: (fn) => ({ "events:TargetArn": fn }) },
  ],
  // A bucket of the caller's own (s3:CreateBucket), else an existing one (whose owner the environment may leave open).
  [grant("s3.amazonaws.com"), { action: "s3:CreateBucket", created: true }, { action: "s3:PutBucketNotification", created: true }, { action: "s3:PutObject", resourceType: "object", created: true }],
  [grant("s3.amazonaws.com"), { action: "s3:PutBucketNotification" }, { action: "s3:PutObject", resourceType: "object" }],
  [grant("sns.amazonaws.com"), { action: "sns:Subscribe", pinned: (fn) => ({ "sns:Protocol": "lambda", "sns:Endpoint": fn }) }, { action: "sns:Publish" }],
  [grant("logs.amazonaws.com"), { action: "logs:PutSubscriptionFilter", resourceType: "log-group" }, { action: "logs:CreateLogStream" }, { action: "logs:PutLogEvents" }],
];

/** The function's region and account, from its ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME). */
const where = (fn: string) => {
  const [, , , region, account] = fn.split(":");
  return { region: region!, account: account! };
};

/** The triggers as calls on a function the environment lists (runs-as.ts), the name the caller picks for the rule, bucket, topic or log group. */
export const triggersOnListed: readonly (readonly RunsAsCall[])[] = TRIGGERS.map((calls) =>
  calls.map((c): RunsAsCall => ({
    action: c.action,
    resource: (fn, name) => (c.action === "lambda:AddPermission" ? fn : resourceFor(c.action, where(fn).account, c.resourceType, { region: where(fn).region, name })),
    ...(c.pinned ? { pinned: (fn: string) => c.pinned!(fn) } : {}),
    ...(c.created ? { created: true as const } : {}),
  })),
);

/** The triggers as calls after the function's creation (service-launch.ts), every resource under one naming. */
export const triggersOnCreated: readonly (readonly LaunchCall[])[] = TRIGGERS.map((calls) =>
  calls.map((c): LaunchCall => ({
    action: c.action,
    ...(c.resourceType ? { resourceType: c.resourceType } : {}),
    ...(c.pinned ? { pinned: (_caller: string, at: (action: string) => string) => c.pinned!(at("lambda:CreateFunction")) } : {}),
    ...(c.created ? { created: true as const } : {}),
  })),
);

/** The names worth trying for the rule, bucket, topic or log group: the default, then those the caller's policies single out. */
export const triggerNames = (documents: readonly unknown[]): string[] => [...new Set(TRIGGER_SERVICES.flatMap((s) => namingsFor(documents, s).map((n) => n.name)))];
