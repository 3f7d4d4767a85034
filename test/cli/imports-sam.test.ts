import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

// An AWS SAM template (Transform: AWS::Serverless-2016-10-31), written like the templates `sam init`
// gives, imported through the real CLI: the roles SAM generates, their policy templates filled in from
// !Ref / !Sub / !GetAtt of the template's resources, and the permissions its events add
// (serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html,
// serverless-policy-templates.html).
const FIXTURE = "test/fixtures/import/sam";

const cli = async (args: string[]) => {
  const r = await runCli(args);
  return { code: r.code, out: r.stdout + r.stderr, stdout: r.stdout };
};

interface Result {
  status: string;
  name?: string;
  message?: string;
}

describe("importing an AWS SAM template through the CLI", () => {
  // Each fixture's specs hold both polarities of every request they name; all must pass.
  it.each([
    ["every expectation on the generated roles, policy templates and event permissions holds", "specs", 30],
    ["aliases, function URLs, authorizers, dead-letter queues, destinations, Fn::If policies and pull and push events", "features/specs", 42],
    ["a destination from Globals is the first function's queue for every function, as SAM deploys it", "globals/specs", 4],
    ["policies name resources by Ref and Fn::GetAtt of types beyond IAM (Firehose, Batch, ECS, QLDB)", "return-values/specs", 10],
    ["connectors (standalone and embedded) write the policies and permissions SAM generates", "connectors/specs", 16],
    ["a GraphQL API: its authorizer permission, data source roles and logging role", "graphql/specs", 10],
    ["a WebSocket API: its route and authorizer permissions", "websocket/specs", 4],
  ] as const)("%s", async (_name, specs, count) => {
    const r = await cli(["test", `${FIXTURE}/${specs}`, "--seed", "1", "--reporter", "json"]);
    const report = JSON.parse(r.stdout) as { results: Result[] };
    expect(report.results.filter((x) => x.status !== "passed")).toEqual([]);
    expect(report.results).toHaveLength(count);
    expect(r.code).toBe(0);
  });

  it("a function with an explicit Role gets no generated <LogicalId>Role", async () => {
    const r = await cli(["test", `${FIXTURE}/role-given/specs`, "--seed", "1"]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/role\.iamspec\.yaml:5:9: no role "ReportFunctionRole"/);
  });

  describe("what the import cannot read is an input error at its place in the template (exit 2)", () => {
    let once: ReturnType<typeof cli> | undefined;
    const errorsRun = () => (once ??= cli(["test", `${FIXTURE}/errors/specs`, "--seed", "1"]));
    const at = (line: number, column: number) => new RegExp(`errors/template\\.yaml:${line}:${column}: `);

    it("exits 2 and checks nothing", async () => {
      const r = await errorsRun();
      expect(r.code).toBe(2);
      expect(r.out).toMatch(/0 passed, 0 failed/);
    });
    it("an unknown policy template, naming the closest known ones", async () => {
      const r = await errorsRun();
      expect(r.out).toMatch(at(21, 11));
      expect(r.out).toMatch(/S3ReadPolicyy is not a SAM policy template \(did you mean S3ReadPolicy\b/);
    });
    it("a policy template without one of its parameters", async () => {
      const r = await errorsRun();
      expect(r.out).toMatch(new RegExp(`${at(30, 11).source}Policies: the policy template DynamoDBCrudPolicy needs TableName`));
    });
    it("a parameter value whose intrinsic cannot be resolved, at the intrinsic", async () => {
      const r = await errorsRun();
      expect(r.out).toMatch(new RegExp(`${at(40, 25).source}Fn::GetAtt UploadsBucket.Nonsense`));
    });
    it("a managed policy name that names no AWS managed policy", async () => {
      const r = await errorsRun();
      expect(r.out).toMatch(new RegExp(`${at(47, 17).source}Policies: AmazonS3ReadOnlyAcess is not an AWS managed policy name.*did you mean AmazonS3ReadOnlyAccess`));
    });
    it("Policies in Globals, which SAM refuses", async () => {
      const r = await errorsRun();
      expect(r.out).toMatch(new RegExp(`${at(8, 5).source}Globals.Function.Policies`));
    });
    it("an event source whose role policy iam-spec does not write", async () => {
      const r = await errorsRun();
      expect(r.out).toMatch(new RegExp(`${at(62, 15).source}Events.Changes: iam-spec does not write the role policy SAM derives from an MSK event's SchemaRegistryConfig yet`));
    });
    it("a connector between types SAM has no profile for, naming the destinations it has", async () => {
      const r = await errorsRun();
      expect(r.out).toMatch(new RegExp(`${at(89, 9).source}BucketReaderConnector: Unable to create connector from AWS::Lambda::Function to AWS::Cognito::UserPool`));
      expect(r.out).toMatch(/a connector from AWS::Lambda::Function reaches AWS::DynamoDB::Table, .*AWS::S3::Bucket/);
    });
    it("an embedded connector asking for an access category its profile does not have", async () => {
      const r = await errorsRun();
      expect(r.out).toMatch(new RegExp(`${at(78, 13).source}ReaderFunctionBucketConn: Unsupported 'Permissions' provided for connector from AWS::Lambda::Function to AWS::S3::Bucket; valid values are: Read, Write`));
    });
  });
});
