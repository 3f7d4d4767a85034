/**
 * The principal graph, built lazily: a node's attempts are computed the first time a search reaches it
 * and kept. Direct methods (edges/all.ts EDGE_CHECKERS) lead to other principals; permission changes
 * (CHANGE_CHECKERS) lead to a modified principal, on the node itself or on a principal of its account
 * it can already act as (then the path is: change it, then move to it).
 */
import type { World } from "../compile/request.js";
import type { Principal, SessionSpec } from "../model/types.js";
import { adminCheck, type AdminAnswer } from "./admin.js";
import { CHANGE_CHECKERS, EDGE_CHECKERS } from "./edges/all.js";
import { makeNode } from "./nodes.js";
import { stepKey, type StepAnswer, type StepOracle, type StepQuery } from "./step.js";
import { buildTrustIndex } from "./trust-index.js";
import type { Attempt, Change, GraphContext, GraphNode, TrustIndex } from "./types.js";

/** A step asked while expanding a node (its attempts, its admin probes) that was not allowed. */
export interface DeniedStep {
  readonly query: StepQuery;
  readonly answer: StepAnswer;
}

export interface Graph {
  readonly ctx: GraphContext;
  /** The steps asked for a node already expanded that were not allowed (what a proof must cover). */
  denied(node: GraphNode): ReadonlyMap<string, DeniedStep>;
  /** Every attempt out of a node: the allowed ones are its edges, the others end in a blocked step. */
  attempts(node: GraphNode): readonly Attempt[];
  admin(node: GraphNode): AdminAnswer;
  start(principal: Principal, session?: SessionSpec): GraphNode;
  /** Starts counting the requests of a new expectation (`counter` back to 0). */
  recount(): void;
}

/**
 * `trust`: the index of a graph already built on the same world (it depends on the environment only).
 * `counter` counts the requests the answers rest on. An answer computed for an earlier expectation is
 * kept, and counted again (what it cost to compute) the first time a later expectation uses it, so
 * that an expectation's evidence does not depend on which expectations the same thread checked before
 * it (worker threads share the expectations of a run out between them).
 */
export function buildGraph(world: World, search: StepOracle, trust: TrustIndex = buildTrustIndex(world.env), counter?: { requests: number }, readings: "some" | "every" = "some"): Graph {
  const cost = new Map<string, number>();
  let used = new Set<string>();
  const memo = <T>(cache: Map<string, T>, key: string, compute: () => T): T => {
    let v = cache.get(key);
    if (v === undefined) {
      const before = counter?.requests ?? 0;
      cache.set(key, (v = compute()));
      cost.set(key, (counter?.requests ?? 0) - before);
    } else if (counter && !used.has(key)) {
      counter.requests += cost.get(key) ?? 0;
    }
    used.add(key);
    return v;
  };
  // Every denied answer is kept with the node whose expansion asked it.
  const deniedOf = new Map<string, Map<string, DeniedStep>>();
  const recorders: Map<string, DeniedStep>[] = [];
  const ask: StepOracle = (q) => {
    const answer = search(q);
    if (!answer.allowed) recorders[recorders.length - 1]?.set(stepKey(q), { query: q, answer });
    return answer;
  };
  const recorded = <T>(node: GraphNode, work: () => T): T => {
    let m = deniedOf.get(node.key);
    if (!m) deniedOf.set(node.key, (m = new Map()));
    recorders.push(m);
    try {
      return work();
    } finally {
      recorders.pop();
    }
  };
  const nodes = new Map<string, GraphNode>();
  const intern = (n: GraphNode) => {
    const known = nodes.get(n.key);
    if (known) return known;
    nodes.set(n.key, n);
    return n;
  };
  const ctx: GraphContext = {
    world,
    ask,
    trust,
    readings,
    node: (principal: Principal, changes: readonly Change[] = [], session?: SessionSpec) => intern(makeNode(world.env, principal, changes, session)),
  };
  const attemptsOf = new Map<string, readonly Attempt[]>();
  const adminOf = new Map<string, AdminAnswer>();
  const inEnvironment = (account: string) => world.env.accounts.has(account);
  const admin = (node: GraphNode): AdminAnswer => memo(adminOf, `admin\n${node.key}`, () => recorded(node, () => adminCheck(node, ask, inEnvironment)));

  const expand = (node: GraphNode): Attempt[] => {
    const direct = EDGE_CHECKERS.flatMap((c) => c.attempts(node, ctx));
    const out = [...direct];
    // An administrator gains nothing by changing its own permissions; a principal it can act as may
    // still need a change to take the next step (a permission to assume a role of another account).
    if (!admin(node).admin) for (const c of CHANGE_CHECKERS) out.push(...c.changes(node, node, ctx));
    // A principal the node can already act as, changed by the node, then acted as.
    for (const edge of direct) {
      if (edge.blocked || edge.to.changes.length > 0 || edge.to.accountId !== node.accountId) continue;
      for (const c of CHANGE_CHECKERS)
        for (const change of c.changes(node, edge.to, ctx)) {
          out.push(change.blocked ? change : { to: change.to, method: `${change.method} + ${edge.method}`, steps: [...change.steps, ...edge.steps] });
        }
    }
    return out;
  };

  return {
    ctx,
    attempts(node) {
      // The admin answer first (expand asks it too): each cost is then counted once, on its own.
      admin(node);
      return memo(attemptsOf, `attempts\n${node.key}`, () => recorded(node, () => expand(node)));
    },
    admin,
    denied: (node) => deniedOf.get(node.key) ?? new Map(),
    start: (principal, session) => intern(makeNode(world.env, principal, [], session)),
    recount() {
      used = new Set();
      if (counter) counter.requests = 0;
    },
  };
}
