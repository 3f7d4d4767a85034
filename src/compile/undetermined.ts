/**
 * Answers that depend on a point the AWS docs leave open (or a fact the environment leaves open):
 * the evaluator decides under the environment's chosen readings and reports, in `undetermined`, the
 * points whose other reading would change whether the request is allowed (src/evaluator/readings.ts).
 * An expectation holds only if it holds under every reading (contract section 2), so:
 * - a `may` counts a request as allowed only when it is allowed under every reading;
 * - a `mayNot` counts a request as allowed when it is allowed under some reading.
 */
import { POINTS, POINT_SUMMARY, type PointId } from "../evaluator/readings.js";
import type { EvaluateResult } from "../types.js";

/** Allowed under every reading (what a `may` needs). */
export function surelyAllowed(r: EvaluateResult): boolean {
  return r.decision === "Allow" && r.undetermined === undefined;
}

/** Allowed under some reading (what a `mayNot` must not find). */
export function possiblyAllowed(r: EvaluateResult): boolean {
  return r.decision === "Allow" || r.undetermined !== undefined;
}

/** The failure message of a request whose answer depends on `points`. */
export function undeterminedMessage(action: string, resource: string, points: readonly PointId[]): string {
  const which = points.map((id) => `${id} (${POINT_SUMMARY[id]})`).join(" and ");
  const choose = points.map((id) => `${id}: ${POINTS[id].readings.join(" | ")}`).join(", ");
  const settle = [
    ...(points.includes("unlisted-bucket-owner") ? ["list the bucket under the account that owns it"] : []),
    ...(points.includes("vpce-endpoint-type") ? ["declare the endpoint's type (vpcEndpoints: { vpce-...: { type: gateway } })"] : []),
    ...(points.includes("policy-versions") ? ["list the policy's other versions (policies: { NAME: { document, versions: { v1: ... } } }, versions: {} for none) or import it with authorizationDetails"] : []),
  ];
  const or = settle.length > 0 ? `, or ${settle.join(", or ")}` : "";
  // A fact of the environment (which versions a policy has, what invokes a function) decides where the step leads, not whether it is allowed.
  const what = points.every((id) => id === "policy-versions" || id === "function-triggers") ? "leads further under one reading of" : "is allowed under one reading of";
  return `undetermined: ${action} on ${resource} ${what} ${which} and not under another; choose a reading in the environment with assumptions: { ${choose} }${or}`;
}
