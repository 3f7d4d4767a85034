/** ARN helpers for the model (ARN format: IAM/latest/UserGuide/reference-arns.html). */
import { REGION } from "../context/regions.js";
import { isPartitionOrPattern } from "../policy/partitions.js";

/** "/" or "/a/b/" -> "" or "a/b/": the part of an IAM ARN between the resource type and the name. */
export function pathSegment(path: string): string {
  return path === "/" ? "" : path.slice(1);
}

/** `partition`: aws, aws-cn or aws-us-gov (IAM/latest/UserGuide/reference-arns.html); an account's is `Account.partition`. */
export function iamArn(accountId: string, type: "user" | "role" | "group" | "policy", path: string, name: string, partition = "aws"): string {
  return `arn:${partition}:iam::${accountId}:${type}/${pathSegment(path)}${name}`;
}

/**
 * The partition of a principal of an account outside the environment: the one every account of the
 * environment is in (an environment of aws-cn accounts talks to aws-cn accounts), else aws.
 */
export function environmentPartition(accounts: Iterable<{ partition?: string }>): string {
  const seen = new Set<string>();
  for (const a of accounts) seen.add(a.partition ?? "aws");
  return seen.size === 1 ? ([...seen][0] as string) : "aws";
}

/** The partition field of an ARN ("aws" when it has none). */
export function partitionOf(arn: string): string {
  return /^arn:([^:]+):/.exec(arn)?.[1] ?? "aws";
}

/** The session ARN of a role: arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION; the role path is not part of it (IAM/latest/UserGuide/reference_identifiers.html). */
export function sessionArn(accountId: string, roleName: string, sessionName: string, partition = "aws"): string {
  return `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

/** "team/Deploy" -> { path: "/team/", name: "Deploy" }. */
export function splitPathName(text: string): { path: string; name: string } {
  const i = text.lastIndexOf("/");
  return i < 0 ? { path: "/", name: text } : { path: `/${text.slice(0, i + 1)}`.replace(/^\/+/, "/"), name: text.slice(i + 1) };
}

/**
 * Why `text` is not a resource ARN (or ARN pattern) as written in `on` or under `resources`, or
 * undefined when it is one: "*", or arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, where ACCOUNT is
 * empty (S3), 12 digits, "aws" (AWS managed policies) or a pattern (IAM/latest/UserGuide/reference-arns.html).
 */
export function resourceArnProblem(text: string): { message: string; hint: string } | undefined {
  if (text === "*") return undefined;
  const shape = "an ARN has six parts: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, e.g. arn:aws:s3:::my-bucket/*";
  if (!text.startsWith("arn:")) return { message: `"${text}" is not an ARN or "*"`, hint: shape };
  const parts = text.split(":");
  if (parts.length < 6) {
    if ((parts[parts.length - 1] ?? "").includes("*")) return undefined;
    return { message: `"${text}" is not a complete ARN`, hint: shape };
  }
  const [, partition, service, , account] = parts as [string, string, string, string, string];
  const partitionHint = "the partition is aws (or aws-cn, aws-us-gov): arn:aws:...";
  if (partition === "") return { message: `"${text}" has no partition`, hint: partitionHint };
  if (!isPartitionOrPattern(partition)) return { message: `"${text}": "${partition}" is not an AWS partition`, hint: partitionHint };
  if (service === "") return { message: `"${text}" has no service`, hint: shape };
  // Service namespaces are lower case (s3, execute-api: reference-arns.html) and ARNs match case-
  // sensitively, so arn:aws:S3:::b names nothing AWS sends: a check of it would examine nothing real.
  if (!/[*?]/.test(service) && !/^[a-z0-9-]+$/.test(service)) {
    return { message: `"${text}": "${service}" is not a service namespace`, hint: `service namespaces are lower case letters, digits and -: arn:${partition}:${service.toLowerCase()}:...` };
  }
  const region = parts[3] ?? "";
  if (region !== "" && !/[*?]/.test(region) && !REGION.test(region)) {
    return { message: `"${text}": "${region}" is not a Region`, hint: "write a Region such as us-east-1, or leave the field empty where the service's ARNs have none (IAM, S3)" };
  }
  if (account !== "" && account !== "aws" && !/[*?]/.test(account) && !/^\d{12}$/.test(account)) {
    return { message: `"${text}": account "${account}" is not a 12-digit account id`, hint: "write the account id in full (12 digits), or leave it empty where the service's ARNs have none (S3)" };
  }
  return undefined;
}
