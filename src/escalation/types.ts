/**
 * The principal graph (contract section 2a): nodes are principals the caller can come to act as
 * (users, role sessions, principals from outside, and principals modified by an allowed permission
 * change); edges are allowed steps. Plain data; the graph is built lazily by graph.ts from the edge
 * checkers in edges/ (one method per file).
 */
import type { Caller } from "../compile/caller.js";
import type { World } from "../compile/request.js";
import type { LoadedPolicy, Principal, Role, SessionSpec, User } from "../model/types.js";
import type { PathStep } from "../report/types.js";
import type { StepOracle, StepQuery } from "./step.js";

/** A permission change made by an allowed request; a node carries the changes made to its principal. */
export type Change =
  /** Policies added to the principal (attached, put inline, or those of a group it was added to). */
  | { readonly kind: "add-policies"; readonly id: string; readonly label: string; readonly policies: readonly LoadedPolicy[] }
  /** A managed policy of the principal given a new default version. */
  | { readonly kind: "replace-policy"; readonly id: string; readonly label: string; readonly arn: string; readonly with: LoadedPolicy }
  /** The permissions boundary deleted, or replaced by one that limits nothing. */
  | { readonly kind: "remove-boundary"; readonly id: string; readonly label: string };

export interface GraphNode {
  /** Stable identity: the principal's ARN (a role's, not a session's) plus the ids of its changes. */
  readonly key: string;
  readonly principal: Principal;
  readonly changes: readonly Change[];
  /** Shown in reports and pictures: `role/deploy (111122223333)`, `+ AdministratorAccess attached`. */
  readonly label: string;
  /** The caller's account when it is one of the environment's; undefined otherwise. */
  readonly accountId: string | undefined;
  /** The environment user or role the node acts as. */
  readonly entity: User | Role | undefined;
  /** The caller as the evaluator sees it, with the changes applied. */
  readonly caller: Caller;
  /** The session the node acts in, where it is not the default one (a web-identity session, `as`'s `session:`). */
  readonly session?: SessionSpec;
}

/** An attempt at one edge: its steps in order; `blocked` is the first step that is not allowed. */
export interface Attempt {
  readonly to: GraphNode;
  /** `sts:AssumeRole`, `iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction`, ... */
  readonly method: string;
  readonly steps: readonly PathStep[];
  readonly blocked?: PathStep;
}

/** What edge checkers work with. */
export interface GraphContext {
  readonly world: World;
  /** The only way a checker asks whether a step is allowed. */
  readonly ask: StepOracle;
  /** The node of an environment principal (a role session, a user) with changes, in `session` (default: a plain session). */
  node(principal: Principal, changes?: readonly Change[], session?: SessionSpec): GraphNode;
  readonly trust: TrustIndex;
  /**
   * Which reading of the open points counts (contract section 2): `some` (a mayNotBecome, a picture)
   * or `every` (a mayBecome). Read by the checkers whose step exists only under some reading of a
   * fact the environment leaves open (set-default-version.ts).
   */
  readonly readings: "some" | "every";
}

/** One escalation method that leads from a node to other principals. */
export interface EdgeChecker {
  readonly id: string;
  attempts(from: GraphNode, g: GraphContext): Attempt[];
}

/**
 * One escalation method that changes the permissions of `subject` (the actor itself, or a principal
 * the actor can already act as): each attempt's `to` is the modified subject.
 */
export interface ChangeChecker {
  readonly id: string;
  changes(actor: GraphNode, subject: GraphNode, g: GraphContext): Attempt[];
}

/** Which roles could possibly trust a caller (a superset; the evaluator decides). */
export interface TrustIndex {
  rolesFor(caller: Caller): readonly Role[];
  /** Roles of `accountId` whose trust policy could let `service` assume them. */
  rolesForService(service: string, accountId: string): readonly Role[];
}

export type { StepQuery };
