/**
 * iam:PassRole + a CloudFormation stack set with self-managed permissions: the caller creates a stack
 * set (cloudformation:CreateStackSet + CreateStackInstances) or updates one (cloudformation:UpdateStackSet)
 * with its own template, an administration role it passes (AdministrationRoleARN, a role CloudFormation
 * can take on) and the name of an execution role (ExecutionRoleName: AWSCloudFormation/latest/APIReference/API_UpdateStackSet.html,
 * API_CreateStackSet.html). CloudFormation takes the administration role on only to assume the
 * execution role in each target account, and the execution role creates the template's resources
 * (AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html). So the caller comes to act
 * as an execution role, not as the administration role: the last step is sts:AssumeRole by the
 * administration role on the execution role (its trust policy and the administration role's own
 * permissions decide it). Targets are roles of the caller's account (a stack set may target its own
 * account); the stack set that UpdateStackSet updates, and its instances there, are taken to exist.
 */
import { callerOf } from "../../compile/caller.js";
import { attempt, firstOf, namingsFor, resourceFor, type PlannedStep } from "../attempt.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";

const SERVICE = "cloudformation.amazonaws.com";
const VARIANTS = [["cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"], ["cloudformation:UpdateStackSet"]];

export const passRoleStackSet: EdgeChecker = {
  id: "passrole-stackset",
  attempts(from: GraphNode, g: GraphContext): Attempt[] {
    const account = from.accountId;
    if (account === undefined || !from.entity) return [];
    const admins = g.trust.rolesForService(SERVICE, account);
    if (admins.length === 0) return [];
    const service = callerOf({ kind: "service", service: SERVICE, written: SERVICE }, g.world.env, undefined);
    const namings = namingsFor(from.caller.policies.map((p) => p.document), "cloudformation");
    const out: Attempt[] = [];
    for (const admin of admins) {
      if (admin === from.entity) continue;
      if (!g.ask({ callerKey: `service:${SERVICE}`, caller: service, action: "sts:AssumeRole", resource: admin.arn }).allowed) continue;
      const adminNode = g.node({ kind: "role-session", role: admin, written: admin.arn });
      const pass: PlannedStep = { action: "iam:PassRole", resource: admin.arn, pinned: { "iam:PassedToService": SERVICE } };
      for (const exec of g.trust.rolesFor(adminNode.caller)) {
        if (exec === from.entity || exec === admin || exec.accountId !== account) continue;
        const to = g.node({ kind: "role-session", role: exec, written: exec.arn });
        const best = firstOf(
          VARIANTS.flatMap((calls) =>
            namings.map((naming) => () =>
              attempt(g, from, to, ["iam:PassRole", ...calls, "sts:AssumeRole"].join(" + "), [
                pass,
                ...calls.map((action) => ({ action, resource: resourceFor(action, account, undefined, naming) })),
                { action: "sts:AssumeRole", resource: exec.arn, by: adminNode },
              ]),
            ),
          ),
        );
        if (best) out.push(best);
      }
    }
    return out;
  },
};
