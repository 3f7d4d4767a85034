/**
 * ssm:SendCommand or ssm:StartSession on an EC2 instance that runs with an instance profile: the
 * commands run on the instance, where the role's credentials are (AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html).
 * Each request is authorized on the instance and on the document it runs
 * (service-authorization/latest/reference/list_awssystemsmanager.html: SendCommand takes the
 * `instance` and `document` resource types; systems-manager/latest/userguide/getting-started-default-session-document.html:
 * StartSession with the default session document SSM-SessionManagerRunShell, a document of the account).
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

const region = (arn: string) => arn.split(":")[3]!;
const account = (arn: string) => arn.split(":")[4]!;

export const ssmInstance = runsAsChecker("ssm-instance", {
  kind: RUNS_AS_KINDS.instance,
  variants: [
    [
      { action: "ssm:SendCommand", resource: same },
      { action: "ssm:SendCommand", resource: (arn) => `arn:${arn.split(":")[1]}:ssm:${region(arn)}::document/AWS-RunShellScript` },
    ],
    [
      { action: "ssm:StartSession", resource: same },
      { action: "ssm:StartSession", resource: (arn) => `arn:${arn.split(":")[1]}:ssm:${region(arn)}:${account(arn)}:document/SSM-SessionManagerRunShell` },
    ],
  ],
});
