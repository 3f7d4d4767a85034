/**
 * Editor completion: every example spec and environment starts with a yaml-language-server modeline
 * naming the JSON Schema of its kind by a path that resolves from the file (in this repository,
 * specs/; in a user's repository, node_modules/iam-spec/specs/, as `iam-spec init` writes it), and the
 * package ships both schemas.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "./run-cli.js";

const files = execFileSync("git", ["ls-files", "examples"], { cwd: ROOT, encoding: "utf8" })
  .split("\n")
  .filter((f) => /\.ya?ml$/.test(f));

describe("schema modelines", () => {
  it("there are example files to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });
  it.each(files)("%s names the schema of its kind", (file) => {
    const first = readFileSync(join(ROOT, file), "utf8").split("\n")[0] ?? "";
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m, `first line of ${file}: ${first}`).not.toBeNull();
    const target = resolve(dirname(join(ROOT, file)), m![1]!);
    const kind = /\.iamspec\.ya?ml$/.test(file) ? "spec.schema.json" : "environment.schema.json";
    expect(target).toBe(join(ROOT, "specs", kind));
  });
  it("the package ships the schemas", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain("specs/*.schema.json");
    for (const s of ["spec.schema.json", "environment.schema.json"]) expect(existsSync(join(ROOT, "specs", s))).toBe(true);
  });
});
