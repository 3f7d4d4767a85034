/**
 * The event sources of AWS::Serverless::Function and AWS::Serverless::StateMachine, as far as they
 * bear on IAM (serverless-application-model/latest/developerguide/sam-property-function-eventsource.html
 * and sam-property-statemachine-statemachineeventsource.html; aws-sam-translator's
 * model/eventsources/pull.py, push.py and model/stepfunctions/events.py):
 *   - pull sources (SQS, Kinesis, DynamoDB, MSK) add an AWS managed policy to the generated role, and
 *     an OnFailure destination with a Type adds a policy for it;
 *   - push sources (Api, HttpApi, S3, SNS, Schedule, CloudWatchEvent, EventBridgeRule, IoTRule,
 *     AlexaSkill, Cognito, CloudWatchLogs) add an AWS::Lambda::Permission: a statement of the
 *     function's resource policy;
 *   - MQ, DocumentDB and SelfManagedKafka events add a policy for their secrets (and broker, cluster); ScheduleV2 events get a role of their own;
 *   - a state machine's Schedule, CloudWatchEvent, EventBridgeRule and Api events get a role of their
 *     own that may start executions of the state machine.
 * Event types that grant access in ways iam-spec does not reproduce yet are errors at their Type.
 */
import { inputError } from "../../../load/errors.js";
import type { LNode } from "../../../load/located.js";
import type { SourcePos } from "../../../model/types.js";
import { entriesOf, get, items, str } from "../../lnode.js";
import { arnOf, inlinePolicy, keep, ref, serviceTrust, sub, tree, type Tree } from "./tree.js";
import type { Expansion } from "./transform.js";

/** What a function's events add to its generated role. */
export interface RoleAdditions {
  /** "PATH/NAME" of AWS managed policies. */
  readonly managed: string[];
  readonly inline: Tree[];
}

const PULL_POLICIES: Record<string, string> = {
  SQS: "service-role/AWSLambdaSQSQueueExecutionRole",
  Kinesis: "service-role/AWSLambdaKinesisExecutionRole",
  DynamoDB: "service-role/AWSLambdaDynamoDBExecutionRole",
  MSK: "service-role/AWSLambdaMSKExecutionRole",
};


const INVOKE_PRINCIPALS: Record<string, string> = {
  Api: "apigateway.amazonaws.com",
  HttpApi: "apigateway.amazonaws.com",
  S3: "s3.amazonaws.com",
  SNS: "sns.amazonaws.com",
  Schedule: "events.amazonaws.com",
  CloudWatchEvent: "events.amazonaws.com",
  EventBridgeRule: "events.amazonaws.com",
  IoTRule: "iot.amazonaws.com",
  AlexaSkill: "alexa-appkit.amazon.com",
  Cognito: "cognito-idp.amazonaws.com",
  CloudWatchLogs: "logs.amazonaws.com",
};

export interface FunctionTarget {
  readonly id: string;
  /** What a permission's FunctionName is: Ref of the function, or of its alias (AutoPublishAlias). */
  readonly name: Tree;
  /** The ARN of the function, or of its alias. */
  readonly arn: Tree;
  /** Whether SAM generates the execution role (no Role given). */
  readonly generatesRole: boolean;
  /** The function's Condition, which SAM gives every resource it generates for it. */
  readonly condition: LNode | undefined;
}

/** Adds the resources of a function's events to `x`; returns what they add to the generated role. */
export function functionEvents(x: Expansion, fn: FunctionTarget, events: LNode | undefined, pos: SourcePos): RoleAdditions {
  const add: RoleAdditions = { managed: [], inline: [] };
  for (const e of entriesOf(events)) {
    const id = `${fn.id}${e.key}`;
    const typeNode = get(e.value, "Type");
    const type = str(typeNode);
    const props = get(e.value, "Properties");
    const at = typeNode?.pos ?? e.keyPos;
    if (type === undefined) {
      x.errors.push(inputError("schema", e.value.pos, `Events.${e.key}: an event source has a Type`, "write { Type: SQS, Properties: { Queue: ... } }"));
      continue;
    }
    const pull = PULL_POLICIES[type];
    if (pull !== undefined) {
      if (!fn.generatesRole) continue;
      add.managed.push(pull);
      if (type === "MSK" && get(props, "SchemaRegistryConfig")) {
        x.errors.push(inputError("unsupported", get(props, "SchemaRegistryConfig")!.pos, `Events.${e.key}: iam-spec does not write the role policy SAM derives from an MSK event's SchemaRegistryConfig yet`, "import the processed template (aws cloudformation get-template --template-stage Processed)"));
      }
      // pull.py MSK: a CLIENT_CERTIFICATE_TLS_AUTH secret may be read (MSKExecutionRolePolicy).
      const certificates = type === "MSK" ? items(get(props, "SourceAccessConfigurations")).flatMap((c) => (str(get(c, "Type")) === "CLIENT_CERTIFICATE_TLS_AUTH" && get(c, "URI") ? [get(c, "URI")!] : [])) : [];
      if (certificates.length > 0) add.inline.push(keep(tree(inlinePolicy("MSKExecutionRolePolicy", certificates.map((uri) => ({ Action: ["secretsmanager:GetSecretValue"], Effect: "Allow", Resource: keep(uri) }))), e.keyPos)));
      const onFailure = get(get(props, "DestinationConfig"), "OnFailure");
      const destination = get(onFailure, "Destination");
      const dtype = str(get(onFailure, "Type"));
      if (dtype !== undefined && destination) add.inline.push(...destinationPolicy(dtype, destination, id, onFailure!.pos));
      continue;
    }
    if (type === "MQ" || type === "DocumentDB" || type === "SelfManagedKafka") {
      if (fn.generatesRole) add.inline.push(...(type === "MQ" ? mqPolicy(x, e.key, id, props, e.keyPos) : type === "DocumentDB" ? documentDbPolicy(x, e.key, props, e.keyPos) : kafkaPolicy(x, e.key, props, e.keyPos)));
      continue;
    }
    if (type === "ScheduleV2") {
      scheduleV2(x, fn, id, props, e.keyPos);
      continue;
    }
    const principal = INVOKE_PRINCIPALS[type];
    if (principal === undefined) {
      x.errors.push(inputError("unsupported", at, `Events.${e.key}: iam-spec does not read ${type} events of AWS::Serverless::Function yet`, "known event types: SQS, Kinesis, DynamoDB, MSK, MQ, Api, HttpApi, S3, SNS, Schedule, ScheduleV2, CloudWatchEvent, EventBridgeRule, IoTRule, AlexaSkill, Cognito, CloudWatchLogs"));
      continue;
    }
    const permission: Record<string, Tree | undefined> = { Action: "lambda:InvokeFunction", FunctionName: fn.name, Principal: principal };
    switch (type) {
      case "Api": {
        // push.py Api._get_permission: every stage of the API, the method (ANY: *) and the path.
        const api = get(props, "RestApiId") ?? x.implicitApi("ServerlessRestApi", "AWS::ApiGateway::RestApi", e.keyPos);
        const method = (str(get(props, "Method")) ?? "").toLowerCase() === "any" ? "*" : (str(get(props, "Method")) ?? "").toUpperCase();
        // Path parameters ({id}, {proxy+}) match any segment: swagger.py get_path_without_trailing_slash.
        const path = (str(get(props, "Path")) ?? "").replace(/^(.+)\/$/, "$1").replace(/\{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)\}/g, "*");
        permission.SourceArn = sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${method}${path}`, { __ApiId__: keep(api), __Stage__: "*" });
        break;
      }
      case "HttpApi": {
        const api = get(props, "ApiId") ?? x.implicitApi("ServerlessHttpApi", "AWS::ApiGatewayV2::Api", e.keyPos);
        const rawMethod = str(get(props, "Method"));
        const rawPath = str(get(props, "Path"));
        // push.py HttpApi: no Path and Method is the $default route of any method.
        const resource = rawPath === undefined ? "$default" : `${!rawMethod || rawMethod.toLowerCase() === "any" ? "*" : rawMethod.toUpperCase()}${rawPath.replace(/^(.+)\/$/, "$1").replace(/\{([a-zA-Z0-9._-]+|proxy\+)\}/g, "*")}`;
        permission.SourceArn = sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${resource}`, { __ApiId__: keep(api), __Stage__: "*" });
        break;
      }
      case "S3":
        // push.py S3: the permission names the account, not the bucket.
        permission.SourceAccount = ref("AWS::AccountId");
        break;
      case "SNS": {
        const topic = get(props, "Topic");
        if (topic) permission.SourceArn = keep(topic);
        break;
      }
      case "Schedule":
      case "CloudWatchEvent":
      case "EventBridgeRule": {
        const name = get(props, type === "Schedule" ? "Name" : "RuleName");
        const bus = get(props, "EventBusName");
        x.resource(id, "AWS::Events::Rule", { Name: name ? keep(name) : undefined, EventBusName: bus ? keep(bus) : undefined }, e.keyPos, fn.condition);
        permission.SourceArn = arnOf(id);
        break;
      }
      case "IoTRule":
        x.resource(id, "AWS::IoT::TopicRule", {}, e.keyPos, fn.condition);
        permission.SourceArn = sub(`arn:\${AWS::Partition}:iot:\${AWS::Region}:\${AWS::AccountId}:rule/\${RuleName}`, { RuleName: ref(id) });
        permission.SourceAccount = sub("${AWS::AccountId}");
        break;
      case "Cognito": {
        // push.py Cognito: the UserPool is a Ref to a user pool of the template; the permission names its ARN.
        const pool = str(get(get(props, "UserPool"), "Ref"));
        if (pool === undefined) {
          x.errors.push(inputError("policy", get(props, "UserPool")?.pos ?? at, `Events.${e.key}: a Cognito event's UserPool is !Ref of a user pool in the same template`, "SAM refuses the event otherwise"));
          continue;
        }
        permission.SourceArn = arnOf(pool);
        break;
      }
      case "CloudWatchLogs": {
        const group = get(props, "LogGroupName");
        if (group) permission.SourceArn = sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${__LogGroupName__}:*", { __LogGroupName__: keep(group) });
        break;
      }
      case "AlexaSkill": {
        const skill = get(props, "SkillId");
        if (skill) permission.EventSourceToken = keep(skill);
        break;
      }
    }
    // push.py: an event of the implicit API gets `<Event>PermissionProd` (its stage).
    const suffix = type === "Api" && !get(props, "RestApiId") ? "Prod" : "";
    x.resource(type === "Cognito" ? `${fn.id}CognitoPermission` : `${id}Permission${suffix}`, "AWS::Lambda::Permission", permission, e.keyPos, fn.condition);
  }
  return add;
}

/** The secret of an event's BASIC_AUTH source access configuration (its URI). */
function basicAuthUri(props: LNode | undefined): LNode | undefined {
  return get(items(get(props, "SourceAccessConfigurations")).find((c) => str(get(c, "Type")) === "BASIC_AUTH"), "URI");
}

/**
 * kms:Decrypt on the event's SecretsManagerKmsKeyId, where it names one. `action` is written as SAM
 * writes it for the event (a string for MQ, a list for the others), so the generated policy reads alike.
 */
function kmsDecrypt(props: LNode | undefined, action: Tree): Tree[] {
  const key = get(props, "SecretsManagerKmsKeyId");
  return key ? [{ Action: action, Effect: "Allow", Resource: sub("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${Key}", { Key: keep(key) }) }] : [];
}

/**
 * An MQ event: the role may read the broker's credentials (the BASIC_AUTH secret of
 * SourceAccessConfigurations) and describe the broker (pull.py MQ.get_policy_statements).
 */
function mqPolicy(x: Expansion, event: string, id: string, props: LNode | undefined, pos: SourcePos): Tree[] {
  const uri = basicAuthUri(props);
  const broker = get(props, "Broker");
  if (!uri || !broker) {
    x.errors.push(inputError("policy", props?.pos ?? pos, `Events.${event}: an MQ event has a Broker and SourceAccessConfigurations with a BASIC_AUTH URI`, "SAM refuses the event otherwise"));
    return [];
  }
  const statements: Tree[] = [
    { Action: ["secretsmanager:GetSecretValue"], Effect: "Allow", Resource: keep(uri) },
    { Action: ["mq:DescribeBroker"], Effect: "Allow", Resource: keep(broker) },
  ];
  statements.push(...kmsDecrypt(props, "kms:Decrypt"));
  const dynamic = get(props, "DynamicPolicyName");
  const name = dynamic?.kind === "scalar" && dynamic.value === true ? `${id}AMQPolicy` : "SamAutoGeneratedAMQPolicy";
  return [keep(tree(inlinePolicy(name, statements), pos))];
}

/** A DocumentDB event: the cluster's secret, the cluster and the network interfaces (pull.py DocumentDB). */
function documentDbPolicy(x: Expansion, event: string, props: LNode | undefined, pos: SourcePos): Tree[] {
  const uri = basicAuthUri(props);
  const cluster = get(props, "Cluster");
  if (!uri || !cluster) {
    x.errors.push(inputError("policy", props?.pos ?? pos, `Events.${event}: a DocumentDB event has a Cluster and SourceAccessConfigurations with a BASIC_AUTH URI`, "SAM refuses the event otherwise"));
    return [];
  }
  const statements: Tree[] = [
    { Action: ["secretsmanager:GetSecretValue"], Effect: "Allow", Resource: keep(uri) },
    { Action: ["rds:DescribeDBClusterParameters"], Effect: "Allow", Resource: sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-pg:*") },
    { Action: ["rds:DescribeDBSubnetGroups"], Effect: "Allow", Resource: sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:subgrp:*") },
    { Action: ["rds:DescribeDBClusters"], Effect: "Allow", Resource: keep(cluster) },
    { Action: NETWORK_INTERFACE_ACTIONS, Effect: "Allow", Resource: "*" },
  ];
  statements.push(...kmsDecrypt(props, ["kms:Decrypt"]));
  return [keep(tree(inlinePolicy("SamAutoGeneratedDocumentDBPolicy", statements), pos))];
}

const KAFKA_AUTH = new Set(["SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH", "BASIC_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH"]);
const NETWORK_INTERFACE_ACTIONS = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"];

/**
 * A SelfManagedKafka event: SelfManagedKafkaExecutionRolePolicy (pull.py SelfManagedKafka): the
 * authentication secret, the network interface actions with VPC_SUBNET and VPC_SECURITY_GROUP, kms:Decrypt
 * on SecretsManagerKmsKeyId. With a SERVER_ROOT_CA_CERTIFICATE, SAM 1.110.0 adds the authentication
 * secret a second time, not the certificate's secret: so does iam-spec, as that is what AWS deploys.
 */
function kafkaPolicy(x: Expansion, event: string, props: LNode | undefined, pos: SourcePos): Tree[] {
  const configs = items(get(props, "SourceAccessConfigurations"));
  const of = (test: (t: string) => boolean) => configs.filter((c) => test(str(get(c, "Type")) ?? ""));
  const auth = of((t) => KAFKA_AUTH.has(t));
  if (get(props, "SchemaRegistryConfig")) {
    x.errors.push(inputError("unsupported", get(props, "SchemaRegistryConfig")!.pos, `Events.${event}: iam-spec does not write the role policy SAM derives from SchemaRegistryConfig yet`, "import the processed template (aws cloudformation get-template --template-stage Processed)"));
    return [];
  }
  if (configs.length === 0 || auth.length > 1) {
    x.errors.push(inputError("policy", props?.pos ?? pos, `Events.${event}: a SelfManagedKafka event has SourceAccessConfigurations with at most one authentication mechanism`, "SAM refuses the event otherwise"));
    return [];
  }
  const uri = get(auth[0], "URI");
  const statements: Tree[] = [];
  if (uri) statements.push({ Action: ["secretsmanager:GetSecretValue"], Effect: "Allow", Resource: keep(uri) });
  if (uri && of((t) => t === "SERVER_ROOT_CA_CERTIFICATE").length > 0) statements.push({ Action: ["secretsmanager:GetSecretValue"], Effect: "Allow", Resource: keep(uri) });
  if (of((t) => t === "VPC_SUBNET").length > 0 && of((t) => t === "VPC_SECURITY_GROUP").length > 0) statements.push({ Action: NETWORK_INTERFACE_ACTIONS, Effect: "Allow", Resource: "*" });
  statements.push(...kmsDecrypt(props, ["kms:Decrypt"]));
  return [keep(tree({ PolicyDocument: { Statement: statements, Version: "2012-10-17" }, PolicyName: "SelfManagedKafkaExecutionRolePolicy" }, pos))];
}

/**
 * A ScheduleV2 event: an EventBridge Scheduler schedule and, unless RoleArn is given, its role
 * `<Function><Event>Role` trusting scheduler.amazonaws.com that may invoke the function, and send to
 * the dead-letter queue (scheduler.py).
 */
function scheduleV2(x: Expansion, fn: FunctionTarget, id: string, props: LNode | undefined, pos: SourcePos): void {
  x.resource(id, "AWS::Scheduler::Schedule", {}, pos, fn.condition);
  if (get(props, "RoleArn")) return;
  const policies: Tree[] = [inlinePolicy(`${id}LambdaPolicy`, [{ Action: "lambda:InvokeFunction", Effect: "Allow", Resource: fn.arn }])];
  const dlq = get(props, "DeadLetterConfig");
  if (dlq) {
    let arn = get(dlq, "Arn");
    if (!arn) {
      const queue = str(get(dlq, "QueueLogicalId")) ?? `${id}Queue`;
      x.resource(queue, "AWS::SQS::Queue", {}, dlq.pos, fn.condition);
      arn = tree(arnOf(queue), dlq.pos);
    }
    policies.push(inlinePolicy(`${id}SQSPolicy`, [{ Action: "sqs:SendMessage", Effect: "Allow", Resource: keep(arn) }]));
  }
  const boundary = get(props, "PermissionsBoundary");
  x.resource(`${id}Role`, "AWS::IAM::Role", { AssumeRolePolicyDocument: serviceTrust("scheduler.amazonaws.com"), Policies: policies, PermissionsBoundary: boundary ? keep(boundary) : undefined }, pos, fn.condition);
}

/** push/pull DestinationConfig.OnFailure and EventInvokeConfig destinations (iam.py IAMRolePolicies). */
export function destinationPolicy(type: string, destination: LNode, id: string, pos: SourcePos): Tree[] {
  return destinationPolicies(type, keep(destination), id).map((p) => keep(tree(p, pos)));
}

function destinationPolicies(type: string, d: Tree, id: string): Tree[] {
  switch (type) {
    case "SQS":
      return [inlinePolicy(`${id}SQSPolicy`, [{ Action: "sqs:SendMessage", Effect: "Allow", Resource: d }])];
    case "SNS":
      return [inlinePolicy(`${id}SNSPolicy`, [{ Action: "sns:publish", Effect: "Allow", Resource: d }])];
    case "S3":
    case "S3Bucket":
      return [inlinePolicy(`${id}S3Policy`, [{ Action: "s3:PutObject", Effect: "Allow", Resource: { "Fn::Join": ["/", [d, "*"]] } }, { Action: "s3:ListBucket", Effect: "Allow", Resource: d }])];
    case "EventBridge":
      return [inlinePolicy(`${id}EventBridgePolicy`, [{ Action: "events:PutEvents", Effect: "Allow", Resource: d }])];
    case "Lambda":
      return [inlinePolicy(`${id}LambdaPolicy`, [{ Action: "lambda:InvokeFunction", Effect: "Allow", Resource: d }])];
    default:
      return [];
  }
}

const STATE_MACHINE_EVENT_PRINCIPALS: Record<string, string> = {
  Schedule: "events.amazonaws.com",
  CloudWatchEvent: "events.amazonaws.com",
  EventBridgeRule: "events.amazonaws.com",
  Api: "apigateway.amazonaws.com",
};

/**
 * A state machine's events: each gets a role (`<StateMachine><Event>Role`, unless the event names a
 * RoleArn) whose only policy starts executions of the state machine (stepfunctions/events.py).
 */
export function stateMachineEvents(x: Expansion, smId: string, events: LNode | undefined, boundary: LNode | undefined, condition: LNode | undefined): void {
  for (const e of entriesOf(events)) {
    const typeNode = get(e.value, "Type");
    const type = str(typeNode);
    const props = get(e.value, "Properties");
    const principal = type === undefined ? undefined : STATE_MACHINE_EVENT_PRINCIPALS[type];
    if (principal === undefined) {
      x.errors.push(inputError("unsupported", typeNode?.pos ?? e.keyPos, `Events.${e.key}: iam-spec does not read ${type ?? "untyped"} events of AWS::Serverless::StateMachine yet`, "known event types: Schedule, CloudWatchEvent, EventBridgeRule, Api"));
      continue;
    }
    const id = `${smId}${e.key}`;
    if (type !== "Api") {
      const name = get(props, type === "Schedule" ? "Name" : "RuleName");
      x.resource(id, "AWS::Events::Rule", { Name: name ? keep(name) : undefined }, e.keyPos, condition);
    }
    if (get(props, "RoleArn")) continue;
    const roleId = `${id}Role`;
    x.resource(roleId, "AWS::IAM::Role", {
      AssumeRolePolicyDocument: serviceTrust(principal),
      Policies: [inlinePolicy(`${roleId}StartExecutionPolicy`, [{ Action: "states:StartExecution", Effect: "Allow", Resource: ref(smId) }])],
      PermissionsBoundary: boundary ? keep(boundary) : undefined,
    }, e.keyPos, condition);
  }
}
