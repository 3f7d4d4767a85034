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
import { attempt, DEFAULT_NAMING, firstOf, namingsFor } from "../attempt.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";

export interface RunsAsCall {
  action: string;
  /**
   * The call's resource, given the listed resource's ARN, the name the caller gives what it creates
   * on the way (a layer it publishes: `names` below) and an account outside the environment that the
   * caller owns (a layer it publishes there: lambda-layer-outside.ts).
   */
  resource: (arn: string, name: string, outside: string) => string;
  /**
   * Keys the call fixes, given the listed resource's ARN (null: absent; a role not passed leaves
   * `cloudformation:RoleArn` out of the request) and the policy documents of the caller (SCPs included).
   */
  pinned?: (arn: string, name: string, outside: string, documents: readonly unknown[]) => Readonly<Record<string, ContextValue>>;
  /**
   * The policy of the call's resource when the caller writes it in its own account outside the
   * environment (a layer version's policy granting the function's account), given the call's
   * resource and the listed resource's account.
   */
  resourcePolicy?: (resource: string, account: string) => LoadedPolicy;
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
      const outside = outsideAccount(g.world.env);
      const principal = m.kind.service;
      const service = callerOf({ kind: "service", service: principal, written: principal }, g.world.env, undefined);
      for (const { resource, role } of listed) {
        if (role === from.entity) continue;
        if (!g.ask({ callerKey: `service:${principal}`, caller: service, action: "sts:AssumeRole", resource: role.arn }).allowed) continue;
        const to = g.node({ kind: "role-session", role, written: role.arn });
        const best = firstOf(
          m.variants.flatMap((calls) =>
            names.map((name) => () =>
              attempt(g, from, to, [...new Set(calls.map((c) => c.action))].join(" + "), calls.map((c) => {
                const arn = c.resource(resource.arn, name, outside);
                return {
                  action: c.action,
                  resource: arn,
                  ...(c.pinned ? { pinned: c.pinned(resource.arn, name, outside, docs) } : {}),
                  ...(c.resourcePolicy ? { resourcePolicy: c.resourcePolicy(arn, role.arn.split(":")[4]!) } : {}),
                };
              })),
            ),
          ),
        );
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
