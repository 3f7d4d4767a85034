/**
 * aws:ResourceOrgID and aws:ResourceOrgPaths through the real CLI: the environment's organization derives
 * them for each bucket's account, and the condition-keys page's examples decide
 * (IAM/latest/UserGuide/reference_policies_condition-keys.html: DenyPutObjectToS3ResourcesOutsideMyOrganization
 * with `${aws:PrincipalOrgID}`; `ForAnyValue:StringLike` on an OU path "will match resources owned by accounts
 * attached to the OU ou-ab12-11111111 or any of the child OUs"; both keys are absent for an account in no
 * organization). Every expectation has a twin with the other verb in flipped/: exactly one of the two holds.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

async function statuses(path: string): Promise<{ code: number; byId: Map<string, string> }> {
  const r = await runCli(["test", path, "--reporter", "json", "--seed", "3"]);
  const report = JSON.parse(r.stdout) as { results: { name: string; status: string }[] };
  return { code: r.code, byId: new Map(report.results.map((x) => [x.name.slice(0, 3), x.status])) };
}

const MAY: [string, "passed" | "failed"][] = [
  ["E01", "passed"],
  ["E02", "passed"],
  ["E03", "failed"],
  ["E04", "passed"],
  ["E05", "failed"],
  ["E06", "failed"],
];

describe("resource organization keys through the CLI", () => {
  it("the may side decides as the condition-keys page's examples", async () => {
    const { code, byId } = await statuses("test/fixtures/cli-resource-org/resource-org.iamspec.yaml");
    expect([...byId.entries()]).toEqual(MAY);
    expect(code).toBe(1);
  });

  it("the flipped twin (mayNot): exactly the other outcome for each", async () => {
    const { code, byId } = await statuses("test/fixtures/cli-resource-org/flipped");
    expect([...byId.entries()]).toEqual(MAY.map(([id, s]) => [id, s === "passed" ? "failed" : "passed"]));
    expect(code).toBe(1);
  });
});
