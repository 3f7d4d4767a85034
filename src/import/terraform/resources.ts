/**
 * Terraform AWS provider resource types -> environment entries (argument names per the provider's
 * docs: aws_iam_role, aws_iam_role_policy, aws_iam_policy, ..._attachment, aws_s3_bucket_policy,
 * aws_sqs_queue_policy, aws_sns_topic_policy, aws_kms_key, aws_organizations_policy(_attachment),
 * aws_lambda_permission (../lambda-permission.ts), aws_vpc_endpoint(_policy), aws_secretsmanager_secret(_policy),
 * aws_ecr_repository(_policy), aws_ecr_registry_policy, aws_cloudwatch_event_bus_policy, aws_cloudwatch_event_permission,
 * aws_cloudwatch_log_resource_policy, aws_lambda_layer_version_permission, aws_s3_access_point,
 * aws_s3control_access_point_policy: ../service-policies.ts).
 * Values known only after apply are followed through configuration references (references.ts,
 * values.ts); what still cannot be known becomes an explicit unknown (unknown.ts).
 */
import { inputError, type InputError } from "../../load/errors.js";
import type { LNode } from "../../load/located.js";
import type { SourcePos } from "../../model/types.js";
import type { PolicyType } from "../../types.js";
import { addStatement, define, group, policyKey, resource, role, user, type Fragment } from "../fragment.js";
import { fromJS, get, items, lscalar, str } from "../lnode.js";
import { withImpliedResource } from "../implied-resource.js";
import { functionArn, permissionStatement, type Located, type Permission } from "../lambda-permission.js";
import { parsePolicyText } from "../policy-text.js";
import { ACCESS_POINT_ARN, accessPointArn, accountOrAnyone, busArn, checkBusArn, grantStatement, layerVersionArn, logsPolicyArn, registryPolicyArn } from "../service-policies.js";
import type { OrgPolicyAttachment } from "../types.js";
import { unknownName, unknownPolicyDocument, type UnknownValue } from "../unknown.js";
import { isUnknown, type PlanIndex, type PlanResource } from "./plan.js";
import { pickInstance, referenceTarget, referencesOf } from "./references.js";
import { attribute, secretPlaceholderArn, vpcEndpointPlaceholderId, type PlanEnv } from "./values.js";
import { instanceIdFor, runsAs } from "../runs-as.js";

export interface TfContext extends PlanEnv {
  readonly index: PlanIndex;
  readonly fragment: Fragment;
  readonly orgPolicies: OrgPolicyAttachment[];
  /** aws_organizations_policy id (or terraform:ADDRESS) -> its type and document. */
  readonly orgPolicyById: Map<string, { type: "scp" | "rcp"; policy: LNode }>;
  readonly errors: InputError[];
  readonly warnings: InputError[];
  readonly unknowns: UnknownValue[];
}

function posOf(r: PlanResource, attr: string): SourcePos {
  return get(r.values, attr)?.pos ?? r.pos;
}

/** A string argument: planned, derived through references, or undefined after recording an unknown. */
function value(ctx: TfContext, r: PlanResource, attr: string, usedAs: string, derive = true): { text?: string; pos: SourcePos } | undefined {
  const pos = posOf(r, attr);
  const n = get(r.values, attr);
  if (!isUnknown(r, attr)) {
    return n?.kind === "scalar" && n.value !== null && n.value !== "" ? { text: String(n.value), pos } : undefined;
  }
  const t = derive ? referenceTarget(ctx.index, r, attr) : undefined;
  const target = t ? pickInstance(t.resources, r) : undefined;
  const derived = target && t ? attribute(ctx, target, t.attr || "id") : undefined;
  if (derived !== undefined) return { text: derived, pos };
  ctx.unknowns.push({ address: r.address, attribute: attr, usedAs, pos });
  return { pos };
}

/** A policy argument (JSON text) as a located document; an unknown one becomes the placeholder. */
function policy(ctx: TfContext, r: PlanResource, attr: string, type: PolicyType, usedAs: string): LNode | undefined {
  // A policy built from other values (jsonencode with an ARN in it) is not that value: only a direct
  // use of an aws_iam_policy_document's rendered json can be followed.
  const refs = referencesOf(r, attr);
  const direct = refs.length > 0 && refs.every((x) => x.startsWith(refs[refs.length - 1] as string)) && /^data\.aws_iam_policy_document\./.test(refs[refs.length - 1] as string);
  const v = value(ctx, r, attr, usedAs, direct);
  if (!v) return undefined;
  if (v.text === undefined) return unknownPolicyDocument(type, v.pos);
  const parsed = parsePolicyText(v.text, v.pos, `${r.address}.${attr}`);
  if (parsed.error) ctx.errors.push(parsed.error);
  return parsed.node;
}

function nameOf(ctx: TfContext, r: PlanResource, usedAs: string, lowercase = false): string {
  const v = value(ctx, r, "name", usedAs);
  return v?.text ?? unknownName(r.address, lowercase);
}

function pathOf(r: PlanResource): string | undefined {
  return str(get(r.values, "path"));
}

function tagsOf(r: PlanResource): Record<string, string> | undefined {
  const t = isUnknown(r, "tags_all") ? get(r.values, "tags") : get(r.values, "tags_all") ?? get(r.values, "tags");
  if (t?.kind !== "map" || t.entries.size === 0) return undefined;
  const out: Record<string, string> = {};
  for (const [k, e] of t.entries) if (e.value.kind === "scalar" && e.value.value !== null) out[k] = String(e.value.value);
  return out;
}

/** A set-of-strings argument (managed_policy_arns, groups, users, roles). */
function stringSet(ctx: TfContext, r: PlanResource, attr: string, usedAs: string): { text?: string; pos: SourcePos }[] {
  if (isUnknown(r, attr)) {
    const pos = posOf(r, attr);
    // Partly unknown sets: the known elements are kept and the rest is reported as unknown.
    ctx.unknowns.push({ address: r.address, attribute: attr, usedAs, pos });
    return items(get(r.values, attr)).flatMap((n) => (n.kind === "scalar" && typeof n.value === "string" ? [{ text: n.value, pos: n.pos }] : []));
  }
  return items(get(r.values, attr)).flatMap((n) => (n.kind === "scalar" && typeof n.value === "string" ? [{ text: n.value, pos: n.pos }] : []));
}

/** Whether the configuration sets the argument (an Optional+Computed argument left out is not "unknown"). */
function configured(r: PlanResource, attr: string): boolean {
  const e = get(get(r.config, "expressions"), attr);
  if (!r.config) return !isUnknown(r, attr) && get(r.values, attr) !== undefined;
  return e !== undefined;
}

/** A managed policy ARN as a policy reference; an unknown one (already recorded) as the placeholder. */
function policyRef(text: string | undefined, pos: SourcePos): LNode {
  return text !== undefined ? lscalar(text, pos) : unknownPolicyDocument("identity", pos);
}

type Mapper = (ctx: TfContext, r: PlanResource) => void;

const principalAttachment = (kind: "role" | "user" | "group", inline: boolean): Mapper => (ctx, r) => {
  const who = value(ctx, r, kind, `${kind} of ${r.address}`);
  const name = who?.text ?? unknownName(`${r.address}.${kind}`);
  const add = kind === "role" ? role : kind === "user" ? user : group;
  const entry = add(ctx.fragment, name, who?.pos ?? r.pos);
  if (inline) {
    const d = policy(ctx, r, "policy", "identity", `inline policy of ${kind}/${name}`);
    if (d) entry.policies.push(d);
  } else {
    const arn = value(ctx, r, "policy_arn", `policy attached to ${kind}/${name}`);
    if (arn) entry.policies.push(policyRef(arn.text, arn.pos));
  }
};

const MAPPERS: Record<string, Mapper> = {
  aws_iam_role: (ctx, r) => {
    const name = nameOf(ctx, r, `name of role ${r.address}`);
    const out = role(ctx.fragment, name, r.pos);
    define(ctx.fragment, "roles", name, r.pos);
    const p = pathOf(r);
    if (p) out.path = p;
    const trust = policy(ctx, r, "assume_role_policy", "trust", `trust policy of role/${name}`);
    if (trust) out.trust = trust;
    if (configured(r, "inline_policy")) {
      for (const ip of items(get(r.values, "inline_policy"))) {
        const text = str(get(ip, "policy"));
        if (!text) continue;
        const parsed = parsePolicyText(text, get(ip, "policy")?.pos ?? ip.pos, `${r.address}.inline_policy`);
        if (parsed.error) ctx.errors.push(parsed.error);
        if (parsed.node) out.policies.push(parsed.node);
      }
      if (isUnknown(r, "inline_policy")) {
        const pos = posOf(r, "inline_policy");
        ctx.unknowns.push({ address: r.address, attribute: "inline_policy", usedAs: `inline policy of role/${name}`, pos });
        out.policies.push(unknownPolicyDocument("identity", pos));
      }
    }
    if (configured(r, "managed_policy_arns")) {
      for (const a of stringSet(ctx, r, "managed_policy_arns", `managed policies of role/${name}`)) out.policies.push(policyRef(a.text, a.pos));
      if (isUnknown(r, "managed_policy_arns")) out.policies.push(unknownPolicyDocument("identity", posOf(r, "managed_policy_arns")));
    }
    const b = value(ctx, r, "permissions_boundary", `permissions boundary of role/${name}`);
    if (b) out.boundary = b.text !== undefined ? lscalar(b.text, b.pos) : unknownPolicyDocument("boundary", b.pos);
    const msd = get(r.values, "max_session_duration");
    if (msd?.kind === "scalar" && typeof msd.value === "number") out.maxSessionDuration = msd;
    const tags = tagsOf(r);
    if (tags) out.tags = tags;
  },
  aws_iam_user: (ctx, r) => {
    const name = nameOf(ctx, r, `name of user ${r.address}`);
    const out = user(ctx.fragment, name, r.pos);
    define(ctx.fragment, "users", name, r.pos);
    const p = pathOf(r);
    if (p) out.path = p;
    const b = value(ctx, r, "permissions_boundary", `permissions boundary of user/${name}`);
    if (b) out.boundary = b.text !== undefined ? lscalar(b.text, b.pos) : unknownPolicyDocument("boundary", b.pos);
    const tags = tagsOf(r);
    if (tags) out.tags = tags;
  },
  aws_iam_group: (ctx, r) => {
    const name = nameOf(ctx, r, `name of group ${r.address}`);
    const out = group(ctx.fragment, name, r.pos);
    define(ctx.fragment, "groups", name, r.pos);
    const p = pathOf(r);
    if (p) out.path = p;
  },
  aws_iam_policy: (ctx, r) => {
    const name = nameOf(ctx, r, `name of policy ${r.address}`);
    const d = policy(ctx, r, "policy", "identity", `managed policy ${name}`);
    if (d) {
      ctx.fragment.policies.set(policyKey(pathOf(r), name), { pos: r.pos, doc: d });
      define(ctx.fragment, "policies", policyKey(pathOf(r), name), r.pos);
    }
  },
  aws_iam_role_policy: principalAttachment("role", true),
  aws_iam_user_policy: principalAttachment("user", true),
  aws_iam_group_policy: principalAttachment("group", true),
  aws_iam_role_policy_attachment: principalAttachment("role", false),
  aws_iam_user_policy_attachment: principalAttachment("user", false),
  aws_iam_group_policy_attachment: principalAttachment("group", false),
  aws_iam_policy_attachment: (ctx, r) => {
    const arn = value(ctx, r, "policy_arn", `policy of ${r.address}`);
    if (!arn) return;
    for (const [attr, add] of [["roles", role], ["users", user], ["groups", group]] as const) {
      for (const n of stringSet(ctx, r, attr, `${attr} of ${r.address}`)) {
        if (n.text) add(ctx.fragment, n.text, n.pos).policies.push(policyRef(arn.text, arn.pos));
      }
    }
  },
  aws_iam_user_group_membership: (ctx, r) => {
    const u = value(ctx, r, "user", `user of ${r.address}`);
    const name = u?.text ?? unknownName(`${r.address}.user`);
    for (const g of stringSet(ctx, r, "groups", `groups of user/${name}`)) if (g.text) user(ctx.fragment, name, u?.pos ?? r.pos).groups.push(lscalar(g.text, g.pos));
  },
  aws_iam_group_membership: (ctx, r) => {
    const g = value(ctx, r, "group", `group of ${r.address}`);
    const name = g?.text ?? unknownName(`${r.address}.group`);
    for (const u of stringSet(ctx, r, "users", `members of group/${name}`)) if (u.text) user(ctx.fragment, u.text, u.pos).groups.push(lscalar(name, g?.pos ?? r.pos));
  },
  aws_s3_bucket: (ctx, r) => {
    const b = value(ctx, r, "bucket", `name of bucket ${r.address}`);
    const arn = `arn:${ctx.partition}:s3:::${b?.text ?? unknownName(r.address, true)}`;
    const out = resource(ctx.fragment, arn, r.pos);
    define(ctx.fragment, "resources", arn, r.pos);
    const tags = tagsOf(r);
    if (tags) out.tags = tags;
    if (configured(r, "policy")) {
      const d = policy(ctx, r, "policy", "resource", `bucket policy of ${arn}`);
      if (d) out.policy = d;
      if (d) define(ctx.fragment, "resources", arn, r.pos, "resource policy");
    }
  },
  aws_s3_bucket_policy: (ctx, r) => {
    const b = value(ctx, r, "bucket", `bucket of ${r.address}`);
    const arn = `arn:${ctx.partition}:s3:::${b?.text ?? unknownName(`${r.address}.bucket`, true)}`;
    const d = policy(ctx, r, "policy", "resource", `bucket policy of ${arn}`);
    if (d) resource(ctx.fragment, arn, b?.pos ?? r.pos).policy = d;
    if (d) define(ctx.fragment, "resources", arn, r.pos, "resource policy");
  },
  aws_sqs_queue: (ctx, r) => {
    const name = nameOf(ctx, r, `name of queue ${r.address}`);
    const arn = `arn:${ctx.partition}:sqs:${ctx.region}:${ctx.account}:${name}`;
    const out = resource(ctx.fragment, arn, r.pos);
    define(ctx.fragment, "resources", arn, r.pos);
    const tags = tagsOf(r);
    if (tags) out.tags = tags;
    if (configured(r, "policy")) {
      const d = policy(ctx, r, "policy", "resource", `queue policy of ${name}`);
      if (d) out.policy = d;
      if (d) define(ctx.fragment, "resources", arn, r.pos, "resource policy");
    }
  },
  aws_sqs_queue_policy: (ctx, r) => {
    const url = value(ctx, r, "queue_url", `queue of ${r.address}`);
    const m = url?.text ? /^https:\/\/sqs\.([a-z0-9-]+)\.[^/]+\/(\d{12})\/([^/]+)$/.exec(url.text) : null;
    const arn = m ? `arn:${ctx.partition}:sqs:${m[1]}:${m[2]}:${m[3]}` : `arn:${ctx.partition}:sqs:${ctx.region}:${ctx.account}:${unknownName(`${r.address}.queue_url`)}`;
    if (url?.text && !m) ctx.errors.push(inputError("policy", url.pos, `${r.address}: "${url.text}" is not an SQS queue URL`));
    const d = policy(ctx, r, "policy", "resource", `queue policy of ${arn}`);
    if (d) resource(ctx.fragment, arn, url?.pos ?? r.pos).policy = d;
    if (d) define(ctx.fragment, "resources", arn, r.pos, "resource policy");
  },
  aws_sns_topic: (ctx, r) => {
    const name = nameOf(ctx, r, `name of topic ${r.address}`);
    const arn = `arn:${ctx.partition}:sns:${ctx.region}:${ctx.account}:${name}`;
    const out = resource(ctx.fragment, arn, r.pos);
    define(ctx.fragment, "resources", arn, r.pos);
    const tags = tagsOf(r);
    if (tags) out.tags = tags;
    if (configured(r, "policy")) {
      const d = policy(ctx, r, "policy", "resource", `topic policy of ${name}`);
      if (d) out.policy = d;
      if (d) define(ctx.fragment, "resources", arn, r.pos, "resource policy");
    }
  },
  aws_sns_topic_policy: (ctx, r) => {
    const arn = value(ctx, r, "arn", `topic of ${r.address}`);
    const a = arn?.text ?? `arn:${ctx.partition}:sns:${ctx.region}:${ctx.account}:${unknownName(`${r.address}.arn`)}`;
    const d = policy(ctx, r, "policy", "resource", `topic policy of ${a}`);
    if (d) resource(ctx.fragment, a, arn?.pos ?? r.pos).policy = d;
    if (d) define(ctx.fragment, "resources", a, r.pos, "resource policy");
  },
  aws_kms_key: (ctx, r) => {
    const known = !isUnknown(r, "arn") ? str(get(r.values, "arn")) : undefined;
    if (!known) ctx.unknowns.push({ address: r.address, attribute: "arn", usedAs: `ARN of KMS key ${r.address}`, pos: r.pos });
    const arn = known ?? `arn:${ctx.partition}:kms:${ctx.region}:${ctx.account}:key/${unknownName(r.address, true)}`;
    const out = resource(ctx.fragment, arn, r.pos);
    define(ctx.fragment, "resources", arn, r.pos);
    const tags = tagsOf(r);
    if (tags) out.tags = tags;
    // Without a policy argument, AWS gives the key its default key policy
    // (kms/latest/developerguide/key-policy-default.html): the account's IAM policies decide.
    const d = configured(r, "policy")
      ? policy(ctx, r, "policy", "resource", `key policy of ${arn}`)
      : fromJS({ Version: "2012-10-17", Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.account}:root` }, Action: "kms:*", Resource: "*" }] }, r.pos);
    if (d) out.policy = d;
  },
  aws_lambda_permission: (ctx, r) => {
    const what = r.address;
    let anyUnknown = false;
    const arg = (attr: string, usedAs: string): Located | undefined => {
      const v = value(ctx, r, attr, usedAs);
      if (v && v.text === undefined) anyUnknown = true;
      return v?.text !== undefined ? { text: v.text, pos: v.pos } : undefined;
    };
    const fnArg = value(ctx, r, "function_name", `function of ${r.address}`);
    const qualifier = arg("qualifier", `qualifier of ${r.address}`);
    let arn: string | undefined;
    if (fnArg?.text !== undefined) {
      arn = functionArn({ text: fnArg.text, pos: fnArg.pos }, qualifier, ctx, what, ctx.errors);
      if (!arn) return;
    } else {
      arn = `arn:${ctx.partition}:lambda:${ctx.region}:${ctx.account}:function:${unknownName(`${r.address}.function_name`)}${qualifier ? `:${qualifier.text}` : ""}`;
    }
    const fnPos = fnArg?.pos ?? r.pos;
    const usedAs = `permission ${r.address} of ${arn}`;
    const action = arg("action", usedAs);
    const principal = arg("principal", usedAs);
    const conditions = {
      ...opt("sourceArn", arg("source_arn", usedAs)),
      ...opt("sourceAccount", arg("source_account", usedAs)),
      ...opt("principalOrgId", arg("principal_org_id", usedAs)),
      ...opt("functionUrlAuthType", arg("function_url_auth_type", usedAs)),
      ...opt("eventSourceToken", arg("event_source_token", usedAs)),
    };
    const sid = (!isUnknown(r, "statement_id") ? str(get(r.values, "statement_id")) : undefined) ?? r.address;
    const p: Permission | undefined = action && principal ? { sid: { text: sid, pos: posOf(r, "statement_id") }, action, principal, ...conditions } : undefined;
    if (anyUnknown) {
      // A statement whose principal, action or condition is known only after apply: the function's
      // policy holds the placeholder statement, so expectations that consult it are reported.
      const doc = unknownPolicyDocument("resource", r.pos);
      addStatement(ctx.fragment, arn, fnPos, items(get(doc, "Statement"))[0] as LNode);
      return;
    }
    if (!p) {
      ctx.errors.push(inputError("policy", r.pos, `${r.address} has no ${action ? "principal" : "action"}`));
      return;
    }
    const st = permissionStatement(p, arn, fnPos, ctx.partition, what, ctx.errors);
    if (st) addStatement(ctx.fragment, arn, fnPos, st);
  },
  aws_vpc_endpoint: (ctx, r) => {
    const id = vpcEndpointIdOf(ctx, r);
    const prev = ctx.fragment.vpcEndpoints.get(id);
    const d = configured(r, "policy") ? policy(ctx, r, "policy", "vpce", `policy of VPC endpoint ${id}`) : undefined;
    const out = { pos: r.pos, ...(prev?.policy ? { policy: prev.policy } : {}), ...(d ? { policy: d } : {}) };
    ctx.fragment.vpcEndpoints.set(id, out);
  },
  aws_secretsmanager_secret: (ctx, r) => {
    const known = !isUnknown(r, "arn") ? str(get(r.values, "arn")) : undefined;
    if (!known) ctx.unknowns.push({ address: r.address, attribute: "arn", usedAs: `ARN of secret ${r.address}`, pos: r.pos });
    const arn = known ?? secretPlaceholderArn(ctx, r);
    const out = resource(ctx.fragment, arn, r.pos);
    define(ctx.fragment, "resources", arn, r.pos);
    const tags = tagsOf(r);
    if (tags) out.tags = tags;
    if (configured(r, "policy")) {
      const d = policy(ctx, r, "policy", "resource", `secret policy of ${arn}`);
      if (d) out.policy = d;
      if (d) define(ctx.fragment, "resources", arn, r.pos, "resource policy");
    }
  },
  aws_secretsmanager_secret_policy: (ctx, r) => {
    const s = value(ctx, r, "secret_arn", `secret of ${r.address}`);
    let arn = s?.text ?? `arn:${ctx.partition}:secretsmanager:${ctx.region}:${ctx.account}:secret:${unknownName(`${r.address}.secret_arn`)}`;
    if (s?.text !== undefined) {
      const m = /^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:(\d{12}):secret:.+$/.exec(s.text);
      if (!m) {
        ctx.errors.push(inputError("reference", s.pos, `${r.address}: "${s.text}" is not a Secrets Manager secret ARN`));
        return;
      }
      if (m[1] !== ctx.account) {
        ctx.errors.push(inputError("reference", s.pos, `${r.address}: the secret ${s.text} belongs to account ${m[1]}, not to the import's account ${ctx.account}`));
        return;
      }
      arn = s.text;
    }
    const d = policy(ctx, r, "policy", "resource", `secret policy of ${arn}`);
    if (d) resource(ctx.fragment, arn, s?.pos ?? r.pos).policy = d;
    if (d) define(ctx.fragment, "resources", arn, r.pos, "resource policy");
  },
  aws_ecr_repository: (ctx, r) => {
    const name = nameOf(ctx, r, `name of repository ${r.address}`, true);
    const arn = `arn:${ctx.partition}:ecr:${ctx.region}:${ctx.account}:repository/${name}`;
    const out = resource(ctx.fragment, arn, r.pos);
    define(ctx.fragment, "resources", arn, r.pos);
    const tags = tagsOf(r);
    if (tags) out.tags = tags;
  },
  aws_ecr_repository_policy: (ctx, r) => {
    const repo = value(ctx, r, "repository", `repository of ${r.address}`);
    const arn = `arn:${ctx.partition}:ecr:${ctx.region}:${ctx.account}:repository/${repo?.text ?? unknownName(`${r.address}.repository`, true)}`;
    const d = policy(ctx, r, "policy", "resource", `repository policy of ${arn}`);
    if (d) resource(ctx.fragment, arn, repo?.pos ?? r.pos).policy = withImpliedResource(d, arn);
    if (d) define(ctx.fragment, "resources", arn, r.pos, "resource policy");
  },
  aws_cloudwatch_event_bus_policy: (ctx, r) => {
    const arn = busOf(ctx, r);
    if (!arn || bothBusForms(ctx, r, arn, ctx.fragment.statements.has(arn))) return;
    const d = policy(ctx, r, "policy", "resource", `event bus policy of ${arn}`);
    if (d) resource(ctx.fragment, arn, r.pos).policy = withImpliedResource(d, arn);
    if (d) define(ctx.fragment, "resources", arn, r.pos, "resource policy");
  },
  aws_cloudwatch_event_permission: (ctx, r) => {
    const arn = busOf(ctx, r);
    if (!arn || bothBusForms(ctx, r, arn, ctx.fragment.resources.get(arn)?.policy !== undefined && !ctx.fragment.statements.has(arn))) return;
    const usedAs = `permission ${r.address} of ${arn}`;
    const principal = value(ctx, r, "principal", usedAs);
    const action = value(ctx, r, "action", usedAs) ?? { text: "events:PutEvents", pos: r.pos };
    const c = items(get(r.values, "condition"))[0];
    const [op, key, v] = [str(get(c, "type")), str(get(c, "key")), str(get(c, "value"))];
    const sid = value(ctx, r, "statement_id", usedAs);
    if (principal?.text === undefined || action.text === undefined || sid?.text === undefined || isUnknown(r, "condition")) {
      addStatement(ctx.fragment, arn, r.pos, items(get(unknownPolicyDocument("resource", r.pos), "Statement"))[0] as LNode);
      return;
    }
    const p = accountOrAnyone({ text: principal.text, pos: principal.pos }, ctx.partition, r.address, ctx.errors);
    if (!p) return;
    const cond = c && op && key && v ? { condition: { op, key, value: { text: v, pos: c.pos } } } : {};
    addStatement(ctx.fragment, arn, r.pos, grantStatement({ sid: { text: sid.text, pos: sid.pos }, principal: p, action: { text: action.text, pos: action.pos }, resource: arn, resourcePos: r.pos, ...cond }));
  },
  aws_cloudwatch_log_resource_policy: (ctx, r) => {
    const arn = logsPolicyArn(ctx);
    const d = policy(ctx, r, "policy_document", "resource", `CloudWatch Logs resource policy ${r.address}`);
    if (!d) return;
    const statements = items(get(d, "Statement"));
    if (statements.length === 0) ctx.errors.push(inputError("policy", d.pos, `${r.address}: the policy has no Statement`));
    for (const st of statements) addStatement(ctx.fragment, arn, r.pos, st);
  },
  aws_lambda_layer_version_permission: (ctx, r) => {
    const usedAs = `layer version permission ${r.address}`;
    const [layer, version, principal, action, sid] = ["layer_name", "version_number", "principal", "action", "statement_id"].map((a) => value(ctx, r, a, usedAs));
    if (layer?.text === undefined || version?.text === undefined) {
      // The version a new layer publishes is known only after apply: its policy is the placeholder.
      const arn = `arn:${ctx.partition}:lambda:${ctx.region}:${ctx.account}:layer:${layer?.text ?? unknownName(`${r.address}.layer_name`)}:${unknownName(`${r.address}.version_number`)}`;
      addStatement(ctx.fragment, arn, r.pos, items(get(unknownPolicyDocument("resource", r.pos), "Statement"))[0] as LNode);
      return;
    }
    const arn = layerVersionArn({ text: layer.text, pos: layer.pos }, { text: version.text, pos: version.pos }, ctx, r.address, ctx.errors);
    if (!arn) return;
    if (principal?.text === undefined || action?.text === undefined) {
      addStatement(ctx.fragment, arn, r.pos, items(get(unknownPolicyDocument("resource", r.pos), "Statement"))[0] as LNode);
      return;
    }
    const p = accountOrAnyone({ text: principal.text, pos: principal.pos }, ctx.partition, r.address, ctx.errors);
    if (!p) return;
    const org = value(ctx, r, "organization_id", usedAs);
    const cond = org?.text !== undefined ? { condition: { op: "StringEquals", key: "aws:PrincipalOrgID", value: { text: org.text, pos: org.pos } } } : {};
    addStatement(ctx.fragment, arn, layer.pos, grantStatement({ sid: { text: sid?.text ?? r.address, pos: sid?.pos ?? r.pos }, principal: p, action: { text: action.text, pos: action.pos }, resource: arn, resourcePos: layer.pos, ...cond }));
  },
  aws_ecr_registry_policy: (ctx, r) => {
    const arn = registryPolicyArn(ctx);
    const d = policy(ctx, r, "policy", "resource", `registry policy of ${ctx.account}`);
    if (d) resource(ctx.fragment, arn, r.pos).policy = d;
    if (d) define(ctx.fragment, "resources", arn, r.pos, "resource policy");
  },
  aws_s3_access_point: (ctx, r) => {
    const owner = value(ctx, r, "account_id", `account of ${r.address}`);
    if (owner?.text !== undefined && owner.text !== ctx.account) {
      ctx.errors.push(inputError("reference", owner.pos, `${r.address}: the access point belongs to account ${owner.text}, not to the import's account ${ctx.account}`));
      return;
    }
    const name = nameOf(ctx, r, `name of access point ${r.address}`, true);
    const arn = accessPointArn(ctx, name);
    const out = resource(ctx.fragment, arn, r.pos);
    define(ctx.fragment, "resources", arn, r.pos);
    const b = value(ctx, r, "bucket", `bucket of access point ${arn}`);
    // A bucket given by ARN (an S3 on Outposts bucket) is not an S3 bucket name: the model reports it.
    out.bucket = lscalar(b?.text ?? unknownName(`${r.address}.bucket`, true), b?.pos ?? r.pos);
    if (items(get(r.values, "vpc_configuration")).length > 0) out.networkOrigin = lscalar("VPC", posOf(r, "vpc_configuration"));
    if (b && b.text === undefined) {
      // Which bucket's policy decides too is known only after apply: every answer through the access
      // point depends on it, so its policy is the placeholder (reported, never passed).
      out.policy = unknownPolicyDocument("resource", b.pos);
      return;
    }
    if (configured(r, "policy")) {
      const d = policy(ctx, r, "policy", "resource", `access point policy of ${arn}`);
      if (d) out.policy = d;
      if (d) define(ctx.fragment, "resources", arn, r.pos, "resource policy");
    }
  },
  aws_s3control_access_point_policy: (ctx, r) => {
    const a = value(ctx, r, "access_point_arn", `access point of ${r.address}`);
    let arn = `arn:${ctx.partition}:s3:${ctx.region}:${ctx.account}:accesspoint/${unknownName(`${r.address}.access_point_arn`, true)}`;
    if (a?.text !== undefined) {
      const m = ACCESS_POINT_ARN.exec(a.text);
      if (!m || m[3] !== ctx.account) {
        ctx.errors.push(inputError("reference", a.pos, m ? `${r.address}: the access point ${a.text} belongs to account ${m[3]}, not to the import's account ${ctx.account}` : `${r.address}: "${a.text}" is not an S3 access point ARN`));
        return;
      }
      arn = a.text;
    }
    const d = policy(ctx, r, "policy", "resource", `access point policy of ${arn}`);
    if (d) resource(ctx.fragment, arn, a?.pos ?? r.pos).policy = d;
    if (d) define(ctx.fragment, "resources", arn, r.pos, "resource policy");
  },
  aws_organizations_policy: (ctx, r) => {
    const t = str(get(r.values, "type")) ?? "SERVICE_CONTROL_POLICY";
    const type = t === "SERVICE_CONTROL_POLICY" ? "scp" : t === "RESOURCE_CONTROL_POLICY" ? "rcp" : undefined;
    if (!type) return;
    const d = policy(ctx, r, "content", type, `${type.toUpperCase()} ${r.address}`);
    if (!d) return;
    ctx.orgPolicyById.set(`terraform:${r.address}`, { type, policy: d });
    const id = !isUnknown(r, "id") ? str(get(r.values, "id")) : undefined;
    if (id) ctx.orgPolicyById.set(id, { type, policy: d });
  },
};

function opt<K extends string>(key: K, v: Located | undefined): { [k in K]?: Located } {
  return (v ? { [key]: v } : {}) as { [k in K]?: Located };
}

/** The bus of an EventBridge policy or permission (event_bus_name: a name or an ARN; default: "default"). */
function busOf(ctx: TfContext, r: PlanResource): string | undefined {
  const n = value(ctx, r, "event_bus_name", `event bus of ${r.address}`);
  const name = n ? (n.text ?? unknownName(`${r.address}.event_bus_name`)) : undefined;
  if (n?.text?.startsWith("arn:") && !checkBusArn({ text: n.text, pos: n.pos }, ctx.account, r.address, ctx.errors)) return undefined;
  return busArn(ctx, name);
}

/**
 * aws_cloudwatch_event_bus_policy and aws_cloudwatch_event_permission on one bus overwrite each other
 * (the provider's docs: the bus policy resource "is incompatible with" the permission resource "and
 * will overwrite permissions"): which policy the bus ends with depends on the order of apply.
 */
function bothBusForms(ctx: TfContext, r: PlanResource, arn: string, clash: boolean): boolean {
  if (clash) {
    ctx.errors.push(inputError("policy", r.pos, `${r.address}: the bus ${arn} has both an aws_cloudwatch_event_bus_policy and aws_cloudwatch_event_permission resources, which overwrite each other`,
      "manage the bus policy with one of the two resource types (the whole policy in aws_cloudwatch_event_bus_policy, for instance)"));
  }
  return clash;
}

/** The endpoint's id: planned, or the placeholder (listed as known only after apply). */
function vpcEndpointIdOf(ctx: TfContext, r: PlanResource): string {
  const id = !isUnknown(r, "id") ? str(get(r.values, "id")) : undefined;
  if (id) return id;
  ctx.unknowns.push({ address: r.address, attribute: "id", usedAs: `id of VPC endpoint ${r.address} (iam-spec uses ${vpcEndpointPlaceholderId(ctx, r)})`, pos: r.pos });
  return vpcEndpointPlaceholderId(ctx, r);
}

/** Attachments run after every policy is known (they look policies up by id). */
/**
 * A string argument of a resource that carries no policy, planned or derived through references; an
 * argument known only after apply that no reference explains is left out (it decides no request:
 * nothing is recorded as unknown).
 */
function quietValue(ctx: TfContext, r: PlanResource, attr: string): { text?: string; pos: SourcePos } | undefined {
  const pos = posOf(r, attr);
  if (!isUnknown(r, attr)) {
    const n = get(r.values, attr);
    return n?.kind === "scalar" && n.value !== null && n.value !== "" ? { text: String(n.value), pos } : undefined;
  }
  const t = referenceTarget(ctx.index, r, attr);
  const target = t ? pickInstance(t.resources, r) : undefined;
  const text = target && t ? attribute(ctx, target, t.attr || "id") : undefined;
  return text !== undefined ? { text, pos } : undefined;
}

/** The role (name or ARN) of the plan's aws_iam_instance_profile named `name`, if the plan has it. */
function instanceProfileRole(ctx: TfContext, name: string): string | undefined {
  for (const p of ctx.index.resources.values()) {
    if (p.type !== "aws_iam_instance_profile" || p.mode === "data") continue;
    if (quietValue(ctx, p, "name")?.text !== name) continue;
    return quietValue(ctx, p, "role")?.text;
  }
  return undefined;
}

/** A resource (its ARN the attribute `arnAttr`) that runs as the role its attribute `roleAttr` names. */
function runsAsBy(roleAttr: string, arnAttr = "arn"): Mapper {
  return (ctx, r) => {
    if (r.mode === "data") return;
    const arn = attribute(ctx, r, arnAttr);
    if (arn) runsAs(ctx.fragment, arn, r.pos, quietValue(ctx, r, roleAttr), r.address, ctx.warnings);
  };
}

const LATE: Record<string, Mapper> = {
  // registry.terraform.io aws_lambda_function: `role` is the execution role's ARN
  // (lambda/latest/dg/lambda-intro-execution-role.html).
  aws_lambda_function: (ctx, r) => {
    if (r.mode === "data") return;
    const arn = attribute(ctx, r, "arn");
    if (!arn) return;
    runsAs(ctx.fragment, arn, r.pos, quietValue(ctx, r, "role"), r.address, ctx.warnings);
  },
  // aws_instance: `iam_instance_profile` is the profile's name; aws_iam_instance_profile: `role` its one role.
  aws_instance: (ctx, r) => {
    if (r.mode === "data") return;
    const profile = quietValue(ctx, r, "iam_instance_profile");
    if (profile?.text === undefined) return;
    const id = quietValue(ctx, r, "id")?.text ?? instanceIdFor(ctx.account, ctx.region, r.address);
    const role = instanceProfileRole(ctx, profile.text);
    runsAs(ctx.fragment, `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.account}:instance/${id}`, r.pos, { text: role ?? `of instance profile ${profile.text}`, pos: profile.pos }, r.address, ctx.warnings);
  },
  // codebuild/latest/userguide/setting-up-service-role.html; aws_codebuild_project.service_role.
  aws_codebuild_project: runsAsBy("service_role"),
  // sagemaker/latest/dg/sagemaker-roles.html; aws_sagemaker_notebook_instance.role_arn.
  aws_sagemaker_notebook_instance: runsAsBy("role_arn"),
  // glue/latest/dg/dev-endpoints.html; aws_glue_dev_endpoint.role_arn.
  aws_glue_dev_endpoint: runsAsBy("role_arn"),
  // AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html; aws_cloudformation_stack.iam_role_arn,
  // its `id` the stack's ARN.
  aws_cloudformation_stack: runsAsBy("iam_role_arn", "id"),
  aws_vpc_endpoint_policy: (ctx, r) => {
    const v = value(ctx, r, "vpc_endpoint_id", `endpoint of ${r.address}`);
    const id = v?.text ?? `vpce-${unknownName(`${r.address}.vpc_endpoint_id`, true)}`;
    const d = policy(ctx, r, "policy", "vpce", `policy of VPC endpoint ${id}`);
    const prev = ctx.fragment.vpcEndpoints.get(id);
    ctx.fragment.vpcEndpoints.set(id, { pos: prev?.pos ?? v?.pos ?? r.pos, ...(d ? { policy: d } : prev?.policy ? { policy: prev.policy } : {}) });
  },
  aws_organizations_policy_attachment: (ctx, r) => {
    const id = value(ctx, r, "policy_id", `policy of ${r.address}`);
    const target = value(ctx, r, "target_id", `target of ${r.address}`);
    if (!id || !target) return;
    const p = id.text !== undefined ? ctx.orgPolicyById.get(id.text) : undefined;
    if (!p) {
      ctx.errors.push(inputError("reference", id.pos, `${r.address}: policy ${id.text ?? "(known after apply)"} is not defined in this plan`,
        "an attachment of a policy defined elsewhere cannot be read from the plan; write that SCP/RCP under organization: by hand"));
      return;
    }
    if (target.text === undefined) {
      ctx.errors.push(inputError("reference", target.pos, `${r.address}: the target is known only after apply`, "attach to a root, OU or account id written as a constant, or place the policy under organization: by hand"));
      return;
    }
    ctx.orgPolicies.push({ type: p.type, targetId: target.text, policy: p.policy, pos: target.pos });
  },
};

/** Types that manage something else than a policy document, although their names suggest one. */
const SKIP = /^aws_(iam_(role_policies_exclusive|role_policy_attachments_exclusive|user_policy_attachments_exclusive|group_policy_attachments_exclusive|group_policies_exclusive|user_policies_exclusive|account_password_policy|instance_profile|openid_connect_provider|saml_provider|service_linked_role|access_key|user_login_profile|user_ssh_key|service_specific_credential|signing_certificate|server_certificate|virtual_mfa_device|policy_document)|.*lifecycle_policy|.*(appautoscaling|autoscaling)_policy|.*_scaling_policy|s3_bucket_(public_access_block|ownership_controls|versioning|server_side_encryption_configuration|lifecycle_configuration|logging|acl|cors_configuration|website_configuration|notification|replication_configuration|intelligent_tiering_configuration|object_lock_configuration|accelerate_configuration|request_payment_configuration|analytics_configuration|inventory|metric))$/;

const POLICY_ATTRS = ["policy", "access_policies", "policy_document", "resource_policy", "key_policy"];

export function mapPlanResource(ctx: TfContext, r: PlanResource, late: boolean): void {
  const table = late ? LATE : MAPPERS;
  const m = table[r.type];
  if (m) return m(ctx, r);
  if (late || r.mode === "data" || MAPPERS[r.type] || LATE[r.type] || SKIP.test(r.type)) return;
  const why = unsupportedReason(r);
  if (why) ctx.errors.push(inputError("unsupported", r.pos, `${r.address}: ${why}`, "describe its policy by hand under accounts: (resources: ...), or open an issue"));
}

function unsupportedReason(r: PlanResource): string | undefined {
  if (/_permission$/.test(r.type)) return `${r.type} grants access through a resource policy that iam-spec does not read yet`;
  for (const attr of POLICY_ATTRS) {
    const n = get(r.values, attr);
    const text = n?.kind === "scalar" && typeof n.value === "string" ? n.value : undefined;
    if ((text && /"Statement"/.test(text)) || (isUnknown(r, attr) && referencesOf(r, attr).length > 0)) {
      return `${r.type} carries an IAM policy (${attr}) that iam-spec does not read yet`;
    }
  }
  return undefined;
}
