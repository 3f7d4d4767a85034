/**
 * Partitions (aws-cn, aws-us-gov) and hand-written S3 access points through the CLI: accounts declare
 * `partition:`, their principals, customer and AWS managed policies and resources use that partition's
 * ARNs (IAM/latest/UserGuide/reference-arns.html); a Terraform plan in us-gov-west-1 imports into
 * aws-us-gov. Every expectation has a flipped twin that must fail. Wrong partitions and access points
 * without a bucket are input errors (exit 2, file:line:column).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

interface Report {
  results: { name: string; status: string }[];
}

/** Runs `path` and checks that each of its `count` expectations has `status`, and the exit code. */
async function expectEvery(path: string, status: "passed" | "failed", count: number, code: number) {
  const r = await runCli(["test", path, "--reporter", "json", "--seed", "3"]);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.results.map((x) => [x.name, x.status])).toEqual(report.results.map((x) => [x.name, status]));
  expect(report.results).toHaveLength(count);
  expect(r.code).toBe(code);
}

describe("accounts in aws-cn and aws-us-gov", () => {
  it("every expectation passes: exit 0", () => expectEvery("test/fixtures/cli-partitions/partitions.iamspec.yaml", "passed", 8, 0));
  it("the flipped twin fails every expectation: exit 1", () => expectEvery("test/fixtures/cli-partitions/flipped", "failed", 8, 1));

  it("a principal of an account outside the environment is in the partition `on` names", async () => {
    const r = await runCli(["test", "test/fixtures/cli-partitions/flipped", "--reporter", "json", "--seed", "3"]);
    const report = JSON.parse(r.stdout) as { results: { name: string; counterexample?: { principal: string } }[] };
    const outside = report.results.find((x) => x.name.startsWith("a principal of an aws-cn account outside"));
    expect(outside?.counterexample?.principal).toBe("arn:aws-cn:sts::999988887777:assumed-role/iam-spec-external/iam-spec");
  });
});

const ENV = `accounts:
  "111122223333":
    partition: aws-cn
    roles:
      reader:
        policies: [ POLICY ]
    resources:
      RESOURCE
`;

function run(env: string, spec: string) {
  const dir = mkdtempSync(join(tmpdir(), "iamspec-partitions-"));
  writeFileSync(join(dir, "env.yaml"), env);
  writeFileSync(join(dir, "t.iamspec.yaml"), `environment: ./env.yaml\nexpect:\n${spec}`);
  return runCli(["test", "."], { cwd: dir });
}

const READ = "  - as: role/reader\n    may: s3:GetObject\n    on: arn:aws-cn:s3:::b/k\n";
const fill = (policy: string, resource = '"arn:aws-cn:s3:::b": {}') => ENV.replace("POLICY", policy).replace("RESOURCE", resource);

describe("bad inputs", () => {
  it.each([
    ["a principal ARN of the wrong partition", fill("arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess"), "  - as: arn:aws:iam::111122223333:role/reader\n    may: s3:GetObject\n    on: arn:aws-cn:s3:::b/k\n",
      /^t\.iamspec\.yaml:3:9: "arn:aws:iam::111122223333:role\/reader" is in partition aws, but account 111122223333 is in partition aws-cn \(write arn:aws-cn:/],
    ["a misspelt aws-cn managed policy, with did you mean in that partition", fill("arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAcess"), READ,
      /^env\.yaml:6:21: unknown AWS managed policy arn:aws-cn:iam::aws:policy\/AmazonS3ReadOnlyAcess \(did you mean arn:aws-cn:iam::aws:policy\/AmazonS3ReadOnlyAccess/],
    ["a partition that does not exist", fill("arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess").replace("partition: aws-cn", "partition: aws-eu"), READ,
      /^env\.yaml:3:16: .*partition/],
    ["an access point without its bucket", fill("arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess", '"arn:aws-cn:s3:cn-north-1:111122223333:accesspoint/ap1": {}'), READ,
      /^env\.yaml:8:\d+: access point arn:aws-cn:s3:cn-north-1:111122223333:accesspoint\/ap1 names no bucket \(write bucket: BUCKET-NAME/],
    ["a bucket on a resource that is no access point", fill("arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess", '"arn:aws-cn:s3:::b": { bucket: other }'), READ,
      /^env\.yaml:8:\d+: resources: arn:aws-cn:s3:::b is not an S3 access point; only an access point names a bucket \(/],
    ["a networkOrigin on a resource that is no access point", fill("arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess", '"arn:aws-cn:s3:::b": { networkOrigin: VPC }'), READ,
      /^env\.yaml:8:\d+: resources: arn:aws-cn:s3:::b is not an S3 access point; only an access point has a networkOrigin/],
    ["a mayNot whose resources the action cannot be requested on (it would examine nothing)", fill("arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess"), "  - as: role/reader\n    mayNot: s3:GetObject\n    on: arn:aws-cn:s3:::b\n",
      /^t\.iamspec\.yaml:3:5: `on` covers no ARN of the resource types s3:GetObject takes .*so this mayNot would check nothing \(/],
  ])("%s: exit 2 at its position", async (_what, env, spec, message) => {
    const r = await run(env, spec);
    expect(r.stderr.split("\n")).toContainEqual(expect.stringMatching(message));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(2);
  });
});
