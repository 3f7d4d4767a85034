/**
 * The parts of a Terraform JSON plan the importer reads must have the shape `terraform show -json`
 * writes (developer.hashicorp.com/terraform/internals/json-format): a module's `resources` and
 * `child_modules` and the plan's `resource_changes` are lists of objects, each resource with an
 * `address` and a `type`. A part of another shape would be skipped by the walk, and a policy it holds
 * never read (contract section 3: "never dropped"), so it is an error at its position.
 */
import { inputError, type InputError } from "../../load/errors.js";
import type { LNode } from "../../load/located.js";
import { get, str } from "../lnode.js";

const HINT = "this is not `terraform show -json PLANFILE` output as Terraform writes it: write the plan again";

export function planShapeErrors(root: LNode): InputError[] {
  const errors: InputError[] = [];
  const list = (node: LNode | undefined, where: string): readonly LNode[] => {
    if (node === undefined) return [];
    if (node.kind !== "seq") {
      errors.push(inputError("schema", node.pos, `${where}: expected a list`, HINT));
      return [];
    }
    return node.items;
  };
  const resource = (r: LNode, where: string, addressed: (r: LNode) => LNode | undefined) => {
    if (r.kind !== "map") errors.push(inputError("schema", r.pos, `${where}: expected an object`, HINT));
    else if (!str(get(addressed(r), "address")) || !str(get(addressed(r), "type"))) {
      errors.push(inputError("schema", r.pos, `${where}: a resource without its address or type`, HINT));
    }
  };
  const moduleAt = (mod: LNode | undefined, where: string) => {
    if (mod === undefined) return;
    if (mod.kind !== "map") {
      errors.push(inputError("schema", mod.pos, `${where}: expected an object`, HINT));
      return;
    }
    list(get(mod, "resources"), `${where}.resources`).forEach((r, i) => resource(r, `${where}.resources[${i}]`, (x) => x));
    list(get(mod, "child_modules"), `${where}.child_modules`).forEach((c, i) => moduleAt(c, `${where}.child_modules[${i}]`));
  };
  for (const [values, where] of [
    [get(root, "planned_values"), "planned_values"],
    [get(get(root, "prior_state"), "values"), "prior_state.values"],
  ] as const) {
    if (values === undefined) continue;
    if (values.kind !== "map") errors.push(inputError("schema", values.pos, `${where}: expected an object`, HINT));
    else moduleAt(get(values, "root_module"), `${where}.root_module`);
  }
  list(get(root, "resource_changes"), "resource_changes").forEach((rc, i) => resource(rc, `resource_changes[${i}]`, (x) => x));
  return errors;
}
