/**
 * The SAM transform's IAM part (src/import/cloudformation/sam/), read through applyImports: the
 * partition's managed policy names, Globals merging, and the Policies entries SAM refuses.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyImports } from "../../src/import/index.js";
import { toJS, type LNode } from "../../src/load/located.js";
import { parseLocated } from "../../src/load/read-file.js";

const dir = join(import.meta.dirname, "../fixtures/import/sam/unit");

async function load(file: string, region = "us-east-1") {
  const r = parseLocated(`import:\n  - cloudformation: ./${file}\n    account: "111122223333"\n    region: ${region}\n    stackName: etl\n`, join(dir, "env.yaml"));
  if (!r.node) throw new Error(JSON.stringify(r.errors));
  const a = await applyImports(r.node as LNode);
  const account = (toJS(a.tree) as { accounts?: Record<string, { roles?: Record<string, { policies?: unknown[]; tags?: Record<string, string> }> }> }).accounts?.["111122223333"];
  return { errors: a.errors.filter((e) => e.severity === "error"), roles: account?.roles ?? {} };
}

describe("the SAM transform's roles", () => {
  it("in aws-cn, managed policy names and SAM's own policies are the partition's ARNs, each attached once", async () => {
    const { errors, roles } = await load("china.yaml", "cn-north-1");
    expect(errors).toEqual([]);
    const policies = roles.FnRole?.policies ?? [];
    // xray_utils.py: outside the aws partition SAM attaches AWSXRayDaemonWriteAccess.
    expect(policies.filter((p) => typeof p === "string")).toEqual([
      "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "arn:aws-cn:iam::aws:policy/AWSXRayDaemonWriteAccess",
      "arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess",
    ]);
    // The policy template's ARNs are in the partition too (its definition uses ${AWS::Partition}).
    expect(JSON.stringify(policies)).toContain("arn:aws-cn:s3:::raw-data/*");
  });

  it("Globals tags merge with the function's own, and SAM's createdBy tag comes first", async () => {
    const { roles } = await load("china.yaml");
    expect(roles.FnRole?.tags).toEqual({ "lambda:createdBy": "SAM", team: "data", app: "etl" });
  });

  it("Policies entries SAM refuses are errors at their line, and the good one is still imported", async () => {
    const { errors, roles } = await load("bad.yaml");
    const at = (line: number) => errors.filter((e) => e.line === line).map((e) => e.message);
    expect(at(12)).toEqual([expect.stringMatching(/one Fn::If mixes a managed policy with a policy document or template/)]);
    expect(at(13)).toEqual([expect.stringMatching(/42 is not a managed policy name or ARN/)]);
    expect(at(14)).toEqual([expect.stringMatching(/TotallyMadeUpThing is not a SAM policy template/)]);
    expect(at(15)).toEqual([expect.stringMatching(/S3ReadPolicy takes a mapping of its parameters/)]);
    // A statement without a Statement wrapper is neither a document nor a template (one key or more).
    expect(at(16)).toEqual([expect.stringMatching(/an entry is a managed policy name or ARN, a policy document/)]);
    expect(errors).toHaveLength(5);
    expect(roles.FnRole?.policies).toEqual(["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]);
  });
});

describe("SAM connectors the transform refuses (aws-sam-translator 1.110.0 refuses each of them, with these messages)", () => {
  it("each is an error at its place, and the valid connector beside them is still imported", async () => {
    const { errors, roles } = await load("connectors-bad.yaml");
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [21, "FnMissing: Destination: Unable to find resource with logical ID 'NoSuchTable'."],
      [25, "FnBoth: Destination: Must provide 'Id' (with optional 'Qualifier') or a supported combination of other properties."],
      [29, "FnNoArn: Destination.Arn is missing."],
      // The Worker's Role is an ARN string: SAM finds no role of the template to attach the policy to.
      [39, "RoleByArn: Unable to get IAM role name from 'Source' resource."],
      // SQS -> Lambda polls the queue: reading without deleting would redeliver every message.
      [46, "HalfPoll: Unsupported 'Permissions' provided for connector from AWS::SQS::Queue to AWS::Lambda::Function; valid combinations are: Read + Write."],
    ]);
    expect(errors.every((e) => e.hint)).toBe(true);
    // FnGood: Function -> SQS queue, Write: the customer managed policy FnGoodPolicy on FnRole.
    expect(roles.FnRole?.policies).toContain("arn:aws:iam::111122223333:policy/FnGoodPolicy");
  });
});

describe("SAM GraphQL APIs the transform refuses (sam-resource-graphqlapi.html: Auth is required)", () => {
  it("an API without Auth, an AWS_LAMBDA authorizer without its function, an unknown Type: errors at their place", async () => {
    const { errors, roles } = await load("graphql-bad.yaml");
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [3, "NoAuth: an AWS::Serverless::GraphQLApi needs Auth"],
      [12, "LambdaWithoutUri: an AWS_LAMBDA authorizer needs LambdaAuthorizer.AuthorizerUri"],
      [21, "UnknownType: Auth Type must be one of API_KEY, AWS_IAM, AWS_LAMBDA, OPENID_CONNECT, AMAZON_COGNITO_USER_POOLS"],
    ]);
    // Logging: false generates no logging role; the others get theirs.
    expect(Object.keys(roles).sort()).toEqual(["LambdaWithoutUriCloudWatchRole", "NoAuthCloudWatchRole"]);
  });
});

describe("SAM WebSocket APIs the transform refuses (aws-sam-translator 1.110.0 refuses each)", () => {
  it("no routes, a route key SAM cannot name, a route without its function, an authorizer without $connect", async () => {
    const { errors } = await load("websocket-bad.yaml");
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [3, "NoRoutes: WebSocket API must have at least one route (Routes)."],
      [15, "BadRoutes: Route key '$nonsense' must be alphanumeric. Only $connect, $disconnect, and $default special routes are supported."],
      [17, "BadRoutes: Route send must have associated function (FunctionArn)"],
      [12, "BadRoutes: Authorization is only available if there is a $connect route."],
    ]);
  });
});
