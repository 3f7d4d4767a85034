/**
 * Physical names and return values of resources (what `Ref` and `Fn::GetAtt` give), per type, as the
 * CloudFormation resource reference documents them ("Return values" of each AWS::* type). Where a
 * template does not name a resource, CloudFormation generates a name at deploy time; iam-spec uses a
 * deterministic stand-in instead (docs/imports.md):
 *   - roles, users, groups and managed policies: the logical ID (contract section 3);
 *   - S3 buckets: "<stack>-<logicalid>", lowercased, other characters turned into "-", up to 63;
 *   - queues, topics, functions, tables, log groups, ...: "<stack>-<LogicalId>";
 *   - KMS keys: a UUID-shaped id derived from stack and logical ID; VPC endpoints: "vpce-" + hex;
 *     API Gateway API ids: 10 hex characters derived the same way.
 */
import { instanceIdFor } from "../runs-as.js";
import { createHash } from "node:crypto";
import type { LNode } from "../../load/located.js";
import { get, str } from "../lnode.js";
import type { StackScope, TemplateResource } from "./scope.js";

function hex(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

function generated(scope: StackScope, r: TemplateResource): string {
  return `${scope.stackName}-${r.logicalId}`;
}

function bucketName(scope: StackScope, r: TemplateResource, props: Props): string {
  return props.s("BucketName") ?? generated(scope, r).toLowerCase().replace(/[^a-z0-9.-]+/g, "-").slice(0, 63).replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
}

/** Access point names: 3 to 50 lowercase letters, digits and hyphens (AmazonS3/latest/userguide/creating-access-points.html). */
export function accessPointName(scope: StackScope, r: TemplateResource, props: Props): string {
  return props.s("Name") ?? generated(scope, r).toLowerCase().replace(/[^a-z0-9-]+/g, "-").slice(0, 50).replace(/^-+|-+$/g, "");
}

function keyId(scope: StackScope, r: TemplateResource): string {
  const h = hex(`${scope.account}/${scope.region}/${scope.stackName}/${r.logicalId}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** API Gateway API ids (REST and HTTP/WebSocket): 10 lowercase hex characters derived from the stack. */
function apiId(scope: StackScope, r: TemplateResource): string {
  return hex(`${scope.account}/${scope.region}/${scope.stackName}/${r.logicalId}`, 10);
}

export function vpcEndpointId(scope: StackScope, r: TemplateResource): string {
  return `vpce-${hex(`${scope.account}/${scope.region}/${scope.stackName}/${r.logicalId}`, 17)}`;
}

/** The ARN of secret NAME: AWS appends "-" and six random characters; iam-spec a hash of the name. */
export function secretArn(scope: StackScope, name: string): string {
  return `arn:${scope.partition}:secretsmanager:${scope.region}:${scope.account}:secret:${name}-${hex(name, 6)}`;
}

/** String-valued properties after resolution (names may themselves be intrinsics). */
export interface Props {
  s(key: string): string | undefined;
  raw(key: string): LNode | undefined;
}

export function iamPath(props: Props): string {
  return props.s("Path") ?? "/";
}

export interface ReturnValues {
  readonly ref: string;
  readonly attrs: Readonly<Record<string, string>>;
}

/**
 * Ref and GetAtt values of `r`, or undefined when iam-spec does not know the type (the caller reports
 * it where it is used).
 */
export function returnValues(scope: StackScope, r: TemplateResource, props: Props): ReturnValues | undefined {
  const { partition: p, region: reg, account: acct } = scope;
  const path = () => iamPath(props).replace(/^\//, "");
  switch (r.type) {
    case "AWS::IAM::Role": {
      const name = props.s("RoleName") ?? r.logicalId;
      return { ref: name, attrs: { Arn: `arn:${p}:iam::${acct}:role/${path()}${name}`, RoleId: `AROA${hex(name, 16).toUpperCase()}` } };
    }
    case "AWS::IAM::User": {
      const name = props.s("UserName") ?? r.logicalId;
      return { ref: name, attrs: { Arn: `arn:${p}:iam::${acct}:user/${path()}${name}` } };
    }
    case "AWS::IAM::Group": {
      const name = props.s("GroupName") ?? r.logicalId;
      return { ref: name, attrs: { Arn: `arn:${p}:iam::${acct}:group/${path()}${name}` } };
    }
    case "AWS::IAM::ManagedPolicy": {
      const arn = `arn:${p}:iam::${acct}:policy/${path()}${props.s("ManagedPolicyName") ?? r.logicalId}`;
      return { ref: arn, attrs: { PolicyArn: arn } };
    }
    case "AWS::IAM::InstanceProfile": {
      const name = props.s("InstanceProfileName") ?? generated(scope, r);
      return { ref: name, attrs: { Arn: `arn:${p}:iam::${acct}:instance-profile/${path()}${name}` } };
    }
    case "AWS::S3::Bucket": {
      const name = bucketName(scope, r, props);
      return {
        ref: name,
        attrs: {
          Arn: `arn:${p}:s3:::${name}`,
          DomainName: `${name}.s3.${scope.urlSuffix}`,
          RegionalDomainName: `${name}.s3.${reg}.${scope.urlSuffix}`,
          WebsiteURL: `http://${name}.s3-website-${reg}.${scope.urlSuffix}`,
        },
      };
    }
    case "AWS::SQS::Queue": {
      let name = props.s("QueueName") ?? generated(scope, r);
      const fifo = props.raw("FifoQueue");
      if (fifo?.kind === "scalar" && (fifo.value === true || fifo.value === "true") && !name.endsWith(".fifo")) name = `${name}.fifo`;
      const url = `https://sqs.${reg}.${scope.urlSuffix}/${acct}/${name}`;
      return { ref: url, attrs: { Arn: `arn:${p}:sqs:${reg}:${acct}:${name}`, QueueName: name, QueueUrl: url } };
    }
    case "AWS::SNS::Topic": {
      const name = props.s("TopicName") ?? generated(scope, r);
      const arn = `arn:${p}:sns:${reg}:${acct}:${name}`;
      return { ref: arn, attrs: { TopicArn: arn, TopicName: name } };
    }
    case "AWS::KMS::Key": {
      const id = keyId(scope, r);
      return { ref: id, attrs: { Arn: `arn:${p}:kms:${reg}:${acct}:key/${id}`, KeyId: id } };
    }
    case "AWS::KMS::Alias": {
      const name = props.s("AliasName") ?? `alias/${r.logicalId}`;
      return { ref: name, attrs: {} };
    }
    case "AWS::EC2::Instance":
      // The instance id is assigned at launch: a stable stand-in (../runs-as.ts).
      return { ref: instanceIdFor(acct, reg, `${scope.stackName}/${r.logicalId}`), attrs: {} };
    case "AWS::Lambda::Function": {
      const name = props.s("FunctionName") ?? generated(scope, r);
      return { ref: name, attrs: { Arn: `arn:${p}:lambda:${reg}:${acct}:function:${name}` } };
    }
    // aws-resource-codebuild-project.html: Ref is the project's name, Fn::GetAtt Arn its ARN.
    case "AWS::CodeBuild::Project": {
      const name = props.s("Name") ?? generated(scope, r);
      return { ref: name, attrs: { Arn: `arn:${p}:codebuild:${reg}:${acct}:project/${name}` } };
    }
    // aws-resource-sagemaker-notebookinstance.html: Ref is the instance's ARN, NotebookInstanceName its name.
    case "AWS::SageMaker::NotebookInstance": {
      const name = props.s("NotebookInstanceName") ?? generated(scope, r);
      const arn = `arn:${p}:sagemaker:${reg}:${acct}:notebook-instance/${name}`;
      return { ref: arn, attrs: { NotebookInstanceName: name } };
    }
    // aws-resource-glue-devendpoint.html: Ref is the endpoint's name.
    case "AWS::Glue::DevEndpoint": {
      const name = props.s("EndpointName") ?? generated(scope, r);
      return { ref: name, attrs: {} };
    }
    case "AWS::DynamoDB::Table": {
      const name = props.s("TableName") ?? generated(scope, r);
      const arn = `arn:${p}:dynamodb:${reg}:${acct}:table/${name}`;
      return { ref: name, attrs: { Arn: arn, StreamArn: `${arn}/stream/1970-01-01T00:00:00.000` } };
    }
    case "AWS::SecretsManager::Secret": {
      const arn = secretArn(scope, props.s("Name") ?? generated(scope, r));
      return { ref: arn, attrs: { Id: arn } };
    }
    case "AWS::Logs::LogGroup": {
      const name = props.s("LogGroupName") ?? generated(scope, r);
      return { ref: name, attrs: { Arn: `arn:${p}:logs:${reg}:${acct}:log-group:${name}:*` } };
    }
    case "AWS::SSM::Parameter": {
      const name = props.s("Name") ?? generated(scope, r);
      return { ref: name, attrs: {} };
    }
    case "AWS::StepFunctions::StateMachine": {
      const name = props.s("StateMachineName") ?? generated(scope, r);
      const arn = `arn:${p}:states:${reg}:${acct}:stateMachine:${name}`;
      return { ref: arn, attrs: { Arn: arn, Name: name } };
    }
    case "AWS::ECR::Repository": {
      const name = props.s("RepositoryName") ?? generated(scope, r).toLowerCase();
      return { ref: name, attrs: { Arn: `arn:${p}:ecr:${reg}:${acct}:repository/${name}` } };
    }
    case "AWS::Kinesis::Stream": {
      const name = props.s("Name") ?? generated(scope, r);
      return { ref: name, attrs: { Arn: `arn:${p}:kinesis:${reg}:${acct}:stream/${name}` } };
    }
    case "AWS::Events::EventBus": {
      const name = props.s("Name") ?? generated(scope, r);
      return { ref: name, attrs: { Arn: `arn:${p}:events:${reg}:${acct}:event-bus/${name}`, Name: name } };
    }
    // aws-resource-events-rule.html: Ref is the rule's name, Fn::GetAtt Arn its ARN (a rule on a custom
    // bus: rule/BUS/NAME).
    case "AWS::Events::Rule": {
      const name = props.s("Name") ?? generated(scope, r);
      const bus = props.s("EventBusName")?.replace(/^arn:[^:]+:events:[^:]*:\d*:event-bus\//, "");
      const arn = `arn:${p}:events:${reg}:${acct}:rule/${bus && bus !== "default" ? `${bus}/` : ""}${name}`;
      return { ref: name, attrs: { Arn: arn } };
    }
    // aws-resource-iot-topicrule.html: Ref is the rule's name (letters, digits and underscores).
    case "AWS::IoT::TopicRule": {
      const name = props.s("RuleName") ?? generated(scope, r).replace(/[^A-Za-z0-9_]/g, "_");
      return { ref: name, attrs: { Arn: `arn:${p}:iot:${reg}:${acct}:rule/${name}` } };
    }
    case "AWS::Lambda::Alias": {
      // Ref: the alias ARN (the function ARN and the alias name).
      const fn = props.s("FunctionName");
      const name = props.s("Name");
      if (fn === undefined || name === undefined) return undefined;
      const base = fn.startsWith("arn:") ? fn : /^\d{12}:function:/.test(fn) ? `arn:${p}:lambda:${reg}:${fn}` : `arn:${p}:lambda:${reg}:${acct}:function:${fn}`;
      return { ref: `${base}:${name}`, attrs: { AliasArn: `${base}:${name}` } };
    }
    case "AWS::ApiGateway::RestApi": {
      // Ref: the API id AWS generates (10 characters): a stand-in derived like KMS key ids.
      const id = apiId(scope, r);
      return { ref: id, attrs: { RestApiId: id, RootResourceId: hex(`${id}/root`, 10) } };
    }
    case "AWS::ApiGatewayV2::Api": {
      const id = apiId(scope, r);
      return { ref: id, attrs: { ApiId: id, ApiEndpoint: `https://${id}.execute-api.${reg}.${scope.urlSuffix}` } };
    }
    case "AWS::ApiGateway::Stage":
    case "AWS::ApiGatewayV2::Stage": {
      const name = props.s("StageName");
      return name === undefined ? undefined : { ref: name, attrs: {} };
    }
    case "AWS::Lambda::LayerVersion": {
      // The version number is assigned at publication: a new layer's first version is 1.
      const arn = `arn:${p}:lambda:${reg}:${acct}:layer:${props.s("LayerName") ?? generated(scope, r)}:1`;
      return { ref: arn, attrs: { LayerVersionArn: arn } };
    }
    case "AWS::S3::AccessPoint": {
      const name = accessPointName(scope, r, props);
      const arn = `arn:${p}:s3:${reg}:${acct}:accesspoint/${name}`;
      return { ref: name, attrs: { Arn: arn, Name: name, Alias: `${name}-${hex(arn, 34)}-s3alias`, NetworkOrigin: props.raw("VpcConfiguration") ? "VPC" : "Internet" } };
    }
    case "AWS::EC2::VPCEndpoint":
      return { ref: vpcEndpointId(scope, r), attrs: { Id: vpcEndpointId(scope, r) } };
    // The types below are named in policies of SAM templates (aws-samples/serverless-patterns); each
    // follows the "Return values" of its page in the CloudFormation template reference
    // (AWSCloudFormation/latest/TemplateReference/aws-resource-<service>-<type>.html). Ids AWS assigns
    // at creation are stand-ins derived from the stack, like KMS key ids.
    case "AWS::Events::ApiDestination":
    case "AWS::Events::Connection": {
      const name = props.s("Name") ?? generated(scope, r);
      const kind = r.type === "AWS::Events::Connection" ? "connection" : "api-destination";
      return { ref: name, attrs: { Arn: `arn:${p}:events:${reg}:${acct}:${kind}/${name}/${keyId(scope, r)}` } };
    }
    case "AWS::AmazonMQ::Broker": {
      const id = `b-${keyId(scope, r)}`;
      return { ref: id, attrs: { Arn: `arn:${p}:mq:${reg}:${acct}:broker:${props.s("BrokerName") ?? generated(scope, r)}:${id}` } };
    }
    case "AWS::QLDB::Ledger":
      return { ref: props.s("Name") ?? generated(scope, r), attrs: {} };
    case "AWS::KinesisFirehose::DeliveryStream": {
      const name = props.s("DeliveryStreamName") ?? generated(scope, r);
      return { ref: name, attrs: { Arn: `arn:${p}:firehose:${reg}:${acct}:deliverystream/${name}` } };
    }
    case "AWS::Batch::JobQueue": {
      const arn = `arn:${p}:batch:${reg}:${acct}:job-queue/${props.s("JobQueueName") ?? generated(scope, r)}`;
      return { ref: arn, attrs: { JobQueueArn: arn } };
    }
    // A new job definition's and task definition's first revision is 1.
    case "AWS::Batch::JobDefinition":
      return { ref: `arn:${p}:batch:${reg}:${acct}:job-definition/${props.s("JobDefinitionName") ?? generated(scope, r)}:1`, attrs: {} };
    case "AWS::ECS::TaskDefinition": {
      const arn = `arn:${p}:ecs:${reg}:${acct}:task-definition/${props.s("Family") ?? generated(scope, r)}:1`;
      return { ref: arn, attrs: { TaskDefinitionArn: arn } };
    }
    case "AWS::Logs::LogStream":
      return { ref: props.s("LogStreamName") ?? generated(scope, r), attrs: {} };
    case "AWS::Cognito::UserPool": {
      const id = `${reg}_${hex(`${acct}/${reg}/${scope.stackName}/${r.logicalId}`, 9)}`;
      return { ref: id, attrs: { Arn: `arn:${p}:cognito-idp:${reg}:${acct}:userpool/${id}`, UserPoolId: id, ProviderName: `cognito-idp.${reg}.${scope.urlSuffix}/${id}`, ProviderURL: `https://cognito-idp.${reg}.${scope.urlSuffix}/${id}` } };
    }
    case "AWS::EFS::FileSystem": {
      const id = `fs-${hex(`${acct}/${reg}/${scope.stackName}/${r.logicalId}`, 17)}`;
      return { ref: id, attrs: { Arn: `arn:${p}:elasticfilesystem:${reg}:${acct}:file-system/${id}`, FileSystemId: id } };
    }
    // Ref is the cluster identifier: policies build arn:...:rds:REGION:ACCOUNT:cluster:ID from it.
    case "AWS::DocDB::DBCluster": {
      const id = (props.s("DBClusterIdentifier") ?? generated(scope, r)).toLowerCase();
      return { ref: id, attrs: { ClusterResourceId: `cluster-${hex(id, 26).toUpperCase()}`, Endpoint: `${id}.cluster-${hex(acct, 12)}.${reg}.docdb.${scope.urlSuffix}`, Port: "27017" } };
    }
    case "AWS::ApiGateway::Authorizer": {
      const id = hex(`${acct}/${reg}/${scope.stackName}/${r.logicalId}`, 6);
      return { ref: id, attrs: { AuthorizerId: id } };
    }
    case "AWS::Scheduler::ScheduleGroup": {
      const name = props.s("Name") ?? generated(scope, r);
      return { ref: name, attrs: { Arn: `arn:${p}:scheduler:${reg}:${acct}:schedule-group/${name}` } };
    }
    case "AWS::SES::EmailIdentity": {
      const identity = props.s("EmailIdentity");
      return identity === undefined ? undefined : { ref: identity, attrs: {} };
    }
    case "AWS::EFS::AccessPoint": {
      const id = `fsap-${hex(`${acct}/${reg}/${scope.stackName}/${r.logicalId}`, 17)}`;
      return { ref: id, attrs: { Arn: `arn:${p}:elasticfilesystem:${reg}:${acct}:access-point/${id}`, AccessPointId: id } };
    }
    // aws-resource-cloudfront-distribution.html: Ref is the distribution id (E27LVI50CSW06W), which
    // the SourceArn of an origin access control's bucket policy names (arn:aws:cloudfront::ACCOUNT:distribution/ID).
    case "AWS::CloudFront::Distribution": {
      const id = `E${hex(`${acct}/${scope.stackName}/${r.logicalId}`, 13).toUpperCase()}`;
      return { ref: id, attrs: { Id: id, DomainName: `d${hex(id, 13)}.cloudfront.net` } };
    }
    // aws-resource-cloudfront-cloudfrontoriginaccessidentity.html: Ref is the identity (E15MNIMTCFKK4C);
    // S3CanonicalUserId the canonical user a bucket policy names (Principal: { CanonicalUser: ... }).
    case "AWS::CloudFront::CloudFrontOriginAccessIdentity": {
      const id = `E${hex(`${acct}/${scope.stackName}/${r.logicalId}`, 13).toUpperCase()}`;
      return { ref: id, attrs: { Id: id, S3CanonicalUserId: hex(`canonical/${id}`, 64) } };
    }
    case "AWS::CloudFront::OriginAccessControl": {
      const id = `E${hex(`${acct}/${scope.stackName}/${r.logicalId}`, 13).toUpperCase()}`;
      return { ref: id, attrs: { Id: id } };
    }
    // aws-resource-appsync-graphqlapi.html: Ref is the API's ARN; ApiId, Arn, GraphQLUrl.
    case "AWS::AppSync::GraphQLApi": {
      const id = hex(`${acct}/${reg}/${scope.stackName}/${r.logicalId}`, 26);
      const arn = `arn:${p}:appsync:${reg}:${acct}:apis/${id}`;
      return { ref: arn, attrs: { ApiId: id, Arn: arn, GraphQLUrl: `https://${id}.appsync-api.${reg}.${scope.urlSuffix}/graphql` } };
    }
    // aws-resource-appsync-datasource.html: Ref is the data source's ARN (apis/API/datasources/NAME).
    case "AWS::AppSync::DataSource": {
      const api = props.s("ApiId");
      const name = props.s("Name");
      if (api === undefined || name === undefined) return undefined;
      const arn = `arn:${p}:appsync:${reg}:${acct}:apis/${api}/datasources/${name}`;
      return { ref: arn, attrs: { DataSourceArn: arn, Name: name } };
    }
    // aws-resource-location-placeindex.html: Ref is the index name; Arn / IndexArn (geo:...:place-index/NAME).
    case "AWS::Location::PlaceIndex": {
      const name = props.s("IndexName");
      if (name === undefined) return undefined;
      const arn = `arn:${p}:geo:${reg}:${acct}:place-index/${name}`;
      return { ref: name, attrs: { Arn: arn, IndexArn: arn } };
    }
    // aws-resource-opensearchserverless-collection.html: Ref is the collection id; Arn (aoss:...:collection/ID).
    case "AWS::OpenSearchServerless::Collection": {
      const id = hex(`${acct}/${reg}/${scope.stackName}/${r.logicalId}`, 20);
      return { ref: id, attrs: { Id: id, Arn: `arn:${p}:aoss:${reg}:${acct}:collection/${id}`, CollectionEndpoint: `https://${id}.${reg}.aoss.${scope.urlSuffix}` } };
    }
    // aws-resource-cognito-identitypool.html: Ref is the pool id (REGION:UUID).
    case "AWS::Cognito::IdentityPool": {
      const id = `${reg}:${keyId(scope, r)}`;
      return { ref: id, attrs: { Id: id, Name: props.s("IdentityPoolName") ?? r.logicalId } };
    }
    // aws-resource-glue-job.html: Ref is the job name.
    case "AWS::Glue::Job":
      return { ref: props.s("Name") ?? generated(scope, r), attrs: {} };
    // aws-resource-sagemaker-endpoint.html: Ref is the endpoint's ARN; EndpointName its name.
    case "AWS::SageMaker::Endpoint": {
      const name = props.s("EndpointName") ?? generated(scope, r);
      return { ref: `arn:${p}:sagemaker:${reg}:${acct}:endpoint/${name.toLowerCase()}`, attrs: { EndpointName: name } };
    }
    // aws-resource-kendra-index.html: Ref is the index id; Arn (kendra:...:index/ID).
    case "AWS::Kendra::Index": {
      const id = keyId(scope, r);
      return { ref: id, attrs: { Id: id, Arn: `arn:${p}:kendra:${reg}:${acct}:index/${id}` } };
    }
    // aws-resource-dsql-cluster.html: Ref is the cluster identifier; Arn (dsql:...:cluster/ID).
    case "AWS::DSQL::Cluster": {
      const id = hex(`${acct}/${reg}/${scope.stackName}/${r.logicalId}`, 26);
      return { ref: id, attrs: { Identifier: id, Arn: `arn:${p}:dsql:${reg}:${acct}:cluster/${id}` } };
    }
    // aws-resource-appconfig-application.html, -environment.html, -configurationprofile.html: Ref is
    // the id AppConfig assigns (seven lowercase characters).
    case "AWS::AppConfig::Application":
    case "AWS::AppConfig::Environment":
    case "AWS::AppConfig::ConfigurationProfile": {
      const id = hex(`${acct}/${reg}/${scope.stackName}/${r.logicalId}`, 7);
      const attr = r.type === "AWS::AppConfig::Application" ? "ApplicationId" : r.type === "AWS::AppConfig::Environment" ? "EnvironmentId" : "ConfigurationProfileId";
      return { ref: id, attrs: { [attr]: id } };
    }
    // aws-resource-s3express-directorybucket.html: Ref is the bucket name; Arn (s3express:...:bucket/NAME).
    case "AWS::S3Express::DirectoryBucket": {
      const name = props.s("BucketName") ?? `${bucketName(scope, r, props).slice(0, 40)}--use1-az4--x-s3`;
      return { ref: name, attrs: { Arn: `arn:${p}:s3express:${reg}:${acct}:bucket/${name}` } };
    }
    // aws-resource-pinpoint-app.html: Ref is the application id; Arn (mobiletargeting:...:apps/ID).
    case "AWS::Pinpoint::App": {
      const id = hex(`${acct}/${reg}/${scope.stackName}/${r.logicalId}`, 32);
      return { ref: id, attrs: { Arn: `arn:${p}:mobiletargeting:${reg}:${acct}:apps/${id}` } };
    }
    default:
      return undefined;
  }
}

/** A Key/Value tag list (or a mapping, as some types take) as a record. */
export function tagRecord(node: LNode | undefined): Record<string, string> | undefined {
  if (!node) return undefined;
  const out: Record<string, string> = {};
  if (node.kind === "seq") {
    for (const t of node.items) {
      const k = str(get(t, "Key"));
      const v = get(t, "Value");
      if (k !== undefined && v?.kind === "scalar" && v.value !== null) out[k] = String(v.value);
    }
  } else if (node.kind === "map") {
    for (const [k, e] of node.entries) if (e.value.kind === "scalar" && e.value.value !== null) out[k] = String(e.value.value);
  }
  return out;
}
