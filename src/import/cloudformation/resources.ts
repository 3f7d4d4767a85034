/**
 * CloudFormation resource types -> environment entries. Each mapper gets the resource with its
 * properties already resolved (intrinsics gone) and adds what the resource says about the account's
 * principals, policies and resources to the fragment (Lambda permissions: ../lambda-permission.ts). Types without an IAM policy are skipped; a type
 * that carries a policy iam-spec does not read is an error (looksPolicyBearing), never dropped.
 */
import { inputError, type InputError } from "../../load/errors.js";
import type { LEntry, LNode } from "../../load/located.js";
import type { SourcePos } from "../../model/types.js";
import { addStatement, define, group, policyKey, resource, role, user, type Fragment } from "../fragment.js";
import { fromJS, get, items, lscalar, str } from "../lnode.js";
import { withImpliedResource } from "../implied-resource.js";
import { functionArn, permissionStatement, type Located } from "../lambda-permission.js";
import { inlineEntryDocument, policyNode } from "../policy-text.js";
import { accountOrAnyone, busArn, checkBusArn, grantStatement, layerVersionArn, logsPolicyArn, registryPolicyArn, withSidAndResource } from "../service-policies.js";
import type { OrgPolicyAttachment } from "../types.js";
import { returnValues, secretArn, tagRecord, vpcEndpointId, type Props } from "./names.js";
import { runsAs } from "../runs-as.js";
import { resolve } from "./intrinsics.js";
import { FAILED, NO_VALUE } from "./scope.js";
import type { StackScope, TemplateResource } from "./scope.js";

export interface MapContext {
  readonly scope: StackScope;
  readonly fragment: Fragment;
  readonly orgPolicies: OrgPolicyAttachment[];
  readonly errors: InputError[];
  readonly warnings: InputError[];
}

type Mapper = (ctx: MapContext, r: TemplateResource, props: LNode) => void;

function propsOf(props: LNode): Props {
  return {
    raw: (k) => get(props, k),
    s: (k) => {
      const v = get(props, k);
      return v?.kind === "scalar" && v.value !== null ? String(v.value) : undefined;
    },
  };
}

function names(node: LNode | undefined): { name: string; pos: SourcePos }[] {
  return items(node).flatMap((n) => (n.kind === "scalar" && n.value !== null ? [{ name: String(n.value), pos: n.pos }] : []));
}

/** A required policy document property. */
function doc(ctx: MapContext, r: TemplateResource, props: LNode, key: string): LNode | undefined {
  const n = get(props, key);
  if (!n) {
    ctx.errors.push(inputError("policy", r.pos, `${r.type} ${r.logicalId} has no ${key}`, `add Properties: { ${key}: ... } (the resource holds nothing else iam-spec reads)`));
    return undefined;
  }
  return policyNode(n, `${r.logicalId}.${key}`, ctx.errors);
}

/** Inline `Policies: [{ PolicyName, PolicyDocument }]` of roles, users and groups. */
function inlinePolicies(ctx: MapContext, r: TemplateResource, props: LNode): LNode[] {
  return items(get(props, "Policies")).flatMap((p) => {
    const d = inlineEntryDocument(p, "PolicyDocument", `${r.logicalId}.Policies`, ctx.errors);
    return d ? [d] : [];
  });
}

/** Managed policy ARNs, as policy references (the loader resolves AWS and customer managed ARNs). */
function arns(props: LNode, key: string): LNode[] {
  return items(get(props, key)).filter((n) => n.kind === "scalar");
}

function path(props: LNode): string | undefined {
  return str(get(props, "Path"));
}

/** Path, inline policies and managed policy ARNs: what roles, users and groups share. */
function identityParts(ctx: Parameters<Mapper>[0], r: Parameters<Mapper>[1], props: Parameters<Mapper>[2], out: { path?: string; policies: LNode[] }): void {
  const p = path(props);
  if (p) out.path = p;
  out.policies.push(...inlinePolicies(ctx, r, props), ...arns(props, "ManagedPolicyArns"));
}

/** PermissionsBoundary and Tags, which roles and users have. */
function boundaryAndTags(props: Parameters<Mapper>[2], out: { boundary?: LNode; tags?: Record<string, string> }): void {
  const b = get(props, "PermissionsBoundary");
  if (b) out.boundary = b;
  const tags = tagRecord(get(props, "Tags"));
  if (tags) out.tags = tags;
}

const MAPPERS: Record<string, Mapper> = {
  "AWS::IAM::Role": (ctx, r, props) => {
    const name = str(get(props, "RoleName")) ?? r.logicalId;
    const out = role(ctx.fragment, name, r.pos);
    define(ctx.fragment, "roles", name, r.pos);
    const trust = get(props, "AssumeRolePolicyDocument");
    if (!trust) ctx.errors.push(inputError("policy", r.pos, `AWS::IAM::Role ${r.logicalId} has no AssumeRolePolicyDocument`, "a role's trust policy is required (AWS/latest/TemplateReference/aws-resource-iam-role.html): add Properties: { AssumeRolePolicyDocument: ... }"));
    const t = policyNode(trust, `${r.logicalId}.AssumeRolePolicyDocument`, ctx.errors);
    if (t) out.trust = t;
    identityParts(ctx, r, props, out);
    boundaryAndTags(props, out);
    const msd = get(props, "MaxSessionDuration");
    if (msd?.kind === "scalar" && msd.value !== null) out.maxSessionDuration = lscalar(Number(msd.value), msd.pos);
  },
  "AWS::IAM::User": (ctx, r, props) => {
    const name = str(get(props, "UserName")) ?? r.logicalId;
    const out = user(ctx.fragment, name, r.pos);
    define(ctx.fragment, "users", name, r.pos);
    identityParts(ctx, r, props, out);
    boundaryAndTags(props, out);
    for (const g of items(get(props, "Groups"))) out.groups.push(g);
  },
  "AWS::IAM::Group": (ctx, r, props) => {
    const name = str(get(props, "GroupName")) ?? r.logicalId;
    const out = group(ctx.fragment, name, r.pos);
    define(ctx.fragment, "groups", name, r.pos);
    identityParts(ctx, r, props, out);
  },
  "AWS::IAM::UserToGroupAddition": (ctx, r, props) => {
    const g = get(props, "GroupName");
    for (const u of names(get(props, "Users"))) if (g) user(ctx.fragment, u.name, u.pos).groups.push(g);
  },
  "AWS::IAM::Policy": (ctx, r, props) => {
    const d = doc(ctx, r, props, "PolicyDocument");
    if (!d) return;
    attach(ctx, r, props, d);
  },
  "AWS::IAM::ManagedPolicy": (ctx, r, props) => {
    const d = doc(ctx, r, props, "PolicyDocument");
    if (!d) return;
    const name = str(get(props, "ManagedPolicyName")) ?? r.logicalId;
    ctx.fragment.policies.set(policyKey(path(props), name), { pos: r.pos, doc: d });
    define(ctx.fragment, "policies", policyKey(path(props), name), r.pos);
    const rv = returnValues(ctx.scope, r, propsOf(props));
    attach(ctx, r, props, lscalar(rv?.ref ?? "", r.pos));
  },
  "AWS::IAM::RolePolicy": (ctx, r, props) => onePrincipal(ctx, r, props, "RoleName", role),
  "AWS::IAM::UserPolicy": (ctx, r, props) => onePrincipal(ctx, r, props, "UserName", user),
  "AWS::IAM::GroupPolicy": (ctx, r, props) => onePrincipal(ctx, r, props, "GroupName", group),
  "AWS::S3::Bucket": (ctx, r, props) => plainResource(ctx, r, props),
  "AWS::SQS::Queue": (ctx, r, props) => plainResource(ctx, r, props),
  "AWS::SNS::Topic": (ctx, r, props) => plainResource(ctx, r, props),
  "AWS::S3::BucketPolicy": (ctx, r, props) => {
    const d = doc(ctx, r, props, "PolicyDocument");
    const b = names(get(props, "Bucket"))[0];
    if (!b) ctx.errors.push(inputError("policy", r.pos, `AWS::S3::BucketPolicy ${r.logicalId} has no Bucket`, "add Properties: { Bucket: NAME or { Ref: LogicalId } }: the policy governs that bucket"));
    if (!d || !b) return;
    resource(ctx.fragment, `arn:${ctx.scope.partition}:s3:::${b.name}`, b.pos).policy = d;
    define(ctx.fragment, "resources", `arn:${ctx.scope.partition}:s3:::${b.name}`, r.pos, "resource policy");
  },
  "AWS::SQS::QueuePolicy": (ctx, r, props) => {
    const d = doc(ctx, r, props, "PolicyDocument");
    if (!d) return;
    for (const q of names(get(props, "Queues"))) {
      const arn = queueArn(ctx.scope.partition, q.name);
      if (!arn) {
        ctx.errors.push(inputError("policy", q.pos, `AWS::SQS::QueuePolicy ${r.logicalId}: "${q.name}" is not a queue URL`, "Queues lists queue URLs (Ref of an AWS::SQS::Queue)"));
        continue;
      }
      resource(ctx.fragment, arn, q.pos).policy = d;
      define(ctx.fragment, "resources", arn, r.pos, "resource policy");
    }
  },
  "AWS::SNS::TopicPolicy": (ctx, r, props) => {
    const d = doc(ctx, r, props, "PolicyDocument");
    if (!d) return;
    for (const t of names(get(props, "Topics"))) {
      resource(ctx.fragment, t.name, t.pos).policy = d;
      define(ctx.fragment, "resources", t.name, r.pos, "resource policy");
    }
  },
  "AWS::KMS::Key": (ctx, r, props) => {
    const rv = returnValues(ctx.scope, r, propsOf(props));
    const arn = rv?.attrs.Arn as string;
    const given = get(props, "KeyPolicy");
    // AWS::KMS::Key: without KeyPolicy, the key gets the default key policy (the account may use IAM
    // policies to grant access: kms/latest/developerguide/key-policy-default.html).
    const d = given ? policyNode(given, `${r.logicalId}.KeyPolicy`, ctx.errors) : fromJS(defaultKeyPolicy(ctx.scope), r.pos);
    const out = resource(ctx.fragment, arn, r.pos);
    define(ctx.fragment, "resources", arn, r.pos);
    if (d) out.policy = d;
    const tags = tagRecord(get(props, "Tags"));
    if (tags) out.tags = tags;
  },
  "AWS::EC2::VPCEndpoint": (ctx, r, props) => {
    const d = get(props, "PolicyDocument");
    const policy = d ? policyNode(d, `${r.logicalId}.PolicyDocument`, ctx.errors) : undefined;
    ctx.fragment.vpcEndpoints.set(vpcEndpointId(ctx.scope, r), { pos: r.pos, ...(policy ? { policy } : {}) });
  },
  "AWS::Lambda::Permission": (ctx, r, props) => {
    const what = `AWS::Lambda::Permission ${r.logicalId}`;
    const need = (key: string): Located | undefined => {
      const v = located(props, key);
      if (!v) ctx.errors.push(inputError("policy", get(props, key)?.pos ?? r.pos, `${what} has no ${key} (a string)`, `add ${key}: a string (or an intrinsic that resolves to one)`));
      return v;
    };
    const fn = need("FunctionName");
    const action = need("Action");
    const principal = need("Principal");
    if (!fn || !action || !principal) return;
    const { partition, region, account } = ctx.scope;
    const arn = functionArn(fn, undefined, { partition, region, account }, what, ctx.errors);
    if (!arn) return;
    const opt = (key: string) => located(props, key);
    const st = permissionStatement(
      {
        sid: { text: r.logicalId, pos: r.pos },
        action,
        principal,
        ...pick("sourceArn", opt("SourceArn")),
        ...pick("sourceAccount", opt("SourceAccount")),
        ...pick("principalOrgId", opt("PrincipalOrgID")),
        ...pick("functionUrlAuthType", opt("FunctionUrlAuthType")),
        ...pick("eventSourceToken", opt("EventSourceToken")),
        ...pick("invokedViaFunctionUrl", opt("InvokedViaFunctionUrl")),
      },
      arn, fn.pos, partition, what, ctx.errors);
    if (st) addStatement(ctx.fragment, arn, fn.pos, st);
  },
  "AWS::SecretsManager::ResourcePolicy": (ctx, r, props) => {
    const d = doc(ctx, r, props, "ResourcePolicy");
    const id = located(props, "SecretId");
    if (!id) ctx.errors.push(inputError("policy", get(props, "SecretId")?.pos ?? r.pos, `AWS::SecretsManager::ResourcePolicy ${r.logicalId} has no SecretId (a string)`));
    if (!d || !id) return;
    const arn = secretArnOf(ctx, r, id);
    if (!arn) return;
    resource(ctx.fragment, arn, id.pos).policy = d;
    define(ctx.fragment, "resources", arn, r.pos, "resource policy");
  },
  "AWS::ECR::Repository": (ctx, r, props) => {
    plainResource(ctx, r, props);
    if (!get(props, "RepositoryPolicyText")) return;
    const arn = returnValues(ctx.scope, r, propsOf(props))?.attrs.Arn as string;
    const d = policyNode(get(props, "RepositoryPolicyText"), `${r.logicalId}.RepositoryPolicyText`, ctx.errors);
    if (!d) return;
    resource(ctx.fragment, arn, r.pos).policy = withImpliedResource(d, arn);
    define(ctx.fragment, "resources", arn, r.pos, "resource policy");
  },
  "AWS::Events::EventBusPolicy": (ctx, r, props) => {
    const what = `AWS::Events::EventBusPolicy ${r.logicalId}`;
    const name = located(props, "EventBusName");
    if (name?.text.startsWith("arn:") && !checkBusArn(name, ctx.scope.account, what, ctx.errors)) return;
    const arn = busArn(ctx.scope, name?.text);
    const sid = located(props, "StatementId");
    if (!sid) return void ctx.errors.push(inputError("policy", get(props, "StatementId")?.pos ?? r.pos, `${what} has no StatementId (a string)`));
    const at = name?.pos ?? r.pos;
    const given = get(props, "Statement");
    if (given) {
      // Statement: one policy statement, as a JSON object (or its text).
      const st = policyNode(given, `${r.logicalId}.Statement`, ctx.errors);
      if (st) addStatement(ctx.fragment, arn, at, withSidAndResource(st, sid, arn));
      return;
    }
    const action = located(props, "Action");
    const principal = located(props, "Principal");
    if (!action || !principal) return void ctx.errors.push(inputError("policy", r.pos, `${what} has neither Statement nor Action and Principal`));
    const p = accountOrAnyone(principal, ctx.scope.partition, what, ctx.errors);
    const c = get(props, "Condition");
    const [op, key, value] = [located(c, "Type"), located(c, "Key"), located(c, "Value")];
    if (c && (!op || !key || !value)) return void ctx.errors.push(inputError("policy", c.pos, `${what}: Condition needs Type, Key and Value`, "for example Type: StringEquals, Key: aws:PrincipalOrgID, Value: o-a1b2c3d4e5"));
    if (!p) return;
    addStatement(ctx.fragment, arn, at, grantStatement({ sid, principal: p, action, resource: arn, resourcePos: at, ...(op && key && value ? { condition: { op: op.text, key: key.text, value } } : {}) }));
  },
  "AWS::Logs::ResourcePolicy": (ctx, r, props) => {
    const d = doc(ctx, r, props, "PolicyDocument");
    if (!d) return;
    const scoped = located(props, "ResourceArn");
    if (scoped) {
      resource(ctx.fragment, scoped.text, scoped.pos).policy = d;
      define(ctx.fragment, "resources", scoped.text, r.pos, "resource policy");
      return;
    }
    const statements = items(get(d, "Statement"));
    if (statements.length === 0) ctx.errors.push(inputError("policy", d.pos, `AWS::Logs::ResourcePolicy ${r.logicalId}: the policy has no Statement`));
    for (const st of statements) addStatement(ctx.fragment, logsPolicyArn(ctx.scope), r.pos, st);
  },
  "AWS::Lambda::LayerVersionPermission": (ctx, r, props) => {
    const what = `AWS::Lambda::LayerVersionPermission ${r.logicalId}`;
    const [layer, action, principal] = [located(props, "LayerVersionArn"), located(props, "Action"), located(props, "Principal")];
    if (!layer || !action || !principal) return void ctx.errors.push(inputError("policy", r.pos, `${what} needs LayerVersionArn, Action and Principal`));
    const arn = layerVersionArn(layer, undefined, ctx.scope, what, ctx.errors);
    const p = accountOrAnyone(principal, ctx.scope.partition, what, ctx.errors);
    if (!arn || !p) return;
    const org = located(props, "OrganizationId");
    addStatement(ctx.fragment, arn, layer.pos, grantStatement({ sid: { text: r.logicalId, pos: r.pos }, principal: p, action, resource: arn, resourcePos: layer.pos, ...(org ? { condition: { op: "StringEquals", key: "aws:PrincipalOrgID", value: org } } : {}) }));
  },
  "AWS::ECR::RegistryPolicy": (ctx, r, props) => {
    const d = doc(ctx, r, props, "PolicyText");
    if (!d) return;
    const arn = registryPolicyArn(ctx.scope);
    resource(ctx.fragment, arn, r.pos).policy = d;
    define(ctx.fragment, "resources", arn, r.pos, "resource policy");
  },
  "AWS::S3::AccessPoint": (ctx, r, props) => {
    const bucket = located(props, "Bucket");
    if (!bucket) return void ctx.errors.push(inputError("policy", r.pos, `AWS::S3::AccessPoint ${r.logicalId} has no Bucket (a string)`, "add Properties: { Bucket: NAME }: the access point's bucket"));
    const arn = returnValues(ctx.scope, r, propsOf(props))?.attrs.Arn as string;
    const out = resource(ctx.fragment, arn, r.pos);
    define(ctx.fragment, "resources", arn, r.pos);
    out.bucket = lscalar(bucket.text, bucket.pos);
    const vpc = get(props, "VpcConfiguration");
    if (vpc) out.networkOrigin = lscalar("VPC", vpc.pos);
    if (!get(props, "Policy")) return;
    const d = policyNode(get(props, "Policy"), `${r.logicalId}.Policy`, ctx.errors);
    if (d) out.policy = d;
    if (d) define(ctx.fragment, "resources", arn, r.pos, "resource policy");
  },
  "AWS::Organizations::Policy": (ctx, r, props) => {
    const type = str(get(props, "Type"));
    const kind = type === "SERVICE_CONTROL_POLICY" ? "scp" : type === "RESOURCE_CONTROL_POLICY" ? "rcp" : undefined;
    if (!kind) return; // tag, backup and AI opt-out policies carry no IAM permissions
    const d = policyNode(get(props, "Content"), `${r.logicalId}.Content`, ctx.errors);
    if (!d) return;
    for (const t of names(get(props, "TargetIds"))) ctx.orgPolicies.push({ type: kind, targetId: t.name, policy: d, pos: t.pos });
  },
};

/** A string (or number: an account id written unquoted in YAML) property, with its position. */
function located(props: LNode | undefined, key: string): Located | undefined {
  const v = get(props, key);
  if (v?.kind !== "scalar" || v.value === null || v.value === "") return undefined;
  return { text: typeof v.value === "number" && v.raw !== undefined ? v.raw : String(v.value), pos: v.pos };
}

function pick<K extends string>(key: K, v: Located | undefined): { [k in K]?: Located } {
  return (v ? { [key]: v } : {}) as { [k in K]?: Located };
}

/**
 * SecretId: a secret ARN (Ref of AWS::SecretsManager::Secret) or a name. A name stands for the ARN
 * AWS gives it (NAME plus "-" and six random characters): iam-spec uses the same deterministic suffix
 * as for the Secret's own Ref, so a policy and a secret of one template agree.
 */
function secretArnOf(ctx: MapContext, r: TemplateResource, id: Located): string | undefined {
  const m = /^arn:([a-z-]+):secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/.exec(id.text);
  if (m) {
    if (m[3] !== ctx.scope.account) {
      ctx.errors.push(inputError("reference", id.pos, `AWS::SecretsManager::ResourcePolicy ${r.logicalId}: the secret ${id.text} belongs to account ${m[3]}, not to the import's account ${ctx.scope.account}`));
      return undefined;
    }
    return id.text;
  }
  if (id.text.startsWith("arn:")) {
    ctx.errors.push(inputError("reference", id.pos, `AWS::SecretsManager::ResourcePolicy ${r.logicalId}: "${id.text}" is not a Secrets Manager secret ARN`));
    return undefined;
  }
  return secretArn(ctx.scope, id.text);
}

function defaultKeyPolicy(scope: StackScope) {
  return {
    Version: "2012-10-17",
    Id: "key-default-1",
    Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:${scope.partition}:iam::${scope.account}:root` }, Action: "kms:*", Resource: "*" }],
  };
}

/** https://sqs.REGION.amazonaws.com/ACCOUNT/NAME -> arn:aws:sqs:REGION:ACCOUNT:NAME */
export function queueArn(partition: string, url: string): string | undefined {
  const m = /^https:\/\/sqs\.([a-z0-9-]+)\.[^/]+\/(\d{12})\/([^/]+)$/.exec(url) ?? /^https:\/\/([a-z0-9-]+)\.queue\.[^/]+\/(\d{12})\/([^/]+)$/.exec(url);
  return m ? `arn:${partition}:sqs:${m[1]}:${m[2]}:${m[3]}` : undefined;
}

function plainResource(ctx: MapContext, r: TemplateResource, props: LNode): void {
  const rv = returnValues(ctx.scope, r, propsOf(props));
  const arn = rv?.attrs.Arn ?? rv?.attrs.TopicArn;
  if (!arn) return;
  const out = resource(ctx.fragment, arn, r.pos);
  define(ctx.fragment, "resources", arn, r.pos);
  const tags = tagRecord(get(props, "Tags"));
  if (tags && Object.keys(tags).length > 0) out.tags = tags;
}

function attach(ctx: MapContext, r: TemplateResource, props: LNode, policy: LNode): void {
  for (const n of names(get(props, "Roles"))) role(ctx.fragment, n.name, n.pos).policies.push(policy);
  for (const n of names(get(props, "Users"))) user(ctx.fragment, n.name, n.pos).policies.push(policy);
  for (const n of names(get(props, "Groups"))) group(ctx.fragment, n.name, n.pos).policies.push(policy);
}

function onePrincipal(ctx: MapContext, r: TemplateResource, props: LNode, key: string, make: (f: Fragment, name: string, pos: SourcePos) => { policies: LNode[] }): void {
  const d = doc(ctx, r, props, "PolicyDocument");
  const n = names(get(props, key))[0];
  if (!n) ctx.errors.push(inputError("policy", r.pos, `${r.type} ${r.logicalId} has no ${key}`, `add Properties: { ${key}: ... }`));
  if (d && n) make(ctx.fragment, n.name, n.pos).policies.push(d);
}

/** Types that carry an IAM policy iam-spec does not read (or none to read, but grant access). */
const KNOWN_UNSUPPORTED = new Set([
  "AWS::SSO::PermissionSet",
  "AWS::SQS::QueueInlinePolicy",
  "AWS::SNS::TopicInlinePolicy",
  "AWS::S3::MultiRegionAccessPointPolicy",
  "AWS::S3Outposts::AccessPointPolicy",
  "AWS::S3Express::BucketPolicy",
  "AWS::ECR::RepositoryPolicy",
]);

/** SAM resources that generate roles, policies or permissions the SAM expansion (sam/) does not write yet. */
const SAM_UNSUPPORTED = new Set(["AWS::Serverless::CapacityProvider"]);

export function samTypeUnsupported(type: string): boolean {
  return SAM_UNSUPPORTED.has(type);
}

/** Property names that hold IAM policies on the types that have them. */
const POLICY_PROPS = /^(PolicyDocument|PolicyText|Policies|ManagedPolicyArns|PermissionsBoundary|KeyPolicy|AccessPolicy|AccessPolicies|ResourcePolicy|RepositoryPolicyText|FileSystemPolicy|InlinePolicy|AssumeRolePolicyDocument)$/;

/**
 * Types mapped after every other resource of the template: what runs as a role, which the template
 * may define after it (../runs-as.ts).
 */
const LATE: Record<string, Mapper> = {
  // lambda/latest/dg/lambda-intro-execution-role.html; the Role property is the role's ARN.
  "AWS::Lambda::Function": (ctx, r, raw) => {
    const props = picked(ctx, raw, ["FunctionName", "Role"]);
    const arn = returnValues(ctx.scope, r, propsOf(props))?.attrs.Arn;
    if (arn) runsAs(ctx.fragment, arn, r.pos, roleRef(props, "Role"), `${r.type} ${r.logicalId}`, ctx.warnings);
  },
  // codebuild/latest/userguide/setting-up-service-role.html; aws-resource-codebuild-project.html:
  // ServiceRole is the role's name or ARN.
  "AWS::CodeBuild::Project": (ctx, r, raw) => {
    const props = picked(ctx, raw, ["Name", "ServiceRole"]);
    const arn = returnValues(ctx.scope, r, propsOf(props))?.attrs.Arn;
    if (arn) runsAs(ctx.fragment, arn, r.pos, roleRef(props, "ServiceRole"), `${r.type} ${r.logicalId}`, ctx.warnings);
  },
  // sagemaker/latest/dg/sagemaker-roles.html; aws-resource-sagemaker-notebookinstance.html: RoleArn.
  "AWS::SageMaker::NotebookInstance": (ctx, r, raw) => {
    const props = picked(ctx, raw, ["NotebookInstanceName", "RoleArn"]);
    const arn = returnValues(ctx.scope, r, propsOf(props))?.ref;
    if (arn) runsAs(ctx.fragment, arn, r.pos, roleRef(props, "RoleArn"), `${r.type} ${r.logicalId}`, ctx.warnings);
  },
  // glue/latest/dg/dev-endpoints.html; aws-resource-glue-devendpoint.html: RoleArn.
  "AWS::Glue::DevEndpoint": (ctx, r, raw) => {
    const props = picked(ctx, raw, ["EndpointName", "RoleArn"]);
    const name = returnValues(ctx.scope, r, propsOf(props))?.ref;
    if (name) runsAs(ctx.fragment, `arn:${ctx.scope.partition}:glue:${ctx.scope.region}:${ctx.scope.account}:devEndpoint/${name}`, r.pos, roleRef(props, "RoleArn"), `${r.type} ${r.logicalId}`, ctx.warnings);
  },
  // AWSCloudFormation/latest/UserGuide/aws-resource-ec2-instance.html: IamInstanceProfile is the
  // profile's name; aws-resource-iam-instanceprofile.html: Roles holds its one role.
  "AWS::EC2::Instance": (ctx, r, raw) => {
    const props = picked(ctx, raw, ["IamInstanceProfile"]);
    const profile = get(props, "IamInstanceProfile");
    const name = str(profile);
    if (!profile || name === undefined) return;
    const id = returnValues(ctx.scope, r, propsOf(props))?.ref;
    const arn = `arn:${ctx.scope.partition}:ec2:${ctx.scope.region}:${ctx.scope.account}:instance/${id}`;
    const role = instanceProfileRole(ctx, name.replace(/^arn:[^:]+:iam::\d{12}:instance-profile\/(?:.*\/)?/, ""));
    runsAs(ctx.fragment, arn, r.pos, { text: role ?? `of instance profile ${name}`, pos: profile.pos }, `${r.type} ${r.logicalId}`, ctx.warnings);
  },
};

/** The role (a name or an ARN) a resource's property `key` names, with where it is written. */
function roleRef(props: LNode, key: string): { text?: string; pos: SourcePos } | undefined {
  const role = get(props, key);
  if (!role) return undefined;
  const text = str(role);
  return { ...(text !== undefined ? { text } : {}), pos: role.pos };
}

/**
 * The properties `keys` of a resource that carries no policy, each resolved on its own and quietly:
 * a property iam-spec does not need (a function's code, its environment) never fails the import, and
 * one it cannot resolve is left out.
 */
function picked(ctx: MapContext, raw: LNode, keys: readonly string[]): LNode {
  const quiet = { ...ctx.scope, errors: [] as InputError[] };
  const entries = new Map<string, LEntry>();
  for (const k of keys) {
    const e = raw.kind === "map" ? raw.entries.get(k) : undefined;
    const v = e ? resolve(quiet, e.value) : undefined;
    if (e && v !== undefined && v !== FAILED && v !== NO_VALUE) entries.set(k, { ...e, value: v });
  }
  return { kind: "map", entries, pos: raw.pos };
}

/** The role (name) of the template's AWS::IAM::InstanceProfile named `name`, if the template defines it. */
function instanceProfileRole(ctx: MapContext, name: string): string | undefined {
  for (const p of ctx.scope.resources.values()) {
    if (p.type !== "AWS::IAM::InstanceProfile") continue;
    const props = picked(ctx, p.properties ?? { kind: "map", entries: new Map(), pos: p.pos }, ["InstanceProfileName", "Path", "Roles"]);
    if (returnValues(ctx.scope, p, propsOf(props))?.ref !== name) continue;
    return names(get(props, "Roles"))[0]?.name;
  }
  return undefined;
}

export function mapperFor(type: string): Mapper | undefined {
  return MAPPERS[type];
}

export function lateMapperFor(type: string): Mapper | undefined {
  return LATE[type];
}

/** Why a type without a mapper cannot be skipped, or undefined when it carries no IAM policy. */
export function looksPolicyBearing(type: string, props: LNode | undefined): string | undefined {
  if (KNOWN_UNSUPPORTED.has(type)) return `${type} grants access through a resource policy that iam-spec does not read yet`;
  if (SAM_UNSUPPORTED.has(type)) return `${type}: iam-spec does not write the IAM roles, policies or permissions SAM generates for it yet (or import the processed template: aws cloudformation get-template --template-stage Processed)`;
  // A user pool's Policies are its password and sign-in policies (aws-resource-cognito-userpool.html).
  if (type === "AWS::Cognito::UserPool") return undefined;
  const prop = props?.kind === "map" ? [...props.entries.keys()].find((k) => POLICY_PROPS.test(k)) : undefined;
  return prop ? `${type} carries an IAM policy (${prop}) that iam-spec does not read yet` : undefined;
}
