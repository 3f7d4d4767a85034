/**
 * Building attempts out of steps: each step is asked of the oracle in order, and the first one that is
 * not allowed ends the attempt (it is the `blocked` step a failing mayBecome reports).
 */
import { lookupAction } from "../data/actions.js";
import type { PathStep } from "../report/types.js";
import type { StepQuery } from "./step.js";
import type { Attempt, GraphContext, GraphNode } from "./types.js";

/** A step of an attempt: the query without the caller (the attempt's actor makes every step). */
export type PlannedStep = Omit<StepQuery, "caller" | "callerKey"> & { by?: GraphNode };

export function attempt(g: GraphContext, actor: GraphNode, to: GraphNode, method: string, planned: readonly PlannedStep[]): Attempt {
  const steps: PathStep[] = [];
  for (const s of planned) {
    const by = s.by ?? actor;
    const { by: _by, ...query } = s;
    const a = g.ask({ ...query, caller: by.caller, callerKey: by.key });
    const step: PathStep = { principal: by.caller.principal, action: s.action, resource: s.resource, decision: a.decision, context: a.context, method };
    if (!a.allowed) return { to, method, steps, blocked: step };
    steps.push(step);
  }
  return { to, method, steps };
}

/**
 * The first attempt that succeeds among alternatives (create then invoke, or create then map an
 * event source), else the one that got furthest: its blocked step is the most telling.
 */
export function firstOf(attempts: Iterable<() => Attempt>): Attempt | undefined {
  let best: Attempt | undefined;
  for (const run of attempts) {
    const a = run();
    if (!a.blocked) return a;
    if (!best || a.steps.length > best.steps.length) best = a;
  }
  return best;
}

const SAMPLE_NAME = "iam-spec-escalation";
const REGION = "us-east-1";

/**
 * A concrete ARN of the resource an action takes, in `account` (the resource type named `prefer` when
 * the action takes several, else the first required one), or `*` for an action that takes none
 * (service authorization reference, via the bundled data).
 */
export function resourceFor(action: string, account: string, prefer?: string, name = SAMPLE_NAME): string {
  const info = lookupAction(action);
  const types = info?.resourceTypes ?? [];
  const type = types.find((t) => t.name === prefer) ?? types.find((t) => t.required) ?? types[0];
  const format = type?.arnFormats[0];
  if (!format) return "*";
  return format.replace(/\$\{([^}]*)\}/g, (_m, v: string) => (v === "Partition" ? "aws" : v === "Region" ? REGION : v === "Account" ? account : /number|version/i.test(v) ? "1" : name));
}
