/**
 * Steps that lead somewhere only if a fact the environment leaves open holds: the open points that
 * only the principal graph reads (src/evaluator/readings.ts: policy-versions, function-triggers).
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
  if (reading !== undefined || a.blocked) return a;
  return { ...a, steps: a.steps.map((s) => ({ ...s, undetermined: [...new Set([...(s.undetermined ?? []), point])] })) };
}
