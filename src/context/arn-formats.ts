/**
 * Which ARNs an action can be requested on: the ARN formats of its resource types in the bundled
 * service reference (data/actions.json), placeholders matched as AWS names them.
 *
 * The check decides which candidate resources a `mayNot` asks about, so it must only drop an ARN
 * that cannot be of any of the action's resource types. Most names hold `/` and `:` somewhere in AWS
 * (IAM paths `role/team/app`, Secrets Manager `secret:ci/token-AbCdEf`, log groups
 * `log-group:/aws/lambda/fn`, SSM parameters `parameter/app/db/password`, KMS aliases `alias/aws/ebs`,
 * ECR repositories `repository/team/app`, Lambda qualified ARNs `function:fn:prod`), so a placeholder
 * accepts any non-empty text unless AWS documents a narrower name below.
 */
import { lookupAction } from "../data/actions.js";

/**
 * What AWS documents a placeholder's value may hold:
 * - `any`: any non-empty text (the default, for names AWS lets hold `/` and `:`);
 * - `segment`: one ARN field or path segment, no `/` and no `:`;
 * - `logGroupName`: a CloudWatch Logs log group name, `[\.\-_/#A-Za-z0-9]+`, 1 to 512 characters
 *   (AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html): `/` but never `:`, so a log
 *   group's name never runs into a log stream's ARN;
 * - `logStreamName`: a log stream name, which may not hold `:` or `*`
 *   (AmazonCloudWatchLogs/latest/APIReference/API_CreateLogStream.html);
 * - `backupVendor`: the service of a resource AWS Backup backs up, as its ARNs name it
 *   (BACKUP_VENDORS).
 */
export type NameRule = "any" | "segment" | "logGroupName" | "logStreamName" | "backupVendor";

/**
 * The ARN namespaces of the resource types AWS Backup supports
 * (aws-backup/latest/devguide/API_GetSupportedResourceTypes.html: Aurora, DocumentDB, Neptune and RDS
 * are `rds`; EBS and EC2 `ec2`; SAP HANA on EC2 `ssm-sap`), other than AWS Backup's own (`backup`:
 * EFS, VMware virtual machines, ...), whose recovery points are `recovery-point:ID` (effectiveFormats).
 */
export const BACKUP_VENDORS: readonly string[] = ["cloudformation", "dynamodb", "ec2", "eks", "elasticfilesystem", "fsx", "rds", "redshift", "s3", "ssm-sap", "storagegateway", "timestream"];

const RULE_TEXT: Readonly<Record<NameRule, string>> = {
  any: ".+",
  segment: "[^/:]+",
  logGroupName: "[.\\-_/#A-Za-z0-9]{1,512}",
  logStreamName: "[^:*]{1,512}",
  backupVendor: `(?:${BACKUP_VENDORS.join("|")})`,
};

/**
 * Placeholders whose values AWS documents more narrowly than any text. Keyed `service:name` (the
 * same placeholder name can mean different things in different services) or `*:name` for all.
 * - Partition, region and account are ARN fields: IAM/latest/UserGuide/reference-arns.html.
 * - S3 bucket names: letters, digits, dots and hyphens (AmazonS3/latest/userguide/bucketnamingrules.html);
 *   this is what keeps s3:ListBucket off an object ARN.
 * - DynamoDB table and index names: `a-z A-Z 0-9 _ - .`
 *   (amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html); a table ARN is not
 *   one of its index, stream or backup ARNs.
 * - EC2 resource ids (every ec2 placeholder named ...Id), below.
 * - KMS key ids are key ids or multi-Region key ids (kms/latest/developerguide/concepts.html#key-id).
 * - AWS Backup's recovery point format, `arn:${Partition}:${Vendor}:${Region}:${Account}:${ResourceType}:${RecoveryPointId}`,
 *   spells the ARN of the backed-up resource's service: `${Vendor}` is the ARN's service field (one of
 *   the services AWS Backup supports) and `${ResourceType}` its resource type (`arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-...`,
 *   aws-backup/latest/devguide/API_DescribeRecoveryPoint.html), one segment each.
 * - CloudWatch Logs log group and log stream names: see NameRule.
 */
const NARROW = new Map<string, NameRule>([
  ["*:partition", "segment"],
  ["*:region", "segment"],
  ["*:account", "segment"],
  ["*:bucketname", "segment"],
  ["dynamodb:tablename", "segment"],
  ["dynamodb:indexname", "segment"],
  ["kms:keyid", "segment"],
  ["backup:vendor", "backupVendor"],
  ["backup:resourcetype", "segment"],
  ["logs:loggroupname", "logGroupName"],
  ["logs:logstreamname", "logStreamName"],
]);

/**
 * The value a built ARN puts for a placeholder whose sample text would name nothing AWS has: the
 * vendor and resource type of AWS Backup's own recovery points
 * (`arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-...`, aws-backup/latest/devguide/API_DescribeRecoveryPoint.html).
 */
const EXAMPLES = new Map<string, string>([
  ["backup:vendor", "backup"],
  ["backup:resourcetype", "recovery-point"],
]);

/** The documented value to build an ARN of a format of `service` with, for the placeholder `name`; undefined where sample text does. */
export function exampleName(service: string, name: string): string | undefined {
  return EXAMPLES.get(`${service}:${name.toLowerCase()}`);
}

/** What the placeholder `name` of a format of `service` may hold. The service of a format whose service field is a placeholder (`${Vendor}`) is the one that declares it. */
export function nameRule(service: string, name: string): NameRule {
  const lower = name.toLowerCase();
  // EC2 resource ids are a prefix and hexadecimal digits (i-0abc..., vol-..., sg-...):
  // AWSEC2/latest/UserGuide/resource-ids.html; `instance/a/b` is no instance.
  if (service === "ec2" && lower.endsWith("id")) return "segment";
  return NARROW.get(`${service}:${lower}`) ?? NARROW.get(`*:${lower}`) ?? "any";
}

/**
 * The literal text some ARNs of a format end with besides the format itself: a log group's ARN is
 * written both without and with a trailing `:*`, and the second, which DescribeLogGroups returns, is
 * the one IAM policies name for most actions on the group
 * (AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html: "Both of the following are used").
 */
export function optionalSuffix(format: string): string | undefined {
  return /:logs:[^:]*:[^:]*:log-group:\$\{LogGroupName\}$/.test(format) ? ":*" : undefined;
}

/**
 * For an action some of whose formats have an optional ending (a log group's `:*`): `arn` with that
 * ending, when such a format takes `arn` and it lacks the ending (`log-group:fn` -> `log-group:fn:*`).
 * Undefined for an action with no such format.
 */
export function suffixedForms(action: string): ((arn: string) => string | undefined) | undefined {
  const key = action.toLowerCase();
  if (!suffixMemo.has(key)) {
    const info = lookupAction(action);
    const forms = (info?.resourceTypes.flatMap((t) => t.arnFormats) ?? []).flatMap((f) => {
      const suffix = optionalSuffix(f);
      return suffix === undefined ? [] : [{ re: arnFormatRegex(f, info?.service), suffix }];
    });
    const form = (arn: string) => {
      const f = forms.find((x) => !arn.endsWith(x.suffix) && x.re.test(arn));
      return f && `${arn}${f.suffix}`;
    };
    suffixMemo.set(key, forms.length === 0 ? undefined : form);
  }
  return suffixMemo.get(key);
}
const suffixMemo = new Map<string, ((arn: string) => string | undefined) | undefined>();

/** The service a format belongs to: its service field, or, where that is a placeholder, `declaredBy`. */
function formatService(format: string, declaredBy?: string): string {
  const field = format.split(":")[2] ?? "";
  return field.startsWith("${") && declaredBy !== undefined ? declaredBy : field.toLowerCase();
}

/**
 * The formats the checks read for one format of an action's resource type. A format whose service
 * field is a placeholder (AWS Backup's recovery points: the ARN of whichever service holds the backup)
 * is several: the ARNs of the other services it names (`${Vendor}` one of BACKUP_VENDORS), the
 * declaring service's own, with the documented example in each placeholder EXAMPLES lists
 * (`arn:${Partition}:backup:${Region}:${Account}:recovery-point:${RecoveryPointId}`), and the
 * documented ARNs of AWS Backup's recovery points that are EC2, FSx or DynamoDB resources
 * (RECOVERY_POINT_FORMATS). Read as any
 * text, the placeholders spelled every ARN of AWS Backup's own other types, and
 * `arn:aws:backup:us-east-1:111122223333:backup-vault:prod-vault` was taken for a recovery point that
 * backup:DeleteRecoveryPoint could be asked about (service-authorization/latest/reference/list_awsbackup.html:
 * it takes the recoveryPoint type only).
 */
export function effectiveFormats(format: string, declaredBy: string): string[] {
  const fields = format.split(":");
  if (ACCOUNTLESS_TWINS.has(format)) return [format, format.replace(":${Account}:", "::")];
  if (!(fields[2] ?? "").startsWith("${")) return [format];
  const own = format.replace(/\$\{([^}]*)\}/g, (whole, name: string) => (fields[2] === whole ? declaredBy : (exampleName(declaredBy, name) ?? whole)));
  // (The reference's `*` account gives two formats, with and without an account: normalizedFormats.
  // The services' own forms come once, with the first.)
  return [format, own, ...(declaredBy === "backup" && fields[4] === "${Account}" ? RECOVERY_POINT_FORMATS : [])];
}

/**
 * Formats whose AWS-owned resources have no account in their ARN, which the reference writes with
 * `${Account}`: Systems Manager's public documents and runbooks ("The account ID shouldn't be
 * specified in the Amazon Resource Name (ARN) for AWS owned public documents",
 * systems-manager/latest/userguide/automation-setup-identity-based-policies.html; `AWS-RunShellScript`
 * is `arn:aws:ssm:REGION::document/AWS-RunShellScript`) and public parameters
 * (`arn:aws:ssm:us-east-2::parameter/aws/service/ami-amazon-linux-latest/...`,
 * systems-manager/latest/userguide/parameter-store-public-parameters-ami.html). Without the twin, a
 * mayNot on such an ARN was an input error, and one on `arn:aws:ssm:*:*:parameter/aws/service/*`
 * passed, proved, next to a grant of a public parameter. CloudFormation's public resource types of
 * AWS likewise (`"TypeArn": "arn:aws:cloudformation:us-west-2::type/resource/AWS-Logs-LogGroup"`,
 * the AWS CLI reference's example of `aws cloudformation list-types`).
 */
const ACCOUNTLESS_TWINS: ReadonlySet<string> = new Set([
  "arn:${Partition}:cloudformation:${Region}:${Account}:type/resource/${Type}",
  "arn:${Partition}:ssm:${Region}:${Account}:document/${DocumentName}",
  "arn:${Partition}:ssm:${Region}:${Account}:automation-definition/${AutomationDefinitionName}:${VersionId}",
  "arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}",
]);

/**
 * The recovery points AWS Backup keeps as the backed-up service's own resources, whose ARNs the
 * reference's `${ResourceType}:${RecoveryPointId}` does not spell: an EBS snapshot (also of a Storage
 * Gateway volume) and an EC2 image have no account in their ARN and a `/` after the type, an FSx backup
 * and a DynamoDB backup a `/` (aws-backup/latest/devguide/recovery-points.html: recovery point ids
 * `snapshot/snap-05f426fd8kdjb4224`, `image/ami-0ecdf967356c809c7`, `backup/backup-0ecdf967356c809c7`,
 * `table/MyDynamoDBTable/backup/01547087347000-c8b6kdk3`; creating-a-vault-access-policy.html denies
 * backup:DeleteRecoveryPoint on `arn:aws:ec2:Region::snapshot/*`). RDS and Aurora snapshots
 * (`snapshot:awsbackup:job-...`, `cluster-snapshot:awsbackup:job-...`) fit the reference's format.
 * Names follow the service's own rules (EC2 ids one segment, DynamoDB table names no `/`).
 */
const RECOVERY_POINT_FORMATS: readonly string[] = [
  "arn:${Partition}:ec2:${Region}::snapshot/${SnapshotId}",
  "arn:${Partition}:ec2:${Region}::image/${ImageId}",
  "arn:${Partition}:fsx:${Region}:${Account}:backup/${BackupId}",
  "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/backup/${BackupName}",
];

/** One ARN format (`arn:${Partition}:s3:::${BucketName}`) as an anchored, case-insensitive regex. `declaredBy`: the service that lists the format. */
export function arnFormatRegex(format: string, declaredBy?: string): RegExp {
  const service = formatService(format, declaredBy);
  // An S3 access point format serves Multi-Region Access Points too, whose ARNs have no region
  // (arn:aws:s3::ACCOUNT:accesspoint/ALIAS.mrap/object/KEY: AmazonS3/latest/userguide/MultiRegionAccessPointPermissions.html).
  const regionOptional = service === "s3" && format.includes(":accesspoint/");
  // The documents AWS owns and shares with every account (AWS-RunShellScript) have ARNs without an
  // account: arn:aws:ssm:us-east-1::document/AWS-RunShellScript (the document ARN pattern
  // `arn:...:ssm:REGION:([0-9]{12})?:document/NAME`, arc-region-switch/latest/api/API_SsmDocumentConfig.html).
  const accountOptional = service === "ssm" && format.includes(":document/");
  const src = format
    .split(/(\$\{[^}]*\})/)
    .map((p) => {
      const m = /^\$\{([^}]*)\}$/.exec(p);
      if (m && regionOptional && m[1]?.toLowerCase() === "region") return "[^/:]*";
      if (m && accountOptional && m[1]?.toLowerCase() === "account") return "[^/:]*";
      return m ? RULE_TEXT[nameRule(service, m[1] ?? "")] : escape(p);
    })
    .join("");
  const suffix = optionalSuffix(format);
  return new RegExp(`^${src}${suffix === undefined ? "" : `(?:${escape(suffix)})?`}$`, "i");
}

function escape(text: string): string {
  return text.replace(/[\\^$.|+()[\]{}*?/]/g, "\\$&");
}

/** Matchers for the ARN formats an action takes; undefined when the action takes only `*`. An unknown action takes anything. */
export function arnFormatMatcher(action: string): ((arn: string) => boolean) | undefined {
  const info = lookupAction(action);
  if (!info) return () => true;
  const formats = info.resourceTypes.flatMap((t) => t.arnFormats);
  if (formats.length === 0) return undefined;
  const regexes = formats.flatMap((f) => effectiveFormats(f, info.service)).map((f) => arnFormatRegex(f, info.service));
  return (arn) => regexes.some((re) => re.test(arn));
}

/** "Secret: arn:${Partition}:secretsmanager:...:secret:${SecretId}; ...": the resource types an action takes, for messages. */
export function describeResourceTypes(action: string): string {
  const types = lookupAction(action)?.resourceTypes ?? [];
  return types.map((t) => `${t.name}: ${t.arnFormats.join(" or ")}`).join("; ");
}
