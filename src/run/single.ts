/**
 * One expectation given as plain keys (a test-framework matcher's argument, the command line of
 * `iam-spec explain`) against one loaded environment: validated with the spec schema, built by the same
 * code as a spec file's expectations and checked by the same checker, so that it means what the spec
 * file means. Synchronous: matchers cannot wait.
 */
import { buildWorld, type Evaluator, type World } from "../compile/request.js";
import { evaluate, explain } from "../evaluator/evaluate.js";
import { fuzzSource } from "../fuzz/index.js";
import type { EnvironmentAt } from "../load/environment-at.js";
import { inputError, type InputError, type Loaded } from "../load/errors.js";
import { fromJS } from "../load/from-js.js";
import { didYouMean } from "../load/hints.js";
import type { LMap } from "../load/located.js";
import { resolvePolicyRefNow } from "../load/policy-ref.js";
import { validateAgainst } from "../load/schema-validate.js";
import { EXPECTATION_SCHEMA, schemas } from "../load/schemas.js";
import { buildExpectation, schemaErrorPositions } from "../load/spec.js";
import type { Effect, Environment, Expectation, LoadedPolicy, SourcePos } from "../model/types.js";
import type { ExpectationResult } from "../report/types.js";
import { examinedSomething, requireProof, sampleOne, toResults } from "./check-one.js";
import type { ProveStep } from "./prove-step.js";
import { relativeTo } from "./load-suite.js";

/** The keys of one expectation, as a spec file writes them, with `action` for `may` / `mayNot`. */
export const EXPECTATION_KEYS = ["it", "as", "assumedBy", "action", "on", "when", "session", "runs", "exact"] as const;

export const EVALUATOR: Evaluator = { evaluate, explain };
/** The mayNot request source, as `iam-spec test` uses it (the fuzzer). */
const SOURCE = fuzzSource();


/** `keys` as an expectation with `effect`; every problem is an input error at `where`. */
/** The keys of a mayBecome / mayNotBecome: `target` stands for the targets; `on` and `assumedBy` do not apply. */
export const BECOME_KEYS = ["it", "as", "target", "when", "session", "runs", "exact"] as const;

export function expectationFromKeys(at: EnvironmentAt, keys: Readonly<Record<string, unknown>>, effect: Effect, where: SourcePos): Loaded<Expectation> {
  const fail = (errors: InputError[]): Loaded<Expectation> => ({ ok: false, errors, warnings: [] });
  const becoming = effect === "mayBecome" || effect === "mayNotBecome";
  const allowed: readonly string[] = becoming ? BECOME_KEYS : EXPECTATION_KEYS;
  const valueKey = becoming ? "target" : "action";
  if (keys === null || typeof keys !== "object" || Array.isArray(keys)) {
    return fail([inputError("schema", where, "expected the keys of one expectation", `an object with ${allowed.join(", ")}`)]);
  }
  const errors: InputError[] = [];
  for (const k of Object.keys(keys)) {
    if (!allowed.includes(k)) {
      errors.push(inputError("schema", where, `unknown key "${k}"`, didYouMean(k, allowed) ?? `allowed keys: ${allowed.join(", ")}`));
    }
  }
  if (keys[valueKey] === undefined) {
    errors.push(becoming
      ? inputError("schema", where, 'missing key "target"', "name a user or role of the environment (role/NAME, user/NAME), a list of them, or admin")
      : inputError("schema", where, 'missing key "action"', "name an action or a list of actions (s3:GetObject, iam:*)"));
  }
  if (errors.length > 0) return fail(errors);
  const { [valueKey]: value, ...rest } = keys;
  const item = fromJS({ ...rest, [effect]: value }, where) as LMap;
  // The schema knows the key as may / mayNot (mayBecome / mayNotBecome); here it is written `action` (`target`).
  errors.push(...validateAgainst(item, EXPECTATION_SCHEMA, schemas).map((e) => ({ ...e, message: e.message.replace(/^(mayNotBecome|mayBecome|mayNot|may)\b/, valueKey) })));
  if (errors.length > 0) return fail(errors);

  const warnings: InputError[] = [];
  const ctx = { ...at.loader.policies, errors, warnings };
  const sessionPolicies: LoadedPolicy[] = [];
  const session = item.entries.get("session")?.value;
  const policies = session?.kind === "map" ? session.entries.get("policies")?.value : undefined;
  for (const p of policies?.kind === "seq" ? policies.items : []) {
    const now = resolvePolicyRefNow(p, "session", "the session", ctx);
    if (now === "pending") {
      errors.push(inputError("policy", where, "session.policies: here a session policy is a policy document or a customer managed policy ARN of the environment",
        "read a policy file first, e.g. JSON.parse(readFileSync(path, \"utf8\"))"));
    } else if (now.policy) sessionPolicies.push(now.policy);
  }
  const exp = buildExpectation(at.environment, item, 0, ctx, schemaErrorPositions(errors), sessionPolicies);
  if (errors.length > 0 || !exp) return { ok: false, errors, warnings };
  return { ok: true, value: exp, warnings };
}

const worlds = new WeakMap<Environment, World>();

export function worldOf(env: Environment): World {
  let w = worlds.get(env);
  if (!w) worlds.set(env, (w = buildWorld(env)));
  return w;
}

/**
 * Checks `exp` as `iam-spec test` does, through the same sampling function (check-one.ts); the result
 * is reported like one of a suite (paths relative to `cwd`). No proof: the prover is asynchronous.
 */
export function checkOne(at: EnvironmentAt, exp: Expectation, options: { seed: number; runs?: number | undefined; cwd: string; file: string }): ExpectationResult[] {
  const outcome = sampleOne(worldOf(at.environment), exp, { seed: options.seed, runs: options.runs, evaluator: EVALUATOR, source: SOURCE });
  return toResults(examinedSomething(outcome, exp, false), exp, options.file, relativeTo(options.cwd), `seed ${options.seed}`);
}

/**
 * Checks `exp` as `iam-spec test --require-proof` does: sampled first, then the prover decides what
 * sampling left open (the runner's proving step, prove-step.ts); a pass that is only sampled fails
 * with the reason nothing was proved. For the asynchronous matchers (an extension).
 */
export async function proveOne(at: EnvironmentAt, exp: Expectation, options: { seed: number; runs?: number | undefined; cwd: string; file: string }, prover: ProveStep): Promise<ExpectationResult[]> {
  const world = worldOf(at.environment);
  let outcome = sampleOne(world, exp, { seed: options.seed, runs: options.runs, evaluator: EVALUATOR, source: SOURCE });
  if ((outcome.status === "passed" && outcome.space) || (outcome.status !== "error" && outcome.status !== "crash" && outcome.become)) outcome = await prover.run(world, exp, outcome, EVALUATOR);
  return toResults(requireProof(examinedSomething(outcome, exp, false)), exp, options.file, relativeTo(options.cwd), `seed ${options.seed}`);
}
