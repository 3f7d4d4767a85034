/**
 * End-to-end loophole suite (docs/fuzzing.md, "End-to-end loophole suite"): every folder of
 * test/fixtures/loopholes/, test/fixtures/loopholes-world/ and test/fixtures/loopholes-field/ holds a
 * real-world IAM loophole as a `buggy/` and a `fixed/` environment with the same `*.iamspec.yaml` of
 * mayNot expectations (the loopholes-world and loopholes-field ones, written from incident write-ups
 * and AWS pages cited in their first line, also a `may` of the legitimate request). Through the real CLI entry (`main`), at the default budget and a few fixed seeds, the
 * buggy variant must fail (exit 1) with a counterexample whose decision is Allow while its `may`
 * holds, and the fixed variant must pass (exit 0): no false alarm, every mayNot proved.
 */
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { RequestSource } from "../../src/compile/sources.js";
import { runSuite } from "../../src/run/run-suite.js";
import { conditionKeyType } from "../../src/data/condition-keys.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SUITES = ["test/fixtures/loopholes", "test/fixtures/loopholes-world", "test/fixtures/loopholes-field"];
const SEEDS = [1, 2, 3];

/** Each scenario as SUITE_FOLDER/NAME, relative to the repository. */
const scenarios = SUITES.flatMap((suite) =>
  readdirSync(join(ROOT, suite), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(suite, d.name)),
).sort();

/** How many `may` expectations a variant's spec holds: their evidence is `exact`, every other one `proved`. */
function mayCount(dir: string): number {
  const spec = readdirSync(dir).find((f) => /\.iamspec\.ya?ml$/.test(f))!;
  const doc = parse(readFileSync(join(dir, spec), "utf8")) as { expect: Record<string, unknown>[] };
  return doc.expect.filter((e) => "may" in e).length;
}

interface JsonReport {
  seed: number;
  summary: { passed: number; failed: number; errors: number };
  results: {
    file: string;
    name: string;
    status: "passed" | "failed" | "error";
    message?: string;
    counterexample?: { principal: string; action: string; resource: string; context: Record<string, unknown>; decision: string };
    evidence?: { method: string; requests: number; reason?: string };
  }[];
}

/**
 * What no AWS request holds (contract section 2: fuzzed requests are requests AWS could send): an
 * aws:SourceArn or aws:PrincipalArn that is no ARN, an empty account field where the service has one
 * or a name ending in `/` (IAM/latest/UserGuide/reference-arns.html); a VPC endpoint or VPC id of
 * another shape, an account id that is not 12 digits
 * (IAM/latest/UserGuide/reference_policies_condition-keys.html); an EC2 instance id holding `/`
 * (AWSEC2/latest/UserGuide/resource-ids.html).
 */
function impossible(cx: { resource: string; context: Record<string, unknown> }): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(cx.context)) {
    const k = key.toLowerCase();
    const v = String(value);
    if ((k === "aws:sourcearn" || k === "aws:principalarn") && !/^arn:[\w-]+:[\w-]+:[\w-]*:(\d{12}|aws)?:[^/]*\S*[^/:]$/.test(v)) out.push(`${key}: ${v}`);
    if (k === "aws:sourcearn" && /^arn:[\w-]+:(sns|sqs|events|execute-api|lambda|logs):[^:]*::/.test(v)) out.push(`${key} without an account: ${v}`);
    if (k === "aws:sourcevpce" && !/^vpce-[0-9a-f]+$/.test(v)) out.push(`${key}: ${v}`);
    if (k === "aws:sourcevpc" && !/^vpc-[0-9a-f]+$/.test(v)) out.push(`${key}: ${v}`);
    if (/^aws:(source|principal|resource)account$/.test(k) && !/^\d{12}$/.test(v)) out.push(`${key}: ${v}`);
    // A canned ACL (AmazonS3/latest/userguide/acl-overview.html#canned-acl); S3 rejects any other value.
    if (k === "s3:x-amz-acl" && !/^(private|public-read(-write)?|aws-exec-read|authenticated-read|bucket-owner-(read|full-control)|log-delivery-write)$/.test(v)) out.push(`${key}: ${v}`);
    // A subscription protocol (sns/latest/api/API_Subscribe.html), a function URL auth type
    // (lambda/latest/api/API_CreateFunctionUrlConfig.html), a Select (amazondynamodb/latest/APIReference/API_Query.html).
    if (k === "sns:protocol" && !/^(https?|email(-json)?|sms|sqs|application|lambda|firehose)$/.test(v)) out.push(`${key}: ${v}`);
    if (k === "lambda:functionurlauthtype" && !/^(AWS_IAM|NONE)$/.test(v)) out.push(`${key}: ${v}`);
    if (k === "dynamodb:select" && !/^(ALL_ATTRIBUTES|ALL_PROJECTED_ATTRIBUTES|SPECIFIC_ATTRIBUTES|COUNT)$/.test(v)) out.push(`${key}: ${v}`);
  }
  // A key the service reference types as single-valued carries one value (s3:prefix is a String:
  // IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
  for (const [key, value] of Object.entries(cx.context)) {
    const type = conditionKeyType(key);
    if (Array.isArray(value) && type !== undefined && !type.startsWith("ArrayOf") && !/:amr$/i.test(key)) out.push(`${key} as a list: ${JSON.stringify(value)}`);
  }
  if (/:ec2:[^:]*:[^:]*:instance\/[^/]*\//.test(cx.resource)) out.push(`resource ${cx.resource}`);
  return out;
}

async function run(path: string, seed: number): Promise<{ code: number; report: JsonReport; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(["test", path, "--seed", String(seed), "--reporter", "json"], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: ROOT,
    env: {},
    isTTY: false,
  });
  return { code, report: JSON.parse(stdout) as JsonReport, stderr };
}

describe("end-to-end loophole suite (test/fixtures/loopholes)", () => {
  it("has at least 25 scenarios, each with buggy/ and fixed/ holding the same spec", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(25);
    for (const s of scenarios) {
      const specOf = (v: string) => {
        const dir = join(ROOT, s, v);
        const names = readdirSync(dir).filter((f) => /\.iamspec\.ya?ml$/.test(f));
        expect(names, `${s}/${v}`).toHaveLength(1);
        expect(readdirSync(dir)).toContain("env.yaml");
        return readFileSync(join(dir, names[0]!), "utf8");
      };
      expect(specOf("buggy"), `${s}: buggy and fixed must ask the same question`).toBe(specOf("fixed"));
    }
  });

  describe.each(scenarios)("%s", (scenario) => {
    it.each(SEEDS)("buggy: the loophole is found (exit 1, an allowed counterexample), seed %i", async (seed) => {
      const { code, report, stderr } = await run(join(scenario, "buggy"), seed);
      expect(stderr).toBe("");
      expect(report.summary.errors).toBe(0);
      expect(code).toBe(1);
      // The legitimate requests (`may`) hold in the buggy variant too.
      const exact = report.results.filter((r) => r.evidence?.method === "exact");
      expect(exact.map((r) => `${r.name}: ${r.status}`)).toEqual(exact.map((r) => `${r.name}: passed`));
      expect(exact).toHaveLength(mayCount(join(ROOT, scenario, "buggy")));
      const failed = report.results.filter((r) => r.status === "failed");
      expect(failed.length).toBeGreaterThan(0);
      for (const r of failed) expect(r.counterexample?.decision, `${r.name}: ${r.message}`).toBe("Allow");
      for (const r of failed) expect(impossible(r.counterexample!), `${r.name}: ${JSON.stringify(r.counterexample)}`).toEqual([]);
    });
    it.each(SEEDS)("fixed: no false alarm (exit 0), seed %i", async (seed) => {
      const { code, report, stderr } = await run(join(scenario, "fixed"), seed);
      expect(stderr).toBe("");
      const failures = report.results.filter((r) => r.status !== "passed").map((r) => `${r.name}: ${r.message} ${JSON.stringify(r.counterexample)}`);
      expect(failures).toEqual([]);
      expect(code).toBe(0);
      // Every fixed twin is proved, not only sampled (src/prove/); its `may` expectations are exact.
      const unproved = report.results.filter((r) => r.evidence?.method !== "proved" && r.evidence?.method !== "exact").map((r) => `${r.name}: ${r.evidence?.method} (${r.evidence?.reason})`);
      expect(unproved).toEqual([]);
      expect(report.results.filter((r) => r.evidence?.method === "exact")).toHaveLength(mayCount(join(ROOT, scenario, "fixed")));
    });
  });
});

/**
 * The prover alone (sampling switched off): every buggy scenario is refuted by a request the prover
 * built and evaluate() replayed as Allow, every fixed one proved (session-tag-abac included: the
 * caller's own choice of session tags is part of the question, its sts:TagSession hop too).
 */
describe("the prover alone on the loophole suite", () => {
  const nothing: RequestSource = { name: "none", *candidates() {} };
  it.each(scenarios)("%s: buggy refuted by a replayed Allow, fixed proved", async (scenario) => {
    for (const variant of ["buggy", "fixed"]) {
      const dir = join(ROOT, scenario, variant);
      const { result } = await runSuite([dir], { cwd: ROOT, seed: 1, source: nothing });
      for (const r of result.results) {
        const label = `${scenario}/${variant} ${r.name}: ${r.message ?? ""} ${r.evidence?.reason ?? ""}`;
        if (r.evidence?.method === "exact") expect(r.status, label).toBe("passed");
        else if (variant === "fixed") {
          expect(r.status, label).toBe("passed");
          expect(r.evidence?.method, label).toBe("proved");
        } else if (r.status === "failed") {
          expect(r.counterexample?.decision, label).toBe("Allow");
          expect(r.evidence?.method, label).toBe("proved");
          expect(impossible(r.counterexample!), `${label} ${JSON.stringify(r.counterexample?.context)}`).toEqual([]);
        }
      }
      if (variant === "buggy") expect(result.summary.failed, scenario).toBeGreaterThan(0);
    }
  }, 60_000);
});
