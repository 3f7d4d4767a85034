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

/** Any non-empty text: the default, for names AWS lets hold `/` and `:`. */
const ANY = ".+";
/** One ARN field or path segment: no `/` and no `:`. */
const SEGMENT = "[^/:]+";

/**
 * Placeholders whose values AWS documents as holding neither `/` nor `:`. Keyed `service:Name` (the
 * same placeholder name can mean different things in different services) or `*:Name` for all.
 * - Partition, region and account are ARN fields: IAM/latest/UserGuide/reference-arns.html.
 * - S3 bucket names: letters, digits, dots and hyphens (AmazonS3/latest/userguide/bucketnamingrules.html);
 *   this is what keeps s3:ListBucket off an object ARN.
 * - DynamoDB table and index names: `a-z A-Z 0-9 _ - .`
 *   (amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html); a table ARN is not
 *   one of its index, stream or backup ARNs.
 * - EC2 resource ids (every ec2 placeholder named ...Id), below.
 * - KMS key ids are key ids or multi-Region key ids (kms/latest/developerguide/concepts.html#key-id).
 */
const NARROW = new Map<string, string>([
  ["*:partition", SEGMENT],
  ["*:region", SEGMENT],
  ["*:account", SEGMENT],
  ["*:bucketname", SEGMENT],
  ["dynamodb:tablename", SEGMENT],
  ["dynamodb:indexname", SEGMENT],
  ["kms:keyid", SEGMENT],
]);

/** Whether AWS documents the placeholder `name` of a format of `service` as one segment (no `/`, no `:`). */
export function isSegmentPlaceholder(service: string, name: string): boolean {
  const lower = name.toLowerCase();
  // EC2 resource ids are a prefix and hexadecimal digits (i-0abc..., vol-..., sg-...):
  // AWSEC2/latest/UserGuide/resource-ids.html; `instance/a/b` is no instance.
  if (service === "ec2" && lower.endsWith("id")) return true;
  return NARROW.has(`${service}:${lower}`) || NARROW.has(`*:${lower}`);
}

/** The regular expression text for one placeholder of a format of `service`. */
function placeholderPattern(service: string, name: string): string {
  return isSegmentPlaceholder(service, name) ? SEGMENT : ANY;
}

/** One ARN format (`arn:${Partition}:s3:::${BucketName}`) as an anchored, case-insensitive regex. */
export function arnFormatRegex(format: string): RegExp {
  const service = format.split(":")[2]?.toLowerCase() ?? "";
  // An S3 access point format serves Multi-Region Access Points too, whose ARNs have no region
  // (arn:aws:s3::ACCOUNT:accesspoint/ALIAS.mrap/object/KEY: AmazonS3/latest/userguide/MultiRegionAccessPointPermissions.html).
  const regionOptional = service === "s3" && format.includes(":accesspoint/");
  const src = format
    .split(/(\$\{[^}]*\})/)
    .map((p) => {
      const m = /^\$\{([^}]*)\}$/.exec(p);
      if (m && regionOptional && m[1]?.toLowerCase() === "region") return "[^/:]*";
      return m ? placeholderPattern(service, m[1] ?? "") : p.replace(/[\\^$.|+()[\]{}*?/]/g, "\\$&");
    })
    .join("");
  return new RegExp(`^${src}$`, "i");
}

/** Matchers for the ARN formats an action takes; undefined when the action takes only `*`. An unknown action takes anything. */
export function arnFormatMatcher(action: string): ((arn: string) => boolean) | undefined {
  const info = lookupAction(action);
  if (!info) return () => true;
  const formats = info.resourceTypes.flatMap((t) => t.arnFormats);
  if (formats.length === 0) return undefined;
  const regexes = formats.map(arnFormatRegex);
  return (arn) => regexes.some((r) => r.test(arn));
}

/** "Secret: arn:${Partition}:secretsmanager:...:secret:${SecretId}; ...": the resource types an action takes, for messages. */
export function describeResourceTypes(action: string): string {
  const types = lookupAction(action)?.resourceTypes ?? [];
  return types.map((t) => `${t.name}: ${t.arnFormats.join(" or ")}`).join("; ");
}
