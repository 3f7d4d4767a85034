/**
 * AWS::Serverless::GraphQLApi (sam-resource-graphqlapi.html), as far as it bears on IAM: what
 * aws-sam-translator 1.110.0 generates (sam_resources.py SamGraphQLApi):
 *   - the API (`AWS::AppSync::GraphQLApi`, named by Name or its logical ID);
 *   - unless Logging is false or names its CloudWatchLogsRoleArn, the role `<Api>CloudWatchRole`
 *     trusting appsync.amazonaws.com with service-role/AWSAppSyncPushToCloudWatchLogs;
 *   - for each Lambda authorizer (Auth, then Auth.Additional, with Type AWS_LAMBDA), the connector
 *     `<Api>ToLambdaAuthConnector<n>` (n from 1): AppSync may invoke the authorizer function;
 *   - for each data source `DataSources.DynamoDb.NAME` / `DataSources.Lambda.NAME`, the data source
 *     `<Api><NAME>DynamoDBDataSource` / `<Api><NAME>LambdaDataSource` and, unless it names its
 *     ServiceRoleArn, the role `<DataSource>Role` trusting appsync.amazonaws.com and the connector
 *     `<DataSource>ToTableConnector` (Permissions, default Read and Write) / `<DataSource>ToLambdaConnector`
 *     (Write) giving that role access to the table or function.
 * The connectors are read with the template's own (connectors.ts).
 */
import { inputError } from "../../../load/errors.js";
import type { LNode } from "../../../load/located.js";
import type { SourcePos } from "../../../model/types.js";
import { entriesOf, get, items, str } from "../../lnode.js";
import type { Connector } from "./connectors.js";
import { arnOf, awsManaged, keep, ref, serviceTrust, sub, tree, type Tree } from "./tree.js";
import type { Expander, Expansion, SamResource } from "./transform.js";

const opt = (n: LNode | undefined): Tree | undefined => (n ? keep(n) : undefined);

function connector(x: Expansion, id: string, pos: SourcePos, condition: LNode | undefined, source: Tree, destination: Tree, permissions: Tree): void {
  const c: Connector = { id, pos, source: tree(source, pos), destination: tree(destination, pos), permissions: tree(permissions, pos), condition };
  x.connector(c);
}

export const graphQLApi: Expander = (x, r) => {
  const p = (k: string) => get(r.props, k);
  const apiId: Tree = { "Fn::GetAtt": [r.id, "ApiId"] };
  x.resource(r.id, "AWS::AppSync::GraphQLApi", { Name: p("Name") ? keep(p("Name")!) : r.id }, r.pos, r.condition);
  lambdaAuthorizers(x, r, apiId);
  const logging = p("Logging");
  const off = logging?.kind === "scalar" && (logging.value === false || logging.value === "false");
  if (!off && !get(logging, "CloudWatchLogsRoleArn")) {
    x.resource(`${r.id}CloudWatchRole`, "AWS::IAM::Role", {
      AssumeRolePolicyDocument: serviceTrust("appsync.amazonaws.com"),
      ManagedPolicyArns: [awsManaged("service-role/AWSAppSyncPushToCloudWatchLogs")],
    }, logging?.pos ?? r.pos, r.condition);
  }
  const sources = p("DataSources");
  for (const d of entriesOf(get(sources, "DynamoDb"))) {
    const dsId = `${r.id}${d.key}DynamoDBDataSource`;
    const table = get(d.value, "TableArn") ? keep(get(d.value, "TableArn")!)
      : sub("arn:${AWS::Partition}:dynamodb:${__Region__}:${AWS::AccountId}:table/${__TableName__}", { __TableName__: opt(get(d.value, "TableName")) ?? "", __Region__: opt(get(d.value, "Region")) ?? ref("AWS::Region") });
    dataSource(x, r, dsId, d.key, d.value, d.keyPos, apiId, "ToTableConnector", { Type: "AWS::DynamoDB::Table", Arn: table }, get(d.value, "Permissions") ? keep(get(d.value, "Permissions")!) : ["Read", "Write"]);
  }
  for (const d of entriesOf(get(sources, "Lambda"))) {
    const dsId = `${r.id}${d.key}LambdaDataSource`;
    dataSource(x, r, dsId, d.key, d.value, d.keyPos, apiId, "ToLambdaConnector", { Type: "AWS::Lambda::Function", Arn: opt(get(d.value, "FunctionArn")) }, ["Write"]);
  }
};

function dataSource(x: Expansion, r: SamResource, dsId: string, name: string, d: LNode, pos: SourcePos, apiId: Tree, suffix: string, destination: Tree, permissions: Tree): void {
  const given = get(d, "ServiceRoleArn");
  const roleId = `${dsId}Role`;
  x.resource(dsId, "AWS::AppSync::DataSource", { ApiId: apiId, Name: get(d, "Name") ? keep(get(d, "Name")!) : name, ServiceRoleArn: given ? keep(given) : arnOf(roleId) }, pos, r.condition);
  if (given) return;
  x.resource(roleId, "AWS::IAM::Role", { AssumeRolePolicyDocument: serviceTrust("appsync.amazonaws.com") }, pos, r.condition);
  connector(x, `${dsId}${suffix}`, pos, r.condition, { Type: "AWS::AppSync::DataSource", Arn: { "Fn::GetAtt": [dsId, "DataSourceArn"] }, RoleName: ref(roleId) }, destination, permissions);
}

/** Auth and Auth.Additional of Type AWS_LAMBDA, in that order: AppSync may invoke each authorizer. */
const AUTH_TYPES = ["API_KEY", "AWS_IAM", "AWS_LAMBDA", "OPENID_CONNECT", "AMAZON_COGNITO_USER_POOLS"];

function lambdaAuthorizers(x: Expansion, r: SamResource, apiId: Tree): void {
  const auth = get(r.props, "Auth");
  // SAM refuses a GraphQLApi without Auth, and an authorizer of another Type or without its
  // configuration: the template never deploys, so reading it would describe nothing AWS has.
  if (!auth) {
    x.errors.push(inputError("schema", r.pos, `${r.id}: an AWS::Serverless::GraphQLApi needs Auth`, "write Auth: { Type: AWS_IAM } (or API_KEY, AWS_LAMBDA, OPENID_CONNECT, AMAZON_COGNITO_USER_POOLS)"));
    return;
  }
  const entries = [auth, ...items(get(auth, "Additional"))];
  const lambdas = entries.filter((a) => {
    const type = str(get(a, "Type"));
    if (!type || !AUTH_TYPES.includes(type)) {
      x.errors.push(inputError("schema", get(a, "Type")?.pos ?? a.pos, `${r.id}: Auth Type must be one of ${AUTH_TYPES.join(", ")}`));
      return false;
    }
    return type === "AWS_LAMBDA";
  });
  lambdas.forEach((a, i) => {
    const uri = get(get(a, "LambdaAuthorizer"), "AuthorizerUri");
    if (!uri) {
      x.errors.push(inputError("schema", a.pos, `${r.id}: an AWS_LAMBDA authorizer needs LambdaAuthorizer.AuthorizerUri`, "name the authorizer function: LambdaAuthorizer: { AuthorizerUri: !GetAtt AuthFunction.Arn }"));
      return;
    }
    connector(x, `${r.id}ToLambdaAuthConnector${i + 1}`, uri.pos, r.condition,
      { Type: "AWS::AppSync::GraphQLApi", Arn: ref(r.id), ResourceId: apiId }, { Type: "AWS::Lambda::Function", Arn: keep(uri) }, ["Write"]);
  });
}
