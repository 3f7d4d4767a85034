/**
 * iam:SetDefaultPolicyVersion (Rhino Security Labs' method 2) end to end through the CLI: an older
 * version of a customer managed policy the caller has, made the default again
 * (IAM/latest/APIReference/API_SetDefaultPolicyVersion.html, IAM/latest/UserGuide/access_policies_managed-versioning.html).
 * The versions come from `versions:` or from an authorizationDetails import's PolicyVersionList
 * (IAM/latest/APIReference/API_PolicyVersion.html); a policy given without them leaves the open point
 * policy-versions, which `assumptions:` settles.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

interface Result {
  name: string;
  status: "passed" | "failed" | "error";
  message?: string;
  path?: { principal: string; action: string; resource: string; decision: string; undetermined?: string[] }[];
  undetermined?: string[];
  evidence?: { method: string; requests: number };
}

async function json(args: string[]): Promise<{ code: number; results: Result[]; stderr: string }> {
  const r = await runCli([...args, "--reporter", "json", "--seed", "1"]);
  return { code: r.code, results: (JSON.parse(r.stdout) as { results: Result[] }).results, stderr: r.stderr };
}

function project(env: unknown, expect: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-versions-"));
  writeFileSync(join(dir, "env.yaml"), JSON.stringify(env, null, 2));
  writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect }, null, 2));
  return dir;
}

const A = "111122223333";
const pol = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const POLICY = `arn:aws:iam::${A}:policy/DevPolicy`;
const CURRENT = pol(
  { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
  { Effect: "Allow", Action: "iam:SetDefaultPolicyVersion", Resource: `arn:aws:iam::${A}:policy/*` },
);
const EVERYTHING = pol({ Effect: "Allow", Action: "*", Resource: "*" });
const never = { it: "never admin", as: "user/dev", mayNotBecome: "admin" };
const may = { it: "may become admin", as: "user/dev", mayBecome: "admin" };
const env = (policy: unknown, assumptions?: Record<string, string>) => ({
  accounts: { [A]: { users: { dev: { policies: [POLICY] } }, policies: { DevPolicy: policy } } },
  ...(assumptions ? { assumptions } : {}),
});

describe("declared versions", () => {
  it("an older version that allows everything: mayNotBecome fails through the step, mayBecome holds", async () => {
    const r = await json(["test", project(env({ document: CURRENT, versions: { v1: EVERYTHING } }), [never, may])]);
    expect(r.code).toBe(1);
    const [n, m] = r.results;
    expect(n!.status).toBe("failed");
    expect(n!.path).toEqual([expect.objectContaining({ principal: `arn:aws:iam::${A}:user/dev`, action: "iam:SetDefaultPolicyVersion", resource: POLICY, decision: "Allow" })]);
    expect(n!.undetermined).toBeUndefined();
    expect(n!.message).toMatch(/default version of DevPolicy set to v1 in 1 step$/);
    expect(m!.status).toBe("passed");
  });

  it("versions that allow no more, or none at all (versions: {}): proved, and mayBecome fails", async () => {
    for (const versions of [{ v1: pol({ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }) }, {}]) {
      const r = await json(["test", project(env({ document: CURRENT, versions }), [never, may]), "--require-proof"]);
      expect(r.results.map((x) => x.status)).toEqual(["passed", "failed"]);
      expect(r.results[0]!.evidence).toMatchObject({ method: "proved" });
    }
  });

  it("without iam:SetDefaultPolicyVersion the old version is out of reach", async () => {
    const current = pol({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, { Effect: "Allow", Action: "iam:ListPolicyVersions", Resource: "*" });
    const r = await json(["test", project(env({ document: current, versions: { v1: EVERYTHING } }), [never])]);
    expect(r.results[0]!.status).toBe("passed");
  });

  it("a role's policy (API_SetDefaultPolicyVersion.html: every principal the policy is attached to)", async () => {
    const e = {
      accounts: {
        [A]: {
          users: { dev: { policies: [pol({ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${A}:role/app` })] } },
          roles: {
            app: {
              trust: pol({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "sts:AssumeRole" }),
              policies: [`arn:aws:iam::${A}:policy/app/AppPolicy`],
            },
          },
          policies: { "app/AppPolicy": { document: CURRENT, versions: { v1: EVERYTHING, v2: CURRENT } } },
        },
      },
    };
    const r = await json(["test", project(e, [never])]);
    expect(r.results[0]!.path!.map((s) => s.action)).toEqual(["sts:AssumeRole", "iam:SetDefaultPolicyVersion"]);
    expect(r.results[0]!.path![1]!.resource).toBe(`arn:aws:iam::${A}:policy/app/AppPolicy`);
  });

  it("a version that is not a policy is an input error at its position", async () => {
    const dir = project(env({ document: CURRENT, versions: { v1: { Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] } } }), [never]);
    const r = await runCli(["test", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/env\.yaml:\d+:\d+: .*Resource/);
    const bad = await runCli(["test", project(env({ document: CURRENT, versions: { first: EVERYTHING } }), [never])]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/key "first" is not valid/);
    const noDocument = await runCli(["test", project(env({ versions: { v1: EVERYTHING } }), [never])]);
    expect(noDocument.code).toBe(2);
    expect(noDocument.stderr).toMatch(/env\.yaml:\d+:\d+: policies: DevPolicy lists versions but no document \(give the default version as document:/);
  });
});

describe("the permissions boundary's versions (access_policies_boundaries.html: the delegation example denies both calls on the boundary policy)", () => {
  const BOUNDARY = `arn:aws:iam::${A}:policy/DevBoundary`;
  const boundaryNow = pol({ Effect: "Allow", Action: ["s3:*", "iam:SetDefaultPolicyVersion", "iam:CreatePolicyVersion"], Resource: "*" });
  const deny = (...Action: string[]) => ({ Effect: "Deny", Action, Resource: BOUNDARY });
  const bounded = (identity: unknown, versions: Record<string, unknown> | undefined) => ({
    accounts: {
      [A]: {
        users: { dev: { policies: [identity], boundary: BOUNDARY } },
        policies: { DevBoundary: versions ? { document: boundaryNow, versions } : boundaryNow },
      },
    },
    assumptions: { "policy-versions": "declared-only" },
  });
  const everything = { Effect: "Allow", Action: "*", Resource: "*" };

  it("an older boundary version that limits nothing: SetDefaultPolicyVersion on the boundary escapes it", async () => {
    const buggy = await json(["test", project(bounded(pol(everything, deny("iam:CreatePolicyVersion")), { v1: EVERYTHING }), [never])]);
    expect(buggy.results[0]!.status).toBe("failed");
    expect(buggy.results[0]!.path).toEqual([expect.objectContaining({ action: "iam:SetDefaultPolicyVersion", resource: BOUNDARY })]);
    const fixed = await json(["test", project(bounded(pol(everything, deny("iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion")), { v1: EVERYTHING }), [never]), "--require-proof"]);
    expect(fixed.results[0]!.status).toBe("passed");
  });

  it("a new default version of the boundary (CreatePolicyVersion) escapes it too", async () => {
    const buggy = await json(["test", project(bounded(pol(everything, deny("iam:SetDefaultPolicyVersion")), undefined), [never])]);
    expect(buggy.results[0]!.status).toBe("failed");
    expect(buggy.results[0]!.path).toEqual([expect.objectContaining({ action: "iam:CreatePolicyVersion", resource: BOUNDARY })]);
  });
});

describe("the open point policy-versions (a policy given without versions:)", () => {
  it("left open: mayNotBecome fails as undetermined and names the point; mayBecome does not count the step", async () => {
    const r = await json(["test", project(env(CURRENT), [never, may])]);
    const [n, m] = r.results;
    expect(n!.status).toBe("failed");
    expect(n!.undetermined).toEqual(["policy-versions"]);
    expect(n!.message).toMatch(/undetermined: iam:SetDefaultPolicyVersion on arn:aws:iam::111122223333:policy\/DevPolicy .*assumptions: \{ policy-versions: declared-only \| any \}/);
    expect(n!.path![0]!.undetermined).toEqual(["policy-versions"]);
    // It fails too (it holds under one reading only), and names the point.
    expect(m!.status).toBe("failed");
    expect(m!.undetermined).toEqual(["policy-versions"]);
    expect(m!.message).toMatch(/^no path from user\/dev .*; undetermined: iam:SetDefaultPolicyVersion on /);
  });

  it("declared-only: proved; any: a path, determined", async () => {
    const only = await json(["test", project(env(CURRENT, { "policy-versions": "declared-only" }), [never, may]), "--require-proof"]);
    expect(only.results.map((x) => x.status)).toEqual(["passed", "failed"]);
    expect(only.results[0]!.evidence).toMatchObject({ method: "proved" });
    const any = await json(["test", project(env(CURRENT, { "policy-versions": "any" }), [never, may])]);
    expect(any.results.map((x) => x.status)).toEqual(["failed", "passed"]);
    expect(any.results[0]!.undetermined).toBeUndefined();
  });

  it("does not fire where the step is not allowed, or where another path decides", async () => {
    const noStep = pol({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" });
    expect((await json(["test", project(env(noStep), [never])])).results[0]!.status).toBe("passed");
    // iam:CreatePolicyVersion reaches admin on every reading: the failure is determined.
    const both = pol({ Effect: "Allow", Action: ["iam:SetDefaultPolicyVersion", "iam:CreatePolicyVersion"], Resource: "*" });
    const r = (await json(["test", project(env(both), [never])])).results[0]!;
    expect(r.status).toBe("failed");
    expect(r.undetermined).toBeUndefined();
    expect(r.path!.map((s) => s.action)).toEqual(["iam:CreatePolicyVersion"]);
  });
});

describe("authorizationDetails import (PolicyVersionList)", () => {
  const FIX = join(ROOT, "test/fixtures/escalation/policy-versions");
  const imported = (file: string) =>
    project({ import: [{ authorizationDetails: join(FIX, file), account: A }] }, [
      { it: "ci never becomes admin", as: "user/ci", mayNotBecome: "admin" },
      { it: "ops never becomes admin", as: "user/ops", mayNotBecome: "admin" },
    ]);

  it("the export's older versions are paths: a user's own policy, and a policy of the user's group, then a further IAM step", async () => {
    const r = await json(["test", imported("gaad.json")]);
    const [ci, ops] = r.results;
    expect(ci!.status).toBe("failed");
    expect(ci!.undetermined).toBeUndefined();
    expect(ci!.path!.map((s) => [s.action, s.resource])).toEqual([["iam:SetDefaultPolicyVersion", `arn:aws:iam::${A}:policy/ci/CiDeploy`]]);
    expect(ops!.status).toBe("failed");
    // v2 of the group's policy allows iam:* (not every action): admin takes a further IAM step.
    expect(ops!.path![0]).toMatchObject({ action: "iam:SetDefaultPolicyVersion", resource: `arn:aws:iam::${A}:policy/Operators` });
    expect(ops!.path!.length).toBeGreaterThan(1);
    expect(ops!.path!.slice(1).every((s) => s.action.startsWith("iam:") || s.action === "sts:AssumeRole")).toBe(true);
  });

  it("after the old versions are deleted: both proved (the export lists every version, so nothing is open)", async () => {
    const r = await json(["test", imported("gaad-cleaned.json"), "--require-proof"]);
    expect(r.results.map((x) => x.status)).toEqual(["passed", "passed"]);
    for (const x of r.results) expect(x.evidence).toMatchObject({ method: "proved" });
  });

  it("the real process", () => {
    const p = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "test", imported("gaad.json"), "--seed", "1"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
    });
    expect(p.status).toBe(1);
    expect(p.stdout).toMatch(/1\. arn:aws:iam::111122223333:user\/ci {2}iam:SetDefaultPolicyVersion {2}arn:aws:iam::111122223333:policy\/ci\/CiDeploy {2}Allow/);
  });
});

describe("iam-spec graph", () => {
  it("labels the edge by the method", async () => {
    const dir = project(env({ document: CURRENT, versions: { v1: EVERYTHING } }), [never]);
    const r = await runCli(["graph", join(dir, "env.yaml"), "--format", "json"]);
    expect(r.code).toBe(0);
    const pic = JSON.parse(r.stdout) as { nodes: { id: string; admin: boolean; label: string }[]; edges: { from: string; to: string; method: string }[] };
    const edge = pic.edges.find((e) => e.method === "iam:SetDefaultPolicyVersion");
    expect(edge).toBeDefined();
    expect(pic.nodes.find((n) => n.id === edge!.to)).toMatchObject({ admin: true });
  });
  it("a step through an undeclared version carries the open point", async () => {
    const r = await runCli(["graph", join(project(env(CURRENT), [never]), "env.yaml"), "--format", "json"]);
    const pic = JSON.parse(r.stdout) as { edges: { method: string; steps: { action: string; undetermined?: string[] }[] }[] };
    const edge = pic.edges.find((e) => e.method === "iam:SetDefaultPolicyVersion");
    expect(edge!.steps).toEqual([expect.objectContaining({ action: "iam:SetDefaultPolicyVersion", undetermined: ["policy-versions"] })]);
    const mermaid = await runCli(["graph", join(project(env(CURRENT), [never]), "env.yaml")]);
    expect(mermaid.stdout).toMatch(/n\d+ -\.->\|"iam:SetDefaultPolicyVersion \(undetermined: policy-versions\)"\| n\d+/);
    const settled = await runCli(["graph", join(project(env(CURRENT, { "policy-versions": "declared-only" }), [never]), "env.yaml"), "--format", "json"]);
    expect((JSON.parse(settled.stdout) as { edges: { method: string }[] }).edges.some((e) => e.method === "iam:SetDefaultPolicyVersion")).toBe(false);
  });
});
