/**
 * ec2-instance-connect:SendSSHPublicKey on an EC2 instance that runs with an instance profile: the
 * caller's key is accepted for 60 seconds for an OS user it names, it logs in over SSH, and the
 * role's credentials are on the instance (ec2-instance-connect/latest/APIReference/API_SendSSHPublicKey.html,
 * AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html). The request is authorized on the instance;
 * `ec2:osuser` (the OS user) is the caller's choice and left free
 * (service-authorization/latest/reference/list_amazonec2instanceconnect.html).
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

export const ec2InstanceConnect = runsAsChecker("ec2-instance-connect", {
  kind: RUNS_AS_KINDS.instance,
  variants: [[{ action: "ec2-instance-connect:SendSSHPublicKey", resource: same }]],
});
