/**
 * `aws iam get-account-authorization-details` output (IAM/latest/APIReference/
 * API_GetAccountAuthorizationDetails.html) -> an environment fragment for the exported account.
 * Documents are objects (AWS CLI output) or URL-encoded JSON strings (the raw API). Managed policies
 * use their default version; a customer managed policy's other versions (PolicyVersionList) are kept
 * in the { document, versions } form (docs/escalation.md: iam:SetDefaultPolicyVersion). An AWS managed policy the export carries is attached as the export's own
 * copy (inline), so it wins over the bundled one, as the contract asks.
 */
import { inputError, pathFrom, type InputError } from "./../load/errors.js";
import type { LNode } from "../load/located.js";
import { define, fragmentToNode, group, newFragment, policyKey, role, user } from "./fragment.js";
import { get, items, lscalar, str } from "./lnode.js";
import { inlineEntryDocument, policyNode } from "./policy-text.js";
import type { ImportResult } from "./types.js";
import { tagRecord } from "./cloudformation/names.js";

/**
 * The exported account's partition, from the ARN of its first user, group or role (the export says
 * arn:aws-cn:iam::... in the China partition: IAM/latest/UserGuide/reference-arns.html); aws without one.
 */
function partitionOf(root: LNode, account: string): string {
  for (const list of ["UserDetailList", "GroupDetailList", "RoleDetailList"]) {
    for (const e of items(get(root, list))) {
      const m = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):/.exec(str(get(e, "Arn")) ?? "");
      if (m && m[2] === account) return m[1] as string;
    }
  }
  return "aws";
}

export function importAuthorizationDetails(root: LNode, file: string, account: string): ImportResult {
  const errors: InputError[] = [];
  const f = newFragment(account, root.pos, partitionOf(root, account));
  const lists = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"];
  if (!lists.some((k) => get(root, k))) {
    errors.push(inputError("schema", root.pos, `${pathFrom(root.pos, file)} is not an account authorization details export`, "write it with `aws iam get-account-authorization-details --output json > gaad.json`"));
    return { orgPolicies: [], errors, warnings: [], unknowns: [] };
  }
  // An export AWS wrote has every list as a list and every entry named: anything else is reported,
  // never skipped (a role left out would be a principal no expectation could see).
  const named = (list: string, nameKey: string): [LNode, string][] => {
    const node = get(root, list);
    if (node !== undefined && node.kind !== "seq") {
      errors.push(inputError("schema", node.pos, `${list}: expected a list`, "this is not `aws iam get-account-authorization-details` output: export it again"));
      return [];
    }
    return items(node).flatMap((e): [LNode, string][] => {
      const name = str(get(e, nameKey));
      if (name) return [[e, name]];
      errors.push(inputError("schema", e.pos, `${list} entry without a ${nameKey}`, "this is not `aws iam get-account-authorization-details` output: export it again"));
      return [];
    });
  };
  // Managed policies first: attachments name them by ARN.
  const awsCopies = new Map<string, LNode>();
  for (const [p, name] of named("Policies", "PolicyName")) {
    const arn = str(get(p, "Arn"));
    const def = str(get(p, "DefaultVersionId"));
    const versions = items(get(p, "PolicyVersionList"));
    const version = versions.find((v) => get(v, "IsDefaultVersion")?.kind === "scalar" && (get(v, "IsDefaultVersion") as { value: unknown }).value === true)
      ?? versions.find((v) => def !== undefined && str(get(v, "VersionId")) === def);
    if (!arn) {
      errors.push(inputError("schema", p.pos, `policy ${name} has no Arn`, "this is not `aws iam get-account-authorization-details` output: export it again"));
      continue;
    }
    const doc = policyNode(get(version, "Document"), `${arn} (default version)`, errors);
    if (!version) errors.push(inputError("policy", p.pos, `${arn}: the export has no default policy version`, "export with --filter LocalManagedPolicy AWSManagedPolicy so that PolicyVersionList is included"));
    if (!doc) continue;
    const m = /^arn:[^:]+:iam::([^:]*):policy\/(.*)$/.exec(arn);
    if (m?.[1] === "aws") awsCopies.set(arn, doc);
    else if (m?.[1] === account) {
      // Every other version the export lists: iam:SetDefaultPolicyVersion can make any of them the
      // default (IAM/latest/APIReference/API_PolicyVersion.html, docs/escalation.md).
      const others = versions.filter((v) => v !== version).flatMap((v): [string, LNode][] => {
        const id = str(get(v, "VersionId"));
        const d = id ? policyNode(get(v, "Document"), `${arn} (version ${id})`, errors) : undefined;
        return id && d ? [[id, d]] : [];
      });
      f.policies.set(policyKey(str(get(p, "Path")), name), { pos: p.pos, doc, versions: others });
      define(f, "policies", policyKey(str(get(p, "Path")), name), p.pos);
    }
    else errors.push(inputError("reference", p.pos, `${arn} belongs to account ${m?.[1] ?? "?"}, not to the imported account ${account}`, "check the import entry's account:"));
  }
  const attached = (node: LNode | undefined): LNode[] =>
    items(node).flatMap((a) => {
      const arnNode = get(a, "PolicyArn");
      const arn = str(arnNode);
      if (!arn || !arnNode) {
        // An attachment without its ARN would drop the policy it stands for.
        errors.push(inputError("schema", a.pos, "an attached managed policy without its PolicyArn", "this is not `aws iam get-account-authorization-details` output: export it again"));
        return [];
      }
      return [awsCopies.get(arn) ?? lscalar(arn, arnNode.pos)];
    });
  const inline = (node: LNode | undefined, what: string): LNode[] =>
    items(node).flatMap((p) => {
      const d = inlineEntryDocument(p, "PolicyDocument", `${what} inline policy ${str(get(p, "PolicyName")) ?? ""}`, errors);
      return d ? [d] : [];
    });
  const boundary = (node: LNode | undefined): LNode | undefined => {
    const arnNode = get(node, "PermissionsBoundaryArn");
    const arn = str(arnNode);
    return arn && arnNode ? awsCopies.get(arn) ?? lscalar(arn, arnNode.pos) : undefined;
  };

  for (const [g, name] of named("GroupDetailList", "GroupName")) {
    const out = group(f, name, g.pos);
    define(f, "groups", name, g.pos);
    const p = str(get(g, "Path"));
    if (p) out.path = p;
    out.policies.push(...inline(get(g, "GroupPolicyList"), `group/${name}`), ...attached(get(g, "AttachedManagedPolicies")));
  }
  for (const [u, name] of named("UserDetailList", "UserName")) {
    const out = user(f, name, u.pos);
    define(f, "users", name, u.pos);
    const p = str(get(u, "Path"));
    if (p) out.path = p;
    out.groups.push(...items(get(u, "GroupList")).filter((n) => n.kind === "scalar"));
    out.policies.push(...inline(get(u, "UserPolicyList"), `user/${name}`), ...attached(get(u, "AttachedManagedPolicies")));
    const b = boundary(get(u, "PermissionsBoundary"));
    if (b) out.boundary = b;
    const tags = tagRecord(get(u, "Tags"));
    if (tags && Object.keys(tags).length > 0) out.tags = tags;
  }
  for (const [r, name] of named("RoleDetailList", "RoleName")) {
    const out = role(f, name, r.pos);
    define(f, "roles", name, r.pos);
    const p = str(get(r, "Path"));
    if (p) out.path = p;
    const trust = policyNode(get(r, "AssumeRolePolicyDocument"), `role/${name} trust policy`, errors);
    if (trust) out.trust = trust;
    out.policies.push(...inline(get(r, "RolePolicyList"), `role/${name}`), ...attached(get(r, "AttachedManagedPolicies")));
    const b = boundary(get(r, "PermissionsBoundary"));
    if (b) out.boundary = b;
    const msd = get(r, "MaxSessionDuration");
    if (msd?.kind === "scalar" && typeof msd.value === "number") out.maxSessionDuration = msd;
    const tags = tagRecord(get(r, "Tags"));
    if (tags && Object.keys(tags).length > 0) out.tags = tags;
  }
  return { fragment: fragmentToNode(f), orgPolicies: [], errors, warnings: [], unknowns: [], file, definitions: f.definitions };
}
