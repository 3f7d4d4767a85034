/**
 * Shared by the escalation CLI tests that ask both questions of a benchmark twin
 * (bench/escalation/scenarios/NAME/{buggy,fixed}/env.yaml): `mayBecome` and `mayNotBecome` of
 * `role/admin` for `user/dev`, through the real CLI entry with the JSON reporter.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

export const BENCH = join(ROOT, "bench/escalation");

/** The account of the benchmark's environments, and the pieces their inline documents are written with. */
export const A = "111122223333";
export const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
export const pol = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
export const allow = (Action: string | string[], Resource: string | string[] = "*") => ({ Effect: "Allow", Action, Resource });
/** A trust policy that lets a service assume the role. */
export const trust = (Service: string) => pol({ Effect: "Allow", Principal: { Service }, Action: "sts:AssumeRole" });

export interface Result {
  status: "passed" | "failed" | "error";
  path?: { principal?: string; action: string; resource: string; decision: string; context?: Record<string, unknown> }[];
  evidence?: { method: string };
}

export async function json(dir: string, extra: string[] = []): Promise<{ code: number; results: Result[] }> {
  const r = await runCli(["test", dir, "--reporter", "json", "--seed", "1", ...extra]);
  return { code: r.code, results: (JSON.parse(r.stdout) as { results: Result[] }).results };
}

/** A folder with the twin's env.yaml and a spec asking both questions of `role/admin`. */
export function bothQuestions(scenario: string, twin: "buggy" | "fixed"): string {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-twins-"));
  copyFileSync(join(BENCH, "scenarios", scenario, twin, "env.yaml"), join(dir, "env.yaml"));
  writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({
    environment: "./env.yaml",
    expect: [
      { it: "dev may become the admin role", as: "user/dev", mayBecome: "role/admin" },
      { it: "dev never becomes the admin role", as: "user/dev", mayNotBecome: "role/admin" },
    ],
  }));
  return dir;
}

/**
 * The buggy twin of `scenario`: mayBecome holds with a path of exactly `actions`, every step allowed,
 * and mayNotBecome fails (exit 1). Returns the path.
 */
export async function buggyPath(scenario: string, actions: string[]): Promise<NonNullable<Result["path"]>> {
  const { code, results } = await json(bothQuestions(scenario, "buggy"));
  expect(code).toBe(1);
  expect(results.map((r) => r.status)).toEqual(["passed", "failed"]);
  const path = results[0]!.path!;
  expect(path.map((s) => s.action)).toEqual(actions);
  expect(path.every((s) => s.decision === "Allow")).toBe(true);
  return path;
}

/** The fixed twin of `scenario`: mayNotBecome holds, proved (--require-proof), and mayBecome fails. */
export async function fixedProved(scenario: string): Promise<void> {
  const { results } = await json(bothQuestions(scenario, "fixed"), ["--require-proof"]);
  expect(results.map((r) => r.status)).toEqual(["failed", "passed"]);
  expect(results[1]!.evidence).toMatchObject({ method: "proved" });
}
