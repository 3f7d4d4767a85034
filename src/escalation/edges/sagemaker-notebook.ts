/**
 * sagemaker:CreatePresignedNotebookInstanceUrl on an existing notebook instance: the URL opens the
 * instance's Jupyter server, whose terminals and kernels run with the instance's execution role
 * (sagemaker/latest/APIReference/API_CreatePresignedNotebookInstanceUrl.html: "The IAM role or user
 * used to call this API defines the permissions to access the notebook instance. Once the presigned
 * URL is created, no additional permission is required to access this URL";
 * sagemaker/latest/dg/sagemaker-roles.html). No iam:PassRole: the role is the instance's.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

export const sageMakerNotebook = runsAsChecker("sagemaker-notebook", {
  kind: RUNS_AS_KINDS.notebook,
  variants: [[{ action: "sagemaker:CreatePresignedNotebookInstanceUrl", resource: same }]],
});
