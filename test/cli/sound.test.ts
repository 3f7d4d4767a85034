/**
 * A mayNot never passes on an empty search, and every result says what it rests on (contract sections
 * 2, 5 and 6), through the real binary. Fixture: test/fixtures/sound, resources whose names hold `/`
 * and `:` (secrets under ci/, Lambda log streams, SSM parameters under a path, KMS aliases under
 * alias/ops/), each asked with may and mayNot about the same request.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";
import { findAll, parseXml } from "../report/xml.js";

const FIXTURES = join(ROOT, "test/fixtures/sound");

interface Result {
  name: string;
  status: string;
  message?: string;
  position?: { line: number; column: number };
  evidence?: { method: string; requests: number; reason?: string };
}

const binary = (args: string[]) => {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), ...args], {
    cwd: FIXTURES,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe("names with / and : through the real binary", () => {
  const run = binary(["test", "granted", "--reporter", "json", "--seed", "4"]);
  const results = new Map((JSON.parse(run.stdout) as { results: Result[] }).results.map((r) => [r.name.split(" ")[0]!, r]));

  // [may, mayNot, whether the environment grants the request]
  const pairs: [string, string, boolean][] = [
    ["S1", "S2", true], // secret:ci/x, granted by secret:ci/*
    ["S4", "S5", false], // secret:prod/..., not granted
    ["L1", "L2", true], // /aws/lambda/fn log stream, exact: true
    ["L3", "L4", false], // /ecs/web log stream, exact: true
    ["P1", "P2", true], // parameter/app/prod/...
    ["P3", "P4", false], // parameter/app/dev/...
    ["K1", "K2", true], // alias/ops/ebs
    ["K3", "K4", false], // alias/team/app
  ];
  it.each(pairs)("%s (may) and %s (mayNot): exactly one holds", (may, mayNot, granted) => {
    expect(results.get(may)?.status).toBe(granted ? "passed" : "failed");
    expect(results.get(mayNot)?.status).toBe(granted ? "failed" : "passed");
  });
  it("a mayNot without `on` finds the secret too", () => {
    expect(results.get("S3")).toMatchObject({ status: "failed", message: expect.stringMatching(/allowed: secretsmanager:GetSecretValue on arn:aws:secretsmanager:.*:secret:ci\//) });
  });
  it("exits 1 and every result carries its evidence", () => {
    expect(run.code).toBe(1);
    for (const r of results.values()) expect(r.evidence?.requests, r.name).toBeGreaterThan(0);
    expect(results.get("L2")?.evidence).toEqual({ method: "exact", requests: 1 });
    expect(results.get("S1")?.evidence).toEqual({ method: "exact", requests: 1 });
    // The prover decides what sampling did not refute (src/prove/).
    expect(results.get("P4")?.evidence).toMatchObject({ method: "proved" });
  });

  it("a mayNot over no ARN the action takes is an input error at the expectation (exit 2)", () => {
    const r = binary(["test", "vacuous", "--seed", "1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "vacuous/vacuous.iamspec.yaml:4:5: `on` covers no ARN of the resource types secretsmanager:GetSecretValue takes (Secret: arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId})",
    );
  });
});

describe("--require-proof and the reporters", () => {
  it("fails a sampled mayNot, saying why it was not proved; exact ones and failures are unchanged", async () => {
    const r = await runCli(["test", "granted", "--reporter", "json", "--seed", "4", "--require-proof", "--no-prove"], { cwd: FIXTURES });
    expect(r.code).toBe(1);
    const results = new Map((JSON.parse(r.stdout) as { results: Result[] }).results.map((x) => [x.name.split(" ")[0]!, x]));
    expect(results.get("P4")).toMatchObject({
      status: "failed",
      message: expect.stringMatching(/^not proved \(no proof attempted\): no counterexample in \d+ sampled requests/),
      evidence: { method: "sampled" },
    });
    expect(results.get("L4")?.status).toBe("passed"); // exact: true needs no proof
    expect(results.get("P3")?.status).toBe("failed");
  });

  it("pretty marks may/exact as exact and a sampled mayNot with its count and reason", async () => {
    const r = await runCli(["test", "granted", "--seed", "4", "--no-prove"], { cwd: FIXTURES });
    expect(r.stdout).toMatch(/✓ S1 may: ci reads a secret under ci\/ {2}exact, 1 request\n/);
    expect(r.stdout).toMatch(/✓ P4 mayNot: ci reads a dev parameter {2}no counterexample in \d+ requests \(not proved: no proof attempted\)/);
  });

  it("pretty marks a proved mayNot, and --require-proof passes it", async () => {
    const r = await runCli(["test", "granted", "--seed", "4", "--require-proof"], { cwd: FIXTURES });
    expect(r.stdout).toMatch(/✓ P4 mayNot: ci reads a dev parameter {2}proved/);
    expect(r.stdout).not.toMatch(/not proved/);
  });

  it("junit carries the evidence as properties and output", async () => {
    const r = await runCli(["test", "granted", "--reporter", "junit", "--seed", "4", "--no-prove"], { cwd: FIXTURES });
    const cases = findAll(parseXml(r.stdout), "testcase");
    const p4 = cases.find((c) => c.attrs["name"]?.startsWith("P4"))!;
    const props = new Map(findAll(p4, "property").map((p) => [p.attrs["name"], p.attrs["value"]]));
    expect(props.get("evidence.method")).toBe("sampled");
    expect(Number(props.get("evidence.requests"))).toBeGreaterThan(0);
    expect(props.get("evidence.reason")).toBe("no proof attempted");
    expect(findAll(p4, "system-out")[0]?.text).toMatch(/^evidence: no counterexample in \d+ requests/);
  });
});

describe("network keys as AWS sends them (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpc)", () => {
  it("a grant on aws:SourceVpc is reachable through an endpoint: refuted with aws:SourceVpce; over the internet, proved unreachable", async () => {
    const r = await runCli(["test", "test/fixtures/prover-network", "--reporter", "json", "--seed", "1"]);
    const report = JSON.parse(r.stdout) as { results: { name: string; status: string; evidence?: { method: string }; counterexample?: { context: Record<string, unknown> } }[] };
    const byName = new Map(report.results.map((x) => [x.name, x]));
    const anywhere = byName.get("the analyst cannot list acme-data from anywhere")!;
    expect(anywhere.status).toBe("failed");
    expect(anywhere.counterexample?.context["aws:SourceVpc"]).toBe("vpc-3");
    expect(String(anywhere.counterexample?.context["aws:SourceVpce"])).toMatch(/^vpce-[0-9a-f]+$/);
    const internet = byName.get("the analyst cannot list acme-data over the internet")!;
    expect(internet.status).toBe("passed");
    expect(internet.evidence?.method).toBe("proved");
    expect(byName.get("the analyst can list acme-data from vpc-3")?.status).toBe("passed");
    expect(r.code).toBe(1);
  });
});
