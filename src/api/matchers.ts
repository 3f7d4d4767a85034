/**
 * The test-framework matchers' logic, independent of the framework (contract section 7): each takes
 * the keys of one expectation and means what the spec file means, through the same loader and checker
 * as `iam-spec test`. A matcher answers `pass` and a message for either outcome (frameworks show the
 * one that applies: the failure of the assertion or of its `.not`). Invalid keys throw: an input error
 * fails the test whether or not `.not` is used; it is never a pass.
 */
import { formatInputError, inputError, InputErrors } from "../load/errors.js";
import type { Effect, SourcePos } from "../model/types.js";
import { describeEvidence } from "../report/evidence.js";
import { PrettyReporter } from "../report/pretty.js";
import { proveStep } from "../run/prove-step.js";
import { checkOne, expectationFromKeys, proveOne } from "../run/single.js";
import type { ExpectationResult } from "../report/types.js";
import { IamEnvironment } from "./environment.js";

/** The keys of one expectation (spec-format.md section 2), `action` standing for `may` / `mayNot`. */
export interface ExpectationKeys {
  /** Who asks: role/NAME, user/NAME, an ARN, an account id, anonymous, or a mapping ({ service }, { federated }; for toNeverAllow also "*", { from }, { notFrom }). */
  as: string | Record<string, unknown>;
  /** Principals who assume the role in `as` first (a chain, first hop first). */
  assumedBy?: string | Record<string, unknown> | (string | Record<string, unknown>)[];
  /** One action or a list; patterns with * and ? allowed. */
  action: string | string[];
  /** Resource ARN(s), patterns allowed; default "*". Or { match, except }. */
  on?: string | string[] | { match: string | string[]; except?: string | string[] };
  /** Request context: condition key -> value (null: absent; for toNeverAllow also { not: ... }). */
  when?: Record<string, unknown>;
  /** For a role in `as`: name, policies (documents or customer managed policy ARNs), tags, sourceIdentity, durationSeconds. */
  session?: Record<string, unknown>;
  /** Fuzzing budget of toNeverAllow (requests tried). */
  runs?: number;
  /** true: only the request exactly as written. */
  exact?: boolean;
  /** A name for messages. */
  it?: string;
  /** Seed for sampling and fuzzing (default: IAM_SPEC_SEED, else 0), so a failure reproduces. */
  seed?: number;
}

/**
 * The keys of a mayBecome / mayNotBecome (contract section 2a): those of an expectation, with `target`
 * (a user or role of the environment, `admin`, or a list) for the targets; `on` and `assumedBy` do not apply.
 */
export type BecomeKeys = Omit<ExpectationKeys, "action" | "on" | "assumedBy"> & {
  target: string | Record<string, unknown> | (string | Record<string, unknown>)[];
};

export interface MatcherOutcome {
  pass: boolean;
  message: () => string;
}

const WHERE: SourcePos = { file: "(matcher)", line: 1, column: 1 };

export function matchAllow(received: unknown, keys: ExpectationKeys, name = "toAllow"): MatcherOutcome {
  return match(received, keys, "may", name);
}

export function matchNeverAllow(received: unknown, keys: ExpectationKeys, name = "toNeverAllow"): MatcherOutcome {
  return match(received, keys, "mayNot", name);
}

export function matchBecome(received: unknown, keys: BecomeKeys, name = "toBecome"): MatcherOutcome {
  return match(received, keys, "mayBecome", name);
}

export function matchNeverBecome(received: unknown, keys: BecomeKeys, name = "toNeverBecome"): MatcherOutcome {
  return match(received, keys, "mayNotBecome", name);
}

/** A matcher's keys as an expectation, checked: the environment, the expectation and the seed. */
function prepare(received: unknown, keys: ExpectationKeys | BecomeKeys, effect: Effect, name: string) {
  if (!(received instanceof IamEnvironment)) {
    throw new TypeError(`${name}: expect() needs an environment from loadEnvironment(path), got ${received === null ? "null" : typeof received}`);
  }
  const at = IamEnvironment.loaded(received);
  const { seed: seedKey, ...rest } = (keys ?? {}) as (ExpectationKeys | BecomeKeys) & Record<string, unknown>;
  if (seedKey !== undefined && !(Number.isSafeInteger(seedKey) && seedKey >= 0 && seedKey <= 0xffffffff)) {
    throw new MatcherInputError(name, [inputError("schema", WHERE, `seed must be an integer from 0 to 4294967295, got ${JSON.stringify(seedKey)}`, "e.g. seed: 42")]);
  }
  const seed = seedKey ?? defaultSeed();
  const built = expectationFromKeys(at, rest, effect, WHERE);
  if (!built.ok) throw new MatcherInputError(name, built.errors);
  return { at, exp: built.value, seed, options: { seed, cwd: process.cwd(), file: `(${name})`, runs: undefined } };
}

/**
 * What the synchronous matchers say of a result that rests on samples: how many requests, and that
 * no proof was attempted (the prover is asynchronous).
 */
function sampledNote(effect: Effect, requests: number): string {
  const proving = effect === "mayNot" ? "await expect(env).toProveNeverAllow(...) proves" : effect === "mayNotBecome" ? "await expect(env).toProveNeverBecome(...) proves" : "iam-spec test runs it";
  return `sampled: ${requests} request${requests === 1 ? "" : "s"} searched, not proved (this matcher does not run the prover; ${proving})`;
}

function match(received: unknown, keys: ExpectationKeys | BecomeKeys, effect: Effect, name: string): MatcherOutcome {
  const { at, exp, seed, options } = prepare(received, keys, effect, name);
  return outcomeOf(checkOne(at, exp, options), effect, seed, exp.it, name, true);
}

/** The matcher's answer from the results of its one expectation. */
function outcomeOf(results: readonly ExpectationResult[], effect: Effect, seed: number, what: string, name: string, sampling = false): MatcherOutcome {
  const errors = results.filter((r) => r.status === "error");
  if (errors.length > 0) {
    throw new Error(`${name}: invalid input\n${errors.map((e) => `  ${e.message ?? "invalid input"}${e.hint ? ` (${e.hint})` : ""}`).join("\n")}`);
  }
  const failed = results.find((r) => r.status === "failed");
  if (failed) {
    const lines = new PrettyReporter({ color: false }).failure({ ...failed, reproduce: `seed: ${seed} (pass seed, or set IAM_SPEC_SEED)` });
    // A failure that rests on samples (a mayBecome whose path was not found: no counterexample, a reason) says so.
    const note = sampling && failed.evidence?.method === "sampled" && failed.evidence.reason ? [`  ${sampledNote(effect, failed.evidence.requests)}`] : [];
    // The first line names the file and position of a spec; a matcher has neither.
    return { pass: false, message: () => [`expected ${what}`, ...note, ...lines.slice(1)].join("\n") };
  }
  const evidence = results.find((r) => r.evidence)?.evidence;
  const how = evidence ? (sampling && evidence.method === "sampled" ? sampledNote(effect, evidence.requests) : describeEvidence(evidence)) : "";
  const path = results.find((r) => r.path)?.path;
  const held =
    effect === "may"
      ? `it is allowed${how ? ` (${how})` : ""}`
      : effect === "mayBecome"
        ? `a path was found: ${(path ?? []).map((st) => `${st.principal} ${st.action} ${st.resource}`).join(" -> ") || "(as already is the target)"}`
        : `no ${effect === "mayNotBecome" ? "path" : "allowed request"} was found: ${how || "none"} (seed ${seed})`;
  return { pass: true, message: () => `expected not: ${what}, but ${held}` };
}

/**
 * Extension: `toNeverAllow` / `toNeverBecome` proved, as `iam-spec test --require-proof` proves them
 * (the runner's prover: src/run/prove-step.ts). Passes only when every request (every step of every
 * path) is proved not allowed, or decided exactly; a pass that could only be sampled fails, with the
 * reason. The solver is started for this call when a proof needs it, and closed after.
 */
export async function matchProveNeverAllow(received: unknown, keys: ExpectationKeys, name = "toProveNeverAllow"): Promise<MatcherOutcome> {
  return proveMatch(received, keys, "mayNot", name);
}

export async function matchProveNeverBecome(received: unknown, keys: BecomeKeys, name = "toProveNeverBecome"): Promise<MatcherOutcome> {
  return proveMatch(received, keys, "mayNotBecome", name);
}

async function proveMatch(received: unknown, keys: ExpectationKeys | BecomeKeys, effect: Effect, name: string): Promise<MatcherOutcome> {
  const { at, exp, seed, options } = prepare(received, keys, effect, name);
  const prover = proveStep();
  try {
    return outcomeOf(await proveOne(at, exp, options, prover), effect, seed, exp.it, name);
  } finally {
    await prover.close();
  }
}

function defaultSeed(): number {
  const env = process.env["IAM_SPEC_SEED"];
  const n = env === undefined ? NaN : Number(env);
  return Number.isSafeInteger(n) && n >= 0 && n <= 0xffffffff ? n : 0;
}

/** Input errors of a matcher's keys: the message lists each with its hint. */
export class MatcherInputError extends InputErrors {
  constructor(name: string, errors: ConstructorParameters<typeof InputErrors>[0]) {
    super(errors);
    this.name = "MatcherInputError";
    this.message = `${name}: invalid expectation\n${errors.map((e) => `  ${formatInputError(e).replace(/^\(matcher\):1:1: /, "")}`).join("\n")}`;
  }
}
