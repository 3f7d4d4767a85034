/**
 * `iam-spec init` through the real CLI, into fresh folders: the environment and starter spec it writes
 * pass `iam-spec test` on the input (every expectation checked by the real run, not only by init), the
 * guardrails appear only where they hold, nothing is overwritten, and invalid input writes nothing.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, runCli } from "./run-cli.js";

const made: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), "iam-spec-init-"));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function initAndTest(args: string[], cwd: string) {
  const init = await runCli(["init", ...args, "out"], { cwd });
  expect(init.stderr.replace(/^iam-spec init: the input names no account.*\n/m, "")).toBe("");
  expect(init.code).toBe(0);
  const spec = parse(readFileSync(join(cwd, "out/starter.iamspec.yaml"), "utf8")) as { expect: Record<string, unknown>[] };
  const run = await runCli(["test", "out", "--reporter", "json"], { cwd });
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(report.summary).toEqual({ passed: spec.expect.length, failed: 0, errors: 0 });
  return spec.expect;
}

describe("iam-spec init", () => {
  it("without input: a sample environment and a starter spec that passes, with may and mayNot", async () => {
    const cwd = fresh();
    const exps = await initAndTest([], cwd);
    expect(exps).toContainEqual(expect.objectContaining({ as: "role/deploy", may: "s3:PutObject", on: "arn:aws:s3:::acme-artifacts/builds/*" }));
    expect(exps).toContainEqual(expect.objectContaining({ as: "role/deploy", mayNot: "iam:*" }));
    expect(exps).toContainEqual(expect.objectContaining({ as: "role/deploy", mayNot: "organizations:*" }));
  });

  it("--from-gaad: the account comes from the export's ARNs; guardrails only where they hold", async () => {
    const cwd = fresh();
    cpSync(join(ROOT, "test/fixtures/import/gaad/gaad.json"), join(cwd, "gaad.json"));
    const exps = await initAndTest(["--from-gaad", "gaad.json"], cwd);
    const env = parse(readFileSync(join(cwd, "out/environment.yaml"), "utf8"));
    expect(env.import).toEqual([{ authorizationDetails: "../gaad.json", account: "444455556666" }]);
    expect(exps.some((e) => e.may !== undefined)).toBe(true);
    // Every guardrail written holds (the run above); and one that would not hold is left out: check
    // each principal's iam:* the other way round with a mayNot that init did not write.
    const principals = [...new Set(exps.map((e) => e.as as string))];
    for (const as of principals) {
      const hasGuard = exps.some((e) => e.as === as && e.mayNot === "iam:*");
      writeFileSync(join(cwd, "out/probe.iamspec.yaml"), `environment: ./environment.yaml\nexpect:\n  - as: ${as}\n    mayNot: "iam:*"\n`);
      const probe = await runCli(["test", "out/probe.iamspec.yaml", "--seed", "0"], { cwd });
      expect(probe.code, as).toBe(hasGuard ? 0 : 1);
    }
  });

  it("--from-terraform: a plan's roles and users", async () => {
    const cwd = fresh();
    cpSync(join(ROOT, "test/fixtures/init/plan.json"), join(cwd, "plan.json"));
    const exps = await initAndTest(["--from-terraform", "plan.json", "--account", "123456789012"], cwd);
    expect(parse(readFileSync(join(cwd, "out/environment.yaml"), "utf8")).import[0]).toEqual({ terraformPlan: "../plan.json", account: "123456789012" });
    expect(exps).toContainEqual(expect.objectContaining({ as: "user/ci-deployer", may: "s3:PutObject" }));
  });

  it("--from-cloudformation: a template's roles", async () => {
    const cwd = fresh();
    cpSync(join(ROOT, "test/fixtures/import/cdk"), join(cwd, "cdk.out"), { recursive: true });
    const exps = await initAndTest(["--from-cloudformation", "cdk.out/Api.template.json", "--account", "111122223333"], cwd);
    expect(exps.length).toBeGreaterThan(0);
  });

  it("the modeline names the schema installed in the user's project", async () => {
    const cwd = fresh();
    mkdirSync(join(cwd, "node_modules/iam-spec/specs"), { recursive: true });
    for (const s of ["spec.schema.json", "environment.schema.json"]) cpSync(join(ROOT, "specs", s), join(cwd, "node_modules/iam-spec/specs", s));
    await initAndTest([], cwd);
    for (const [file, schema] of [["out/starter.iamspec.yaml", "spec.schema.json"], ["out/environment.yaml", "environment.schema.json"]] as const) {
      const first = readFileSync(join(cwd, file), "utf8").split("\n")[0]!;
      expect(first).toBe(`# yaml-language-server: $schema=../node_modules/iam-spec/specs/${schema}`);
      expect(existsSync(resolve(dirname(join(cwd, file)), first.split("=")[1]!))).toBe(true);
    }
  });

  it("refuses to overwrite, and writes nothing for invalid input", async () => {
    const cwd = fresh();
    mkdirSync(join(cwd, "out"));
    writeFileSync(join(cwd, "out/environment.yaml"), "mine\n");
    const r = await runCli(["init", "out"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out\/environment\.yaml already exists; init never overwrites a file \(/);
    expect(readFileSync(join(cwd, "out/environment.yaml"), "utf8")).toBe("mine\n");
    expect(existsSync(join(cwd, "out/starter.iamspec.yaml"))).toBe(false);

    writeFileSync(join(cwd, "broken.json"), '{"RoleDetailList": [');
    const bad = await runCli(["init", "--from-gaad", "broken.json", "out2"], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nothing was written/);
    expect(existsSync(join(cwd, "out2"))).toBe(false);

    writeFileSync(join(cwd, "a-file"), "");
    const notDir = await runCli(["init", "a-file"], { cwd });
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toMatch(/^iam-spec init: cannot write into a-file: (EEXIST|ENOTDIR) \(/);

    const two = await runCli(["init", "--from-gaad", "a.json", "--from-terraform", "b.json"], { cwd });
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/give one of --from-terraform, --from-gaad/);
  });
});
