/**
 * Every resource type of the bundled service reference, and realistic ARNs of each, as the tests
 * that check them end to end build them (test/compile/every-resource-type.test.ts in-process,
 * test/cli/every-resource-type.test.ts through the CLI).
 */
import { effectiveFormats, nameRule } from "../../src/context/arn-formats.js";
import { knownActions, lookupAction } from "../../src/data/actions.js";

export const A = "111122223333";
export const OTHER_ACCOUNT = "444455556666";

export interface ResourceType {
  service: string;
  type: string;
  action: string;
  format: string;
}

/**
 * Every (service, resource type, ARN format) of the reference, with one action that takes the type:
 * one that takes only that type where there is one (so the grant is about this type alone).
 */
export function everyResourceType(): ResourceType[] {
  const chosen = new Map<string, { action: string; only: boolean; formats: readonly string[]; service: string; type: string }>();
  for (const name of knownActions()) {
    const info = lookupAction(name)!;
    for (const t of info.resourceTypes) {
      const key = `${info.service}\n${t.name}`;
      const only = info.resourceTypes.length === 1;
      const prev = chosen.get(key);
      if (!prev || (!prev.only && only)) chosen.set(key, { action: info.name, only, formats: t.arnFormats, service: info.service, type: t.name });
    }
  }
  // The formats as the checks read them: AWS Backup's recovery points include the EBS snapshots, EC2
  // images, FSx and DynamoDB backups it keeps (aws-backup/latest/devguide/recovery-points.html).
  return [...chosen.values()].flatMap((c) => [...new Set(c.formats.flatMap((f) => effectiveFormats(f, c.service)))].map((format) => ({ service: c.service, type: c.type, action: c.action, format })));
}

export type Variant = "plain" | "path";

/**
 * An instance of `format`: partition `aws`, region `us-east-1`, the environment's account; every
 * other placeholder a name (`tag` tells the granted ARN's names from the sibling's). With "path",
 * names AWS does not document as one segment hold `/`, and the last one also `:` where it ends the ARN
 * (not in IAM names, which hold no `:`: IAM/latest/APIReference/API_CreateRole.html, `[\w+=,.@-]+`).
 *
 * The formats are the reference's as the checks read them (src/data/actions.ts: normalizedFormats:
 * a `*` the reference writes for a name or field is a placeholder there). Backup's recovery point
 * ARN names its service in `${Vendor}` (`arn:aws:backup:...:recovery-point:ID`): the instance uses `backup`.
 */
export function instance(format: string, variant: Variant, tag: string): string {
  const field2 = format.split(":")[2] ?? "";
  // (The recovery point format's `${Vendor}` is filled with `backup` below: its names follow Backup's rules.)
  const service = field2.startsWith("${") ? "backup" : field2;
  const parts = format.split(/(\$\{[^}]+\})/).filter((p) => p !== "");
  const isName = (p: string, field: number) => field > 4 && p.startsWith("${") && !/AccountId\}$/.test(p);
  let field = 0;
  const fields = parts.map((p) => {
    const at = field;
    field += p.split(":").length - 1;
    return at;
  });
  const names = parts.filter((p, k) => isName(p, fields[k]!)).length;
  let i = -1;
  return parts
    .map((p, k) => {
      const placeholder = p.startsWith("${");
      // The first fields, however the reference names them (`${AccountId}` in Chime,
      // `${ManagementAccountId}` in Account, `${Vendor}` in Backup): partition, service, region, account.
      if (placeholder && fields[k] === 1) return "aws";
      if (placeholder && fields[k] === 2) return "backup";
      // AWS Backup's own recovery points: `recovery-point:ID` (aws-backup/latest/devguide/API_DescribeRecoveryPoint.html).
      if (p === "${ResourceType}" && service === "backup") return "recovery-point";
      if (placeholder && fields[k] === 3) return "us-east-1";
      if (placeholder && fields[k] === 4) return A;
      // An account named inside the resource part (an organization's member account): another
      // account, told apart by `tag` as names are.
      if (/AccountId\}$/.test(p)) return tag === "app" ? OTHER_ACCOUNT : "555566667777";
      if (!isName(p, fields[k]!)) return p;
      i++;
      const plain = `${tag}${i}`;
      const name = p.slice(2, -1);
      // A secret's ARN is its name (letters, digits and /_+=.@-, no `:`), a hyphen and six random
      // characters (secretsmanager/latest/userguide/auth-and-access_iam-policies.html).
      if (service === "secretsmanager" && name === "SecretId") return `${variant === "plain" ? plain : `team/${plain}`}-Ab12Cd`;
      const rule = nameRule(service, name);
      if (variant === "plain" || rule === "segment") return plain;
      // Log group and log stream names hold `/` but no `:` (AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html, API_CreateLogStream.html).
      if (rule !== "any") return `team/${plain}`;
      // `:` only where the name ends the ARN (a Lambda qualifier, a log stream): inside the resource
      // part a `:` starts a new segment, which a policy's `*` does not cross unless it ends its
      // segment (IAM/latest/UserGuide/reference_policies_elements_resource.html).
      return i === names - 1 && k === parts.length - 1 && service !== "iam" ? `team/${plain}:v1` : `team/${plain}`;
    })
    .join("");
}

/** The same format with other names; a format with no name differs in its region or account. */
export function sibling(format: string, variant: Variant): string {
  const other = instance(format, variant, "other");
  if (other !== instance(format, variant, "app")) return other;
  if (format.includes("${Region}")) return other.replace(":us-east-1:", ":eu-west-1:");
  return other.replace(`:${A}:`, `:${OTHER_ACCOUNT}:`);
}


/** `on` as a user copies a format into a spec: every placeholder `*`, the partition `aws`. */
export function ownPattern(format: string): string {
  return format.replace("${Partition}", "aws").replace(/\$\{[^}]*\}/g, "*");
}
