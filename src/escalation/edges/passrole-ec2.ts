/**
 * iam:PassRole + EC2: launch an instance (user data the caller writes runs with the instance profile's
 * role), or give an existing instance a profile holding the role
 * (AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html#permission-to-pass-iam-roles,
 * IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html). An instance profile holding
 * the role is taken to exist (the console creates one named after the role), or is filled with
 * iam:AddRoleToInstanceProfile.
 */
import { launchChecker } from "./service-launch.js";

export const passRoleEc2 = launchChecker("passrole-ec2", {
  service: "ec2.amazonaws.com",
  variants: [
    [{ action: "ec2:RunInstances", resourceType: "instance" }],
    // A Spot Instance request launches instances with the request's LaunchSpecification: its
    // IamInstanceProfile and UserData (AWSEC2/latest/APIReference/API_RequestSpotLaunchSpecification.html).
    [{ action: "ec2:RequestSpotInstances", resourceType: "spot-instances-request" }],
    [{ action: "iam:AddRoleToInstanceProfile" }, { action: "ec2:RunInstances", resourceType: "instance" }],
    [{ action: "ec2:AssociateIamInstanceProfile", resourceType: "instance" }],
    [{ action: "ec2:ReplaceIamInstanceProfileAssociation", resourceType: "instance" }],
  ],
});
