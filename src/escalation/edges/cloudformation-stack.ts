/**
 * cloudformation:UpdateStack, or CreateChangeSet + ExecuteChangeSet, on an existing stack that has a
 * service role: the caller's new template runs with the stack's role, and no iam:PassRole is asked.
 * AWSCloudFormation/latest/APIReference/API_UpdateStack.html and API_CreateChangeSet.html, RoleARN:
 * "CloudFormation uses this role for all future operations on the stack. Provided that users have
 * permission to operate on the stack, CloudFormation uses this role even if the users don't have
 * permission to pass it ... If you don't specify a value, CloudFormation uses the role that was
 * previously associated with the stack" (AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html).
 * The request names no role, so `cloudformation:RoleArn` is absent (service authorization reference:
 * the key is the RoleARN of the request). ExecuteChangeSet takes no RoleARN.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

const noRole = () => ({ "cloudformation:RoleArn": null });

export const cloudFormationStack = runsAsChecker("cloudformation-stack", {
  kind: RUNS_AS_KINDS.stack,
  variants: [
    [{ action: "cloudformation:UpdateStack", resource: same, pinned: noRole }],
    [
      { action: "cloudformation:CreateChangeSet", resource: same, pinned: noRole },
      { action: "cloudformation:ExecuteChangeSet", resource: same },
    ],
  ],
});
