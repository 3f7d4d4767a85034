/**
 * Finds the data/ folder of the iam-spec package. The same module runs from src/data/ (vitest, tsx),
 * dist/src/data/ (compiled) and node_modules/iam-spec/dist/src/data/ (installed), so a fixed relative
 * path would be right in only some of them; walking up to our own package.json is right in all.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "iam-spec";

let root: string | undefined;

/** Walks up from `startDir` to the nearest directory whose package.json is named "iam-spec". */
export function findPackageRoot(startDir: string): string {
  for (let dir = startDir; ; ) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      let name: unknown;
      try {
        name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name;
      } catch (err) {
        throw new Error(`iam-spec: cannot read ${manifest} while looking for the package root: ${String(err)}`);
      }
      if (name === PACKAGE_NAME) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`iam-spec: no package.json named "${PACKAGE_NAME}" above ${startDir}; cannot find bundled data`);
    }
    dir = parent;
  }
}

/** Absolute path of a file in the package's data/ folder. */
export function dataFilePath(fileName: string): string {
  return packageFilePath("data", fileName);
}

/** Absolute path of a file shipped in the package (data/, specs/). */
export function packageFilePath(...parts: string[]): string {
  root ??= findPackageRoot(dirname(fileURLToPath(import.meta.url)));
  return join(root, ...parts);
}
