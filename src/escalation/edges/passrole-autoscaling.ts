/**
 * iam:PassRole + EC2 Auto Scaling: a launch configuration or launch template whose instance profile
 * holds the role, used by an Auto Scaling group the caller creates; its instances run the caller's
 * user data with the role (autoscaling/ec2/userguide/us-iam-role.html,
 * autoscaling/ec2/userguide/ec2-auto-scaling-launch-template-permissions.html).
 */
import { launchChecker } from "./service-launch.js";

export const passRoleAutoScaling = launchChecker("passrole-autoscaling", {
  service: "ec2.amazonaws.com",
  variants: [
    [{ action: "autoscaling:CreateLaunchConfiguration" }, { action: "autoscaling:CreateAutoScalingGroup" }],
    [{ action: "ec2:CreateLaunchTemplate" }, { action: "autoscaling:CreateAutoScalingGroup" }],
  ],
});
