/**
 * Proving that a step of the principal graph is NOT allowed: each step the search found no allowed
 * request for becomes a `mayNot` question (one caller, one action, its resources, the context free
 * except what `when` and the step itself fix) and is decided without a solver where a sound argument
 * exists, else by the SMT prover (src/prove/prove.ts). A step is proved denied:
 *  - `unmentioned`: no identity policy of the caller allows the action, none can deny it, and no
 *    resource policy can grant it: an implicit deny under every context
 *    (IAM/latest/UserGuide/reference_policies_evaluation-logic.html);
 *  - `relaxed`: not allowed even with every Allow's condition dropped and every conditional Deny
 *    dropped (relaxed.ts: the decision is monotone in which statements match);
 *  - `no free key`: no policy in play reads a condition key the step leaves open, so the written
 *    request stands for every request;
 *  - `solver`: the prover answers UNSAT for every class of resources.
 * The resource is the one the step names: for a resource the caller creates (a function, a stack),
 * the names and regions the search tries (attempt.ts namingsFor, subject.ts createdNames: the default
 * and those the caller's own Allow statements single out). A policy that tells names apart in a way
 * those do not meet is outside the proof (docs/escalation.md).
 *
 * This module never loads the solver: the runner passes `prove` (src/run/prove-become.ts).
 */
import { policiesInPlay, type Evaluator, type World } from "../compile/request.js";
import { isTrustPolicyAction } from "../compile/resource-side.js";
import { writtenContext, type Candidate, type RequestSpace, type WhenConstraints } from "../compile/sources.js";
import { taggingIsFree } from "../compile/session-names.js";
import { possiblyAllowed, surelyAllowed } from "../compile/undetermined.js";
import { compileArnPattern } from "../match/arn.js";
import { findListedResource } from "../model/resources.js";
import type { Expectation } from "../model/types.js";
import type { ProofQuestion, ProofResult } from "../prove/prove.js";
import { couldBeAllowed, identityMentions } from "./relaxed.js";
import { agrees, hasFreeKey, stepInput, withPinned, type StaticDenial, type StepAnswer, type StepQuery } from "./step.js";

/** The prover's entry point, passed in so that this module does not load the solver. */
export type ProveFn = (q: ProofQuestion) => Promise<ProofResult>;

export type StepProof =
  | { status: "proved"; how: StaticDenial | "solver"; queries: number }
  /** An allowed request the search did not find (on the step's resource, or one its wildcard matches). */
  | { status: "refuted"; candidate: Candidate; queries: number }
  | { status: "unknown"; reason: string; queries: number };

/** What a question needs besides the step. */
export interface StepProofContext {
  world: World;
  when: WhenConstraints;
  evaluator: Evaluator;
  /** The expectation the steps serve: its session settings are what the prover reads of it. */
  exp: Expectation;
  /** A step counts as allowed under some reading of the open points (mayNotBecome) or every one (mayBecome). */
  readings: "some" | "every";
}

/** A sound denial without a solver, or undefined when the solver must decide. */
export function staticDenial(c: StepProofContext, q: StepQuery): StaticDenial | undefined {
  if (!q.resourcePolicy && !isTrustPolicyAction(q.action) && !findListedResource(c.world.env, q.resource)?.policy && !identityMentions(q.caller, q.action)) return "unmentioned";
  const when = withPinned(c.when, q.pinned);
  const written = stepInput(c.world, q, writtenContext(when));
  if (!couldBeAllowed(written)) return "relaxed";
  const docs = [...policiesInPlay(c.world, q.caller, q.action, q.resource), ...(q.resourcePolicy ? [q.resourcePolicy] : [])].map((p) => p.document);
  if (!hasFreeKey(docs, when) && !possiblyAllowed(c.evaluator.evaluate(written))) return "no free key";
  return undefined;
}

/** The `mayNot` question of a step: the caller, the action, the step's resources, a free context. */
export function stepQuestion(c: StepProofContext, q: StepQuery): ProofQuestion {
  const when = withPinned(c.when, q.pinned);
  // `on` is the step's ARN; one with a wildcard (the admin probe's ec2 instance/*) stands for all it matches.
  const inScope = compileArnPattern(q.resource);
  const space: RequestSpace = {
    callers: [q.caller],
    actions: [q.action],
    resourcesFor: () => [q.resource],
    inScope,
    policiesFor: (caller, action, resource) => [...policiesInPlay(c.world, caller, action, resource), ...(q.resourcePolicy ? [q.resourcePolicy] : [])],
    when,
    isAllowed: (cand) =>
      inScope(cand.resource) &&
      agrees(cand.context, when) &&
      (c.readings === "some" ? possiblyAllowed : surelyAllowed)(c.evaluator.evaluate(stepInput(c.world, { ...q, caller: cand.caller, resource: cand.resource }, cand.context))),
  };
  const at = c.exp.pos;
  // The session name of a principal reached along a path is the caller's choice: never written.
  const exp: Expectation = {
    ...c.exp,
    effect: "mayNot",
    actions: [{ text: q.action, pos: at }],
    on: { match: [{ text: q.resource, pos: at }], except: [] },
    session: { name: "iam-spec", nameWritten: false, policies: [], tags: {} },
    assumedBy: [],
  };
  return { world: c.world, exp, space, evaluator: c.evaluator };
}

/**
 * A role session on a path was started by the attacker, who chose its name and, where the trust policy
 * lets tags be passed, its session tags (IAM/latest/UserGuide/id_session-tags.html,
 * STS/latest/APIReference/API_AssumeRole.html). The search and the question hold them fixed, so a
 * step whose policies read them (aws:userid, sts:RoleSessionName, a session ARN, aws:PrincipalTag)
 * is not proved, not even by the relaxed check (it keeps Principal and Resource, which may name them).
 */
const texts = new WeakMap<object, string>();

function lowerText(doc: unknown): string {
  if (typeof doc !== "object" || doc === null) return String(doc).toLowerCase();
  let t = texts.get(doc);
  if (t === undefined) texts.set(doc, (t = JSON.stringify(doc).toLowerCase()));
  return t;
}

function sessionChoice(c: StepProofContext, q: StepQuery): string | undefined {
  const role = q.caller.role;
  if (!role || !q.caller.principal.includes(":assumed-role/")) return undefined;
  const text = policiesInPlay(c.world, q.caller, q.action, q.resource)
    .map((p) => lowerText(p.document))
    .join("\n");
  // A policy may also name a session by its ARN (arn:aws:sts::ACCOUNT:assumed-role/ROLE/NAME).
  if (/aws:userid|sts:rolesessionname|:assumed-role\//.test(text)) return "the session name is the caller's choice, which the proof of a path does not vary";
  if (taggingIsFree(role.trust?.document, false) && text.includes("aws:principaltag/")) return "session tags are the caller's choice, which the proof of a path does not vary";
  return undefined;
}

/**
 * Decides one step (denied in the search): proved, refuted with an allowed request, or unknown. The
 * search's answer may already carry a static denial (step.ts answers cheaply when it can).
 */
export async function proveStep(c: StepProofContext, q: StepQuery, prove: ProveFn, answer?: StepAnswer): Promise<StepProof> {
  const how = answer?.denial ?? staticDenial(c, q);
  if (how === "unmentioned") return { status: "proved", how, queries: 0 };
  // Before "relaxed" and "no free key": both hold the session's name and tags as they are.
  const choice = sessionChoice(c, q);
  if (choice) return { status: "unknown", reason: `${q.action} on ${q.resource}: ${choice}`, queries: 0 };
  if (how) return { status: "proved", how, queries: 0 };
  // The prover builds every request from the environment: a policy the caller writes (a trust policy
  // rewritten with iam:UpdateAssumeRolePolicy, a layer version's policy in an account of its own) is
  // not among them.
  if (q.resourcePolicy) return { status: "unknown", reason: `${q.action} on ${q.resource} under ${q.resourcePolicy.type === "trust" ? "a trust policy" : "a resource policy"} the caller writes is not encoded by the prover`, queries: 0 };
  const r = await prove(stepQuestion(c, q));
  if (r.status === "proved") return { status: "proved", how: "solver", queries: r.queries };
  if (r.status === "refuted") return r;
  return { status: "unknown", reason: `${q.action} on ${q.resource}: ${r.reason}`, queries: r.queries };
}
