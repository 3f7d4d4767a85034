/**
 * The compile stage: an expectation of the model -> evaluator requests -> pass / fail with a
 * counterexample. The fuzzer (issue 4) plugs in as another RequestSource.
 */
export { checkExpectation, DEFAULT_RUNS, type CheckOptions, type Outcome } from "./check.js";
export { buildWorld, buildInput, type Evaluator, type World } from "./request.js";
export { callerOf, type Caller } from "./caller.js";
export { checkChain, type ChainOutcome } from "./chain.js";
export { expandActions } from "./actions.js";
export { sampleResources, fillWildcards, SAMPLE_TEXT } from "./resources.js";
export { enumeratePrincipals, UNKNOWN_ACCOUNT } from "./principal-sets.js";
export {
  exactSource,
  whenConstraints,
  writtenContext,
  type Budget,
  type Candidate,
  type RequestContext,
  type RequestSource,
  type RequestSpace,
  type WhenConstraints,
} from "./sources.js";
