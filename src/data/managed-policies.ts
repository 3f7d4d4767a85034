/**
 * AWS managed policies, resolved offline: the default version document of each, from
 * data/managed-policies.json.gz. The file is read and parsed once, on the first call.
 */
import type { PolicyDocument } from "../types.js";
import { best, editDistance, suggestionLimit, type Scored } from "./edit-distance.js";
import { MANAGED_POLICIES_FILE, MANAGED_POLICIES_FORMAT, type DataSource, type ManagedPoliciesFile } from "./format.js";
import { checkFormat, readDataFile } from "./load.js";

export const MANAGED_POLICY_ARN_PREFIX = "arn:aws:iam::aws:policy/";

/**
 * AWS managed policy ARNs of the three public partitions (IAM/latest/UserGuide/reference-arns.html:
 * aws, aws-cn, aws-us-gov). The bundled data holds the `aws` partition's copies only; another
 * partition's ARN resolves to the same policy by path and name, with the ARNs inside the document
 * moved to that partition (docs/data.md).
 */
const MANAGED_POLICY_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::aws:policy\/(.+)$/;

interface Loaded {
  source: DataSource;
  policies: ReadonlyMap<string, PolicyDocument>;
  arns: readonly string[];
}

let cache: Loaded | undefined;

function loaded(): Loaded {
  if (!cache) {
    const data = readDataFile(MANAGED_POLICIES_FILE);
    checkFormat(MANAGED_POLICIES_FILE, data, MANAGED_POLICIES_FORMAT, ["source", "policies"]);
    const file = data as ManagedPoliciesFile;
    const policies = new Map(Object.entries(file.policies) as [string, PolicyDocument][]);
    cache = { source: file.source, policies, arns: Object.freeze([...policies.keys()]) };
  }
  return cache;
}

/** Whether `ref` has the shape of an AWS managed policy ARN (it may still name no known policy). */
export function isManagedPolicyArn(ref: string): boolean {
  return MANAGED_POLICY_ARN.test(ref);
}

/**
 * The default version document of an AWS managed policy, by exact ARN
 * (`arn:aws:iam::aws:policy/[PATH/]NAME`, path and name as AWS spells them), or undefined.
 * Each call returns a fresh copy, so a caller that edits it cannot change what others see.
 */
export function getManagedPolicy(arn: string): PolicyDocument | undefined {
  const m = MANAGED_POLICY_ARN.exec(arn);
  const partition = m?.[1] ?? "aws";
  const doc = loaded().policies.get(partition === "aws" ? arn : `${MANAGED_POLICY_ARN_PREFIX}${m?.[2] ?? ""}`);
  if (doc === undefined) return undefined;
  return partition === "aws" ? structuredClone(doc) : (inPartition(doc, partition) as PolicyDocument);
}

/** A copy of `value` with every `arn:aws:` string prefix moved to `partition`. */
function inPartition(value: unknown, partition: string): unknown {
  if (typeof value === "string") return value.startsWith("arn:aws:") ? `arn:${partition}:${value.slice(8)}` : value;
  if (Array.isArray(value)) return value.map((v) => inPartition(v, partition));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inPartition(v, partition)]));
  return value;
}

/** ARNs of all bundled AWS managed policies, sorted by name. */
export function managedPolicyArns(): string[] {
  return [...loaded().arns];
}

/**
 * Up to `n` managed policy ARNs closest to `arn` (or a bare policy name), for "did you mean". Names are
 * compared case-insensitively and without the path, so a policy named with a wrong or missing path
 * (`policy/AWSLambdaBasicExecutionRole`) still finds `policy/service-role/AWSLambdaBasicExecutionRole`.
 */
export function closestManagedPolicies(arn: string, n = 3): string[] {
  const partition = MANAGED_POLICY_ARN.exec(arn)?.[1] ?? "aws";
  if (partition !== "aws") return closestManagedPolicies(`arn:aws:${arn.slice(partition.length + 5)}`, n).map((a) => `arn:${partition}:${a.slice(8)}`);
  const wanted = nameOf(arn).toLowerCase();
  const limit = suggestionLimit(wanted);
  const candidates: Scored[] = [];
  for (const candidate of loaded().arns) {
    const distance = editDistance(wanted, nameOf(candidate).toLowerCase(), limit);
    if (distance <= limit) candidates.push({ value: candidate, distance });
  }
  return best(candidates, n);
}

/** Which package and version the managed policies were derived from. */
export function managedPoliciesSource(): DataSource {
  return loaded().source;
}

function nameOf(arnOrName: string): string {
  return arnOrName.trim().slice(arnOrName.trim().lastIndexOf("/") + 1);
}
