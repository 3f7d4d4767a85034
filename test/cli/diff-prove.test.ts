/**
 * `iam-spec diff` with the prover, through the real CLI entry: a new grant that opens for exactly one
 * combination of five request values (test/fixtures/diff-prover) is missed by sampling alone and
 * found by the prover, replayed on both sides; the reverse direction (HEAD only adds) is proved empty;
 * every reporter says which answers are proved and which only sampled.
 */
import { describe, expect, it } from "vitest";
import { cpuTimeMs } from "../../src/diff/prover-oracle.js";
import { runCli } from "./run-cli.js";

const BASE = "test/fixtures/diff-prover/base/env.yaml";
const HEAD = "test/fixtures/diff-prover/head/env.yaml";

interface Row {
  principalName: string;
  action: string;
  resource: string;
  context: Record<string, unknown>;
  statements: { sid?: string; file?: string; effect: string }[];
  evidence: { method: string; requests: number; queries?: number };
}
interface Report {
  newAccess: Row[];
  removedAccess: Row[];
  sampledOnly: { principal: string; action: string; direction: string; reason: string; requests: number }[];
  summary: { method: string; evidence: { newAccess: string; removedAccess: string; provedQuestions: number; sampledQuestions: number } };
}

async function diff(args: string[]): Promise<{ code: number; report: Report }> {
  // Proofs get a budget far above what a quiet machine needs, so that a loaded one does not turn a proof
  // into a sampled answer; --no-prove runs ignore it.
  const { code, stdout } = await runCli(["diff", ...args, "--reporter", "json", ...(args.includes("--proof-budget") ? [] : ["--proof-budget", "60000"])]);
  return { code, report: JSON.parse(stdout) as Report };
}

describe("iam-spec diff: the prover decides what sampling leaves open", () => {
  it("sampling alone misses the narrow new grant, and says its 'no new access' is only sampled", async () => {
    for (const seed of ["1", "2"]) {
      const { code, report } = await diff([BASE, HEAD, "--seed", seed, "--no-prove"]);
      expect(report.newAccess).toEqual([]);
      expect(code).toBe(0);
      expect(report.summary.evidence.newAccess).toBe("sampled");
      const open = report.sampledOnly.find((x) => x.direction === "new")!;
      expect(open).toMatchObject({ principal: "arn:aws:iam::111122223333:user/analyst", action: "s3:ListBucket", reason: "the prover was not asked" });
      expect(open.requests).toBeGreaterThan(0);
    }
  });

  it("the prover finds it: one concrete request, allowed by HEAD's new statement, replayed on both sides", async () => {
    const { code, report } = await diff([BASE, HEAD, "--seed", "1"]);
    expect(code).toBe(1);
    expect(report.newAccess).toHaveLength(1);
    const row = report.newAccess[0]!;
    expect(row.action).toBe("s3:ListBucket");
    expect(row.evidence.method).toBe("proved");
    expect(row.evidence.queries).toBeGreaterThan(0);
    expect(row.context).toMatchObject({ "s3:prefix": "backup/c3", "s3:delimiter": "~", "aws:RequestedRegion": "eu-west-3", "s3:max-keys": "33" });
    expect(row.statements.map((s) => s.sid)).toEqual(["BackupListing"]);
    // The reverse: HEAD only adds, so no removed access, proved.
    expect(report.removedAccess).toEqual([]);
    expect(report.sampledOnly).toEqual([]);
    expect(report.summary.evidence).toMatchObject({ newAccess: "proved", removedAccess: "proved" });
    expect(report.summary.method).toBe("proved");
  });

  it("the same request, replayed through explain, is allowed by HEAD and not by BASE", async () => {
    const { report } = await diff([BASE, HEAD, "--seed", "1"]);
    const ctx = report.newAccess[0]!.context;
    const when = Object.entries(ctx).flatMap(([k, v]) => ["--when", `${k}=${String(v)}`]);
    const ask = (env: string) => runCli(["explain", "--as", "user/analyst", "--action", "s3:ListBucket", "--on", "arn:aws:s3:::acme-data", ...when, env]);
    expect((await ask(HEAD)).stdout).toMatch(/Decision\s+Allow/);
    expect((await ask(BASE)).stdout).not.toMatch(/Decision\s+Allow/);
  });

  it("the reverse diff reports the grant as removed access and proves there is no new access", async () => {
    const { code, report } = await diff([HEAD, BASE, "--seed", "1"]);
    expect(code).toBe(0);
    expect(report.newAccess).toEqual([]);
    expect(report.summary.evidence.newAccess).toBe("proved");
    expect(report.removedAccess.map((r) => r.action)).toEqual(["s3:ListBucket"]);
  });

  it("--require-proof fails a diff whose 'no new access' is only sampled", async () => {
    expect((await diff([HEAD, BASE, "--seed", "1", "--no-prove", "--require-proof"])).code).toBe(1);
    expect((await diff([HEAD, BASE, "--seed", "1", "--require-proof"])).code).toBe(0);
  });

  it("pretty and github say what is proved and what is only sampled", async () => {
    const proved = await runCli(["diff", HEAD, BASE, "--seed", "1"]);
    expect(proved.stdout).toContain("none (proved: no request is decided differently)");
    expect(proved.stdout).toMatch(/no new access beyond the rows: proved/);
    const sampled = await runCli(["diff", HEAD, BASE, "--seed", "1", "--no-prove"]);
    expect(sampled.stdout).toMatch(/none found \(sampled only for 1 principal × action pair/);
    expect(sampled.stdout).toMatch(/Not proved[^\n]*\n\s+\? new access of arn:aws:iam::111122223333:user\/analyst s3:ListBucket: \d+ requests sampled; the prover was not asked/);
    const found = await runCli(["diff", BASE, HEAD, "--seed", "1", "--reporter", "github"]);
    expect(found.stdout).toMatch(/^::error file=[^\n]*head\/policies\/analyst\.json,line=\d+[^\n]*found by the prover/m);
    const github = await runCli(["diff", HEAD, BASE, "--seed", "1", "--no-prove", "--reporter", "github"]);
    expect(github.stdout).toMatch(/^::warning title=iam-spec diff%3A not proved::no new access is only sampled, not proved, for 1 principal × action pair/m);
    expect(github.stdout).toMatch(/only sampled for 1 principal × action pair/);
  });

  it("diff x x is proved without a request", async () => {
    const { code, report } = await diff([HEAD, HEAD, "--seed", "1"]);
    expect(code).toBe(0);
    expect(report.summary.method).toBe("exact");
    expect(report.summary.evidence.newAccess).toBe("proved");
    const pretty = await runCli(["diff", HEAD, HEAD, "--seed", "1"]);
    expect(pretty.stdout).toMatch(/proved: all \d+ principal × action pairs have identical deciding policies/);
  });

  it("a bad --proof-budget is an input error", async () => {
    const { code, stderr } = await runCli(["diff", BASE, HEAD, "--proof-budget", "soon"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--proof-budget must be a number of milliseconds/);
  });

  it("a spent --proof-budget leaves the pair sampled, never proved, and says the budget is CPU time", async () => {
    const { code, report } = await diff([BASE, HEAD, "--seed", "1", "--proof-budget", "0"]);
    expect(report.newAccess).toEqual([]);
    expect(code).toBe(0);
    expect(report.summary.evidence.newAccess).toBe("sampled");
    const open = report.sampledOnly.find((x) => x.direction === "new")!;
    expect(open).toMatchObject({ action: "s3:ListBucket", reason: "the diff's proof budget of 0 ms of CPU time was spent (--proof-budget raises it)" });
  });

  it("the budget's clock counts CPU time, not waiting: a loaded machine decides what a quiet one does", async () => {
    const before = cpuTimeMs();
    const wall = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(Date.now() - wall).toBeGreaterThanOrEqual(390);
    expect(cpuTimeMs() - before).toBeLessThan(200);
    let x = 0;
    const spin = cpuTimeMs();
    while (cpuTimeMs() - spin < 50) x++;
    expect(x).toBeGreaterThan(0);
  });

  it("a model that realism turns into another request is never a proof of 'no new access'", async () => {
    // HEAD allows listing with aws:SourceVpc = vpc-3, which only a request through a VPC endpoint
    // carries. The solver's request without an endpoint is not one AWS sends: realism drops the key and
    // the replay is not allowed. That is no proof that no request is: the pair stays sampled, with why.
    const base = "test/fixtures/diff-prover/vpc-base/env.yaml";
    const head = "test/fixtures/diff-prover/vpc-head/env.yaml";
    const { report } = await diff([base, head, "--seed", "1"]);
    const listed = report.newAccess.some((r) => r.action === "s3:ListBucket");
    if (!listed) {
      expect(report.summary.evidence.newAccess).toBe("sampled");
      expect(report.sampledOnly).toEqual([expect.objectContaining({ action: "s3:ListBucket", direction: "new", reason: expect.stringMatching(/realism/) })]);
    }
    // Explain confirms the access is real.
    const r = await runCli(["explain", "--as", "user/analyst", "--action", "s3:ListBucket", "--on", "arn:aws:s3:::acme-data", "--when", "aws:SourceVpc=vpc-3", "--when", "aws:SourceVpce=vpce-1", head]);
    expect(r.stdout).toMatch(/Decision\s+Allow/);
  });
});

