/**
 * The regions a real request can name: what a region looks like, the commercial regions AWS serves,
 * and an ARN's region field made real when a pattern's wildcard filled it with sample text.
 * Source: general/latest/gr/rande.html (regional endpoints).
 */
import { splitArn } from "../match/arn.js";
import { compileWildcard } from "../match/wildcard.js";

/**
 * What a region name looks like (us-east-1, eu-central-2, us-gov-west-1, and eusc-de-east-1 of the
 * aws-eusc partition, whose first part has four letters: the AWS SDKs' partition data).
 */
export const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

/** The commercial regions AWS serves: a region pattern (`eu-*`) is instantiated to real names only. */
export const AWS_REGIONS = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1", "ap-south-2",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-northeast-1",
  "ap-northeast-2", "ap-northeast-3", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-west-1",
  "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1",
  "me-central-1", "mx-central-1", "sa-east-1",
];
/**
 * `arn` with a region field that is no region (sample text from a filled `*`) replaced by a real one:
 * the first region the field's pattern in `pattern` matches, else us-east-1. Other ARNs unchanged.
 */
export function withRealRegion(arn: string, pattern?: string): string {
  const parts = splitArn(arn);
  if (parts === undefined || parts[0] !== "arn" || parts[3] === "" || REGION.test(parts[3] ?? "")) return arn;
  const field = pattern?.split(":")[3];
  let region = "us-east-1";
  if (field && /[*?]/.test(field)) {
    const m = compileWildcard(field);
    region = AWS_REGIONS.find((r) => m(r)) ?? region;
  }
  parts[3] = region;
  return parts.join(":");
}
