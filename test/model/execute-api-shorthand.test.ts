/**
 * API Gateway resource policies name their resources in the abbreviated form `execute-api:/STAGE/METHOD/PATH`,
 * which API Gateway expands to the API's ARN when it saves the policy
 * (apigateway/latest/developerguide/apigateway-resource-policies-examples.html; openapi-extensions-policy.html:
 * "execute-api:/*" is converted to arn:aws:execute-api:region:account-id:api-id/*). iam-spec reads a
 * policy keyed by an API's ARN the same way; anywhere else the shorthand is no ARN (an input error).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecFile } from "../../src/load/index.js";
import { findListedResource } from "../../src/model/resources.js";

const SPEC = `name: shorthand
environment: ./env.yaml
expect:
  - it: anyone calls the API
    as: anonymous
    may: execute-api:Invoke
    on: arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/prod/GET/pets
`;

async function load(resources: string) {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-shorthand-"));
  writeFileSync(join(dir, "env.yaml"), `accounts:\n  "111122223333":\n    resources:\n${resources}`);
  writeFileSync(join(dir, "t.iamspec.yaml"), SPEC);
  return loadSpecFile(join(dir, "t.iamspec.yaml"));
}

const statement = (resource: string) =>
  `        policy: { Version: "2012-10-17", Statement: [ { Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: ${resource} } ] }\n`;

describe("the execute-api:/ shorthand of API Gateway resource policies", () => {
  it("names the API's own ARN in a policy keyed by the API (one Resource entry or a list)", async () => {
    const r = await load(`      arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/*:\n${statement('["execute-api:/*", "execute-api:/prod/GET/pets"]')}`);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const doc = findListedResource(r.value.environment, "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/prod/GET/pets")?.policy?.document as { Statement: { Resource: string[] }[] };
    expect(doc.Statement[0]!.Resource).toEqual([
      "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/*",
      "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/prod/GET/pets",
    ]);
  });

  it("is no ARN in another service's policy", async () => {
    const r = await load(`      arn:aws:sns:us-east-1:111122223333:alerts:\n${statement('"execute-api:/*"')}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message).join("\n")).toMatch(/"execute-api:\/\*" is not an ARN/);
  });
});
