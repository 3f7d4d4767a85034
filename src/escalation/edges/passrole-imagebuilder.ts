/**
 * iam:PassRole + EC2 Image Builder: the caller writes a build component of its own (its shell
 * commands: imagebuilder:CreateComponent), puts it in an image recipe (imagebuilder:CreateImageRecipe),
 * makes an infrastructure configuration naming an instance profile of the role
 * (imagebuilder:CreateInfrastructureConfiguration, instanceProfileName: "The instance profile to
 * associate with the instance used to customize your Amazon EC2 AMI") and builds an image
 * (imagebuilder:CreateImage): the build instance runs the component's commands and holds the role
 * through its instance profile (imagebuilder/latest/userguide/manage-infra-config.html;
 * AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html). The role is passed to EC2: the
 * AWSImageBuilderFullAccess managed policy allows iam:PassRole with iam:PassedToService
 * ec2.amazonaws.com, and the role trusts ec2.amazonaws.com. An instance profile holding the role is
 * taken to exist, as for ec2:RunInstances. pathfinding.cloud imagebuilder-001.
 */
import { launchChecker } from "./service-launch.js";

export const passRoleImageBuilder = launchChecker("passrole-imagebuilder", {
  service: "ec2.amazonaws.com",
  variants: [[
    { action: "imagebuilder:CreateComponent" },
    { action: "imagebuilder:CreateImageRecipe" },
    { action: "imagebuilder:CreateInfrastructureConfiguration" },
    { action: "imagebuilder:CreateImage" },
  ]],
});
