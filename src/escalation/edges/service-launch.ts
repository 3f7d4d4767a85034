/**
 * The shape every "pass a role to a service that runs my code" method shares
 * (IAM/latest/UserGuide/id_roles_use_passrole.html): the caller passes a role of its own account with
 * iam:PassRole (iam:PassedToService set to the service), then makes the calls that make the service
 * run code or a template the caller wrote under that role. The service itself must be able to assume
 * the role (its trust policy names the service principal). Each service's file lists its calls.
 */
import { callerOf } from "../../compile/caller.js";
import type { LoadedPolicy } from "../../model/types.js";
import type { ContextValue } from "../../types.js";
import { attempt, firstOf, namingsFor, resourceFor, type PlannedStep } from "../attempt.js";
import { POINTS, type PointId } from "../../evaluator/readings.js";
import { underOpenFact, underReadings } from "../open-fact.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";

export interface LaunchCall {
  action: string;
  /** The resource type to act on when the action takes several (ec2:RunInstances: instance). */
  resourceType?: string;
  /**
   * Keys the call fixes, given the caller's principal ARN (lambda:AddPermission: lambda:Principal) and
   * the resource another action of the same variant acts on (events:PutTargets: the function it targets).
   */
  pinned?: (caller: string, at: (action: string) => string) => Readonly<Record<string, ContextValue>>;
  /** The policy of the call's resource as an earlier call of the caller wrote it (lambda:AddPermission). */
  resourcePolicy?: (resource: string, caller: string) => LoadedPolicy;
  /** A resource an earlier call of the caller created: it belongs to the caller's account and has no policy (an S3 bucket). */
  created?: true;
}

export interface LaunchMethod {
  /** The service principal that assumes the passed role. */
  service: string;
  /**
   * The value of iam:PassedToService when it is not the principal that assumes the role (App Runner:
   * the role is passed to apprunner.amazonaws.com and taken on by tasks.apprunner.amazonaws.com), or
   * the open point whose readings are the values the documentation leaves possible (open-fact.ts).
   */
  passedTo?: string | { readonly point: PointId };
  /** Alternative call sequences after iam:PassRole, most common first. */
  variants: readonly (readonly LaunchCall[])[];
  /**
   * Call sequences that run the caller's code only when something else invokes what they change (an
   * existing function's triggers): tried after `variants`, under the open point function-triggers (open-fact.ts).
   */
  triggered?: readonly (readonly LaunchCall[])[];
}

export function launchChecker(id: string, m: LaunchMethod): EdgeChecker {
  return {
    id,
    attempts(from: GraphNode, g: GraphContext): Attempt[] {
      const account = from.accountId;
      if (account === undefined || !from.entity) return [];
      const out: Attempt[] = [];
      const service = callerOf({ kind: "service", service: m.service, written: m.service }, g.world.env, undefined);
      const roles = g.trust.rolesForService(m.service, account);
      if (roles.length === 0) return [];
      const docs = from.caller.policies.map((p) => p.document);
      const caller = from.caller.derived["aws:PrincipalArn"] as string;
      const all = [...m.variants, ...(m.triggered ?? [])];
      const namings = all.map((calls) => namingsFor(docs, calls[calls.length - 1]!.action.split(":")[0]!));
      for (const role of roles) {
        if (from.entity === role) continue;
        // The service must be able to take the role on; otherwise the pass leads nowhere.
        if (!g.ask({ callerKey: `service:${m.service}`, caller: service, action: "sts:AssumeRole", resource: role.arn }).allowed) continue;
        const to = g.node({ kind: "role-session", role, written: role.arn });
        const pass = (passedToService: string): PlannedStep => ({ action: "iam:PassRole", resource: role.arn, pinned: { "iam:PassedToService": passedToService } });
        const passedTo = m.passedTo ?? m.service;
        const best = firstOf(
          all.flatMap((calls, i) =>
            // The caller names what it creates: every call of a variant uses one naming.
            namings[i]!.map((naming) => {
              const run = () => {
                const steps = calls.map((c): PlannedStep => {
                  const resource = resourceFor(c.action, account, c.resourceType, naming);
                  const at = (action: string) => resourceFor(action, account, undefined, naming);
                  return { action: c.action, resource, ...(c.pinned ? { pinned: c.pinned(caller, at) } : {}), ...(c.resourcePolicy ? { resourcePolicy: c.resourcePolicy(resource, caller) } : {}), ...(c.created ? { resourceAccount: account } : {}) };
                });
                // An action asked on two resources (batch:SubmitJob on the queue and the definition) is named once.
                const method = [...new Set(["iam:PassRole", ...calls.map((c) => c.action)])].join(" + ");
                const made = (value: string) => attempt(g, from, to, method, [pass(value), ...steps]);
                return typeof passedTo === "string" ? made(passedTo) : underReadings(g, passedTo.point, POINTS[passedTo.point].readings, made);
              };
              return i < m.variants.length ? run : () => underOpenFact(g, "function-triggers", "none", run);
            }),
          ),
        );
        if (best) out.push(best);
      }
      return out;
    },
  };
}
