/**
 * Following `references` in a plan's configuration: when an attribute is known only after apply
 * (`role = aws_iam_role.app.id` while the role is being created), the configuration says which
 * resource it comes from; iam-spec then derives the value from that resource's planned values (a
 * role's name is planned even though its id is not). Module variables and outputs are followed
 * across module calls.
 */
import type { LNode } from "../../load/located.js";
import { get, items, str } from "../lnode.js";
import { configAddress, type PlanIndex, type PlanResource } from "./plan.js";

export interface RefTarget {
  readonly resources: readonly PlanResource[];
  /** The attribute referenced: "name", "arn", "json", ... ("" for the whole resource). */
  readonly attr: string;
}

/** The references of one argument of `r`'s configuration. */
export function referencesOf(r: PlanResource, attr: string): string[] {
  return items(get(get(get(r.config, "expressions"), attr), "references")).flatMap((n) => (str(n) !== undefined ? [str(n) as string] : []));
}

/** The resource(s) an argument of `r` refers to, with the attribute, if the configuration says. */
export function referenceTarget(index: PlanIndex, r: PlanResource, attr: string): RefTarget | undefined {
  return firstTarget(index, r.moduleAddress, referencesOf(r, attr), 0);
}

function firstTarget(index: PlanIndex, moduleAddress: string, refs: readonly string[], depth: number): RefTarget | undefined {
  if (depth > 16) return undefined;
  // Terraform lists the most specific reference first ("aws_iam_role.a.name", then "aws_iam_role.a").
  // Only a direct reference names the value: `jsonencode({...})` or "${a}-${b}" lists several resources.
  const bases = new Set(refs.map((r) => r.split(".").slice(0, r.startsWith("data.") ? 3 : 2).join(".")));
  if (bases.size !== 1) return undefined;
  for (const ref of refs) {
    const t = target(index, moduleAddress, ref, depth);
    if (t && t.resources.length > 0) return t;
  }
  return undefined;
}

function target(index: PlanIndex, moduleAddress: string, ref: string, depth: number): RefTarget | undefined {
  const parts = ref.replace(/\[[^\]]*\]/g, "").split(".");
  const prefix = moduleAddress ? `${moduleAddress}.` : "";
  if (parts[0] === "var" && parts[1] && moduleAddress) {
    const lastDot = moduleAddress.lastIndexOf("module.");
    const parent = moduleAddress.slice(0, Math.max(0, lastDot - 1));
    const callName = moduleAddress.slice(lastDot + "module.".length);
    const call = get(get(index.modules.get(parent), "module_calls"), callName);
    const refs = items(get(get(get(call, "expressions"), parts[1]), "references")).flatMap((n) => (str(n) ? [str(n) as string] : []));
    return firstTarget(index, parent, refs, depth + 1);
  }
  if (parts[0] === "module" && parts[1] && parts[2]) {
    const child = `${prefix}module.${parts[1]}`;
    const out = get(get(get(get(get(index.modules.get(moduleAddress), "module_calls"), parts[1]), "module"), "outputs"), parts[2]);
    const refs = items(get(get(out, "expression"), "references")).flatMap((n) => (str(n) ? [str(n) as string] : []));
    return firstTarget(index, child, refs, depth + 1);
  }
  if (["local", "each", "count", "path", "terraform", "self"].includes(parts[0] ?? "")) return undefined;
  const isData = parts[0] === "data";
  const base = isData ? parts.slice(0, 3) : parts.slice(0, 2);
  if (base.length < (isData ? 3 : 2)) return undefined;
  const wanted = `${prefix}${base.join(".")}`;
  const resources = [...index.resources.values()].filter((x) => configAddress(x.address) === wanted);
  return { resources, attr: parts.slice(base.length).join(".") };
}

/** Of several instances (count/for_each), the one with the same key as `from`; else the only one. */
export function pickInstance(resources: readonly PlanResource[], from: PlanResource): PlanResource | undefined {
  if (resources.length === 1) return resources[0];
  if (from.index === undefined) return undefined;
  return resources.find((r) => r.index === from.index);
}

export type { LNode };
