/**
 * A deployment of the caller's revision to a CodeDeploy deployment group whose EC2 or on-premises
 * instances run as a role: the revision's AppSpec hooks are scripts the CodeDeploy agent runs on each
 * instance (codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html), where the
 * instance profile's role is (codedeploy/latest/userguide/getting-started-create-iam-instance-profile.html).
 * codedeploy:CreateDeployment is authorized on the deployment group
 * (codedeploy/latest/userguide/auth-and-access-control-permissions-reference.html). No iam:PassRole: the
 * group's service role and its instances stay as they are.
 *
 * The environment lists the group with `role:` (the role of its instances, not its service role); that
 * the instances run the agent and can fetch the caller's revision is taken as possible.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

export const codeDeployDeployment = runsAsChecker("codedeploy-deployment", {
  kind: RUNS_AS_KINDS.deploymentGroup,
  variants: [[{ action: "codedeploy:CreateDeployment", resource: same }]],
});
