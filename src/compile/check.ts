/**
 * Decides one expectation (contract sections 2 and 4).
 * - `may`: every action x every sampled resource is allowed, with the context exactly `when` + derived.
 * - `mayNot`: no candidate request from the RequestSource is allowed. `exact: true` uses only the
 *   written request.
 * A chain (`assumedBy`) or session that cannot come to exist fails a `may` and satisfies a `mayNot`.
 */
import { inputError, type InputError } from "../load/errors.js";
import { compileArnPattern } from "../match/arn.js";
import type { Expectation, Principal } from "../model/types.js";
import type { Counterexample, DecidingStatement } from "../report/types.js";
import type { ExplainedResult, StatementRef } from "../types.js";
import { expandActions } from "./actions.js";
import { callerOf, type Caller } from "./caller.js";
import { chainPolicies, checkChain } from "./chain.js";
import { enumeratePrincipals } from "./principal-sets.js";
import { buildInput, policiesInPlay, type Evaluator, type World } from "./request.js";
import { sampleResources } from "./resources.js";
import { exactSource, literalSource, whenConstraints, writtenContext, type Candidate, type RequestContext, type RequestSource } from "./sources.js";

export interface CheckOptions {
  seed: number;
  /** Default budget when the expectation has no `runs`. */
  runs: number;
  /** The source of `mayNot` candidates for non-exact expectations (default: literalSource). */
  source?: RequestSource;
  evaluator: Evaluator;
}

export type Outcome =
  | { status: "passed"; note?: string }
  | {
      status: "failed";
      message: string;
      counterexample?: Counterexample;
      deciding?: DecidingStatement[];
      reason?: string;
    }
  | { status: "error"; errors: InputError[] };

export const DEFAULT_RUNS = 100;

export function checkExpectation(world: World, exp: Expectation, options: CheckOptions): Outcome {
  const { actions, errors } = expandActions(exp.actions);
  const when = whenConstraints(exp.when);
  if (exp.effect === "may") {
    for (const w of exp.when) {
      const v = w.value;
      if (v !== null && typeof v === "object" && !Array.isArray(v)) {
        errors.push(inputError("schema", w.pos, `"${w.key}: { not: ... }" is only allowed in a mayNot expectation`, "give a concrete value for may"));
      }
    }
    if (exp.as.kind === "set") {
      errors.push(inputError("principal", exp.as.pos ?? exp.pos, `"${exp.as.written}" is a set of principals, only allowed in a mayNot expectation`, "name one principal for may"));
    }
  }
  if (errors.length > 0) return { status: "error", errors };

  const request = writtenContext(when);
  const principals = principalsOf(world, exp);
  const fallbackAccount = onAccount(exp) ?? firstAccount(world);
  const callers: Caller[] = [];
  // For a mayNot, whether the chain exists depends on the candidate's context (an unpinned claim of
  // the token is free too), so it is checked per candidate below; a may uses the written request.
  const chainOf = new Map<Caller, Principal>();
  for (const p of principals) {
    if (exp.effect === "may") {
      const chain = checkChain(world, exp, p, request, options.evaluator);
      if (!chain.ok) {
        const r = chain.refused;
        return {
          status: "failed",
          message: chain.message,
          ...(r ? { counterexample: counterexample(r.caller, r.action, r.resource, r.context, r.decision), ...explanation(r.explained) } : {}),
        };
      }
    }
    const caller = callerOf(p, world.env, exp.session, fallbackAccount);
    chainOf.set(caller, p);
    callers.push(caller);
  }

  const accountFor = (c: Caller) => c.accountId ?? world.env.accounts.keys().next().value ?? "111122223333";
  const resourceCache = new Map<string, string[]>();
  const resourcesFor = (action: string, caller: Caller): string[] => {
    const account = accountFor(caller);
    const key = `${action}\n${account}`;
    let r = resourceCache.get(key);
    if (!r) {
      r = sampleResources(exp.on, action, world.envArns, { account });
      resourceCache.set(key, r);
    }
    return r;
  };

  if (exp.effect === "may") {
    for (const caller of callers)
      for (const action of actions)
        for (const resource of resourcesFor(action, caller)) {
          const input = buildInput(world, caller, action, resource, request);
          const { decision } = options.evaluator.evaluate(input);
          if (decision !== "Allow") {
            const explained = options.evaluator.explain(input);
            return {
              status: "failed",
              message: `${decision === "ExplicitDeny" ? "explicitly denied" : "not allowed"}: ${action} on ${resource}`,
              counterexample: counterexample(caller, action, resource, request, decision),
              ...explanation(explained),
            };
          }
        }
    return { status: "passed" };
  }

  const source = exp.exact ? exactSource : (options.source ?? literalSource);
  const space = {
    callers,
    actions,
    resourcesFor,
    inScope: resourceScope(exp),
    policiesFor: (caller: Caller, action: string, resource: string) => [
      ...policiesInPlay(world, caller, action, resource),
      ...chainPolicies(world, exp, chainOf.get(caller)),
    ],
    when,
  };
  const chainCache = new Map<string, boolean>();
  const chainExists = (c: Candidate): boolean => {
    const p = chainOf.get(c.caller);
    if (!p) return true;
    const key = `${callers.indexOf(c.caller)}\n${JSON.stringify(c.context)}`;
    let ok = chainCache.get(key);
    if (ok === undefined) {
      ok = checkChain(world, exp, p, c.context, options.evaluator).ok;
      chainCache.set(key, ok);
    }
    return ok;
  };
  for (const c of source.candidates(space, { seed: options.seed, runs: exp.runs ?? options.runs })) {
    // A session that cannot come to exist in this context does nothing in it.
    if (!chainExists(c)) continue;
    const input = buildInput(world, c.caller, c.action, c.resource, c.context);
    if (options.evaluator.evaluate(input).decision === "Allow") {
      const explained = options.evaluator.explain(input);
      return {
        status: "failed",
        message: `allowed: ${c.action} on ${c.resource}`,
        counterexample: counterexample(c.caller, c.action, c.resource, c.context, "Allow"),
        ...explanation(explained),
      };
    }
  }
  return { status: "passed" };
}

function resourceScope(exp: Expectation): (arn: string) => boolean {
  const match = exp.on.match.map((w) => compileArnPattern(w.text));
  const except = exp.on.except.map((w) => compileArnPattern(w.text));
  return (arn) => match.some((m) => m(arn)) && !except.some((m) => m(arn));
}

function principalsOf(world: World, exp: Expectation): Principal[] {
  if (exp.as.kind !== "set") return [exp.as];
  const docs: unknown[] = [];
  for (const a of world.env.accounts.values()) {
    for (const r of a.resources.values()) if (r.policy) docs.push(r.policy.document);
    for (const r of a.roles.values()) if (r.trust) docs.push(r.trust.document);
  }
  return enumeratePrincipals(exp.as, world.env, docs);
}

/** The account of the first `on` ARN: where a bare `{ federated: host }` provider lives when it is the caller. */
function onAccount(exp: Expectation): string | undefined {
  const account = exp.on.match[0]?.text.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

function firstAccount(world: World): string | undefined {
  return world.env.accounts.keys().next().value;
}

function counterexample(caller: Caller, action: string, resource: string, context: RequestContext, decision: Counterexample["decision"]): Counterexample {
  return { principal: caller.principal, action, resource, context: { ...context }, decision };
}

function explanation(e: ExplainedResult): { deciding: DecidingStatement[]; reason: string } {
  return { deciding: e.deciding.map(toDeciding), reason: e.reason };
}

function toDeciding(s: StatementRef): DecidingStatement {
  const out: DecidingStatement = { policyType: s.policyType, policy: s.policy, statementIndex: s.statementIndex, effect: s.effect };
  if (s.sid !== undefined) out.sid = s.sid;
  if (s.file !== undefined) out.file = s.file;
  if (s.line !== undefined) out.line = s.line;
  if (s.column !== undefined) out.column = s.column;
  return out;
}
