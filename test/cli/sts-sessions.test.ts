/**
 * Session tags, source identity and IAM Identity Center sign-in through the real CLI, from the AWS
 * pages' examples: IAM/latest/UserGuide/id_session-tags.html (the trust policy must allow
 * sts:TagSession, with the page's conditions on the tags), IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html
 * (role chaining needs sts:SetSourceIdentity in the caller's own policies and in the trust), and a
 * permission-set role assumed through its SAML provider with session tags
 * (singlesignon/latest/userguide/referencingpermissionsets.html). Every expectation has a twin with the
 * other verb in flipped/: exactly one of the two holds. Fixture: test/fixtures/cli-sts-sessions.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

interface Result {
  name: string;
  status: string;
  message?: string;
}

async function statuses(path: string): Promise<{ code: number; byId: Map<string, Result> }> {
  const r = await runCli(["test", path, "--reporter", "json", "--seed", "3"]);
  const report = JSON.parse(r.stdout) as { results: Result[] };
  return { code: r.code, byId: new Map(report.results.map((x) => [x.name.slice(0, 3), x])) };
}

/** The `may` side's outcome for each expectation; its `mayNot` twin must have the other one. */
const MAY: [string, "passed" | "failed", RegExp?][] = [
  ["S01", "passed"],
  ["S02", "failed", /session tags need sts:TagSession, which is not allowed for .*user\/test-session-tags/],
  ["S03", "failed", /session tags need sts:TagSession/],
  ["S04", "passed"],
  ["S05", "passed"],
  ["S06", "failed", /session\.sourceIdentity needs sts:SetSourceIdentity, which is not allowed for .*assumed-role\/CriticalRole\//],
  ["S07", "passed"],
  ["S08", "passed"],
];

describe("session tags, source identity and Identity Center through the CLI", () => {
  it("the may side: each expectation as the AWS pages decide it", async () => {
    const { code, byId } = await statuses("test/fixtures/cli-sts-sessions/sessions.iamspec.yaml");
    expect(byId.size).toBe(MAY.length);
    for (const [id, status, message] of MAY) {
      expect([id, byId.get(id)?.status]).toEqual([id, status]);
      if (message) expect(byId.get(id)?.message).toMatch(message);
    }
    expect(code).toBe(1);
  });

  it("the flipped twin (mayNot): exactly the other outcome for each", async () => {
    const { code, byId } = await statuses("test/fixtures/cli-sts-sessions/flipped");
    expect(byId.size).toBe(MAY.length);
    for (const [id, status] of MAY) expect([id, byId.get(id)?.status]).toEqual([id, status === "passed" ? "failed" : "passed"]);
    expect(code).toBe(1);
  });
});
