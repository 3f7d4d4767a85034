/**
 * The package as users get it: `npm pack`, the tarball and vitest installed into a fresh project (from
 * the local npm cache; the network only for what the cache lacks), then that project's own vitest run
 * on a test file that uses every matcher, passing and failing (test/fixtures/matchers), and its
 * TypeScript check of the matchers' types. Needs the build (`npm test` builds before vitest runs).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../cli/run-cli.js";

const FIXTURE = join(ROOT, "test/fixtures/matchers");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let project = "";

interface VitestJson {
  testResults: { name: string; assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}
let report: VitestJson;
let tsc: { status: number | null; output: string };

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist/src/vitest/index.js"))) throw new Error("dist/ is missing: run `npm run build` (npm test does) before this test");
  project = mkdtempSync(join(tmpdir(), "iam-spec-packed-"));
  // --ignore-scripts: pack the dist/ that `npm test` just built instead of building again.
  const packed = execFileSync(npm, ["pack", "--ignore-scripts", "--silent", "--pack-destination", project], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop()!;
  const vitestVersion = (JSON.parse(readFileSync(join(ROOT, "node_modules/vitest/package.json"), "utf8")) as { version: string }).version;
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "iam-spec-consumer", private: true, type: "module" }, null, 2));
  execFileSync(npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", `./${packed}`, `vitest@${vitestVersion}`], { cwd: project, stdio: "pipe" });
  cpSync(join(FIXTURE, "iam"), join(project, "iam"), { recursive: true });
  cpSync(join(FIXTURE, "iam.consumer.ts"), join(project, "iam.test.ts"));
  cpSync(join(FIXTURE, "deliberate-failure.consumer.ts"), join(project, "deliberate-failure.test.ts"));
  const run = spawnSync(join(project, "node_modules/.bin/vitest"), ["run", "--reporter=json", "--outputFile=report.json"], { cwd: project, encoding: "utf8", env: { ...process.env, CI: "1", NO_COLOR: "1", IAM_SPEC_SEED: "" } });
  if (!existsSync(join(project, "report.json"))) throw new Error(`vitest did not run in the fresh project:\n${run.stdout}\n${run.stderr}`);
  report = JSON.parse(readFileSync(join(project, "report.json"), "utf8")) as VitestJson;

  // The matchers' types, checked by the repository's TypeScript against the installed package.
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ["*.test.ts"] }));
  const t = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], { cwd: project, encoding: "utf8" });
  tsc = { status: t.status, output: t.stdout + t.stderr };
}, 300_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const file = (name: string) => {
  const f = report.testResults.find((r) => r.name.endsWith(name));
  if (!f) throw new Error(`no results for ${name}`);
  return f.assertionResults;
};

describe("iam-spec installed from its tarball into a fresh project", () => {
  it("ships the vitest entry, the schemas and no test files", () => {
    const pkg = join(project, "node_modules/iam-spec");
    expect(existsSync(join(pkg, "dist/src/vitest/index.js"))).toBe(true);
    expect(existsSync(join(pkg, "dist/src/vitest/index.d.ts"))).toBe(true);
    expect(readdirSync(join(pkg, "specs")).sort()).toEqual(["environment.schema.json", "spec.schema.json"]);
    expect(existsSync(join(pkg, "test"))).toBe(false);
  });

  it("every matcher passes and fails as written in the user's test file", () => {
    const results = file("iam.test.ts");
    expect(results.length).toBe(12);
    expect(results.filter((r) => r.status !== "passed").map((r) => `${r.title}: ${r.failureMessages.join("\n")}`)).toEqual([]);
  });

  it("a failing matcher fails the user's test with the pretty reporter's counterexample", () => {
    const [mayFails, mayNotFails] = file("deliberate-failure.test.ts");
    expect(mayFails?.status).toBe("failed");
    expect(mayFails?.failureMessages[0]).toMatch(/expected role\/deploy may s3:DeleteObject on arn:aws:s3:::acme-artifacts\/builds\/1\.zip\n  not allowed: s3:DeleteObject[\s\S]*decision   ImplicitDeny[\s\S]*why        no identity-based policy allows it/);
    expect(mayNotFails?.status).toBe("failed");
    expect(mayNotFails?.failureMessages[0]).toMatch(/allowed: s3:GetObject on arn:aws:s3:::acme-artifacts\/releases\/[\s\S]*deciding statements\n    Allow identity policy iam\/policies\/deploy\.json, Sid "ReadReleasesFromOffice"[\s\S]*seed: 0/);
  });

  it("the matchers are typed: the test files type-check, and a wrong key is a type error", () => {
    expect(tsc.output).toBe("");
    expect(tsc.status).toBe(0);
  });
});
