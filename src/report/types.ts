/**
 * What a suite run produces, independent of how it is shown. Reporters only read this; the JSON
 * reporter prints it almost verbatim, so the field names here follow contract section 6.
 */
import type { CoverageReport } from "../statement-coverage/coverage.js";
import type { ContextValue, Decision, StatementRef } from "../types.js";

export type ExpectationStatus = "passed" | "failed" | "error";

/** The concrete request that broke an expectation (contract section 6). */
export interface Counterexample {
  principal: string;
  action: string;
  resource: string;
  context: Record<string, ContextValue>;
  decision: Decision;
}

/**
 * One step of a path between principals (contract sections 2a and 6): the request that `principal`
 * makes, and its decision. Extension: `context`, the request context of that request, and `method`,
 * the escalation method the step belongs to (docs/escalation.md).
 */
export interface PathStep {
  principal: string;
  action: string;
  resource: string;
  decision: Decision;
  context?: Record<string, ContextValue>;
  method?: string;
  /** Open points whose other reading would change this step's decision (src/evaluator/readings.ts). */
  undetermined?: readonly string[];
}

/** A statement that decided, as the evaluator's explain() names it (policy, index, Sid, file, line, level). */
export type DecidingStatement = StatementRef;

/**
 * How much a result rests on (contract section 6). `exact`: the request(s) exactly as written (every
 * `may`, and `exact: true`); `proved`: a solver showed that no request of the whole space is allowed;
 * `sampled`: no allowed request among those tried. `requests` counts the concrete requests evaluated.
 */
export interface Evidence {
  method: "exact" | "proved" | "sampled";
  requests: number;
  /** Extension: why a `sampled` result was not proved (no proof attempted, a solver timeout, ...). */
  reason?: string;
  /** Extension: how many questions the prover put to the solver (after sampling). */
  queries?: number;
}

export interface SourcePosition {
  line: number;
  column: number;
}

export interface ExpectationResult {
  /** The spec file, relative to the working directory. */
  file: string;
  name: string;
  status: ExpectationStatus;
  /** One line on why it failed or could not run. */
  message?: string;
  /** For input errors: how to fix it. */
  hint?: string;
  counterexample?: Counterexample;
  /** Where the expectation (or the input error) is in `file`. */
  position?: SourcePosition;
  deciding?: DecidingStatement[];
  /** One sentence from the evaluator on why the decision came out as it did. */
  reason?: string;
  /** mayBecome / mayNotBecome: the path found (or, for a failed mayBecome, the closest one, ending in the blocked step). */
  path?: PathStep[];
  /** What the result rests on; on every result of an expectation that was checked. */
  evidence?: Evidence;
  /** A command line that reruns the suite the same way. */
  reproduce?: string;
  /**
   * The open points (docs/aws-semantics-decision.md §13) the answer depends on: it holds under some
   * of their readings only (contract section 6).
   */
  undetermined?: string[];
  /**
   * Extension: something the reader must know about a pass, e.g. that `--fuzz-time` ran out and the
   * random search of this expectation was cut short (a weaker pass than usual).
   */
  note?: string;
}

export interface Summary {
  passed: number;
  failed: number;
  errors: number;
}

export interface SuiteResult {
  seed: number;
  summary: Summary;
  results: ExpectationResult[];
  /** Extension: the slice of the run this report covers (`--shard I/N`). */
  shard?: { index: number; count: number };
  /** Extension: things AWS accepts that probably do not do what was meant (an unknown action in a policy). */
  warnings?: string[];
  /** `--coverage`: which policy statements the expectations reached. */
  coverage?: CoverageReport;
}

/** Where reporters write: injected so that tests and the CLI do not share process globals. */
export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * One way of showing a finished suite. Like vitest's reporters, each lives in its own file and is
 * picked by name on the command line.
 */
export interface Reporter {
  readonly name: string;
  report(result: SuiteResult, out: Output): void;
}

export function summarize(results: readonly ExpectationResult[]): Summary {
  const summary: Summary = { passed: 0, failed: 0, errors: 0 };
  for (const r of results) {
    if (r.status === "passed") summary.passed++;
    else if (r.status === "failed") summary.failed++;
    else summary.errors++;
  }
  return summary;
}

/** Contract section 5: 2 when any input is invalid, else 1 when any expectation does not hold. */
export function exitCodeOf(summary: Summary): 0 | 1 | 2 {
  if (summary.errors > 0) return 2;
  if (summary.failed > 0) return 1;
  return 0;
}

/** `file:line:column: message (hint)`, the one format every input error is shown in. */
export function formatInputError(r: Pick<ExpectationResult, "file" | "position" | "message" | "hint">): string {
  const where = r.position ? `${r.file}:${r.position.line}:${r.position.column}` : r.file;
  return `${where}: ${r.message ?? "invalid input"}${r.hint ? ` (${r.hint})` : ""}`;
}
