/**
 * Gathers the environment tree of a spec: `environment:` as a path, a list of paths (merged in order)
 * or an inline mapping; each environment (file or inline) may `extends` others, merged before it.
 * Relative paths resolve against the directory of the file that names them; include cycles are errors.
 */
import { dirname, isAbsolute, join, resolve as resolvePath } from "node:path";
import type { SourcePos } from "../model/types.js";
import { inputError, pathFrom, type InputError } from "./errors.js";
import type { LNode } from "./located.js";
import { mergeNodes, withoutKey } from "./merge.js";
import { readLocatedFile } from "./read-file.js";
import { validateAgainst } from "./schema-validate.js";
import { ENVIRONMENT_SCHEMA, schemas } from "./schemas.js";
import { applyImports } from "../import/index.js";

export interface EnvironmentSource {
  /** The merged tree; undefined when nothing could be read. */
  readonly tree?: LNode;
  /** Files read, in merge order. */
  readonly files: readonly string[];
  readonly errors: readonly InputError[];
  readonly warnings: readonly InputError[];
}

interface Gather {
  readonly errors: InputError[];
  readonly warnings: InputError[];
  readonly files: string[];
  /** Absolute paths of the files being read (the include chain), for cycle detection. */
  readonly stack: string[];
  /** Each file is read once per gathering, even when reached twice (a diamond is not a cycle). */
  readonly read: Map<string, Promise<{ node?: LNode; errors: InputError[] }>>;
}

/** `value` is the spec's `environment:` node. */
export async function gatherEnvironment(value: LNode): Promise<EnvironmentSource> {
  const g: Gather = { errors: [], warnings: [], files: [], stack: [], read: new Map() };
  let tree: LNode | undefined;
  if (value.kind === "map") tree = await fromInline(g, value);
  else {
    const paths = value.kind === "seq" ? value.items : [value];
    for (const p of paths) {
      if (p.kind !== "scalar" || typeof p.value !== "string" || p.value === "") continue; // the schema reports it
      const t = await fromFile(g, p.value, p.pos);
      if (t) tree = tree ? mergeNodes(tree, t) : t;
    }
  }
  return { ...(tree ? { tree } : {}), files: g.files, errors: g.errors, warnings: g.warnings };
}

/** An inline environment was already checked as part of the spec (spec.schema.json refers to the environment schema). */
async function fromInline(g: Gather, node: LNode): Promise<LNode | undefined> {
  return withExtends(g, node);
}

async function fromFile(g: Gather, path: string, namedAt: SourcePos): Promise<LNode | undefined> {
  const file = isAbsolute(path) ? path : join(dirname(namedAt.file), path);
  const abs = resolvePath(file);
  if (g.stack.includes(abs)) {
    const chain = [...g.stack.slice(g.stack.indexOf(abs)), abs].map((f) => pathFrom(namedAt, f)).join(" -> ");
    g.errors.push(inputError("cycle", namedAt, `environment files include each other: ${chain}`, "remove one of the `extends` entries"));
    return undefined;
  }
  let pending = g.read.get(abs);
  const first = !pending;
  if (!pending) {
    pending = readLocatedFile(file, namedAt);
    g.read.set(abs, pending);
  }
  const read = await pending;
  if (!read.node) {
    if (first) g.errors.push(...read.errors);
    return undefined;
  }
  if (first) {
    g.files.push(file);
    const other = notAnEnvironment(read.node);
    if (other) {
      // At the reference: the file itself is fine, naming it here is the mistake.
      g.errors.push(inputError("reference", namedAt, `${pathFrom(namedAt, file)} is ${other.message}`, other.hint));
      return undefined;
    }
    g.errors.push(...validateAgainst(read.node, ENVIRONMENT_SCHEMA, schemas));
  }
  g.stack.push(abs);
  try {
    return await withExtends(g, read.node);
  } finally {
    g.stack.pop();
  }
}

/**
 * `node` merged over the environments it `extends`, with its own `import:` list applied first (per file,
 * so that relative paths resolve against the file naming them: contract section 1).
 */
async function withExtends(g: Gather, node: LNode): Promise<LNode> {
  node = await withImports(g, node);
  const ext = node.kind === "map" ? node.entries.get("extends")?.value : undefined;
  if (!ext) return node;
  let base: LNode | undefined;
  for (const p of ext.kind === "seq" ? ext.items : [ext]) {
    if (p.kind !== "scalar" || typeof p.value !== "string" || p.value === "") continue; // the schema reports it
    const t = await fromFile(g, p.value, p.pos);
    if (t) base = base ? mergeNodes(base, t) : t;
  }
  const own = withoutKey(node, "extends");
  return base ? mergeNodes(base, own) : own;
}

async function withImports(g: Gather, node: LNode): Promise<LNode> {
  if (node.kind !== "map" || !node.entries.has("import")) return node;
  const applied = await applyImports(node);
  // What the schema already reported at a position (an import that is not a mapping, say) is reported once.
  const schemaAt = new Set(g.errors.filter((e) => e.kind === "schema").map((e) => `${e.file}:${e.line}:${e.column}`));
  g.errors.push(...applied.errors.filter((e) => e.kind !== "schema" || !schemaAt.has(`${e.file}:${e.line}:${e.column}`)));
  g.warnings.push(...applied.warnings);
  g.files.push(...applied.files);
  return applied.tree;
}

/**
 * A policy document or a spec file named where an environment belongs: one error that says what the
 * file is, rather than an unknown-key error for each of its keys.
 */
function notAnEnvironment(node: LNode): { message: string; hint: string } | undefined {
  if (node.kind !== "map") return undefined;
  if (node.entries.has("Statement")) {
    return { message: "a policy document, not an environment", hint: "name the environment file here (accounts: ...), and the policy inside it, e.g. under a user's or role's policies:" };
  }
  if (node.entries.has("expect")) {
    return { message: "a spec file, not an environment", hint: "name the environment file the spec uses (its environment:), not the spec itself" };
  }
  return undefined;
}
