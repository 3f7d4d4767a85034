/**
 * Full validation of a policy document for the loaders: the errors that make it unusable and the
 * warnings AWS would accept silently. An action that the service authorization reference does not list
 * is a warning, not an error: AWS accepts it and it matches nothing (contract section 2).
 */
import { policyIssues } from "../evaluator/compiled-policy.js";
import type { PolicyType } from "../types.js";
import type { PolicyIssue } from "./issues.js";
import { parsePolicyDocument } from "./document.js";
import { isKnownAction } from "./known-actions.js";
import { unlistedGlobalKey } from "../data/condition-keys.js";
import { VARIABLES_VERSION } from "./variables.js";

export interface ValidateOptions {
  /**
   * Look every action up in the service reference (default true). Off for AWS managed policies: their
   * stale actions are AWS's to fix, and looking up suggestions for hundreds of them costs a second.
   */
  checkActions?: boolean;
}

export function validatePolicy(doc: unknown, type: PolicyType, options: ValidateOptions = {}): PolicyIssue[] {
  const issues = policyIssues(doc, type);
  if (issues.some((i) => i.severity === "error") || options.checkActions === false) return issues;
  const { ast } = parsePolicyDocument(doc, type);
  const raw = typeof doc === "string" ? JSON.parse(doc) : doc;
  const statementArray = Array.isArray((raw as { Statement?: unknown }).Statement);
  for (const st of ast.statements) {
    const at = statementArray ? ["Statement", st.index] : ["Statement"];
    // NotPrincipal "must be used with "Effect":"Deny". Using it with "Effect":"Allow" is not supported"
    // (IAM/latest/UserGuide/reference_policies_elements_notprincipal.html); policies written before
    // still carry it, and it is evaluated as documented then: everyone but the named, anonymous included.
    if (st.effect === "Allow" && st.notPrincipal) {
      issues.push({
        severity: "warning",
        path: [...at, "NotPrincipal"],
        message: "NotPrincipal with \"Effect\": \"Allow\" is not supported by AWS: it allows every principal except the ones named, anonymous callers included",
        hint: 'write "Principal": "*" with a Condition ArnNotEquals on aws:PrincipalArn, or use NotPrincipal only with "Effect": "Deny"',
      });
    }
    // Without "Version": "2012-10-17", ${aws:username} is literal text, not a variable
    // (IAM/latest/UserGuide/reference_policies_variables.html, Introduction).
    if (ast.version !== VARIABLES_VERSION) {
      const written = literalVariable(raw, st.index, statementArray);
      if (written) {
        issues.push({
          severity: "warning",
          path: [...at, ...written.path],
          message: `${written.text} is literal text here, not a policy variable: variables need "Version": "2012-10-17"${ast.version ? `, and this policy has "${ast.version}"` : ", and this policy has no Version"}`,
          hint: 'add "Version": "2012-10-17" at the top of the policy',
        });
      }
    }
    const key = st.actions ? "Action" : "NotAction";
    const list = st.actions ?? st.notActions ?? [];
    list.forEach((action, i) => {
      const verdict = isKnownAction(action);
      if (verdict.known) return;
      issues.push({
        severity: "warning",
        path: [...at, key, ...(list.length > 1 ? [i] : [])],
        message: `${action} matches no known action: AWS accepts it, but it allows or denies nothing`,
        ...(verdict.suggestions.length ? { hint: `did you mean ${verdict.suggestions.join(", ")}?` } : {}),
      });
    });
    // An `aws:` key no AWS page lists is a typo AWS accepts silently: no request carries it, so the
    // condition tests a key that is always absent (reference_policies_condition-keys.html).
    const condition = st.condition;
    if (typeof condition !== "object" || condition === null) continue;
    for (const [operator, block] of Object.entries(condition)) {
      if (typeof block !== "object" || block === null) continue;
      for (const key of Object.keys(block)) {
        const unlisted = unlistedGlobalKey(key);
        if (!unlisted) continue;
        if (/Tag\/$/i.test(key)) {
          issues.push({
            severity: "warning",
            path: [...at, "Condition", operator, key],
            message: `${key} names no tag: AWS accepts it, but no request carries it`,
            hint: `write the tag key after the slash: ${key}team`,
          });
          continue;
        }
        issues.push({
          severity: "warning",
          path: [...at, "Condition", operator, key],
          message: `${key} is not a global condition key: AWS accepts it, but no request carries it`,
          ...(unlisted.suggestions.length ? { hint: `did you mean ${unlisted.suggestions.join(", ")}?` } : {}),
        });
      }
    }
  }
  return issues;
}

/** The first `${...}` written where a variable could stand (Resource, NotResource, condition values) of one statement. */
function literalVariable(raw: unknown, index: number, statementArray: boolean): { text: string; path: (string | number)[] } | undefined {
  const list = (raw as { Statement?: unknown }).Statement;
  const st = (statementArray ? (list as unknown[])[index] : list) as Record<string, unknown> | undefined;
  if (typeof st !== "object" || st === null) return undefined;
  const find = (v: unknown, path: (string | number)[]): { text: string; path: (string | number)[] } | undefined => {
    if (typeof v === "string") {
      const m = /\$\{[^}]*\}/.exec(v);
      return m ? { text: m[0], path } : undefined;
    }
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) {
        const f = find(x, v.length > 1 ? [...path, i] : path);
        if (f) return f;
      }
      return undefined;
    }
    if (typeof v === "object" && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        const f = find(x, [...path, k]);
        if (f) return f;
      }
    }
    return undefined;
  };
  for (const key of ["Resource", "NotResource", "Condition"]) {
    const f = key in st ? find(st[key], [key]) : undefined;
    if (f) return f;
  }
  return undefined;
}
