/**
 * Building the located tree of the resources the SAM transform generates: plain JSON, with nodes of the
 * template kept where they are embedded (a policy template's parameter value, a function's Tags), so an
 * error about them points at the template's own text. Every generated node is positioned at the SAM
 * resource, property or event it comes from.
 */
import type { LNode } from "../../../load/located.js";
import type { SourcePos } from "../../../model/types.js";
import { lmap, lscalar, lseq } from "../../lnode.js";

const KEPT = Symbol("kept");

export interface Kept {
  readonly [KEPT]: LNode;
}

export type Tree = string | number | boolean | null | Kept | readonly Tree[] | { readonly [key: string]: Tree | undefined };

/** A node of the template, embedded as it is. */
export function keep(node: LNode): Kept {
  return { [KEPT]: node };
}

/** `value` as a located tree at `pos`; keys whose value is undefined are left out. */
export function tree(value: Tree, pos: SourcePos): LNode {
  if (value !== null && typeof value === "object" && KEPT in value) return value[KEPT];
  if (Array.isArray(value)) return lseq(value.map((v: Tree) => tree(v, pos)), pos);
  if (value !== null && typeof value === "object") {
    return lmap(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, tree(v as Tree, pos)] as const])), pos);
  }
  return lscalar(value as string | number | boolean | null, pos);
}

/** The intrinsics the transform writes. */
export const ref = (id: string): Tree => ({ Ref: id });
export const arnOf = (id: string): Tree => ({ "Fn::GetAtt": [id, "Arn"] });
export const sub = (text: string, vars?: Record<string, Tree>): Tree => ({ "Fn::Sub": vars ? [text, vars] : text });

/** `arn:${AWS::Partition}:iam::aws:policy/PATH/NAME`: an AWS managed policy in the stack's partition. */
export const awsManaged = (pathAndName: string): Tree => sub(`arn:\${AWS::Partition}:iam::aws:policy/${pathAndName}`);

/** A trust policy letting `service` assume the role (what SAM writes for the roles it generates). */
export function serviceTrust(service: string): Tree {
  return { Version: "2012-10-17", Statement: [{ Action: ["sts:AssumeRole"], Effect: "Allow", Principal: { Service: [service] } }] };
}

/** An inline policy entry of a role: `{ PolicyName, PolicyDocument: { Statement } }`. */
export function inlinePolicy(name: string, statements: Tree[]): Tree {
  return { PolicyName: name, PolicyDocument: { Statement: statements } };
}
