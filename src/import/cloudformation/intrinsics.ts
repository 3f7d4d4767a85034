/**
 * CloudFormation intrinsic functions, resolved offline (AWSCloudFormation/latest/UserGuide/
 * intrinsic-function-reference.html): Ref, Fn::GetAtt, Fn::Join, Fn::Sub (both forms), Fn::If,
 * Fn::Select, Fn::Split, Fn::FindInMap, Fn::ImportValue, Fn::Base64, Fn::ToJsonString, and
 * the condition functions. A value that cannot be known offline is an error at the place where the
 * intrinsic is written, never a guess.
 */
import { inputError } from "../../load/errors.js";
import type { LNode } from "../../load/located.js";
import type { SourcePos } from "../../model/types.js";
import { fromJS, get, lmap, lscalar, lseq, str } from "../lnode.js";
import { returnValues, type Props } from "./names.js";
import { FAILED, NO_VALUE, type Resolved, type StackScope, type TemplateResource } from "./scope.js";

const PSEUDO = new Set(["AWS::AccountId", "AWS::Region", "AWS::Partition", "AWS::StackName", "AWS::StackId", "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs"]);

function fail(scope: StackScope, pos: SourcePos, message: string, hint?: string): typeof FAILED {
  scope.errors.push(inputError("unsupported", pos, message, hint));
  return FAILED;
}

/** The single key of an intrinsic-function mapping ({"Ref": ...}, {"Fn::Join": ...}), if `node` is one. */
export function intrinsicName(node: LNode): string | undefined {
  if (node.kind !== "map" || node.entries.size !== 1) return undefined;
  const key = [...node.entries.keys()][0] as string;
  return key === "Ref" || key === "Condition" || key.startsWith("Fn::") ? key : undefined;
}

/** Resolves every intrinsic inside `node`. */
export function resolve(scope: StackScope, node: LNode, guard: ReadonlySet<string> = new Set()): Resolved {
  const fn = intrinsicName(node);
  if (fn && fn !== "Condition") return call(scope, fn, get(node, fn) as LNode, node.pos, guard);
  if (node.kind === "map") {
    const entries: [string, LNode, SourcePos][] = [];
    let failed = false;
    for (const e of node.entries.values()) {
      const v = resolve(scope, e.value, guard);
      if (v === FAILED) failed = true;
      else if (v !== NO_VALUE) entries.push([e.key, v, e.keyPos]);
    }
    return failed ? FAILED : lmap(entries, node.pos);
  }
  if (node.kind === "seq") {
    const out: LNode[] = [];
    let failed = false;
    for (const item of node.items) {
      const v = resolve(scope, item, guard);
      if (v === FAILED) failed = true;
      else if (v !== NO_VALUE) out.push(v);
    }
    return failed ? FAILED : lseq(out, node.pos);
  }
  return node;
}

/** A resolved value that must be a string (numbers are turned into strings, as CloudFormation does). */
function asString(scope: StackScope, v: Resolved, pos: SourcePos, what: string): string | typeof FAILED {
  if (v === FAILED) return FAILED;
  if (v !== NO_VALUE && v.kind === "scalar" && (typeof v.value === "string" || typeof v.value === "number" || typeof v.value === "boolean")) return String(v.value);
  return fail(scope, pos, `${what} must be a string here`);
}

function asList(scope: StackScope, v: Resolved, pos: SourcePos, what: string): LNode[] | typeof FAILED {
  if (v === FAILED) return FAILED;
  if (v !== NO_VALUE && v.kind === "seq") return [...v.items];
  return fail(scope, pos, `${what} must be a list here`);
}

function args(scope: StackScope, fn: string, arg: LNode, count: number): LNode[] | typeof FAILED {
  if (arg.kind !== "seq" || arg.items.length !== count) return fail(scope, arg.pos, `${fn} takes a list of ${count} arguments`);
  return [...arg.items];
}

function call(scope: StackScope, fn: string, arg: LNode, pos: SourcePos, guard: ReadonlySet<string>): Resolved {
  switch (fn) {
    case "Ref": {
      const name = str(arg);
      if (name === undefined) return fail(scope, arg.pos, "Ref takes the name of a parameter, a resource or a pseudo parameter");
      return ref(scope, name, pos, guard);
    }
    case "Fn::GetAtt": {
      let parts: string[] | undefined;
      if (arg.kind === "scalar" && typeof arg.value === "string") {
        const i = arg.value.indexOf(".");
        parts = i > 0 ? [arg.value.slice(0, i), arg.value.slice(i + 1)] : undefined;
      } else if (arg.kind === "seq" && arg.items.length === 2) {
        const id = str(arg.items[0]);
        const attr = resolve(scope, arg.items[1] as LNode, guard);
        const a = asString(scope, attr, arg.pos, "the attribute name of Fn::GetAtt");
        if (a === FAILED) return FAILED;
        parts = id !== undefined ? [id, a] : undefined;
      }
      if (!parts) return fail(scope, arg.pos, "Fn::GetAtt takes [LogicalId, Attribute] or \"LogicalId.Attribute\"");
      return getAtt(scope, parts[0] as string, parts[1] as string, pos, guard);
    }
    case "Fn::Join": {
      const a = args(scope, fn, arg, 2);
      if (a === FAILED) return FAILED;
      const delim = asString(scope, resolve(scope, a[0] as LNode, guard), a[0]!.pos, "the delimiter of Fn::Join");
      const list = asList(scope, resolve(scope, a[1] as LNode, guard), a[1]!.pos, "the values of Fn::Join");
      if (delim === FAILED || list === FAILED) return FAILED;
      const parts: string[] = [];
      for (const item of list) {
        const s = asString(scope, item, item.pos, "each value of Fn::Join");
        if (s === FAILED) return FAILED;
        parts.push(s);
      }
      return lscalar(parts.join(delim), pos);
    }
    case "Fn::Sub":
      return sub(scope, arg, pos, guard);
    case "Fn::If": {
      const a = args(scope, fn, arg, 3);
      if (a === FAILED) return FAILED;
      const name = str(a[0]);
      if (name === undefined) return fail(scope, a[0]!.pos, "the first argument of Fn::If is a condition name");
      const c = condition(scope, name, a[0]!.pos);
      if (c === undefined) return FAILED;
      return resolve(scope, (c ? a[1] : a[2]) as LNode, guard);
    }
    case "Fn::Select": {
      const a = args(scope, fn, arg, 2);
      if (a === FAILED) return FAILED;
      const idx = asString(scope, resolve(scope, a[0] as LNode, guard), a[0]!.pos, "the index of Fn::Select");
      const list = asList(scope, resolve(scope, a[1] as LNode, guard), a[1]!.pos, "the list of Fn::Select");
      if (idx === FAILED || list === FAILED) return FAILED;
      const i = Number(idx);
      const v = Number.isInteger(i) ? list[i] : undefined;
      return v ?? fail(scope, a[0]!.pos, `Fn::Select: index ${idx} is out of range (the list has ${list.length} items)`);
    }
    case "Fn::Split": {
      const a = args(scope, fn, arg, 2);
      if (a === FAILED) return FAILED;
      const delim = asString(scope, resolve(scope, a[0] as LNode, guard), a[0]!.pos, "the delimiter of Fn::Split");
      const text = asString(scope, resolve(scope, a[1] as LNode, guard), a[1]!.pos, "the string of Fn::Split");
      if (delim === FAILED || text === FAILED) return FAILED;
      return lseq(text.split(delim).map((s) => lscalar(s, pos)), pos);
    }
    case "Fn::FindInMap": {
      const a = args(scope, fn, arg, 3);
      if (a === FAILED) return FAILED;
      const keys: string[] = [];
      for (const k of a) {
        const s = asString(scope, resolve(scope, k, guard), k.pos, "each argument of Fn::FindInMap");
        if (s === FAILED) return FAILED;
        keys.push(s);
      }
      const v = get(get(get(scope.mappings, keys[0] as string), keys[1] as string), keys[2] as string);
      return v ? resolve(scope, v, guard) : fail(scope, pos, `Fn::FindInMap: Mappings has no ${keys.join(".")}`);
    }
    case "Fn::ImportValue": {
      const name = asString(scope, resolve(scope, arg, guard), arg.pos, "the export name of Fn::ImportValue");
      if (name === FAILED) return FAILED;
      const v = scope.importValue(name, pos);
      if (typeof v === "string") {
        return fail(scope, pos, `Fn::ImportValue "${name}": ${v}`, "add the template that exports it to the same environment's import list (cloudformation: ...)");
      }
      return v;
    }
    case "Fn::Base64": {
      const s = asString(scope, resolve(scope, arg, guard), arg.pos, "the value of Fn::Base64");
      return s === FAILED ? FAILED : lscalar(Buffer.from(s, "utf8").toString("base64"), pos);
    }
    case "Fn::ToJsonString": {
      const v = resolve(scope, arg, guard);
      if (v === FAILED || v === NO_VALUE) return FAILED;
      return lscalar(JSON.stringify(plain(v)), pos);
    }
    default:
      return fail(scope, pos, `${fn} cannot be resolved offline`, "iam-spec resolves Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::If, Fn::Select, Fn::Split, Fn::FindInMap, Fn::ImportValue, Fn::Base64 and Fn::ToJsonString");
  }
}

function plain(node: LNode): unknown {
  if (node.kind === "scalar") return node.value;
  if (node.kind === "seq") return node.items.map(plain);
  return Object.fromEntries([...node.entries].map(([k, e]) => [k, plain(e.value)]));
}

function pseudo(scope: StackScope, name: string, pos: SourcePos): Resolved {
  switch (name) {
    case "AWS::AccountId":
      return lscalar(scope.account, pos);
    case "AWS::Region":
      return lscalar(scope.region, pos);
    case "AWS::Partition":
      return lscalar(scope.partition, pos);
    case "AWS::URLSuffix":
      return lscalar(scope.urlSuffix, pos);
    case "AWS::StackName":
      return lscalar(scope.stackName, pos);
    case "AWS::StackId":
      return lscalar(`arn:${scope.partition}:cloudformation:${scope.region}:${scope.account}:stack/${scope.stackName}/00000000-0000-0000-0000-000000000000`, pos);
    case "AWS::NoValue":
      return NO_VALUE;
    default:
      return fail(scope, pos, `Ref ${name}: the pseudo parameter has no value offline`);
  }
}

function ref(scope: StackScope, name: string, pos: SourcePos, guard: ReadonlySet<string>): Resolved {
  if (PSEUDO.has(name)) return pseudo(scope, name, pos);
  const param = scope.parameters.get(name);
  if (param) {
    if (!param.value) {
      return fail(scope, pos, `Ref ${name}: the parameter has no value`, `give it in the import entry: parameters: { ${name}: ... } (it has no Default)`);
    }
    if (param.type.startsWith("AWS::SSM::Parameter::Value")) {
      return fail(scope, pos, `Ref ${name}: an SSM parameter (${param.type}) cannot be read offline`, `give its value in the import entry: parameters: { ${name}: ... }`);
    }
    const v = param.value;
    const isList = param.type === "CommaDelimitedList" || param.type.startsWith("List<");
    if (isList && v.kind === "scalar") return lseq(String(v.value).split(",").map((s) => lscalar(s.trim(), pos)), pos);
    return v.kind === "scalar" ? lscalar(v.value, pos) : v;
  }
  const res = scope.resources.get(name);
  if (res) {
    const rv = values(scope, res, pos, guard);
    return rv === FAILED ? FAILED : lscalar(rv.ref, pos);
  }
  return fail(scope, pos, `Ref ${name}: no parameter, resource or pseudo parameter of that name`, "Ref names a parameter, a logical resource ID or AWS::AccountId, AWS::Region, AWS::Partition, AWS::StackName, AWS::URLSuffix, AWS::NoValue");
}

function getAtt(scope: StackScope, id: string, attr: string, pos: SourcePos, guard: ReadonlySet<string>): Resolved {
  const res = scope.resources.get(id);
  if (!res) return fail(scope, pos, `Fn::GetAtt ${id}.${attr}: the template has no resource ${id}`, "name a logical ID of the template's Resources");
  const rv = values(scope, res, pos, guard);
  if (rv === FAILED) return FAILED;
  const v = rv.attrs[attr];
  if (v === undefined) {
    const known = Object.keys(rv.attrs);
    return fail(scope, pos, `Fn::GetAtt ${id}.${attr}: iam-spec does not know the ${attr} attribute of ${res.type}`, known.length > 0 ? `known attributes: ${known.join(", ")}` : undefined);
  }
  return lscalar(v, pos);
}

/** Ref/GetAtt values of a resource; its name properties may use intrinsics themselves (cycles are errors). */
function values(scope: StackScope, res: TemplateResource, pos: SourcePos, guard: ReadonlySet<string>) {
  if (guard.has(res.logicalId)) return fail(scope, pos, `the name of ${res.logicalId} depends on itself`);
  const inner = new Set(guard).add(res.logicalId);
  let failed = false;
  const props: Props = {
    raw: (key) => {
      const n = get(res.properties, key);
      if (!n) return undefined;
      const v = resolve(scope, n, inner);
      if (v === FAILED) failed = true;
      return v === FAILED || v === NO_VALUE ? undefined : v;
    },
    s: (key) => {
      const v = props.raw(key);
      return v?.kind === "scalar" && v.value !== null ? String(v.value) : undefined;
    },
  };
  const rv = returnValues(scope, res, props);
  if (failed) return FAILED;
  if (!rv) {
    return fail(scope, pos, `iam-spec does not know what Ref and Fn::GetAtt return for ${res.type} (${res.logicalId})`, "write the value as a literal, or pass it in as a parameter");
  }
  return rv;
}

/** Fn::Sub "text" or ["text", { Var: value }] (intrinsic-function-reference-sub.html). */
function sub(scope: StackScope, arg: LNode, pos: SourcePos, guard: ReadonlySet<string>): Resolved {
  let template: string | undefined;
  const vars = new Map<string, LNode>();
  if (arg.kind === "scalar" && typeof arg.value === "string") template = arg.value;
  else if (arg.kind === "seq" && arg.items.length === 2) {
    template = str(arg.items[0]);
    const m = arg.items[1] as LNode;
    if (m.kind === "map") for (const [k, e] of m.entries) vars.set(k, e.value);
  }
  if (template === undefined) return fail(scope, arg.pos, "Fn::Sub takes a string or [string, { Name: value }]");
  let out = "";
  let failed = false;
  const re = /\$\{([^}]*)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    out += template.slice(last, m.index);
    last = m.index + m[0].length;
    const name = (m[1] as string).trim();
    if (name.startsWith("!")) {
      out += `\${${name.slice(1)}}`; // ${!Literal} is written as ${Literal}
      continue;
    }
    let v: Resolved;
    const given = vars.get(name);
    if (given) v = resolve(scope, given, guard);
    else if (name.includes(".") && !PSEUDO.has(name)) {
      const i = name.indexOf(".");
      v = getAtt(scope, name.slice(0, i), name.slice(i + 1), pos, guard);
    } else v = ref(scope, name, pos, guard);
    const s = asString(scope, v, pos, `\${${name}} in Fn::Sub`);
    if (s === FAILED) failed = true;
    else out += s;
  }
  out += template.slice(last);
  return failed ? FAILED : lscalar(out, pos);
}

/** The value of a named condition; undefined (and an error) when it cannot be decided. */
export function condition(scope: StackScope, name: string, pos: SourcePos): boolean | undefined {
  if (scope.conditionCache.has(name)) return scope.conditionCache.get(name);
  const node = scope.conditions.get(name);
  if (!node) {
    fail(scope, pos, `condition ${name} is not defined in Conditions`);
    return undefined;
  }
  scope.conditionCache.set(name, undefined); // a condition that uses itself stays undecided
  const v = conditionValue(scope, node);
  scope.conditionCache.set(name, v);
  return v;
}

function conditionValue(scope: StackScope, node: LNode): boolean | undefined {
  const fn = intrinsicName(node);
  const arg = fn ? (get(node, fn) as LNode) : undefined;
  const list = (n: LNode | undefined) => (n?.kind === "seq" ? n.items : []);
  switch (fn) {
    case "Condition": {
      const name = str(arg);
      return name === undefined ? undefined : condition(scope, name, node.pos);
    }
    case "Fn::Equals": {
      const a = arg ? args(scope, fn, arg, 2) : FAILED;
      if (a === FAILED) return undefined;
      const [x, y] = a.map((n) => resolve(scope, n));
      if (x === FAILED || y === FAILED || x === undefined || y === undefined) return undefined;
      const text = (v: typeof x) => (v === NO_VALUE ? "" : JSON.stringify(plain(v as LNode)).replace(/^"|"$/g, ""));
      return text(x) === text(y);
    }
    case "Fn::Not": {
      const inner = list(arg)[0];
      const v = inner ? conditionValue(scope, inner) : undefined;
      return v === undefined ? undefined : !v;
    }
    case "Fn::And":
    case "Fn::Or": {
      const vs = list(arg).map((n) => conditionValue(scope, n));
      if (vs.some((v) => v === undefined) || vs.length < 2) {
        if (vs.length < 2) fail(scope, node.pos, `${fn} takes 2 to 10 conditions`);
        return undefined;
      }
      return fn === "Fn::And" ? vs.every(Boolean) : vs.some(Boolean);
    }
    default: {
      fail(scope, node.pos, "a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or {Condition: Name}");
      return undefined;
    }
  }
}

/** A parameter value given in the environment (a scalar or a list), as a template value. */
export function parameterValue(node: LNode): LNode {
  if (node.kind === "seq") return lscalar(node.items.map((i) => (i.kind === "scalar" ? String(i.value) : "")).join(","), node.pos);
  return node.kind === "scalar" ? node : fromJS(plain(node), node.pos);
}
