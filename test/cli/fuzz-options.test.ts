/**
 * Fuzzing options of the command line (issue 4): `--seed` reproduces a counterexample found by random
 * search exactly, `--fuzz-time` cuts random search short and says so, and the progress line appears
 * only on a terminal, never in CI or with a machine-readable reporter.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, type CliIO } from "../../src/cli/main.js";

// A loophole behind four conditions at once: too many combinations for the deterministic pass, so only
// the seeded random search finds it (the message says "found by random seed N").
const ENV = `accounts:
  "111122223333":
    roles:
      deploy:
        trust:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Principal: { AWS: "arn:aws:iam::111122223333:root" }
              Action: sts:AssumeRole
        policies:
          - Version: "2012-10-17"
            Statement:
              - Sid: OfficeReadsReleases
                Effect: Allow
                Action: s3:GetObject
                Resource: arn:aws:s3:::acme-artifacts/releases/*
                Condition:
                  IpAddress: { aws:SourceIp: ["203.0.113.0/24", "198.51.100.0/24"] }
                  StringEquals: { aws:RequestedRegion: ["eu-west-1", "eu-central-1"] }
                  DateGreaterThan: { aws:CurrentTime: "2026-06-01T00:00:00Z" }
                  NumericLessThan: { aws:MultiFactorAuthAge: "300" }
    resources:
      "arn:aws:s3:::acme-artifacts": {}
`;
const SPEC = `environment: ./env.yaml
expect:
  - it: deploy never reads releases
    as: role/deploy
    mayNot: s3:GetObject
    on: arn:aws:s3:::acme-artifacts/releases/*
  - it: deploy never deletes
    as: role/deploy
    mayNot: s3:DeleteObject
    on: arn:aws:s3:::acme-artifacts/*
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "iam-spec-fuzz-cli-"));
  writeFileSync(join(dir, "env.yaml"), ENV);
  writeFileSync(join(dir, "releases.iamspec.yaml"), SPEC);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], io: Partial<CliIO> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, env: {}, isTTY: false, ...io });
  return { code, stdout, stderr };
}

interface Report {
  seed: number;
  results: { name: string; status: string; message?: string; note?: string; counterexample?: { principal: string; context: Record<string, unknown> } }[];
}

describe("--seed", () => {
  it("reproduces a counterexample of random search exactly (same JSON report twice)", async () => {
    const first = await cli(["test", ".", "--seed", "7", "--reporter", "json"]);
    const second = await cli(["test", ".", "--seed", "7", "--reporter", "json"]);
    expect(first.code).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    const report = JSON.parse(first.stdout) as Report;
    const failed = report.results.find((r) => r.status === "failed");
    expect(failed?.message).toMatch(/found by random seed 7 path \d/);
    expect(failed?.counterexample?.context).toMatchObject({ "aws:MultiFactorAuthPresent": true, "aws:RequestedRegion": expect.stringMatching(/^eu-(west|central)-1$/) });
  });
});

describe("--fuzz-time", () => {
  it("stops random search when spent, still runs the deterministic pass, and notes it in every reporter", async () => {
    const json = await cli(["test", ".", "--seed", "7", "--fuzz-time", "0", "--reporter", "json"]);
    expect(json.code).toBe(0); // the loophole needs random search, which got no time
    const report = JSON.parse(json.stdout) as Report;
    for (const r of report.results) {
      expect(r.status).toBe("passed");
      expect(r.note).toMatch(/^fuzzing stopped by --fuzz-time after 0 of 100 random requests$/);
    }
    const pretty = await cli(["test", ".", "--seed", "7", "--fuzz-time", "0ms"]);
    expect(pretty.stdout).toContain("(fuzzing stopped by --fuzz-time after 0 of 100 random requests)");
    expect(pretty.stdout).toMatch(/Notes\s+2 expectations passed with notes/);
    const junit = await cli(["test", ".", "--seed", "7", "--fuzz-time", "0", "--reporter", "junit"]);
    expect(junit.stdout).toContain("<system-out>note: fuzzing stopped by --fuzz-time");
  });

  it("a budget that is not spent changes nothing", async () => {
    const timed = await cli(["test", ".", "--seed", "7", "--fuzz-time", "600", "--reporter", "json"]);
    const untimed = await cli(["test", ".", "--seed", "7", "--reporter", "json"]);
    expect(timed.stdout).toBe(untimed.stdout);
  });

  it.each(["abc", "-1", "10m", "1e3", ""])("%j is a usage error (exit 2)", async (value) => {
    const r = await cli(["test", ".", `--fuzz-time=${value}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--fuzz-time must be seconds/);
  });

  it("is in --help", async () => {
    expect((await cli(["--help"])).stdout).toMatch(/--fuzz-time T/);
  });
});

describe("progress line", () => {
  const ERASE = "\r\x1b[2K";
  it("is drawn on a terminal's stderr and erased before the report", async () => {
    const r = await cli(["test", ".", "--seed", "7"], { stderrIsTTY: true, columns: 60 });
    expect(r.stderr.startsWith(`${ERASE}iam-spec 0/2 releases.iamspec.yaml`)).toBe(true);
    expect(r.stderr.endsWith(ERASE)).toBe(true);
    expect(r.stdout).not.toContain("\r");
  });
  it.each([
    ["stderr is not a terminal", ["test", "."], { stderrIsTTY: false }],
    ["CI is set", ["test", "."], { stderrIsTTY: true, env: { CI: "true" } }],
    ["--reporter json", ["test", ".", "--reporter", "json"], { stderrIsTTY: true }],
    ["--reporter junit", ["test", ".", "--reporter", "junit"], { stderrIsTTY: true }],
  ] as const)("is not shown when %s", async (_, args, io) => {
    const r = await cli([...args, "--seed", "7"], io);
    expect(r.stderr).not.toContain("iam-spec 0/");
    if ((args as readonly string[]).includes("json")) expect(() => JSON.parse(r.stdout)).not.toThrow();
  });
});
