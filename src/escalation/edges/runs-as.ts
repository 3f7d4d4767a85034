/**
 * The shape every "run code where a role already runs" method shares: a resource the environment lists
 * with the role it runs as (`role:` on a function, an instance, a stack, a project, ...:
 * src/model/runs-as-kinds.ts); the caller makes its own code or template run there, and that code
 * holds the role's credentials. The service must be able to take the role on (its trust policy names
 * the service principal), as for a passed role (IAM/latest/UserGuide/id_roles_use_passrole.html).
 * No iam:PassRole: the role is already in place.
 */
import { callerOf } from "../../compile/caller.js";
import type { RunsAsKind } from "../../model/runs-as-kinds.js";
import type { Environment, LoadedPolicy, Resource, Role } from "../../model/types.js";
import type { ContextValue } from "../../types.js";
import { findListedResource } from "../../model/resources.js";
import { attempt, DEFAULT_NAMING, firstOf, namingsFor } from "../attempt.js";
import { underOpenFact } from "../open-fact.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";

/** What a call may depend on besides the listed resource and the name the caller picks. */
export interface CallContext {
  /** An account outside the environment that the caller owns (outsideAccount below). */
  outside: string;
  /** The caller's policy documents (SCPs included). */
  documents: readonly unknown[];
  /** The caller's principal ARN (a role's, for a role session). */
  caller: string;
}

export interface RunsAsCall {
  action: string;
  /**
   * The call's resource, given the listed resource's ARN, the name the caller gives what it creates
   * on the way (a layer it publishes: `names` below) and the call's context (an account outside the
   * environment that the caller owns, for a layer it publishes there: lambda-layer-outside.ts).
   */
  resource: (arn: string, name: string, on: CallContext) => string;
  /**
   * Keys the call fixes, given the listed resource's ARN (null: absent; a role not passed leaves
   * `cloudformation:RoleArn` out of the request) and the call's context.
   */
  pinned?: (arn: string, name: string, on: CallContext) => Readonly<Record<string, ContextValue>>;
  /**
   * The policy of the call's resource when an earlier call of the caller wrote it: a layer version's
   * policy in an account of its own granting the function's account, a statement lambda:AddPermission
   * added to a function's policy (`existing`: the policy the environment lists for the resource).
   */
  resourcePolicy?: (on: { resource: string; account: string; caller: string; existing: LoadedPolicy | undefined }) => LoadedPolicy;
  /** A resource an earlier call of the caller created: it belongs to the caller's account and has no policy (an S3 bucket). */
  created?: true;
}

export interface RunsAsMethod {
  /** Which listed resources the method applies to, and the service that runs the code with the role. */
  kind: RunsAsKind;
  /** Alternative call sequences, most common first. */
  variants: readonly (readonly RunsAsCall[])[];
  /**
   * The service of the resources the calls create, when they create one (lambda: a layer): its names
   * are tried as a PassRole method's are (attempt.ts namingsFor), in the listed resource's region. Or
   * a function that derives the names from the caller's policy documents.
   */
  names?: string | ((documents: readonly unknown[]) => string[]);
  /**
   * Call sequences that make the resource run the caller's code only when something else invokes it
   * (a function's triggers): tried after `variants`, under the open point function-triggers (open-fact.ts).
   */
  triggered?: readonly (readonly RunsAsCall[])[];
}

/** The listed resource itself, as a call's resource. */
export const same = (arn: string): string => arn;

export function runsAsChecker(id: string, m: RunsAsMethod): EdgeChecker {
  return {
    id,
    attempts(from: GraphNode, g: GraphContext): Attempt[] {
      if (!from.entity) return [];
      const listed = runningAs(g.world.env).filter((x) => m.kind.arn.test(x.resource.arn));
      if (listed.length === 0) return [];
      const out: Attempt[] = [];
      const docs = from.caller.policies.map((p) => p.document);
      const names = !m.names ? [DEFAULT_NAMING.name] : [...new Set(typeof m.names === "string" ? namingsFor(docs, m.names).map((n) => n.name) : m.names(docs))];
      const caller = from.caller.derived["aws:PrincipalArn"] as string;
      const on: CallContext = { outside: outsideAccount(g.world.env), documents: docs, caller };
      const principal = m.kind.service;
      const service = callerOf({ kind: "service", service: principal, written: principal }, g.world.env, undefined);
      for (const { resource, role } of listed) {
        if (role === from.entity) continue;
        if (!g.ask({ callerKey: `service:${principal}`, caller: service, action: "sts:AssumeRole", resource: role.arn }).allowed) continue;
        const to = g.node({ kind: "role-session", role, written: role.arn });
        const run = (calls: readonly RunsAsCall[], name: string) => () =>
          attempt(g, from, to, [...new Set(calls.map((c) => c.action))].join(" + "), calls.map((c) => {
            const arn = c.resource(resource.arn, name, on);
            return {
              action: c.action,
              resource: arn,
              ...(c.pinned ? { pinned: c.pinned(resource.arn, name, on) } : {}),
              ...(c.resourcePolicy ? { resourcePolicy: c.resourcePolicy({ resource: arn, account: role.arn.split(":")[4]!, caller, existing: findListedResource(g.world.env, arn)?.policy }) } : {}),
              ...(c.created && from.accountId !== undefined ? { resourceAccount: from.accountId } : {}),
            };
          }));
        const best = firstOf([
          ...m.variants.flatMap((calls) => names.map((name) => run(calls, name))),
          ...(m.triggered ?? []).flatMap((calls) => names.map((name) => () => underOpenFact(g, "function-triggers", "none", run(calls, name)))),
        ]);
        if (best) out.push(best);
      }
      return out;
    },
  };
}

/**
 * An account ID outside the environment, for what the caller publishes in an account of its own: any
 * AWS customer can open one, so a path may go through it. The first of a few sample IDs that no
 * account of the environment has.
 */
export function outsideAccount(env: Environment): string {
  for (let n = 0; ; n++) {
    const id = String(999988887777 - n);
    if (!env.accounts.has(id)) return id;
  }
}

const byEnv = new WeakMap<Environment, { resource: Resource; role: Role }[]>();

/** The environment's resources that run as a role, with the role (listed once per environment). */
export function runningAs(env: Environment): { resource: Resource; role: Role }[] {
  let list = byEnv.get(env);
  if (list) return list;
  list = [];
  for (const account of env.accounts.values())
    for (const resource of account.resources.values()) {
      const role = resource.role ? [...account.roles.values()].find((r) => r.arn === resource.role) : undefined;
      if (role) list.push({ resource, role });
    }
  byEnv.set(env, list);
  return list;
}
