/**
 * AWS-documented decisions through the real CLI, each expectation with a twin of the other verb in the
 * fixture's flipped/ folder (exactly one of the two holds):
 * - test/fixtures/cli-resource-org: aws:ResourceOrgID and aws:ResourceOrgPaths derived from the
 *   environment's organization, against IAM/latest/UserGuide/reference_policies_condition-keys.html
 *   (DenyPutObjectToS3ResourcesOutsideMyOrganization with `${aws:PrincipalOrgID}`; ForAnyValue:StringLike on
 *   an OU path "will match resources owned by accounts attached to the OU ou-ab12-11111111 or any of the
 *   child OUs"; both keys absent for an account in no organization);
 * - test/fixtures/cli-s3-owner: the bucket owner's root user may always get, put and delete the bucket
 *   policy, however it denies (AmazonS3/latest/API/API_DeleteBucketPolicy.html), and nothing else; no identity of
 *   another account may, whatever the bucket policy grants (API_PutBucketPolicy.html: 405 Method Not Allowed).
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

async function statuses(path: string): Promise<{ code: number; byId: [string, string][] }> {
  const r = await runCli(["test", path, "--reporter", "json", "--seed", "3"]);
  const report = JSON.parse(r.stdout) as { results: { name: string; status: string }[] };
  return { code: r.code, byId: report.results.map((x) => [x.name.slice(0, 3), x.status]) };
}

const flip = (s: string) => (s === "passed" ? "failed" : "passed");

const PAIRS: [string, string, [string, "passed" | "failed"][]][] = [
  ["resource organization keys", "test/fixtures/cli-resource-org", [
    ["E01", "passed"], ["E02", "passed"], ["E03", "failed"], ["E04", "passed"], ["E05", "failed"], ["E06", "failed"],
  ]],
  ["the bucket owner's root user and the bucket policy", "test/fixtures/cli-s3-owner", [
    ["O01", "passed"], ["O02", "passed"], ["O03", "failed"], ["O04", "failed"], ["O05", "failed"], ["O06", "passed"],
  ]],
];

describe.each(PAIRS)("%s through the CLI", (_topic, dir, may) => {
  it("the may side decides as the AWS pages do", async () => {
    const { code, byId } = await statuses(`${dir}/${dir.replace("test/fixtures/cli-", "")}.iamspec.yaml`);
    expect(byId).toEqual(may);
    expect(code).toBe(1);
  });

  it("the flipped twin (mayNot): exactly the other outcome for each", async () => {
    const { code, byId } = await statuses(`${dir}/flipped`);
    expect(byId).toEqual(may.map(([id, s]) => [id, flip(s)]));
    expect(code).toBe(1);
  });
});
