/**
 * Resource policies of S3 access points, EventBridge buses, CloudWatch Logs, Lambda layer versions and
 * the ECR registry, from a CloudFormation template (cfn-more/Data.template.yaml) and a Terraform plan
 * (terraform/services.plan.json); Lambda permissions on one function from two imports combine.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyImports } from "../../src/import/index.js";
import { toJS, type LNode } from "../../src/load/located.js";
import { parseLocated } from "../../src/load/read-file.js";

const dir = join(import.meta.dirname, "../fixtures/import");
const ACCOUNT = "111122223333";

function env(yaml: string): LNode {
  const r = parseLocated(yaml, join(dir, "env.yaml"));
  if (!r.node) throw new Error(JSON.stringify(r.errors));
  return r.node;
}

interface Doc {
  Statement: Record<string, unknown>[];
}
interface Account {
  resources: Record<string, { policy?: Doc; bucket?: string }>;
}

function account(tree: LNode): Account {
  return (toJS(tree) as { accounts: Record<string, Account> }).accounts[ACCOUNT]!;
}

/** Applies an environment importing each [kind, path] into ACCOUNT (extra lines per entry: `region: ...`). */
function importAll(...entries: [kind: string, path: string, extra?: string][]) {
  return applyImports(env(`import:\n${entries.map(([k, p, extra]) => `  - ${k}: ${p}\n    account: "${ACCOUNT}"\n${extra ? `    ${extra}\n` : ""}`).join("")}`));
}

/** A file with `text` in a fresh temporary folder. */
async function tempFile(name: string, text: string): Promise<string> {
  const { mkdtemp, writeFile } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const path = join(await mkdtemp(join(tmpdir(), "iamspec-")), name);
  await writeFile(path, text);
  return path;
}

/** The account an import of `path` defines; the import must read every type without an error. */
async function importedWithoutErrors(kind: string, path: string): Promise<Account> {
  const r = await importAll([kind, path]);
  expect(r.errors).toEqual([]);
  return account(r.tree);
}

describe("CloudFormation: access points, bus, logs, layer and registry policies", async () => {
  const a = await importedWithoutErrors("cloudformation", "./cfn-more/Data.template.yaml");

  it("lists an access point under its ARN with its bucket and policy (AWS::S3::AccessPoint)", () => {
    const ap = a.resources[`arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/analytics`]!;
    expect(ap.bucket).toBe("acme-data");
    expect(ap.policy!.Statement[0]).toMatchObject({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/analyst` }, Action: "s3:GetObject" });
    expect(a.resources[`arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/raw`]!.bucket).toBe("acme-raw");
  });

  it("turns each EventBusPolicy into one statement of the bus policy (PutPermission), in either form", () => {
    const bus = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders`;
    expect(a.resources[bus]!.policy!.Statement).toEqual([
      { Sid: "PartnerPutEvents", Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "events:PutEvents", Resource: bus },
      { Sid: "OrganizationPutEvents", Effect: "Allow", Principal: "*", Action: "events:PutEvents", Resource: bus, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } },
    ]);
  });

  it("keys the account's Logs resource policies by the region's log groups", () => {
    const p = a.resources[`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*`]!.policy!;
    expect(p.Statement[0]).toMatchObject({ Sid: "EventBridgeToLogs", Principal: { Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] } });
  });

  it("turns a LayerVersionPermission into a statement on the layer version (AddLayerVersionPermission)", () => {
    const layer = `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:shared:1`;
    expect(a.resources[layer]!.policy!.Statement).toEqual([
      { Sid: "SharedLayerForPartner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "lambda:GetLayerVersion", Resource: layer },
    ]);
  });

  it("keys the registry policy by the registry's repositories", () => {
    expect(a.resources[`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*`]!.policy!.Statement[0]).toMatchObject({ Sid: "ReplicationFromPartner" });
  });
});

describe("Terraform: access points, bus, logs, layer and registry policies", async () => {
  const a = await importedWithoutErrors("terraformPlan", "./terraform/services.plan.json");

  it("aws_s3_access_point and aws_s3control_access_point_policy", () => {
    expect(a.resources[`arn:aws:s3:eu-west-1:${ACCOUNT}:accesspoint/reports`]).toMatchObject({ bucket: "acme-tf-data", policy: { Statement: [{ Action: "s3:GetObject" }] } });
    expect(a.resources[`arn:aws:s3:eu-west-1:${ACCOUNT}:accesspoint/partner`]).toMatchObject({ bucket: "acme-tf-data", policy: { Statement: [{ Principal: { AWS: "arn:aws:iam::444455556666:root" } }] } });
  });

  it("aws_cloudwatch_event_bus_policy without event_bus_name: the default bus", () => {
    expect(a.resources[`arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/default`]!.policy!.Statement[0]).toMatchObject({ Sid: "PartnerPutEvents" });
  });

  it("aws_cloudwatch_log_resource_policy, aws_lambda_layer_version_permission, aws_ecr_registry_policy", () => {
    expect(a.resources[`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*`]!.policy!.Statement[0]).toMatchObject({ Principal: { Service: "route53.amazonaws.com" } });
    const layer = `arn:aws:lambda:eu-west-1:${ACCOUNT}:layer:common:3`;
    expect(a.resources[layer]!.policy!.Statement).toEqual([
      { Sid: "OrgMayUse", Effect: "Allow", Principal: "*", Action: "lambda:GetLayerVersion", Resource: layer, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } },
    ]);
    expect(a.resources[`arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/*`]!.policy!.Statement[0]).toMatchObject({ Sid: "ReplicationFromPartner" });
  });
});

describe("Lambda permissions on one function from two imports", () => {
  it("combine into one policy (AddPermission adds a statement), without a warning", async () => {
    const r = await importAll(["terraformPlan", "./terraform/more-types.plan.json"], ["terraformPlan", "./terraform/lambda-audit.plan.json"]);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const sids = account(r.tree).resources[`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:orders-api`]!.policy!.Statement.map((s) => s.Sid);
    expect(sids).toContain("AllowFromEvents");
    expect(sids).toContain("AllowAudit");
  });

  it("warn when the second import adds a statement id the policy already has (one plan imported twice)", async () => {
    const r = await importAll(["terraformPlan", "./terraform/lambda-audit.plan.json"], ["terraformPlan", "./terraform/lambda-audit.plan.json"]);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/statement AllowAudit .* is also added by an earlier import/)]);
  });
});

describe("a policy-bearing resource that cannot be read is an error at its position", () => {
  it.each([
    ["an EventBusPolicy without StatementId", "AWS::Events::EventBusPolicy", `{ Action: events:PutEvents, Principal: "444455556666" }`, /has no StatementId/],
    ["a LayerVersionPermission on another account's layer", "AWS::Lambda::LayerVersionPermission", `{ Action: lambda:GetLayerVersion, Principal: "*", LayerVersionArn: "arn:aws:lambda:us-east-1:999999999999:layer:x:1" }`, /belongs to account 999999999999/],
    ["a LayerVersionPermission for a principal that is no account", "AWS::Lambda::LayerVersionPermission", `{ Action: lambda:GetLayerVersion, Principal: "someone", LayerVersionArn: "arn:aws:lambda:us-east-1:${ACCOUNT}:layer:x:1" }`, /is not an account id/],
    ["an access point without a bucket", "AWS::S3::AccessPoint", `{ Name: ap1 }`, /has no Bucket/],
    ["a Logs resource policy that is not JSON", "AWS::Logs::ResourcePolicy", `{ PolicyName: p, PolicyDocument: "{not json" }`, /not valid JSON/],
  ])("%s", async (_what, type, props, message) => {
    const file = await tempFile("t.yaml", `Resources:\n  Thing:\n    Type: ${type}\n    Properties: ${props}\n`);
    const r = await importAll(["cloudformation", file]);
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
    expect(r.errors[0]!.file).toBe(file);
    expect(r.errors[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

describe("partitions of imports", () => {
  const partitionOf = (tree: LNode) => (toJS(tree) as { accounts: Record<string, { partition?: string }> }).accounts[ACCOUNT]!.partition;

  it("an authorization details export of arn:aws-cn:... principals puts the account in aws-cn", async () => {
    const file = await tempFile("gaad.json", JSON.stringify({ RoleDetailList: [{ RoleName: "r", Path: "/", Arn: `arn:aws-cn:iam::${ACCOUNT}:role/r`, AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [] }, RolePolicyList: [], AttachedManagedPolicies: [] }] }));
    const r = await importAll(["authorizationDetails", file]);
    expect(partitionOf(r.tree)).toBe("aws-cn");
  });

  it("a CloudFormation template in cn-north-1 puts the account in aws-cn, one in us-east-1 leaves it in aws", async () => {
    const file = await tempFile("t.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: b1 }\n");
    const cn = await importAll(["cloudformation", file, "region: cn-north-1"]);
    expect(partitionOf(cn.tree)).toBe("aws-cn");
    expect(Object.keys(account(cn.tree).resources)).toEqual(["arn:aws-cn:s3:::b1"]);
    const us = await importAll(["cloudformation", file, "region: us-east-1"]);
    expect(partitionOf(us.tree)).toBeUndefined();
  });
});

describe("Terraform: a policy-bearing resource that cannot be read is an error at its position", () => {
  const plan = (type: string, values: Record<string, unknown>) =>
    JSON.stringify({ format_version: "1.2", planned_values: { root_module: { resources: [{ address: `${type}.x`, mode: "managed", type, name: "x", values }] } } }, null, 1);

  it.each([
    ["a layer permission for a principal that is no account", "aws_lambda_layer_version_permission", { layer_name: "common", version_number: 1, principal: "someone", action: "lambda:GetLayerVersion", statement_id: "s" }, /principal "someone" is not an account id/],
    ["a layer permission on another account's layer", "aws_lambda_layer_version_permission", { layer_name: "arn:aws:lambda:us-east-1:999999999999:layer:common", version_number: 1, principal: "*", action: "lambda:GetLayerVersion", statement_id: "s" }, /belongs to account 999999999999/],
    ["an event permission for a principal that is no account", "aws_cloudwatch_event_permission", { principal: "anyone", statement_id: "s", action: "events:PutEvents" }, /principal "anyone" is not an account id/],
    ["an event bus policy on another account's bus", "aws_cloudwatch_event_bus_policy", { event_bus_name: "arn:aws:events:us-east-1:999999999999:event-bus/b", policy: "{}" }, /the bus .* belongs to account 999999999999/],
    ["an access point of another account", "aws_s3_access_point", { name: "ap", bucket: "b", account_id: "999999999999" }, /the access point belongs to account 999999999999/],
    ["an access point policy on something that is no access point", "aws_s3control_access_point_policy", { access_point_arn: "arn:aws:s3:::b", policy: "{}" }, /is not an S3 access point ARN/],
    ["a registry policy that is not JSON", "aws_ecr_registry_policy", { policy: "{nope" }, /not valid JSON/],
  ])("%s", async (_what, type, values, message) => {
    const file = await tempFile("plan.json", plan(type, values));
    const r = await importAll(["terraformPlan", file]);
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
    expect(r.errors[0]!.file).toBe(file);
    expect(r.errors[0]!.line).toBeGreaterThan(1);
  });
});

describe("Terraform: a bus policy and bus permissions on one bus", () => {
  it("are an error: they overwrite each other", async () => {
    const res = (type: string, values: Record<string, unknown>) => ({ address: `${type}.x`, mode: "managed", type, name: "x", values });
    const file = await tempFile("plan.json", JSON.stringify({ format_version: "1.2", planned_values: { root_module: { resources: [
      res("aws_cloudwatch_event_bus_policy", { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "444455556666" }, Action: "events:PutEvents", Resource: "*" }] }) }),
      res("aws_cloudwatch_event_permission", { principal: "777788889999", statement_id: "s", action: "events:PutEvents" }),
    ] } } }, null, 1));
    const r = await importAll(["terraformPlan", file]);
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/aws_cloudwatch_event_permission\.x: the bus .*event-bus\/default has both .* which overwrite each other/)]);
  });
});

describe("Terraform: an access point whose bucket is known only after apply", () => {
  it("gets the placeholder policy and is listed as unknown", async () => {
    const ap = { address: "aws_s3_access_point.x", mode: "managed", type: "aws_s3_access_point", name: "x" };
    const file = await tempFile("plan.json", JSON.stringify({
      format_version: "1.2",
      resource_changes: [{ ...ap, change: { actions: ["create"], after: { name: "ap1", policy: "" }, after_unknown: { bucket: true } } }],
    }));
    const r = await importAll(["terraformPlan", file]);
    expect(r.errors).toEqual([]);
    expect(r.unknowns.map((u) => u.attribute)).toContain("bucket");
    const { isUnknownPlaceholder } = await import("../../src/import/index.js");
    expect(isUnknownPlaceholder(account(r.tree).resources[`arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/ap1`]!.policy)).toBe(true);
  });
});
