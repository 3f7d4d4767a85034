/**
 * Finding spec files (contract section 1): `*.iamspec.yaml|yml|json` recursively under each PATH,
 * skipping node_modules and dot-folders. A PATH may be a spec file itself. Missing PATHs and an empty
 * result are input errors, not silent passes: a CI job pointed at the wrong folder must fail.
 */
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";

export const SPEC_FILE = /\.iamspec\.(ya?ml|json)$/i;

export interface DiscoverError {
  path: string;
  message: string;
  hint?: string;
}

export type DiscoverResult = { ok: true; files: string[] } | { ok: false; errors: DiscoverError[] };

/** Absolute paths of the spec files under `paths` (default `.`), sorted and without duplicates. */
export async function discoverSpecs(paths: readonly string[], cwd: string): Promise<DiscoverResult> {
  const roots = paths.length > 0 ? paths : ["."];
  const found = new Set<string>();
  const errors: DiscoverError[] = [];
  for (const p of roots) {
    const abs = resolve(cwd, p);
    const info = await stat(abs).catch(() => undefined);
    if (!info) {
      errors.push({ path: p, message: `no such file or directory: ${p}`, hint: "check the path given to iam-spec test" });
    } else if (info.isDirectory()) {
      for (const f of await walk(abs, p, errors)) found.add(f);
    } else if (SPEC_FILE.test(abs)) {
      found.add(abs);
    } else {
      errors.push({
        path: p,
        message: `not a spec file: ${p}`,
        hint: "spec files are named *.iamspec.yaml, *.iamspec.yml or *.iamspec.json",
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  if (found.size === 0) {
    const where = roots.join(", ");
    return {
      ok: false,
      errors: [
        {
          path: roots[0] ?? ".",
          message: `no spec files found under ${where}`,
          hint: "name spec files *.iamspec.yaml, *.iamspec.yml or *.iamspec.json; node_modules and dot-folders are skipped",
        },
      ],
    };
  }
  return { ok: true, files: [...found].sort() };
}

/** `shown` is how the user wrote the folder (for messages); a folder that cannot be read is an error, not skipped. */
async function walk(dir: string, shown: string, errors: DiscoverError[]): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    errors.push({ path: shown, message: `cannot read folder ${shown} (${code})`, hint: "check its permissions, or leave it out of the PATHs given to iam-spec test" });
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      out.push(...(await walk(full, join(shown, e.name), errors)));
    } else if ((e.isFile() || e.isSymbolicLink()) && SPEC_FILE.test(e.name)) {
      out.push(full);
    }
  }
  return out;
}
