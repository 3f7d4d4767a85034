/**
 * The environment a path names, for commands and helpers that take one environment rather than a suite
 * (`iam-spec explain`, `loadEnvironment`): an environment file, a spec file (its `environment:`), or a
 * folder whose specs all use the same environment. Every problem is an input error, never a guess.
 */
import { stat } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { discoverSpecs, SPEC_FILE } from "./discover.js";
import type { Environment, SourcePos } from "../model/types.js";
import { inputError, type InputError, type Loaded } from "./errors.js";
import { fromJS } from "./from-js.js";
import { parseLocated, readLocatedFile } from "./read-file.js";
import { validateAgainst } from "./schema-validate.js";
import { ENVIRONMENT_SCHEMA, schemas } from "./schemas.js";
import { createLoader, environmentFor, type Loader } from "./spec.js";

export interface EnvironmentAt {
  readonly environment: Environment;
  /** The loader it was built with (policy references of later expectations resolve through it). */
  readonly loader: Loader;
  /** Absolute path of the environment or spec file it came from. */
  readonly file: string;
}

export async function environmentAt(path: string, cwd: string, loader?: Loader): Promise<Loaded<EnvironmentAt>> {
  const l = loader ?? (await createLoader());
  const abs = resolve(cwd, path);
  const at: SourcePos = { file: abs, line: 1, column: 1 };
  const info = await stat(abs).catch(() => undefined);
  if (!info) return failed([inputError("file", at, `no such file or directory: ${path}`, "name an environment file, a spec file, or a folder of specs")]);
  if (info.isDirectory()) return fromFolder(path, abs, cwd, l);
  if (SPEC_FILE.test(abs)) return fromSpec(abs, l);
  // Any other file is an environment file, named the way a spec names one.
  return built(await environmentFor(fromJS(abs, at), l), abs, l);
}

async function fromSpec(file: string, loader: Loader): Promise<Loaded<EnvironmentAt>> {
  const read = await readLocatedFile(file);
  if (!read.node) return failed(read.errors);
  const envNode = read.node.kind === "map" ? read.node.entries.get("environment")?.value : undefined;
  if (!envNode) {
    return failed([inputError("schema", read.node.pos, "this spec file has no environment:", "add environment: (a path or an inline environment), or name the environment file itself")]);
  }
  return built(await environmentFor(envNode, loader), file, loader);
}

async function fromFolder(shown: string, dir: string, cwd: string, loader: Loader): Promise<Loaded<EnvironmentAt>> {
  const found = await discoverSpecs([shown], cwd);
  if (!found.ok) {
    return failed(found.errors.map((e) => inputError("file", { file: resolve(cwd, e.path), line: 1, column: 1 }, e.message, e.hint ? `${e.hint}; or name an environment file` : undefined)));
  }
  const envs = new Map<Environment, string>();
  let last: Loaded<EnvironmentAt> | undefined;
  for (const file of found.files) {
    const one = await fromSpec(file, loader);
    if (!one.ok) return one;
    if (!envs.has(one.value.environment)) envs.set(one.value.environment, file);
    last = one;
  }
  if (envs.size > 1 || !last) {
    const files = [...envs.values()].map((f) => relative(cwd, f)).join(", ");
    return failed([inputError("reference", { file: dir, line: 1, column: 1 }, `the specs under ${shown} use ${envs.size} different environments (${files})`, "name one spec file or environment file")]);
  }
  return last;
}

function built(b: { env?: Environment; errors: InputError[]; warnings: InputError[] }, file: string, loader: Loader): Loaded<EnvironmentAt> {
  if (!b.env || b.errors.length > 0) return { ok: false, errors: b.errors, warnings: b.warnings };
  return { ok: true, value: { environment: b.env, loader, file }, warnings: b.warnings };
}

function failed(errors: InputError[]): Loaded<EnvironmentAt> {
  return { ok: false, errors, warnings: [] };
}

/** The environment `text` would be if it were written at `file` (relative paths resolve from there). */
export async function environmentFromText(text: string, file: string, loader?: Loader): Promise<Loaded<EnvironmentAt>> {
  const l = loader ?? (await createLoader());
  const read = parseLocated(text, file);
  if (!read.node) return failed(read.errors);
  const errors = validateAgainst(read.node, ENVIRONMENT_SCHEMA, schemas);
  if (errors.length > 0) return failed(errors);
  return built(await environmentFor(read.node, l), file, l);
}
