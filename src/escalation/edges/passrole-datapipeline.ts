/**
 * iam:PassRole + Data Pipeline: a pipeline whose definition runs the caller's commands with the role
 * (datapipeline/latest/DeveloperGuide/dp-iam-roles.html).
 */
import { launchChecker } from "./service-launch.js";

export const passRoleDataPipeline = launchChecker("passrole-datapipeline", {
  service: "datapipeline.amazonaws.com",
  variants: [[{ action: "datapipeline:CreatePipeline" }, { action: "datapipeline:PutPipelineDefinition" }, { action: "datapipeline:ActivatePipeline" }]],
});
