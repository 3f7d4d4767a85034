/**
 * Which listed resource governs an ARN: region-wide entries (a CloudWatch Logs resource policy, the ECR
 * registry policy) for resources without a policy of their own, access points for what is reached
 * through them (src/model/resources.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadSpecFile } from "../../src/load/index.js";
import { environmentArns, findListedResource } from "../../src/model/resources.js";
import type { Environment } from "../../src/model/types.js";

let env: Environment;
beforeAll(async () => {
  const r = await loadSpecFile("test/fixtures/load/region-wide/t.iamspec.yaml");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  env = r.value.environment;
});

const sidOf = (arn: string) => (findListedResource(env, arn)?.policy?.document as { Statement: { Sid: string }[] } | undefined)?.Statement[0]?.Sid;

describe("region-wide resource policies", () => {
  it("a log group or log stream of the account and region is governed by the account's Logs resource policy", () => {
    expect(sidOf("arn:aws:logs:us-east-1:111122223333:log-group:/aws/events/x")).toBe("Logs");
    expect(sidOf("arn:aws:logs:us-east-1:111122223333:log-group:/aws/events/x:log-stream:s")).toBe("Logs");
  });

  it("not in another region or account", () => {
    expect(findListedResource(env, "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/events/x")).toBeUndefined();
    expect(findListedResource(env, "arn:aws:logs:us-east-1:444455556666:log-group:/aws/events/x")).toBeUndefined();
  });

  it("a repository without a policy gets the registry policy and keeps its own ARN and tags", () => {
    const r = findListedResource(env, "arn:aws:ecr:us-east-1:111122223333:repository/tagged");
    expect(r).toMatchObject({ arn: "arn:aws:ecr:us-east-1:111122223333:repository/tagged", tags: { team: "web" }, accountId: "111122223333" });
    expect(sidOf("arn:aws:ecr:us-east-1:111122223333:repository/tagged")).toBe("Registry");
    expect(sidOf("arn:aws:ecr:us-east-1:111122223333:repository/unlisted")).toBe("Registry");
  });

  it("a repository with its own policy is governed by it", () => {
    expect(sidOf("arn:aws:ecr:us-east-1:111122223333:repository/own")).toBe("Own");
  });

  it("a region-wide entry is no resource a request names (not sampled)", () => {
    expect(environmentArns(env).filter((a) => a.includes("*"))).toEqual([]);
  });
});

describe("access points", () => {
  it("an object reached through an access point is governed by the access point's entry, which names its bucket", () => {
    expect(findListedResource(env, "arn:aws:s3:us-east-1:111122223333:accesspoint/reports/object/a/b.csv")).toMatchObject({
      arn: "arn:aws:s3:us-east-1:111122223333:accesspoint/reports",
      bucket: "acme-data",
    });
  });
});
