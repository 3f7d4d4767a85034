/**
 * Rules IAM enforces on what one account holds, which an environment could otherwise break silently:
 * two names that differ only in case, and a resource listed under an account its ARN does not name.
 */
import { inputError, type InputError } from "../load/errors.js";
import type { LNode } from "../load/located.js";
import { splitPathName } from "./arn.js";

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
