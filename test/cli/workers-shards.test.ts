/**
 * `--workers N` and `--shard I/N` end to end, through the built CLI (worker threads run dist/): the
 * report is the same whatever the number of workers, shards 1..N together are the whole run with each
 * expectation exactly once, and a worker that dies fails the run naming the expectation it was on.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateOrg } from "../../bench/scale/generate.js";
import { ROOT } from "./run-cli.js";

const CLI = join(ROOT, "dist/src/cli/main.js");
let dir: string;
let org: string;
let examples: string;

interface Report {
  seed: number;
  shard?: { index: number; count: number };
  summary: { passed: number; failed: number; errors: number };
  results: { file: string; name: string; status: string; message?: string; position?: { line: number }; evidence?: { method: string } }[];
  warnings?: string[];
}

function run(args: string[], env: Record<string, string> = {}): { code: number | null; report: Report; stderr: string } {
  // --no-prove: the SMT proof of each mayNot is per expectation like the rest of its check (check-one.ts),
  // and would make these many whole-suite runs take many minutes.
  const r = spawnSync(process.execPath, [CLI, "test", ...args, "--reporter", "json", "--no-prove"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("build first: npm run build");
  dir = mkdtempSync(join(tmpdir(), "iam-spec-workers-"));
  // A small organization: every expectation holds by construction (generated as the benchmark's is).
  org = join(dir, "org");
  generateOrg(org, { accounts: 12, rolesPerAccount: 3, expectations: 160, specFiles: 4, ouSize: 4 });
  // The examples three times over (their failing specs included: counterexamples must match too), and
  // a spec with an input error among them.
  examples = join(dir, "examples");
  cpSync(join(ROOT, "examples"), examples, { recursive: true });
  for (const example of readdirSync(examples)) {
    for (const sub of ["specs", "failing"]) {
      const folder = join(examples, example, sub);
      if (!existsSync(folder)) continue;
      for (const f of readdirSync(folder).filter((n) => n.endsWith(".iamspec.yaml"))) {
        const text = readFileSync(join(folder, f), "utf8");
        for (const copy of [2, 3]) writeFileSync(join(folder, f.replace(".iamspec.yaml", `-copy${copy}.iamspec.yaml`)), text);
      }
    }
  }
  writeFileSync(
    join(examples, "cdk", "specs", "broken.iamspec.yaml"),
    "environment: ../env.yaml\nexpect:\n  - as: role/nobody-by-this-name\n    mayNot: s3:GetObjectt\n",
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The name of the `index`-th expectation of a generated spec file. */
function nameIn(file: string, index: number): string {
  return (parse(readFileSync(join(org, "specs", file), "utf8")) as { expect: { it: string }[] }).expect[index]!.it;
}

describe("--workers", () => {
  it("gives the same report for 1, 2 and 3 workers on a generated organization (all hold)", () => {
    const one = run(["org", "--seed", "11", "--workers", "1"]);
    expect(one.code).toBe(0);
    expect(one.report.summary).toEqual({ passed: 160, failed: 0, errors: 0 });
    for (const n of ["2", "3"]) expect(run(["org", "--seed", "11", "--workers", n]).report).toEqual(one.report);
  }, 300_000);

  it("gives the same report for 1, 2 and 3 workers on the examples: passes, counterexamples and input errors", () => {
    const one = run(["examples", "--seed", "5", "--workers", "1"]);
    expect(one.code).toBe(2);
    expect(one.report.summary.failed).toBeGreaterThanOrEqual(18);
    expect(one.report.summary.errors).toBeGreaterThan(0);
    expect(one.report.summary.passed).toBeGreaterThanOrEqual(150);
    for (const n of ["2", "3"]) expect(run(["examples", "--seed", "5", "--workers", n]).report).toEqual(one.report);
  }, 300_000);

  it("really checks in workers: a worker that crashes fails the run naming its expectation (exit 2), never a partial pass", () => {
    const target = nameIn("slice-03.iamspec.yaml", 10);
    const r = run(["org", "--seed", "11", "--workers", "2"], { IAM_SPEC_WORKER_FAULT: `crash:${target}` });
    expect(r.code).toBe(2);
    const crashed = r.report.results.filter((x) => x.status === "error");
    expect(crashed).toHaveLength(1);
    expect(crashed[0]!.name).toContain(target);
    expect(crashed[0]!.message).toMatch(/worker thread checking this expectation crashed/);
    expect(crashed[0]!.file).toMatch(/org\/specs\/slice-\d+\.iamspec\.yaml$/);
    expect(r.report.summary.passed).toBeLessThan(160);
  }, 120_000);

  it("a worker that runs out of memory fails the run naming its expectation", () => {
    const target = nameIn("slice-02.iamspec.yaml", 5);
    const r = run(["org", "--seed", "11", "--workers", "2"], { IAM_SPEC_WORKER_FAULT: `oom:${target}` });
    expect(r.code).toBe(2);
    const crashed = r.report.results.find((x) => x.status === "error");
    expect(crashed?.name).toContain(target);
    expect(crashed?.message).toMatch(/ran out of memory/);
  }, 120_000);

  it("stops a worker started beside the first when the loaded expectations are too few for it: the report of one thread", () => {
    // 140 expectations written (enough for two workers), of which the 60 of a spec whose environment
    // is missing do not load: 80 to check, one worker's share.
    const mixed = join(dir, "mixed");
    mkdirSync(mixed, { recursive: true });
    for (const f of ["slice-01.iamspec.yaml", "slice-02.iamspec.yaml"]) {
      writeFileSync(join(mixed, f), readFileSync(join(org, "specs", f), "utf8").replace(/^environment: .*$/m, "environment: ../org/env.yaml"));
    }
    const items = Array.from({ length: 60 }, (_, i) => `  - it: reads ${i}\n    as: role/app-0\n    may: s3:GetObject\n    on: arn:aws:s3:::b/${i}\n`).join("");
    writeFileSync(join(mixed, "unloadable.iamspec.yaml"), `environment: ../no-such-env.yaml\nexpect:\n${items}`);
    const one = run(["mixed", "--seed", "3", "--workers", "1"]);
    expect(one.code).toBe(2);
    expect(one.report.summary).toEqual({ passed: 80, failed: 0, errors: 1 });
    expect(one.report.results.find((r) => r.status === "error")?.message).toMatch(/no-such-env\.yaml/);
    expect(run(["mixed", "--seed", "3", "--workers", "2"]).report).toEqual(one.report);
  }, 120_000);

  it("starts no worker for a handful of expectations (the injected crash never happens)", () => {
    const r = run(["org/specs/slice-01.iamspec.yaml", "--seed", "11", "--workers", "4"], { IAM_SPEC_WORKER_FAULT: "crash:app" });
    expect(r.code).toBe(0);
    expect(r.report.summary).toEqual({ passed: 40, failed: 0, errors: 0 });
  });
});

describe("--shard", () => {
  it.each([
    ["org", 3],
    ["examples", 4],
  ])("shards 1..N of %s (N = %i) together are the whole run, each expectation once, in order", (path, count) => {
    const whole = run([path, "--seed", "9", "--workers", "1"]).report;
    const parts = Array.from({ length: count }, (_, i) => run([path, "--seed", "9", "--shard", `${i + 1}/${count}`]).report);
    parts.forEach((p, i) => expect(p.shard).toEqual({ index: i + 1, count }));
    expect(parts.flatMap((p) => p.results)).toEqual(whole.results);
    const key = (r: Report["results"][number]) => `${r.file}:${r.position?.line}:${r.name}`;
    const keys = parts.flatMap((p) => p.results.map(key));
    expect(new Set(keys).size).toBe(keys.length);
    // Slices are balanced: sizes differ by one at most (input errors aside).
    const sizes = parts.map((p) => p.results.filter((r) => r.name !== "input error").length);
    if (path === "org") expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  }, 300_000);

  it("more shards than expectations: an empty shard passes with a warning, the others hold one each", () => {
    // 40 expectations in 60 slices: slice 1 is [0, 0), slice 2 is [0, 1), slice 60 is [39, 40).
    const file = "org/specs/slice-01.iamspec.yaml";
    const empty = run([file, "--seed", "9", "--shard", "1/60"]);
    expect(empty.code).toBe(0);
    expect(empty.report.results).toEqual([]);
    expect(empty.report.warnings?.join("\n")).toMatch(/shard 1\/60 holds no expectations/);
    expect(run([file, "--seed", "9", "--shard", "2/60"]).report.results.map((r) => r.name)).toEqual([nameIn("slice-01.iamspec.yaml", 0)]);
    expect(run([file, "--seed", "9", "--shard", "60/60"]).report.results.map((r) => r.name)).toEqual([nameIn("slice-01.iamspec.yaml", 39)]);
  }, 120_000);

  it.each([["0/3"], ["4/3"], ["1/0"], ["2"], ["-1/3"], ["a/b"]])("--shard %s is an input error (exit 2)", (shard) => {
    const r = run(["org", "--shard", shard]);
    expect(r.code).toBe(2);
    expect(r.report.results[0]!.message).toMatch(/--shard/);
  });
});

describe("--workers with the prover", () => {
  // A user whose only policy reads one bucket (IAM/latest/UserGuide/reference_policies_evaluation-logic.html:
  // without an Allow, a request is implicitly denied). 120 `may` and two `mayNot`, enough for two workers;
  // the `mayNot` are proved (z3 loaded in the worker that checks them), the `may` need no proof.
  let suite: string;
  const runProving = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [CLI, "test", suite, "--reporter", "json", "--seed", "3", ...args], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: r.status, report: JSON.parse(r.stdout) as Report };
  };
  beforeAll(() => {
    suite = join(dir, "proving");
    mkdirSync(suite, { recursive: true });
    writeFileSync(
      join(suite, "env.yaml"),
      [
        "accounts:",
        "  '111122223333':",
        "    users:",
        "      reader:",
        "        policies:",
        "          - Version: '2012-10-17'",
        "            Statement:",
        "              - Effect: Allow",
        "                Action: s3:GetObject",
        "                Resource: arn:aws:s3:::reports/*",
        "    resources:",
        "      'arn:aws:s3:::reports': {}",
        "",
      ].join("\n"),
    );
    const may = Array.from({ length: 120 }, (_, i) => `  - it: reader reads report ${i}\n    as: user/reader\n    may: s3:GetObject\n    on: arn:aws:s3:::reports/r${i}.csv\n`);
    const mayNot = [
      "  - it: reader never deletes a report\n    as: user/reader\n    mayNot: s3:DeleteObject\n    on: arn:aws:s3:::reports/*\n",
      "  - it: reader never writes a report\n    as: user/reader\n    mayNot: s3:PutObject\n    on: arn:aws:s3:::reports/*\n",
    ];
    writeFileSync(join(suite, "reader.iamspec.yaml"), `environment: ./env.yaml\nexpect:\n${[...may.slice(0, 60), mayNot[0], ...may.slice(60), mayNot[1]].join("")}`);
  });

  it("proves the mayNot in workers as in the main thread: the same report for 1 and 2 workers", () => {
    const one = runProving(["--workers", "1"]);
    expect(one.code).toBe(0);
    expect(one.report.summary).toEqual({ passed: 122, failed: 0, errors: 0 });
    const proved = one.report.results.filter((r) => r.evidence?.method === "proved").map((r) => r.name);
    expect(proved).toEqual(["reader never deletes a report", "reader never writes a report"]);
    expect(runProving(["--workers", "2"]).report).toEqual(one.report);
  }, 300_000);

  it.each([
    ["prove-crash", /crashed/],
    ["prove-oom", /ran out of memory/],
  ])("a worker that dies inside the proof (%s) fails the run naming the expectation (exit 2)", (kind, why) => {
    const r = runProving(["--workers", "2"], { IAM_SPEC_WORKER_FAULT: `${kind}:never writes` });
    expect(r.code).toBe(2);
    const errors = r.report.results.filter((x) => x.status === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.name).toBe("reader never writes a report");
    expect(errors[0]!.message).toMatch(why);
    expect(r.report.results.some((x) => x.name === "reader never writes a report" && x.status === "passed")).toBe(false);
  }, 300_000);
});
