/**
 * A new version of a launch template that an Auto Scaling group (or an EC2 Fleet) launches from: the
 * caller writes a version with its own user data and the template's instance profile
 * (ec2:CreateLaunchTemplateVersion), makes it the default (ec2:ModifyLaunchTemplate, for a group that
 * launches `$Default`; one that launches `$Latest` takes it without), and the next instances the group
 * launches run that user data with the profile's role (autoscaling/ec2/userguide/us-iam-role.html,
 * AWSEC2/latest/UserGuide/instancedata-add-user-data.html). No iam:PassRole is asked of the caller:
 * "You can't use resource-level permissions to restrict the resources that users can specify in a
 * launch template when they create a launch template or launch template version"
 * (AWSEC2/latest/UserGuide/permissions-for-launch-templates.html), and the group launches with its own
 * service-linked role (iam:PassRole is checked when a group is created or updated with the template:
 * autoscaling/ec2/userguide/ec2-auto-scaling-api-permissions.html). pathfinding.cloud ec2-005.
 *
 * The environment lists the template with `role:`; which version the group launches, and that it
 * launches again (a scale-out, a replaced instance), are not recorded: `$Latest` is taken as possible.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

export const ec2LaunchTemplate = runsAsChecker("ec2-launch-template", {
  kind: RUNS_AS_KINDS.launchTemplate,
  variants: [
    [{ action: "ec2:CreateLaunchTemplateVersion", resource: same }, { action: "ec2:ModifyLaunchTemplate", resource: same }],
    [{ action: "ec2:CreateLaunchTemplateVersion", resource: same }],
  ],
});
