/**
 * The `Policies` property of AWS::Serverless::Function and AWS::Serverless::StateMachine, as the SAM
 * transform reads it (serverless-application-model/latest/developerguide/sam-resource-function.html,
 * "Policies"): a managed policy name or ARN, a policy document, a policy template, or a list mixing
 * them, each optionally inside Fn::If. Names become AWS managed policy ARNs, documents and templates the
 * inline policies `<Role>Policy<index>` of the generated role, templates filled in from the bundled
 * definitions (serverless-policy-templates.html; data/sam-policy-templates.json).
 */
import { inputError, type InputError } from "../../../load/errors.js";
import type { LNode } from "../../../load/located.js";
import { closestManagedPolicies, managedPolicyArns, MANAGED_POLICY_ARN_PREFIX } from "../../../data/managed-policies.js";
import { closestSamPolicyTemplates, samPolicyTemplate } from "../../../data/sam-policy-templates.js";
import { get, items, str } from "../../lnode.js";
import { intrinsicName } from "../intrinsics.js";
import { awsManaged, keep, tree, type Tree } from "./tree.js";

export interface RolePolicies {
  /** ManagedPolicyArns entries (ARNs, intrinsics, or Fn::If of them). */
  readonly managed: LNode[];
  /** "PATH/NAME" of the AWS managed policies among them (SAM attaches each once). */
  readonly awsManaged: Set<string>;
  /** Policies entries: `{ PolicyName, PolicyDocument }`, or Fn::If of them. */
  readonly inline: LNode[];
}

type Kind = "managed" | "inline" | "none";

/** AWS managed policy name -> "PATH/NAME" (the bundled managed policies; SAM's own map is of the same policies). */
let byName: Map<string, string | null> | undefined;
function managedPath(name: string): string | null | undefined {
  if (!byName) {
    byName = new Map();
    for (const arn of managedPolicyArns()) {
      const path = arn.slice(MANAGED_POLICY_ARN_PREFIX.length);
      const n = path.slice(path.lastIndexOf("/") + 1);
      byName.set(n, byName.has(n) ? null : path); // null: two paths hold that name
    }
  }
  return byName.get(name);
}

/**
 * `already`: the AWS managed policies ("PATH/NAME") the role has before Policies is read; SAM attaches
 * a policy once however often it is named (role_constructor.py: "De-Duplicate managed policy arns").
 */
export function samPolicies(policies: LNode | undefined, roleId: string, partition: string, already: readonly string[], errors: InputError[]): RolePolicies {
  const out: RolePolicies = { managed: [], inline: [], awsManaged: new Set(already) };
  items(policies).forEach((entry, index) => {
    const converted = convert(entry, `${roleId}Policy${index}`, errors);
    if (!converted) return;
    if (converted.kind !== "managed") return void out.inline.push(converted.node);
    const path = awsManagedPath(converted.node, partition);
    if (path !== undefined && out.awsManaged.has(path)) return;
    if (path !== undefined) out.awsManaged.add(path);
    out.managed.push(converted.node);
  });
  return out;
}

/** "PATH/NAME" of an AWS managed policy ARN of the partition, written or looked up by name. */
function awsManagedPath(node: LNode, partition: string): string | undefined {
  const text = str(node) ?? str(get(node, "Fn::Sub"))?.replace("${AWS::Partition}", partition);
  const prefix = `arn:${partition}:iam::aws:policy/`;
  return text?.startsWith(prefix) ? text.slice(prefix.length) : undefined;
}

function isNoValue(node: LNode): boolean {
  return str(get(node, "Ref")) === "AWS::NoValue" && intrinsicName(node) === "Ref";
}

/** One entry of Policies; undefined after an error. */
function convert(entry: LNode, policyName: string, errors: InputError[]): { kind: Kind; node: LNode } | undefined {
  if (entry.kind === "scalar") {
    if (typeof entry.value !== "string") {
      errors.push(inputError("policy", entry.pos, `Policies: ${JSON.stringify(entry.value)} is not a managed policy name or ARN`));
      return undefined;
    }
    return managed(entry, errors);
  }
  const fn = intrinsicName(entry);
  if (fn === "Fn::If") {
    // SAM converts both branches alike; AWS::NoValue drops the entry (sam-resource-function.html).
    const args = get(entry, "Fn::If");
    if (args?.kind !== "seq" || args.items.length !== 3) {
      errors.push(inputError("policy", entry.pos, "Fn::If takes [Condition, ValueIfTrue, ValueIfFalse]"));
      return undefined;
    }
    const [cond, yes, no] = args.items as [LNode, LNode, LNode];
    const branches = [yes, no].map((b) => (isNoValue(b) ? { kind: "none" as Kind, node: b } : convert(b, policyName, errors)));
    if (branches.some((b) => b === undefined)) return undefined;
    const kinds = new Set(branches.map((b) => b!.kind).filter((k) => k !== "none"));
    if (kinds.size > 1) {
      errors.push(inputError("policy", entry.pos, "Policies: one Fn::If mixes a managed policy with a policy document or template", "SAM refuses it: write them in two Fn::If entries"));
      return undefined;
    }
    return { kind: [...kinds][0] ?? "none", node: tree({ "Fn::If": [keep(cond), keep(branches[0]!.node), keep(branches[1]!.node)] }, entry.pos) };
  }
  // Any other intrinsic is taken as a managed policy ARN, as SAM does (resource_policies.py).
  if (fn !== undefined) return { kind: "managed", node: entry };
  if (entry.kind === "map" && entry.entries.has("Statement")) {
    return { kind: "inline", node: tree({ PolicyName: policyName, PolicyDocument: keep(entry) }, entry.pos) };
  }
  if (entry.kind === "map" && entry.entries.size === 1) {
    const [e] = entry.entries.values();
    return fromTemplate(e!.key, e!.keyPos, e!.value, policyName, errors);
  }
  errors.push(inputError("policy", entry.pos, "Policies: an entry is a managed policy name or ARN, a policy document (with a Statement) or a policy template ({ S3ReadPolicy: { BucketName: ... } })"));
  return undefined;
}

function managed(entry: LNode & { kind: "scalar" }, errors: InputError[]): { kind: Kind; node: LNode } | undefined {
  const name = String(entry.value);
  if (name.startsWith("arn:")) return { kind: "managed", node: entry };
  // A name: SAM looks it up among AWS managed policies (role_constructor.py, _get_managed_policy_arn);
  // one it cannot find stays a name, which CloudFormation then refuses as an ARN.
  const path = managedPath(name);
  if (path) return { kind: "managed", node: tree(awsManaged(path), entry.pos) };
  const close = closestManagedPolicies(`${MANAGED_POLICY_ARN_PREFIX}${name}`).map((a) => a.slice(a.lastIndexOf("/") + 1));
  errors.push(inputError("policy", entry.pos,
    path === null ? `Policies: ${name} names more than one AWS managed policy` : `Policies: ${name} is not an AWS managed policy name, a policy ARN or a SAM policy template`,
    path === null ? "write its ARN" : close.length > 0 ? `did you mean ${close.join(", ")}? A customer managed policy is named by its ARN` : "a customer managed policy is named by its ARN"));
  return undefined;
}

function fromTemplate(name: string, pos: LNode["pos"], params: LNode, policyName: string, errors: InputError[]): { kind: Kind; node: LNode } | undefined {
  const template = samPolicyTemplate(name);
  if (!template) {
    const close = closestSamPolicyTemplates(name);
    errors.push(inputError("policy", pos, `Policies: ${name} is not a SAM policy template`,
      close.length > 0 ? `did you mean ${close.join(", ")}? (serverless-policy-templates.html lists them)` : "see the SAM policy template list (serverless-application-model/latest/developerguide/serverless-policy-table.html)"));
    return undefined;
  }
  // policy_template_processor/template.py: the values are a mapping holding every parameter; others are ignored.
  if (params.kind !== "map") {
    errors.push(inputError("policy", params.pos, `Policies: the policy template ${name} takes a mapping of its parameters`,
      template.parameters.length > 0 ? `write ${name}: { ${template.parameters.map((p) => `${p}: ...`).join(", ")} }` : `write ${name}: {}`));
    return undefined;
  }
  const missing = template.parameters.filter((p) => !params.entries.has(p));
  if (missing.length > 0) {
    errors.push(inputError("policy", pos, `Policies: the policy template ${name} needs ${missing.join(", ")}`, `write ${name}: { ${template.parameters.map((p) => `${p}: ...`).join(", ")} }`));
    return undefined;
  }
  const values = new Map(template.parameters.map((p) => [p, params.entries.get(p)!.value]));
  return { kind: "inline", node: tree({ PolicyName: policyName, PolicyDocument: fill(template.definition, values) }, pos) };
}

/** The definition with each `{ Ref: PARAMETER }` replaced by the value given (only Refs to the template's parameters). */
function fill(node: unknown, values: ReadonlyMap<string, LNode>): Tree {
  if (Array.isArray(node)) return node.map((n) => fill(n, values));
  if (node !== null && typeof node === "object") {
    const o = node as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === "Ref" && typeof o.Ref === "string" && values.has(o.Ref)) return keep(values.get(o.Ref)!);
    return Object.fromEntries(keys.map((k) => [k, fill(o[k], values)]));
  }
  return node as Tree;
}
