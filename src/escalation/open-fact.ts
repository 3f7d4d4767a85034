/**
 * Steps that lead somewhere only if a fact the environment leaves open holds, or whose requests depend
 * on a rule the AWS documentation leaves open: the open points that only the principal graph reads
 * (src/evaluator/readings.ts: policy-versions, function-triggers, batch-passed-to-service).
 * An expectation must hold under every reading (contract section 2): settled against the fact, the
 * attempt is not made; left open, a mayBecome (which needs every reading) does not count it, and a
 * mayNotBecome does, its steps marked undetermined so that the failure names the point.
 */
import type { PointId } from "../evaluator/readings.js";
import type { Attempt, GraphContext } from "./types.js";

export function underOpenFact(g: GraphContext, point: PointId, closed: string, run: () => Attempt): Attempt | undefined {
  const reading = g.world.env.assumptions?.[point];
  if (reading === closed || (reading === undefined && g.readings === "every")) return undefined;
  const a = run();
  return reading !== undefined || a.blocked ? a : marked(a, point);
}

/**
 * An attempt whose requests depend on a point the AWS documentation leaves open (a key's value: the
 * iam:PassedToService of a job role passed to AWS Batch), made once per reading (`run` is given the
 * reading). A reading the environment chose is the only one made. Left open: allowed under every
 * reading, the attempt stands; under some only, a mayNotBecome counts it (its steps marked
 * undetermined) and a mayBecome does not (the attempt under a reading that blocks it is returned).
 */
export function underReadings(g: GraphContext, point: PointId, readings: readonly string[], run: (reading: string) => Attempt): Attempt {
  const chosen = g.world.env.assumptions?.[point];
  if (chosen !== undefined) return run(chosen);
  const attempts = readings.map(run);
  const allowed = attempts.filter((a) => !a.blocked);
  if (allowed.length === attempts.length || allowed.length === 0) return attempts[0]!;
  if (g.readings === "every") return attempts.find((a) => a.blocked)!;
  return marked(allowed[0]!, point);
}

function marked(a: Attempt, point: PointId): Attempt {
  return { ...a, steps: a.steps.map((s) => ({ ...s, undetermined: [...new Set([...(s.undetermined ?? []), point])] })) };
}
