/**
 * The prover's classes for the objects of named buckets (src/prove/resources.ts): each named bucket's
 * objects are a class of their own, since the bucket policy governs them
 * (AmazonS3/latest/userguide/bucket-policies.html), and only the buckets an `on` pattern can reach are
 * looked at. With twelve buckets, one of which grants a partner account s3:GetObject, and sampling
 * switched off: every pattern that can reach that bucket's objects finds the grant (by a proof's
 * counterexample), and a pattern that reaches only the objects of other buckets is proved.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { RequestSource } from "../../src/compile/sources.js";
import { runSuite } from "../../src/run/run-suite.js";

const OWNER = "111122223333";
const PARTNER = "444455556666";
const buckets = Array.from({ length: 12 }, (_, i) => `logs-${i + 1}`);

function suite(on: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-buckets-"));
  const resources = Object.fromEntries(
    buckets.map((b) => [
      `arn:aws:s3:::${b}`,
      b === "logs-7"
        ? { policy: { Version: "2012-10-17", Statement: [{ Sid: "Partner", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${b}/*` }] } }
        : {},
    ]),
  );
  writeFileSync(join(dir, "env.yaml"), stringify({ accounts: { [OWNER]: { resources } } }));
  writeFileSync(
    join(dir, "buckets.iamspec.yaml"),
    stringify({ environment: "./env.yaml", expect: on.map((o) => ({ it: `partner reads ${o}`, as: PARTNER, mayNot: "s3:GetObject", on: o })) }),
  );
  return dir;
}

describe("the prover over the objects of many named buckets", () => {
  const nothing: RequestSource = { name: "none", *candidates() {} };
  it("finds the one bucket's grant from every pattern that reaches it, and proves the others", async () => {
    const reaching = ["arn:aws:s3:::logs-*", "arn:aws:s3:::logs-7/reports/*", "arn:aws:s3:::logs-7*", "*", "arn:aws:s3:::*/2026/*"];
    // Only listed buckets: an unlisted one (logs-70) has an owner the environment does not say.
    const missing = ["arn:aws:s3:::logs-1/*", "arn:aws:s3:::logs-12/2026/*", "arn:aws:s3:::logs-8/*"];
    const dir = suite([...reaching, ...missing]);
    const { result } = await runSuite([dir], { cwd: dir, seed: 1, source: nothing });
    const byName = new Map(result.results.map((r) => [r.name.replace("partner reads ", ""), r]));
    for (const on of reaching) {
      const r = byName.get(on);
      expect(r?.status, on).toBe("failed");
      expect(r?.evidence?.method, on).toBe("proved");
      expect(r?.counterexample?.resource, on).toMatch(/^arn:aws:s3:::logs-7\//);
      expect(r?.counterexample?.decision, on).toBe("Allow");
    }
    for (const on of missing) {
      const r = byName.get(on);
      expect(r?.status, on).toBe("passed");
      expect(r?.evidence?.method, on).toBe("proved");
    }
  });
});
