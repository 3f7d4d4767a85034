/**
 * Proving a `mayNotBecome` (contract section 2a: "a step that could only be sampled makes the
 * expectation `sampled`, never `proved`"). The search found no path; it is re-run over the same
 * answers, recording every step it asked that was NOT allowed: the steps out of every node reachable
 * from `as` (edges, permission changes, the admin probes of each node; the trust index and the checkers'
 * planning only decide which steps are asked, from the environment alone). When each of those steps
 * is proved not allowed (prove-steps.ts), no path exists: `proved`. A step the prover finds allowed
 * is an edge the search missed: the search runs again with it, and a path it completes fails the
 * expectation. A step that could not be proved leaves the expectation `sampled`, with the first
 * reason.
 */
import type { Outcome } from "../compile/check.js";
import { buildGraph, type Graph } from "./graph.js";
import type { TrustIndex } from "./types.js";
import { proveStep, type ProveFn, type StepProof, type StepProofContext } from "./prove-steps.js";
import { stepKey, type StepAnswer, type StepOracle, type StepQuery } from "./step.js";

export interface BecomeProof {
  /** The expectation's outcome once every denied step has been put to the prover. */
  run(prove: ProveFn): Promise<Outcome>;
}

export interface BecomeProofInput {
  context: StepProofContext;
  /** The search's own oracle (its answers are cached): the proof asks the same questions. */
  ask: StepOracle;
  /** Requests the answers rest on (the oracle counts them). */
  counter: { requests: number };
  /** Proofs of steps already decided under the same request space (shared by expectations). */
  proofs: Map<string, Promise<StepProof>>;
  /** The search's trust index (built once per environment). */
  trust: TrustIndex;
  /** The expectation's search on a graph: a failed outcome when a path exists, else undefined. */
  search(graph: Graph): Outcome | undefined;
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
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const denied = new Map<string, StepQuery>();
        // The evidence counts the requests of the last search (the answers are the cached ones).
        counter.requests = 0;
        const ask: StepOracle = (q) => {
          const key = stepKey(q);
          const found = overrides.get(key);
          if (found) return found;
          const a = input.ask(q);
          if (!a.allowed) denied.set(key, q);
          return a;
        };
        const failed = input.search(buildGraph(context.world, ask, input.trust));
        // A path through a step only the prover found: its evidence is the proof's.
        if (failed?.status === "failed" && overrides.size > 0) return { ...failed, evidence: { method: "proved", requests: Math.max(1, counter.requests), queries } };
        if (failed) return failed;
        let unknown: string | undefined;
        let missed = false;
        for (const [key, q] of denied) {
          let p = proofs.get(key);
          if (!p) proofs.set(key, (p = proveStep(context, q, prove)));
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
          overrides.set(key, { allowed: true, context: r.candidate.context, decision: "Allow", requests: 1 });
          missed = true;
        }
        if (!missed) return { status: "passed", evidence: unknown ? evidence("sampled", unknown) : evidence("proved") };
      }
      return { status: "passed", evidence: evidence("sampled", `the prover kept finding steps the search had missed (${MAX_ROUNDS} rounds)`) };
    },
  };
}
