/**
 * AWS behaviours the evaluator once got wrong, through the CLI (fixture: test/fixtures/cli-fidelity):
 * built-in web identity providers (IAM/latest/UserGuide/reference_policies_elements_principal.html),
 * NotPrincipal with Allow (reference_policies_elements_notprincipal.html), resources AWS owns
 * (src/evaluator/aws-owned.ts), aws:PrincipalServiceNamesList (reference_policies_condition-keys.html),
 * fuzzed forms naming an account outside the environment (contract section 4) and undetermined answers
 * (contract sections 2 and 6). Each "+"/"-" pair is the may and the exact mayNot of one request:
 * exactly one of them holds.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

interface Result {
  name: string;
  status: string;
  message?: string;
  reason?: string;
  undetermined?: string[];
  counterexample?: { principal: string };
}

const FIXTURE = "test/fixtures/cli-fidelity";

/** The real binary, as a user runs it (tsx named by path: a generated folder has no node_modules). */
function binary(args: string[], cwd: string) {
  return spawnSync(process.execPath, ["--import", pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href, join(ROOT, "src/cli/main.ts"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
  });
}

function byIdOf(stdout: string): Map<string, Result> {
  const report = JSON.parse(stdout) as { results: Result[] };
  return new Map(report.results.map((x) => [x.name.split(" ")[0]!, x]));
}

async function run(): Promise<{ code: number; byId: Map<string, Result> }> {
  const r = binary(["test", FIXTURE, "--reporter", "json", "--seed", "3"], ROOT);
  return { code: r.status ?? -1, byId: byIdOf(r.stdout) };
}

const expected: [string, "passed" | "failed", RegExp?][] = [
  ["W1+", "passed"],
  ["W1-", "failed", /^allowed: sts:AssumeRoleWithWebIdentity/],
  ["W2+", "failed", /^not allowed/],
  ["W2-", "passed"],
  ["W3", "failed", /^allowed: sts:AssumeRoleWithWebIdentity .*found by/],
  ["W4", "failed", /^allowed: sts:AssumeRoleWithWebIdentity/],
  ["W5+", "passed"],
  ["W5-", "failed"],
  ["W6+", "failed"],
  ["W6-", "passed"],
  ["W7+", "passed"],
  ["W7-", "failed"],
  ["W8+", "failed", /^hop 1: cognito-identity\.amazonaws\.com may not sts:AssumeRoleWithWebIdentity/],
  ["W8-", "passed"],
  ["N1+", "failed", /^not allowed: sqs:SendMessage/],
  ["N1-", "passed"],
  ["N2+", "passed"],
  ["N2-", "failed"],
  ["O1+", "failed"],
  ["O1-", "passed"],
  ["O2+", "failed"],
  ["O2-", "passed"],
  ["O3+", "failed"],
  ["O3-", "passed"],
  ["O4+", "failed"],
  ["O4-", "passed"],
  ["O5+", "passed"],
  ["O5-", "failed"],
  ["S1+", "passed"],
  ["S1-", "failed"],
  ["S2+", "failed"],
  ["S2-", "passed"],
  ["F1", "failed", /^allowed: sqs:SendMessage/],
  ["F2", "passed"],
  ["F3", "passed"],
  ["F4", "failed", /^allowed: sqs:SendMessage/],
  ["U1+", "failed", /^undetermined: s3:GetObject .* unlisted-bucket-owner .*assumptions: \{ unlisted-bucket-owner: caller \| outside \}, or list the bucket/],
  ["U1-", "failed", /^undetermined: .*unlisted-bucket-owner/],
  ["U2+", "failed", /^undetermined: .*principal-star-boundary/],
  ["A1+", "passed"],
  ["A1-", "failed"],
  ["B1+", "failed", /^not allowed/],
  ["B1-", "passed"],
  ["B2+", "passed"],
  ["B2-", "failed"],
  ["V1+", "failed", /^undetermined: s3:GetObject .*vpce-endpoint-type.*assumptions: \{ vpce-endpoint-type: interface \| gateway \}, or declare the endpoint's type/],
  ["V2+", "failed", /^not allowed/],
  ["V2-", "passed"],
  ["V3+", "passed"],
  ["V3-", "failed"],
  ["E1+", "failed", /^undetermined: s3:ListBucket .*empty-scp-level/],
  ["E2+", "failed", /^hop 1: .*user\/alice may not sts:AssumeRole .*\(undetermined: depends on empty-scp-level/],
  ["E2-", "failed", /^undetermined: .*empty-scp-level/],
];

describe("fidelity to AWS through the real binary", async () => {
  const { code, byId } = await run();
  it("exit code 1 (some expectations fail on purpose), every expectation reported", () => {
    expect(code).toBe(1);
    expect([...byId.keys()].sort()).toEqual(expected.map((e) => e[0]).sort());
  });
  it.each(expected)("%s is %s", (id, status, message) => {
    const r = byId.get(id);
    expect(r?.status, r?.message).toBe(status);
    if (message) expect(r?.message).toMatch(message);
  });
  it("the may and the exact mayNot of one request: exactly one holds", () => {
    for (const id of byId.keys()) {
      if (!id.endsWith("+")) continue;
      const minus = byId.get(`${id.slice(0, -1)}-`);
      // Undetermined answers fail both ways on purpose.
      if (!minus || byId.get(id)!.undetermined) continue;
      expect([byId.get(id)!.status, minus.status].filter((s) => s === "passed"), id).toHaveLength(1);
    }
  });
  it("an unknown bucket owner fails both ways and says so in the JSON result", () => {
    expect(byId.get("U1+")?.undetermined).toEqual(["unlisted-bucket-owner"]);
    expect(byId.get("U1-")?.undetermined).toEqual(["unlisted-bucket-owner"]);
    expect(byId.get("U2+")?.undetermined).toEqual(["principal-star-boundary"]);
    expect(byId.get("A1+")?.undetermined).toBeUndefined();
    expect(byId.get("V1+")?.undetermined).toEqual(["vpce-endpoint-type"]);
    // An SCP level written as `scps: []`, met directly and by the hop of a chain.
    expect(byId.get("E1+")?.undetermined).toEqual(["empty-scp-level"]);
    expect(byId.get("E2+")?.undetermined).toEqual(["empty-scp-level"]);
  });
  it("AWS-owned resources are refused with the reason, not by a statement", () => {
    expect(byId.get("O1+")?.reason).toMatch(/service-linked role is refused/);
    expect(byId.get("O2+")?.reason).toMatch(/\/aws-reserved\/ is refused/);
    expect(byId.get("O3+")?.reason).toMatch(/AWS managed policy is refused/);
    expect(byId.get("O4+")?.reason).toMatch(/alias\/aws\/ is refused/);
  });
  it("the built-in provider asks as itself, not as a provider ARN of an account", () => {
    expect(byId.get("W1-")?.counterexample?.principal).toBe("cognito-identity.amazonaws.com");
  });
  it("{ from } of an outside account yields its principals; { notFrom } never does", () => {
    expect(byId.get("F1")?.counterexample?.principal).toMatch(/^arn:aws:sts::444455556666:/);
    expect(byId.get("F4")?.counterexample?.principal).toBe("arn:aws:iam::444455556666:root");
  });
});

describe("in-process runs agree with the binary", () => {
  it("the same results through main()", async () => {
    const r = await runCli(["test", FIXTURE, "--reporter", "json", "--seed", "3"]);
    const inProcess = byIdOf(r.stdout);
    expect(r.code).toBe(1);
    for (const [id, status] of expected) expect(inProcess.get(id)?.status, id).toBe(status);
  });
});

describe("input errors through the real binary", () => {
  const temps: string[] = [];
  afterAll(() => {
    for (const t of temps) rmSync(t, { recursive: true, force: true });
  });
  const node = binary;

  it("a 10,000-deep nest, YAML or JSON, is an input error with its position: exit 2, no stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-deep-"));
    temps.push(dir);
    writeFileSync(join(dir, "env.yaml"), `accounts:\n  "111122223333":\n    users:\n      bob: { policies: [ ./p.json ] }\n`);
    writeFileSync(join(dir, "p.json"), `{"Version": "2012-10-17", "Statement": ${"[".repeat(10_000)}${"]".repeat(10_000)}}`);
    writeFileSync(join(dir, "t.iamspec.yaml"), `environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: s3:GetObject\n    on: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`);
    const r = node(["test", "."], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^t\.iamspec\.yaml:5:\d+: invalid YAML: values nested more than 200 levels deep \(/m);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/Maximum call stack|\n\s+at .+:\d+:\d+/);
    writeFileSync(join(dir, "t.iamspec.yaml"), `environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: s3:GetObject\n`);
    const j = node(["test", "."], dir);
    expect(j.status).toBe(2);
    expect(j.stderr).toMatch(/^p\.json:1:\d+: invalid JSON: values nested more than 200 levels deep \(/m);
    expect(`${j.stdout}${j.stderr}`).not.toMatch(/Maximum call stack|\n\s+at .+:\d+:\d+/);
  });

  it("a trailing comma in a JSON policy file: exit 2 at the comma's bracket", () => {
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-comma-"));
    temps.push(dir);
    writeFileSync(join(dir, "env.yaml"), `accounts:\n  "111122223333":\n    users:\n      bob: { policies: [ ./p.json ] }\n`);
    writeFileSync(join(dir, "p.json"), `{\n  "Version": "2012-10-17",\n  "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*" }, ]\n}\n`);
    writeFileSync(join(dir, "t.iamspec.yaml"), `environment: ./env.yaml\nexpect:\n  - as: user/bob\n    may: s3:GetObject\n`);
    const r = node(["test", "."], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^p\.json:3:73: invalid JSON: .*\(remove the trailing comma/m);
  });
});

describe("a condition key the service reference does not list (contract section 2: never ignored)", () => {
  it("is fuzzed for a service the reference describes: the grant that rests on it is found, both polarities", async () => {
    const r = await runCli(["test", "test/fixtures/unlisted-service-key", "--reporter", "json", "--seed", "1", "--workers", "1"]);
    expect(r.code).toBe(1);
    const results = (JSON.parse(r.stdout) as { results: (Result & { counterexample?: { context: Record<string, unknown> } })[] }).results;
    expect(results.map((x) => x.status)).toEqual(["passed", "failed", "passed"]);
    expect(results[1]?.counterexample?.context["s3:x-amz-server-side-encryption-customer-key-MD5"]).toBe("c2VjcmV0");
  });
});

interface Evidenced extends Result {
  evidence: { method: string; requests: number };
  counterexample?: Result["counterexample"] & { resource: string; decision: string };
}

/** Runs `dir` with --require-proof: every expectation passes, each by the method given, on evaluated requests. */
async function expectHolds(dir: string, methods: string[]): Promise<void> {
  const r = await runCli(["test", dir, "--reporter", "json", "--seed", "1", "--require-proof"]);
  const results = evidenced(r.stdout);
  expect(results.map((x) => [x.status, x.evidence.method])).toEqual(methods.map((m) => ["passed", m]));
  for (const x of results) expect(x.evidence.requests).toBeGreaterThan(0);
  expect(r.code).toBe(0);
}

/** The results of a JSON report, with their evidence and counterexamples. */
function evidenced(stdout: string): Evidenced[] {
  return (JSON.parse(stdout) as { results: Evidenced[] }).results;
}

/**
 * A service's own resource-tag key carries the resource's tags, as aws:ResourceTag/* does:
 * ec2:ResourceTag/${TagKey} (service-authorization/latest/reference/list_amazonec2.html),
 * iam:ResourceTag/${TagKey} (list_awsidentityandaccessmanagementiam.html). It follows from the
 * environment (never free), so a mayNot on a differently tagged resource is proved, not a false alarm.
 */
describe("service-specific resource-tag keys (ec2:ResourceTag, iam:ResourceTag)", () => {
  const dir = "test/fixtures/cli-fidelity-service-tags";

  it("hold: the tagged resources are granted (exact), the others proved never", async () => {
    await expectHolds(`${dir}/holds`, ["exact", "proved", "exact", "proved"]);
  });

  it("flipped: every expectation fails, each with its request", async () => {
    const r = await runCli(["test", `${dir}/flipped`, "--reporter", "json", "--seed", "1"]);
    const results = evidenced(r.stdout);
    expect(results.map((x) => x.status)).toEqual(["failed", "failed", "failed", "failed"]);
    expect(results.map((x) => x.counterexample?.decision)).toEqual(["Allow", "ImplicitDeny", "Allow", "ImplicitDeny"]);
    expect(results[0]!.counterexample!.resource).toBe("arn:aws:ec2:us-east-1:111122223333:instance/i-0dev00000000000aa");
    expect(results[2]!.counterexample!.resource).toBe("arn:aws:iam::111122223333:role/web-app");
    expect(r.code).toBe(1);
  });
});

/**
 * s3:ResourceAccount is the bucket owner's account, as aws:ResourceAccount is
 * (service-authorization/latest/reference/list_amazons3.html): an S3 endpoint policy that keeps
 * requests to the account's own buckets lets them through and stops the others.
 */
describe("s3:ResourceAccount", () => {
  const dir = "test/fixtures/cli-fidelity-s3-resource-account";

  it("holds: the own bucket through the endpoint (exact), never the partner's (proved), the partner's outside it", async () => {
    await expectHolds(`${dir}/holds`, ["exact", "proved", "exact"]);
  });

  it("flipped: both fail, with the deciding request", async () => {
    const r = await runCli(["test", `${dir}/flipped`, "--reporter", "json", "--seed", "1"]);
    const results = evidenced(r.stdout);
    expect(results.map((x) => [x.status, x.counterexample?.decision])).toEqual([
      ["failed", "Allow"],
      ["failed", "ImplicitDeny"],
    ]);
    expect(results[0]!.counterexample!.resource).toMatch(/^arn:aws:s3:::etl-own-data\//);
    expect(r.code).toBe(1);
  });
});
