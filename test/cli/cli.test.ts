import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { findAll, parseXml } from "../report/xml.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const FIXTURES = join(ROOT, "test/fixtures/cli");
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

const cli = (args: string[], cwd = FIXTURES, env: Record<string, string> = {}) => runCli(args, { cwd, env });

describe("options", () => {
  it("--help prints usage and exits 0", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: iam-spec test [PATH ...]");
    expect(r.stdout).toContain("--reporter");
  });
  it("--version prints the package version", async () => {
    const r = await cli(["--version"]);
    expect(r).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  });
  it.each([
    [["test", "--bogus"], /Unknown option '--bogus'.*iam-spec --help/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [["test", "--reporter", "tap"], /unknown reporter "tap" \(use one of pretty, json, junit, github, sarif\)/],
    [["test", "--seed", "abc"], /--seed must be an integer/],
    [["test", "--runs", "0"], /--runs must be a positive integer/],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
  it("no command prints usage and exits 2", async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Usage:");
  });
  it("the entry point imports nothing heavy (--help and --version stay fast)", () => {
    const source = readFileSync(join(ROOT, "src/cli/main.ts"), "utf8");
    const imports = [...source.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    // (parse-once.js imports node:util only.)
    expect(imports.every((i) => i!.startsWith("node:") || i === "../report/color.js" || i === "./parse-once.js")).toBe(true);
    expect(readFileSync(join(ROOT, "src/cli/parse-once.ts"), "utf8").match(/^import .* from "([^"]+)";$/gm)).toEqual(['import { parseArgs, type ParseArgsConfig } from "node:util";']);
  });
});

describe("exit codes and discovery", () => {
  it("0 when every expectation holds", async () => {
    const r = await cli(["test", "passing", "--seed", "7"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("✓ passing/deploy.iamspec.yaml");
    expect(r.stdout).toMatch(/4 passed, 0 failed, 0 errors/);
    expect(r.stdout).toMatch(/Seed\s+7\n/);
  });
  it("1 when one fails; the failure shows file:line, the request, the statements and how to reproduce", async () => {
    const r = await cli(["test", "failing", "--seed", "7"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("failing/releases.iamspec.yaml:8:5");
    expect(r.stdout).toMatch(/principal\s+arn:aws:sts::111122223333:assumed-role\/deploy\/iam-spec/);
    expect(r.stdout).toMatch(/aws:SourceIp: "203\.0\.113\.\d+"/);
    expect(r.stdout).toContain('Sid "ReadReleasesFromOffice" at passing/policies/deploy.json:');
    expect(r.stdout).toContain("npx iam-spec test failing/releases.iamspec.yaml --seed 7");
  });
  it("2 with file:line:column messages for invalid input, all errors at once", async () => {
    const r = await cli(["test", "invalid", "invalid-action"]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toContain('invalid/unknown-key.iamspec.yaml:5:5: expect[0]: unknown key "mya" (did you mean "may"?)');
    expect(lines.some((l) => /^invalid-action\/unknown-action\.iamspec\.yaml:5:10: "s3:PutObjekt" matches no known AWS action \(did you mean s3:PutObject/.test(l))).toBe(true);
  });
  it("a path that does not exist, or a folder without specs, is exit 2", async () => {
    const missing = await cli(["test", "nope"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no such file or directory: nope");
    const empty = await cli(["test", "empty"]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("no spec files found");
  });
  it("a PATH may be a single spec file; dot-folders are skipped", async () => {
    const r = await cli(["test", "passing/deploy.iamspec.yaml", "--seed", "1"]);
    expect(r.code).toBe(0);
    // passing/.hidden holds an unparsable spec: reaching it would be exit 2.
    expect((await cli(["test", "passing"])).code).toBe(0);
  });
  it("node_modules is skipped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-cli-"));
    try {
      cpSync(join(FIXTURES, "passing"), join(dir, "p"), { recursive: true });
      mkdirSync(join(dir, "node_modules", "dep"), { recursive: true });
      writeFileSync(join(dir, "node_modules", "dep", "x.iamspec.yaml"), "not: [valid\n");
      const r = await cli(["test"], dir);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("prints a seed even when none is given", async () => {
    const r = await cli(["test", "passing"]);
    expect(r.stdout).toMatch(/Seed\s+\d+\n/);
  });
});

describe("json reporter", () => {
  it("prints one document of contract section 6 shape, file relative to the cwd", async () => {
    const r = await cli(["test", "passing", "failing", "--reporter", "json", "--seed", "42"]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.seed).toBe(42);
    expect(doc.summary).toEqual({ passed: 5, failed: 1, errors: 0 });
    const failed = doc.results.find((x: { status: string }) => x.status === "failed");
    expect(failed).toMatchObject({
      file: "failing/releases.iamspec.yaml",
      name: 'deploy never reads <releases> & "tags"',
      status: "failed",
      counterexample: { principal: "arn:aws:sts::111122223333:assumed-role/deploy/iam-spec", action: "s3:GetObject", decision: "Allow" },
    });
    expect(failed.message).toMatch(/^allowed: s3:GetObject on arn:aws:s3:::acme-artifacts\/releases\//);
    expect(typeof failed.counterexample.context).toBe("object");
    for (const x of doc.results) expect(["passed", "failed", "error"]).toContain(x.status);
  });
  it("input errors are results with status error in the one document, exit 2", async () => {
    const r = await cli(["test", "invalid", "passing", "--reporter", "json", "--seed", "1"]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.errors).toBeGreaterThan(0);
    expect(doc.summary.passed).toBe(4);
    expect(doc.results.find((x: { status: string }) => x.status === "error")).toMatchObject({
      file: "invalid/unknown-key.iamspec.yaml",
      status: "error",
      position: { line: 3, column: 5 },
    });
  });
  it("a missing path is an error result too", async () => {
    const r = await cli(["test", "nope", "--reporter", "json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ file: "nope", status: "error" });
  });
});

describe("junit reporter", () => {
  it("is valid JUnit XML with failures and errors", async () => {
    const r = await cli(["test", "passing", "failing", "invalid", "--reporter", "junit", "--seed", "3"]);
    expect(r.code).toBe(2);
    const root = parseXml(r.stdout);
    expect(root.name).toBe("testsuites");
    const suites = findAll(root, "testsuite");
    expect(suites.length).toBe(3);
    const cases = findAll(root, "testcase");
    const failing = cases.find((c) => c.attrs["name"] === 'deploy never reads <releases> & "tags"')!;
    expect(findAll(failing, "failure")[0]!.text).toContain("--seed 3");
    expect(cases.some((c) => findAll(c, "error").length > 0)).toBe(true);
    expect(Number(root.attrs["tests"])).toBe(cases.length);
  });
});

describe("the real process", () => {
  const node = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), ...args], {
      cwd: FIXTURES,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
    });
  afterAll(() => undefined);
  it("--version, and the exit code of a failing run", () => {
    const v = node(["--version"]);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(VERSION);
    const f = node(["test", "failing", "--reporter", "json", "--seed", "5"]);
    expect(f.status).toBe(1);
    expect(JSON.parse(f.stdout).seed).toBe(5);
    const bad = node(["test", "invalid"]);
    expect(bad.status).toBe(2);
  });
});
