/**
 * AWS SAM connectors: `AWS::Serverless::Connector` resources and the `Connectors` embedded in a resource
 * (serverless-application-model/latest/developerguide/sam-resource-connector.html,
 * reference-sam-connector.html, "Supported source and destination resource types"). A connector
 * names a source and one or more destinations and the access (Read, Write) the source has to each;
 * SAM writes, from its profile for the pair of types (data/sam-connector-profiles.json, from
 * aws-sam-translator's connector_profiles/profiles.json), one of:
 *   - an `AWS::IAM::ManagedPolicy` `<Id>Policy` attached to the source's role (or the destination's);
 *   - an `AWS::SQS::QueuePolicy` `<Id>QueuePolicy` / `AWS::SNS::TopicPolicy` `<Id>TopicPolicy`;
 *   - an `AWS::Lambda::Permission` `<Id><Read|Write>LambdaPermission` per access category;
 * with `Destination<index>` appended when Destination is a list. Connectors are read last, against the
 * CloudFormation resources the rest of the transform generated (as SAM does: "connector profiles only
 * work with raw CloudFormation resources", translator.py), so `Id: MyFunction` is the Lambda function
 * and its role `MyFunctionRole`.
 */
import { inputError, type InputError } from "../../../load/errors.js";
import { toJS, type LEntry, type LNode } from "../../../load/located.js";
import type { SourcePos } from "../../../model/types.js";
import { samConnectorDestinations, samConnectorProfile, samConnectorResource } from "../../../data/sam-connector-profiles.js";
import { entriesOf, get, items, lmap, lscalar, str } from "../../lnode.js";
import { keep, ref, type Tree } from "./tree.js";

export const CONNECTOR = "AWS::Serverless::Connector";

/** One connector: its logical ID, where it is written, and its Source / Destination / Permissions. */
export interface Connector {
  readonly id: string;
  readonly pos: SourcePos;
  readonly source: LNode | undefined;
  readonly destination: LNode | undefined;
  readonly permissions: LNode | undefined;
  readonly condition: LNode | undefined;
}

type AddResource = (id: string, type: string, props: Record<string, Tree | undefined>, pos: SourcePos, condition?: LNode) => void;

const HINT = "see reference-sam-connector.html (AWS SAM connector reference) for the supported source and destination types";

/** A standalone `AWS::Serverless::Connector`. */
export function standaloneConnector(e: LEntry): Connector {
  const p = get(e.value, "Properties");
  return { id: e.key, pos: e.keyPos, source: get(p, "Source"), destination: get(p, "Destination"), permissions: get(p, "Permissions"), condition: get(e.value, "Condition") };
}

/**
 * The connectors embedded in resource `e` (translator.py _get_embedded_connectors): each becomes the
 * connector `<ResourceId><ConnectorId>` whose Source is `{ Id: ResourceId }` plus its SourceReference.
 */
export function embeddedConnectors(e: LEntry, errors: InputError[]): Connector[] {
  const all = e.value.kind === "map" ? e.value.entries.get("Connectors") : undefined;
  if (!all) return [];
  if (all.value.kind !== "map") {
    errors.push(inputError("schema", all.value.pos, `${e.key}.Connectors must be a mapping of connector names to connectors`));
    return [];
  }
  const out: Connector[] = [];
  for (const c of all.value.entries.values()) {
    const p = get(c.value, "Properties");
    if (c.value.kind !== "map" || p?.kind !== "map") {
      errors.push(inputError("schema", c.value.pos, `${e.key}.Connectors.${c.key} must be a mapping with Properties (Destination, Permissions)`));
      continue;
    }
    const reference = get(p, "SourceReference");
    if (reference && reference.kind !== "map") {
      errors.push(inputError("schema", reference.pos, `${e.key}.Connectors.${c.key}.Properties.SourceReference must be a mapping`));
      continue;
    }
    if (get(reference, "Id")) {
      errors.push(inputError("schema", get(reference, "Id")!.pos, `${e.key}.Connectors.${c.key}: 'Id' shouldn't be defined in 'SourceReference'`, "an embedded connector's source is the resource it is embedded in"));
      continue;
    }
    const source = lmap([["Id", lscalar(e.key, c.keyPos)], ...entriesOf(reference).map((r) => [r.key, r.value, r.keyPos] as const)], c.keyPos);
    out.push({ id: `${e.key}${c.key}`, pos: c.keyPos, source, destination: get(p, "Destination"), permissions: get(p, "Permissions"), condition: get(c.value, "Condition") });
  }
  return out;
}

/** A source or destination, as connector.py ConnectorResourceReference. */
interface Reference {
  readonly id?: string;
  readonly type: string;
  readonly arn?: Tree;
  readonly roleName?: Tree;
  readonly queueUrl?: Tree;
  readonly resourceId?: Tree;
  readonly name?: Tree;
  readonly qualifier?: Tree;
}

// connector.py _SAM_TO_CFN_RESOURCE_TYPE: a reference by Type names the CloudFormation type.
const SAM_TYPES: Record<string, string> = {
  "AWS::Serverless::Function": "AWS::Lambda::Function",
  "AWS::Serverless::StateMachine": "AWS::StepFunctions::StateMachine",
  "AWS::Serverless::Api": "AWS::ApiGateway::RestApi",
  "AWS::Serverless::HttpApi": "AWS::ApiGatewayV2::Api",
  "AWS::Serverless::SimpleTable": "AWS::DynamoDB::Table",
};

/** The logical ID a `Ref` or `Fn::GetAtt` names (intrinsics.py get_logical_id_from_intrinsic). */
function logicalIdOf(node: LNode | undefined): string | undefined {
  if (node?.kind !== "map" || node.entries.size !== 1) return undefined;
  const r = str(get(node, "Ref"));
  if (r !== undefined) return r;
  const g = get(node, "Fn::GetAtt");
  if (g?.kind === "seq" && g.items.length === 2) return str(g.items[0]);
  const parts = str(g)?.split(".");
  return parts?.length === 2 ? parts[0] : undefined;
}

/** `%{name}` in the strings of `value` replaced (profile.py profile_replace): a whole string by the value, part of one by Fn::Sub. */
function replace(value: unknown, vars: Readonly<Record<string, Tree | undefined>>, missing: Set<string>): Tree {
  if (Array.isArray(value)) return value.map((v) => replace(v, vars, missing));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v, vars, missing)]));
  if (typeof value !== "string") return value as Tree;
  let s = value;
  const subVars: Record<string, Tree> = {};
  for (const [k, v] of Object.entries(vars)) {
    const pattern = `%{${k}}`;
    if (!s.includes(pattern)) continue;
    if (v === undefined) {
      missing.add(k);
      continue;
    }
    if (s === pattern) return v;
    const name = k.replace(/[^A-Za-z0-9]/g, "");
    s = s.split(pattern).join(`\${${name}}`);
    subVars[name] = v;
  }
  if (/\$\{.+\}/.test(s)) return { "Fn::Sub": Object.keys(subVars).length > 0 ? [s, subVars] : s };
  return s;
}

interface Context {
  readonly errors: InputError[];
  readonly resources: ReadonlyMap<string, LEntry>;
  readonly add: AddResource;
}

/** The role a rule's target for `other` runs as (connector.py _get_events_rule_role). */
function eventsRuleRole(props: LNode | undefined, other: LNode): LNode | undefined {
  const otherId = str(get(other, "Id"));
  const otherArn = get(other, "Arn");
  for (const target of items(get(props, "Targets"))) {
    const arn = get(target, "Arn");
    const id = logicalIdOf(arn);
    if ((id && id === otherId) || (otherArn && arn && JSON.stringify(toJS(arn)) === JSON.stringify(toJS(otherArn)))) return get(target, "RoleArn");
  }
  return undefined;
}

/** connector.py get_resource_reference. */
function reference(ctx: Context, c: Connector, which: string, obj: LNode, other: LNode): Reference | undefined {
  const fail = (pos: SourcePos, message: string, hint?: string) => {
    ctx.errors.push(inputError("reference", pos, `${c.id}: ${which}: ${message}`, hint ?? HINT));
    return undefined;
  };
  if (obj.kind !== "map") return fail(obj.pos, "must be a mapping (Id, or Type with Arn and the other properties)");
  const keys = [...obj.entries.keys()];
  const hasId = keys.includes("Id");
  if (hasId === keys.some((k) => k !== "Id" && k !== "Qualifier")) return fail(obj.pos, "Must provide 'Id' (with optional 'Qualifier') or a supported combination of other properties.");
  const kept = (k: string): Tree | undefined => (get(obj, k) ? keep(get(obj, k)!) : undefined);
  if (!hasId) {
    const type = str(get(obj, "Type"));
    if (!type) return fail(obj.pos, "'Type' is missing or not a string.");
    return { type: SAM_TYPES[type] ?? type, arn: kept("Arn"), roleName: kept("RoleName"), queueUrl: kept("QueueUrl"), resourceId: kept("ResourceId"), name: kept("Name"), qualifier: kept("Qualifier") };
  }
  const id = str(get(obj, "Id"));
  if (!id) return fail(get(obj, "Id")!.pos, "'Id' is missing or not a string.");
  const resource = ctx.resources.get(id);
  if (!resource) return fail(get(obj, "Id")!.pos, `Unable to find resource with logical ID '${id}'.`, "Id names a resource of this template (its logical ID)");
  const type = str(get(resource.value, "Type"));
  if (!type) return fail(get(obj, "Id")!.pos, `resource ${id} has no Type`);
  const props = get(resource.value, "Properties");
  const profile = samConnectorResource(type);
  const outputs = replace(profile.outputs, { logicalId: id }, new Set()) as Record<string, Tree | undefined>;
  const roleNode = profile.role === "GetEventsRuleRole" ? eventsRuleRole(props, other) : profile.role ? get(props, profile.role) : undefined;
  const roleId = logicalIdOf(roleNode);
  return {
    id,
    type,
    arn: outputs.Arn,
    roleName: roleId ? ref(roleId) : undefined,
    queueUrl: outputs.Url,
    resourceId: outputs.Id,
    name: outputs.Name,
    qualifier: get(obj, "Qualifier") ? keep(get(obj, "Qualifier")!) : outputs.Qualifier,
  };
}

/** The connector's Permissions, deduplicated; undefined (with an error) when not a list of strings. */
function permissionsOf(ctx: Context, c: Connector): Set<string> | undefined {
  const list = c.permissions?.kind === "seq" ? c.permissions.items.map(str) : undefined;
  if (!list || list.some((p) => p === undefined)) {
    ctx.errors.push(inputError("schema", c.permissions?.pos ?? c.pos, `${c.id}: Permissions must be a list of access categories (Read, Write)`, HINT));
    return undefined;
  }
  return new Set(list as string[]);
}

/** Every connector's generated resources, added through `add`; errors (SAM's own refusals) at the connector. */
export function expandConnectors(connectors: readonly Connector[], resources: ReadonlyMap<string, LEntry>, add: AddResource, errors: InputError[]): void {
  const ctx: Context = { errors, resources, add };
  for (const c of connectors) {
    if (!c.source || !c.destination) {
      errors.push(inputError("schema", c.pos, `${c.id}: a connector needs Source and Destination`, HINT));
      continue;
    }
    const permissions = permissionsOf(ctx, c);
    if (!permissions) continue;
    const multi = c.destination.kind === "seq";
    const destinations = multi ? (c.destination as { items: readonly LNode[] }).items : [c.destination];
    if (destinations.length === 0) errors.push(inputError("schema", c.destination.pos, `${c.id}: 'Destination' is an empty list`, HINT));
    destinations.forEach((d, index) => {
      const destination = reference(ctx, c, "Destination", d, c.source!);
      const source = reference(ctx, c, "Source", c.source!, d);
      if (source && destination) generate(ctx, c, permissions, source, destination, multi ? `Destination${index}` : "", d.pos);
    });
  }
}

/** sam_resources.py SamConnector.generate_resources. */
function generate(ctx: Context, c: Connector, permissions: Set<string>, source: Reference, destination: Reference, suffix: string, pos: SourcePos): void {
  const fail = (message: string, hint = HINT, at = pos): void => void ctx.errors.push(inputError("reference", at, `${c.id}: ${message}`, hint));
  const profile = samConnectorProfile(source.type, destination.type);
  if (!profile) {
    const supported = samConnectorDestinations(source.type);
    return fail(
      `Unable to create connector from ${source.type} to ${destination.type}; it's not supported or the template is invalid.`,
      supported.length > 0 ? `a connector from ${source.type} reaches ${supported.join(", ")}` : `no connector starts at ${source.type}; ${HINT}`,
    );
  }
  const categories = Object.keys(profile.accessCategories);
  const at = c.permissions?.pos ?? pos;
  if (permissions.size === 0) return fail(`'Permissions' cannot be empty; valid values are: ${categories.join(", ")}.`, HINT, at);
  if ([...permissions].some((p) => !categories.includes(p))) {
    return fail(`Unsupported 'Permissions' provided for connector from ${source.type} to ${destination.type}; valid values are: ${categories.join(", ")}.`, HINT, at);
  }
  const wanted = [...permissions].sort().join("+");
  if (profile.validAccessCategories && !profile.validAccessCategories.some((v) => [...v].sort().join("+") === wanted)) {
    return fail(`Unsupported 'Permissions' provided for connector from ${source.type} to ${destination.type}; valid combinations are: ${profile.validAccessCategories.map((v) => [...v].sort().join(" + ")).join(", ")}.`, HINT, at);
  }
  const missing = new Set<string>();
  const chosen = categories.filter((k) => permissions.has(k));
  const filled = replace(Object.fromEntries(chosen.map((k) => [k, profile.accessCategories[k]])), {
    "Source.Arn": source.arn,
    "Destination.Arn": destination.arn,
    "Source.ResourceId": source.resourceId,
    "Destination.ResourceId": destination.resourceId,
    "Source.Name": source.name,
    "Destination.Name": destination.name,
    "Source.Qualifier": source.qualifier,
    "Destination.Qualifier": destination.qualifier,
  }, missing) as Record<string, Record<string, Tree>>;
  if (missing.size > 0) return fail(`${[...missing].join(", ")} is missing.`, "a connector to or from a resource outside the template gives its Arn (and the other properties its profile uses)");
  const side = profile.sourcePolicy ? "Source" : "Destination";
  const owner = profile.sourcePolicy ? source : destination;
  const document = (): Tree => ({ Version: "2012-10-17", Statement: chosen.flatMap((k) => filled[k]!.Statement as Tree[]) });
  switch (profile.type) {
    case "AWS_IAM_ROLE_MANAGED_POLICY":
      if (!owner.roleName) return fail(`Unable to get IAM role name from '${side}' resource.`, `the ${side.toLowerCase()} runs as a role of this template (Role: !GetAtt ROLE.Arn), or its reference gives RoleName`);
      return ctx.add(`${c.id}Policy${suffix}`, "AWS::IAM::ManagedPolicy", { PolicyDocument: document(), Roles: [owner.roleName] }, pos, c.condition);
    case "AWS_SQS_QUEUE_POLICY":
      if (!owner.queueUrl) return fail(`Unable to get SQS queue URL from '${side}' resource.`, "a queue outside the template is given by Type, Arn and QueueUrl");
      return ctx.add(`${c.id}QueuePolicy${suffix}`, "AWS::SQS::QueuePolicy", { PolicyDocument: document(), Queues: [owner.queueUrl] }, pos, c.condition);
    case "AWS_SNS_TOPIC_POLICY":
      if (!owner.arn) return fail(`Unable to get SNS topic ARN from '${side}' resource.`);
      return ctx.add(`${c.id}TopicPolicy${suffix}`, "AWS::SNS::TopicPolicy", { PolicyDocument: document(), Topics: [owner.arn] }, pos, c.condition);
    case "AWS_LAMBDA_PERMISSION":
      if (!owner.arn) return fail(`Unable to get Lambda function ARN from '${side}' resource.`);
      for (const k of chosen) {
        const p = filled[k]!;
        ctx.add(`${c.id}${k}LambdaPermission${suffix}`, "AWS::Lambda::Permission", { Action: p.Action, FunctionName: owner.arn, Principal: p.Principal, SourceArn: p.SourceArn, SourceAccount: p.SourceAccount }, pos, c.condition);
      }
  }
}
