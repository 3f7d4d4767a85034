/**
 * Runs a fixture folder of "+"/"-" expectation pairs (the may and the mayNot of one request, of which
 * exactly one holds) three ways that must agree: the default run (sampled, then proved), sampling
 * alone (--no-prove), and the prover alone (no sampled request at all). Shared by the fidelity tests.
 */
import { expect, it } from "vitest";
import type { RequestSource } from "../../src/compile/sources.js";
import { runSuite } from "../../src/run/run-suite.js";
import { ROOT, runCli } from "./run-cli.js";

export interface PairResult {
  name: string;
  status: string;
  message?: string;
  evidence?: { method: string; requests: number; reason?: string };
  counterexample?: { principal: string; resource: string; decision: string; context: Record<string, unknown> };
}

const idOf = (r: PairResult) => r.name.split(" ")[0]!;

export async function cli(dir: string, extra: string[] = []): Promise<Map<string, PairResult>> {
  const r = await runCli(["test", dir, "--reporter", "json", "--seed", "1", ...extra]);
  const report = JSON.parse(r.stdout) as { results: PairResult[] };
  return new Map(report.results.map((x) => [idOf(x), x]));
}

const nothing: RequestSource = { name: "none", *candidates() {} };

/** The prover alone: no request is sampled, so every mayNot answer is the prover's. */
async function proverAlone(dir: string): Promise<Map<string, PairResult>> {
  const { result } = await runSuite([dir], { cwd: ROOT, seed: 1, source: nothing });
  return new Map((result.results as PairResult[]).map((x) => [idOf(x), x]));
}

/** The expected status of each expectation: the ids that hold, and the ids that do not. */
export function outcomes(passed: string, failed: string): Record<string, "passed" | "failed"> {
  const out: Record<string, "passed" | "failed"> = {};
  for (const id of passed.split(" ")) out[id] = "passed";
  for (const id of failed.split(" ")) out[id] = "failed";
  return out;
}

/** The outcomes of pairs whose may holds (`allowed`) or not (`refused`): each mayNot the opposite. */
export function pairs(allowed: string, refused: string): Record<string, "passed" | "failed"> {
  const ids = (s: string) => s.split(" ").filter(Boolean);
  return outcomes(
    [...ids(allowed).map((i) => `${i}+`), ...ids(refused).map((i) => `${i}-`)].join(" "),
    [...ids(allowed).map((i) => `${i}-`), ...ids(refused).map((i) => `${i}+`)].join(" "),
  );
}

/** Runs `dir` every way and checks each expectation's status against `expected`, both polarities. */
export function checkFixture(dir: string, expected: Record<string, "passed" | "failed">) {
  it("default run (sampled, then proved): each expectation as AWS decides it", async () => {
    const byId = await cli(dir);
    expect([...byId.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [id, status] of Object.entries(expected)) expect(byId.get(id)?.status, `${id}: ${byId.get(id)?.message ?? ""}`).toBe(status);
    // A mayNot that holds is proved, not only sampled.
    for (const [id, r] of byId) if (id.endsWith("-") && r.status === "passed" && r.evidence?.method !== "exact") expect(r.evidence?.method, id).toBe("proved");
    // Exactly one of the may and the mayNot of one request holds.
    for (const id of byId.keys()) {
      if (!id.endsWith("+")) continue;
      const minus = byId.get(`${id.slice(0, -1)}-`)!;
      expect([byId.get(id)!.status, minus.status].filter((s) => s === "passed"), id).toHaveLength(1);
    }
  });
  it("sampling alone (--no-prove) agrees", async () => {
    const byId = await cli(dir, ["--no-prove"]);
    for (const [id, status] of Object.entries(expected)) expect(byId.get(id)?.status, `${id}: ${byId.get(id)?.message ?? ""}`).toBe(status);
  });
  it("the prover alone agrees, and its counterexamples replay as Allow", async () => {
    const byId = await proverAlone(dir);
    for (const [id, status] of Object.entries(expected)) {
      const r = byId.get(id)!;
      if (!id.includes("-") || r.evidence?.method === "exact") continue;
      expect(r.status, `${id}: ${r.message ?? ""} ${r.evidence?.reason ?? ""}`).toBe(status);
      expect(r.evidence?.method, id).toBe("proved");
      if (status === "failed") expect(r.counterexample?.decision, id).toBe("Allow");
    }
  });
}
