/**
 * Which listed resource governs an ARN, and who owns it. A resource listed under an account belongs
 * to that account; an S3 bucket's entry governs its objects too (its bucket policy applies to them),
 * an access point's entry what is reached through it, a region-wide entry the resources it covers;
 * an unlisted ARN belongs to the account in the ARN, and an unlisted S3 ARN (no account field) to an
 * account outside the environment (contract section 3).
 */
import { parseArn } from "../match/arn.js";
import type { Environment, Resource, Role, User, VpcEndpoint } from "./types.js";

export interface ResourceLookup {
  readonly arn: string;
  /** The owner; undefined when it is outside the environment and unknown (unlisted S3). */
  readonly accountId: string | undefined;
  /** The listed resource whose policy governs the ARN (the bucket for an S3 object), if any. */
  readonly resource?: Resource;
  /** An IAM user or role of the environment with this exact ARN (its tags are aws:ResourceTag/*). */
  readonly principal?: User | Role;
}

/** Every listed resource by ARN (the first account listing it wins), built once per environment. */
const listedByEnv = new WeakMap<Environment, ReadonlyMap<string, Resource>>();

function listedIndex(env: Environment): ReadonlyMap<string, Resource> {
  let m = listedByEnv.get(env);
  if (!m) {
    const all = new Map<string, Resource>();
    for (const a of env.accounts.values()) for (const [arn, r] of a.resources) if (!all.has(arn)) all.set(arn, r);
    listedByEnv.set(env, (m = all));
  }
  return m;
}

export function findListedResource(env: Environment, arn: string): Resource | undefined {
  const exact = listed(env, arn);
  if (exact?.policy) return exact;
  const wide = regionWideArn(arn);
  const shared = wide !== undefined && wide !== arn ? listed(env, wide) : undefined;
  if (exact) return shared?.policy ? { ...exact, policy: shared.policy } : exact;
  if (shared) return { ...shared, arn };
  // An S3 bucket's entry governs its objects; an access point's, what is reached through it
  // (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME/object/KEY: AmazonS3/latest/userguide/access-points-policies.html).
  const container = /^arn:aws[\w-]*:s3:::[^/]+\/.+$/.test(arn) ? arn.slice(0, arn.indexOf("/")) : /^(arn:aws[\w-]*:s3:[^:]*:\d{12}:accesspoint\/[^/]+)\/.+$/.exec(arn)?.[1];
  if (container !== undefined) return listed(env, container);
  // An API Gateway resource policy is the API's: it governs every stage, method and path of it
  // (arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD/PATH), listed under the API's ARN
  // (API_ID; the pattern API_ID/* is read as it) (apigateway/latest/developerguide/apigateway-resource-policies.html).
  const api = executeApiOf(arn);
  if (api !== undefined) return listed(env, api);
  // An OpenSearch domain's access policy governs the requests to its paths and indexes
  // (arn:aws:es:REGION:ACCOUNT:domain/NAME/INDEX/_search; its statements name domain/NAME/*):
  // opensearch-service/latest/developerguide/ac.html#ac-types-resource.
  const domain = openSearchDomainOf(arn);
  return domain !== undefined ? listed(env, domain) : undefined;
}

/** arn:...:es:REGION:ACCOUNT:domain/NAME/... -> arn:...:es:REGION:ACCOUNT:domain/NAME */
function openSearchDomainOf(arn: string): string | undefined {
  return /^(arn:[^:]+:es:[^:]+:\d{12}:domain\/[^/*?]+)\/.+$/.exec(arn)?.[1];
}

/** `arn:...:execute-api:REGION:ACCOUNT:API_ID/*` -> the API's ARN; undefined for any other text. */
export function apiOfPattern(arn: string): string | undefined {
  return arn.endsWith("/*") && executeApiOf(arn) === arn.slice(0, -2) ? arn.slice(0, -2) : undefined;
}

/** arn:...:execute-api:REGION:ACCOUNT:API_ID/... -> arn:...:execute-api:REGION:ACCOUNT:API_ID */
function executeApiOf(arn: string): string | undefined {
  return /^(arn:[^:]+:execute-api:[^:]+:\d{12}:[^/*?]+)\/.+$/.exec(arn)?.[1];
}

/**
 * Whether a resource entry keyed by a pattern is one that governs resources (a region-wide Logs or ECR
 * policy, an API's `API_ID/*`); any other pattern names no resource a request could reach.
 */
export function isGoverningPattern(arn: string): boolean {
  return regionWideArn(arn) === arn || apiOfPattern(arn) !== undefined;
}

function listed(env: Environment, arn: string): Resource | undefined {
  return listedIndex(env).get(arn);
}

/**
 * Resource policies that govern every resource of a kind in one account and region: a CloudWatch Logs
 * resource policy covers the log groups its statements name
 * (AmazonCloudWatchLogs/latest/APIReference/API_PutResourcePolicy.html), the ECR registry policy the
 * registry's repositories (AmazonECR/latest/userguide/registry-permissions.html), the Glue Data
 * Catalog's policy its databases, tables, functions and connections
 * (glue/latest/dg/glue-resource-policies.html: one policy per catalog, its statements naming
 * catalog, database/DB, table/DB/TABLE). They are listed under `arn:...:log-group:*`,
 * `arn:...:repository/*` and `arn:...:catalog`; a resource with no policy of its own is governed by
 * that entry (its statements' Resource elements still say which resources they cover).
 */
function regionWideArn(arn: string): string | undefined {
  const logs = /^(arn:[^:]+:logs:[^:]+:\d{12}):log-group:/.exec(arn);
  if (logs) return `${logs[1]}:log-group:*`;
  const glue = /^(arn:[^:]+:glue:[^:]+:\d{12}):(catalog$|database\/|table\/|userDefinedFunction\/|connection\/)/.exec(arn);
  if (glue) return `${glue[1]}:catalog`;
  const ecr = /^(arn:[^:]+:ecr:[^:]+:\d{12}):repository\//.exec(arn);
  return ecr ? `${ecr[1]}:repository/*` : undefined;
}

export function lookupResource(env: Environment, arn: string): ResourceLookup {
  const resource = findListedResource(env, arn);
  const parts = parseArn(arn);
  const principal = parts?.service === "iam" ? findIamPrincipal(env, arn, parts.account) : undefined;
  const accountId = resource?.accountId ?? (parts && /^\d{12}$/.test(parts.account) ? parts.account : undefined);
  return { arn, accountId, ...(resource ? { resource } : {}), ...(principal ? { principal } : {}) };
}

function findIamPrincipal(env: Environment, arn: string, accountId: string): User | Role | undefined {
  const account = env.accounts.get(accountId);
  if (!account) return undefined;
  for (const u of account.users.values()) if (u.arn === arn) return u;
  for (const r of account.roles.values()) if (r.arn === arn) return r;
  return undefined;
}

/** Every listed resource ARN (and IAM user/role ARN) matching `test`, for sampling resource patterns. */
export function environmentArns(env: Environment): string[] {
  const out: string[] = [];
  for (const a of env.accounts.values()) {
    // A region-wide entry (arn:...:log-group:*) is no resource a request names.
    for (const arn of a.resources.keys()) if (!arn.includes("*")) out.push(arn);
    for (const u of a.users.values()) out.push(u.arn);
    for (const r of a.roles.values()) out.push(r.arn);
    for (const p of a.policies.values()) out.push(p.arn);
  }
  return out;
}

/** The VPC endpoint with this id (the value of aws:SourceVpce), in whichever account declares it. */
export function findVpcEndpoint(env: Environment, id: string): VpcEndpoint | undefined {
  for (const a of env.accounts.values()) {
    const v = a.vpcEndpoints.get(id);
    if (v) return v;
  }
  return undefined;
}
