/**
 * Which ARNs an action can be requested on. Rows come from the ARN examples of each service's user
 * guide; an ARN that is not of any of the action's resource types is dropped, everything else kept.
 */
import { describe, expect, it } from "vitest";
import { arnFormatMatcher } from "../../src/context/arn-formats.js";

const A = "111122223333";
const takes: [action: string, arn: string, source: string][] = [
  ["secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${A}:secret:ci/deploy/token-AbCdEf`, "secretsmanager/latest/userguide/reference_iam-permissions.html"],
  ["logs:DescribeLogStreams", `arn:aws:logs:us-east-1:${A}:log-group:/aws/lambda/my-fn`, "AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html"],
  ["logs:DescribeLogStreams", `arn:aws:logs:us-east-1:${A}:log-group:/aws/lambda/my-fn:*`, "the ARN DescribeLogGroups returns ends with :*"],
  ["logs:PutLogEvents", `arn:aws:logs:us-east-1:${A}:log-group:/aws/lambda/my-fn:log-stream:2026/01/01/[$LATEST]0123abcd`, "lambda/latest/dg/monitoring-cloudwatchlogs.html"],
  ["ssm:GetParameter", `arn:aws:ssm:us-east-1:${A}:parameter/app/prod/db-password`, "systems-manager/latest/userguide/sysman-paramstore-access.html"],
  ["ssm:SendCommand", "arn:aws:ssm:us-east-1::document/AWS-RunShellScript", "a document AWS owns has no account (arc-region-switch/latest/api/API_SsmDocumentConfig.html: arn:...:ssm:REGION:([0-9]{12})?:document/NAME)"],
  ["ssm:SendCommand", `arn:aws:ssm:us-east-1:${A}:document/patch-fleet`, "systems-manager/latest/userguide/security_iam_id-based-policy-examples.html"],
  ["kms:DeleteAlias", `arn:aws:kms:us-east-1:${A}:alias/aws/ebs`, "kms/latest/developerguide/alias-access.html"],
  ["kms:Decrypt", `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, "kms/latest/developerguide/concepts.html#key-id"],
  ["kms:Decrypt", `arn:aws:kms:us-east-1:${A}:key/mrk-1234abcd12ab34cd56ef1234567890ab`, "kms multi-Region key id"],
  ["iam:PassRole", `arn:aws:iam::${A}:role/service-role/team/app`, "IAM/latest/UserGuide/reference_identifiers.html"],
  ["iam:GetPolicy", `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`, "AWS managed policy with a path"],
  ["ecr:BatchGetImage", `arn:aws:ecr:us-east-1:${A}:repository/team/app`, "AmazonECR/latest/userguide/Repositories.html"],
  ["lambda:InvokeFunction", `arn:aws:lambda:us-east-1:${A}:function:my-fn:prod`, "lambda/latest/dg/lambda-api-permissions-ref.html (qualified ARN)"],
  ["dynamodb:Query", `arn:aws:dynamodb:us-east-1:${A}:table/Orders/index/ByCustomer`, "amazondynamodb/latest/developerguide/using-identity-based-policies.html"],
  ["sns:Publish", `arn:aws:sns:us-east-1:${A}:alerts`, "sns/latest/dg/sns-using-identity-based-policies.html"],
  ["sqs:SendMessage", `arn:aws:sqs:us-east-1:${A}:jobs.fifo`, "AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-iam-policies.html"],
  ["s3:GetObject", "arn:aws:s3:::acme/builds/2026/app.zip", "AmazonS3/latest/userguide/s3-arn-format.html"],
  ["s3:ListBucket", "arn:aws:s3:::acme", "AmazonS3/latest/userguide/s3-arn-format.html"],
  ["backup:DeleteRecoveryPoint", `arn:aws:backup:us-east-1:${A}:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45`, "aws-backup/latest/devguide/API_DescribeRecoveryPoint.html"],
  ["backup:UpdateRecoveryPointLifecycle", `arn:aws:rds:us-east-1:${A}:snapshot:awsbackup-job-0123`, "a recovery point is an ARN of the backed-up service (list_awsbackup.html: arn:${Partition}:${Vendor}:...)"],
  ["backup:DeleteRecoveryPoint", "arn:aws:ec2:us-east-1::snapshot/snap-05f426fd8kdjb4224", "an EBS snapshot recovery point (aws-backup/latest/devguide/recovery-points.html; creating-a-vault-access-policy.html: arn:aws:ec2:Region::snapshot/*)"],
  ["backup:StartRestoreJob", "arn:aws:ec2:us-east-1::image/ami-0ecdf967356c809c7", "an EC2 recovery point is an AMI (recovery-points.html: image/ami-...)"],
  ["backup:DescribeRecoveryPoint", `arn:aws:fsx:us-east-1:${A}:backup/backup-0ecdf967356c809c7`, "an FSx recovery point (recovery-points.html: backup/backup-...)"],
  ["backup:DeleteRecoveryPoint", `arn:aws:dynamodb:us-east-1:${A}:table/MyDynamoDBTable/backup/01547087347000-c8b6kdk3`, "a DynamoDB recovery point (recovery-points.html)"],
  ["backup:DeleteRecoveryPoint", `arn:aws:rds:us-east-1:${A}:cluster-snapshot:awsbackup:job-be59cf2a-2343-4402-bd8b-226993d23453`, "an Aurora recovery point (recovery-points.html: awsbackup:job-...)"],
  ["ssm:GetParameter", "arn:aws:ssm:us-east-2::parameter/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2", "a public parameter has no account (systems-manager/latest/userguide/parameter-store-public-parameters-ami.html)"],
  ["ssm:SendCommand", "arn:aws:ssm:us-east-1::document/AWS-RunShellScript", "an AWS-owned document has no account (systems-manager/latest/userguide/automation-setup-identity-based-policies.html)"],
  ["cloudformation:CreateStackInstances", "arn:aws:cloudformation:us-west-2::type/resource/AWS-IAM-Role", "a public resource type of AWS has no account (aws cloudformation list-types, TypeArn)"],
  ["backup:DeleteBackupVault", `arn:aws:backup:us-east-1:${A}:backup-vault:prod-vault`, "list_awsbackup.html, backupVault"],
  ["logs:DeleteLogGroup", `arn:aws:logs:us-east-1:${A}:log-group:/aws/events/#orders.v1_x`, "log group names: [.-_/#A-Za-z0-9]+ (AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html)"],
];
const doesNotTake: [action: string, arn: string, why: string][] = [
  ["s3:ListBucket", "arn:aws:s3:::acme/builds/app.zip", "bucket names hold no `/` (AmazonS3/latest/userguide/bucketnamingrules.html)"],
  ["s3:GetObject", "arn:aws:s3:::acme", "an object ARN has a key"],
  ["dynamodb:DeleteTable", `arn:aws:dynamodb:us-east-1:${A}:table/Orders/index/ByCustomer`, "table names hold no `/` (HowItWorks.NamingRulesDataTypes.html)"],
  ["kms:Decrypt", `arn:aws:kms:us-east-1:${A}:alias/aws/ebs`, "KMS authorizes Decrypt on the key, never the alias (kms/latest/developerguide/alias-authorization.html)"],
  ["secretsmanager:GetSecretValue", "arn:aws:s3:::acme/ci/x", "another service"],
  ["logs:PutLogEvents", `arn:aws:logs:us-east-1:${A}:log-group:/aws/lambda/my-fn`, "a log group is not a log stream"],
  ["backup:DeleteRecoveryPoint", `arn:aws:backup:us-east-1:${A}:backup-vault:prod-vault`, "DeleteRecoveryPoint takes the recoveryPoint type only (service-authorization/latest/reference/list_awsbackup.html); a backup vault is none"],
  ["backup:UpdateRecoveryPointLifecycle", `arn:aws:backup:us-east-1:${A}:backup-plan:0123abcd`, "a backup plan is no recovery point"],
  ["backup:DeleteRecoveryPoint", `arn:aws:iam-spec-sample:us-east-1:${A}:x:y`, "a recovery point is of a service AWS Backup supports (aws-backup/latest/devguide/API_GetSupportedResourceTypes.html)"],
  ["backup:DeleteRecoveryPoint", `arn:aws:ec2:us-east-1:${A}:volume/vol-0123456789abcdef0`, "a volume is what is backed up, not a recovery point (recovery-points.html)"],
  ["backup:DeleteRecoveryPoint", "arn:aws:ec2:us-east-1::snapshot/snap-0123/x", "an EBS snapshot id is one segment (AWSEC2/latest/UserGuide/resource-ids.html)"],
  ["logs:DeleteLogGroup", `arn:aws:logs:us-east-1:${A}:log-group:/aws/lambda/my-fn:iam-spec-sample`, "log group names hold no `:` (API_CreateLogGroup.html: [.-_/#A-Za-z0-9]+)"],
  ["logs:DeleteLogGroup", `arn:aws:logs:us-east-1:${A}:log-group:my fn`, "log group names hold no space (API_CreateLogGroup.html)"],
  ["logs:PutLogEvents", `arn:aws:logs:us-east-1:${A}:log-group:/aws/lambda/my-fn:log-stream:a*b`, "log stream names hold no `*` (API_CreateLogStream.html)"],
];

describe("arnFormatMatcher", () => {
  it.each(takes)("%s takes %s (%s)", (action, arn) => {
    expect(arnFormatMatcher(action)?.(arn)).toBe(true);
  });
  it.each(doesNotTake)("%s does not take %s (%s)", (action, arn) => {
    expect(arnFormatMatcher(action)?.(arn)).toBe(false);
  });
  it("an action that takes only `*` has no format; an unknown action takes anything", () => {
    expect(arnFormatMatcher("s3:ListAllMyBuckets")).toBeUndefined();
    expect(arnFormatMatcher("nosuchservice:DoIt")?.("arn:aws:x:::y")).toBe(true);
  });
});

describe("names AWS documents as one segment", () => {
  it("an EC2 instance id holds no `/`: instance/a/b is no instance", () => {
    expect(arnFormatMatcher("ec2:RunInstances")?.("arn:aws:ec2:us-east-1:111122223333:instance/i-0abc123")).toBe(true);
    expect(arnFormatMatcher("ec2:RunInstances")?.("arn:aws:ec2:us-east-1:111122223333:instance/a/b")).toBe(false);
  });
  it("a Multi-Region Access Point ARN has no region (AmazonS3/latest/userguide/MultiRegionAccessPointPermissions.html)", () => {
    expect(arnFormatMatcher("s3:GetObject")?.("arn:aws:s3::111122223333:accesspoint/mfzwi23gnjvgw.mrap/object/k")).toBe(true);
    expect(arnFormatMatcher("s3:GetObject")?.("arn:aws:s3:::bucket/k")).toBe(true);
  });
});

describe("every ARN format of the bundled service reference", () => {
  it("takes its own instances, with names holding `/` and `:` wherever no narrower name is documented", async () => {
    const { knownActions, lookupAction } = await import("../../src/data/actions.js");
    let checked = 0;
    for (const action of knownActions()) {
      const info = lookupAction(action)!;
      const takes = arnFormatMatcher(action);
      for (let format of info.resourceTypes.flatMap((t) => t.arnFormats)) {
        const service = format.split(":")[2] ?? "";
        // (EC2 resource ids are one segment too: AWSEC2/latest/UserGuide/resource-ids.html.)
        // (AWS Backup's recovery points name the backed-up service, one AWS Backup supports, and its
        // resource type: aws-backup/latest/devguide/API_GetSupportedResourceTypes.html, API_DescribeRecoveryPoint.html.)
        if (format.includes("${Vendor}")) format = format.replace("${Vendor}", "rds");
        const one = (name: string) => (/^(Partition|Region|Account|BucketName)$/i.test(name) || (service === "dynamodb" && /^(TableName|IndexName)$/.test(name)) || (service === "kms" && name === "KeyId") || (service === "ec2" && /Id$/i.test(name)) || name === "ResourceType");
        // (Log group and stream names hold no `:`: AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html, API_CreateLogStream.html.)
        const noColon = (name: string) => service === "logs" && /^Log(Group|Stream)Name$/.test(name);
        const instance = format.replace(/\$\{([^}]+)\}/g, (_, name: string) => (one(name) ? "x1" : noColon(name) ? "team/app.v1" : "team/app:v1"));
        expect(takes?.(instance), `${action}: ${instance}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});
