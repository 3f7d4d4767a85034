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
    const step: PathStep = {
      principal: by.caller.principal,
      action: s.action,
      resource: s.resource,
      decision: a.decision,
      context: a.context,
      method,
      ...(a.undetermined ? { undetermined: a.undetermined } : {}),
    };
    if (!a.allowed) return { to, method, steps, blocked: step };
    steps.push(step);
  }
  return { to, method, steps };
}

/**
 * The first attempt that succeeds among alternatives (create then invoke, or create then map an
 * event source), else the one that got furthest: its blocked step is the most telling. An alternative
 * that is not tried (a fact the environment settles against it: open-fact.ts) gives undefined.
 */
export function firstOf(attempts: Iterable<() => Attempt | undefined>): Attempt | undefined {
  let best: Attempt | undefined;
  for (const run of attempts) {
    const a = run();
    if (!a) continue;
    if (!a.blocked) return a;
    if (!best || a.steps.length > best.steps.length) best = a;
  }
  return best;
}

const SAMPLE_NAME = "iam-spec-escalation";
const REGION = "us-east-1";

/** The region and name of the resources a method creates (a function, a stack, ...): the caller picks them. */
export interface Naming {
  region: string;
  name: string;
}

export const DEFAULT_NAMING: Naming = { region: REGION, name: SAMPLE_NAME };

/**
 * A concrete ARN of the resource an action takes, in `account` (the resource type named `prefer` when
 * the action takes several, else the first required one), or `*` for an action that takes none
 * (service authorization reference, via the bundled data).
 */
export function resourceFor(action: string, account: string, prefer?: string, naming: Naming = DEFAULT_NAMING): string {
  const key = `${action}\n${account}\n${prefer ?? ""}\n${naming.region}\n${naming.name}`;
  let arn = arns.get(key);
  if (arn === undefined) arns.set(key, (arn = instantiate(action, account, prefer, naming)));
  return arn;
}

/** Memo of resourceFor: the same few ARNs are asked for every caller of every account. */
const arns = new Map<string, string>();

function instantiate(action: string, account: string, prefer: string | undefined, naming: Naming): string {
  const info = lookupAction(action);
  const types = info?.resourceTypes ?? [];
  const type = types.find((t) => t.name === prefer) ?? types.find((t) => t.required) ?? types[0];
  const format = type?.arnFormats[0];
  if (!format) return "*";
  return format.replace(/\$\{([^}]*)\}/g, (_m, v: string) =>
    v === "Partition" ? "aws" : v === "Region" ? naming.region : v === "Account" ? account : /number|version/i.test(v) ? "1" : naming.name,
  );
}

/**
 * The namings worth trying for resources of `service` that a caller creates: the default, then those
 * its own Allow statements single out (a policy that lets developers create only `team-*` functions in
 * eu-west-1 is met by a function named `team-...` there). At most four.
 */
export function namingsFor(documents: readonly unknown[], service: string): Naming[] {
  const out: Naming[] = [DEFAULT_NAMING];
  const seen = new Set([`${REGION}\n${SAMPLE_NAME}`]);
  for (const r of allowedResources(documents)) {
    const parts = r.split(":");
    if (parts.length < 6 || parts[2] !== service) continue;
    const region = parts[3] === "" || /[*?]/.test(parts[3]!) ? REGION : parts[3]!;
    const last = parts.slice(5).join(":").split(/[:/]/).filter((x) => x !== "").pop() ?? "*";
    const name = last.replace(/\*/g, SAMPLE_NAME).replace(/\?/g, "x");
    const key = `${region}\n${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ region, name });
    if (out.length >= 4) return out;
  }
  return out;
}

/** The Resource texts of the Allow statements of policy documents, without policy variables, in order. */
export function* allowedResources(documents: readonly unknown[]): Generator<string> {
  for (const doc of documents) {
    const raw = (doc as { Statement?: unknown } | null)?.Statement;
    for (const st of Array.isArray(raw) ? raw : [raw]) {
      const s = st as { Effect?: unknown; Resource?: unknown } | null;
      if (s?.Effect !== "Allow") continue;
      for (const r of [s.Resource].flat()) if (typeof r === "string" && !r.includes("${")) yield r;
    }
  }
}
