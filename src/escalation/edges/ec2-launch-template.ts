/**
 * A new version of a launch template that an Auto Scaling group (or an EC2 Fleet) launches from: the
 * caller writes a version with its own user data and an instance profile of its choice
 * (ec2:CreateLaunchTemplateVersion), makes it the default (ec2:ModifyLaunchTemplate, for a group that
 * launches `$Default`; one that launches `$Latest` takes it without), and the next instances the group
 * launches run that user data with the profile's role (autoscaling/ec2/userguide/us-iam-role.html,
 * AWSEC2/latest/UserGuide/instancedata-add-user-data.html). pathfinding.cloud ec2-005.
 *
 * No iam:PassRole is asked of the caller, and the profile is any of the account's: "You can't use
 * resource-level permissions to restrict the resources that users can specify in a launch template
 * when they create a launch template or launch template version"
 * (AWSEC2/latest/UserGuide/permissions-for-launch-templates.html); iam:PassRole and ec2:RunInstances
 * "are checked when an Auto Scaling group is created or updated using a launch template"
 * (autoscaling/ec2/userguide/ec2-auto-scaling-launch-template-permissions.html), and the group then
 * launches with its service-linked role, whose AutoScalingServiceRolePolicy passes any role to
 * ec2.amazonaws.com. So every role of the template's account that EC2 can take on is reached (an
 * instance profile holding it taken to exist, as for passrole-ec2.ts), the template's own role among them.
 *
 * The environment lists the template with `role:`; which version the group launches, and that it
 * launches again (a scale-out, a replaced instance), are not recorded: `$Latest` is taken as possible.
 */
import { callerOf } from "../../compile/caller.js";
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { attempt, firstOf } from "../attempt.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";
import { runningAs } from "./runs-as.js";

const EC2 = "ec2.amazonaws.com";
const VARIANTS = [["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"], ["ec2:CreateLaunchTemplateVersion"]];

export const ec2LaunchTemplate: EdgeChecker = {
  id: "ec2-launch-template",
  attempts(from: GraphNode, g: GraphContext): Attempt[] {
    if (!from.entity) return [];
    const templates = runningAs(g.world.env).filter((x) => RUNS_AS_KINDS.launchTemplate.arn.test(x.resource.arn)).map((x) => x.resource);
    if (templates.length === 0) return [];
    const service = callerOf({ kind: "service", service: EC2, written: EC2 }, g.world.env, undefined);
    const out: Attempt[] = [];
    for (const account of new Set(templates.map((t) => t.accountId))) {
      if (account === undefined) continue;
      const inAccount = templates.filter((t) => t.accountId === account);
      for (const role of g.trust.rolesForService(EC2, account)) {
        if (role === from.entity) continue;
        if (!g.ask({ callerKey: `service:${EC2}`, caller: service, action: "sts:AssumeRole", resource: role.arn }).allowed) continue;
        const to = g.node({ kind: "role-session", role, written: role.arn });
        const best = firstOf(
          VARIANTS.flatMap((actions) => inAccount.map((t) => () => attempt(g, from, to, actions.join(" + "), actions.map((action) => ({ action, resource: t.arn }))))),
        );
        if (best) out.push(best);
      }
    }
    return out;
  },
};
