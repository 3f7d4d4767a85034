/**
 * `may`/`mayNot` action names and patterns, expanded against the bundled Service Authorization
 * Reference. Matching is case-insensitive, as in AWS
 * (IAM/latest/UserGuide/reference_policies_elements_action.html). A pattern that matches nothing is an
 * input error: a typo must never turn into an empty, vacuously passing check.
 */
import { closestActions, expandActionPattern } from "../data/actions.js";
import { inputError, type InputError } from "../load/errors.js";
import type { Written } from "../model/types.js";

export interface ExpandedActions {
  /** Canonical names, each once, in the order the patterns name them. */
  actions: string[];
  /** Each written name or pattern with the actions it matched (an action can be in several). */
  groups: { written: Written; actions: string[] }[];
  errors: InputError[];
}

export function expandActions(written: readonly Written[]): ExpandedActions {
  const seen = new Set<string>();
  const actions: string[] = [];
  const errors: InputError[] = [];
  const groups: ExpandedActions["groups"] = [];
  for (const w of written) {
    // An action name holds no white space: AWS would match "s3:GetObject " against no action, so a
    // name written with spaces is a typo, not the action it looks like.
    if (/\s/.test(w.text)) {
      const bare = w.text.replace(/\s+/g, "");
      errors.push(inputError("action", w.pos, `"${w.text}" matches no known AWS action`, bare ? `did you mean ${bare}? An action name holds no white space` : "name an action, e.g. s3:GetObject"));
      continue;
    }
    const matched = expandActionPattern(w.text);
    if (matched.length === 0) {
      // closestActions understands patterns (it suggests corrected ones, e.g. s3:Gte* -> s3:Get*).
      const near = closestActions(w.text);
      const hint = near.length > 0 ? `did you mean ${near.join(", ")}?` : "check the service prefix and the action name";
      errors.push(inputError("action", w.pos, `"${w.text}" matches no known AWS action`, hint));
      continue;
    }
    groups.push({ written: w, actions: [...matched] });
    for (const a of matched) {
      const key = a.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        actions.push(a);
      }
    }
  }
  return { actions, groups, errors };
}
