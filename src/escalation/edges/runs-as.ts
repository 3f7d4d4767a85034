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
import type { Environment, Resource, Role } from "../../model/types.js";
import type { ContextValue } from "../../types.js";
import { attempt, DEFAULT_NAMING, firstOf, namingsFor } from "../attempt.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";

export interface RunsAsCall {
  action: string;
  /**
   * The call's resource, given the listed resource's ARN and the name the caller gives what it creates
   * on the way (a layer it publishes: `names` below).
   */
  resource: (arn: string, name: string) => string;
  /**
   * Keys the call fixes, given the listed resource's ARN (null: absent; a role not passed leaves
   * `cloudformation:RoleArn` out of the request).
   */
  pinned?: (arn: string, name: string) => Readonly<Record<string, ContextValue>>;
}

export interface RunsAsMethod {
  /** Which listed resources the method applies to, and the service that runs the code with the role. */
  kind: RunsAsKind;
  /** Alternative call sequences, most common first. */
  variants: readonly (readonly RunsAsCall[])[];
  /**
   * The service of the resources the calls create, when they create one (lambda: a layer): its names
   * are tried as a PassRole method's are (attempt.ts namingsFor), in the listed resource's region.
   */
  names?: string;
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
      const names = m.names ? [...new Set(namingsFor(from.caller.policies.map((p) => p.document), m.names).map((n) => n.name))] : [DEFAULT_NAMING.name];
      const principal = m.kind.service;
      const service = callerOf({ kind: "service", service: principal, written: principal }, g.world.env, undefined);
      for (const { resource, role } of listed) {
        if (role === from.entity) continue;
        if (!g.ask({ callerKey: `service:${principal}`, caller: service, action: "sts:AssumeRole", resource: role.arn }).allowed) continue;
        const to = g.node({ kind: "role-session", role, written: role.arn });
        const best = firstOf(
          m.variants.flatMap((calls) =>
            names.map((name) => () =>
              attempt(g, from, to, [...new Set(calls.map((c) => c.action))].join(" + "), calls.map((c) => ({ action: c.action, resource: c.resource(resource.arn, name), ...(c.pinned ? { pinned: c.pinned(resource.arn, name) } : {}) }))),
            ),
          ),
        );
        if (best) out.push(best);
      }
      return out;
    },
  };
}

const byEnv = new WeakMap<Environment, { resource: Resource; role: Role }[]>();

/** The environment's resources that run as a role, with the role (listed once per environment). */
function runningAs(env: Environment): { resource: Resource; role: Role }[] {
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
