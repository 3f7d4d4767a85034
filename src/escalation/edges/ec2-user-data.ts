/**
 * New user data on an EC2 instance that runs with an instance profile: the caller stops the instance,
 * replaces its `userData` attribute with ec2:ModifyInstanceAttribute (some attributes, user data among
 * them, can be changed only while the instance is stopped: AWSEC2/latest/APIReference/API_ModifyInstanceAttribute.html,
 * AWSEC2/latest/UserGuide/instancedata-add-user-data.html),
 * and starts it again; the script runs on the instance, where the role's credentials are
 * (AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html). Updated user data is not run on a restart by
 * default, but the user data itself can ask to be run on every start
 * (AWSEC2/latest/UserGuide/instancedata-add-user-data.html: "you can configure settings so that
 * updated user data scripts are run one time when you start the instance or every time"). An instance
 * that is already stopped needs no ec2:StopInstances., so the caller who writes it decides. No iam:PassRole: the instance
 * profile stays. All three calls are authorized on the instance (service authorization reference for
 * Amazon EC2, the `instance` resource type); `ec2:Attribute` and `ec2:Attribute/${AttributeName}` are
 * left free, as the request's other open keys are.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

export const ec2UserData = runsAsChecker("ec2-user-data", {
  kind: RUNS_AS_KINDS.instance,
  variants: [
    [
      { action: "ec2:StopInstances", resource: same },
      { action: "ec2:ModifyInstanceAttribute", resource: same },
      { action: "ec2:StartInstances", resource: same },
    ],
    // The environment does not record whether the instance runs: one that is already stopped needs
    // no ec2:StopInstances (docs/escalation.md, what the methods take as possible).
    [
      { action: "ec2:ModifyInstanceAttribute", resource: same },
      { action: "ec2:StartInstances", resource: same },
    ],
  ],
});
