/**
 * What the intrinsic functions of one template can see: its parameters (given in the import entry, or
 * their Default), pseudo parameters, conditions, resources (for Ref and Fn::GetAtt) and the exports of
 * the other templates of the same environment (Fn::ImportValue).
 */
import type { InputError } from "../../load/errors.js";
import type { LNode } from "../../load/located.js";
import type { SourcePos } from "../../model/types.js";

export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  /** `Properties`, unresolved. */
  readonly properties: LNode | undefined;
  /** `Condition` name, if any. */
  readonly condition?: string;
  readonly pos: SourcePos;
}

export interface StackScope {
  readonly file: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly urlSuffix: string;
  readonly stackName: string;
  /** Parameter values: given ones first, else the template Default. */
  readonly parameters: ReadonlyMap<string, { readonly value?: LNode; readonly type: string; readonly pos: SourcePos }>;
  readonly conditions: ReadonlyMap<string, LNode>;
  readonly mappings: LNode | undefined;
  readonly resources: ReadonlyMap<string, TemplateResource>;
  /** Fn::ImportValue: the exported value, or an error message (no template exports it, a cycle). */
  readonly importValue: (name: string, pos: SourcePos) => LNode | string;
  readonly errors: InputError[];
  /** Condition results, memoised per stack (a condition may be used by many resources). */
  readonly conditionCache: Map<string, boolean | undefined>;
}

/** `AWS::NoValue`: the property is removed, as if it were not written. */
export const NO_VALUE: unique symbol = Symbol("AWS::NoValue");
/** The value could not be resolved; an error has been recorded. */
export const FAILED: unique symbol = Symbol("failed");

export type Resolved = LNode | typeof NO_VALUE | typeof FAILED;
