/**
 * The shape both "create a principal for oneself" methods share: create a user or role in the
 * caller's account (at the root path or one the caller's policies name; with no boundary, else with a
 * managed policy of the account as the boundary, which iam:PermissionsBoundary carries), attach
 * AdministratorAccess or put an inline policy, then take it over (assume the role, create the user's
 * access key). The first sequence that is allowed is the edge; else the one that got furthest.
 */
import { uniqueIdFor } from "../../model/ids.js";
import type { LoadedPolicy, Principal } from "../../model/types.js";
import { attempt, firstOf, type PlannedStep } from "../attempt.js";
import { administratorAccessPolicy, ADMINISTRATOR_ACCESS_ARN, callerWrittenPolicy } from "../nodes.js";
import type { Attempt, GraphContext, GraphNode } from "../types.js";
import { boundaryChoices, boundaryKeyOf, createdNames, ownAccount } from "./subject.js";

export const NEW_PRINCIPAL = "iam-spec-escalation";

/** The fields a new user and a new role share: the caller's policy, the boundary it chose, no tags. */
export function newEntity<K extends "user" | "role">(kind: K, idPrefix: "AIDA" | "AROA", arn: string, path: string, accountId: string, policy: LoadedPolicy, boundary: LoadedPolicy | undefined, by: GraphNode) {
  return {
    kind,
    arn,
    name: NEW_PRINCIPAL,
    path,
    accountId,
    uniqueId: uniqueIdFor(idPrefix, arn),
    identityPolicies: [policy],
    ...(boundary ? { boundary } : {}),
    tags: {},
    pos: by.entity!.pos,
  };
}

export interface CreatedKind {
  type: "user" | "role";
  /** The principal created at `arn` holding `policy`, with `boundary`. */
  principal(arn: string, path: string, accountId: string, policy: LoadedPolicy, boundary: LoadedPolicy | undefined, from: GraphNode): Principal;
  /** The step that makes the caller act as it. */
  takeOver(arn: string, from: GraphNode): PlannedStep;
}

export function createdPrincipalAttempts(from: GraphNode, g: GraphContext, kind: CreatedKind): Attempt[] {
  const account = ownAccount(from, g);
  if (!account) return [];
  const Type = kind.type === "user" ? "User" : "Role";
  const tries = createdNames(from, account.id, kind.type, NEW_PRINCIPAL).flatMap((name) => boundaryChoices(account).map((boundary) => ({ ...name, boundary })));
  let furthest: Attempt | undefined;
  for (const { path, arn, boundary } of tries) {
    const pinned = boundaryKeyOf(boundary);
    // The change only names the node: the new principal already holds its policy and boundary.
    const made = (policy: LoadedPolicy, how: string, label: string) =>
      g.node(kind.principal(arn, path, account.id, policy, boundary, from), [
        { kind: "add-policies", id: `created:${how}${boundary ? `:${boundary.arn ?? boundary.name}` : ""}`, label: `created, ${label}${boundary ? `, boundary ${boundary.name}` : ""}`, policies: [] },
      ]);
    const create: PlannedStep = { action: `iam:Create${Type}`, resource: arn, pinned };
    const takeOver = kind.takeOver(arn, from);
    const best = firstOf([
      () =>
        attempt(g, from, made(administratorAccessPolicy(), "attach", "AdministratorAccess attached"), `iam:Create${Type} + iam:Attach${Type}Policy + ${takeOver.action}`, [
          create,
          { action: `iam:Attach${Type}Policy`, resource: arn, pinned: { "iam:PolicyARN": ADMINISTRATOR_ACCESS_ARN, ...pinned } },
          takeOver,
        ]),
      () =>
        attempt(g, from, made(callerWrittenPolicy(), "inline", "inline policy Allow * put"), `iam:Create${Type} + iam:Put${Type}Policy + ${takeOver.action}`, [
          create,
          { action: `iam:Put${Type}Policy`, resource: arn, pinned },
          takeOver,
        ]),
    ]);
    if (best && !best.blocked) return [best];
    furthest ??= best;
  }
  return furthest ? [furthest] : [];
}
