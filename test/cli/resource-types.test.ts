/**
 * Resource types whose ARN format the service reference writes oddly, through the CLI (fixture:
 * test/fixtures/resource-types; test/compile/every-resource-type.test.ts covers every type in-process):
 * a bare `*` for a name (DMS `rep:*`, Health `event/.../*`), for the region and account fields (Braket
 * `braket:*:*:device/...`: an on-demand simulator has neither), and the account field named
 * `${AccountId}` (Chime), a format that ends with `/` (Keyspaces), and AWS Backup recovery points kept
 * as EBS snapshots, EC2 images and DynamoDB backups, which the reference's recovery point format does
 * not spell (`arn:aws:ec2:REGION::snapshot/snap-...`: no account, a `/`), and Systems Manager's
 * AWS-owned public parameters and documents (`arn:aws:ssm:REGION::document/AWS-RunShellScript`: no account). Each id is one granted request: `+` may on it, `-` mayNot on it (exactly one
 * of the two holds), `~` mayNot on another ARN of the type (proved), `*` mayNot on the type's pattern as
 * the reference writes it (refuted: the granted ARN is one of them). Read as written, the `*` made the
 * mayNot an input error on real ARNs, and the prover proved `dms*` and `braket*`. The search dropped
 * every ARN that ends with `/` as naming nothing, so sampling alone passed `keyspace*` (here the
 * prover refutes it either way; test/compile/every-resource-type.test.ts checks sampling alone). Read
 * as the reference writes it, a mayNot on a real EBS snapshot or EC2 image recovery point was an input
 * error, and one on `arn:aws:ec2:*::image/*` passed, proved, while the policy granted an image.
 */
import { describe, expect, it } from "vitest";
import { runCli, type JsonResult } from "./run-cli.js";

type Result = JsonResult;

const IDS = ["dms", "health", "braket", "chime", "secret", "keyspace", "ebs", "ami", "ddb", "ssmparam", "ssmdoc"];

describe("odd ARN formats of the service reference, end to end", () => {
  it("may and mayNot on a granted ARN: exactly one holds; mayNot elsewhere proved; the pattern refuted (--require-proof)", async () => {
    const r = await runCli(["test", "test/fixtures/resource-types", "--reporter", "json", "--seed", "1", "--require-proof"]);
    expect(r.code, r.stderr).toBe(1);
    const results = (JSON.parse(r.stdout) as { results: Result[] }).results;
    const byId = new Map(results.map((x) => [x.name.split(" ")[0]!, x]));
    expect(results).toHaveLength(IDS.length * 4);
    for (const id of IDS) {
      const may = byId.get(`${id}+`)!;
      const mayNot = byId.get(`${id}-`)!;
      const elsewhere = byId.get(`${id}~`)!;
      const pattern = byId.get(`${id}*`)!;
      expect(may.status, JSON.stringify(may)).toBe("passed");
      expect(mayNot.status, JSON.stringify(mayNot)).toBe("failed");
      expect(mayNot.counterexample?.decision).toBe("Allow");
      expect(elsewhere.status, JSON.stringify(elsewhere)).toBe("passed");
      expect(elsewhere.evidence?.method).toBe("proved");
      expect(elsewhere.evidence?.requests).toBeGreaterThan(0);
      expect(pattern.status, JSON.stringify(pattern)).toBe("failed");
      expect(pattern.counterexample?.decision).toBe("Allow");
      expect(pattern.counterexample?.resource).toBe(mayNot.counterexample?.resource);
    }
  });
});
