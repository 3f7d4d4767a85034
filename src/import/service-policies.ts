/**
 * Resource policies of EventBridge buses, CloudWatch Logs, Lambda layer versions, the ECR registry and
 * S3 access points: the ARNs iam-spec keys them by, and the statements that permission-style
 * resources (one statement per call) add. Shared by the CloudFormation and Terraform mappers.
 *
 *   EventBridge  PutPermission with Action/Principal/Condition adds one statement to the bus policy
 *                (eventbridge/latest/APIReference/API_PutPermission.html); with Policy it sets the whole
 *                policy. The bus is arn:PARTITION:events:REGION:ACCOUNT:event-bus/NAME, "default"
 *                when no name is given.
 *   Logs         an account-level resource policy (logs/latest/APIReference/API_PutResourcePolicy.html)
 *                covers the log groups its statements name; iam-spec keys the policies of one region
 *                by arn:PARTITION:logs:REGION:ACCOUNT:log-group:* (src/model/resources.ts: region-wide
 *                resource policies), their statements together.
 *   Layers       AddLayerVersionPermission adds one statement to the layer version's policy
 *                (lambda/latest/dg/API_AddLayerVersionPermission.html): Principal an account id or
 *                "*" (with OrganizationId: aws:PrincipalOrgID).
 *   ECR          the registry policy (AmazonECR/latest/userguide/registry-permissions.html) governs the
 *                registry's repositories: keyed by arn:PARTITION:ecr:REGION:ACCOUNT:repository/*.
 *   Access point arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME with `bucket:` (docs/imports.md).
 */
import { inputError, type InputError } from "../load/errors.js";
import type { LNode } from "../load/located.js";
import type { SourcePos } from "../model/types.js";
import type { Located, Where } from "./lambda-permission.js";
import { lmap, lscalar } from "./lnode.js";

export function busArn(where: Where, name: string | undefined): string {
  if (name !== undefined && name.startsWith("arn:")) return name;
  return `arn:${where.partition}:events:${where.region}:${where.account}:event-bus/${name ?? "default"}`;
}

/** An event bus ARN of the import's account, or an error at the value. */
export function checkBusArn(arn: Located, account: string, what: string, errors: InputError[]): boolean {
  const m = /^arn:[a-z-]+:events:[a-z0-9-]+:(\d{12}):event-bus\/[A-Za-z0-9._\-/]+$/.exec(arn.text);
  if (!m) errors.push(inputError("reference", arn.pos, `${what}: "${arn.text}" is not an event bus name or ARN`, "a name (default, orders) or arn:aws:events:REGION:ACCOUNT:event-bus/NAME"));
  else if (m[1] !== account) errors.push(inputError("reference", arn.pos, `${what}: the bus ${arn.text} belongs to account ${m[1]}, not to the import's account ${account}`));
  return m !== null && m[1] === account;
}

export function logsPolicyArn(where: Where): string {
  return `arn:${where.partition}:logs:${where.region}:${where.account}:log-group:*`;
}

export function registryPolicyArn(where: Where): string {
  return `arn:${where.partition}:ecr:${where.region}:${where.account}:repository/*`;
}

export function accessPointArn(where: Where, name: string): string {
  return `arn:${where.partition}:s3:${where.region}:${where.account}:accesspoint/${name}`;
}

export const ACCESS_POINT_ARN = /^arn:([a-z-]+):s3:([a-z0-9-]+):(\d{12}):accesspoint\/([a-z0-9-]{3,50})$/;

/** `arn:...:layer:NAME:VERSION`, or an error at the value (a layer of another account, a bad ARN). */
export function layerVersionArn(layer: Located, version: Located | undefined, where: Where, what: string, errors: InputError[]): string | undefined {
  const full = /^arn:([a-z-]+):lambda:([a-z0-9-]+):(\d{12}):layer:([A-Za-z0-9_-]+)(?::(\d+))?$/.exec(layer.text);
  if (!full && !/^[A-Za-z0-9_-]+$/.test(layer.text)) {
    errors.push(inputError("reference", layer.pos, `${what}: "${layer.text}" is not a layer name or layer version ARN`, "arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION"));
    return undefined;
  }
  const [partition, region, account, name, v] = full ? [full[1], full[2], full[3], full[4], full[5]] : [where.partition, where.region, where.account, layer.text, undefined];
  if (account !== where.account) {
    errors.push(inputError("reference", layer.pos, `${what}: the layer ${layer.text} belongs to account ${account}, not to the import's account ${where.account}`));
    return undefined;
  }
  const ver = version?.text ?? v;
  if (ver === undefined || !/^\d+$/.test(ver)) {
    errors.push(inputError("reference", version?.pos ?? layer.pos, `${what}: no layer version number`, "a permission is granted on one version: LayerVersionArn arn:...:layer:NAME:VERSION"));
    return undefined;
  }
  return `arn:${partition}:lambda:${region}:${account}:layer:${name}:${ver}`;
}

/** Principal as PutPermission and AddLayerVersionPermission take it: an account id or "*". */
export function accountOrAnyone(p: Located, partition: string, what: string, errors: InputError[]): LNode | undefined {
  if (p.text === "*") return lscalar("*", p.pos);
  if (/^\d{12}$/.test(p.text)) return lmap([["AWS", lscalar(`arn:${partition}:iam::${p.text}:root`, p.pos)]], p.pos);
  errors.push(inputError("policy", p.pos, `${what}: principal "${p.text}" is not an account id or "*"`, "for example 444455556666, or * with an organization condition"));
  return undefined;
}

export interface GrantStatement {
  readonly sid: Located;
  readonly principal: LNode;
  readonly action: Located;
  readonly resource: string;
  readonly resourcePos: SourcePos;
  /** Condition operator -> key -> value. */
  readonly condition?: { op: string; key: string; value: Located };
}

/** `{ Sid, Effect: Allow, Principal, Action, Resource[, Condition] }`, every part at its source position. */
export function grantStatement(g: GrantStatement): LNode {
  const entries: [string, LNode][] = [
    ["Sid", lscalar(g.sid.text, g.sid.pos)],
    ["Effect", lscalar("Allow", g.sid.pos)],
    ["Principal", g.principal],
    ["Action", lscalar(g.action.text, g.action.pos)],
    ["Resource", lscalar(g.resource, g.resourcePos)],
  ];
  const c = g.condition;
  if (c) entries.push(["Condition", lmap([[c.op, lmap([[c.key, lscalar(c.value.text, c.value.pos)]], c.value.pos)]], c.value.pos)]);
  return lmap(entries, g.sid.pos);
}

/** A statement of a whole-statement form (EventBridge's Statement): Sid and Resource filled in where absent. */
export function withSidAndResource(statement: LNode, sid: Located | undefined, resource: string): LNode {
  if (statement.kind !== "map") return statement;
  const entries = [...statement.entries.values()].map((e) => [e.key, e.value, e.keyPos] as [string, LNode, SourcePos]);
  if (sid && !statement.entries.has("Sid")) entries.unshift(["Sid", lscalar(sid.text, sid.pos), sid.pos]);
  if (!statement.entries.has("Resource") && !statement.entries.has("NotResource")) entries.push(["Resource", lscalar(resource, statement.pos), statement.pos]);
  return lmap(entries, statement.pos);
}
