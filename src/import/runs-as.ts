/**
 * The role a resource runs as, from an import (the environment's `role:` extension,
 * docs/escalation.md "Resources that already run as a role"): a function's execution role
 * (lambda/latest/dg/lambda-intro-execution-role.html), the role in an instance's instance profile
 * (IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html: "An instance profile can
 * contain only one IAM role"), a CodeBuild project's service role, a SageMaker notebook instance's or
 * a Glue development endpoint's role, a CloudFormation stack's service role. A role the same import defines is written by name.
 * A role of the account it does not define may come from another import (another stack) or the
 * hand-written environment: it is written as given and checked once everything is merged
 * (settleRoleRefs); one that is nowhere is dropped with a warning, never an input error (a `role:`
 * written by hand that names no role is one). A role of another account cannot run the function
 * (the execution role is the function's own account's): the resource is listed without it, with a warning.
 */
import { createHash } from "node:crypto";
import { inputWarning, type InputError } from "../load/errors.js";
import type { LEntry, LNode } from "../load/located.js";
import type { SourcePos } from "../model/types.js";
import { define, resource, type Fragment, type RoleRef } from "./fragment.js";
import { lscalar } from "./lnode.js";

const ROLE_ARN = /^arn:[^:]+:iam::(\d{12}):role\/(?:(.*)\/)?([^/]+)$/;

/** The role named `ref` (a name or an ARN) among `roles` (name -> path), when it is there. */
function findRole(roles: (name: string) => string | undefined | null, account: string, ref: string): string | undefined {
  const m = ROLE_ARN.exec(ref);
  if (!m) return roles(ref) !== null ? ref : undefined;
  if (m[1] !== account) return undefined;
  const path = roles(m[3]!);
  return path !== null && (path ?? "/") === (m[2] ? `/${m[2]}/` : "/") ? m[3] : undefined;
}

/** The name of the role `ref` (a role name or ARN) when this import defines it in its own account. */
export function importedRole(f: Fragment, ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined;
  return findRole((name) => (f.roles.has(name) ? f.roles.get(name)!.path : null), f.accountId, ref);
}

/**
 * Lists `arn` (a resource that runs as a role) with the role `ref` names (`what` names the resource in
 * the source, for warnings).
 */
export function runsAs(f: Fragment, arn: string, pos: SourcePos, ref: { text?: string; pos: SourcePos } | undefined, what: string, warnings: InputError[]): void {
  if (ref?.text === undefined) return;
  const out = resource(f, arn, pos);
  define(f, "resources", arn, pos);
  const name = importedRole(f, ref.text);
  if (name !== undefined) {
    out.role = lscalar(name, ref.pos);
    return;
  }
  const m = ROLE_ARN.exec(ref.text);
  if (m && m[1] !== f.accountId) {
    warnings.push(inputWarning("reference", ref.pos, `${what}: the role ${ref.text} is in account ${m[1]}, not in the import's account ${f.accountId}, so ${arn} is listed without the role it runs as`));
    return;
  }
  out.role = lscalar(ref.text, ref.pos);
  f.roleRefs.push({ account: f.accountId, resource: arn, role: out.role, what });
}

/**
 * The merged environment with every import's `role:` reference that names no role of the
 * environment taken out, and a warning for each (a reference a hand-written entry replaced is left
 * to it).
 */
export function settleRoleRefs(tree: LNode, refs: readonly RoleRef[], warnings: InputError[]): LNode {
  let out = tree;
  for (const r of refs) {
    const account = child(child(out, "accounts"), r.account);
    const entry = child(child(account, "resources"), r.resource);
    if (child(entry, "role") !== r.role) continue;
    const roles = child(account, "roles");
    const pathOf = (name: string) => {
      const role = child(roles, name);
      if (!role) return null;
      const p = child(role, "path");
      return p?.kind === "scalar" && typeof p.value === "string" ? p.value : undefined;
    };
    const text = String((r.role as { value?: unknown }).value);
    if (findRole(pathOf, r.account, text) !== undefined) continue;
    warnings.push(inputWarning("reference", r.role.pos, `${r.what}: the role ${text} is not in the environment, so ${r.resource} is listed without the role it runs as`,
      `define the role (import the stack that creates it, or write it under accounts."${r.account}".roles), or add role: to ${r.resource} by hand`));
    out = without(out, ["accounts", r.account, "resources", r.resource, "role"]);
  }
  return out;
}

function child(node: LNode | undefined, key: string): LNode | undefined {
  return node?.kind === "map" ? node.entries.get(key)?.value : undefined;
}

/** `node` without the entry at `path` (the maps on the way copied, the rest shared). */
function without(node: LNode, path: readonly string[]): LNode {
  if (node.kind !== "map" || path.length === 0) return node;
  const [key, ...rest] = path as [string, ...string[]];
  const entries = new Map<string, LEntry>(node.entries);
  const e = entries.get(key);
  if (!e) return node;
  if (rest.length === 0) entries.delete(key);
  else entries.set(key, { ...e, value: without(e.value, rest) });
  return { ...node, entries };
}

/**
 * A stand-in EC2 instance id for an instance the import creates (AWS assigns the id at launch):
 * "i-" + 17 hex characters derived from account, region and the resource's address in the source,
 * stable across runs so that a spec can name it.
 */
export function instanceIdFor(account: string, region: string, address: string): string {
  return `i-${createHash("sha256").update(`${account}/${region}/${address}`).digest("hex").slice(0, 17)}`;
}

/**
 * A stand-in CloudFormation stack ID for a stack the import creates (AWS assigns it at creation; a
 * stack ARN is arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/ID with a UUID for ID), derived like
 * instanceIdFor so that a spec can name it.
 */
export function stackIdFor(account: string, region: string, address: string): string {
  const h = createHash("sha256").update(`stack/${account}/${region}/${address}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
