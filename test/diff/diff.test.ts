/**
 * The fast fixed-seed slice of the differential harness (issue 5): generated requests over managed and
 * generated policies, answered by evaluate() and by iam-simulate. Every disagreement must be explained
 * by a known cause (triage.ts, docs/differences.md); an unexplained one fails with the request printed.
 * Long campaigns: `npm run diff -- --requests N`.
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/index.js";
import { campaign, compare } from "./compare.js";
import { HOME } from "./catalogue.js";
import { scenarios } from "./scenarios.js";
import { KNOWN_CAUSES, PENDING_OUR_FIX } from "./triage.js";

const SEED = 20261128;
const COUNT = 600;

describe("differential slice against iam-simulate", () => {
  it(`${COUNT} requests (seed ${SEED}): every disagreement has a known cause`, async () => {
    const report = await campaign(scenarios(SEED, COUNT));
    const unexplained = report.outcomes.filter((o) => o.verdict?.id === "unexplained");
    const show = unexplained.slice(0, 3).map((o) => ({ input: o.scenario.input, ours: o.ours, theirs: o.theirs }));
    expect(show, "unexplained disagreements (triage them: our bug or a documented divergence)").toEqual([]);
    // The slice compares real decisions: both outcomes occur, the oracle ran on nearly every request,
    // and evaluate() never threw on a generated policy.
    expect(report.byDecision.Allow ?? 0).toBeGreaterThan(COUNT / 20);
    expect(report.byDecision.ExplicitDeny ?? 0).toBeGreaterThan(COUNT / 50);
    expect(report.oracleErrors).toBeLessThan(COUNT / 50);
    expect(report.outcomes.filter((o) => o.ours === "error").map((o) => o.oursError)).toEqual([]);
    expect(report.agreements).toBeGreaterThan(COUNT * 0.8);
  });

  it("the same seed generates the same requests", () => {
    expect(JSON.stringify(scenarios(7, 20))).toBe(JSON.stringify(scenarios(7, 20)));
  });

  it("a known cause is not a blanket excuse: a request both answer alike is not triaged", async () => {
    const input = {
      principal: `arn:aws:iam::${HOME}:user/alice`,
      action: "s3:GetObject",
      resource: "arn:aws:s3:::acme-artifacts/builds/1.zip",
      resourceAccount: HOME,
      identityPolicies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-artifacts/*" }] }],
    };
    const out = await compare({ input, tags: [] });
    expect([out.ours, out.theirs, out.verdict]).toEqual(["Allow", "Allow", undefined]);
  });

  it("the root-user cause holds only where iam-simulate, given the root user's implicit access, agrees", async () => {
    // Same-account root with no policy: AWS allows (root has full access); iam-simulate does not.
    const input = { principal: `arn:aws:iam::${HOME}:root`, action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${HOME}:jobs`, resourceAccount: HOME };
    expect(evaluate(input).decision).toBe("Allow");
    const out = await compare({ input, tags: [] });
    expect(out.theirs).toBe("ImplicitDeny");
    expect(out.verdict).toEqual({ id: "root-user-full-access", side: "iam-simulate" });
  });

  it("every known cause names its section in docs/differences.md", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync(new URL("../../docs/differences.md", import.meta.url), "utf8");
    const anchors = new Set([...doc.matchAll(/^#{2,3} (.+)$/gm)].map((m) => slug(m[1]!)));
    for (const c of [...KNOWN_CAUSES, ...PENDING_OUR_FIX]) expect(anchors, c.id).toContain(c.doc);
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^a-z0-9 _-]/g, "").replace(/ /g, "-");
}
