/**
 * Values for one condition key, chosen by what the policies do with it (operator family) and what the
 * service reference says it holds (key type): addresses around CIDRs, times and numbers around
 * thresholds, strings around literals, both booleans; lists (including the empty set, which makes a
 * ForAllValues test vacuous) for multi-valued keys.
 */
import fc from "fast-check";
import { conditionKeyType } from "../src/data/actions.js";
import { requestCarriesMany } from "../src/data/condition-keys.js";
import type { KeyUse } from "../src/fuzz/mine.js";
import type { ContextScalar, ContextValue } from "../src/types.js";
import { dateAroundArbitrary, datePoints, isoSeconds } from "./dateAround.js";
import { ipAddressArbitrary, ipPoints } from "./ipAddress.js";
import { numberAroundArbitrary, numberPoints } from "./numberAround.js";
import { stringNearArbitrary, stringPoints, SAMPLE } from "./stringNear.js";

export type ValueFamily = "ip" | "date" | "epoch" | "number" | "bool" | "string";

export function valueFamily(use: KeyUse): ValueFamily {
  const lower = use.key.toLowerCase();
  if (lower === "aws:epochtime") return "epoch";
  const type = conditionKeyType(use.key)?.toLowerCase() ?? "";
  const ops = [...use.operators];
  if (type.includes("ipaddress") || ops.some((o) => o.includes("ipaddress"))) return "ip";
  if (type.includes("date") || ops.some((o) => o.startsWith("date"))) return "date";
  if (type.includes("numeric") || ops.some((o) => o.startsWith("numeric"))) return "number";
  if (type.includes("bool") || ops.includes("bool")) return "bool";
  return "string";
}

export function isMultiValued(use: KeyUse): boolean {
  return requestCarriesMany(use.key, use.multi);
}

/** The deterministic values for a key (scalars), most telling first. */
export function conditionValuePoints(use: KeyUse, now: number): ContextScalar[] {
  switch (valueFamily(use)) {
    case "ip":
      return ipPoints(use.values);
    case "date":
      return datePoints(use.values, now).map(isoSeconds);
    case "epoch":
      return datePoints(use.values, now).map((t) => Math.floor(t / 1000));
    case "number":
      return numberPoints(use.values);
    case "bool":
      return [true, false];
    case "string": {
      const pts = [...new Set(use.values.flatMap(stringPoints))];
      return pts.length > 0 ? pts : [SAMPLE];
    }
  }
}

function scalarArbitrary(use: KeyUse, now: number): fc.Arbitrary<ContextScalar> {
  switch (valueFamily(use)) {
    case "ip":
      return ipAddressArbitrary(use.values);
    case "date":
      return dateAroundArbitrary(use.values, now).map(isoSeconds);
    case "epoch":
      return dateAroundArbitrary(use.values, now).map((t) => Math.floor(t / 1000));
    case "number":
      return numberAroundArbitrary(use.values);
    case "bool":
      return fc.boolean();
    case "string":
      return stringNearArbitrary(use.values);
  }
}

export function conditionValueArbitrary(use: KeyUse, now: number): fc.Arbitrary<ContextValue> {
  const scalar = scalarArbitrary(use, now);
  if (!isMultiValued(use)) return scalar;
  const points = conditionValuePoints(use, now);
  return fc.oneof(
    fc.array(scalar, { minLength: 0, maxLength: 3 }),
    fc.subarray(points, { minLength: 1 }),
    fc.constant([] as ContextScalar[]),
  );
}
