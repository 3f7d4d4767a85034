/**
 * mayBecome / mayNotBecome (contract section 2a): from the principal(s) of `as`, search the principal
 * graph for the shortest path to each target. mayNotBecome holds when no start reaches any target; it
 * is `sampled` (each step was searched, not proved). mayBecome holds when every target is reached;
 * when one is not, the report ends in the first blocked step of the closest attempt.
 */
import type { CheckOptions, Outcome } from "../compile/check.js";
import { checkChain } from "../compile/chain.js";
import type { World } from "../compile/request.js";
import { whenConstraints } from "../compile/sources.js";
import { undeterminedMessage } from "../compile/undetermined.js";
import type { PointId } from "../evaluator/readings.js";
import { inputError, pathFrom } from "../load/errors.js";
import { isUnknownPlaceholder } from "../import/unknown.js";
import type { BecomeTarget, Expectation, LoadedPolicy, Principal } from "../model/types.js";
import type { Evidence, PathStep } from "../report/types.js";
import { buildGraph, type Graph } from "./graph.js";
import { principalKey } from "./nodes.js";
import { shortestPath } from "./search.js";
import { searchOracle, type StepOracle } from "./step.js";
import { becomeProof, type BecomeProofInput } from "./prove-become.js";
import type { StepProof } from "./prove-steps.js";
import type { GraphNode } from "./types.js";

/** Why a path search is `sampled` (the runner's --require-proof quotes it). */
export const SAMPLED_PATHS = "each step of every path searched, no proof attempted";

interface CachedGraph {
  graph: Graph;
  counter: { requests: number };
  ask: StepOracle;
  /** Proofs of denied steps under this request space (prove-become.ts), shared by expectations. */
  proofs: Map<string, Promise<StepProof>>;
}

/** Graphs by world and by the request space they were searched under (`when`, budget, seed). */
const graphs = new WeakMap<World, Map<string, CachedGraph>>();

function graphFor(world: World, exp: Expectation, options: CheckOptions, readings: "some" | "every" = exp.effect === "mayNotBecome" ? "some" : "every"): CachedGraph {
  const runs = exp.runs ?? options.runs;
  // A mayNotBecome counts a step allowed under some reading of the open points, a mayBecome needs every reading.
  const key = JSON.stringify([options.seed, runs, exp.exact, readings, exp.when.map((w) => [w.key.toLowerCase(), w.value])]);
  let byKey = graphs.get(world);
  if (!byKey) graphs.set(world, (byKey = new Map()));
  let g = byKey.get(key);
  if (!g) {
    const counter = { requests: 0 };
    const ask = searchOracle({
      world,
      when: whenConstraints(exp.when),
      evaluator: options.evaluator,
      source: options.source,
      exact: exp.exact,
      seed: options.seed,
      runs,
      counter,
      readings,
    });
    byKey.set(key, (g = { graph: buildGraph(world, ask, undefined, counter, readings), counter, ask, proofs: new Map() }));
  }
  return g;
}

/** `principalsOf` enumerates a fuzzed `as` as a `mayNot` does (passed in: it lives with the request checks). */
export function checkBecome(world: World, exp: Expectation, options: CheckOptions, principalsOf: (world: World, exp: Expectation) => Principal[]): Outcome {
  const cached = graphFor(world, exp, options);
  const { graph, counter } = cached;
  graph.recount();
  const targets = exp.targets ?? [];
  const set = exp.as.kind === "set";
  const starts = set ? principalsOf(world, exp).filter(startsPaths) : [exp.as as Principal];
  if (starts.length === 0 || targets.length === 0) {
    return {
      status: "error",
      errors: [inputError("principal", exp.as.pos ?? exp.pos, `${exp.effect}: no principal is left in "${exp.as.written}" to check`, "widen the set or shorten its except list")],
    };
  }
  const unknown = unknownPolicy(world);
  if (unknown) {
    // A path may run through any principal: a value known only after terraform apply anywhere may decide it.
    return {
      status: "error",
      errors: [
        inputError("unknown", exp.pos, `the answer depends on ${unknown.name}, which is known only after terraform apply`,
          `make the value known in the plan, or test after apply${unknown.pos ? ` (see ${pathFrom(exp.pos, unknown.pos.file)}:${unknown.pos.line})` : ""}`),
      ],
    };
  }
  // A session of `as` that cannot exist (a duration beyond the role's maximum, tags its trust policy
  // does not let the caller pass) leads nowhere, as in a may / mayNot (contract section 2).
  if (!set) {
    const session = checkChain(world, exp, exp.as as Principal, {}, options.evaluator);
    if (!session.ok) {
      const evidenceOne = { method: "exact" as const, requests: 1 };
      return exp.effect === "mayBecome" ? { status: "failed", message: session.message, evidence: evidenceOne } : { status: "passed", evidence: evidenceOne };
    }
  }
  // Sampled, never proved: every step was searched for an allowed request, none was proved impossible.
  const evidence = (method: "exact" | "sampled") => ({
    method,
    requests: Math.max(1, counter.requests),
    ...(method === "sampled" ? { reason: SAMPLED_PATHS } : {}),
  });

  const startNodes = (g: Graph) => starts.map((p) => g.start(p, set ? undefined : exp.session));
  const context = { world, when: whenConstraints(exp.when), evaluator: options.evaluator, exp, readings: exp.effect === "mayBecome" ? ("every" as const) : ("some" as const) };
  const proofOf = (search: (g: Graph) => Outcome | undefined, undecided: BecomeProofInput["undecided"]) =>
    becomeProof({ context, graph, ask: cached.ask, trust: graph.ctx.trust, counter, proofs: cached.proofs, starts: startNodes, search, undecided });

  if (exp.effect === "mayNotBecome") {
    const search = (g: Graph) => findPath(g, exp, startNodes(g), set, () => evidence("exact"));
    const failed = search(graph);
    if (failed) return failed;
    // Every step decided on its request exactly as written: nothing else to prove.
    if (exp.exact) return { status: "passed", evidence: evidence("exact") };
    // Sampled until the runner's prover has decided every step the search found not allowed.
    return { status: "passed", evidence: evidence("sampled"), become: proofOf(search, (e) => ({ status: "passed", evidence: e })) };
  }

  const reached = openReach(world, exp, options, reach(graph, startNodes(graph)[0]!, targets, evidence));
  if (reached.status !== "failed" || exp.exact) return reached;
  // A step the prover finds allowed (one the search did not find a request for) may complete a path.
  const search = (g: Graph) => {
    const r = reach(g, startNodes(g)[0]!, targets, evidence);
    return r.status === "passed" ? r : undefined;
  };
  return { ...reached, become: proofOf(search, () => reached) };
}

/**
 * A failed mayBecome that a path would satisfy under another reading of an open point (contract
 * section 2: it fails, and names the point): the search again, counting the steps allowed under some
 * reading. Only a failing mayBecome pays for it.
 */
function openReach(world: World, exp: Expectation, options: CheckOptions, failed: Outcome): Outcome {
  if (failed.status !== "failed") return failed;
  const some = graphFor(world, exp, options, "some").graph;
  const start = some.start(exp.as as Principal, exp.session);
  const found = (exp.targets ?? []).map((t) => shortestPath(some, start, isTarget(some, t)).found);
  if (found.some((f) => !f)) return failed;
  const steps = found.flatMap((f) => f!.path);
  const open = steps.find((st) => st.undetermined);
  if (!open) return failed;
  const points = [...new Set(steps.flatMap((st) => st.undetermined ?? []))];
  return { ...failed, message: `${failed.message}; ${undeterminedMessage(open.action, open.resource, open.undetermined as PointId[])}`, undetermined: points };
}

/** mayBecome: a path to every target (passed, with the paths), or the first target's closest attempt. */
function reach(graph: Graph, start: GraphNode, targets: readonly BecomeTarget[], evidence: (m: "exact" | "sampled") => Evidence): Outcome {
  const paths: PathStep[] = [];
  for (const t of targets) {
    const r = shortestPath(graph, start, isTarget(graph, t), true);
    if (r.found) {
      paths.push(...r.found.path);
      continue;
    }
    return {
      status: "failed",
      message: blockedMessage(graph, start, t, r.closest, r.explored),
      ...(r.closest ? { path: r.closest } : adminProbePath(graph, start, t)),
      evidence: evidence("sampled"),
    };
  }
  return { status: "passed", path: paths, evidence: evidence("exact") };
}

/** The shortest path from a start of `as` to a target: a failed outcome, or undefined when none exists. */
function findPath(graph: Graph, exp: Expectation, nodes: readonly GraphNode[], set: boolean, evidence: () => Evidence): Outcome | undefined {
  const targets = exp.targets ?? [];
  for (const t of targets) {
    // In a fuzzed set, the target itself is no escalation to it.
    const from = set && t.kind === "principal" ? nodes.filter((n) => principalKey(n.principal) !== principalKey(t.principal)) : nodes;
    // A path whose every step is allowed under every reading first: only when none exists does the
    // answer depend on an open point (and the failure name it).
    const sure = shortestPath(graph, from, isTarget(graph, t), false, (a) => a.steps.some((st) => st.undetermined));
    const r = sure.found || !sure.skipped ? sure : shortestPath(graph, from, isTarget(graph, t));
    if (!r.found && r.truncated) return tooLarge(exp, r.explored);
    if (!r.found) continue;
    const n = r.found.path.length;
    const who = r.found.start.label;
    // A step allowed under one reading of an open point only: the expectation holds under the other.
    const open = r.found.path.find((st) => st.undetermined);
    const points = [...new Set(r.found.path.flatMap((st) => st.undetermined ?? []))];
    const message = n === 0 ? `${who} already is ${targetLabel(t)}` : `${who} can become ${describeEnd(r.found.end, t)} in ${n} ${n === 1 ? "step" : "steps"}`;
    return {
      status: "failed",
      message: open ? `${message}; ${undeterminedMessage(open.action, open.resource, open.undetermined as PointId[])}` : message,
      path: r.found.path,
      ...(points.length > 0 ? { undetermined: points } : {}),
      evidence: evidence(),
    };
  }
  return undefined;
}

/** A search that stopped at its size limit has not shown that no path exists: never a pass. */
function tooLarge(exp: Expectation, explored: number): Outcome {
  return {
    status: "error",
    errors: [inputError("unsupported", exp.pos, `${exp.effect}: the search stopped after ${explored} principals without finishing`, "narrow `as` (a smaller fuzzed set, or except) or split the environment")],
  };
}

/** Service principals act for a caller, not on their own: they start no path (docs/escalation.md). */
function startsPaths(p: Principal): boolean {
  return p.kind !== "service";
}

function isTarget(graph: Graph, t: BecomeTarget): (n: GraphNode) => boolean {
  if (t.kind === "admin") return (n) => graph.admin(n).admin;
  const key = principalKey(t.principal);
  return (n) => principalKey(n.principal) === key;
}

function targetLabel(t: BecomeTarget): string {
  return t.kind === "admin" ? "admin (allowed every action on every resource)" : t.written;
}

function describeEnd(end: GraphNode, t: BecomeTarget): string {
  return t.kind === "admin" ? `admin as ${end.label}` : end.label;
}

function blockedMessage(graph: Graph, start: GraphNode, t: BecomeTarget, closest: PathStep[] | undefined, explored: number): string {
  const last = closest?.[closest.length - 1];
  const head = `no path from ${start.label} to ${targetLabel(t)} (${explored} ${explored === 1 ? "principal" : "principals"} reachable)`;
  if (last) return `${head}; closest attempt blocked at step ${closest!.length}: ${last.action} on ${last.resource} (${last.decision})`;
  if (t.kind === "admin") {
    const failed = graph.admin(start).failed;
    return failed ? `${head}; ${start.label} is not admin: ${failed.action} on ${failed.resource} is not allowed (${failed.decision})` : `${head}; ${start.label} cannot be admin of an account of the environment`;
  }
  return `${head}; no reachable principal may assume, be passed or obtain credentials of ${t.written}`;
}

/**
 * When no attempt came near the target: the most direct step, blocked, as a one-step path. For
 * `admin`, the start's own first failing admin probe; for a role, assuming it; for a user, creating
 * an access key for it.
 */
function adminProbePath(graph: Graph, start: GraphNode, t: BecomeTarget): { path?: PathStep[] } {
  if (t.kind === "admin") {
    const f = graph.admin(start).failed;
    return f ? { path: [{ principal: start.caller.principal, action: f.action, resource: f.resource, decision: f.decision, context: f.context, method: "admin probe" }] } : {};
  }
  const p = t.principal;
  const [action, resource] = p.kind === "role-session" ? ["sts:AssumeRole", p.role.arn] : ["iam:CreateAccessKey", p.user.arn];
  const a = graph.ctx.ask({ callerKey: start.key, caller: start.caller, action, resource });
  return { path: [{ principal: start.caller.principal, action, resource, decision: a.decision, context: a.context, method: action }] };
}

const unknownByWorld = new WeakMap<World, LoadedPolicy | null>();

/** The first policy of the environment that stands for a value known only after `terraform apply`. */
function unknownPolicy(world: World): LoadedPolicy | undefined {
  let found = unknownByWorld.get(world);
  if (found === undefined) unknownByWorld.set(world, (found = findUnknownPolicy(world) ?? null));
  return found ?? undefined;
}

function findUnknownPolicy(world: World): LoadedPolicy | undefined {
  for (const a of world.env.accounts.values()) {
    const policies = [
      ...[...a.users.values()].flatMap((u) => [...u.identityPolicies, u.boundary]),
      ...[...a.roles.values()].flatMap((r) => [...r.identityPolicies, r.boundary, r.trust]),
      ...[...a.resources.values()].map((r) => r.policy),
    ];
    const found = policies.find((p) => p !== undefined && isUnknownPlaceholder(p.document));
    if (found) return found;
  }
  return undefined;
}
