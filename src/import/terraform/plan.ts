/**
 * Indexes a `terraform show -json PLANFILE` document (terraform/internals/json-format): every resource
 * instance that will exist after apply, with its planned values, which of them are known only after
 * apply (`after_unknown`), and its configuration expressions (for `references` between resources).
 * Sources, most precise first: resource_changes[].change.after/after_unknown, planned_values (root
 * module and child modules, recursively), prior_state (data sources read during planning).
 */
import type { LNode } from "../../load/located.js";
import type { SourcePos } from "../../model/types.js";
import { entriesOf, get, items, str } from "../lnode.js";

export interface PlanResource {
  /** Full instance address: module.app.aws_iam_role.this["a"] */
  readonly address: string;
  /** module.app (empty for the root module). */
  readonly moduleAddress: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** count/for_each key, if any. */
  readonly index?: string | number;
  /** Planned values; attributes known only after apply are absent or null here. */
  readonly values: LNode;
  /** `after_unknown`: true (or a structure with true leaves) where a value is known only after apply. */
  readonly unknown?: LNode;
  /** The resource's configuration block (expressions), if found. */
  readonly config?: LNode;
  readonly pos: SourcePos;
}

export interface PlanIndex {
  readonly resources: Map<string, PlanResource>;
  /** Configuration per module address: its `resources` by config address, and module_calls. */
  readonly modules: Map<string, LNode>;
  /** Region of the default aws provider, when written as a constant. */
  readonly region?: string;
}

/** Strip the instance key: module.a["x"].aws_iam_role.r[0] -> module.a.aws_iam_role.r (config address). */
export function configAddress(address: string): string {
  return address.replace(/\[[^\]]*\]/g, "");
}

export function indexPlan(root: LNode): PlanIndex {
  const resources = new Map<string, PlanResource>();
  const modules = new Map<string, LNode>();
  const configs = new Map<string, LNode>();
  const walkConfig = (mod: LNode | undefined, prefix: string) => {
    if (!mod) return;
    modules.set(prefix, mod);
    for (const r of items(get(mod, "resources"))) {
      const a = str(get(r, "address"));
      if (a) configs.set(prefix ? `${prefix}.${a}` : a, r);
    }
    for (const call of entriesOf(get(mod, "module_calls"))) walkConfig(get(call.value, "module"), `${prefix ? `${prefix}.` : ""}module.${call.key}`);
  };
  walkConfig(get(get(root, "configuration"), "root_module"), "");

  const add = (node: LNode, values: LNode | undefined, unknown: LNode | undefined, modAddr: string | undefined) => {
    const address = str(get(node, "address"));
    const type = str(get(node, "type"));
    if (!address || !type || !values || values.kind !== "map") return;
    const mode = str(get(node, "mode")) === "data" ? "data" : "managed";
    const idx = get(node, "index");
    const moduleAddress = modAddr ?? str(get(node, "module_address")) ?? moduleOf(address);
    resources.set(address, {
      address,
      moduleAddress,
      mode,
      type,
      name: str(get(node, "name")) ?? "",
      ...(idx?.kind === "scalar" && (typeof idx.value === "string" || typeof idx.value === "number") ? { index: idx.value } : {}),
      values,
      ...(unknown ? { unknown } : {}),
      ...(configs.get(configAddress(address)) ? { config: configs.get(configAddress(address)) } : {}),
      pos: node.pos,
    });
  };
  const walkValues = (mod: LNode | undefined) => {
    if (!mod) return;
    for (const r of items(get(mod, "resources"))) {
      const a = str(get(r, "address"));
      if (a && !resources.has(a)) add(r, get(r, "values"), undefined, undefined);
    }
    for (const c of items(get(mod, "child_modules"))) walkValues(c);
  };
  const deleted = new Set<string>();
  for (const rc of items(get(root, "resource_changes"))) {
    const change = get(rc, "change");
    const actions = items(get(change, "actions")).map(str);
    const address = str(get(rc, "address"));
    if (actions.length === 1 && actions[0] === "delete") {
      if (address) deleted.add(address);
      continue;
    }
    add(rc, get(change, "after"), get(change, "after_unknown"), undefined);
  }
  walkValues(get(get(root, "planned_values"), "root_module"));
  walkValues(get(get(get(root, "prior_state"), "values"), "root_module"));
  for (const a of deleted) resources.delete(a);

  const providers = get(get(root, "configuration"), "provider_config");
  const region = str(get(get(get(get(providers, "aws"), "expressions"), "region"), "constant_value"));
  return { resources, modules, ...(region ? { region } : {}) };
}

function moduleOf(address: string): string {
  const parts = address.split(".");
  const out: string[] = [];
  for (let i = 0; i + 1 < parts.length && parts[i] === "module"; i += 2) out.push(`module.${parts[i + 1]}`);
  return out.join(".");
}

/** True when the attribute is known only after apply. */
export function isUnknown(r: PlanResource, attr: string): boolean {
  const u = get(r.unknown, attr);
  if (!u) return false;
  if (u.kind === "scalar") return u.value === true;
  return containsTrue(u);
}

function containsTrue(n: LNode): boolean {
  if (n.kind === "scalar") return n.value === true;
  if (n.kind === "seq") return n.items.some(containsTrue);
  return [...n.entries.values()].some((e) => containsTrue(e.value));
}
