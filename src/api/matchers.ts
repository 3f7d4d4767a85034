/**
 * The test-framework matchers' logic, independent of the framework (contract section 7): each takes
 * the keys of one expectation and means what the spec file means, through the same loader and checker
 * as `iam-spec test`. A matcher answers `pass` and a message for either outcome (frameworks show the
 * one that applies: the failure of the assertion or of its `.not`). Invalid keys throw: an input error
 * fails the test whether or not `.not` is used; it is never a pass.
 */
import { formatInputError, inputError, InputErrors } from "../load/errors.js";
import type { SourcePos } from "../model/types.js";
import { describeEvidence } from "../report/evidence.js";
import { PrettyReporter } from "../report/pretty.js";
import { checkOne, expectationFromKeys } from "../run/single.js";
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

function match(received: unknown, keys: ExpectationKeys, effect: "may" | "mayNot", name: string): MatcherOutcome {
  if (!(received instanceof IamEnvironment)) {
    throw new TypeError(`${name}: expect() needs an environment from loadEnvironment(path), got ${received === null ? "null" : typeof received}`);
  }
  const at = IamEnvironment.loaded(received);
  const { seed: seedKey, ...rest } = (keys ?? {}) as ExpectationKeys & Record<string, unknown>;
  if (seedKey !== undefined && !(Number.isSafeInteger(seedKey) && seedKey >= 0 && seedKey <= 0xffffffff)) {
    throw new MatcherInputError(name, [inputError("schema", WHERE, `seed must be an integer from 0 to 4294967295, got ${JSON.stringify(seedKey)}`, "e.g. seed: 42")]);
  }
  const seed = seedKey ?? defaultSeed();
  const built = expectationFromKeys(at, rest, effect, WHERE);
  if (!built.ok) throw new MatcherInputError(name, built.errors);
  const cwd = process.cwd();
  const results = checkOne(at, built.value, { seed, cwd, file: `(${name})`, runs: undefined });
  const errors = results.filter((r) => r.status === "error");
  if (errors.length > 0) {
    throw new Error(`${name}: invalid input\n${errors.map((e) => `  ${e.message ?? "invalid input"}${e.hint ? ` (${e.hint})` : ""}`).join("\n")}`);
  }
  const failed = results.find((r) => r.status === "failed");
  const what = built.value.it;
  if (failed) {
    const lines = new PrettyReporter({ color: false }).failure({ ...failed, reproduce: `seed: ${seed} (pass seed, or set IAM_SPEC_SEED)` });
    // The first line names the file and position of a spec; a matcher has neither.
    return { pass: false, message: () => [`expected ${what}`, ...lines.slice(1)].join("\n") };
  }
  const evidence = results.find((r) => r.evidence)?.evidence;
  const how = evidence ? describeEvidence(evidence) : "";
  const held = effect === "may" ? `it is allowed${how ? ` (${how})` : ""}` : `no allowed request was found: ${how || "none"} (seed ${seed})`;
  return { pass: true, message: () => `expected not: ${what}, but ${held}` };
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
