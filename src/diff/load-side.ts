/**
 * One side of a diff (BASE or HEAD): a spec file, a folder of specs or an environment file, loaded
 * into the environments it describes (keyed by where they come from, so that the two sides pair up)
 * and the specs that name them (their expectations say which new access is intended).
 */
import { stat } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import { discoverSpecs, SPEC_FILE } from "../load/discover.js";
import { inputError, type InputError } from "../load/errors.js";
import { createLoader, environmentFor, loadSpecFile, type Loader } from "../load/spec.js";
import type { Environment, Spec } from "../model/types.js";

export interface Side {
  /** The environments of this side, by key (the environment files, relative to the side's root). */
  environments: Map<string, Environment>;
  /** The specs found on this side (empty when the side is an environment file). */
  specs: Spec[];
  warnings: InputError[];
}

export type SideResult = { ok: true; side: Side } | { ok: false; errors: InputError[] };

/** Where the command line named a side, for errors that have no file of their own. */
function commandLine(what: string): { file: string; line: number; column: number } {
  return { file: `(${what})`, line: 1, column: 1 };
}

/**
 * Loads the paths of one side. `root` is the folder that keys are relative to (the same place on both
 * sides, so that `iam/env.yaml` of BASE pairs with `iam/env.yaml` of HEAD).
 */
export async function loadSide(paths: readonly string[], cwd: string, root: string, label: string): Promise<SideResult> {
  const loader = await createLoader();
  const environments = new Map<string, Environment>();
  const specs: Spec[] = [];
  const errors: InputError[] = [];
  const warnings: InputError[] = [];
  const keyOf = (files: readonly string[]) => files.map((f) => relative(root, f).split(sep).join("/")).join(" + ");
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const info = await stat(abs).catch(() => undefined);
    if (!info) {
      errors.push(inputError("file", commandLine(label), `${label}: no such file or directory: ${p}`, `give ${label} as a spec file, a folder of specs or an environment file`));
      continue;
    }
    if (info.isDirectory() || SPEC_FILE.test(abs)) {
      const found = await discoverSpecs([abs], cwd);
      if (!found.ok) {
        for (const e of found.errors) errors.push(inputError("file", commandLine(label), `${label}: ${e.message}`, `${e.hint ?? "a folder given to diff must hold spec files"}; an environment file can be given directly`));
        continue;
      }
      for (const file of found.files) {
        const loaded = await loadSpecFile(file, loader);
        warnings.push(...loaded.warnings);
        if (!loaded.ok) {
          errors.push(...loaded.errors);
          continue;
        }
        specs.push(loaded.value);
        const env = loaded.value.environment;
        // An inline `environment:` mapping reads no file of its own: it belongs to its spec.
        const key = env.files.length > 0 ? keyOf(env.files) : `${keyOf([file])}#environment`;
        environments.set(key, env);
      }
    } else {
      const built = await loadEnvironmentFile(abs, loader);
      warnings.push(...built.warnings);
      errors.push(...built.errors);
      if (built.env) environments.set(keyOf(built.env.files), built.env);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, side: { environments, specs, warnings } };
}

/** An environment file on its own (no spec names it). */
async function loadEnvironmentFile(file: string, loader: Loader) {
  return environmentFor({ kind: "scalar", value: file, pos: { file: resolve(dirname(file), "(command line)"), line: 1, column: 1 } }, loader);
}
