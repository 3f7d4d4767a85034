/**
 * One expectation given as plain keys (a test-framework matcher's argument, the command line of
 * `iam-spec explain`) against one loaded environment: validated with the spec schema, built by the same
 * code as a spec file's expectations and checked by the same checker, so that it means what the spec
 * file means. Synchronous: matchers cannot wait.
 */
import { relative, sep } from "node:path";
import { checkExpectation, DEFAULT_RUNS } from "../compile/check.js";
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
import type { Environment, Expectation, LoadedPolicy, SourcePos } from "../model/types.js";
import type { ExpectationResult } from "../report/types.js";
import { toResults } from "./run-suite.js";

/** The keys of one expectation, as a spec file writes them, with `action` for `may` / `mayNot`. */
export const EXPECTATION_KEYS = ["it", "as", "assumedBy", "action", "on", "when", "session", "runs", "exact"] as const;

export const EVALUATOR: Evaluator = { evaluate, explain };
/** The mayNot request source, as `iam-spec test` uses it (the fuzzer). */
const SOURCE = fuzzSource();


/** `keys` as an expectation with `effect`; every problem is an input error at `where`. */
export function expectationFromKeys(at: EnvironmentAt, keys: Readonly<Record<string, unknown>>, effect: "may" | "mayNot", where: SourcePos): Loaded<Expectation> {
  const fail = (errors: InputError[]): Loaded<Expectation> => ({ ok: false, errors, warnings: [] });
  if (keys === null || typeof keys !== "object" || Array.isArray(keys)) {
    return fail([inputError("schema", where, "expected the keys of one expectation", `an object with ${EXPECTATION_KEYS.join(", ")}`)]);
  }
  const errors: InputError[] = [];
  for (const k of Object.keys(keys)) {
    if (!(EXPECTATION_KEYS as readonly string[]).includes(k)) {
      errors.push(inputError("schema", where, `unknown key "${k}"`, didYouMean(k, EXPECTATION_KEYS) ?? `allowed keys: ${EXPECTATION_KEYS.join(", ")}`));
    }
  }
  if (keys.action === undefined) errors.push(inputError("schema", where, 'missing key "action"', "name an action or a list of actions (s3:GetObject, iam:*)"));
  if (errors.length > 0) return fail(errors);
  const { action, ...rest } = keys;
  const item = fromJS({ ...rest, [effect]: action }, where) as LMap;
  // The schema knows the key as may / mayNot; here it is written `action`.
  errors.push(...validateAgainst(item, EXPECTATION_SCHEMA, schemas).map((e) => ({ ...e, message: e.message.replace(/^(may|mayNot)\b/, "action") })));
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

/** Checks `exp` as `iam-spec test` does; the result is reported like one of a suite (paths relative to `cwd`). */
export function checkOne(at: EnvironmentAt, exp: Expectation, options: { seed: number; runs?: number | undefined; cwd: string; file: string }): ExpectationResult[] {
  const rel = (f: string) => relative(options.cwd, f).split(sep).join("/") || f;
  let outcome;
  try {
    outcome = checkExpectation(worldOf(at.environment), exp, { seed: options.seed, runs: options.runs ?? DEFAULT_RUNS, evaluator: EVALUATOR, source: SOURCE });
  } catch (err) {
    outcome = { status: "crash" as const, message: err instanceof Error ? err.message : String(err) };
  }
  return toResults(outcome, exp, options.file, rel, `seed ${options.seed}`);
}
