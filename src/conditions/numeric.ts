/**
 * Numeric operators (reference_policies_elements_condition_operators.html#Conditions_Numeric): "comparing
 * a key to an integer or decimal value". Policy values may be JSON numbers or numeric strings ("10").
 * Exponent forms and other text are refused: the page names only integers and decimals.
 * Variables are not substituted ("You can not use a policy variable with the Numeric condition operator").
 */
import { bad, buildFamily, noVariablesHint, ok, type CompareOp, type ValueFamily } from "./family.js";

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export type Comparison = (request: number, policy: number) => boolean;

export const COMPARE: Readonly<Record<CompareOp, Comparison>> = {
  eq: (r, p) => r === p,
  lt: (r, p) => r < p,
  le: (r, p) => r <= p,
  gt: (r, p) => r > p,
  ge: (r, p) => r >= p,
};

export function numericFamily(op: CompareOp): ValueFamily {
  const compare = COMPARE[op];
  return buildFamily<number, number>({
    name: "Numeric",
    variables: false,
    parsePolicy: (text) => {
      const n = parseDecimal(text);
      return n === undefined
        ? bad(`"${text}" is not an integer or decimal number`, noVariablesHint(text, "Numeric") ?? "write digits, with an optional sign and decimal point, such as 3600 or 0.5")
        : ok(n);
    },
    parseRequest: parseDecimal,
    matches: (policy, request) => compare(request, policy),
    symbolic: (value) => ({ kind: "number", op, value }),
  });
}
