/**
 * Date operators (reference_policies_elements_condition_operators.html#Conditions_Date): W3C ISO 8601 dates
 * or epoch seconds (src/match/date.ts), no wildcards, no policy variables. Both sides are compared as
 * instants, so "2020-01-01T00:00:00Z" DateEquals "1577836800".
 */
import { parseAwsDate } from "../match/date.js";
import { bad, buildFamily, noVariablesHint, ok, type CompareOp, type ValueFamily } from "./family.js";
import { COMPARE } from "./numeric.js";

export function dateFamily(op: CompareOp): ValueFamily {
  const compare = COMPARE[op];
  return buildFamily<number, number>({
    name: "Date",
    variables: false,
    parsePolicy: (text) => {
      const ms = parseAwsDate(text);
      return ms === undefined
        ? bad(
            `"${text}" is not a date`,
            noVariablesHint(text, "Date") ??
              "use a W3C ISO 8601 date such as 2020-01-01T00:00:00Z or epoch seconds such as 1577836800",
          )
        : ok(ms);
    },
    parseRequest: parseAwsDate,
    cacheRequests: true,
    matches: (policy, request) => compare(request, policy),
    symbolic: (ms) => ({ kind: "date", op, ms }),
  });
}
