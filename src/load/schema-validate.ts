/**
 * A validator for the subset of JSON Schema (draft-07) that specs/*.schema.json use, walking the
 * located tree so that every error has a position. Supported: $ref (local and to a sibling schema
 * file), type, properties, additionalProperties, required, propertyNames.pattern, pattern, minLength,
 * minItems, items, enum, minimum, maximum, oneOf. `oneOf` is resolved the way a reader would: by the
 * kind of the value (string / list / mapping), then by which required key a mapping has; a oneOf of
 * bare `required` branches means "exactly one of these keys".
 */
import type { SourcePos } from "../model/types.js";
import { inputError, type InputError } from "./errors.js";
import { didYouMean, orList } from "./hints.js";
import { describeKind, type LNode } from "./located.js";

export interface Schema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  propertyNames?: { pattern?: string; description?: string };
  pattern?: string;
  minLength?: number;
  minItems?: number;
  items?: Schema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  oneOf?: Schema[];
  definitions?: Record<string, Schema>;
}

/** Schema documents by file name ("spec.schema.json"), for $ref resolution. */
export type SchemaRegistry = ReadonlyMap<string, Schema>;

interface Ctx {
  readonly registry: SchemaRegistry;
  readonly errors: InputError[];
}

/** Validates `node` against the schema file `schemaName` of `registry`. */
export function validateAgainst(node: LNode, schemaName: string, registry: SchemaRegistry): InputError[] {
  const root = registry.get(schemaName);
  if (!root) throw new Error(`schema ${schemaName} is not registered`);
  const ctx: Ctx = { registry, errors: [] };
  check(ctx, node, { schema: root, doc: schemaName }, "");
  return ctx.errors;
}

interface Scoped {
  readonly schema: Schema;
  /** The schema file the schema lives in (for relative refs). */
  readonly doc: string;
}

function resolve(ctx: Ctx, s: Scoped): Scoped {
  let cur = s;
  for (let i = 0; i < 32 && cur.schema.$ref; i++) {
    const ref = cur.schema.$ref;
    const [file, pointer] = ref.split("#", 2) as [string, string | undefined];
    const doc = file === "" ? cur.doc : file;
    const root = ctx.registry.get(doc);
    if (!root) throw new Error(`unresolvable $ref ${ref}`);
    let target: unknown = root;
    for (const seg of (pointer ?? "").split("/").filter(Boolean)) target = (target as Record<string, unknown>)[seg];
    if (!target) throw new Error(`unresolvable $ref ${ref}`);
    // A description next to a $ref is the more specific one (editors show it); keep it.
    const desc = cur.schema.description;
    cur = { schema: desc ? { ...(target as Schema), description: desc } : (target as Schema), doc };
  }
  return cur;
}

function kindOf(node: LNode): string {
  if (node.kind === "map") return "object";
  if (node.kind === "seq") return "array";
  const v = node.value;
  if (v === null) return "null";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeAccepts(type: string | string[] | undefined, node: LNode): boolean {
  if (type === undefined) return true;
  const types = Array.isArray(type) ? type : [type];
  const k = kindOf(node);
  return types.some((t) => t === k || (t === "number" && k === "integer"));
}

const TYPE_NAMES: Record<string, string> = {
  object: "a mapping",
  array: "a list",
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "true or false",
  null: "null",
};

function typeNames(types: readonly string[]): string {
  return orList([...new Set(types.map((t) => TYPE_NAMES[t] ?? t))]);
}

function check(ctx: Ctx, node: LNode, scoped: Scoped, where: string): void {
  const s = resolve(ctx, scoped);
  const schema = s.schema;
  if (schema.oneOf && !isRequiredOnly(schema.oneOf)) {
    checkOneOf(ctx, node, s, where);
    return;
  }
  if (schema.type !== undefined && !typeAccepts(schema.type, node)) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    typeError(ctx, node, types, where);
    return;
  }
  if (schema.enum && !schema.enum.some((e) => node.kind === "scalar" && e === node.value)) {
    const names = schema.enum.map((e) => JSON.stringify(e));
    const written = node.kind === "scalar" ? String(node.value) : "";
    ctx.errors.push(
      inputError("schema", node.pos, `${label(where)}must be one of ${orList(names)}, got ${describeKind(node)}`,
        didYouMean(written, schema.enum.map(String)) ?? `write ${orList(names)}`),
    );
    return;
  }
  if (node.kind === "scalar") checkScalar(ctx, node.value, node.pos, schema, where);
  else if (node.kind === "seq") {
    if (schema.minItems !== undefined && node.items.length < schema.minItems) {
      ctx.errors.push(inputError("schema", node.pos, `${label(where)}must not be an empty list`, "give at least one item, or remove the key"));
    }
    if (schema.items) node.items.forEach((item, i) => check(ctx, item, { schema: schema.items as Schema, doc: s.doc }, `${where}[${i}]`));
  } else checkMap(ctx, node, s, where);
}

function checkScalar(ctx: Ctx, value: unknown, pos: SourcePos, schema: Schema, where: string): void {
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      ctx.errors.push(inputError("schema", pos, `${label(where)}must not be empty`, schema.description ? `give ${lowerFirst(schema.description)}, or remove the key` : "give a value, or remove the key"));
    } else if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
      ctx.errors.push(inputError("schema", pos, `${label(where)}"${value}" is not valid`, schema.description ? `expected ${lowerFirst(schema.description)}` : patternHint(schema.pattern)));
    }
  }
  if (typeof value === "number") {
    const range =
      schema.maximum === undefined ? `${schema.minimum} or more` : schema.minimum === undefined ? `${schema.maximum} or less` : `a value from ${schema.minimum} to ${schema.maximum}`;
    if (schema.minimum !== undefined && value < schema.minimum) {
      ctx.errors.push(inputError("schema", pos, `${label(where)}${value} is below the minimum ${schema.minimum}`, `use ${range}`));
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      ctx.errors.push(inputError("schema", pos, `${label(where)}${value} is above the maximum ${schema.maximum}`, `use ${range}`));
    }
  }
}

function checkMap(ctx: Ctx, node: Extract<LNode, { kind: "map" }>, s: Scoped, where: string): void {
  const schema = s.schema;
  const props = schema.properties ?? {};
  for (const req of schema.required ?? []) {
    if (!node.entries.has(req)) {
      const prop = props[req] ? resolve(ctx, { schema: props[req] as Schema, doc: s.doc }).schema : undefined;
      const about = props[req]?.description ?? prop?.description;
      ctx.errors.push(inputError("schema", node.pos, `${label(where)}missing required key "${req}"`, about ? `add ${req}: ${lowerFirst(about)}` : `add ${req}: to this mapping`));
    }
  }
  if (schema.oneOf && isRequiredOnly(schema.oneOf)) {
    const keys = schema.oneOf.flatMap((b) => b.required ?? []);
    const present = keys.filter((k) => node.entries.has(k));
    if (present.length === 0) {
      ctx.errors.push(inputError("schema", node.pos, `${label(where)}needs one of ${orList(keys.map((k) => `"${k}"`))}`, `give exactly one of ${orList(keys)}`));
    } else if (present.length > 1) {
      const second = node.entries.get(present[1] as string);
      ctx.errors.push(inputError("schema", second?.keyPos ?? node.pos, `${label(where)}has both ${orList(present.map((k) => `"${k}"`)).replace(" or ", " and ")}`, `give exactly one of ${orList(keys)}: split it into two expectations`));
    }
  }
  const namePattern = schema.propertyNames?.pattern ? new RegExp(schema.propertyNames.pattern, "u") : undefined;
  for (const [key, entry] of node.entries) {
    const sub = `${where}${where ? "." : ""}${key}`;
    if (namePattern && !namePattern.test(key)) {
      const about = (schema.propertyNames as { description?: string } | undefined)?.description;
      ctx.errors.push(inputError("schema", entry.keyPos, `${label(where)}key "${key}" is not valid`, about ? `expected ${about}` : undefined));
      continue;
    }
    const prop = props[key];
    if (prop) {
      check(ctx, entry.value, { schema: prop, doc: s.doc }, sub);
    } else if (schema.additionalProperties === false) {
      const known = Object.keys(props);
      ctx.errors.push(
        inputError("schema", entry.keyPos, `${label(where)}unknown key "${key}"`,
          didYouMean(key, known) ?? `allowed keys: ${known.join(", ")}`),
      );
    } else if (typeof schema.additionalProperties === "object") {
      check(ctx, entry.value, { schema: schema.additionalProperties, doc: s.doc }, sub);
    }
  }
}

function checkOneOf(ctx: Ctx, node: LNode, s: Scoped, where: string): void {
  const branches = (s.schema.oneOf ?? []).map((b) => resolve(ctx, { schema: b, doc: s.doc }));
  const byType = branches.filter((b) => typeAccepts(branchTypes(ctx, b), node));
  if (byType.length === 0) {
    const types = branches.flatMap((b) => branchTypes(ctx, b) ?? []);
    typeError(ctx, node, types, where, s.schema.description);
    return;
  }
  let chosen = byType[0] as Scoped;
  if (byType.length > 1 && node.kind === "map") {
    const withKeys = byType.filter((b) => (b.schema.required ?? []).every((k) => node.entries.has(k)));
    // A branch without required keys (the environment mapping, say) takes what the others do not.
    if (withKeys.length === 0) withKeys.push(...byType.filter((b) => (b.schema.required ?? []).length === 0));
    if (withKeys.length === 0) {
      const keys = byType.flatMap((b) => b.schema.required ?? []);
      const written = [...node.entries.keys()];
      const hint = written.map((w) => didYouMean(w, keys)).find((h) => h !== undefined);
      ctx.errors.push(
        inputError("schema", node.pos, `${label(where)}a mapping here needs one of the keys ${orList(keys.map((k) => `"${k}"`))}`,
          hint ?? lowerFirst(s.schema.description ?? "")),
      );
      return;
    }
    chosen = withKeys[0] as Scoped;
  }
  // The oneOf's own description is more useful than the branch's in messages.
  check(ctx, node, chosen, where);
}

/** The types a schema accepts, looking through nested oneOf; undefined: any. */
function branchTypes(ctx: Ctx, s: Scoped): string[] | undefined {
  const r = resolve(ctx, s);
  if (r.schema.type !== undefined) return Array.isArray(r.schema.type) ? r.schema.type : [r.schema.type];
  if (r.schema.oneOf && !isRequiredOnly(r.schema.oneOf)) {
    const all: string[] = [];
    for (const b of r.schema.oneOf) {
      const t = branchTypes(ctx, { schema: b, doc: r.doc });
      if (t === undefined) return undefined;
      all.push(...t);
    }
    return all;
  }
  return undefined;
}

function isRequiredOnly(oneOf: readonly Schema[]): boolean {
  return oneOf.every((b) => b.required !== undefined && Object.keys(b).every((k) => k === "required"));
}

function typeError(ctx: Ctx, node: LNode, types: readonly string[], where: string, description?: string): void {
  let hint: string | undefined;
  if (node.kind === "scalar" && typeof node.value === "number" && types.includes("string")) {
    hint = `quote it: "${node.kind === "scalar" && node.raw ? node.raw : String(node.value)}"`;
  } else if (description) hint = lowerFirst(description);
  else hint = `write ${typeNames(types)} here; see docs/spec-reference.md`;
  ctx.errors.push(inputError("schema", node.pos, `${label(where)}expected ${typeNames(types)}, got ${describeKind(node)}`, hint));
}

/** How to write a value a pattern (without a description) accepts. */
function patternHint(pattern: string): string {
  if (pattern === "^[0-9]{12}$") return 'a 12-digit AWS account id, quoted in YAML: "111122223333"';
  return `expected text matching ${pattern}`;
}

function label(where: string): string {
  return where ? `${where}: ` : "";
}

/** "The principal ..." -> "the principal ..."; acronyms ("AWS accounts") stay as they are. */
function lowerFirst(s: string): string {
  // Used inside "(...)" hints: no closing full stop.
  s = s.replace(/\.\s*$/, "");
  if (s.length < 2 || /^[A-Z]{2}/.test(s)) return s;
  return s[0]!.toLowerCase() + s.slice(1);
}
