/**
 * Validation against specs/*.schema.json (JSON Schema draft-07). Ajv decides whether a document is
 * valid: every keyword of the schemas is enforced, and one the messages below do not know is still
 * enforced (Ajv's strict mode refuses a schema with a keyword it does not know). The messages come from
 * a walk of the located tree that knows the keywords the schemas use ($ref, type, properties,
 * additionalProperties, required, propertyNames.pattern, pattern, minLength, maxLength, minItems, items, enum,
 * minimum, maximum, oneOf) and words them for people: `oneOf` is resolved the way a reader would, by the
 * kind of the value (string / list / mapping), then by which required key a mapping has; a oneOf of
 * bare `required` branches means "exactly one of these keys". Where Ajv rejects what the walk did not
 * word, Ajv's own error is reported at the position of the value. docs/architecture.md says why.
 */
import { createRequire } from "node:module";
import type AjvModule from "ajv";
import type { ErrorObject } from "ajv";
import * as precompiled from "../generated/schema-validators.js";
import { AJV_OPTIONS, PRECOMPILED } from "./schema-names.js";
import { schemas as shipped } from "./schemas.js";
import type { SourcePos } from "../model/types.js";
import { inputError, type InputError } from "./errors.js";
import { didYouMean, orList } from "./hints.js";
import { describeKind, posAt, toJS, type JsonPathSeg, type LNode } from "./located.js";

export interface Schema {
  $id?: string;
  $schema?: string;
  title?: string;
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  propertyNames?: { pattern?: string; description?: string };
  pattern?: string;
  minLength?: number;
  maxLength?: number;
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
  const worded = describeErrors(node, schemaName, registry);
  if (worded.length > 0) return worded;
  const validate = compiled(registry, schemaName);
  return validate(toJS(node)) ? [] : fromAjv(node, validate.errors ?? []);
}

/** The errors as the walk words them (no Ajv); exported for the test that holds it to Ajv's verdict. */
export function describeErrors(node: LNode, schemaName: string, registry: SchemaRegistry): InputError[] {
  const root = registry.get(schemaName);
  if (!root) throw new Error(`schema ${schemaName} is not registered`);
  const ctx: Ctx = { registry, errors: [] };
  check(ctx, node, { schema: root, doc: schemaName }, "");
  return ctx.errors;
}

/** Ajv's verdict alone. */
export function ajvAccepts(node: LNode, schemaName: string, registry: SchemaRegistry): boolean {
  return compiled(registry, schemaName)(toJS(node)) === true;
}

// ---- Ajv: the authority on validity

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
const validators = new WeakMap<SchemaRegistry, Map<string, Validate>>();

/**
 * The Ajv validator of `schemaName`: for the shipped schemas, the code compiled ahead of time
 * (src/generated/schema-validators.ts); for any other registry (tests), Ajv itself, loaded and
 * compiling on first use, with the registry's schemas added under their names (for relative $refs).
 */
function compiled(registry: SchemaRegistry, schemaName: string): Validate {
  if (registry === shipped && PRECOMPILED[schemaName]) return (precompiled as Record<string, Validate>)[PRECOMPILED[schemaName]] as Validate;
  let byName = validators.get(registry);
  if (!byName) validators.set(registry, (byName = new Map()));
  let v = byName.get(schemaName);
  if (!v) {
    const Ajv = (createRequire(import.meta.url)("ajv") as typeof AjvModule).default;
    const ajv = new Ajv({ ...AJV_OPTIONS });
    for (const [name, schema] of registry) {
      const { $id: _ignored, ...rest } = schema;
      ajv.addSchema({ ...rest, $id: name }, name);
    }
    v = ajv.getSchema(schemaName);
    if (!v) throw new Error(`schema ${schemaName} is not registered`);
    byName.set(schemaName, v);
  }
  return v;
}

/** Ajv's errors at the positions of their values, one per value; the branch errors of a oneOf only when nothing else explains it. */
function fromAjv(node: LNode, errors: readonly ErrorObject[]): InputError[] {
  const specific = errors.filter((e) => e.keyword !== "oneOf" && e.keyword !== "anyOf" && e.keyword !== "if");
  const shown = new Map<string, ErrorObject>();
  for (const e of specific.length > 0 ? specific : errors) if (!shown.has(e.instancePath)) shown.set(e.instancePath, e);
  return [...shown.values()].map((e) => {
    const path = jsonPath(node, e.instancePath);
    const extra = e.keyword === "additionalProperties" ? ` "${String((e.params as { additionalProperty?: string }).additionalProperty)}"` : "";
    return inputError("schema", posAt(node, path), `${label(pathText(path))}${e.message ?? "is not valid"}${extra}`, "see docs/spec-reference.md and the JSON Schema in specs/ of the iam-spec package");
  });
}

/** A JSON pointer (/expect/0/on) as a path into `node` (list indexes as numbers). */
function jsonPath(node: LNode, pointer: string): JsonPathSeg[] {
  const out: JsonPathSeg[] = [];
  let cur: LNode | undefined = node;
  for (const raw of pointer.split("/").slice(1)) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur?.kind === "seq") {
      out.push(Number(seg));
      cur = cur.items[Number(seg)];
    } else {
      out.push(seg);
      cur = cur?.kind === "map" ? cur.entries.get(seg)?.value : undefined;
    }
  }
  return out;
}

function pathText(path: readonly JsonPathSeg[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${p}`)).join("");
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
  // YAML's .inf and .nan (and 1e400) are numbers no JSON document, policy or request holds.
  if (node.kind === "scalar" && typeof node.value === "number" && !Number.isFinite(node.value)) {
    ctx.errors.push(inputError("schema", node.pos, `${label(where)}${node.raw ?? String(node.value)} is not a finite number`, "write a number (YAML reads .inf and .nan as infinity and not-a-number)"));
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
      ctx.errors.push(inputError("schema", pos, `${label(where)}must not be empty`, schema.description ? `give ${firstClause(schema.description)}, or remove the key` : "give a value, or remove the key"));
    } else if (schema.maxLength !== undefined && [...value].length > schema.maxLength) {
      ctx.errors.push(inputError("schema", pos, `${label(where)}${[...value].length} characters are more than ${schema.maxLength}`, schema.description ? `expected ${firstClause(schema.description)}` : `shorten it to ${schema.maxLength} characters`));
    } else if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
      ctx.errors.push(inputError("schema", pos, `${label(where)}"${value}" is not valid`, schema.description ? `expected ${firstClause(schema.description)}` : patternHint(schema.pattern)));
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
      // The keys that tell the branches apart (an import's `account` is required by every branch).
      const everywhere = (k: string) => byType.every((b) => (b.schema.required ?? []).includes(k));
      const required = [...new Set(byType.flatMap((b) => b.schema.required ?? []))];
      const keys = required.some((k) => !everywhere(k)) ? required.filter((k) => !everywhere(k)) : required;
      const written = [...node.entries.keys()];
      const hint = written.map((w) => didYouMean(w, keys)).find((h) => h !== undefined);
      ctx.errors.push(
        inputError("schema", node.pos, `${label(where)}a mapping here needs one of the keys ${orList(keys.map((k) => `"${k}"`))}`,
          hint ?? (lowerFirst(s.schema.description ?? "") || `write one of ${orList(keys)}; see docs/spec-reference.md`)),
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

/** A description's first clause, to be read inside a hint: "The name shown in reports; ..." -> "the name shown in reports". */
function firstClause(description: string): string {
  return lowerFirst(description.split("; ")[0] ?? description);
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
