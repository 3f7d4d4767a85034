/**
 * One CloudFormation template (or CDK synth output) -> an environment fragment for its account.
 * Resources are read in template order; each one's properties are resolved (intrinsics.ts) and mapped
 * (resources.ts). Exports (Outputs with Export.Name) are resolved on demand for Fn::ImportValue in the
 * other templates of the same environment.
 */
import { basename } from "node:path";
import { inputError, inputWarning, pathFrom, type InputError } from "../../load/errors.js";
import type { LEntry, LNode } from "../../load/located.js";
import type { SourcePos } from "../../model/types.js";
import { newFragment, fragmentToNode } from "../fragment.js";
import { entriesOf, get, str } from "../lnode.js";
import type { ImportResult, OrgPolicyAttachment } from "../types.js";
import { condition, parameterValue, resolve } from "./intrinsics.js";
import { lateMapperFor, looksPolicyBearing, mapperFor, samTypeUnsupported } from "./resources.js";
import { FAILED, NO_VALUE, type StackScope, type TemplateResource } from "./scope.js";

export interface StackOptions {
  readonly file: string;
  readonly root: LNode;
  readonly account: string;
  readonly region: string;
  readonly stackName?: string;
  /** `parameters:` of the import entry (positions in the environment file). */
  readonly parameters?: LNode;
  readonly importValue: (name: string, pos: SourcePos) => LNode | string;
}

const PARTITIONS: [RegExp, string, string][] = [
  [/^cn-/, "aws-cn", "amazonaws.com.cn"],
  [/^us-gov-/, "aws-us-gov", "amazonaws.com"],
];

/** cdk.out/App.template.json -> App; stack.yaml -> stack. */
export function defaultStackName(file: string): string {
  return basename(file).replace(/\.template\.json$/i, "").replace(/\.(json|ya?ml|template)$/i, "");
}

function partitionAndSuffix(region: string): [string, string] {
  const [, partition, urlSuffix] = PARTITIONS.find(([re]) => re.test(region)) ?? [undefined, "aws", "amazonaws.com"];
  return [partition, urlSuffix];
}

/** The partition of a region (cn-* -> aws-cn, us-gov-* -> aws-us-gov, else aws). */
export function partitionOf(region: string): string {
  return partitionAndSuffix(region)[0];
}

export function openStack(o: StackOptions, errors: InputError[]): StackScope {
  const [partition, urlSuffix] = partitionAndSuffix(o.region);
  const parameters = new Map<string, { value?: LNode; type: string; pos: SourcePos }>();
  const declared = get(o.root, "Parameters");
  for (const e of entriesOf(declared)) {
    const def = get(e.value, "Default");
    parameters.set(e.key, { type: str(get(e.value, "Type")) ?? "String", pos: e.keyPos, ...(def ? { value: def } : {}) });
  }
  for (const e of entriesOf(o.parameters)) {
    const p = parameters.get(e.key);
    if (!p) {
      errors.push(inputError("reference", e.keyPos, `parameter ${e.key} is not declared in ${pathFrom(e.keyPos, o.file)}`, `declared parameters: ${[...parameters.keys()].join(", ") || "none"}`));
      continue;
    }
    parameters.set(e.key, { ...p, value: parameterValue(e.value) });
  }
  const resources = new Map<string, TemplateResource>();
  for (const e of entriesOf(get(o.root, "Resources"))) {
    const cond = str(get(e.value, "Condition"));
    resources.set(e.key, {
      logicalId: e.key,
      type: str(get(e.value, "Type")) ?? "",
      properties: get(e.value, "Properties"),
      ...(cond ? { condition: cond } : {}),
      pos: e.keyPos,
    });
  }
  return {
    file: o.file,
    account: o.account,
    region: o.region,
    partition,
    urlSuffix,
    stackName: o.stackName ?? defaultStackName(o.file),
    parameters,
    conditions: new Map(entriesOf(get(o.root, "Conditions")).map((e) => [e.key, e.value])),
    mappings: get(o.root, "Mappings"),
    resources,
    importValue: o.importValue,
    errors,
    conditionCache: new Map(),
  };
}

/** The template's resources mapped into a fragment. */
export function importStack(scope: StackScope, root: LNode): ImportResult {
  const errors = scope.errors;
  const warnings: InputError[] = [];
  const orgPolicies: OrgPolicyAttachment[] = [];
  const fragment = newFragment(scope.account, root.pos, scope.partition);
  const transform = get(root, "Transform");
  for (const t of transform?.kind === "seq" ? transform.items : transform ? [transform] : []) {
    const name = str(t);
    if (name && name !== "AWS::LanguageExtensions") {
      errors.push(inputError("unsupported", t.pos, `the ${name} transform is applied by CloudFormation at deploy time; iam-spec reads processed templates`,
        name.startsWith("AWS::Serverless") ? "run `sam build` / `sam package` or use the processed template (aws cloudformation get-template --template-stage Processed)" : undefined));
    }
  }
  const resourcesNode = get(root, "Resources");
  if (!resourcesNode) {
    errors.push(inputError("schema", root.pos, `${pathFrom(root.pos, scope.file)} has no Resources: is it a CloudFormation template?`, "name a template (JSON or YAML with a Resources mapping) or cdk.out/*.template.json"));
  } else if (resourcesNode.kind !== "map") {
    // AWSCloudFormation/latest/UserGuide/resources-section-structure.html: Resources maps logical IDs to resources.
    errors.push(inputError("schema", resourcesNode.pos, "Resources must be a mapping of logical IDs to resources", "write Resources: { LogicalId: { Type: AWS::IAM::Role, Properties: ... } }"));
  } else {
    // resources-section-structure.html: each resource is an object with a Type ("The resource type
    // identifies the type of resource that you are declaring", required). One without would be skipped,
    // with any policy it holds.
    for (const e of resourcesNode.entries.values()) {
      if (e.value.kind !== "map" || str(get(e.value, "Type")) === undefined) {
        errors.push(inputError("schema", e.value.pos, `Resources.${e.key}: a resource is a mapping with a Type`, `write ${e.key}: { Type: AWS::IAM::Role, Properties: ... }`));
      }
    }
  }
  // Resources that run as a role last: the template may define the role after them.
  const ordered = [...scope.resources.values()].sort((a, b) => Number(lateMapperFor(a.type) !== undefined) - Number(lateMapperFor(b.type) !== undefined));
  for (const r of ordered) {
    if (r.condition !== undefined && condition(scope, r.condition, r.pos) !== true) continue;
    const late = lateMapperFor(r.type);
    // Resolves only the properties it reads (resources.ts picked).
    if (late) {
      late({ scope, fragment, orgPolicies, errors, warnings }, r, r.properties ?? { kind: "map", entries: new Map(), pos: r.pos });
      continue;
    }
    const mapper = mapperFor(r.type);
    // A SAM type left after the transform ran (sam/transform.ts expands every type it knows) is one
    // of a template without the transform: CloudFormation refuses the template ("Unrecognized resource
    // types"), and the roles and policies SAM would generate for it are nowhere.
    if (r.type.startsWith("AWS::Serverless::") && !samTypeUnsupported(r.type)) {
      errors.push(inputError("schema", r.pos, `${r.logicalId}: ${r.type} is an AWS SAM type, and the template does not declare the SAM transform`, "add Transform: AWS::Serverless-2016-10-31 to the template (CloudFormation refuses SAM types without it)"));
      continue;
    }
    if (!mapper) {
      const why = looksPolicyBearing(r.type, r.properties);
      if (why) errors.push(inputError("unsupported", r.pos, `${r.logicalId}: ${why}`, "remove it from the imported template and describe its policy by hand under accounts:, or open an issue"));
      continue;
    }
    if (r.properties && r.properties.kind !== "map") {
      const props = resolve(scope, r.properties);
      if (props === FAILED) continue;
      mapper({ scope, fragment, orgPolicies, errors, warnings }, r, props === NO_VALUE ? { kind: "map", entries: new Map(), pos: r.pos } : props);
      continue;
    }
    // Each property on its own: one the mapper never reads (a VPC endpoint's VpcId and SubnetIds, a
    // bucket's NotificationConfiguration) may hold a Ref iam-spec cannot resolve without failing the
    // import; one it reads and that failed is reported.
    const { props, failedRead } = resolvedProperties(scope, r);
    const own: InputError[] = [];
    mapper({ scope, fragment, orgPolicies, errors: own, warnings }, r, props);
    const failed = failedRead();
    // A property that could not be resolved is reported as such, not as missing as well.
    errors.push(...failed.flatMap((f) => f.errors), ...own.filter((e) => !failed.some((f) => new RegExp(`\\bhas no ${f.key}\\b`).test(e.message))));
  }
  if (fragment.roles.size + fragment.users.size + fragment.groups.size + fragment.policies.size + fragment.resources.size === 0 && errors.length === 0) {
    warnings.push(inputWarning("reference", root.pos, `${pathFrom(root.pos, scope.file)} defines no IAM principals, policies or policy-bearing resources`));
  }
  return { fragment: fragmentToNode(fragment), orgPolicies, errors, warnings, unknowns: [], file: scope.file, definitions: fragment.definitions, assembled: [...fragment.statements.keys()], roleRefs: fragment.roleRefs };
}

/**
 * The properties of `r`, each resolved on its own; those that failed are left out, and `failedRead()`
 * gives the errors of those among them the mapper asked for (by key, or by walking all entries).
 */
function resolvedProperties(scope: StackScope, r: TemplateResource): { props: LNode; failedRead: () => { key: string; errors: InputError[] }[] } {
  const entries = new ReadTrackingMap();
  const failed = new Map<string, InputError[]>();
  for (const e of r.properties?.kind === "map" ? r.properties.entries.values() : []) {
    const own = { ...scope, errors: [] as InputError[] };
    const v = resolve(own, e.value);
    if (v === FAILED) failed.set(e.key, own.errors);
    else {
      scope.errors.push(...own.errors);
      if (v !== NO_VALUE) entries.set(e.key, { ...e, value: v });
    }
  }
  entries.read.clear();
  return {
    props: { kind: "map", entries, pos: r.properties?.pos ?? r.pos },
    failedRead: () => [...failed].flatMap(([key, errors]) => (entries.walked || entries.read.has(key) ? [{ key, errors }] : [])),
  };
}

/** A Map that remembers which keys were asked for, and whether its entries were walked. */
class ReadTrackingMap extends Map<string, LEntry> {
  readonly read = new Set<string>();
  walked = false;
  override get(key: string): LEntry | undefined {
    this.read.add(key);
    return super.get(key);
  }
  override has(key: string): boolean {
    this.read.add(key);
    return super.has(key);
  }
  override values(): MapIterator<LEntry> {
    this.walked = true;
    return super.values();
  }
  override entries(): MapIterator<[string, LEntry]> {
    this.walked = true;
    return super.entries();
  }
  override keys(): MapIterator<string> {
    this.walked = true;
    return super.keys();
  }
  override forEach(cb: (value: LEntry, key: string, map: Map<string, LEntry>) => void, thisArg?: unknown): void {
    this.walked = true;
    super.forEach(cb, thisArg);
  }
  override [Symbol.iterator](): MapIterator<[string, LEntry]> {
    this.walked = true;
    return super[Symbol.iterator]();
  }
}

/** Export name -> the Output's `Value` node (unresolved) with its Output's condition. */
export function exportsOf(root: LNode, scope: StackScope): Map<string, LNode | typeof FAILED> {
  const out = new Map<string, LNode | typeof FAILED>();
  for (const e of entriesOf(get(root, "Outputs"))) {
    const exp = get(get(e.value, "Export"), "Name");
    const value = get(e.value, "Value");
    if (!exp || !value) continue;
    const cond = str(get(e.value, "Condition"));
    if (cond !== undefined && condition(scope, cond, e.keyPos) !== true) continue;
    const name = resolve(scope, exp);
    if (name === FAILED || name === NO_VALUE || name.kind !== "scalar") continue;
    out.set(String(name.value), value);
  }
  return out;
}
