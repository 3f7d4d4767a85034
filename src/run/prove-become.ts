/**
 * The proving step of a `mayNotBecome` (src/escalation/prove-become.ts): the runner hands it the
 * prover, and the solver is opened only when a step needs it (most steps are proved denied without
 * it), so that runs whose steps all have a static answer never start it.
 */
import type { Outcome } from "../compile/check.js";
import type { ProveFn } from "../escalation/prove-steps.js";

type WithProof = Extract<Outcome, { status: "passed" | "failed" }>;

export async function proveBecome(outcome: WithProof, open: () => Promise<ProveFn>): Promise<Outcome> {
  const { become, ...rest } = outcome;
  if (!become) return outcome;
  let opened: Promise<ProveFn> | undefined;
  const prove: ProveFn = async (q) => (await (opened ??= open()))(q);
  try {
    return await become.run(prove);
  } catch (err) {
    const reason = `the prover could not run: ${err instanceof Error ? err.message : String(err)}`;
    // A failure stays as it was; a pass is only sampled.
    return rest.status === "failed" ? rest : { ...rest, evidence: { ...rest.evidence, method: "sampled", reason } };
  }
}
