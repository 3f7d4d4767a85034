/**
 * The AWS SAM transform (`Transform: AWS::Serverless-2016-10-31`), as far as it bears on IAM: SAM
 * resources are rewritten into the CloudFormation resources SAM generates for them, in the same
 * located tree, before the template is read like any other
 * (serverless-application-model/latest/developerguide/sam-specification-generated-resources.html;
 * the transform itself: aws-sam-translator, github.com/aws/serverless-application-model).
 *
 *   - AWS::Serverless::Function -> AWS::Lambda::Function, its execution role `<LogicalId>Role` (unless
 *     Role is given), the permissions its events and function URL add, an alias for AutoPublishAlias;
 *   - AWS::Serverless::StateMachine -> AWS::StepFunctions::StateMachine, its role `<LogicalId>Role`
 *     and the roles of its events;
 *   - AWS::Serverless::Api / HttpApi -> the API (what Ref gives) and the permissions of their Lambda
 *     authorizers; SimpleTable -> AWS::DynamoDB::Table; LayerVersion -> AWS::Lambda::LayerVersion;
 *     Application -> AWS::CloudFormation::Stack (no policy);
 *   - AWS::Serverless::GraphQLApi (graphql.ts), WebSocketApi (websocket.ts);
 *   - AWS::Serverless::Connector and embedded Connectors (connectors.ts), read last.
 * Generated nodes are positioned at the SAM resource or property they come from; values written in the
 * template (a policy template's BucketName: !Ref Bucket) keep their own position, so an intrinsic that
 * cannot be resolved is an error where it is written.
 */
import { inputError, type InputError } from "../../../load/errors.js";
import type { LEntry, LNode } from "../../../load/located.js";
import type { SourcePos } from "../../../model/types.js";
import { entriesOf, get, lmap, lscalar, lseq, str } from "../../lnode.js";
import { intrinsicName } from "../intrinsics.js";
import { destinationPolicy, functionEvents, stateMachineEvents } from "./events.js";
import { mergeGlobals, readGlobals } from "./globals.js";
import { samPolicies } from "./policies.js";
import { graphQLApi } from "./graphql.js";
import { webSocketApi } from "./websocket.js";
import { CONNECTOR, embeddedConnectors, expandConnectors, standaloneConnector, type Connector } from "./connectors.js";
import { arnOf, awsManaged, keep, ref, serviceTrust, sub, tree, type Tree } from "./tree.js";

export const SAM_TRANSFORM = "AWS::Serverless-2016-10-31";

/** What the resource expanders add to the template. */
export interface Expansion {
  readonly errors: InputError[];
  readonly partition: string;
  resource(id: string, type: string, props: Record<string, Tree | undefined>, pos: SourcePos, condition?: LNode): void;
  /** `{ Ref: id }` of the API SAM creates for events that name none (ServerlessRestApi, ServerlessHttpApi). */
  implicitApi(id: string, type: string, pos: SourcePos): LNode;
  /** Destinations SAM wrote into a destination mapping that Globals shares between functions (invokeDestinations). */
  readonly injected: Map<LNode, LNode>;
  /** SAM's referenceable properties (`MyFunction.Alias`) -> the logical ID `Ref` of them names. */
  readonly referenceable: Map<string, string>;
  /** A connector the transform itself writes (GraphQLApi data sources and authorizers), read with the template's. */
  connector(c: Connector): void;
}

/** Whether the template asks for the SAM transform. */
export function usesSam(root: LNode): boolean {
  const t = get(root, "Transform");
  return (t?.kind === "seq" ? t.items : t ? [t] : []).some((n) => str(n) === SAM_TRANSFORM);
}

/**
 * The template with its SAM resources expanded, Globals applied and the SAM transform removed from
 * Transform; a template without the transform is returned as it is.
 */
export function expandServerless(root: LNode, partition: string, errors: InputError[]): LNode {
  if (!usesSam(root) || root.kind !== "map") return root;
  const globals = readGlobals(get(root, "Globals"), errors);
  const resources = get(root, "Resources");
  const out = new Map<string, LEntry>();
  const implicit = new Map<string, { type: string; pos: SourcePos }>();
  // Connectors, standalone or embedded in a resource ("Connectors" beside Type), are read last.
  const connectors: Connector[] = [];
  const x: Expansion = {
    errors,
    connector: (c) => connectors.push(c),
    partition,
    injected: new Map(),
    referenceable: new Map(),
    resource(id, type, props, pos, condition) {
      if (out.has(id)) {
        errors.push(inputError("reference", pos, `SAM generates a resource ${id}, and the template defines one of that logical ID`, "rename one of them: CloudFormation refuses the template"));
        return;
      }
      const body: [string, LNode][] = [["Type", lscalar(type, pos)], ["Properties", tree(props as Tree, pos)]];
      if (condition) body.push(["Condition", condition]);
      out.set(id, { key: id, keyPos: pos, value: lmap(body, pos) });
    },
    implicitApi(id, type, pos) {
      // An API of that logical ID in the template is the one the event names (SAM merges into it).
      if (!(resources?.kind === "map" && resources.entries.has(id)) && !implicit.has(id)) implicit.set(id, { type, pos });
      return tree(ref(id), pos);
    },
  };
  // The template's own CloudFormation resources first: a generated resource may not take their logical IDs.
  const sam = entriesOf(resources).filter((e) => {
    const type = str(get(e.value, "Type"));
    for (const c of embeddedConnectors(e, errors)) {
      // translator.py verify_unique_logical_id: `<Resource><Connector>` may not be a logical ID of the template.
      if (resources?.kind === "map" && resources.entries.has(c.id)) errors.push(inputError("reference", c.pos, `the embedded connector ${c.id} has the logical ID of another resource of the template`, "rename the connector or the resource: SAM refuses the template"));
      else connectors.push(c);
    }
    if (type === CONNECTOR) connectors.push(standaloneConnector(e));
    else if (type && EXPANDERS[type]) return true;
    else out.set(e.key, withoutConnectors(e));
    return false;
  });
  for (const e of sam) {
    const type = str(get(e.value, "Type"));
    const expand = EXPANDERS[type!]!;
    const kind = type!.slice("AWS::Serverless::".length);
    const props = mergeGlobals(globals.get(kind), get(e.value, "Properties"));
    if (props && props.kind !== "map") {
      errors.push(inputError("schema", props.pos, `${e.key}: Properties of ${type} must be a mapping`));
      continue;
    }
    expand(x, { id: e.key, pos: e.keyPos, props, condition: get(e.value, "Condition") });
  }
  for (const [id, { type, pos }] of implicit) if (!out.has(id)) x.resource(id, type, {}, pos);
  expandConnectors(connectors, out, x.resource, errors);
  const conditions = codeDeployRole(x, sam, globals.get("Function"));
  if (x.referenceable.size > 0) for (const [k, e] of out) out.set(k, { ...e, value: withReferences(e.value, x.referenceable) });
  const entries = new Map<string, LEntry>();
  for (const [k, e] of root.entries) {
    if (k === "Globals") continue;
    if (k === "Resources") entries.set(k, { ...e, value: { kind: "map", entries: out, pos: e.value.pos } });
    else if (k === "Outputs" && x.referenceable.size > 0) entries.set(k, { ...e, value: withReferences(e.value, x.referenceable) });
    else if (k === "Conditions" && e.value.kind === "map") entries.set(k, { ...e, value: { kind: "map", entries: new Map([...e.value.entries, ...conditions]), pos: e.value.pos } });
    else if (k === "Transform") {
      const rest = (e.value.kind === "seq" ? e.value.items : [e.value]).filter((n) => str(n) !== SAM_TRANSFORM);
      if (rest.length > 0) entries.set(k, { ...e, value: lseq(rest, e.value.pos) });
    } else entries.set(k, e);
  }
  if (conditions.size > 0 && !entries.has("Conditions")) entries.set("Conditions", { key: "Conditions", keyPos: root.pos, value: { kind: "map", entries: conditions, pos: root.pos } });
  return { kind: "map", entries, pos: root.pos };
}

/** A resource with its embedded Connectors taken out (they become connectors of their own). */
function withoutConnectors(e: LEntry): LEntry {
  if (e.value.kind !== "map" || !e.value.entries.has("Connectors")) return e;
  return { ...e, value: { kind: "map", entries: new Map([...e.value.entries].filter(([k]) => k !== "Connectors")), pos: e.value.pos } };
}

/** `node` with each `{ Ref: "Function.Alias" }` naming the resource SAM generated for it. */
function withReferences(node: LNode, names: ReadonlyMap<string, string>): LNode {
  if (node.kind === "seq") return lseq(node.items.map((i) => withReferences(i, names)), node.pos);
  if (node.kind !== "map") return node;
  const target = intrinsicName(node) === "Ref" ? names.get(str(get(node, "Ref")) ?? "") : undefined;
  if (target !== undefined) return lmap([["Ref", lscalar(target, get(node, "Ref")!.pos)]], node.pos);
  return { kind: "map", entries: new Map([...node.entries].map(([k, e]) => [k, { ...e, value: withReferences(e.value, names) }])), pos: node.pos };
}

/**
 * DeploymentPreference: one `CodeDeployServiceRole` per stack, trusting codedeploy.amazonaws.com with
 * AWSCodeDeployRoleForLambda, unless every enabled preference names its Role; under the functions'
 * condition when all of them have one (deployment_preference_collection.py). Returns the conditions
 * to add to the template.
 */
function enabled(pref: LNode | undefined): boolean {
  const on = get(pref, "Enabled");
  return pref !== undefined && !(on?.kind === "scalar" && (on.value === false || on.value === "false"));
}

function codeDeployRole(x: Expansion, sam: readonly LEntry[], global: LNode | undefined): Map<string, LEntry> {
  const added = new Map<string, LEntry>();
  const prefs = sam
    .filter((e) => str(get(e.value, "Type")) === "AWS::Serverless::Function")
    .map((e) => ({ e, pref: mergeGlobals(get(global, "DeploymentPreference"), get(get(e.value, "Properties"), "DeploymentPreference")) }))
    .filter(({ pref }) => enabled(pref));
  const needRole = prefs.filter(({ pref }) => !get(pref, "Role"));
  if (needRole.length === 0) return added;
  const first = needRole[0]!.e;
  const conds = prefs.map(({ e }) => get(e.value, "Condition"));
  let condition: LNode | undefined;
  if (conds.every((c) => c !== undefined)) {
    const names = [...new Set(conds.map((c) => str(c)))];
    if (names.length === 1) condition = conds[0];
    else {
      condition = lscalar("ServerlessCodeDeployCondition", first.keyPos);
      added.set("ServerlessCodeDeployCondition", { key: "ServerlessCodeDeployCondition", keyPos: first.keyPos, value: tree({ "Fn::Or": names.map((n) => ({ Condition: n ?? "" })) }, first.keyPos) });
    }
  }
  x.resource("CodeDeployServiceRole", "AWS::IAM::Role", {
    AssumeRolePolicyDocument: serviceTrust("codedeploy.amazonaws.com"),
    ManagedPolicyArns: [awsManaged("service-role/AWSCodeDeployRoleForLambda")],
  }, get(get(first.value, "Properties"), "DeploymentPreference")?.pos ?? first.keyPos, condition);
  return added;
}

export interface SamResource {
  readonly id: string;
  readonly pos: SourcePos;
  readonly props: LNode | undefined;
  readonly condition: LNode | undefined;
}

export type Expander = (x: Expansion, r: SamResource) => void;

const opt = (n: LNode | undefined): Tree | undefined => (n ? keep(n) : undefined);

/** SAM's tag list: its own `createdBy` tag, then the resource's Tags mapping (sam_resources.py _construct_tag_list). */
function tagList(key: string, tags: LNode | undefined): Tree[] {
  return [{ Key: key, Value: "SAM" }, ...entriesOf(tags).map((t) => ({ Key: t.key, Value: keep(t.value) }))];
}

/** A Role given as Fn::If with an AWS::NoValue branch makes SAM generate the role under a new condition. */
function conditionalRole(x: Expansion, role: LNode | undefined): boolean {
  const args = role && intrinsicName(role) === "Fn::If" ? get(role, "Fn::If") : undefined;
  const noValue = args?.kind === "seq" && args.items.some((b) => str(get(b, "Ref")) === "AWS::NoValue");
  if (noValue) x.errors.push(inputError("unsupported", role!.pos, "Role: Fn::If with AWS::NoValue (a role generated under a condition) is not read by iam-spec yet", "import the processed template (aws cloudformation get-template --template-stage Processed)"));
  return noValue;
}

const EXPANDERS: Record<string, Expander> = {
  // sam-resource-function.html; sam-specification-generated-resources-function.html.
  "AWS::Serverless::Function": (x, r) => {
    const p = (k: string) => get(r.props, k);
    const role = p("Role");
    if (conditionalRole(x, role)) return;
    const roleId = `${r.id}Role`;
    x.resource(r.id, "AWS::Lambda::Function", { FunctionName: opt(p("FunctionName")), Role: role ? keep(role) : arnOf(roleId) }, r.pos, r.condition);
    // AutoPublishAlias: SAM points event sources and the function URL at the alias `<LogicalId>Alias<Name>`.
    let target: Tree = ref(r.id);
    let arn: Tree = arnOf(r.id);
    const alias = p("AutoPublishAlias");
    if (alias) {
      const aliasId = `${r.id}Alias${str(alias) ?? ""}`;
      x.resource(aliasId, "AWS::Lambda::Alias", { FunctionName: ref(r.id), Name: keep(alias) }, alias.pos, r.condition);
      target = arn = ref(aliasId);
      // sam-specification-generated-resources-function.html: `!Ref MyFunction.Alias` names the alias.
      x.referenceable.set(`${r.id}.Alias`, aliasId);
    }
    const fromEvents = functionEvents(x, { id: r.id, name: target, arn, generatesRole: !role, condition: r.condition }, p("Events"), r.pos);
    functionUrl(x, r, target);
    if (role) return;
    const base = [p("DurableConfig") ? "service-role/AWSLambdaBasicDurableExecutionRolePolicy" : "service-role/AWSLambdaBasicExecutionRole"];
    // Tracing other than Disabled adds the X-Ray policy (xray_utils.py: a newer name outside the aws partition).
    const tracing = p("Tracing");
    if (tracing && str(tracing) !== "Disabled") base.push(x.partition === "aws" ? "AWSXrayWriteOnlyAccess" : "AWSXRayDaemonWriteAccess");
    if (p("VpcConfig")) base.push("service-role/AWSLambdaVPCAccessExecutionRole");
    const inline: Tree[] = [...deadLetterPolicy(x, p("DeadLetterQueue")), ...invokeDestinations(x, r, p("EventInvokeConfig"))];
    const policies = samPolicies(p("Policies"), roleId, x.partition, base, x.errors);
    // pull.py _link_policy: an event's policy is added when the role does not have it yet.
    const eventManaged = [...new Set(fromEvents.managed)].filter((m) => !policies.awsManaged.has(m));
    x.resource(roleId, "AWS::IAM::Role", {
      AssumeRolePolicyDocument: p("AssumeRolePolicyDocument") ? keep(p("AssumeRolePolicyDocument")!) : serviceTrust("lambda.amazonaws.com"),
      ManagedPolicyArns: [...base.map(awsManaged), ...policies.managed.map(keep), ...eventManaged.map(awsManaged)],
      Policies: [...inline, ...policies.inline.map(keep), ...fromEvents.inline],
      Path: opt(p("RolePath")),
      PermissionsBoundary: opt(p("PermissionsBoundary")),
      Tags: tagList("lambda:createdBy", p("Tags")),
    }, r.pos, r.condition);
  },
  // sam-resource-statemachine.html; sam-specification-generated-resources-statemachine.html.
  "AWS::Serverless::StateMachine": (x, r) => {
    const p = (k: string) => get(r.props, k);
    const role = p("Role");
    const roleId = `${r.id}Role`;
    x.resource(r.id, "AWS::StepFunctions::StateMachine", { StateMachineName: opt(p("Name")), RoleArn: role ? keep(role) : arnOf(roleId) }, r.pos, r.condition);
    stateMachineEvents(x, r.id, p("Events"), p("PermissionsBoundary"), r.condition);
    if (role) return;
    const policies = samPolicies(p("Policies"), roleId, x.partition, [], x.errors);
    const tracing = get(p("Tracing"), "Enabled");
    const xrayPath = x.partition === "aws" ? "AWSXrayWriteOnlyAccess" : "AWSXRayDaemonWriteAccess";
    const xray = tracing?.kind === "scalar" && (tracing.value === true || tracing.value === "true") && !policies.awsManaged.has(xrayPath);
    x.resource(roleId, "AWS::IAM::Role", {
      AssumeRolePolicyDocument: serviceTrust("states.amazonaws.com"),
      ManagedPolicyArns: [...policies.managed.map(keep), ...(xray ? [awsManaged(xrayPath)] : [])],
      Policies: policies.inline.map(keep),
      Path: opt(p("RolePath")),
      PermissionsBoundary: opt(p("PermissionsBoundary")),
      Tags: tagList("stateMachine:createdBy", p("Tags")),
    }, r.pos, r.condition);
  },
  "AWS::Serverless::Api": (x, r) => {
    x.resource(r.id, "AWS::ApiGateway::RestApi", { Name: opt(get(r.props, "Name")) }, r.pos, r.condition);
    authorizerPermissions(x, r);
  },
  "AWS::Serverless::HttpApi": (x, r) => {
    x.resource(r.id, "AWS::ApiGatewayV2::Api", { Name: opt(get(r.props, "Name")) }, r.pos, r.condition);
    authorizerPermissions(x, r);
  },
  "AWS::Serverless::GraphQLApi": graphQLApi,
  "AWS::Serverless::WebSocketApi": webSocketApi,
  "AWS::Serverless::SimpleTable": (x, r) => x.resource(r.id, "AWS::DynamoDB::Table", { TableName: opt(get(r.props, "TableName")) }, r.pos, r.condition),
  "AWS::Serverless::LayerVersion": (x, r) => x.resource(r.id, "AWS::Lambda::LayerVersion", { LayerName: opt(get(r.props, "LayerName")) }, r.pos, r.condition),
  "AWS::Serverless::Application": (x, r) => x.resource(r.id, "AWS::CloudFormation::Stack", {}, r.pos, r.condition),
};

/** DeadLetterQueue { Type: SQS | SNS, TargetArn } (iam.py dead_letter_queue_policy). */
function deadLetterPolicy(x: Expansion, dlq: LNode | undefined): Tree[] {
  if (!dlq) return [];
  const type = str(get(dlq, "Type"));
  const target = get(dlq, "TargetArn");
  const action = type === "SQS" ? "sqs:SendMessage" : type === "SNS" ? "sns:Publish" : undefined;
  if (!action || !target) {
    x.errors.push(inputError("policy", dlq.pos, "DeadLetterQueue takes Type (SQS or SNS) and TargetArn"));
    return [];
  }
  return [keep(tree({ PolicyName: "DeadLetterQueuePolicy", PolicyDocument: { Version: "2012-10-17", Statement: [{ Action: action, Resource: keep(target), Effect: "Allow" }] } }, dlq.pos))];
}

/**
 * EventInvokeConfig.DestinationConfig: each destination with a Type gets a policy for it; SQS and SNS
 * without a Destination get a queue or topic SAM creates (sam_resources.py _validate_and_inject_resource).
 */
function invokeDestinations(x: Expansion, r: SamResource, config: LNode | undefined): Tree[] {
  const out: Tree[] = [];
  for (const which of ["OnSuccess", "OnFailure"]) {
    const d = get(get(config, "DestinationConfig"), which);
    if (!d) continue;
    const type = str(get(d, "Type"));
    const id = `${r.id}EventInvokeConfig${which}`;
    // aws-sam-translator writes the created queue's ARN into the destination mapping itself. A mapping
    // that comes from Globals unmerged is one object for every function, so the functions after the
    // first find a Destination there and get the first function's queue (and its policy): what
    // aws-sam-translator 1.110.0 gives for two functions sharing Globals.Function.EventInvokeConfig.
    let destination = get(d, "Destination") ?? x.injected.get(d);
    if (!destination && (type === "SQS" || type === "SNS")) {
      const created = `${id}${type === "SQS" ? "Queue" : "Topic"}`;
      x.resource(created, type === "SQS" ? "AWS::SQS::Queue" : "AWS::SNS::Topic", {}, d.pos, r.condition);
      destination = tree(type === "SQS" ? arnOf(created) : ref(created), d.pos);
      x.injected.set(d, destination);
    }
    if (!type || !destination || !["SQS", "SNS", "EventBridge", "Lambda", "S3Bucket"].includes(type)) {
      x.errors.push(inputError("policy", d.pos, `EventInvokeConfig.DestinationConfig.${which} takes Type (SQS, SNS, EventBridge, Lambda or S3Bucket) and Destination`));
      continue;
    }
    out.push(...destinationPolicy(type, destination, id, d.pos));
  }
  return out;
}

/** FunctionUrlConfig with AuthType NONE: anyone may call the URL (sam_resources.py _construct_url_permission). */
function functionUrl(x: Expansion, r: SamResource, target: Tree): void {
  const config = get(r.props, "FunctionUrlConfig");
  const auth = get(config, "AuthType");
  if (!config || str(auth) !== "NONE") {
    if (auth && str(auth) === undefined) x.errors.push(inputError("unsupported", auth.pos, "FunctionUrlConfig.AuthType must be written as NONE or AWS_IAM: SAM adds a public permission for NONE only when it can read it"));
    return;
  }
  x.resource(`${r.id}UrlPublicPermissions`, "AWS::Lambda::Permission", { Action: "lambda:InvokeFunctionUrl", FunctionName: target, Principal: "*", FunctionUrlAuthType: "NONE" }, auth!.pos, r.condition);
  x.resource(`${r.id}URLInvokeAllowPublicAccess`, "AWS::Lambda::Permission", { Action: "lambda:InvokeFunction", FunctionName: target, Principal: "*", InvokedViaFunctionUrl: true }, auth!.pos, r.condition);
}

/** Lambda authorizers of an Api or HttpApi: API Gateway may invoke each authorizer function. */
function authorizerPermissions(x: Expansion, r: SamResource): void {
  for (const a of entriesOf(get(get(r.props, "Auth"), "Authorizers"))) {
    const fn = get(a.value, "FunctionArn");
    if (!fn) continue;
    x.resource(`${r.id}${a.key}AuthorizerPermission`, "AWS::Lambda::Permission", {
      Action: "lambda:InvokeFunction",
      FunctionName: keep(fn),
      Principal: "apigateway.amazonaws.com",
      SourceArn: sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*", { __ApiId__: ref(r.id) }),
    }, a.keyPos, r.condition);
  }
}
