/**
 * Triage of a disagreement between evaluate() and iam-simulate. Every known cause has an entry here,
 * with the section of docs/differences.md that quotes the AWS documentation deciding it.
 */
import type { Decision, EvaluateInput } from "../../src/types.js";

export interface Verdict {
  /** A known cause's id, or "unexplained". */
  id: string;
  /** "iam-simulate": a documented divergence of the oracle from AWS; "ours": our bug, pending our fix. */
  side: "iam-simulate" | "ours" | "unknown";
}

export interface KnownCause {
  id: string;
  side: "iam-simulate" | "ours";
  /** docs/differences.md anchor. */
  doc: string;
  /** Does this cause explain the disagreement? */
  explains: (input: EvaluateInput, ours: Decision | "error", theirs: Decision) => boolean;
}

export const KNOWN_CAUSES: readonly KnownCause[] = [];

export function triage(input: EvaluateInput, ours: Decision | "error", theirs: Decision): Verdict {
  for (const c of KNOWN_CAUSES) if (c.explains(input, ours, theirs)) return { id: c.id, side: c.side };
  return { id: "unexplained", side: "unknown" };
}
