import type { Decision, EvaluateInput } from "../../src/types.js";

/**
 * One row of the conformance table: policies + request -> the decision AWS documents.
 * `doc` names the AWS page (docs.aws.amazon.com path, with an anchor or a short quote) that settles it.
 */
export interface ConformanceCase {
  name: string;
  doc: string;
  input: EvaluateInput;
  /** The decision, or `{ throws }` when evaluate() must reject the input (an invalid policy, say). */
  expected: Decision | { throws: RegExp };
  /**
   * The open points (src/evaluator/readings.ts) evaluate() must report as undetermined; rows that give
   * it are checked for exactly these (`[]`: none).
   */
  undetermined?: string[];
}
