/**
 * AWS managed policies, resolved offline: the default version document of each, from
 * data/managed-policies.json.gz. The file is read and parsed once, on the first call.
 */
import type { PolicyDocument } from "../types.js";
import { best, editDistance, suggestionLimit, type Scored } from "./edit-distance.js";
import { MANAGED_POLICIES_FILE, MANAGED_POLICIES_FORMAT, type DataSource, type ManagedPoliciesFile } from "./format.js";
import { checkFormat, readDataFile } from "./load.js";

export const MANAGED_POLICY_ARN_PREFIX = "arn:aws:iam::aws:policy/";

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
  return ref.startsWith(MANAGED_POLICY_ARN_PREFIX);
}

/**
 * The default version document of an AWS managed policy, by exact ARN
 * (`arn:aws:iam::aws:policy/[PATH/]NAME`, path and name as AWS spells them), or undefined.
 * Each call returns a fresh copy, so a caller that edits it cannot change what others see.
 */
export function getManagedPolicy(arn: string): PolicyDocument | undefined {
  const doc = loaded().policies.get(arn);
  return doc === undefined ? undefined : structuredClone(doc);
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
