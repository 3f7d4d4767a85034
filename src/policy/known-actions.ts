/**
 * Is an Action entry of a policy known to the service authorization reference? Used only for warnings
 * (an unknown action is accepted by AWS and matches nothing), so the action data loads only here.
 */
import { closestActions, expandActionPattern, lookupAction } from "../data/actions.js";

export function isKnownAction(action: string): { known: boolean; suggestions: string[] } {
  if (action === "*") return { known: true, suggestions: [] };
  const known = /[*?]/.test(action) ? expandActionPattern(action).length > 0 : lookupAction(action) !== undefined;
  return { known, suggestions: known ? [] : closestActions(action, 3) };
}
