import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPackageRoot } from "../../src/data/locate.js";

const tree = (): string => mkdtempSync(join(tmpdir(), "iam-spec-locate-"));

describe("findPackageRoot", () => {
  it("finds the package from source, compiled and installed layouts", () => {
    const root = tree();
    const pkg = join(root, "node_modules", "iam-spec");
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "someone-elses-app" }));
    mkdirSync(join(pkg, "dist", "src", "data"), { recursive: true });
    mkdirSync(join(pkg, "src", "data"), { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "iam-spec" }));
    // A nested package.json with another name (as some build tools write into dist/) is passed over.
    writeFileSync(join(pkg, "dist", "package.json"), JSON.stringify({ type: "module" }));
    expect(findPackageRoot(join(pkg, "dist", "src", "data"))).toBe(pkg);
    expect(findPackageRoot(join(pkg, "src", "data"))).toBe(pkg);
  });

  it("fails closed when there is no iam-spec package above", () => {
    const root = tree();
    expect(() => findPackageRoot(root)).toThrow(/no package.json named "iam-spec"/);
  });

  it("fails closed on an unreadable package.json", () => {
    const root = tree();
    writeFileSync(join(root, "package.json"), "{ not json");
    expect(() => findPackageRoot(root)).toThrow(/cannot read/);
  });
});
