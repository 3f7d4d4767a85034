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
    const key = st.actions ? "Action" : "NotAction";
    const list = st.actions ?? st.notActions ?? [];
    list.forEach((action, i) => {
      const verdict = isKnownAction(action);
      if (verdict.known) return;
      issues.push({
        severity: "warning",
        path: [...(statementArray ? ["Statement", st.index] : ["Statement"]), key, ...(list.length > 1 ? [i] : [])],
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
        issues.push({
          severity: "warning",
          path: [...(statementArray ? ["Statement", st.index] : ["Statement"]), "Condition", operator, key],
          message: `${key} is not a global condition key: AWS accepts it, but no request carries it`,
          ...(unlisted.suggestions.length ? { hint: `did you mean ${unlisted.suggestions.join(", ")}?` } : {}),
        });
      }
    }
  }
  return issues;
}
