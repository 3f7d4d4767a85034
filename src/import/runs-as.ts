/**
 * The role a Lambda function or an EC2 instance runs as, from an import (the environment's `role:`
 * extension, docs/escalation.md "Functions and instances that already run as a role"): a function's
 * execution role (lambda/latest/dg/lambda-intro-execution-role.html) or the role in an instance's
 * instance profile (IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html: "An
 * instance profile can contain only one IAM role"). Only a role the same import defines is written: a
 * role defined elsewhere (another stack, by hand) cannot be checked here, and a `role:` naming a role
 * that is not in the environment is an input error; such a function is kept without `role:`, with a
 * warning that says how to add it.
 */
import { createHash } from "node:crypto";
import { inputWarning, type InputError } from "../load/errors.js";
import type { SourcePos } from "../model/types.js";
import { define, resource, type Fragment } from "./fragment.js";
import { lscalar } from "./lnode.js";

/** The name of the role `ref` (a role name or ARN) when this import defines it in its own account. */
export function importedRole(f: Fragment, ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined;
  const m = /^arn:[^:]+:iam::(\d{12}):role\/(?:(.*)\/)?([^/]+)$/.exec(ref);
  if (!m) return f.roles.has(ref) ? ref : undefined;
  if (m[1] !== f.accountId) return undefined;
  const r = f.roles.get(m[3]!);
  const path = m[2] ? `/${m[2]}/` : "/";
  return r && (r.path ?? "/") === path ? m[3] : undefined;
}

/**
 * Lists `arn` (a function or an instance) with `role:` when `ref` names a role this import defines;
 * else lists it without, and warns (`what` names the reference in the source).
 */
export function runsAs(f: Fragment, arn: string, pos: SourcePos, ref: { text?: string; pos: SourcePos } | undefined, what: string, warnings: InputError[]): void {
  const name = importedRole(f, ref?.text);
  if (name === undefined) {
    if (ref?.text === undefined) return;
    warnings.push(inputWarning("reference", ref.pos, `${what}: the role ${ref.text} is not defined in this import, so ${arn} is listed without the role it runs as`,
      `if the role is in the environment, add role: to ${arn} under resources: by hand (docs/escalation.md)`));
  }
  resource(f, arn, pos);
  define(f, "resources", arn, pos);
  if (name !== undefined) resource(f, arn, pos).role = lscalar(name, ref!.pos);
}

/**
 * A stand-in EC2 instance id for an instance the import creates (AWS assigns the id at launch):
 * "i-" + 17 hex characters derived from account, region and the resource's address in the source,
 * stable across runs so that a spec can name it.
 */
export function instanceIdFor(account: string, region: string, address: string): string {
  return `i-${createHash("sha256").update(`${account}/${region}/${address}`).digest("hex").slice(0, 17)}`;
}
