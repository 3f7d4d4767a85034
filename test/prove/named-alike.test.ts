/**
 * Named ARNs that need no resource class of their own. A role is a resource like any other for
 * iam:AttachRolePolicy or iam:PutRolePolicy: its trust policy governs only sts:AssumeRole and its kin
 * (IAM/latest/UserGuide/id_roles_terms-and-concepts.html, "trust policy"), so the prover asks about the
 * roles of an account together, as one class, unless a policy reads their tags
 * (IAM/latest/UserGuide/access_tags.html, aws:ResourceTag) or the action is one the trust policy decides.
 * With sampling switched off, each grant is still found on the one role it reaches, and everything
 * else is proved.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RequestSource } from "../../src/compile/sources.js";
import { runSuite } from "../../src/run/run-suite.js";
import { ROOT } from "../cli/run-cli.js";

const FIXTURE = join(ROOT, "test/fixtures/prover-named-alike");

describe("the prover on named roles", () => {
  it("finds each grant on the role it reaches and proves the rest, with sampling off", async () => {
    const nothing: RequestSource = { name: "none", *candidates() {} };
    const { result } = await runSuite([FIXTURE], { cwd: ROOT, seed: 1, source: nothing });
    const got = result.results.map((r) => [r.status, r.evidence?.method, r.counterexample?.resource]);
    expect(got).toEqual([
      // aws:ResourceTag/team is read: the tagged role is its own class.
      ["failed", "proved", "arn:aws:iam::111122223333:role/tagged"],
      ["passed", "proved", undefined],
      // The plain role is one of the account's roles asked together; the witness names it.
      ["failed", "proved", "arn:aws:iam::111122223333:role/plain"],
      ["passed", "proved", undefined],
      // sts:AssumeRole: each role's trust policy decides, so each role is its own class.
      ["failed", "proved", "arn:aws:iam::111122223333:role/trusted"],
      ["passed", "proved", undefined],
    ]);
    for (const r of result.results.filter((x) => x.status === "failed")) expect(r.counterexample?.decision).toBe("Allow");
  });

  it("samples only ARNs AWS could name: no ARN with its service or resource type in upper case", async () => {
    const { result } = await runSuite([FIXTURE], { cwd: ROOT, seed: 1, prove: false });
    expect(result.results.map((r) => r.status)).toEqual(["failed", "passed", "failed", "passed", "failed", "passed"]);
    expect(result.results[4]?.counterexample?.resource).toBe("arn:aws:iam::111122223333:role/trusted");
  });
});
