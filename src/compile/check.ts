/**
 * Decides one expectation (contract sections 2 and 4).
 * - `may`: every action x every sampled resource is allowed, with the context exactly `when` + derived.
 * - `mayNot`: no candidate request from the RequestSource is allowed. `exact: true` uses only the
 *   written request.
 * A chain (`assumedBy`) or session that cannot come to exist fails a `may` and satisfies a `mayNot`.
 */
import { inputError, pathFrom, type InputError } from "../load/errors.js";
import { compileArnPattern, splitArn } from "../match/arn.js";
import { isUnknownPlaceholder } from "../import/unknown.js";
import { partitionOf, sessionArn } from "../model/arn.js";
import type { Environment, Expectation, LoadedPolicy, Principal } from "../model/types.js";
import type { Counterexample, DecidingStatement, Evidence, PathStep } from "../report/types.js";
import type { EvaluateInput, EvaluateResult, ExplainedResult } from "../types.js";
import { expandActions } from "./actions.js";
import { callerOf, type Caller } from "./caller.js";
import { chainHops, chainPolicies, checkChain, webIdentityProviders, withIssuer } from "./chain.js";
import { enumeratePrincipals } from "./principal-sets.js";
import { environmentDocuments, sessionNamesIn, sessionStringsOf, sessionTagsIn, taggingIsFree } from "./session-names.js";
import { buildInput, policiesInPlay, type Evaluator, type World } from "./request.js";
import { sampleResources } from "./resources.js";
import { arnFormatMatcher, describeResourceTypes } from "../context/arn-formats.js";
import { factsFor, keyApplies, withSourceOrg, type RequestFacts } from "../context/realism.js";
import { withRealRegion } from "../context/regions.js";
import { checkBecome } from "../escalation/check-become.js";
import type { BecomeProof } from "../escalation/prove-become.js";
import { possiblyAllowed, surelyAllowed, undeterminedMessage } from "./undetermined.js";
import { exactSource, satisfiesWhen, whenConstraints, writtenContext, type Budget, type Candidate, type RequestContext, type RequestSource, type RequestSpace, type WhenConstraints } from "./sources.js";

export interface CheckOptions {
  seed: number;
  /** Default budget when the expectation has no `runs`. */
  runs: number;
  /**
   * The source of `mayNot` candidates for non-exact expectations (the runner passes the fuzzer,
   * src/fuzz/): compile builds the search space, a strategy searches it.
   */
  source: RequestSource;
  evaluator: Evaluator;
  /**
   * Wall-clock deadline (`Date.now()` ms) for random search (`--fuzz-time`). Past it, expectations
   * still get the deterministic passes; the result carries a note saying the search was cut short.
   */
  deadline?: number;
}

export type Outcome =
  | {
      status: "passed";
      note?: string;
      path?: PathStep[];
      evidence: Evidence;
      /** A sampled mayNot: the space a prover can decide completely (src/prove/). */
      space?: RequestSpace;
      /** A sampled mayNotBecome: the proof of every step its search found not allowed (src/escalation/prove-become.ts). */
      become?: BecomeProof;
    }
  | {
      status: "failed";
      message: string;
      path?: PathStep[];
      counterexample?: Counterexample;
      deciding?: DecidingStatement[];
      reason?: string;
      /** Open points (src/evaluator/readings.ts) the answer depends on: it holds under some readings only. */
      undetermined?: readonly string[];
      evidence: Evidence;
      /** A mayBecome with no path found: the prover may find a step the search missed (src/escalation/prove-become.ts). */
      become?: BecomeProof;
    }
  | { status: "error"; errors: InputError[] };

/**
 * Why a passing non-exact mayNot is only sampled while no prover runs: the runner may upgrade such an
 * outcome to `proved` (or replace the reason, e.g. with a solver timeout) after checking.
 */
export const NOT_PROVED = "no proof attempted";

export const DEFAULT_RUNS = 100;

export function checkExpectation(world: World, exp: Expectation, options: CheckOptions): Outcome {
  // A path between principals, not one request (contract section 2a): src/escalation/.
  if (exp.effect === "mayBecome" || exp.effect === "mayNotBecome") return checkBecome(world, exp, options, principalsOf);
  const { actions, groups, errors } = expandActions(exp.actions);
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
  exp = withIssuer(world, exp, principals);
  const fallbackAccount = onAccount(exp) ?? firstAccountOfOn(world, exp) ?? firstAccount(world);
  const callers: Caller[] = [];
  // A may needs the chain to exist for the written request; a mayNot checks it per candidate (with the
  // expectation as that caller sees it: a varied session name is the last hop's RoleSessionName).
  const chainOf = new Map<Caller, ChainOf>();
  for (const p of principals) {
    if (exp.effect === "may") {
      const chain = checkChain(world, exp, p, request, options.evaluator);
      if (!chain.ok) {
        const r = chain.refused;
        return {
          status: "failed",
          message: chain.message,
          ...(r ? { counterexample: counterexample(r.caller, r.action, r.resource, r.context, r.decision), ...explanation(r.explained) } : {}),
          ...(r?.undetermined ? { undetermined: r.undetermined } : {}),
          // The session never came to exist: none of the expectation's own requests was evaluated.
          evidence: { method: "exact", requests: 0 },
        };
      }
    }
    const caller = callerOf(p, world.env, exp.session, fallbackAccount);
    chainOf.set(caller, { principal: p, exp });
    callers.push(caller);
  }
  // The session name is the caller's choice: a mayNot that does not pin it also covers sessions named
  // as the policies single out (after every default session, so the usual callers are tried first).
  if (exp.effect === "mayNot" && !exp.exact) {
    for (const v of sessionVariants(world, exp, principals, fallbackAccount)) {
      chainOf.set(v.caller, { principal: v.principal, exp: v.exp, ...(v.chose ? { chose: v.chose } : {}) });
      callers.push(v.caller);
    }
  }

  // `on: *` means the environment's resources: a caller from outside is sampled against the
  // environment's first account, not its own (which nobody here owns).
  const accountFor = (c: Caller) =>
    (c.accountId !== undefined && world.env.accounts.has(c.accountId) ? c.accountId : firstAccount(world)) ?? "111122223333";
  const onMatch = exp.on.match.map((w) => compileArnPattern(w.text));
  const onExcept = exp.on.except.map((w) => compileArnPattern(w.text));
  const onCovers = (arn: string) => onMatch.some((m) => m(arn)) && !onExcept.some((m) => m(arn));
  const resourceCache = new Map<string, string[]>();
  // A mayNot asks about requests AWS could send: samples are ARNs the action takes, where `on` has them.
  const fitsFor = (action: string) => (exp.effect === "mayNot" ? arnFormatMatcher(action) : undefined);
  const sampledFor = (action: string, caller: Caller) => {
    const fits = fitsFor(action);
    const account = accountFor(caller);
    const partition = world.env.accounts.get(account)?.partition ?? "aws";
    return sampleResources(exp.on, action, world.envArns, { account, partition, ...(fits ? { fits } : {}) });
  };
  const resourcesFor = (action: string, caller: Caller): string[] => {
    const account = accountFor(caller);
    const key = `${action}\n${account}\n${caller.accountId ?? ""}`;
    let r = resourceCache.get(key);
    if (!r) {
      r = sampledFor(action, caller);
      // A mayNot asks about requests AWS could send: s3:GetObject on a bucket ARN (an `on` that lists
      // a bucket and its objects, or `arn:aws:s3:::*`) is not one, and allowing it would be a false
      // alarm. A may checks exactly what is written.
      if (exp.effect === "mayNot") {
        const takes = fitsFor(action);
        if (takes !== undefined) r = r.filter((x) => x === "*" || takes(x));
        // A region field filled with sample text (`on: arn:aws:ec2:*:...`) is no region AWS serves.
        r = [...new Set(r.map((x) => {
          const real = withRealRegion(x, exp.on.match.find((w) => compileArnPattern(w.text)(x))?.text);
          return real !== x && onCovers(real) ? real : x;
        }))];
      }
      // An action without a resource type acts on the caller's own account; for a caller from outside
      // the environment that account is not the environment's business.
      if (exp.effect === "mayNot" && caller.accountId !== undefined && !world.env.accounts.has(caller.accountId)) r = r.filter((x) => x !== "*");
      resourceCache.set(key, r);
    }
    return r;
  };

  const plan: Plan = { world, exp, callers, actions, resourcesFor, evaluator: options.evaluator };
  const anySampled = (action: string, caller: Caller) => sampleResources(exp.on, action, world.envArns, { account: accountFor(caller) });
  const empty = emptySpace(exp, callers, groups, resourcesFor, anySampled);
  if (empty.length > 0) return { status: "error", errors: empty };
  // A key a hop of the caller's chain carries (an OIDC claim on its sts:AssumeRoleWithWebIdentity) counts.
  const factsOf = (c: Caller, action: string, resource: string): RequestFacts => {
    const hops = hopFactsOf(world, chainOf.get(c));
    return { ...factsFor(c, action, resource), ...(hops.length > 0 ? { hops } : {}) };
  };
  const unsent = unsendableWhen(exp, when, callers, groups, resourcesFor, factsOf);
  if (unsent.length > 0) return { status: "error", errors: unsent };
  const unknown = unknownInPlay(plan);
  if (unknown) {
    // A Terraform value known only after apply decides this answer: say so, never pass silently.
    return {
      status: "error",
      errors: [
        inputError(
          "unknown",
          exp.pos,
          `the answer depends on ${unknown.name}, which is known only after terraform apply`,
          `make the value known in the plan (e.g. a literal name instead of a computed one), or test after apply${unknown.pos ? ` (see ${pathFrom(exp.pos, unknown.pos.file)}:${unknown.pos.line})` : ""}`,
        ),
      ],
    };
  }
  if (exp.effect === "may") return checkMay(plan, request);
  const source = exp.exact ? exactSource : options.source;
  return checkMayNot(plan, chainOf, when, source, {
    seed: options.seed,
    runs: exp.runs ?? options.runs,
    ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
  });
}

interface ChainOf {
  principal: Principal;
  /** The expectation with the session this caller stands for. */
  exp: Expectation;
  /** What a varied session chose that the principal ARN does not show ("session tags team=admin"). */
  chose?: string;
}

/**
 * Callers that differ from the default ones only by what the caller of AssumeRole chooses: a session
 * tag (only where the trust policy allows sts:TagSession), or the session name (only when the
 * expectation leaves it free: the model records the name but not whether it was written, so the
 * default name stands for "not pinned"; writing `name: iam-spec` explicitly is read the same way).
 */
export function sessionVariants(world: World, exp: Expectation, principals: readonly Principal[], fallbackAccount: string | undefined) {
  const out: { caller: Caller; principal: Principal; exp: Expectation; chose?: string }[] = [];
  const docs = [...sessionStringsOf(environmentDocuments(world.env)), ...sessionStringsOf(exp.session.policies.map((p) => p.document))];
  // Session tags: only where the trust policy lets the caller tag the session (sts:TagSession).
  for (const p of principals) {
    if (p.kind !== "role-session" || p.sessionName !== undefined) continue;
    if (!taggingIsFree(p.role.trust?.document, exp.assumedBy.length > 0)) continue;
    for (const tag of sessionTagsIn(docs, exp.session.tags)) {
      const variant: Expectation = { ...exp, session: { ...exp.session, tags: { ...exp.session.tags, ...tag } } };
      const chose = `session tag ${Object.entries(tag).map(([k, v]) => `${k}=${v}`).join(", ")}, passed with sts:TagSession`;
      out.push({ caller: callerOf(p, world.env, variant.session, fallbackAccount), principal: p, exp: variant, chose });
    }
  }
  // A role that a web-identity provider may assume has sessions made by sts:AssumeRoleWithWebIdentity,
  // which carry aws:FederatedProvider (reference_policies_condition-keys.html#condition-keys-federatedprovider);
  // without `assumedBy` nobody says which way this session was made.
  if (exp.assumedBy.length === 0 && exp.session.federatedProvider === undefined) {
    for (const p of principals) {
      if (p.kind !== "role-session") continue;
      for (const provider of webIdentityProviders(p.role)) {
        const variant: Expectation = { ...exp, session: { ...exp.session, federatedProvider: provider } };
        out.push({ caller: callerOf(p, world.env, variant.session, fallbackAccount), principal: p, exp: variant, chose: `a session made by sts:AssumeRoleWithWebIdentity of ${provider}` });
      }
    }
  }
  if (exp.session.nameWritten || exp.session.name !== DEFAULT_SESSION_NAME) return out;
  for (const p of principals) {
    const role =
      p.kind === "role-session" && p.sessionName === undefined
        ? p.role.name
        : p.kind === "external-arn" && p.resourceType === "role" && !p.written.includes(":assumed-role/")
          ? p.arn.slice(p.arn.lastIndexOf("/") + 1)
          : p.kind === "external-account"
            ? EXTERNAL_ROLE
            : undefined;
    if (role === undefined) continue;
    for (const name of sessionNamesIn(role, docs, exp.session.name)) {
      const variant: Expectation = { ...exp, session: { ...exp.session, name } };
      const principal: Principal = p.kind === "external-arn" ? { ...p, sessionArn: sessionArn(p.accountId, role, name, partitionOf(p.arn)) } : p;
      out.push({ caller: callerOf(principal, world.env, variant.session, fallbackAccount), principal, exp: variant });
    }
  }
  return out;
}

/** The session name the loader gives when `session.name` is not written. */
const DEFAULT_SESSION_NAME = "iam-spec";
/** The role callerOf gives "some principal" of an unknown account. */
const EXTERNAL_ROLE = "iam-spec-external";

/** A policy standing for a Terraform value known only after apply, among the policies of any sampled request. */
function unknownInPlay({ world, callers, actions, resourcesFor }: Plan): LoadedPolicy | undefined {
  if (!hasUnknowns(world.env)) return undefined;
  for (const caller of callers)
    for (const action of actions)
      for (const resource of resourcesFor(action, caller))
        for (const p of policiesInPlay(world, caller, action, resource)) if (isUnknownPlaceholder(p.document)) return p;
  return undefined;
}

const unknownsByEnv = new WeakMap<Environment, boolean>();

/** Whether any policy of the environment stands for a value known only after apply (cheap pre-check). */
function hasUnknowns(env: Environment): boolean {
  let found = unknownsByEnv.get(env);
  if (found === undefined) {
    const unknown = (p: LoadedPolicy | undefined) => p !== undefined && isUnknownPlaceholder(p.document);
    found = false;
    for (const a of env.accounts.values()) {
      for (const u of a.users.values()) found ||= u.identityPolicies.some(unknown) || unknown(u.boundary);
      for (const r of a.roles.values()) found ||= r.identityPolicies.some(unknown) || unknown(r.boundary) || unknown(r.trust);
      for (const r of a.resources.values()) found ||= unknown(r.policy);
      for (const v of a.vpcEndpoints.values()) found ||= unknown(v.policy);
    }
    for (const pl of env.organization?.placements.values() ?? []) {
      found ||= [...pl.scpLevels, ...pl.rcpLevels].some((level) => level.some(unknown));
    }
    unknownsByEnv.set(env, found);
  }
  return found;
}

/** What both checks work on: the callers, the expanded actions and the resource sampler. */
interface Plan {
  world: World;
  exp: Expectation;
  callers: Caller[];
  actions: string[];
  resourcesFor: (action: string, caller: Caller) => string[];
  evaluator: Evaluator;
}

/**
 * Input errors for a space with nothing in it (contract section 2: a mayNot never passes on an empty
 * space, and a may over no request checks nothing): no caller left, or a written action (a pattern:
 * all of its actions) with no resource that `on` covers and the action takes.
 */
function emptySpace(
  exp: Expectation,
  callers: readonly Caller[],
  groups: ReturnType<typeof expandActions>["groups"],
  resourcesFor: (action: string, caller: Caller) => string[],
  /** The samples of `on` whatever the action takes. */
  anySampled: (action: string, caller: Caller) => string[],
): InputError[] {
  if (callers.length === 0) {
    return [
      inputError(
        "principal",
        exp.pos,
        `no caller is left: "${exp.as.written}" stands for no principal of the environment, so this ${exp.effect} would check nothing`,
        "name principals the environment has, or take fewer of them out with `except`",
      ),
    ];
  }
  const errors: InputError[] = [];
  for (const { written, actions } of groups) {
    if (actions.some((a) => callers.some((c) => resourcesFor(a, c).length > 0))) continue;
    const first = actions[0]!;
    const why = emptyReason(exp, first, anySampled(first, callers[0]!));
    const message =
      actions.length === 1 && !/[*?]/.test(written.text)
        ? `${why}, so this ${exp.effect} would check nothing`
        : `none of the ${actions.length} actions "${written.text}" matches has a resource \`on\` covers (${first}: ${why}), so this ${exp.effect} would check nothing for it`;
    errors.push(
      inputError(
        "schema",
        exp.pos,
        message,
        "point `on` at ARNs of the resource types the action takes (leaving `on` out covers them all), or take the action out of this expectation",
      ),
    );
  }
  return errors;
}

/**
 * A `{ not: ... }` in `when` asks for requests that carry the key; a key AWS never sends with an action
 * (a service key the service reference lists for other actions only: `s3:prefix` comes with
 * s3:ListBucket, not s3:GetObject; src/context/realism.ts keyApplies) leaves no request to check.
 * Like an empty resource space, that is an input error, never a pass over nothing.
 */
function unsendableWhen(
  exp: Expectation,
  when: WhenConstraints,
  callers: readonly Caller[],
  groups: ReturnType<typeof expandActions>["groups"],
  resourcesFor: (action: string, caller: Caller) => string[],
  factsOf: (caller: Caller, action: string, resource: string) => RequestFacts,
): InputError[] {
  if (exp.effect !== "mayNot" || when.excluded.size === 0) return [];
  const errors: InputError[] = [];
  for (const { written, actions } of groups) {
    const sendable = (action: string) =>
      callers.some((c) => resourcesFor(action, c).some((r) => [...when.excluded.values()].every(({ key }) => keyApplies(key, factsOf(c, action, r)))));
    if (actions.some(sendable)) continue;
    const first = actions[0]!;
    const keys = [...when.excluded.values()].map((e) => e.key).filter((key) => !callers.some((c) => resourcesFor(first, c).some((r) => keyApplies(key, factsOf(c, first, r)))));
    const named = keys.length > 0 ? keys.map((k) => `"${k}"`).join(", ") : [...when.excluded.values()].map((e) => `"${e.key}"`).join(", ");
    errors.push(
      inputError(
        "schema",
        exp.pos,
        `\`when\` asks for ${named} to be present, which AWS never sends with ${actions.length === 1 ? first : `any of the ${actions.length} actions "${written.text}" matches (${first}, ...)`} by these callers, so this mayNot would check nothing`,
        "use a condition key the action takes (the service authorization reference lists them per action), or pin the key with a value if you mean to test that request anyway",
      ),
    );
  }
  return errors;
}

/** Why `action` has no resource: `except` took everything, or `on` names no ARN the action takes. */
function emptyReason(exp: Expectation, action: string, sampled: readonly string[]): string {
  if (sampled.length === 0) return `\`on\` leaves no resource for ${action}: \`except\` removes every ARN \`match\` covers`;
  const types = describeResourceTypes(action);
  if (exp.effect === "mayNot" && types !== "") return `\`on\` covers no ARN of the resource types ${action} takes (${types})`;
  return `${action} acts on \`*\` (the caller's own account), and no caller belongs to an account of the environment`;
}

/** Every action on every sampled resource, with exactly the written context, must be allowed. */
function checkMay({ world, callers, actions, resourcesFor, evaluator }: Plan, written: RequestContext): Outcome {
  let requests = 0;
  for (const caller of callers) {
    // A service principal's written aws:SourceAccount brings its organization keys (realism.ts, sourceOrg).
    const request = withSourceOrg(written, caller.organization);
    for (const action of actions)
      for (const resource of resourcesFor(action, caller)) {
        const input = buildInput(world, caller, action, resource, request);
        requests++;
        const result = evaluator.evaluate(input);
        if (!surelyAllowed(result)) {
          const { decision, undetermined } = result;
          return {
            status: "failed",
            message: undetermined
              ? undeterminedMessage(action, resource, undetermined)
              : `${decision === "ExplicitDeny" ? "explicitly denied" : "not allowed"}: ${action} on ${resource}`,
            counterexample: counterexample(caller, action, resource, request, decision),
            ...explanation(evaluator.explain(input)),
            ...(undetermined ? { undetermined } : {}),
            evidence: { method: "exact", requests },
          };
        }
      }
  }
  return { status: "passed", evidence: { method: "exact", requests } };
}

/** No candidate from the source may be allowed; the first allowed one is the counterexample. */
function checkMayNot(
  { world, exp, callers, actions, resourcesFor, evaluator }: Plan,
  planned: ReadonlyMap<Caller, ChainOf>,
  when: WhenConstraints,
  source: RequestSource,
  budget: Budget,
): Outcome {
  // The planned callers, and the sessions a strategy asked for with a choice of its own (vary).
  const chainOf = new Map(planned);
  const ids = new Map<Caller, number>();
  const idOf = (c: Caller) => {
    let id = ids.get(c);
    if (id === undefined) ids.set(c, (id = ids.size));
    return id;
  };
  // Whether the session exists depends on the candidate's context (an unpinned token claim is free
  // too), so the chain is checked per candidate, once per caller and context.
  const chainCache = new Map<string, boolean>();
  const chainExists = (c: Candidate): boolean => {
    const p = chainOf.get(c.caller);
    if (!p) return true;
    // Without assumedBy only the session's static checks run, whatever the context: one answer per
    // caller (serialising every candidate's context was a visible share of a run's time).
    const key = p.exp.assumedBy.length === 0 ? `${idOf(c.caller)}` : `${idOf(c.caller)}\n${JSON.stringify(c.context)}`;
    let ok = chainCache.get(key);
    if (ok === undefined) {
      // The chain's hops are requests evaluated too (the report counts them).
      ok = checkChain(world, p.exp, p.principal, c.context, counting).ok;
      chainCache.set(key, ok);
    }
    return ok;
  };
  const hopCache = new Map<Caller, RequestFacts[]>();
  // Every request of the expectation's space that is evaluated, by the source (isAllowed, shrinking)
  // or below: the report says how many (contract section 6).
  let requests = 0;
  const evaluated = (input: EvaluateInput): EvaluateResult => {
    requests++;
    return evaluator.evaluate(input);
  };
  const counting: Evaluator = { evaluate: evaluated, explain: (input) => evaluator.explain(input) };
  const method = source === exactSource ? "exact" : "sampled";
  const space: RequestSpace = {
    callers,
    actions,
    resourcesFor,
    inScope: resourceScope(exp, world),
    policiesFor: (caller, action, resource) => [
      ...policiesInPlay(world, caller, action, resource),
      ...chainPolicies(world, exp, chainOf.get(caller)?.principal),
    ],
    when,
    hopFacts: (caller) => {
      let h = hopCache.get(caller);
      if (!h) hopCache.set(caller, (h = hopFactsOf(world, chainOf.get(caller))));
      return h;
    },
    isAllowed: (c) => satisfiesWhen(c.context, when) && chainExists(c) && possiblyAllowed(evaluated(buildInput(world, c.caller, c.action, c.resource, c.context))),
    chain: (caller, request) => {
      const p = chainOf.get(caller);
      return p && p.exp.assumedBy.length > 0 ? chainHops(world, p.exp, p.principal, request) : undefined;
    },
    vary: (caller, choice) => {
      const p = chainOf.get(caller);
      if (!p || p.principal.kind !== "role-session" || p.principal.sessionName !== undefined) return undefined;
      const tags = Object.entries(choice.tags ?? {});
      const session = { ...p.exp.session, tags: { ...p.exp.session.tags, ...choice.tags }, ...(choice.name !== undefined ? { name: choice.name } : {}) };
      const varied: Expectation = { ...p.exp, session };
      const chose = [
        ...(tags.length > 0 ? [`session tag ${tags.map(([k, v]) => `${k}=${v}`).join(", ")}, passed with sts:TagSession`] : []),
        ...(choice.name !== undefined ? [`session name ${choice.name}`] : []),
      ].join("; ");
      const c = callerOf(p.principal, world.env, session);
      chainOf.set(c, { principal: p.principal, exp: varied, ...(chose ? { chose } : {}) });
      return c;
    },
  };
  let cutShort: { tried: number; planned: number } | undefined;
  const counted: Budget = {
    ...budget,
    onCutShort: (tried, planned) => {
      cutShort = { tried: (cutShort?.tried ?? 0) + tried, planned: (cutShort?.planned ?? 0) + planned };
      budget.onCutShort?.(tried, planned);
    },
  };
  for (const c of source.candidates(space, counted)) {
    // A candidate that disagrees with `when` answers another question (realism may have moved a
    // constrained key, e.g. aws:RequestedRegion to the resource's region).
    if (!satisfiesWhen(c.context, when) || !chainExists(c)) continue;
    const input = buildInput(world, c.caller, c.action, c.resource, c.context);
    const result = evaluated(input);
    if (possiblyAllowed(result)) {
      const { decision, undetermined } = result;
      return {
        status: "failed",
        message: `${undetermined ? undeterminedMessage(c.action, c.resource, undetermined) : `allowed: ${c.action} on ${c.resource}`}${describeFound(c, chainOf.get(c.caller)?.chose)}`,
        counterexample: counterexample(c.caller, c.action, c.resource, c.context, decision),
        ...explanation(evaluator.explain(input)),
        ...(undetermined ? { undetermined } : {}),
        evidence: { method, requests },
      };
    }
  }
  const proof = method === "exact" ? {} : { space };
  const evidence: Evidence = method === "exact" ? { method, requests } : { method, requests, reason: NOT_PROVED };
  if (cutShort) return { status: "passed", note: `fuzzing stopped by --fuzz-time after ${cutShort.tried} of ${cutShort.planned} random requests`, evidence, ...proof };
  return { status: "passed", evidence, ...proof };
}

/** The failure for an allowed candidate that a strategy other than the sampler found (the prover's replayed witness). */
export function allowedOutcome(world: World, evaluator: Evaluator, c: Candidate, evidence: Evidence): Outcome {
  const input = buildInput(world, c.caller, c.action, c.resource, c.context);
  // Reported as the sampler reports its own finds: a request allowed under one reading of an open
  // point only is undetermined, and says which point (contract section 2).
  const { decision, undetermined } = evaluator.evaluate(input);
  return {
    status: "failed",
    message: `${undetermined ? undeterminedMessage(c.action, c.resource, undetermined) : `allowed: ${c.action} on ${c.resource}`}${describeFound(c, undefined)}`,
    counterexample: counterexample(c.caller, c.action, c.resource, c.context, decision),
    ...explanation(evaluator.explain(input)),
    ...(undetermined ? { undetermined } : {}),
    evidence,
  };
}

/** The facts of each sts:AssumeRole* hop of the chain into the caller's session (none without assumedBy). */
function hopFactsOf(world: World, of: ChainOf | undefined): RequestFacts[] {
  if (!of || of.exp.assumedBy.length === 0) return [];
  const hops = of.exp.assumedBy;
  const target = (i: number): Principal => (i + 1 < hops.length ? hops[i + 1]! : of.principal);
  const finalAccount = of.principal.kind === "role-session" ? of.principal.role.accountId : undefined;
  const out: RequestFacts[] = [];
  for (let i = 0; i < hops.length; i++) {
    const t = target(i);
    if (t.kind !== "role-session") continue;
    const caller = callerOf(hops[i]!, world.env, undefined, i === 0 ? (targetAccount(t) ?? finalAccount) : undefined);
    const action = caller.federated === "oidc" ? "sts:AssumeRoleWithWebIdentity" : caller.federated === "saml" ? "sts:AssumeRoleWithSAML" : "sts:AssumeRole";
    out.push(factsFor(caller, action, t.role.arn));
  }
  return out;
}

function targetAccount(p: Principal): string | undefined {
  return p.kind === "role-session" ? p.role.accountId : undefined;
}

/** " (found by random seed 7 path 3; session tag team=admin, ...)": how the candidate came about. */
function describeFound(c: Candidate, chose: string | undefined): string {
  const parts = [...(c.origin ? [`found by ${c.origin}`] : []), ...(chose ? [chose] : [])];
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

function resourceScope(exp: Expectation, world: World): (arn: string, caller: Caller) => boolean {
  const match = exp.on.match.map((w) => compileArnPattern(w.text));
  const except = exp.on.except.map((w) => compileArnPattern(w.text));
  const onEverything = exp.on.match.some((w) => w.text === "*");
  const inside = (account: string | undefined) => account !== undefined && world.env.accounts.has(account);
  return (arn, caller) => {
    if (!match.some((m) => m(arn)) || except.some((m) => m(arn))) return false;
    if (!onEverything) return true;
    // `*` acts on the caller's own account; an ARN with an account belongs to it; S3 ARNs carry none
    // and are owned as the environment says.
    if (arn === "*") return inside(caller.accountId);
    const account = arn.split(":")[4];
    return account === undefined || account === "" || account === "aws" || inside(account);
  };
}

export function principalsOf(world: World, exp: Expectation): Principal[] {
  if (exp.as.kind !== "set") return [exp.as];
  return enumeratePrincipals(exp.as, world.env, trustAndResourceDocs(world.env));
}

/** Read once per environment: a run of many fuzzed expectations must not rescan every policy each time. */
const docsByEnv = new WeakMap<Environment, unknown[]>();

function trustAndResourceDocs(env: Environment): unknown[] {
  const known = docsByEnv.get(env);
  if (known) return known;
  const world = { env };
  const docs: unknown[] = [];
  for (const a of world.env.accounts.values()) {
    for (const r of a.resources.values()) if (r.policy) docs.push(r.policy.document);
    for (const r of a.roles.values()) if (r.trust) docs.push(r.trust.document);
  }
  // Principals a condition singles out (aws:PrincipalArn ArnLike arn:aws:iam::*:role/analytics-*): a
  // grant to "*" narrowed by a name pattern alone is open to that name in any account, so such a
  // principal is enumerated like one named in a Principal element.
  const fromConditions = docs.flatMap(conditionPrincipalArns);
  if (fromConditions.length > 0) docs.push({ Statement: [{ Principal: { AWS: [...new Set(fromConditions)] } }] });
  docsByEnv.set(env, docs);
  return docs;
}

/** Stands for a wildcard of a principal ARN pattern: a valid user/role name, an account nobody uses. */
const SAMPLE_PRINCIPAL_NAME = "iam-spec-sample";
const OUTSIDE_ACCOUNT = "000000000000";

/**
 * Account ids of aws:PrincipalAccount values, and user and role ARNs instantiated from the
 * aws:PrincipalArn values of a policy's Condition blocks: a
 * wildcard in the account field becomes an account outside the environment, other wildcards sample
 * text (`arn:aws:iam::*:role/analytics-*` -> `arn:aws:iam::000000000000:role/analytics-iam-spec-sample`).
 */
function conditionPrincipalArns(doc: unknown): string[] {
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  const out: string[] = [];
  for (const st of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
    const condition = (st as { Condition?: unknown } | null)?.Condition;
    if (typeof condition !== "object" || condition === null) continue;
    for (const block of Object.values(condition as Record<string, unknown>)) {
      if (typeof block !== "object" || block === null) continue;
      for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
        // An account named by aws:PrincipalAccount is one whose principals the statement singles out
        // (a mistyped partner account is a stranger's): some principal of it is a caller too
        // (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount).
        if (key.toLowerCase() === "aws:principalaccount") {
          for (const v of [values].flat()) if (typeof v === "string" && /^\d{12}$/.test(v)) out.push(v);
          continue;
        }
        if (key.toLowerCase() !== "aws:principalarn") continue;
        for (const v of [values].flat()) {
          if (typeof v !== "string" || v.includes("${")) continue;
          const parts = splitArn(v);
          if (parts === undefined || parts[2] !== "iam") continue;
          if (/[*?]/.test(parts[4] ?? "")) parts[4] = OUTSIDE_ACCOUNT;
          const arn = parts.join(":").replace(/\*/g, SAMPLE_PRINCIPAL_NAME).replace(/\?/g, "x");
          if (/^arn:aws[\w-]*:iam::\d{12}:(user|role)\/[\w+=,.@/-]+$/.test(arn)) out.push(arn);
        }
      }
    }
  }
  return out;
}

/** The account of the first `on` ARN: where a bare `{ federated: host }` provider lives when it is the caller. */
function onAccount(exp: Expectation): string | undefined {
  const account = exp.on.match[0]?.text.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

function firstAccount(world: World): string | undefined {
  return world.env.accounts.keys().next().value;
}

/** The first account of the partition `on` names (arn:aws-cn:s3:::... names no account but a partition). */
function firstAccountOfOn(world: World, exp: Expectation): string | undefined {
  const partition = exp.on.match[0]?.text.split(":")[1];
  if (!partition || partition.includes("*")) return undefined;
  for (const a of world.env.accounts.values()) if ((a.partition ?? "aws") === partition) return a.id;
  return undefined;
}

function counterexample(caller: Caller, action: string, resource: string, context: RequestContext, decision: Counterexample["decision"]): Counterexample {
  return { principal: caller.principal, action, resource, context: { ...caller.shown, ...context }, decision };
}

function explanation(e: ExplainedResult): { deciding: DecidingStatement[]; reason: string } {
  return { deciding: e.deciding, reason: e.reason };
}

