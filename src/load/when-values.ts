/**
 * Checks the values written in an expectation's `when` against the type the AWS service reference gives
 * their key (IP address, date, boolean, number). A value AWS could never send (`aws:SourceIp: 999.1.1.1`,
 * `aws:CurrentTime: yesterday`) would make conditions quietly false, so that a `may` or `mayNot` holds or
 * fails for a reason that is only a typo: it is an input error instead (fail closed).
 */
import { isIP } from "node:net";
import { conditionKeyType } from "../data/condition-keys.js";
import { parseAwsDate } from "../match/date.js";
import type { LScalar } from "./located.js";

export interface ValueProblem {
  readonly message: string;
  readonly hint: string;
}

/**
 * Why `value` cannot be a request value of condition key `key`, or undefined. `negated`: the value is
 * one of a `{ not: ... }` list (IP keys then take CIDRs too).
 */
export function whenValueProblem(key: string, value: string | number | boolean, negated: boolean): ValueProblem | undefined {
  const type = conditionKeyType(key)?.replace(/^ArrayOf/, "");
  const shown = JSON.stringify(value);
  switch (type) {
    case "IPAddress": {
      const text = String(value);
      if (typeof value === "string" && (isIP(text) !== 0 || (negated && isCidr(text)))) return undefined;
      return negated
        ? { message: `${key}: ${shown} is not an IP address or CIDR range`, hint: "write 203.0.113.0/24, 2001:db8::/32 or a single address" }
        : {
            message: `${key}: ${shown} is not an IP address`,
            hint: isCidr(text) ? "a request comes from one address: write one (203.0.113.7), or leave ranges out with { not: ... } in a mayNot" : "write an IPv4 or IPv6 address such as 203.0.113.7",
          };
    }
    case "Date":
      // The evaluator's own reading of a date (W3C ISO 8601 or epoch seconds, within the range a date
      // can have): a value it could not read (2026-02-30, 1e308) would make every Date condition false.
      if ((typeof value === "number" || typeof value === "string") && parseAwsDate(String(value)) !== undefined) return undefined;
      return { message: `${key}: ${shown} is not a date`, hint: "write an ISO 8601 date such as 2026-01-01T00:00:00Z, or epoch seconds such as 1767225600" };
    case "Bool":
      if (typeof value === "boolean" || (typeof value === "string" && /^(true|false)$/i.test(value))) return undefined;
      return { message: `${key}: ${shown} is not true or false`, hint: "write true or false" };
    case "Numeric":
      if (typeof value === "number" ? Number.isFinite(value) : typeof value === "string" && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value)) return undefined;
      return { message: `${key}: ${shown} is not a number`, hint: "write a number such as 3600" };
    default:
      return undefined;
  }
}

function isCidr(text: string): boolean {
  const slash = text.indexOf("/");
  if (slash < 0) return false;
  const ip = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  const kind = isIP(ip);
  if (kind === 0 || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (kind === 4 ? 32 : 128);
}

/**
 * The request value written for `key`: a number written in a form of its own (an account id with a
 * leading zero, 011122223333; 1.50) stays the text as written unless the key is numeric or a date, as
 * AWS sends such values as strings and the number read would drop the zero.
 */
export function whenScalar(key: string, node: LScalar): string | number | boolean | null {
  if (typeof node.value !== "number" || node.raw === undefined) return node.value;
  const type = conditionKeyType(key)?.replace(/^ArrayOf/, "");
  return type === "Numeric" || type === "Date" ? node.value : node.raw;
}
