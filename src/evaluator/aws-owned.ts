/**
 * Resources AWS owns inside a customer's account, which AWS refuses to change whatever the policies
 * say. These are refusals of the request itself (UnmodifiableEntity, a reserved name), not policy
 * decisions, so no statement is involved: the answer is an implicit deny with the reason.
 *
 * - Service-linked roles (path /aws-service-role/): "service-linked roles are protected AWS resources.
 *   Only the service that depends on the service-linked role can modify or delete the role on your
 *   behalf" (IAM/latest/APIReference, UnmodifiableEntity of PutRolePolicy, AttachRolePolicy,
 *   DetachRolePolicy, DeleteRolePolicy, UpdateAssumeRolePolicy, DeleteRole,
 *   DeleteRolePermissionsBoundary); "You cannot set the boundary for a service-linked role"
 *   (API_PutRolePermissionsBoundary.html, API_DeleteRolePermissionsBoundary.html). Left allowed, as
 *   the docs allow it: "You can edit the description of any role" (id_roles_update-service-linked-role.html:
 *   UpdateRole, UpdateRoleDescription), and tagging, on which the docs are silent.
 * - Roles under /aws-reserved/ (IAM Identity Center permission-set roles, AWSReservedSSO_*):
 *   "Cannot perform the operation on the protected role ... this role is only modifiable by AWS"
 *   (repost.aws/knowledge-center/identity-center-aws-reserved-sso, which points to the IAM troubleshooting
 *   entry "I get a 'Cannot perform the operation on the protected role' error when modifying an IAM role";
 *   singlesignon/latest/userguide/referencingpermissionsets.html for the role/aws-reserved/ path).
 *   Identity Center changes them through its own service-linked role, which is not refused.
 * - AWS managed policies (arn:aws:iam::aws:policy/...): "You cannot change the permissions defined in
 *   AWS managed policies" (IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies):
 *   new, default or deleted versions, deleting the policy, and its tags.
 * - KMS aliases under alias/aws/: "The alias/aws/ prefix is reserved for AWS managed key"
 *   (kms/latest/developerguide/alias-create.html); "You cannot manage aliases for AWS managed keys"
 *   (alias-delete.html).
 */

const ROLE_WRITES = new Set([
  "putrolepolicy",
  "deleterolepolicy",
  "attachrolepolicy",
  "detachrolepolicy",
  "updateassumerolepolicy",
  "deleterole",
  "putrolepermissionsboundary",
  "deleterolepermissionsboundary",
]);

/** Identity Center's roles: every change, the description and settings included. */
const RESERVED_ROLE_WRITES = new Set([...ROLE_WRITES, "updaterole", "updateroledescription", "tagrole", "untagrole"]);

const MANAGED_POLICY_WRITES = new Set([
  "createpolicyversion",
  "deletepolicyversion",
  "setdefaultpolicyversion",
  "deletepolicy",
  "tagpolicy",
  "untagpolicy",
]);

const ALIAS_WRITES = new Set(["createalias", "updatealias", "deletealias"]);

/**
 * Why AWS refuses the request whatever the policies say, or undefined. `service` and `name` are the
 * lower-cased action; `callerIsAws`: a service principal or a service-linked role acts (AWS itself).
 */
export function awsOwnedRefusal(service: string, name: string, resource: string, callerIsAws: boolean): string | undefined {
  if (service === "iam") {
    if (ROLE_WRITES.has(name) && /^arn:[^:]+:iam::\d{12}:role\/aws-service-role\//.test(resource)) {
      return callerIsAws ? undefined : `iam:${actionName(name)} on a service-linked role is refused: only its service can change it`;
    }
    if (RESERVED_ROLE_WRITES.has(name) && /^arn:[^:]+:iam::\d{12}:role\/aws-reserved\//.test(resource)) {
      return callerIsAws ? undefined : `iam:${actionName(name)} on a role under /aws-reserved/ is refused: the role is only modifiable by AWS`;
    }
    if (MANAGED_POLICY_WRITES.has(name) && /^arn:[^:]+:iam::aws:policy\//.test(resource)) {
      return `iam:${actionName(name)} on an AWS managed policy is refused: AWS managed policies cannot be changed`;
    }
  }
  if (service === "kms" && ALIAS_WRITES.has(name) && /^arn:[^:]+:kms:[^:]*:\d{12}:alias\/aws\//.test(resource)) {
    return `kms:${actionName(name)} on an alias under alias/aws/ is refused: the prefix is reserved for AWS managed keys`;
  }
  return undefined;
}

const NAMES: Record<string, string> = Object.fromEntries(
  [
    "PutRolePolicy",
    "DeleteRolePolicy",
    "AttachRolePolicy",
    "DetachRolePolicy",
    "UpdateAssumeRolePolicy",
    "DeleteRole",
    "PutRolePermissionsBoundary",
    "DeleteRolePermissionsBoundary",
    "UpdateRole",
    "UpdateRoleDescription",
    "TagRole",
    "UntagRole",
    "CreatePolicyVersion",
    "DeletePolicyVersion",
    "SetDefaultPolicyVersion",
    "DeletePolicy",
    "TagPolicy",
    "UntagPolicy",
    "CreateAlias",
    "UpdateAlias",
    "DeleteAlias",
  ].map((n) => [n.toLowerCase(), n]),
);

function actionName(lower: string): string {
  return NAMES[lower] ?? lower;
}
