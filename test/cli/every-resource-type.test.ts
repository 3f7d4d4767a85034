/**
 * Resource types of the bundled service reference end to end through the CLI (a spec file, an
 * environment file, `--require-proof`), on a sample of every resource type (every format of AWS
 * Backup's recovery points, which name other services' resources, included); the in-process test
 * (test/compile/every-resource-type.test.ts) checks every type. For each type, a user granted one
 * action on one realistic ARN of the type (names with `/` and `:`, no account or region where the
 * format has none), and another granted it through the format's pattern:
 * - `+` may on the ARN: passes; `-` mayNot on it: fails with the allowed request (exactly one holds);
 * - `~` mayNot on a sibling ARN (other names): passes, proved, having evaluated requests;
 * - `w` mayNot on the ARN for the user granted by the pattern: fails;
 * - `p` mayNot on the format's pattern for the user granted the ARN: fails, with that ARN.
 * A check that examines nothing, or an `on` refused, shows up as an error result.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { A, everyResourceType, instance, ownPattern, sibling, type ResourceType } from "../compile/resource-type-instances.js";
import { runCli, type JsonResult } from "./run-cli.js";

/** Resource types whose owner the ARN does not say (see OWNER_UNKNOWN in the in-process test). */
const OWNER_UNKNOWN = new Set(["mediaconnect\nOffering"]);
const SAMPLE_EVERY = Number(process.env.CLI_TYPES_EVERY ?? 9);

const TYPES = everyResourceType().filter((rt, i) => !OWNER_UNKNOWN.has(`${rt.service}\n${rt.type}`) && (i % SAMPLE_EVERY === 0 || rt.format.includes("backup/") || (rt.service === "backup" && rt.format.includes("::"))));

const allow = (action: string, resource: string) => ({ policies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] }] });
const TRUST_ACCOUNT = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "*", Resource: "*" }] };

/** The environment and the spec of the sample, as JSON files. */
function project(types: readonly ResourceType[]) {
  const users: Record<string, unknown> = {};
  const roles: Record<string, unknown> = {};
  const resources: Record<string, unknown> = {};
  const expect: unknown[] = [];
  types.forEach((rt, n) => {
    const arn = instance(rt.format, "path", "app");
    const pattern = ownPattern(rt.format);
    users[`u${n}`] = allow(rt.action, arn);
    users[`w${n}`] = allow(rt.action, pattern);
    // A role asked for by sts:AssumeRole* trusts the account; a KMS key has its default key policy
    // (kms/latest/developerguide/key-policy-default.html); a bucket is listed, so that its owner is known.
    const role = /^arn:aws:iam::\d{12}:role\/(.*\/)?([^/]+)$/.exec(arn);
    if (rt.service === "sts" && role) roles[role[2]!] = { path: `/${role[1] ?? ""}`, trust: TRUST_ACCOUNT };
    else if (/^arn:aws:kms:[^:]*:\d{12}:key\//.test(arn)) resources[arn] = { policy: TRUST_ACCOUNT };
    else if (arn.split(":")[2] === "s3" && arn.split(":")[4] === "") resources[arn] = {};
    const it = (id: string) => `${n}${id} ${rt.action} ${rt.format}`;
    expect.push({ it: it("+"), as: `user/u${n}`, may: rt.action, on: arn });
    expect.push({ it: it("-"), as: `user/u${n}`, mayNot: rt.action, on: arn });
    expect.push({ it: it("~"), as: `user/u${n}`, mayNot: rt.action, on: sibling(rt.format, "path") });
    expect.push({ it: it("w"), as: `user/w${n}`, mayNot: rt.action, on: arn });
    expect.push({ it: it("p"), as: `user/u${n}`, mayNot: rt.action, on: pattern });
  });
  return { env: { accounts: { [A]: { users, roles, resources } } }, spec: { environment: "./env.json", expect } };
}

type Result = JsonResult;

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

describe("every resource type through the CLI (a sample)", () => {
  it("may and mayNot on one ARN: exactly one holds; a sibling proved; a wildcard grant and the format's pattern found", async () => {
    expect(TYPES.length).toBeGreaterThan(200);
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-types-"));
    temps.push(dir);
    const { env, spec } = project(TYPES);
    writeFileSync(join(dir, "env.json"), JSON.stringify(env));
    writeFileSync(join(dir, "types.iamspec.json"), JSON.stringify(spec));
    const r = await runCli(["test", ".", "--reporter", "json", "--seed", "1", "--runs", "8", "--require-proof"], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    const results = (JSON.parse(r.stdout) as { results: Result[] }).results;
    expect(results).toHaveLength(TYPES.length * 5);
    const wrong: string[] = [];
    for (const x of results) {
      const id = x.name.split(" ")[0]!.slice(-1);
      const granted = instance(TYPES[Number.parseInt(x.name, 10)]!.format, "path", "app");
      const ok =
        id === "+" ? x.status === "passed"
        : id === "~" ? x.status === "passed" && x.evidence?.method === "proved" && x.evidence.requests > 0
        : x.status === "failed" && x.counterexample?.decision === "Allow" && (id === "w" || x.counterexample.resource === granted);
      if (!ok) wrong.push(`${x.name}: ${x.status} ${x.message ?? ""} ${JSON.stringify(x.evidence)}`);
    }
    expect(wrong, wrong.join("\n")).toEqual([]);
  }, 600_000);
});
