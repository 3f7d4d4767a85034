/**
 * aws:SourceIdentity on the steps of a mayBecome / mayNotBecome path, as in a may / mayNot
 * (IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html): whoever assumes a role whose
 * trust policy allows sts:SetSourceIdentity chooses the session's source identity; it stays in the
 * sessions the session chains to, and chaining with one needs sts:SetSourceIdentity. "+"/"-" pairs are
 * the mayBecome and mayNotBecome of one question, of which exactly one holds.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

interface Result {
  name: string;
  status: string;
  message?: string;
  path?: { principal: string; action: string; resource: string; decision: string }[];
}

async function results(): Promise<Map<string, Result>> {
  const r = await runCli(["test", "test/fixtures/escalation-source-identity", "--reporter", "json", "--seed", "1"]);
  expect(r.stderr).toBe("");
  return new Map((JSON.parse(r.stdout) as { results: Result[] }).results.map((x) => [x.name.split(" ")[0]!, x]));
}

describe("aws:SourceIdentity on escalation paths (id_credentials_temp_control-access_monitor.html)", () => {
  it("each expectation as AWS decides it; exactly one of each mayBecome / mayNotBecome pair holds", async () => {
    const byId = await results();
    const expected: Record<string, string> = { "S1-": "failed", "S2-": "failed", "S3-": "passed", "S4+": "failed", "S4-": "passed", "S5+": "passed", "S5-": "failed" };
    expect([...byId.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [id, status] of Object.entries(expected)) expect(byId.get(id)?.status, `${id}: ${byId.get(id)?.message ?? ""}`).toBe(status);
  });

  it("a mayNotBecome tries the source identities the policies name, as the mayNot of the same request does", async () => {
    const byId = await results();
    expect(byId.get("S1-")!.message).toMatch(/source identity break-glass-admin/);
    expect(byId.get("S2-")!.message).toMatch(/source identity break-glass-admin, set with sts:SetSourceIdentity/);
  });

  it("chaining with a source identity asks sts:SetSourceIdentity of the next role too", async () => {
    const path = (await results()).get("S5-")!.path!;
    expect(path.map((s) => `${s.action} ${s.resource} ${s.decision}`)).toEqual([
      "sts:AssumeRole arn:aws:iam::111122223333:role/platform Allow",
      "sts:SetSourceIdentity arn:aws:iam::111122223333:role/platform Allow",
    ]);
  });
});
