/**
 * The one table of condition operators
 * (IAM/latest/UserGuide/reference_policies_elements_condition_operators.html). Each row names the family
 * that reads and compares values, and whether the operator is negated. Negated operators are the NOT of
 * their positive twin: with several policy values they are a NOR ("If a single negated matching condition
 * operator includes multiple values for a context key, those values are evaluated using a logical NOR",
 * IAM/latest/UserGuide/reference_policies_multi-value-conditions.html), and on a missing key they are true.
 */
import { arn } from "./arn.js";
import { binary } from "./binary.js";
import { bool } from "./bool.js";
import { dateFamily } from "./date.js";
import type { ValueFamily } from "./family.js";
import { ipAddress } from "./ip.js";
import { numericFamily } from "./numeric.js";
import { stringEquals, stringEqualsIgnoreCase, stringLike } from "./string.js";

export interface OperatorSpec {
  /** "null" is the key-existence check, which looks at presence, not values. */
  readonly family: ValueFamily | "null";
  readonly negated: boolean;
}

const numEq = numericFamily("eq");
const dateEq = dateFamily("eq");

export const OPERATORS: ReadonlyMap<string, OperatorSpec> = new Map<string, OperatorSpec>([
  ["StringEquals", { family: stringEquals, negated: false }],
  ["StringNotEquals", { family: stringEquals, negated: true }],
  ["StringEqualsIgnoreCase", { family: stringEqualsIgnoreCase, negated: false }],
  ["StringNotEqualsIgnoreCase", { family: stringEqualsIgnoreCase, negated: true }],
  ["StringLike", { family: stringLike, negated: false }],
  ["StringNotLike", { family: stringLike, negated: true }],
  ["NumericEquals", { family: numEq, negated: false }],
  ["NumericNotEquals", { family: numEq, negated: true }],
  ["NumericLessThan", { family: numericFamily("lt"), negated: false }],
  ["NumericLessThanEquals", { family: numericFamily("le"), negated: false }],
  ["NumericGreaterThan", { family: numericFamily("gt"), negated: false }],
  ["NumericGreaterThanEquals", { family: numericFamily("ge"), negated: false }],
  ["DateEquals", { family: dateEq, negated: false }],
  ["DateNotEquals", { family: dateEq, negated: true }],
  ["DateLessThan", { family: dateFamily("lt"), negated: false }],
  ["DateLessThanEquals", { family: dateFamily("le"), negated: false }],
  ["DateGreaterThan", { family: dateFamily("gt"), negated: false }],
  ["DateGreaterThanEquals", { family: dateFamily("ge"), negated: false }],
  ["Bool", { family: bool, negated: false }],
  ["BinaryEquals", { family: binary, negated: false }],
  ["IpAddress", { family: ipAddress, negated: false }],
  ["NotIpAddress", { family: ipAddress, negated: true }],
  ["ArnEquals", { family: arn, negated: false }],
  ["ArnLike", { family: arn, negated: false }],
  ["ArnNotEquals", { family: arn, negated: true }],
  ["ArnNotLike", { family: arn, negated: true }],
  ["Null", { family: "null", negated: false }],
]);
