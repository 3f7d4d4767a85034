/**
 * The proving step of a `mayNotBecome` (src/escalation/prove-become.ts): the runner opens the solver
 * only when such an expectation passed its search, and hands its proveMayNot to the proof.
 */
import type { Outcome } from "../compile/check.js";
import type { ProveFn } from "../escalation/prove-steps.js";

type Passed = Extract<Outcome, { status: "passed" }>;

export async function proveBecome(outcome: Passed, open: () => Promise<ProveFn>): Promise<Outcome> {
  const { become, ...rest } = outcome;
  if (!become) return outcome;
  let prove: ProveFn;
  try {
    prove = await open();
  } catch (err) {
    const reason = `the solver could not be started: ${err instanceof Error ? err.message : String(err)}`;
    return { ...rest, evidence: { ...rest.evidence, method: "sampled", reason } };
  }
  return become.run(prove);
}
