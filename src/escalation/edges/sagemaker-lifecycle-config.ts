/**
 * A lifecycle configuration of the caller's on a notebook instance that runs as a role: the caller
 * creates a configuration whose OnStart script it writes (sagemaker:CreateNotebookInstanceLifecycleConfig:
 * sagemaker/latest/APIReference/API_CreateNotebookInstanceLifecycleConfig.html), stops the instance,
 * attaches the configuration (sagemaker:UpdateNotebookInstance, LifecycleConfigName: the instance must
 * be stopped, sagemaker/latest/APIReference/API_UpdateNotebookInstance.html) and starts it again; the
 * script runs on the instance with its execution role's credentials (sagemaker/latest/dg/notebook-lifecycle-config.html,
 * sagemaker/latest/dg/sagemaker-roles.html). An instance that is already stopped needs no
 * sagemaker:StopNotebookInstance. The update carries the configuration's ARN in
 * `sagemaker:NotebookInstanceLifecycleConfigArns` (service authorization reference for SageMaker),
 * pinned. No iam:PassRole: the role is the instance's.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same, type RunsAsCall } from "./runs-as.js";

/** The configuration NAME, in the notebook instance's account and region. */
const config = (notebook: string, name: string) => `${notebook.split(":").slice(0, 5).join(":")}:notebook-instance-lifecycle-config/${name}`;

const create: RunsAsCall = { action: "sagemaker:CreateNotebookInstanceLifecycleConfig", resource: config };
const update: RunsAsCall = { action: "sagemaker:UpdateNotebookInstance", resource: same, pinned: (nb, name) => ({ "sagemaker:NotebookInstanceLifecycleConfigArns": [config(nb, name)] }) };
const stop: RunsAsCall = { action: "sagemaker:StopNotebookInstance", resource: same };
const start: RunsAsCall = { action: "sagemaker:StartNotebookInstance", resource: same };

export const sageMakerLifecycleConfig = runsAsChecker("sagemaker-lifecycle-config", {
  kind: RUNS_AS_KINDS.notebook,
  names: "sagemaker",
  variants: [
    [create, stop, update, start],
    [create, update, start],
  ],
});
