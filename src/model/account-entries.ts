/**
 * Rules IAM enforces on what one account holds, which an environment could otherwise break silently:
 * two names that differ only in case, and a resource listed under an account its ARN does not name.
 */
import { inputError, type InputError } from "../load/errors.js";
import type { LNode } from "../load/located.js";
import { splitPathName } from "./arn.js";
import type { Environment } from "./types.js";

/**
 * IAM/latest/UserGuide/reference_identifiers.html: "Names must be unique within an account. They are not
 * distinguished by case, for example, you cannot create groups named both "ADMINS" and "admins"."
 * IAM would refuse the second entity, so an environment holding both describes no account that can
 * exist (and `role/Deploy` would name a different principal than `role/deploy`).
 */
export function caseClashes(accountNode: LNode, accountId: string): InputError[] {
  const errors: InputError[] = [];
  if (accountNode.kind !== "map") return errors;
  for (const kind of ["users", "groups", "roles", "policies"] as const) {
    const node = accountNode.entries.get(kind)?.value;
    if (node?.kind !== "map") continue;
    const seen = new Map<string, string>();
    for (const e of node.entries.values()) {
      // A customer managed policy is keyed [PATH/]NAME; its name is what must be unique.
      const name = kind === "policies" ? splitPathName(e.key).name : e.key;
      const folded = name.toLowerCase();
      const first = seen.get(folded);
      if (first === undefined) {
        seen.set(folded, name);
        continue;
      }
      errors.push(
        inputError("schema", e.keyPos, `accounts.${accountId}.${kind}: "${name}" and "${first}" differ only in case, and IAM names are not distinguished by case`,
          `IAM cannot hold both in one account (IAM/latest/UserGuide/reference_identifiers.html): rename or remove one`),
      );
    }
  }
  return errors;
}

/**
 * The account field of an ARN is "the ID of the AWS account that owns the resource"
 * (IAM/latest/UserGuide/reference-arns.html): a resource listed under another account would be
 * evaluated with an owner its own ARN contradicts (same- vs cross-account decides the request).
 * ARNs without an account (S3 buckets) or with a non-numeric one (`aws`, AWS-owned resources) say nothing.
 */
export function foreignOwner(arn: string, accountId: string): { message: string; hint: string } | undefined {
  const account = arn.split(":")[4] ?? "";
  if (!/^\d{12}$/.test(account) || account === accountId) return undefined;
  return {
    message: `resources: ${arn} names account ${account} in its ARN but is listed under account ${accountId}`,
    hint: `list it under accounts."${account}" (the account in an ARN owns the resource)`,
  };
}

/**
 * An IAM ARN of an account in the environment whose name differs only in case from one the account
 * holds (`role/DEPLOY` next to role `deploy`): IAM names are not distinguished by case when created
 * (reference_identifiers.html), but ARNs match case-sensitively in policies
 * (reference_policies_elements_resource.html) and no AWS page says whether a request naming
 * `role/DEPLOY` reaches role `deploy`. Either answer would be a guess, so the ARN is refused: the ARN
 * the environment holds is returned, to be named instead.
 */
export function caseOnlyTwin(env: Environment, arn: string): string | undefined {
  if (/[*?]/.test(arn)) return undefined;
  const m = /^arn:[^:]+:iam::(\d{12}):(user|group|role|policy)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) return undefined;
  const account = env.accounts.get(m[1]!);
  if (!account) return undefined;
  const kind = m[2] as "user" | "group" | "role" | "policy";
  const entities = kind === "user" ? account.users : kind === "group" ? account.groups : kind === "role" ? account.roles : account.policies;
  const name = m[3]!;
  let twin: string | undefined;
  for (const e of entities.values()) {
    if (e.name === name) return undefined;
    if (e.name.toLowerCase() === name.toLowerCase()) twin = e.arn;
  }
  return twin;
}
