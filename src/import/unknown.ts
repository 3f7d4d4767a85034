/**
 * Values known only after apply (Terraform plans). They are never guessed and never dropped: a
 * policy whose document is unknown becomes a placeholder document that the expectation compiler can
 * recognise (isUnknownPlaceholder), and every unknown is also listed with its plan position, so an
 * expectation whose answer depends on one is reported as such instead of passing silently.
 *
 * The placeholder is a valid policy of its type whose only statement never applies (Deny with
 * NotAction "*" matches no action), so a compiler that does not look for it still evaluates it, but
 * it would then under-approximate the policy: the compiler must check for it.
 */
import type { LNode } from "../load/located.js";
import type { SourcePos } from "../model/types.js";
import type { PolicyType } from "../types.js";
import { fromJS } from "./lnode.js";

/** Sid of the only statement of a placeholder document. */
export const UNKNOWN_SID = "IamSpecKnownAfterApply";

/** Names (role, bucket, ...) that are known only after apply are replaced by names with this prefix. */
export const UNKNOWN_NAME_PREFIX = "known-after-apply-";

export interface UnknownValue {
  /** Terraform resource address, "module.app.aws_iam_role_policy.s3". */
  readonly address: string;
  /** The attribute that is unknown: "policy", "name", "policy_arn", ... */
  readonly attribute: string;
  /** What it would have been in the environment: "inline policy of role/app". */
  readonly usedAs: string;
  /** Where the attribute is in the plan. */
  readonly pos: SourcePos;
}

const NEEDS_PRINCIPAL: ReadonlySet<PolicyType> = new Set<PolicyType>(["trust", "resource", "rcp", "vpce"]);

export function unknownPolicyDocument(type: PolicyType, pos: SourcePos): LNode {
  const statement: Record<string, unknown> = { Sid: UNKNOWN_SID, Effect: "Deny" };
  if (NEEDS_PRINCIPAL.has(type)) statement.Principal = "*";
  statement.NotAction = "*";
  if (type !== "trust") statement.Resource = "*";
  return fromJS({ Version: "2012-10-17", Statement: [statement] }, pos);
}

/** True for a document made by unknownPolicyDocument (LoadedPolicy.document). */
export function isUnknownPlaceholder(document: unknown): boolean {
  if (document === null || typeof document !== "object") return false;
  const st = (document as { Statement?: unknown }).Statement;
  const list = Array.isArray(st) ? st : [st];
  return list.some((s) => s !== null && typeof s === "object" && (s as { Sid?: unknown }).Sid === UNKNOWN_SID);
}

/** True for an ARN or name that holds a placeholder for a name known only after apply. */
export function isUnknownName(text: string): boolean {
  return text.includes(UNKNOWN_NAME_PREFIX);
}

/** A deterministic placeholder for an unknown name: known-after-apply-<address>, reduced to safe characters. */
export function unknownName(address: string, lowercase = false): string {
  const base = `${UNKNOWN_NAME_PREFIX}${address.replace(/[^A-Za-z0-9_.-]+/g, "-")}`;
  return (lowercase ? base.toLowerCase().replace(/_/g, "-") : base).slice(0, 63);
}
