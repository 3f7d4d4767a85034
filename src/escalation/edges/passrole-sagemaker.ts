/**
 * iam:PassRole + SageMaker: a notebook instance the caller opens (a Jupyter terminal runs as the role),
 * or a training or processing job running the caller's container (sagemaker/latest/dg/sagemaker-roles.html).
 */
import { launchChecker } from "./service-launch.js";

export const passRoleSageMaker = launchChecker("passrole-sagemaker", {
  service: "sagemaker.amazonaws.com",
  variants: [
    [{ action: "sagemaker:CreateNotebookInstance" }, { action: "sagemaker:CreatePresignedNotebookInstanceUrl" }],
    [{ action: "sagemaker:CreateTrainingJob" }],
    [{ action: "sagemaker:CreateProcessingJob" }],
  ],
});
