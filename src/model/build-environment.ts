/**
 * Builds the Environment model from a validated, merged environment tree: principals with their
 * policies (a user gets its own policies and those of its groups), customer managed policies,
 * resources with their owners, VPC endpoints, and the organization (build-org.ts).
 */
import { dirname, isAbsolute, join } from "node:path";
import { inputError, inputWarning, posFrom, type InputError } from "../load/errors.js";
import { didYouMean } from "../load/hints.js";
import { posAt, toJS, type LMap, type LNode } from "../load/located.js";
import { foreignBucketResources } from "../policy/bucket-resources.js";
import {
  readAhead,
  readPolicyFile,
  resolvePolicyRef,
  type CustomerPolicyEntry,
  type PolicyRefContext,
} from "../load/policy-ref.js";
import type { PolicyCompiler } from "../load/policy-compiler.js";
import type { Assumptions, PolicyType } from "../types.js";
import { iamArn, resourceArnProblem, splitPathName } from "./arn.js";
import { caseClashes, foreignOwner } from "./account-entries.js";
import { buildOrganization } from "./build-org.js";
import { uniqueIdFor } from "./ids.js";
import { readsOwnArn } from "../import/implied-resource.js";
import { apiOfPattern, isGoverningPattern } from "./resources.js";
import { RUNS_AS_KINDS, runsAsKind } from "./runs-as-kinds.js";
import type { Account, Environment, Group, LoadedPolicy, ManagedPolicy, Resource, Role, SourcePos, Tags, User, VpcEndpoint } from "./types.js";

export interface BuildResult {
  readonly environment?: Environment;
  readonly errors: InputError[];
  readonly warnings: InputError[];
}

/** A policy-reference context shared by everything loaded in one run (files are read and compiled once). */
export function newPolicyContext(compiler: PolicyCompiler): PolicyRefContext {
  return {
    compiler,
    errors: [],
    warnings: [],
    customerPolicies: () => undefined,
    customerPolicyArns: () => [],
    fileCache: new Map(),
    ahead: new Map(),
    compiled: new Map(),
    reported: new Set(),
    invalid: new Set(),
  };
}

/** Keys whose value is a policy reference, a list of them, or (an account's `policies`) a mapping of them. */
const REFERENCE_KEYS = new Set(["trust", "boundary", "policy", "policies", "scps", "rcps", "document", "versions"]);

/**
 * The policy references an environment tree holds, for reading their files ahead (readAhead): a
 * superset is harmless (a string that names no file is never asked for), so every scalar under a
 * reference key counts, except inside an inline policy document.
 */
function policyReferences(tree: LNode): LNode[] {
  const out: LNode[] = [];
  const reference = (n: LNode): void => {
    if (n.kind === "scalar") out.push(n);
    else if (n.kind === "seq") for (const item of n.items) reference(item);
    else if (!n.entries.has("Statement") && !n.entries.has("Version")) for (const [key, v] of entries(n)) (REFERENCE_KEYS.has(key) ? reference(v) : v.kind === "scalar" ? out.push(v) : walk(v));
  };
  const walk = (n: LNode): void => {
    if (n.kind === "seq") for (const item of n.items) walk(item);
    else if (n.kind === "map") for (const [key, v] of entries(n)) (REFERENCE_KEYS.has(key) ? reference(v) : walk(v));
  };
  walk(tree);
  return out;
}

function entries(node: LNode | undefined): [string, LNode, LMap][] {
  if (!node || node.kind !== "map") return [];
  return [...node.entries.values()].map((e) => [e.key, e.value, node]);
}

/**
 * Records an error for each Resource of a bucket's policy that names another bucket (S3 refuses the
 * policy: src/policy/bucket-resources.ts), at the entry; true when there was one.
 */
async function foreignBucketErrors(ctx: PolicyRefContext, bucketArn: string, policy: LoadedPolicy, written: LNode, errors: InputError[]): Promise<boolean> {
  const foreign = foreignBucketResources(policy.document, bucketArn);
  if (foreign.length === 0) return false;
  const node = written.kind === "map" ? written : policy.origin === "file" && policy.file !== undefined ? (await readPolicyFile(ctx, policy.file, written.pos)).node : undefined;
  for (const f of foreign) {
    errors.push(
      inputError(
        "policy",
        node ? posAt(node, f.path) : written.pos,
        `resource policy of ${bucketArn}: ${f.path.join(".").replace(/\.(\d+)/g, "[$1]")}: ${f.resource} names bucket ${f.bucket}, not ${bucketArn}: S3 refuses the policy (MalformedPolicy: Policy has invalid resource)`,
        `a bucket policy names its own bucket (${bucketArn}) and its objects (${bucketArn}/*); put this statement in the policy of ${f.bucket}`,
      ),
    );
  }
  return true;
}

function get(node: LNode | undefined, key: string): LNode | undefined {
  return node?.kind === "map" ? node.entries.get(key)?.value : undefined;
}

function keyPos(map: LMap, key: string) {
  return map.entries.get(key)?.keyPos ?? map.pos;
}

/**
 * The bucket of an S3 access point entry (undefined for other resources; null after an error): an
 * access point ARN needs `bucket:`, and only an access point of the account takes one
 * (AmazonS3/latest/userguide/access-points-policies.html: both policies decide a request through it).
 */
function accessPointBucket(arn: string, accountId: string, res: LNode, pos: SourcePos, errors: InputError[]): string | undefined | null {
  const node = get(res, "bucket");
  const ap = /^arn:[^:]+:s3:[^:]*:([^:]*):accesspoint\/[^/]+$/.exec(arn);
  if (!ap) {
    if (node) errors.push(inputError("schema", node.pos, `resources: ${arn} is not an S3 access point; only an access point names a bucket`, "an access point ARN is arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME"));
    return node ? null : undefined;
  }
  if (ap[1] !== accountId) {
    errors.push(inputError("reference", pos, `access point ${arn} is listed under account ${accountId}, but its ARN names account ${ap[1]}`));
    return null;
  }
  if (node?.kind !== "scalar" || typeof node.value !== "string") {
    errors.push(inputError("schema", node?.pos ?? pos, `access point ${arn} names no bucket`, "write bucket: BUCKET-NAME: a request through the access point needs the bucket's policy too"));
    return null;
  }
  return node.value;
}

/**
 * `role:` of a resource that runs as a role (extension; ./runs-as-kinds.ts lists the kinds: a Lambda
 * function, an EC2 instance, a CloudFormation stack, a CodeBuild project, ...): a role of the same
 * account by name or ARN. null: an error was reported.
 */
function runsAs(arn: string, accountId: string, res: LNode, roles: ReadonlyMap<string, Role>, errors: InputError[]): string | undefined | null {
  const node = get(res, "role");
  if (!node) return undefined;
  const kind = runsAsKind(arn);
  if (!kind) {
    const kinds = Object.values(RUNS_AS_KINDS);
    errors.push(inputError("schema", node.pos, `resources: ${arn} is not a resource that runs as a role (${kinds.map((k) => k.what).join(", ")})`, `write role: on ${kinds.map((k) => k.form).join(", or ")}`));
    return null;
  }
  const written = node.kind === "scalar" && typeof node.value === "string" ? node.value : "";
  const role = [...roles.values()].find((r) => r.arn === written || r.name === written || `role/${r.name}` === written);
  if (arn.split(":")[4] !== accountId || !role) {
    errors.push(inputError("reference", node.pos, `resources: ${arn} runs as ${JSON.stringify(written)}, which is not a role of account ${accountId}`, `name a role listed under account ${accountId} (its name or ARN)`));
    return null;
  }
  return role.arn;
}

/** `partition:` of an account entry (schema-checked: aws, aws-cn or aws-us-gov), default aws. */
function partitionOfAccount(accountNode: LNode): string {
  const p = get(accountNode, "partition");
  return p?.kind === "scalar" && typeof p.value === "string" ? p.value : "aws";
}

/** The readings chosen under `assumptions:` (point ids and readings are checked by the schema). */
function assumptionsOf(node: LNode | undefined): Assumptions | undefined {
  if (node?.kind !== "map") return undefined;
  const out: Record<string, string> = {};
  for (const [id, v] of entries(node)) if (v.kind === "scalar" && typeof v.value === "string") out[id] = v.value;
  return out as Assumptions;
}

export function tagsOf(node: LNode | undefined): Tags {
  const out: Record<string, string> = {};
  // A tag value is a string in AWS: an unquoted 0123 or 1.50 is kept as written, not as the number read.
  for (const [k, v] of entries(node)) if (v.kind === "scalar" && v.value !== null) out[k] = v.raw ?? String(v.value);
  return out;
}

function pathOf(node: LNode | undefined): string {
  const p = get(node, "path");
  return p?.kind === "scalar" && typeof p.value === "string" ? p.value : "/";
}

/**
 * `base` is a context from newPolicyContext(); this environment's customer managed policies are
 * layered on top of it.
 */
export async function buildEnvironment(tree: LNode, files: readonly string[], base: PolicyRefContext): Promise<BuildResult> {
  const errors: InputError[] = [];
  const warnings: InputError[] = [];
  const accountsNode = get(tree, "accounts");

  // Pass 1: customer managed policy documents, so that any reference can find them.
  const customer = new Map<string, CustomerPolicyEntry>();
  const customerDefs: { accountId: string; partition: string; key: string; node: LNode; pos: LMap; versions?: LNode }[] = [];
  for (const [accountId, accountNode] of entries(accountsNode)) {
    for (const [key, entry, map] of entries(get(accountNode, "policies"))) {
      const { path, name } = splitPathName(key);
      const arn = iamArn(accountId, "policy", path, name, partitionOfAccount(accountNode));
      // The extension's { document, versions } form: the document is the default version.
      const versioned = entry.kind === "map" && entry.entries.has("document");
      if (entry.kind === "map" && !versioned && entry.entries.has("versions") && !entry.entries.has("Statement")) {
        errors.push(inputError("schema", entry.entries.get("versions")!.keyPos, `policies: ${key} lists versions but no document`, "give the default version as document: (a policy document or file) beside versions:"));
        continue;
      }
      const ref = versioned ? (get(entry, "document") as LNode) : entry;
      const versions = versioned ? get(entry, "versions") : undefined;
      customerDefs.push({ accountId, partition: partitionOfAccount(accountNode), key, node: ref, pos: map, ...(versions ? { versions } : {}) });
      customer.set(arn, { arn, name: arn, doc: undefined, node: ref });
    }
  }
  const ctx: PolicyRefContext = {
    ...base,
    errors,
    warnings,
    customerPolicies: (arn) => customerLookup.get(arn),
    customerPolicyArns: () => customerLookup.keys(),
  };
  readAhead(ctx, policyReferences(tree));
  // A customer managed policy is itself a reference (inline or file); resolve it to a document first.
  const customerLookup = new Map<string, CustomerPolicyEntry>();
  const managedByAccount = new Map<string, Map<string, ManagedPolicy>>();
  for (const def of customerDefs) {
    const { path, name } = splitPathName(def.key);
    const arn = iamArn(def.accountId, "policy", path, name, def.partition);
    const resolved = await resolveCustomerDoc(ctx, def.node, arn);
    if (!resolved) continue;
    customerLookup.set(arn, resolved);
  }
  for (const def of customerDefs) {
    const { path, name } = splitPathName(def.key);
    const arn = iamArn(def.accountId, "policy", path, name, def.partition);
    if (!customerLookup.has(arn)) continue;
    const policy = await resolvePolicyRef({ kind: "scalar", value: arn, pos: keyPos(def.pos, def.key) }, "identity", arn, ctx);
    if (!policy) continue;
    let m = managedByAccount.get(def.accountId);
    if (!m) managedByAccount.set(def.accountId, (m = new Map()));
    const versions = def.versions ? await policyVersions(ctx, def.versions, arn) : undefined;
    m.set(def.key, { name, arn, path, accountId: def.accountId, policy, ...(versions ? { versions } : {}), pos: keyPos(def.pos, def.key) });
  }

  const refs = async (node: LNode | undefined, type: PolicyType, owner: string): Promise<LoadedPolicy[]> => {
    const out: LoadedPolicy[] = [];
    if (node?.kind !== "seq") return out;
    for (const item of node.items) {
      const p = await resolvePolicyRef(item, type, owner, ctx);
      if (p) out.push(p);
    }
    return out;
  };
  const ref = async (node: LNode | undefined, type: PolicyType, owner: string, impliedResource?: string) =>
    node && !(node.kind === "scalar" && node.value === null) ? resolvePolicyRef(node, type, owner, ctx, impliedResource) : undefined;

  const accounts = new Map<string, Account>();
  const resourceOwners = new Map<string, string>();
  const namedAccounts = new Map<string, { id: string; pos: SourcePos }>();
  for (const [accountId, accountNode, accountsMap] of entries(accountsNode)) {
    const partition = partitionOfAccount(accountNode);
    errors.push(...caseClashes(accountNode, accountId));
    const groups = new Map<string, Group>();
    for (const [name, g, map] of entries(get(accountNode, "groups"))) {
      const path = pathOf(g);
      groups.set(name, {
        arn: iamArn(accountId, "group", path, name, partition),
        name,
        path,
        accountId,
        policies: await refs(get(g, "policies"), "identity", `group/${name}`),
        pos: keyPos(map, name),
      });
    }
    const users = new Map<string, User>();
    for (const [name, u, map] of entries(get(accountNode, "users"))) {
      const path = pathOf(u);
      const arn = iamArn(accountId, "user", path, name, partition);
      const own = await refs(get(u, "policies"), "identity", `user/${name}`);
      const groupNames: string[] = [];
      const groupPolicies: LoadedPolicy[] = [];
      const groupsNode = get(u, "groups");
      for (const gn of groupsNode?.kind === "seq" ? groupsNode.items : []) {
        if (gn.kind !== "scalar" || typeof gn.value !== "string") continue;
        const group = groups.get(gn.value);
        if (!group) {
          errors.push(inputError("reference", gn.pos, `user ${name}: group "${gn.value}" is not defined in account ${accountId}`,
            didYouMean(gn.value, groups.keys()) ?? `define it under accounts."${accountId}".groups`));
          continue;
        }
        groupNames.push(gn.value);
        groupPolicies.push(...group.policies);
      }
      const boundary = await ref(get(u, "boundary"), "boundary", `user/${name}`);
      users.set(name, {
        kind: "user",
        arn,
        name,
        path,
        accountId,
        uniqueId: uniqueIdFor("AIDA", arn),
        groups: groupNames,
        identityPolicies: [...own, ...groupPolicies],
        ...(boundary ? { boundary } : {}),
        tags: tagsOf(get(u, "tags")),
        pos: keyPos(map, name),
      });
    }
    const roles = new Map<string, Role>();
    for (const [name, r, map] of entries(get(accountNode, "roles"))) {
      const path = pathOf(r);
      const arn = iamArn(accountId, "role", path, name, partition);
      const trust = await ref(get(r, "trust"), "trust", `role/${name}`);
      const boundary = await ref(get(r, "boundary"), "boundary", `role/${name}`);
      const msd = get(r, "maxSessionDuration");
      roles.set(name, {
        kind: "role",
        arn,
        name,
        path,
        accountId,
        uniqueId: uniqueIdFor("AROA", arn),
        ...(trust ? { trust } : {}),
        identityPolicies: await refs(get(r, "policies"), "identity", `role/${name}`),
        ...(boundary ? { boundary } : {}),
        tags: tagsOf(get(r, "tags")),
        maxSessionDuration: msd?.kind === "scalar" && typeof msd.value === "number" ? msd.value : 3600,
        pos: keyPos(map, name),
      });
    }
    const resources = new Map<string, Resource>();
    for (const [key, res, map] of entries(get(accountNode, "resources"))) {
      const pos = keyPos(map, key);
      // An API written as its pattern (API_ID/*) is the API (API_ID): see findListedResource.
      const arn = apiOfPattern(key) ?? key;
      const problem = resourceArnProblem(arn);
      if (problem || arn === "*") {
        errors.push(inputError("schema", pos, `resources: ${problem?.message ?? '"*" is not a resource'}`, problem?.hint ?? "key each resource by its full ARN"));
        continue;
      }
      // A pattern key governs nothing (no request names a pattern) unless it is a policy of many
      // resources: silently ignoring its policy would let a mayNot pass on a policy never read.
      if (/[*?]/.test(arn) && !isGoverningPattern(arn)) {
        errors.push(inputError("schema", pos, `resources: ${arn} is a pattern, not a resource`, "key each resource by its own ARN (patterns only for a CloudWatch Logs policy log-group:*, an ECR registry policy repository/*, an API Gateway API API_ID/*)"));
        continue;
      }
      // A resource that runs as a role says so at its role: (runsAs), with the role named.
      const foreign = get(res, "role") === undefined ? foreignOwner(arn, accountId) : undefined;
      if (foreign) {
        errors.push(inputError("reference", pos, foreign.message, foreign.hint));
        continue;
      }
      const other = resourceOwners.get(arn);
      if (other !== undefined) {
        errors.push(inputError("reference", pos, `resource ${arn} is listed under accounts ${other} and ${accountId}`, "a resource belongs to one account; remove one entry"));
        continue;
      }
      resourceOwners.set(arn, accountId);
      const policyEntry = res?.kind === "map" ? res.entries.get("policy") : undefined;
      const holdsNone = policyEntry ? noResourcePolicy(arn, accountId) : undefined;
      if (holdsNone) {
        // AWS cannot attach it, so nothing would ever read it: a may would fail and a mayNot pass on a policy that is not there.
        errors.push(inputError("reference", policyEntry!.keyPos, holdsNone.message, holdsNone.hint));
        continue;
      }
      // An ECR repository policy names no Resource: it applies to its repository, as in AWS
      // (AmazonECR/latest/userguide/repository-policy-examples.html), hand-written as imported; an API
      // Gateway policy's execute-api:/ shorthand names the API's own ARN (src/import/implied-resource.ts).
      const policy = await ref(get(res, "policy"), "resource", arn, readsOwnArn(arn) ? arn : undefined);
      if (policy && (await foreignBucketErrors(ctx, arn, policy, policyEntry!.value, errors))) continue;
      const bucket = accessPointBucket(arn, accountId, res, pos, errors);
      if (bucket === null) continue;
      const origin = get(res, "networkOrigin");
      if (origin && !bucket) {
        errors.push(inputError("schema", origin.pos, `resources: ${arn} is not an S3 access point; only an access point has a networkOrigin`, "remove networkOrigin, or key the entry by the access point's ARN (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME)"));
        continue;
      }
      const networkOrigin = origin?.kind === "scalar" && (origin.value === "Internet" || origin.value === "VPC") ? origin.value : undefined;
      const role = runsAs(arn, accountId, res, roles, errors);
      if (role === null) continue;
      resources.set(arn, { arn, accountId, ...(policy ? { policy } : {}), tags: tagsOf(get(res, "tags")), ...(bucket ? { bucket } : {}), ...(networkOrigin ? { networkOrigin } : {}), ...(role ? { role } : {}), pos });
    }
    const vpcEndpoints = new Map<string, VpcEndpoint>();
    for (const [id, v, map] of entries(get(accountNode, "vpcEndpoints"))) {
      const policy = await ref(get(v, "policy"), "vpce", id);
      const typeNode = get(v, "type");
      const type = typeNode?.kind === "scalar" && (typeNode.value === "interface" || typeNode.value === "gateway") ? typeNode.value : undefined;
      vpcEndpoints.set(id, { id, accountId, ...(policy ? { policy } : {}), ...(type ? { type } : {}), pos: keyPos(map, id) });
    }
    const nameNode = get(accountNode, "name");
    // An account's name is an alias a reader goes by (contract section 3); two accounts of one name
    // leave a reader, and a report that names accounts by it, unable to tell which is meant. Nothing
    // is resolved through it (accounts are addressed by id), so the environment stays valid: a warning.
    if (nameNode?.kind === "scalar" && typeof nameNode.value === "string") {
      const first = namedAccounts.get(nameNode.value);
      if (first) warnings.push(inputWarning("reference", nameNode.pos, `name: "${nameNode.value}" is also the name of account ${first.id} (${first.pos.file === nameNode.pos.file ? `line ${first.pos.line}` : posFrom(nameNode.pos, first.pos)})`, "give each account its own name"));
      else namedAccounts.set(nameNode.value, { id: accountId, pos: nameNode.pos });
    }
    accounts.set(accountId, {
      id: accountId,
      ...(partition !== "aws" ? { partition } : {}),
      ...(nameNode?.kind === "scalar" && typeof nameNode.value === "string" ? { name: nameNode.value } : {}),
      users,
      groups,
      roles,
      policies: managedByAccount.get(accountId) ?? new Map(),
      resources,
      vpcEndpoints,
      pos: keyPos(accountsMap, accountId),
    });
  }

  const orgNode = get(tree, "organization");
  const organization = orgNode ? await buildOrganization(orgNode, ctx) : undefined;

  const assumptions = assumptionsOf(get(tree, "assumptions"));

  if (errors.length > 0) return { errors, warnings };
  return {
    environment: { accounts, ...(organization ? { organization } : {}), ...(assumptions ? { assumptions } : {}), files },
    errors,
    warnings,
  };
}

/**
 * The other versions of a customer managed policy (`versions:`), compiled as identity policies that
 * stand for the policy itself (same ARN), so that a principal with a version made the default still
 * holds "the policy" (IAM/latest/UserGuide/access_policies_managed-versioning.html).
 */
async function policyVersions(ctx: PolicyRefContext, node: LNode, arn: string): Promise<ReadonlyMap<string, LoadedPolicy>> {
  const out = new Map<string, LoadedPolicy>();
  for (const [id, ref] of entries(node)) {
    const p = await resolvePolicyRef(ref, "identity", `${arn} version ${id}`, ctx);
    if (p) out.set(id, { ...p, origin: "customer-managed", arn, name: `${arn} (version ${id})` });
  }
  return out;
}

/** The document behind a customer managed policy definition (inline mapping or file). */
async function resolveCustomerDoc(ctx: PolicyRefContext, node: LNode, arn: string): Promise<CustomerPolicyEntry | undefined> {
  if (node.kind === "map") return { arn, name: arn, doc: toJS(node, { leadingZeroText: true }), node, file: node.pos.file };
  if (node.kind === "scalar" && typeof node.value === "string" && !node.value.startsWith("arn:") && !/FullAWSAccess$/.test(node.value)) {
    const file = isAbsolute(node.value) ? node.value : join(dirname(node.pos.file), node.value);
    const read = await readPolicyFile(ctx, file, node.pos);
    if (!read.node) {
      ctx.errors.push(...read.errors.map((e) => (e.kind === "file" ? inputError("file", node.pos, e.message, e.hint) : e)));
      return undefined;
    }
    return { arn, name: arn, doc: toJS(read.node, { leadingZeroText: true }), node: read.node, file };
  }
  ctx.errors.push(inputError("policy", node.pos, `customer managed policy ${arn} must be a policy document or a policy file`, "an AWS managed policy cannot be copied into a customer managed one by ARN; paste the document or point at a file"));
  return undefined;
}

/**
 * Resources of services that attach no resource-based policy to them ("Supports resource-based
 * policies: No" on the service's "works with IAM" page: autoscaling/ec2/userguide/control-access-using-iam.html,
 * AmazonECS/latest/userguide/security_iam_service-with-iam.html; EC2 governs access with identity
 * policies only, AWSEC2/latest/UserGuide/iam-policies-for-amazon-ec2.html, its VPC endpoints having
 * endpoint policies), and IAM principals, whose one resource-side policy is a role's trust policy.
 */
function noResourcePolicy(arn: string, accountId: string): { message: string; hint: string } | undefined {
  const [, , service, , , resource = ""] = arn.split(":");
  const type = resource.split("/")[0] ?? "";
  const prefix = `accounts."${accountId}"`;
  if (service === "iam" && type === "role") {
    return { message: `resources: ${arn} is a role: its resource policy is its trust policy`, hint: `write it as trust: under ${prefix}.roles.${resource.split("/").pop()}` };
  }
  if (service === "ec2" && type === "vpc-endpoint") {
    return { message: `resources: ${arn} is a VPC endpoint: its policy is an endpoint policy`, hint: `declare it under ${prefix}.vpcEndpoints: { ${resource.split("/").pop()}: { policy: ... } }` };
  }
  const services: Record<string, string> = { iam: "IAM users, groups and policies", ec2: "Amazon EC2 resources", autoscaling: "Amazon EC2 Auto Scaling resources", ecs: "Amazon ECS resources" };
  const what = service !== undefined ? services[service] : undefined;
  if (!what) return undefined;
  return { message: `resources: ${arn}: ${what} have no resource-based policy, so AWS could never read this one`, hint: "grant or deny access in the callers' identity policies (or SCPs), and remove policy from this entry" };
}
