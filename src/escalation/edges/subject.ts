/**
 * What every permission-change method needs to know about the principal it changes: its ARN, the
 * IAM entity type, and the value of iam:PermissionsBoundary when the request acts on it.
 */
import type { Account, LoadedPolicy } from "../../model/types.js";
import type { ContextValue } from "../../types.js";
import type { Change, GraphContext, GraphNode } from "../types.js";

export interface Subject {
  arn: string;
  type: "User" | "Role";
  accountId: string;
}

/** The subject of a change by `actor`: an environment user or role of the actor's own account (IAM has no resource policies). */
export function subjectOf(actor: GraphNode, subject: GraphNode): Subject | undefined {
  const e = subject.entity;
  if (!e || actor.accountId !== e.accountId) return undefined;
  return { arn: e.arn, type: e.kind === "user" ? "User" : "Role", accountId: e.accountId };
}

/**
 * iam:PermissionsBoundary as a request that changes a principal's policies carries it: the ARN of the
 * boundary the principal has (absent without one: IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PermissionsBoundary,
 * access_policies_boundaries.html "delegating responsibility"). A boundary the environment gives as a
 * file has no known ARN: the key is then left free.
 */
export function boundaryKey(subject: GraphNode): Record<string, ContextValue> {
  const boundary = subject.caller.boundary;
  return boundaryKeyOf(boundary === undefined ? undefined : (subject.caller.policies.find((p) => p.handle === boundary) ?? { arn: undefined }));
}

/** The same, from the entity's boundary as the environment gives it (undefined: none). */
export function boundaryKeyOf(boundary: Pick<LoadedPolicy, "arn"> | undefined): Record<string, ContextValue> {
  if (boundary === undefined) return { "iam:PermissionsBoundary": null };
  return boundary.arn ? { "iam:PermissionsBoundary": boundary.arn } : {};
}

/**
 * The changes of `subject` with `change` (a new default version of a managed policy) in place of any
 * earlier new default of the same policy: only the last default version counts.
 */
export function replacing(subject: GraphNode, change: Extract<Change, { kind: "replace-policy" }>): Change[] {
  return [...subject.changes.filter((c) => c.kind !== "replace-policy" || c.arn !== change.arn), change];
}

/**
 * The customer managed policies the principal holds (its own and its groups', and its permissions
 * boundary), each with its ARN, once each.
 */
export function heldCustomerPolicies(subject: GraphNode): (LoadedPolicy & { arn: string })[] {
  const held = new Set([...subject.caller.identityPolicies, ...(subject.caller.boundary !== undefined ? [subject.caller.boundary] : [])]);
  const seen = new Set<string>();
  return subject.caller.policies.filter((p): p is LoadedPolicy & { arn: string } => {
    if (p.origin !== "customer-managed" || p.arn === undefined || !held.has(p.handle) || seen.has(p.arn)) return false;
    seen.add(p.arn);
    return true;
  });
}

export function hasChange(node: GraphNode, id: string): boolean {
  return node.changes.some((c) => c.id === id);
}

/**
 * The account whose users and roles a node can act on through IAM: its own, when it is an environment
 * user or role (IAM has no resource policies, so IAM requests reach only the caller's own account).
 */
export function ownAccount(node: GraphNode, g: GraphContext): Account | undefined {
  if (!node.entity || node.accountId === undefined) return undefined;
  return g.world.env.accounts.get(node.accountId);
}

/** The boundaries a caller creating a principal may give it: none first (what an attacker wants), then each managed policy of the account. */
export function boundaryChoices(account: Account): (LoadedPolicy | undefined)[] {
  return [undefined, ...[...account.policies.values()].map((p) => p.policy)];
}

/**
 * Where the caller may create a user or role named `name`: the root path, then the paths its own
 * Allow statements name for that type in its account (`role/app/*` gives `/app/`). At most three.
 */
export function createdNames(from: GraphNode, account: string, type: "user" | "role", name: string): { path: string; arn: string }[] {
  const paths = new Set(["/"]);
  const pattern = new RegExp(`^arn:aws:iam::([0-9*]+):${type}(\\/(?:[\\w+=,.@-]+\\/)*)`);
  for (const p of from.caller.policies) {
    const raw = (p.document as { Statement?: unknown } | null)?.Statement;
    for (const st of Array.isArray(raw) ? raw : [raw]) {
      const s = st as { Effect?: unknown; Resource?: unknown } | null;
      if (s?.Effect !== "Allow") continue;
      for (const r of [s.Resource].flat()) {
        const m = typeof r === "string" ? pattern.exec(r) : null;
        if (m && (m[1] === account || m[1] === "*")) paths.add(m[2]!);
      }
    }
  }
  return [...paths].slice(0, 3).map((path) => ({ path, arn: `arn:aws:iam::${account}:${type}${path}${name}` }));
}
