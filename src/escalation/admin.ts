/**
 * `admin` (contract section 2a): a principal whose effective permissions (identity policies, after its
 * permissions boundary, session policies, SCPs and RCPs) allow every action on every resource.
 * Checked on a fixed set of probes, one request per sensitive capability, each on a resource of the
 * principal's own account that has no resource policy; every probe must be allowed under some request
 * context (each asked of the step oracle, like any step). A guardrail that denies one action outside
 * the probes (organizations:LeaveOrganization, say) does not make an administrator less of one; a
 * boundary, an SCP or an explicit deny that takes away any probed capability does. Only users, role
 * sessions and root users of the environment's accounts can be admin: a principal from outside is
 * admin of nothing here.
 */
import type { GraphNode } from "./types.js";
import type { StepOracle } from "./step.js";

/** [action, resource ARN with ACCOUNT standing for the principal's account]. */
export const ADMIN_PROBES: readonly (readonly [string, string])[] = [
  ["iam:AttachRolePolicy", "arn:aws:iam::ACCOUNT:role/iam-spec-probe"],
  ["iam:PutUserPolicy", "arn:aws:iam::ACCOUNT:user/iam-spec-probe"],
  ["iam:CreateUser", "arn:aws:iam::ACCOUNT:user/iam-spec-probe"],
  ["iam:CreateAccessKey", "arn:aws:iam::ACCOUNT:user/iam-spec-probe"],
  ["iam:PassRole", "arn:aws:iam::ACCOUNT:role/iam-spec-probe"],
  ["iam:UpdateAssumeRolePolicy", "arn:aws:iam::ACCOUNT:role/iam-spec-probe"],
  ["s3:GetObject", "arn:aws:s3:::iam-spec-probe/object"],
  ["s3:PutBucketPolicy", "arn:aws:s3:::iam-spec-probe"],
  ["ec2:RunInstances", "arn:aws:ec2:us-east-1:ACCOUNT:instance/*"],
  ["lambda:CreateFunction", "arn:aws:lambda:us-east-1:ACCOUNT:function:iam-spec-probe"],
  ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:ACCOUNT:secret:iam-spec-probe"],
  ["dynamodb:Scan", "arn:aws:dynamodb:us-east-1:ACCOUNT:table/iam-spec-probe"],
];

export interface AdminAnswer {
  admin: boolean;
  /** The first probe that is not allowed (for a failing mayBecome admin). */
  failed?: { action: string; resource: string; decision: import("../types.js").Decision; context: Record<string, import("../types.js").ContextValue> };
}

export function adminCheck(node: GraphNode, ask: StepOracle, inEnvironment: (account: string) => boolean): AdminAnswer {
  const account = node.accountId;
  const eligible = account !== undefined && inEnvironment(account) && (node.entity !== undefined || node.principal.kind === "root");
  if (!eligible) return { admin: false };
  for (const [action, template] of ADMIN_PROBES) {
    const resource = template.replace("ACCOUNT", account);
    const a = ask({ callerKey: node.key, caller: node.caller, action, resource, resourceAccount: account });
    if (!a.allowed) return { admin: false, failed: { action, resource, decision: a.decision, context: a.context } };
  }
  return { admin: true };
}
