/**
 * Policy-bearing resource types beyond IAM, buckets, queues, topics and keys: Lambda permissions,
 * VPC endpoint policies, Secrets Manager resource policies and ECR repository policies, from a
 * CDK-like template (cdk/Api.template.json) and a Terraform plan (terraform/more-types.plan.json).
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyImports, isUnknownName, isUnknownPlaceholder } from "../../src/import/index.js";
import { nodeAt, toJS, type LNode } from "../../src/load/located.js";
import { parseLocated } from "../../src/load/read-file.js";

const dir = join(import.meta.dirname, "../fixtures/import");

function env(yaml: string): LNode {
  const r = parseLocated(yaml, join(dir, "env.yaml"));
  if (!r.node) throw new Error(JSON.stringify(r.errors));
  return r.node;
}

interface Statement {
  Sid?: string;
  Effect: string;
  Principal: unknown;
  Action: unknown;
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
interface Doc {
  Statement: Statement[];
}
interface Account {
  resources: Record<string, { policy?: Doc; tags?: Record<string, string> }>;
  vpcEndpoints: Record<string, { policy?: Doc }>;
}

const ACCOUNT = "111122223333";
const HANDLER = "arn:aws:lambda:eu-west-1:111122223333:function:Api-Handler886CB40B";
const hex = (text: string, n: number) => createHash("sha256").update(text).digest("hex").slice(0, n);

async function cdk(restrict?: string) {
  return applyImports(env(`
import:
  - cloudformation: ./cdk/Api.template.json
    account: "${ACCOUNT}"
    region: eu-west-1
${restrict ? `    parameters: { RestrictSource: "${restrict}" }\n` : ""}`));
}

function account(tree: LNode): Account {
  return (toJS(tree) as { accounts: Record<string, Account> }).accounts[ACCOUNT]!;
}

describe("CloudFormation / CDK: AWS::Lambda::Permission", () => {
  it("turns the permissions of one function into the statements of its resource policy, as AddPermission does", async () => {
    const r = await cdk();
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const a = account(r.tree);
    const policy = a.resources[HANDLER]!.policy!;
    const api = hex(`${ACCOUNT}/eu-west-1/Api/ApiF70053CD`, 10); // the stand-in REST API id
    expect(policy.Statement).toEqual([
      {
        Sid: "ApiproxyANYApiPermissionApiproxyANY1A2B3C4D",
        Effect: "Allow",
        Principal: { Service: "apigateway.amazonaws.com" },
        Action: "lambda:InvokeFunction",
        Resource: HANDLER,
        Condition: { ArnLike: { "aws:SourceArn": `arn:aws:execute-api:eu-west-1:${ACCOUNT}:${api}/prod/*/*` } },
      },
      {
        Sid: "ApiproxyANYApiPermissionTestApiproxyANY5E6F7A8B",
        Effect: "Allow",
        Principal: { Service: "apigateway.amazonaws.com" },
        Action: "lambda:InvokeFunction",
        Resource: HANDLER,
        Condition: { ArnLike: { "aws:SourceArn": `arn:aws:execute-api:eu-west-1:${ACCOUNT}:${api}/test-invoke-stage/*/*` } },
      },
      // Principal as an account id: the account's root (Ref of the function: its name).
      { Sid: "HandlerInvokeFromPartnerA1B2C3D4", Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "lambda:InvokeFunction", Resource: HANDLER },
    ]);
    // A function named by a plain name (not defined in the template) is a function of the account.
    const reports = a.resources["arn:aws:lambda:eu-west-1:111122223333:function:reports"]!.policy!;
    expect(reports.Statement).toEqual([
      {
        Sid: "HandlerUrlPublicE5F6A7B8",
        Effect: "Allow",
        Principal: "*",
        Action: "lambda:InvokeFunctionUrl",
        Resource: "arn:aws:lambda:eu-west-1:111122223333:function:reports",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5", "lambda:FunctionUrlAuthType": "AWS_IAM" } },
      },
    ]);
  });

  it("leaves the condition out when SourceArn resolves to AWS::NoValue", async () => {
    const r = await cdk("false");
    expect(r.errors).toEqual([]);
    const st = account(r.tree).resources[HANDLER]!.policy!.Statement[0]!;
    expect(st.Sid).toBe("ApiproxyANYApiPermissionApiproxyANY1A2B3C4D");
    expect(st.Condition).toBeUndefined();
  });

  it("keeps template positions: a statement at its permission, the condition value at the SourceArn", async () => {
    const r = await cdk();
    const base = ["accounts", ACCOUNT, "resources", HANDLER, "policy", "Statement"];
    const st = nodeAt(r.tree, [...base, 0])!;
    expect(st.pos.file).toMatch(/Api\.template\.json$/);
    expect(st.pos.line).toBe(49);
    expect(nodeAt(r.tree, [...base, 0, "Condition", "ArnLike", "aws:SourceArn"])!.pos.line).toBe(57); // the Fn::Join that gives it
    expect(nodeAt(r.tree, [...base, 2, "Principal", "AWS"])!.pos.line).toBe(77);
  });

  it("reports what it cannot map at its position, never dropping a permission", async () => {
    const r = await applyImports(env(`
import:
  - cloudformation: ./cdk/BadPermission.template.json
    account: "${ACCOUNT}"
`));
    const msgs = r.errors.map((e) => `${e.file.split("/").pop()}:${e.line}:${e.column}: ${e.message}`);
    expect(msgs).toEqual([
      expect.stringMatching(/^BadPermission\.template\.json:6:74: AWS::Lambda::Permission OtherAccount: the function .*:999999999999:function:theirs belongs to account 999999999999, not to the import's account/),
      expect.stringMatching(/^BadPermission\.template\.json:10:104: AWS::Lambda::Permission BadPrincipal: principal "not a principal" is not a service principal/),
      expect.stringMatching(/^BadPermission\.template\.json:14:141: iam-spec does not know what Ref and Fn::GetAtt return for AWS::Custom::Thing \(Queue\)/),
      "BadPermission.template.json:16:5: AWS::Lambda::Permission NoPrincipal has no Principal (a string)",
    ]);
  });
});

describe("CloudFormation / CDK: VPC endpoints, secrets, ECR repositories", () => {
  it("lists the VPC endpoint under a deterministic placeholder id with its policy", async () => {
    const a = account((await cdk()).tree);
    const id = `vpce-${hex(`${ACCOUNT}/eu-west-1/Api/S3EndpointC1D2E3F4`, 17)}`;
    expect(Object.keys(a.vpcEndpoints)).toEqual([id]);
    expect(a.vpcEndpoints[id]!.policy!.Statement[0]!.Condition).toEqual({ StringEquals: { "aws:ResourceAccount": ACCOUNT } });
    // The same template imported again gives the same id.
    expect(Object.keys(account((await cdk()).tree).vpcEndpoints)).toEqual([id]);
  });

  it("puts the secret's resource policy on the ARN the secret's Ref gives", async () => {
    const a = account((await cdk()).tree);
    const arn = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:app/db-${hex("app/db", 6)}`;
    expect(a.resources[arn]!.policy!.Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/HandlerServiceRoleFCDC14AE` },
      Action: "secretsmanager:GetSecretValue",
      Resource: "*",
    });
  });

  it("lists the ECR repository with its policy; a statement without Resource names the repository", async () => {
    const a = account((await cdk()).tree);
    const repo = a.resources[`arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/app/images`]!;
    expect(repo.tags).toEqual({ team: "platform" });
    expect(repo.policy!.Statement).toEqual([
      {
        Sid: "PullFromProd",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::444455556666:root" },
        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        Resource: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/app/images`,
      },
    ]);
  });
});

describe("Terraform: aws_lambda_permission, aws_vpc_endpoint, secrets and ECR", () => {
  const load = () => applyImports(env(`
import:
  - terraformPlan: ./terraform/more-types.plan.json
    account: "${ACCOUNT}"
`));

  it("maps permissions to statements of the function (or qualified) ARN's policy", async () => {
    const r = await load();
    expect(r.errors).toEqual([]);
    const a = account(r.tree);
    const fn = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:orders-api`;
    const st = a.resources[fn]!.policy!.Statement;
    expect(st[0]).toEqual({
      Sid: "AllowFromEvents",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "lambda:InvokeFunction",
      Resource: fn,
      Condition: { ArnLike: { "aws:SourceArn": `arn:aws:events:eu-west-1:${ACCOUNT}:rule/nightly` } },
    });
    // source_arn = aws_api_gateway_rest_api.api.execution_arn: known only after apply.
    expect(st).toHaveLength(2);
    expect(isUnknownPlaceholder(a.resources[fn]!.policy)).toBe(true);
    // function_name = aws_lambda_function.api.arn (unknown) is derived from the planned name; qualifier appended.
    expect(a.resources[`${fn}:live`]!.policy!.Statement).toEqual([
      { Sid: "AllowPartner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "lambda:InvokeFunction", Resource: `${fn}:live` },
    ]);
  });

  it("lists every value known only after apply", async () => {
    const r = await load();
    expect(r.unknowns.map((u) => `${u.address}.${u.attribute}`)).toEqual([
      "aws_lambda_permission.apigw.source_arn",
      "aws_vpc_endpoint.dynamodb.id",
      "aws_secretsmanager_secret.db.arn",
    ]);
    expect(r.unknowns.every((u) => /more-types\.plan\.json$/.test(u.pos.file))).toBe(true);
  });

  it("lists VPC endpoints by planned id, or by a placeholder vpce- id; no policy argument: no endpoint policy", async () => {
    const a = account((await load()).tree);
    const placeholder = `vpce-${hex(`${ACCOUNT}/eu-west-1/aws_vpc_endpoint.dynamodb`, 17)}`;
    expect(Object.keys(a.vpcEndpoints).sort()).toEqual(["vpce-0123456789abcdef0", placeholder].sort());
    expect(a.vpcEndpoints[placeholder]!.policy!.Statement[0]!.Action).toBe("dynamodb:GetItem");
    expect(a.vpcEndpoints["vpce-0123456789abcdef0"]!.policy).toBeUndefined();
  });

  it("puts secret and repository policies on the resources they refer to", async () => {
    const a = account((await load()).tree);
    const secrets = Object.keys(a.resources).filter((k) => k.includes(":secretsmanager:"));
    expect(secrets).toHaveLength(1); // the secret and its policy agree on the placeholder ARN
    expect(isUnknownName(secrets[0]!)).toBe(true);
    expect(a.resources[secrets[0]!]!.policy!.Statement[0]!.Action).toBe("secretsmanager:GetSecretValue");
    const repo = a.resources[`arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/app/images`]!;
    expect(repo.tags).toEqual({ team: "platform" });
    expect(repo.policy!.Statement[0]!.Resource).toBe(`arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/app/images`);
  });
});

describe("the loader builds the model from these fragments unchanged", () => {
  it.each([
    ["cdk", `import:\n  - cloudformation: ./cdk/Api.template.json\n    account: "${ACCOUNT}"\n    region: eu-west-1\n`],
    ["terraform", `import:\n  - terraformPlan: ./terraform/more-types.plan.json\n    account: "${ACCOUNT}"\n`],
  ])("%s", async (_name, yaml) => {
    const { createLoader } = await import("../../src/load/spec.js");
    const { buildEnvironment } = await import("../../src/model/build-environment.js");
    const imported = await applyImports(env(yaml));
    expect(imported.errors).toEqual([]);
    const loader = await createLoader();
    const built = await buildEnvironment(imported.tree, [], { ...loader.policies, errors: [], warnings: [] });
    expect(built.errors).toEqual([]);
    const acct = built.environment!.accounts.get(ACCOUNT)!;
    expect(acct.vpcEndpoints.size).toBeGreaterThan(0);
  });
});

describe("return values of types named in public templates' policies", () => {
  it("AppSync, Location, OpenSearch Serverless, Kendra, SageMaker endpoints, Glue jobs, DSQL, AppConfig, S3 Express and Pinpoint resolve to their ARNs", async () => {
    const a = await applyImports(env(`import:\n  - cloudformation: ./corpus/return-values.yaml\n    account: "${ACCOUNT}"\n    region: us-east-1\n    stackName: reach\n`));
    expect(a.errors.filter((e) => e.severity === "error")).toEqual([]);
    const roles = (toJS(a.tree) as { accounts: Record<string, { roles: Record<string, { policies: { Statement: Statement[] }[] }> }> }).accounts[ACCOUNT]!.roles;
    const resources = roles.Worker!.policies[0]!.Statement.map((s) => s.Resource);
    const apiId = hex(`${ACCOUNT}/us-east-1/reach/Api`, 26);
    const h = hex(`${ACCOUNT}/us-east-1/reach/Docs`, 32);
    expect(resources).toEqual([
      // aws-resource-appsync-graphqlapi.html: Ref and Arn are the API's ARN.
      `arn:aws:appsync:us-east-1:${ACCOUNT}:apis/${apiId}/types/Query/*`,
      `arn:aws:appsync:us-east-1:${ACCOUNT}:apis/${apiId}`,
      `arn:aws:geo:us-east-1:${ACCOUNT}:place-index/places`,
      `arn:aws:aoss:us-east-1:${ACCOUNT}:collection/${hex(`${ACCOUNT}/us-east-1/reach/Search`, 20)}`,
      `arn:aws:kendra:us-east-1:${ACCOUNT}:index/${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`,
      // aws-resource-sagemaker-endpoint.html: Ref is the ARN, whose name part is lowercase.
      `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/scorer`,
      `arn:aws:glue:us-east-1:${ACCOUNT}:job/nightly-etl`,
      `arn:aws:dsql:us-east-1:${ACCOUNT}:cluster/${hex(`${ACCOUNT}/us-east-1/reach/Cluster`, 26)}`,
      `arn:aws:appconfig:us-east-1:${ACCOUNT}:application/${hex(`${ACCOUNT}/us-east-1/reach/Flags`, 7)}/*`,
      `arn:aws:s3express:us-east-1:${ACCOUNT}:bucket/scratch--use1-az4--x-s3`,
      `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/${hex(`${ACCOUNT}/us-east-1/reach/Campaigns`, 32)}/messages`,
    ]);
  });
});
