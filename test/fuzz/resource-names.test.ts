/**
 * The resources the fuzzer builds from policies' Resource patterns name what AWS could receive
 * (contract section 2: "requests AWS could really send").
 */
import { describe, expect, it } from "vitest";
import { resourcePool } from "../../src/fuzz/resources.js";

const A = "111122223333";
const GROUP = `arn:aws:logs:us-east-1:${A}:log-group:/aws/lambda/prod`;
const anywhere = () => true;
/** The log group name of a log-group ARN (with or without its trailing `:*`). */
const groupName = (arn: string) => /:log-group:(.*?)(:\*)?$/.exec(arn)?.[1] ?? "";

describe("log groups (AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html: names are [.-_/#A-Za-z0-9]+)", () => {
  it("no log group the pool holds has a `:` in its name", () => {
    for (const pattern of [GROUP, `${GROUP}:*`, `arn:aws:logs:*:${A}:log-group:/aws/lambda/*`, `arn:aws:logs:us-east-1:${A}:log-group:*:log-stream:*`]) {
      const pool = resourcePool("logs:DeleteLogGroup", [], [pattern], anywhere);
      expect(pool.length, pattern).toBeGreaterThan(0);
      for (const arn of pool) expect(groupName(arn), `${pattern}: ${arn}`).toMatch(/^[.\-_/#A-Za-z0-9]+$/);
    }
  });

  it("a log group is tried with and without its trailing `:*`, the two ARNs AWS uses (iam-access-control-overview-cwl.html)", () => {
    expect(resourcePool("logs:DeleteLogGroup", [], [GROUP], anywhere)).toEqual(expect.arrayContaining([GROUP, `${GROUP}:*`]));
    expect(resourcePool("logs:DeleteLogGroup", [], [`${GROUP}:*`], anywhere)).toEqual(expect.arrayContaining([GROUP, `${GROUP}:*`]));
  });

  it("a log stream is no log group, and a log group no log stream", () => {
    const patterns = [GROUP, `${GROUP}:*`, `${GROUP}:log-stream:*`];
    const streams = resourcePool("logs:PutLogEvents", [], patterns, anywhere);
    expect(streams).toContain(`${GROUP}:log-stream:iam-spec-sample`);
    for (const arn of streams) expect(arn).toMatch(/:log-group:[.\-_/#A-Za-z0-9]+:log-stream:[^:*]+$/);
    for (const arn of resourcePool("logs:DeleteLogGroup", [], patterns, anywhere)) expect(arn).not.toContain(":log-stream:");
  });
});

describe("AWS Backup recovery points (service-authorization/latest/reference/list_awsbackup.html)", () => {
  it("backup:DeleteRecoveryPoint is never tried on a backup vault, and is on a recovery point", () => {
    const vault = `arn:aws:backup:us-east-1:${A}:backup-vault:prod-vault`;
    const pool = resourcePool("backup:DeleteRecoveryPoint", [], [vault, `arn:aws:backup:us-east-1:${A}:recovery-point:*`], anywhere);
    expect(pool.some((a) => a.includes(":backup-vault:"))).toBe(false);
    expect(pool).toContain(`arn:aws:backup:us-east-1:${A}:recovery-point:iam-spec-sample`);
  });
});
