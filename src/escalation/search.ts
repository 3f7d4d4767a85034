/**
 * Shortest path first: a breadth-first search over the graph from one start node to the first node
 * that is a target. Attempts that end in a blocked step and would have reached a target are kept:
 * the one closest to the start (then the one with the most allowed steps) is what a failing
 * mayBecome reports.
 */
import type { PathStep } from "../report/types.js";
import type { Graph } from "./graph.js";
import type { Attempt, GraphNode } from "./types.js";

export interface SearchResult {
  /** The path to the first target found, the start it begins at, and that target node. */
  found?: { path: PathStep[]; start: GraphNode; end: GraphNode };
  /** No path: the most promising attempt, as the path up to and including its blocked step. */
  closest?: PathStep[];
  /** Nodes reached. */
  explored: number;
  /** The search stopped at MAX_NODES before it ran out of nodes. */
  truncated?: boolean;
  /** Attempts were left out by `skip`. */
  skipped?: boolean;
}

/** The most nodes one search visits; beyond it the search stops and says so through `explored`. */
export const MAX_NODES = 100_000;

/**
 * `skip`: attempts the search does not follow (a step allowed under one reading of an open point
 * only); `skipped` in the result says whether it left any out.
 */
export function shortestPath(graph: Graph, start: GraphNode | readonly GraphNode[], isTarget: (n: GraphNode) => boolean, wantClosest = false, skip?: (a: Attempt) => boolean): SearchResult {
  // Several starts search together (a fuzzed `as`): the first target reached is the closest to any of them.
  const starts = Array.isArray(start) ? (start as readonly GraphNode[]) : [start as GraphNode];
  const parent = new Map<string, { from: GraphNode; via: Attempt } | null>(starts.map((s) => [s.key, null]));
  const pathTo = (n: GraphNode): PathStep[] => {
    const out: PathStep[][] = [];
    for (let p = parent.get(n.key); p; p = parent.get(p.from.key)) out.push([...p.via.steps]);
    return out.reverse().flat();
  };
  const rootOf = (n: GraphNode): GraphNode => {
    let node = n;
    for (let p = parent.get(node.key); p; p = parent.get(node.key)) node = p.from;
    return node;
  };
  let closest: { depth: number; attempt: Attempt; from: GraphNode } | undefined;
  let skipped = false;
  let frontier: GraphNode[] = [...new Map(starts.map((s) => [s.key, s])).values()];
  for (let depth = 0; frontier.length > 0 && parent.size < MAX_NODES; depth++) {
    const next: GraphNode[] = [];
    for (const node of frontier) {
      if (isTarget(node)) return { found: { path: pathTo(node), start: rootOf(node), end: node }, explored: parent.size };
      for (const a of graph.attempts(node)) {
        if (a.blocked) {
          if (wantClosest && (!closest || (closest.depth === depth && a.steps.length > closest.attempt.steps.length))) {
            if (isTarget(a.to)) closest = { depth, attempt: a, from: node };
          }
          continue;
        }
        if (parent.has(a.to.key)) continue;
        if (skip?.(a)) {
          skipped = true;
          continue;
        }
        parent.set(a.to.key, { from: node, via: a });
        next.push(a.to);
      }
    }
    frontier = next;
  }
  return {
    ...(frontier.length > 0 ? { truncated: true } : {}),
    ...(skipped ? { skipped } : {}),
    ...(closest ? { closest: [...pathTo(closest.from), ...closest.attempt.steps, closest.attempt.blocked!] } : {}),
    explored: parent.size,
  };
}
