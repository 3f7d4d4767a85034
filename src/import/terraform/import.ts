/** A Terraform plan (`terraform show -json PLANFILE`) -> an environment fragment for its account. */
import { inputError, pathFrom, type InputError } from "../../load/errors.js";
import type { LNode } from "../../load/located.js";
import { fragmentToNode, newFragment } from "../fragment.js";
import { get } from "../lnode.js";
import type { ImportResult, OrgPolicyAttachment } from "../types.js";
import type { UnknownValue } from "../unknown.js";
import { indexPlan } from "./plan.js";
import { planShapeErrors } from "./shape.js";
import { mapPlanResource, type TfContext } from "./resources.js";

export function importTerraformPlan(root: LNode, file: string, account: string, region?: string): ImportResult {
  const errors: InputError[] = [];
  const unknowns: UnknownValue[] = [];
  const orgPolicies: OrgPolicyAttachment[] = [];
  const warnings: InputError[] = [];
  if (!get(root, "format_version") || (!get(root, "planned_values") && !get(root, "resource_changes"))) {
    errors.push(inputError("schema", root.pos, `${pathFrom(root.pos, file)} is not a Terraform plan in JSON`, "write it with `terraform show -json PLANFILE > plan.json` (not the binary plan file, not the state)"));
    return { orgPolicies, errors, warnings: [], unknowns, file };
  }
  const shape = planShapeErrors(root);
  if (shape.length > 0) return { orgPolicies, errors: shape, warnings: [], unknowns, file };
  const index = indexPlan(root);
  const r = region ?? index.region ?? "us-east-1";
  const partition = r.startsWith("cn-") ? "aws-cn" : r.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  const ctx: TfContext = { index, account, region: r, partition, fragment: newFragment(account, root.pos, partition), orgPolicies, orgPolicyById: new Map(), errors, warnings, unknowns };
  for (const res of index.resources.values()) mapPlanResource(ctx, res, false);
  for (const res of index.resources.values()) mapPlanResource(ctx, res, true);
  return { fragment: fragmentToNode(ctx.fragment), orgPolicies, errors, warnings, unknowns, file, definitions: ctx.fragment.definitions, assembled: [...ctx.fragment.statements.keys()], roleRefs: ctx.fragment.roleRefs };
}
