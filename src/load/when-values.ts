/**
 * Checks the values written in an expectation's `when` against the type the AWS service reference gives
 * their key (IP address, date, boolean, number). A value AWS could never send (`aws:SourceIp: 999.1.1.1`,
 * `aws:CurrentTime: yesterday`) would make conditions quietly false, so that a `may` or `mayNot` holds or
 * fails for a reason that is only a typo: it is an input error instead (fail closed).
 */
import { isIP } from "node:net";
import { conditionKeyType, unlistedGlobalKey } from "../data/condition-keys.js";
import { REGION } from "../context/regions.js";
import { orList } from "./hints.js";
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
      if (typeof value === "number" ? Number.isFinite(value) : typeof value === "string" && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value)) {
        // "The number of seconds since the requesting principal was authenticated using MFA"
        // (reference_policies_condition-keys.html#condition-keys-multifactorauthage): never below zero.
        if (/^aws:MultiFactorAuthAge$/i.test(key) && Number(value) < 0) return { message: `${key}: ${shown} is below zero`, hint: "the key is a number of seconds since MFA sign-in: write 0 or more" };
        return undefined;
      }
      return { message: `${key}: ${shown} is not a number`, hint: "write a number such as 3600" };
    case "ARN":
      // A request value of an ARN key is an ARN; in { not: ... } an ArnLike pattern.
      if (/^arn:[^:]+:[^:]*:[^:]*:[^:]*:./.test(String(value)) || (negated && String(value) === "*")) return undefined;
      return { message: `${key}: ${shown} is not an ARN`, hint: "write a full ARN such as arn:aws:lambda:us-east-1:111122223333:function:f" };
    default:
      return formatProblem(key, value, negated);
  }
}

/**
 * Global keys whose values AWS writes in one fixed form (reference_policies_condition-keys.html): an
 * account id, an organization id, a VPC or VPC endpoint id, a Region, a principal type. A value in no
 * such form can never be sent, so it would only make conditions quietly false.
 */
const FORMATS: readonly { keys: RegExp; ok: RegExp; what: string; example: string }[] = [
  { keys: /^aws:(PrincipalAccount|ResourceAccount|SourceAccount|SourceOwner|VpceAccount)$/i, ok: /^\d{12}$/, what: "a 12-digit account id", example: '"111122223333" (quoted)' },
  { keys: /^aws:(PrincipalOrgID|ResourceOrgID|SourceOrgID|VpceOrgID)$/i, ok: /^o-[a-z0-9]{10,32}$/, what: "an organization id", example: "o-a1b2c3d4e5" },
  { keys: /^aws:(SourceVpc|Ec2InstanceSourceVpc)$/i, ok: /^vpc-[0-9a-zA-Z]+$/, what: "a VPC id", example: "vpc-0abc1234" },
  { keys: /^aws:SourceVpce$/i, ok: /^vpce-[0-9a-zA-Z]+$/, what: "a VPC endpoint id", example: "vpce-0abc1234" },
  { keys: /^aws:RequestedRegion$/i, ok: REGION, what: "a Region name", example: "us-east-1" },
  // reference_policies_condition-keys.html#condition-keys-principaltype, and the principal key values
  // table of reference_policies_variables.html.
  { keys: /^aws:PrincipalType$/, ok: /^(Account|User|FederatedUser|AssumedRole|Anonymous)$/, what: "a principal type", example: "Account, User, FederatedUser, AssumedRole or Anonymous" },
];

function formatProblem(key: string, value: string | number | boolean, negated: boolean): ValueProblem | undefined {
  const text = String(value);
  // { not: ... } of a string key takes * and ? patterns.
  if (negated && /[*?]/.test(text)) return undefined;
  const format = FORMATS.find((f) => f.keys.test(key));
  if (!format || format.ok.test(text)) return undefined;
  return { message: `${key}: ${JSON.stringify(value)} is not ${format.what}`, hint: `AWS sends ${format.what} here: write e.g. ${format.example}` };
}

/**
 * An `aws:` key that no AWS page lists is a typo (`aws:SourceIP` is fine: names are case-insensitive;
 * `aws:PrincipalTag` without its tag key, `aws:SourceIpAddress` are not): AWS never sends it, so the
 * request would carry a key no policy reads and the expectation would check another request than meant.
 * Keys of other prefixes stay open: an OIDC provider's keys are not in the service reference.
 */
export function whenKeyProblem(key: string): ValueProblem | undefined {
  const unlisted = unlistedGlobalKey(key);
  if (!unlisted) return undefined;
  const tagged = /^aws:(Principal|Request|Resource)Tag$/i.test(key);
  const near = unlisted.suggestions.map((n) => JSON.stringify(n));
  return {
    message: `"${key}" is not a global condition key`,
    hint: tagged ? `name the tag: ${key}/TAGKEY` : near.length > 0 ? `did you mean ${orList(near)}?` : "global keys are listed in IAM/latest/UserGuide/reference_policies_condition-keys.html",
  };
}

/**
 * A single-valued global key (not ArrayOf...) carries one value in a request: a list of two would be
 * a request AWS never sends.
 */
export function whenListProblem(key: string, count: number): ValueProblem | undefined {
  if (count < 2 || !/^aws:/i.test(key)) return undefined;
  const type = conditionKeyType(key);
  if (type === undefined || type.startsWith("ArrayOf")) return undefined;
  return { message: `${key}: a request carries one value of this key, not ${count}`, hint: "write one value (lists are for multivalued keys such as aws:TagKeys), or use { not: [...] } in a mayNot" };
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
