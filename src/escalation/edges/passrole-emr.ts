/**
 * iam:PassRole + Amazon EMR: the caller launches a cluster with elasticmapreduce:RunJobFlow, passing
 * two roles: the cluster's EC2 instance profile role (JobFlowRole: "the Amazon EC2 instances of the
 * cluster assume this role", and the application processes on them run with it:
 * emr/latest/ManagementGuide/emr-iam-role-for-ec2.html) and the EMR service role (ServiceRole, which
 * EMR uses to provision the instances: emr/latest/ManagementGuide/emr-iam-role.html). The bootstrap
 * actions and steps the request carries are the caller's code, run on those instances
 * (emr/latest/APIReference/API_RunJobFlow.html). The AWS managed policy AmazonEMRFullAccessPolicy_v2
 * passes the instance role with `iam:PassedToService` `ec2.amazonaws.com` and the service role with
 * `elasticmapreduce.amazonaws.com`; "the iam:PassRole permission allows cluster creation"
 * (emr/latest/ManagementGuide/emr-iam-roles-create-permissions.html). An instance profile holding the
 * role is taken to exist, as for passrole-ec2.ts. The target is the instance role; any service role
 * of the account that EMR can take on and the caller can pass completes the request.
 */
import { callerOf } from "../../compile/caller.js";
import type { Role } from "../../model/types.js";
import { attempt, firstOf, resourceFor, type PlannedStep } from "../attempt.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";

const EC2 = "ec2.amazonaws.com";
const EMR = "elasticmapreduce.amazonaws.com";
const METHOD = "iam:PassRole + elasticmapreduce:RunJobFlow";

const pass = (role: Role, service: string): PlannedStep => ({ action: "iam:PassRole", resource: role.arn, pinned: { "iam:PassedToService": service } });

/** The roles of `account` that `service` may take on (their trust names it and allows it). */
function assumableBy(g: GraphContext, service: string, account: string): Role[] {
  const caller = callerOf({ kind: "service", service, written: service }, g.world.env, undefined);
  return g.trust.rolesForService(service, account).filter((role) => g.ask({ callerKey: `service:${service}`, caller, action: "sts:AssumeRole", resource: role.arn }).allowed);
}

export const passRoleEmr: EdgeChecker = {
  id: "passrole-emr",
  attempts(from: GraphNode, g: GraphContext): Attempt[] {
    const account = from.accountId;
    if (account === undefined || !from.entity) return [];
    if (g.trust.rolesForService(EC2, account).length === 0 || g.trust.rolesForService(EMR, account).length === 0) return [];
    const serviceRoles = assumableBy(g, EMR, account);
    if (serviceRoles.length === 0) return [];
    // RunJobFlow takes no resource (service authorization reference): the request is on "*".
    const run: PlannedStep = { action: "elasticmapreduce:RunJobFlow", resource: resourceFor("elasticmapreduce:RunJobFlow", account) };
    const out: Attempt[] = [];
    for (const role of assumableBy(g, EC2, account)) {
      if (from.entity === role) continue;
      const to = g.node({ kind: "role-session", role, written: role.arn });
      const best = firstOf(serviceRoles.map((serviceRole) => () => attempt(g, from, to, METHOD, [pass(role, EC2), pass(serviceRole, EMR), run])));
      if (best) out.push(best);
    }
    return out;
  },
};
