/**
 * Is an Action entry of a policy known to the service authorization reference? Used only for warnings
 * (an unknown action is accepted by AWS and matches nothing), so the action data loads only here.
 */
import { closestActions, expandActionPattern, lookupAction } from "../data/actions.js";

export interface KnownAction {
  readonly known: boolean;
  readonly suggestions: readonly string[];
}

/**
 * Answers by entry as written: a large environment repeats the same entries (`iam:Create*` in a
 * thousand accounts' copies of one policy), and expanding a pattern walks a whole service. Bounded,
 * so that a run over endless distinct entries does not grow without limit.
 */
const answers = new Map<string, KnownAction>();
const MAX_ANSWERS = 50_000;

export function isKnownAction(action: string): KnownAction {
  if (action === "*") return { known: true, suggestions: [] };
  const cached = answers.get(action);
  if (cached) return cached;
  const known = /[*?]/.test(action) ? expandActionPattern(action).length > 0 : lookupAction(action) !== undefined;
  const answer = Object.freeze({ known, suggestions: Object.freeze(known ? [] : closestActions(action, 3)) });
  if (answers.size >= MAX_ANSWERS) answers.clear();
  answers.set(action, answer);
  return answer;
}
