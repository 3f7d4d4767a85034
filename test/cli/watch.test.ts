/**
 * `iam-spec test --watch` through the CLI entry, in a scratch copy of a suite: a changed policy file
 * re-runs exactly the specs that read it, and the re-run sees the change.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { ROOT } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "iam-spec-watch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Resolves once `test` holds for the output so far (the run is event-driven: no fixed sleeps). */
async function until(test: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (test()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

it("a changed policy file re-runs the specs that read it, and only those", async () => {
  cpSync(join(ROOT, "test/fixtures/cli/passing"), join(dir, "suite"), { recursive: true });
  // A second spec with its own inline environment: it reads no file of the first.
  writeFileSync(join(dir, "suite/other.iamspec.yaml"), [
    "environment:",
    "  accounts:",
    '    "111122223333":',
    "      roles:",
    "        app: { policies: [ { Statement: [ { Effect: Allow, Action: sqs:SendMessage, Resource: \"*\" } ] } ] }",
    "expect:",
    "  - as: role/app",
    "    mayNot: iam:*",
    "",
  ].join("\n"));
  let out = "";
  const controller = new AbortController();
  const done = main(["test", "suite", "--watch", "--seed", "7"], {
    stdout: (t) => void (out += t),
    stderr: (t) => void (out += t),
    cwd: dir,
    env: {},
    isTTY: false,
    signal: controller.signal,
  });
  await until(() => out.includes("watching for changes"), "the first run");
  expect(out).toMatch(/5 passed, 0 failed, 0 errors \(5\)/);

  // Drop the office-network condition: "deploy reads releases from the office only" no longer holds.
  const policy = join(dir, "suite/policies/deploy.json");
  const doc = JSON.parse(readFileSync(policy, "utf8"));
  delete doc.Statement[1].Condition;
  const before = out.length;
  writeFileSync(policy, JSON.stringify(doc, null, 2));
  await until(() => /Expectations/.test(out.slice(before)), "the re-run");
  const rerun = out.slice(before);
  expect(rerun).toMatch(/suite\/policies\/deploy\.json changed: re-running 1 spec file/);
  expect(rerun).toContain("deploy.iamspec.yaml");
  expect(rerun).not.toContain("other.iamspec.yaml");
  expect(rerun).toMatch(/FAIL deploy reads releases from the office only/);
  expect(rerun).toMatch(/3 passed, 1 failed, 0 errors \(4\)/);

  controller.abort();
  expect(await done).toBe(1);
});

it("--watch shows the pretty report only: another reporter is a usage error", async () => {
  let err = "";
  const code = await main(["test", "--watch", "--reporter", "json"], { stdout: () => {}, stderr: (t) => void (err += t), cwd: dir, env: {}, isTTY: false });
  expect(code).toBe(2);
  expect(err).toMatch(/--watch shows the pretty report; it cannot be used with --reporter json/);
});
