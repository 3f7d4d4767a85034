/**
 * The on-disk shapes of the bundled data files in data/. Shared by scripts/build-data.ts (writer) and the
 * loaders (readers) so the two cannot drift apart. Tuples with optional tails keep the action index small:
 * it holds ~22k actions, and object keys repeated per action would roughly double its size.
 */

/** Bumped whenever a shape below changes; loaders refuse other versions rather than misread them. */
export const ACTION_INDEX_FORMAT = 1;
export const MANAGED_POLICIES_FORMAT = 1;

export const ACTION_INDEX_FILE = "actions.json";
export const MANAGED_POLICIES_FILE = "managed-policies.json.gz";

/** Where a data file came from, recorded so a reader can tell which AWS snapshot it is looking at. */
export interface DataSource {
  package: string;
  version: string;
  /** The package's own timestamp of its last data update, where it has one. */
  updatedAt?: string;
}

/** One-letter access levels, as the Service Authorization Reference names them. */
export const ACCESS_LEVELS = {
  R: "Read",
  W: "Write",
  L: "List",
  T: "Tagging",
  P: "Permissions management",
} as const;
export type AccessLevelCode = keyof typeof ACCESS_LEVELS;
export type AccessLevel = (typeof ACCESS_LEVELS)[AccessLevelCode];

/**
 * Condition key value types the Service Authorization Reference uses. The loader rejects any other type,
 * because the evaluator picks comparison semantics from it and must not guess.
 */
export const CONDITION_KEY_TYPES = [
  "String",
  "ARN",
  "Numeric",
  "Date",
  "Bool",
  "IPAddress",
  "Binary",
  "ArrayOfString",
  "ArrayOfARN",
  "ArrayOfNumeric",
  "ArrayOfDate",
  "ArrayOfBool",
  "ArrayOfIPAddress",
  "ArrayOfBinary",
] as const;
export type ConditionKeyType = (typeof CONDITION_KEY_TYPES)[number];

export function isConditionKeyType(value: unknown): value is ConditionKeyType {
  return (CONDITION_KEY_TYPES as readonly unknown[]).includes(value);
}

/** [name, index into ActionIndexFile.types] */
export type KeyEntry = [name: string, type: number];

/** [name, ARN formats, condition keys (indexes into keys)] */
export type ResourceTypeEntry = [name: string, arnFormats: string[], keys?: number[]];

/**
 * [index into the service's resource types, 1 if required else 0, condition keys this action adds for
 * this resource type only]
 */
export type ActionResourceEntry = [resourceType: number, required: 0 | 1, keys?: number[]];

/** [name in canonical case, access level, resource types, condition keys] */
export type ActionEntry = [
  name: string,
  level: AccessLevelCode,
  resourceTypes?: ActionResourceEntry[],
  keys?: number[],
];

export interface ServiceEntry {
  /** Service name, e.g. "Amazon S3". */
  n: string;
  /** Condition keys the service defines. */
  k: number[];
  /** Resource types. */
  r: ResourceTypeEntry[];
  /** Actions, sorted case-insensitively. */
  a: ActionEntry[];
}

export interface ActionIndexFile {
  format: number;
  source: DataSource;
  /** Condition key value types (String, ARN, Numeric, ...), referenced by index. */
  types: string[];
  /**
   * Every condition key once per distinct (name, type). A key can appear twice when services disagree on
   * its type (identitystore:UserId is String in identitystore but ArrayOfString in q).
   */
  keys: KeyEntry[];
  /** Global condition keys: [index into keys, category such as "principal", "network", "request"]. */
  global: [key: number, category: string][];
  services: Record<string, ServiceEntry>;
}

export interface ManagedPoliciesFile {
  format: number;
  source: DataSource;
  /** Default version document of each AWS managed policy, keyed by ARN. */
  policies: Record<string, unknown>;
}

export const SAM_POLICY_TEMPLATES_FORMAT = 1;
export const SAM_POLICY_TEMPLATES_FILE = "sam-policy-templates.json";

/**
 * AWS SAM policy templates (aws-sam-translator's policy_templates.json): each template's parameter
 * names and its definition, a policy document whose `{"Ref": PARAMETER}` nodes SAM replaces with the
 * values the template's user gives (docs/data.md).
 */
export interface SamPolicyTemplatesFile {
  format: number;
  source: DataSource & { licence: string; repository: string };
  templates: Record<string, { parameters: string[]; description: string; definition: unknown }>;
}

export const SAM_CONNECTOR_PROFILES_FORMAT = 1;
export const SAM_CONNECTOR_PROFILES_FILE = "sam-connector-profiles.json";

/** What an AWS SAM connector generates for one source and destination type (profiles.json). */
export interface SamConnectorProfile {
  type: "AWS_IAM_ROLE_MANAGED_POLICY" | "AWS_SQS_QUEUE_POLICY" | "AWS_SNS_TOPIC_POLICY" | "AWS_LAMBDA_PERMISSION";
  /** Whether the policy is the source's (its role's), else the destination's. */
  sourcePolicy: boolean;
  /** Read / Write: `{ Statement: [...] }`, or for a Lambda permission its properties; `%{Source.Arn}`-style variables. */
  accessCategories: Record<string, unknown>;
  /** The combinations of access categories allowed, when not every one is. */
  validAccessCategories?: string[][];
}

/**
 * AWS SAM connector profiles (aws-sam-translator's model/connector_profiles/profiles.json): by source
 * type then destination type, the policy a connector generates; by resource type, the property naming
 * its role and its outputs (Arn, Url, Id, Name, Qualifier) with `%{logicalId}` (docs/data.md).
 */
export interface SamConnectorProfilesFile {
  format: number;
  source: DataSource & { licence: string; repository: string };
  permissions: Record<string, Record<string, SamConnectorProfile>>;
  resources: Record<string, { role?: string; outputs: Record<string, unknown> }>;
}
