/**
 * Proving a `mayNotBecome` (contract section 2a: "a step that could only be sampled makes the
 * expectation `sampled`, never `proved`"). The search found no path; the steps to prove are those it
 * asked that were NOT allowed, from every node reachable from `as` (each node of the graph keeps the
 * denied steps of its expansion: edges, permission changes, its admin probes; the trust index and the
 * checkers' planning only decide which steps are asked, from the environment alone). When each of those steps
 * is proved not allowed (prove-steps.ts), no path exists: `proved`. A step the prover finds allowed
 * is an edge the search missed: the search runs again with it, and a path it completes fails the
 * expectation. A step that could not be proved leaves the expectation `sampled`, with the first
 * reason.
 */
import type { Outcome } from "../compile/check.js";
import type { Evidence } from "../report/types.js";
import { buildGraph, type Graph } from "./graph.js";
import type { GraphNode, TrustIndex } from "./types.js";
import { proveStep, type ProveFn, type StepProof, type StepProofContext } from "./prove-steps.js";
import { stepKey, type StepAnswer, type StepOracle } from "./step.js";

export interface BecomeProof {
  /** The expectation's outcome once every denied step has been put to the prover. */
  run(prove: ProveFn): Promise<Outcome>;
}

export interface BecomeProofInput {
  context: StepProofContext;
  /** The graph the search ran on (its nodes remember the steps they asked that were not allowed). */
  graph: Graph;
  /** The search's own oracle (its answers are cached): a new graph after a missed step asks it. */
  ask: StepOracle;
  /** The search's trust index (built once per environment). */
  trust: TrustIndex;
  /** Requests the answers rest on (the oracle counts them). */
  counter: { requests: number };
  /** Proofs of steps already decided under the same request space (shared by expectations). */
  proofs: Map<string, Promise<StepProof>>;
  /** The nodes of `as` in a graph. */
  starts(graph: Graph): readonly GraphNode[];
  /** The expectation's search on a graph: its outcome when a path decides it, else undefined. */
  search(graph: Graph): Outcome | undefined;
  /** The outcome when no step was missed: `evidence` says whether every denied step was proved. */
  undecided(evidence: Evidence): Outcome;
}

/** Rounds of "prove, find a missed step, search again" before giving up on a proof. */
const MAX_ROUNDS = 8;

export function becomeProof(input: BecomeProofInput): BecomeProof {
  return {
    async run(prove) {
      const { context, counter, proofs } = input;
      const overrides = new Map<string, StepAnswer>();
      const counted = new Set<string>();
      let queries = 0;
      const evidence = (method: "proved" | "sampled", reason?: string) => ({
        method,
        requests: Math.max(1, counter.requests),
        queries,
        ...(reason ? { reason } : {}),
      });
      // The search has run on this graph and found no path.
      let graph = input.graph;
      for (let round = 0; round < MAX_ROUNDS; round++) {
        if (round > 0) {
          // The evidence counts the requests of the last search (the answers are the cached ones).
          counter.requests = 0;
          graph = buildGraph(context.world, (q) => overrides.get(stepKey(q)) ?? input.ask(q), input.trust, undefined, context.readings);
          const decided = input.search(graph);
          // A path through a step only the prover found: its evidence is the proof's.
          if (decided && decided.status !== "error") return { ...decided, evidence: { method: "proved", requests: Math.max(1, counter.requests), queries } };
          if (decided) return decided;
        }
        let unknown: string | undefined;
        let missed = false;
        for (const node of reachable(graph, input.starts(graph))) {
          for (const [key, { query: q, answer: a }] of graph.denied(node)) {
            let p = proofs.get(key);
            if (!p) proofs.set(key, (p = proveStep(context, q, prove, a)));
            const r = await p;
            if (!counted.has(key)) {
              counted.add(key);
              queries += r.queries;
            }
            if (r.status === "unknown") unknown ??= r.reason;
            if (r.status !== "refuted") continue;
            if (r.candidate.resource !== q.resource) {
              // Another resource the step's wildcard matches: not the request the attempt makes next.
              unknown ??= `the prover found ${q.action} allowed on ${r.candidate.resource}, not the resource ${q.resource} the search asked for`;
              continue;
            }
            if (!overrides.has(key)) missed = true;
            overrides.set(key, { allowed: true, context: r.candidate.context, decision: "Allow", requests: 1 });
          }
        }
        if (!missed) return input.undecided(unknown ? evidence("sampled", unknown) : evidence("proved"));
      }
      return input.undecided(evidence("sampled", `the prover kept finding steps the search had missed (${MAX_ROUNDS} rounds)`));
    },
  };
}

/** Every node a start reaches through allowed steps (the graph expands each, as the search did). */
function reachable(graph: Graph, starts: readonly GraphNode[]): GraphNode[] {
  const seen = new Map(starts.map((n) => [n.key, n]));
  const queue = [...seen.values()];
  for (let i = 0; i < queue.length; i++) {
    for (const a of graph.attempts(queue[i]!)) {
      if (a.blocked || seen.has(a.to.key)) continue;
      seen.set(a.to.key, a.to);
      queue.push(a.to);
    }
  }
  return queue;
}
