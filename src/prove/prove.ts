/**
 * The proving strategy for `mayNot` (contract section 2: "proved when the runner has shown that no
 * request of its whole space is allowed"). For each caller and action of the expectation's space and
 * each class of resources (src/prove/resources.ts), the question "is some request allowed?" goes to
 * the solver as one formula: the decision (src/prove/decide.ts) over a free resource of the class and
 * a free context (src/prove/keys.ts) that agrees with `when`. UNSAT for every question: proved. SAT:
 * the model becomes a concrete request, made realistic as the sampler's are, and replayed through the
 * evaluator; only a replayed Allow is a counterexample. Anything not encoded (a construct, a timeout)
 * answers "unknown" with its reason, and the expectation stays sampled: never proved by default.
 */
import type { ConditionClause } from "../conditions/compile.js";
import type { ValueFamily } from "../conditions/family.js";
import type { Caller } from "../compile/caller.js";
import { buildInput, type Evaluator, type World } from "../compile/request.js";
import { sourceIdentityIsFree, taggingIsFree } from "../compile/session-names.js";
import { environmentMentions } from "./environment-text.js";
import { writtenContext, type Candidate, type RequestSpace } from "../compile/sources.js";
import type { RequestContext } from "../context/request-context.js";
import { prepareRequest } from "../evaluator/evaluate.js";
import { accessPointSides } from "../evaluator/access-point.js";
import { fixedMask, flipped, POINT_BIT, readingsOf, type Readings } from "../evaluator/readings.js";
import { gatewayService } from "../evaluator/decide.js";
import type { EvaluateInput } from "../types.js";
import { statementsFor, type CompiledPolicy, type CompiledStatement } from "../evaluator/compiled-policy.js";
import type { PolicySet, PreparedRequest } from "../evaluator/decide.js";
import { conditionKeyType } from "../data/condition-keys.js";
import { factsFor, GLOBAL_SERVICES, isDerivedKey, isRequiredKey, keyApplies, realistic, type OrgFacts, type RequestFacts } from "../context/realism.js";
import { AWS_REGIONS } from "../context/regions.js";
import { arnPatternRx } from "../match/arn.js";
import { caseless, rx, type Rx } from "../match/regex.js";
import type { Expectation } from "../model/types.js";
import { parseTemplate, resolveTemplate } from "../policy/variables.js";
import { compileWildcard } from "../match/wildcard.js";
import { allowFormula } from "./decide.js";
import { solve } from "./lazy.js";
import { logic, type F, type Logic } from "./formula.js";
import {
  clauseFormula,
  concreteKey,
  displayName,
  excludedFormula,
  freeKey,
  kindOfFamily,
  mayBeMulti,
  present,
  presentSet,
  PRINTABLE,
  REGION_RX,
  resolvedTexts,
  slotDomain,
  truth,
  Unsupported,
  valueFromModel,
  type KeyKind,
  type SymKey,
} from "./keys.js";
import { resourceClasses, type ResourceClass } from "./resources.js";
import type { Model, SolverSession, ZString } from "./solver.js";

export interface ProofQuestion {
  world: World;
  exp: Expectation;
  space: RequestSpace;
  evaluator: Evaluator;
}

export type ProofResult =
  | { status: "proved"; queries: number }
  | { status: "refuted"; candidate: Candidate; queries: number }
  | { status: "unknown"; reason: string; queries: number };

export interface ProofLimits {
  /** Per solver question (z3's timeout), milliseconds. */
  queryTimeoutMs: number;
  /** For the whole expectation, milliseconds. */
  budgetMs: number;
}

export const DEFAULT_LIMITS: ProofLimits = { queryTimeoutMs: 5000, budgetMs: 30000 };
const PROBE_TIMEOUT_MS = 250;

export async function proveMayNot(session: SolverSession, q: ProofQuestion, limits: ProofLimits = DEFAULT_LIMITS): Promise<ProofResult> {
  const L = logic(session.z);
  const started = Date.now();
  let queries = 0;
  let names = 0;
  const unknown = (reason: string): ProofResult => ({ status: "unknown", reason, queries });
  const spent = () => Date.now() - started > limits.budgetMs;
  // Whether some policy names a role session (its session name).
  const mentionsSessions = () => environmentMentions(q.world.env, ":assumed-role/");
  const overBudget = () => unknown(`the proof budget of ${limits.budgetMs} ms was spent`);
  try {
    // Every question of the expectation (caller x action x resource class x endpoint x region group).
    const pending: Pending[] = [];
    for (const caller of q.space.callers) {
      const choice = sessionChoice(q, caller, mentionsSessions);
      for (const action of q.space.actions) {
        for (const cls of resourceClasses(q.world, q.exp, q.space, caller, action)) {
          const questions: Pending[] = [];
          for (const vpce of vpceCases(q)) {
            if (spent()) return overBudget();
            for (const question of encode(L, q, caller, action, cls, vpce, `q${names++}`, choice)) {
              const limit = choice.limit;
              if (limit && [...question.keysRead].some((k) => limit.keys.test(k))) return unknown(limit.reason);
              questions.push({ question, about: `${action} on ${cls.describe}` });
            }
          }
          // (Most classes have no question: no policy can allow the action on them.) A class whose
          // language is empty (a format that `on` cannot match) is settled alone: the solver decides
          // one membership at once, and may not when policies' atoms come with it. With `on: *` every
          // class has ARNs.
          if (questions.length > 0 && cls.symbolic && !q.exp.on.match.some((w) => w.text === "*")) {
            queries++;
            const probe = cls.symbolic(L, `probe${names++}`);
            // A probe only spares work: it gets a short time, and an undecided one is as good as SAT.
            const answer = await solve(L, session, probe.constraints, Math.min(PROBE_TIMEOUT_MS, limits.queryTimeoutMs));
            if (answer.result === "unsat") continue;
          }
          pending.push(...questions);
        }
      }
    }
    // The questions go to the solver together, each under a selector of its own: one UNSAT answer
    // settles them all (a solver call costs milliseconds, and most expectations that reach the prover
    // hold). A SAT answer names the questions it satisfies; each of those is settled alone (its model
    // replayed), and the rest go back together.
    let batch = pending;
    while (batch.length > 0) {
      if (spent()) return overBudget();
      let chosen = batch;
      if (batch.length > 1) {
        const selectors = batch.map(() => L.z.Bool.const(`sel${names++}`));
        const together = [L.or(...selectors.map((b) => L.atom(b))), ...batch.map((p, i) => L.implies(L.atom(selectors[i]!), L.and(...p.question.constraints)))];
        queries++;
        const answer = await solve(L, session, together, limits.queryTimeoutMs);
        if (answer.result === "unsat") break;
        // A batch the solver cannot decide in time is asked question by question.
        if (answer.result === "sat") chosen = batch.filter((_, i) => answer.model.bool(selectors[i]!));
        if (chosen.length === 0) chosen = batch;
      }
      for (const p of chosen) {
        if (spent()) return overBudget();
        const settled = await settle(p);
        if (settled) return settled;
      }
      batch = batch.filter((p) => !chosen.includes(p));
    }
  } catch (err) {
    if (err instanceof Unsupported) return unknown(err.message);
    if (process.env.IAM_SPEC_PROVER_DEBUG) console.error(err);
    return unknown(`the prover failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { status: "proved", queries };

  /** One question alone: undefined when no request of it is allowed, else the expectation's answer. */
  async function settle({ question, about }: Pending): Promise<ProofResult | undefined> {
    // A few tries: a witness that realism changes into a request that is not allowed is blocked.
    const blocks: F[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      queries++;
      const answer = await solve(L, session, [...question.constraints, ...blocks], limits.queryTimeoutMs);
      // UNSAT is a proof only before any block: a block rules out every request that agrees with the
      // witness on the keys the question reads, and realism may have changed the witness through a
      // key it does not read (aws:SourceVpc is sent only with aws:SourceVpce).
      if (answer.result === "unsat") return blocks.length === 0 ? undefined : unknown(`the solver's requests for ${about} are not ones AWS sends (realism changes them)`);
      if (answer.result === "unknown") return unknown(`the solver could not decide ${about} (${answer.reason})`);
      const tried = question.candidates(answer.model);
      if (process.env.IAM_SPEC_PROVER_DEBUG) console.error(JSON.stringify(tried.map((c) => ({ r: c.resource, ctx: c.context }))));
      const allowed = tried.find((c) => q.space.isAllowed?.(c));
      if (allowed) return { status: "refuted", candidate: allowed, queries };
      blocks.push(question.block(answer.model));
    }
    return unknown(`the solver's requests for ${about} are not ones AWS sends (realism changes them)`);
  }
}

interface Pending {
  question: Question;
  /** "ACTION on RESOURCE CLASS", for reasons. */
  about: string;
}

/**
 * What the caller of sts:AssumeRole chooses for the session (IAM/latest/UserGuide/id_session-tags.html,
 * STS/latest/APIReference/API_AssumeRole.html): session tags, where the trust policy lets them be passed
 * (they become aws:PrincipalTag/*, overriding the role's tags of the same key), and the session name
 * where the expectation leaves it open (it is part of aws:userid), and the source identity where the
 * trust policy lets it be set (aws:SourceIdentity, or none: IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html).
 * The prover lets these vary as free
 * keys of the request; a witness is replayed as the session with that choice (RequestSpace.vary), its
 * chain checked again. What it does not relate stays sampled: a session name read through a chain's
 * sts:RoleSessionName or a policy that names a session, or session tags read by the chain's own hops.
 */
export interface Choice {
  tags: boolean;
  /** Whether aws:SourceIdentity is the caller's choice (present with any value AWS accepts, or absent). */
  sourceIdentity?: boolean;
  /** The role's unique id, when aws:userid (ROLEID:NAME) varies with the session name. */
  userid?: string;
  limit?: { keys: RegExp; reason: string };
}

function sessionChoice(q: ProofQuestion, caller: Caller, mentionsSessions: () => boolean): Choice {
  const role = caller.role;
  if (!role || !caller.principal.includes(":assumed-role/") || !q.space.vary) return { tags: false };
  const nameFree = !q.exp.session.nameWritten && q.exp.session.name === "iam-spec";
  // With a chain the sts:TagSession hop is part of the question (its conditions on the tags are
  // read); without one nobody is named as the assumer, so only an unconditional grant counts (as for
  // the sampler: src/compile/session-names.ts).
  const chained = q.exp.assumedBy.length > 0;
  const tags = taggingIsFree(role.trust?.document, chained);
  const limits: { keys: RegExp; reason: string }[] = [];
  // The source identity, where `session` and `when` leave it open: free without a chain; with one, the
  // chain's sts:SetSourceIdentity hop would have to be part of the question, which it is not.
  const sourceIdentityOpen = q.exp.session.sourceIdentity === undefined && !q.space.when.pinned.has("aws:sourceidentity") && sourceIdentityIsFree(role.trust?.document, chained);
  if (sourceIdentityOpen && chained) limits.push({ keys: /^aws:sourceidentity$/, reason: "the source identity is the caller's choice, set with sts:SetSourceIdentity in the chain, which the prover does not relate" });
  const sourceIdentity = sourceIdentityOpen && !chained;
  let userid: string | undefined;
  if (nameFree && (chained || mentionsSessions())) limits.push({ keys: /^(aws:userid|sts:rolesessionname)$/, reason: "the session name is the caller's choice, and the prover varies it only where no chain or policy names the session" });
  else if (nameFree) userid = role.uniqueId;
  const limit = limits.length === 0 ? undefined : { keys: new RegExp(limits.map((l) => `(?:${l.keys.source})`).join("|")), reason: limits.map((l) => l.reason).join("; ") };
  return { tags, ...(sourceIdentity ? { sourceIdentity } : {}), ...(userid !== undefined ? { userid } : {}), ...(limit ? { limit } : {}) };
}

/** What AWS accepts in a session tag value (STS/latest/APIReference/API_Tag.html), printable ASCII part. */
const TAG_VALUE_RX: Rx = rx.star(rx.alt(rx.range("a", "z"), rx.range("A", "Z"), rx.range("0", "9"), ...[..." _.:/=+-@"].map((c) => rx.lit(c))));
/** What AWS accepts as a session name (STS/latest/APIReference/API_AssumeRole.html, RoleSessionName): [\w+=,.@-]{2,64}. */
const SESSION_NAME_CHAR: Rx = rx.alt(rx.range("a", "z"), rx.range("A", "Z"), rx.range("0", "9"), ...[..."_+=,.@-"].map((c) => rx.lit(c)));
const SESSION_NAME_RX: Rx = rx.cat(SESSION_NAME_CHAR, SESSION_NAME_CHAR, rx.star(SESSION_NAME_CHAR));

/** Requests through each declared VPC endpoint (its policy applies), and through none of them. */
function vpceCases(q: ProofQuestion): (string | undefined)[] {
  const pinned = q.space.when.pinned.has("aws:sourcevpce") || q.space.when.excluded.has("aws:sourcevpce");
  if (pinned || q.world.vpcEndpoints.size === 0) return [undefined];
  return [...q.world.vpcEndpoints.keys(), undefined];
}

export interface Question {
  constraints: F[];
  keysRead: ReadonlySet<string>;
  /** The requests a model stands for, the most readable first. */
  candidates(m: Model): Candidate[];
  block(m: Model): F;
}

function policiesOf(set: PolicySet): CompiledPolicy[] {
  return [
    ...set.identity,
    ...(set.resource ? [set.resource] : []),
    ...(set.boundary ? [set.boundary] : []),
    ...set.session,
    ...set.vpce,
    ...set.scps.flat(),
    ...set.rcps.flat(),
  ];
}

/** One request of a question: the one the expectation asks about, or a hop of its caller's chain. */
interface Part {
  req: PreparedRequest;
  set: PolicySet;
  /** The request under every reading of the open points it may depend on (src/evaluator/readings.ts). */
  variants: { req: PreparedRequest; set: PolicySet }[];
  statements: CompiledStatement[];
  /**
   * The concrete resource, or the class's solver string (the final request of a class); `objects`: the
   * bucket side of a request through an access point, whose object ARN is the class's with the access
   * point's prefix `from` replaced by the bucket's `to` (arn:aws:s3:::BUCKET/KEY for ACCESSPOINT/object/KEY).
   */
  resource: { concrete: string } | { symbolic: true; objects?: { from: string; to: string } };
  /** Keys this request's context holds as written (pinned by `when`, or a hop's own keys). */
  pinned: ReadonlySet<string>;
  /** The other side of a difference question: must not be allowed; its own request's values are concrete. */
  against?: true;
}

/** The other side of a difference question (src/prove/difference.ts): allowed by the question's world and not by this one. */
export interface Against {
  world: World;
  /** The caller there; absent when it does not exist there (nothing it asks is allowed). */
  caller?: Caller;
}

export function encode(
  L: Logic,
  q: ProofQuestion,
  caller: Caller,
  action: string,
  cls: ResourceClass,
  vpce: string | undefined,
  id: string,
  choice: Choice,
  region?: string,
  against?: Against,
): Question[] {
  const when = q.space.when;
  const base: RequestContext = writtenContext(when);
  if (vpce !== undefined) base["aws:SourceVpce"] = vpce;
  // kms:CallerAccount is the caller's account, set by AWS (kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account)
  // as realism sets it: no free choice of the solver's.
  const callerFacts = factsFor(caller, action, cls.representative);
  if (callerFacts.callerAccount !== undefined && keyApplies("kms:CallerAccount", callerFacts) && !Object.keys(base).some((k) => k.toLowerCase() === "kms:calleraccount")) base["kms:CallerAccount"] = callerFacts.callerAccount;
  const lowerKeys = (ctx: RequestContext) => new Set(Object.keys(ctx).map((k) => k.toLowerCase()));

  // The requests: the one asked about, and every hop of the caller's chain, which must all be
  // allowed for the same context (src/compile/chain.ts).
  const chain = q.space.chain?.(caller, base);
  if (chain && !chain.ok) return []; // the session cannot exist: nothing it asks is allowed
  const prepare = (c: Caller, a: string, resource: string, ctx: RequestContext, symbolic: boolean, world = q.world): Part =>
    prepareInput(buildInput(world, c, a, resource, ctx), symbolic && cls.symbolic ? { symbolic: true } : { concrete: resource }, ctx);
  // A request through an S3 access point is allowed when the access point's policy and the bucket's
  // both allow it (AmazonS3/latest/userguide/access-points-policies.html, as evaluate() decides it:
  // src/evaluator/access-point.ts): two requests of the question, each with its own policies.
  const throughAccessPoint = (input: EvaluateInput): Part[] | undefined => {
    if (!input.accessPoint) return undefined;
    const [apSide, bucketSide] = accessPointSides(input);
    if (!cls.symbolic) return [prepareInput(apSide, { concrete: apSide.resource }, base), prepareInput(bucketSide, { concrete: bucketSide.resource }, base)];
    const at = apSide.resource.indexOf("/object/");
    const key = at < 0 ? "" : apSide.resource.slice(at + "/object/".length);
    if (key === "" || !bucketSide.resource.endsWith(`/${key}`)) throw new Unsupported(`requests through the access point of ${cls.describe} are decided by two resource policies, which the prover relates only for objects`);
    const objects = { from: apSide.resource.slice(0, at + "/object/".length), to: bucketSide.resource.slice(0, bucketSide.resource.length - key.length) };
    return [prepareInput(apSide, { symbolic: true }, base), prepareInput(bucketSide, { symbolic: true, objects }, base)];
  };
  const prepareInput = (input: EvaluateInput, resource: Part["resource"], ctx: RequestContext): Part => {
    const { req, set } = prepareRequest(input);
    // A difference compares the two sides' decisions as evaluate() makes them: the default readings only.
    const variants = against ? [{ req, set }] : readingVariants(input, req, set).map((r) => prepareRequest(input, r));
    const statements = variants.flatMap((v) => policiesOf(v.set).flatMap((p) => [...statementsFor(p, v.req.service, v.req.name, v.req.actionKey, v.req.actionSlot)]));
    return { req, set, variants, statements, resource, pinned: lowerKeys(ctx) };
  };
  const parts: Part[] = throughAccessPoint(buildInput(q.world, caller, action, cls.representative, base)) ?? [prepare(caller, action, cls.representative, base, true)];
  const hopParts = (chain?.hops ?? []).map((hop) => prepare(hop.caller, hop.action, hop.resource, hop.context, false));
  parts.push(...hopParts);
  const main = parts[0]!;
  // Session tags the caller of the chain's last sts:AssumeRole chooses travel on that request as
  // aws:RequestTag/* and need sts:TagSession allowed too (IAM/latest/UserGuide/id_session-tags.html).
  const last = chain?.hops.at(-1);
  const tagged = new Set(hopParts.filter((_, i) => chain!.hops[i]!.context === last?.context));
  let tagHop: Part | undefined;
  if (choice.tags && last) {
    if (Object.keys(q.exp.session.tags).length > 0) throw new Unsupported("session tags are the caller's choice beside the tags the spec passes, which the prover does not combine");
    tagHop = prepare(last.caller, "sts:TagSession", last.resource, last.context, false);
    tagged.add(tagHop);
  }
  // A difference question: the same request in the other world, which must not allow it.
  const other: Part | undefined = against?.caller ? { ...prepare(against.caller, action, cls.representative, base, true, against.world), against: true } : undefined;
  const allParts = [...parts, ...(tagHop ? [tagHop] : []), ...(other ? [other] : [])];

  const facts: RequestFacts = { ...factsFor(caller, action, cls.representative), ...hopsOf(q, caller) };
  const clausesByKey = new Map<string, ConditionClause[]>();
  const keysRead = new Set<string>();
  for (const part of allParts)
    for (const st of part.statements) {
      for (const c of st.symbolic.clauses) {
        keysRead.add(c.key);
        const list = clausesByKey.get(c.key) ?? [];
        list.push(c);
        clausesByKey.set(c.key, list);
        if (c.kind === "values") for (const v of c.values) for (const k of v.template?.keys ?? []) keysRead.add(k);
      }
      for (const e of st.symbolic.resources?.entries ?? []) for (const k of parseTemplate(e, st.symbolic.version)?.keys ?? []) keysRead.add(k);
    }

  // Where aws:RequestedRegion is read, the resource's region decides it: one question per group of
  // regions that the policies cannot tell apart.
  const service = action.split(":")[0]!.toLowerCase();
  if (region === undefined && cls.regional && cls.symbolic && keysRead.has("aws:requestedregion") && !GLOBAL_SERVICES.has(service)) {
    const excluded = when.excluded.get("aws:requestedregion")?.not.map(String) ?? [];
    const statements = [...main.statements, ...(other?.statements ?? [])];
    return regionGroups(statements, main.req, excluded).flatMap((r, i) => encode(L, q, caller, action, cls, vpce, `${id}_${i}`, choice, r, against));
  }
  const resource = cls.symbolic?.(L, `${id}_res`, region);
  // The bucket side's object ARN: the same key after the bucket's prefix.
  const objectKey = resource ? L.z.String.const(`${id}_reskey`) : undefined;
  const bucketArn = (o: { from: string; to: string }): ZString => {
    const bucketSide = L.z.String.val(o.to).concat(objectKey!);
    if (!keyTied) {
      keyTied = true;
      constraints.push(L.atom(resource!.arn.eq(L.z.String.val(o.from).concat(objectKey!))));
    }
    return bucketSide;
  };
  let keyTied = false;

  // A key is free (the same solver value in every request) unless `when` pins it, AWS derives it, or
  // no request of this kind carries it; in a request whose own context holds it, it is concrete there.
  const isFree = (k: string): boolean => !main.pinned.has(k) && main.req.ctx.get(k) === undefined && !isDerivedKey(k) && keyApplies(k, facts);
  // A `{ not }` key of `when` is in every request of the question: a caller whose requests never
  // carry it (aws:SourceAccount, which only service principals' requests have:
  // IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount) asks nothing.
  for (const k of when.excluded.keys()) if (!main.pinned.has(k) && main.req.ctx.get(k) === undefined && !isDerivedKey(k) && !keyApplies(k, facts)) return [];
  // Keys of the session that its caller chose (sessionChoice): free in the request asked about only.
  const chosen = (k: string): boolean =>
    !main.pinned.has(k) && ((choice.tags && k.startsWith("aws:principaltag/")) || (choice.userid !== undefined && k === "aws:userid") || (choice.sourceIdentity === true && k === "aws:sourceidentity"));
  const constraints: F[] = [];
  const free = new Map<string, SymKey>();
  const freeKeyOf = (k: string): SymKey => {
    let sym = free.get(k);
    if (sym) return sym;
    const clauses = clausesByKey.get(k) ?? [];
    const kinds = new Set<KeyKind>(clauses.flatMap((c) => (c.kind === "values" ? [kindOfFamily(c.family)] : [])));
    if (kinds.size > 1) throw new Unsupported(`condition key ${k} is compared as more than one type (${[...kinds].join(", ")})`);
    // A `{ not }` of `when` reads the key as the type AWS sends it (CIDRs for an IP key, true/false for
    // a Bool key: contract section 2) where no policy compares it: read as any text, an IP key left
    // `""` outside `not: [0.0.0.0/0, ::/0]`, a request AWS never sends, and the prover found it allowed.
    const declared = kinds.size === 0 && when.excluded.has(k) ? conditionKeyType(k)?.replace(/^ArrayOf/, "") : undefined;
    const kind = kinds.values().next().value ?? (declared === "IPAddress" ? "ip" : "string");
    const boolish = clauses.length > 0 ? clauses.every((c) => c.kind === "values" && c.family.name === "Bool") : declared === "Bool";
    const n = mayBeMulti(k, clauses) ? clauses.length + 2 : 1;
    sym = freeKey(L, `${id}_${k.replace(/[^A-Za-z0-9]/g, "_")}`, k, kind, n, boolish);
    free.set(k, sym);
    constraints.push(...slotDomain(L, sym));
    // AWS sets these with a value (a time, a Region, ...), never an empty one that Null would call absent.
    if (isRequiredKey(k, facts)) constraints.push(presentSet(L, sym));
    const excluded = when.excluded.get(k);
    if (excluded) constraints.push(excludedFormula(L, sym, excluded.not.map(String)));
    if (k === "aws:requestedregion") constraints.push(regionConstraint(L, sym, action, region, cls));
    if (chosen(k)) {
      const s = sym.slots[0]!;
      if (k === "aws:userid") {
        // A session always has one: ROLEID:SESSIONNAME.
        constraints.push(present(L, sym));
        if (s.str) constraints.push(L.inRe(s.str, rx.cat(rx.lit(`${choice.userid}:`), SESSION_NAME_RX)));
      } else if (k === "aws:sourceidentity") {
        // Set (a value AWS accepts: STS/latest/APIReference/API_AssumeRole.html, SourceIdentity) or not.
        if (s.str) constraints.push(L.implies(s.active, L.inRe(s.str, SESSION_NAME_RX)));
      } else if (s.str) {
        // A tag passed has the value passed; a tag not passed is the role's own (or absent).
        const passedTag = L.atom(L.z.Bool.const(`${id}_passed_${passed.size}`));
        passed.set(k, passedTag);
        const own = main.req.ctx.get(k)?.values[0];
        constraints.push(L.implies(passedTag, L.and(s.active, L.inRe(s.str, TAG_VALUE_RX))));
        constraints.push(L.implies(L.not(passedTag), own === undefined ? L.not(s.active) : L.and(s.active, L.inRe(s.str, rx.lit(own)))));
      }
    }
    return sym;
  };
  const passed = new Map<string, F>();
  // aws:RequestTag/KEY of a tagged hop: the tag passed for aws:PrincipalTag/KEY, present when passed.
  const requestTagOf = (k: string): SymKey => {
    const tag = freeKeyOf(`aws:principaltag/${k.slice("aws:requesttag/".length)}`);
    const s = tag.slots[0]!;
    return { key: k, free: true, kind: "string", boolish: false, slots: [{ ...s, active: passed.get(tag.key) ?? false }] };
  };

  const allowOf = (part: Part): F => L.or(...part.variants.map((v) => allowUnder(part, v.req, v.set)));
  const allowUnder = (part: Part, req: PreparedRequest, set: PolicySet): F => {
    const ctx = req.ctx;
    const concrete = new Map<string, SymKey>();
    // In the other world's request, what its own context holds (its caller's tags, say) is concrete.
    const freeHere = (k: string) => !part.pinned.has(k) && (isFree(k) || (part === main && chosen(k))) && !(part.against && ctx.get(k) !== undefined);
    const keyOf = (k: string): SymKey => {
      if (tagHop && tagged.has(part)) {
        if (k.startsWith("aws:requesttag/")) return requestTagOf(k);
        if (k === "aws:tagkeys") throw new Unsupported("session tags are the caller's choice, and the chain reads aws:TagKeys of the tags passed, which the prover does not list");
      }
      if (freeHere(k)) return freeKeyOf(k);
      let sym = concrete.get(k);
      if (!sym) concrete.set(k, (sym = concreteKey(k, ctx.get(k)?.values ?? [])));
      return sym;
    };
    const testMemo = new Map<ValueFamily, Map<string, (v: string) => boolean>>();
    const concreteTest = (family: ValueFamily) => (text: string, value: string): boolean => {
      let byText = testMemo.get(family);
      if (!byText) testMemo.set(family, (byText = new Map()));
      let t = byText.get(text);
      if (!t) {
        const test = family.compile([{ text, template: null }]).test;
        t = (v: string) => test(v, ctx);
        byText.set(text, t);
      }
      return t(value);
    };
    const resourceAtom = (st: CompiledStatement): F => {
      const r = st.symbolic.resources;
      if (!r) return true;
      const templates = r.entries.map((e) => parseTemplate(e, st.symbolic.version));
      if (templates.some((t) => t?.keys.some(freeHere))) throw new Unsupported("a Resource element reads a free condition key through a policy variable");
      if ("concrete" in part.resource) return st.matchesResource(part.resource.concrete, ctx);
      const patterns: string[] = [];
      r.entries.forEach((e, i) => {
        const t = templates[i];
        if (t === null || t === undefined) patterns.push(e);
        else if (t.fixed !== undefined) patterns.push(t.fixed);
        else {
          const text = resolveTemplate(t, ctx);
          if (text !== undefined) patterns.push(text);
        }
      });
      const hit = patterns.length === 0 ? false : L.inRe(part.resource.objects ? bucketArn(part.resource.objects) : resource!.arn, rx.alt(...patterns.map(arnPatternRx)));
      return r.negate ? L.not(hit) : hit;
    };
    const conditionAtom = (st: CompiledStatement): F =>
      L.and(
        ...st.symbolic.clauses.map((c) => {
          const k = keyOf(c.key);
          if (c.kind === "null") return clauseFormula(L, c, k, [], () => false);
          return clauseFormula(L, c, k, resolvedTexts(c.values, ctx, freeHere), concreteTest(c.family));
        }),
      );
    return allowFormula(L, set, req, (st) => {
      const res = resourceAtom(st);
      return res === false ? false : L.and(res, conditionAtom(st));
    });
  };

  const hops = L.and(...parts.map(allowOf));
  // sts:TagSession must be allowed when some tag is passed (after the parts: they create the flags).
  const tagging = tagHop ? allowOf(tagHop) : true;
  const allow = L.and(hops, L.implies(L.or(...passed.values()), tagging), other ? L.not(allowOf(other)) : true);
  if (allow === false) return [];
  constraints.unshift(allow);
  // A `{ not }` key of `when` is present in every request of the question, read by a policy or not.
  for (const k of when.excluded.keys()) if (isFree(k)) freeKeyOf(k);
  const pinnedTags = new Map<string, boolean>();
  for (const [k, { value }] of when.pinned) if (k.startsWith("aws:requesttag/")) pinnedTags.set(k.slice("aws:requesttag/".length), value !== null);
  constraints.push(...tagRelation(L, free, pinnedTags));
  constraints.push(...onBehalfRelation(L, free, (k) => main.req.ctx.get(k)?.values, facts));
  constraints.push(...calledViaRelation(L, free, (k) => main.req.ctx.get(k)?.values, isFree, freeKeyOf));
  constraints.push(...networkRelation(L, free, main.req.ctx.get("aws:sourcevpce") !== undefined, isFree, freeKeyOf, vpce === undefined ? [...q.world.vpcEndpoints.keys()] : [], facts.callerKind !== "service"));
  constraints.push(...sourceRelation(L, free, (k) => main.req.ctx.get(k)?.values, namedAccounts(q.world, clausesByKey, when.excluded)));
  if (facts.callerKind === "service") constraints.push(...sourceOrgRelation(L, free, facts.organization, (k) => main.req.ctx.get(k)?.values, isFree, freeKeyOf));
  if (resource) constraints.push(...resource.constraints);

  const freeKeys = () => [...free.values()];
  return [{
    constraints,
    keysRead,
    candidates(m) {
      const context: RequestContext = { ...base };
      for (const k of freeKeys()) {
        const v = valueFromModel(L, k, m);
        if (v !== undefined) context[displayName(k.key, clausesByKey.get(k.key)?.[0]?.written)] = v;
      }
      // aws:TagKeys lists the request's tags: each key it names comes with its tag, spelled as it names it.
      const tagKeys = context["aws:TagKeys"];
      for (const t of Array.isArray(tagKeys) ? tagKeys : tagKeys === undefined ? [] : [tagKeys]) {
        if (typeof t !== "string") continue;
        const written = Object.keys(context).find((k) => k.toLowerCase() === `aws:requesttag/${t.toLowerCase()}`);
        const value = written === undefined ? "x" : context[written]!;
        if (written !== undefined) delete context[written];
        context[`aws:RequestTag/${t}`] = value;
      }
      sameSourceAccount(context);
      // What the session's caller chose leaves the request's context for the session itself.
      const tags: Record<string, string> = {};
      let name: string | undefined;
      let sourceIdentity: string | undefined;
      for (const k of freeKeys()) {
        if (!chosen(k.key)) continue;
        const shown = displayName(k.key, clausesByKey.get(k.key)?.[0]?.written);
        const v = context[shown];
        delete context[shown];
        if (typeof v !== "string") continue;
        if (k.key === "aws:userid") name = v.slice(v.indexOf(":") + 1);
        else if (k.key === "aws:sourceidentity") sourceIdentity = v;
        else if (truth(L, passed.get(k.key) ?? false, m)) tags[shown.slice("aws:PrincipalTag/".length)] = v;
      }
      const varied = Object.keys(tags).length > 0 || name !== undefined || sourceIdentity !== undefined;
      const who = varied ? q.space.vary?.(caller, { ...(Object.keys(tags).length > 0 ? { tags } : {}), ...(name !== undefined ? { name } : {}), ...(sourceIdentity !== undefined ? { sourceIdentity } : {}) }) : caller;
      if (!who) return [];
      const chose = [
        ...Object.entries(tags).map(([k, v]) => `session tag ${k}=${v}, passed with sts:TagSession`),
        ...(name !== undefined ? [`session name ${name}`] : []),
        ...(sourceIdentity !== undefined ? [`source identity ${sourceIdentity}, set with sts:SetSourceIdentity`] : []),
      ];
      const arn = cls.concrete ?? m.string(resource!.arn);
      const fixed = new Set([...when.pinned.keys(), ...when.excluded.keys()]);
      const make = (resourceArn: string, ctx: RequestContext): Candidate => ({
        caller: who,
        action,
        resource: resourceArn,
        context: realistic(ctx, { ...factsFor(who, action, resourceArn), ...hopsOf(q, who) }, fixed),
        origin: ["the prover", ...chose].join("; "),
      });
      // The solver's text may hold spaces, and its regions may be any region-shaped text: a request
      // with letters and a real region reads better and is tried first (the replay decides).
      const region = arn.split(":")[3];
      const fakeRegion = region !== undefined && !AWS_REGIONS.includes(region) && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region);
      const tidy = (text: string) => {
        let t = text.replaceAll(" ", "x");
        if (fakeRegion) t = t.split(region!).join("us-east-1");
        return t;
      };
      const nicer: RequestContext = {};
      for (const [k, v] of Object.entries(context)) nicer[k] = typeof v === "string" && !(k in base) ? tidy(v) : v;
      const nicerArn = cls.concrete ?? tidy(arn);
      return nicerArn === arn && JSON.stringify(nicer) === JSON.stringify(context) ? [make(arn, context)] : [make(nicerArn, nicer), make(arn, context)];
    },
    block(m) {
      // Not this resource with these values again.
      const same: F[] = [];
      if (resource) same.push(L.inRe(resource.arn, rx.lit(m.string(resource.arn))));
      for (const k of freeKeys())
        for (const s of k.slots) {
          const active = truth(L, s.active, m);
          same.push(active ? s.active : L.not(s.active));
          if (active && s.str) same.push(L.inRe(s.str, rx.lit(m.string(s.str))));
        }
      return L.not(L.and(...same));
    },
  }];
}

/**
 * The readings a request may depend on: every combination of the open points that the environment
 * does not settle and that can matter here (a grant to everyone, an empty SCP level, an unlisted
 * bucket, a gateway-service endpoint). A `mayNot` fails when some reading allows (undetermined.ts).
 */
function readingVariants(input: EvaluateInput, req: PreparedRequest, set: PolicySet): Readings[] {
  const base = readingsOf(input.assumptions);
  const open = ~fixedMask(input.assumptions);
  let relevant = 0;
  const everyone = policiesOf(set).some(namesEveryone);
  if (everyone && req.principal.isIam) relevant |= POINT_BIT["principal-star-boundary"];
  if (set.scps.some((level) => level.length === 0)) relevant |= POINT_BIT["empty-scp-level"];
  if (input.resourceAccount === undefined && /^arn:[^:]+:s3:::/.test(input.resource)) relevant |= POINT_BIT["unlisted-bucket-owner"];
  if (set.vpce.length > 0 && gatewayService(req.service)) relevant |= POINT_BIT["vpce-endpoint-type"];
  const points = relevant & open;
  const out: Readings[] = [];
  for (let mask = 0; mask <= points; mask++) if ((mask & points) === mask) out.push(flipped(base, mask));
  return out;
}

/** Whether a policy has a statement for any principal (`"*"` or NotPrincipal), memoized per compiled policy: ReadOnlyAccess alone has thousands of statements to look through, for every request of a proof. */
const everyoneMemo = new WeakMap<CompiledPolicy, boolean>();
function namesEveryone(p: CompiledPolicy): boolean {
  let known = everyoneMemo.get(p);
  if (known === undefined) {
    const named = (st: CompiledStatement) => Boolean(st.principal?.any || st.notPrincipal);
    known = p.anyService.some(named) || [...p.byService.values()].some((list) => list.some(named));
    everyoneMemo.set(p, known);
  }
  return known;
}

/** The hops of the caller's chain as realism reads them. */
function hopsOf(q: ProofQuestion, caller: Caller): { hops?: readonly RequestFacts[] } {
  const hops = q.space.hopFacts?.(caller) ?? [];
  return hops.length > 0 ? { hops } : {};
}

/**
 * aws:TagKeys is the list of the request's tag keys (IAM/latest/UserGuide/reference_policies_condition-keys.html,
 * aws:TagKeys): where both are free, a tag the policies read is in the request exactly when TagKeys
 * names its key; TagKeys may name other keys too (their tags are added to the request).
 */
function tagRelation(L: Logic, free: ReadonlyMap<string, SymKey>, pinned: ReadonlyMap<string, boolean>): F[] {
  const tagKeys = free.get("aws:tagkeys");
  if (!tagKeys || tagKeys.kind !== "string") return [];
  const out: F[] = [];
  // Condition key names are case-insensitive, tag keys are not: the tag is spelled as TagKeys names it.
  const names = (name: string) => L.or(...tagKeys.slots.map((s) => L.and(s.active, L.inRe(s.str!, caseless(name)))));
  for (const [key, tag] of free) {
    if (!key.startsWith("aws:requesttag/")) continue;
    const named = names(key.slice("aws:requesttag/".length));
    out.push(L.and(L.implies(present(L, tag), named), L.implies(named, present(L, tag))));
  }
  // Tags `when` writes (or pins absent) are named (or not) in TagKeys.
  for (const [name, isPresent] of pinned) out.push(isPresent ? names(name) : L.not(names(name)));
  return out;
}

/**
 * Where a request comes from, as AWS sends it (IAM/latest/UserGuide/reference_policies_condition-keys.html:
 * aws:SourceVpc, aws:SourceVpcArn and aws:VpcSourceIp are present only for requests through a VPC
 * endpoint, which carry aws:SourceVpce; aws:SourceIp is absent from those). `realistic()` repairs a
 * request the same way; here the relation is part of the question, so that no witness needs it. A
 * request through no declared endpoint names none of theirs.
 */
/**
 * Keys that say a service acted for the caller, or how it signed in, as AWS sends them: kms:ViaService
 * and kms:GrantIsForAWSResource (KMS developer guide, conditions-kms.html) and aws:CalledVia
 * (reference_policies_condition-keys.html#condition-keys-calledvia) only in a request an AWS service
 * made for the caller (aws:ViaAWSService true; never for a service or anonymous caller);
 * aws:MultiFactorAuthAge only with aws:MultiFactorAuthPresent true. `realistic()` drops them otherwise.
 */
function onBehalfRelation(L: Logic, free: ReadonlyMap<string, SymKey>, written: (k: string) => readonly string[] | undefined, facts: RequestFacts): F[] {
  const holds = (k: string): F => {
    const sym = free.get(k);
    if (sym) return L.or(...sym.slots.map((s) => (s.str ? L.and(s.active, L.inRe(s.str, caseless("true"))) : false)));
    const v = written(k);
    // Not written and not read: AWS sets it as the request needs.
    return v === undefined ? true : v.some((x) => x.toLowerCase() === "true");
  };
  const direct = facts.callerKind === "service" || facts.callerKind === "anonymous" || facts.callerKind === "federated";
  const via: F = direct ? false : holds("aws:viaawsservice");
  const out: F[] = [];
  const kmsVia = free.get("kms:viaservice");
  if (kmsVia) out.push(L.implies(present(L, kmsVia), via));
  if (free.has("kms:grantisforawsresource")) out.push(L.implies(holds("kms:grantisforawsresource"), via));
  const calledVia = free.get("aws:calledvia");
  if (calledVia) out.push(L.implies(present(L, calledVia), via));
  const mfaAge = free.get("aws:multifactorauthage");
  if (mfaAge) out.push(L.implies(present(L, mfaAge), holds("aws:multifactorauthpresent")));
  // aws:Ec2InstanceSourceVpc and aws:Ec2InstanceSourcePrivateIPv4 come together (realism.ts).
  const ec2Vpc = free.get("aws:ec2instancesourcevpc");
  const ec2Ip = free.get("aws:ec2instancesourceprivateipv4");
  if (ec2Vpc && ec2Ip) out.push(L.and(L.implies(present(L, ec2Vpc), present(L, ec2Ip)), L.implies(present(L, ec2Ip), present(L, ec2Vpc))));
  return out;
}

/**
 * aws:CalledViaFirst and aws:CalledViaLast are the first and the last service of aws:CalledVia
 * (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-calledviafirst,
 * #condition-keys-calledvialast): present exactly when it is, as `realistic()` makes them. Read where a
 * policy reads either; aws:CalledVia becomes a free choice then, unless `when` writes it.
 */
function calledViaRelation(
  L: Logic,
  free: ReadonlyMap<string, SymKey>,
  written: (k: string) => readonly string[] | undefined,
  isFree: (k: string) => boolean,
  freeKeyOf: (k: string) => SymKey,
): F[] {
  const first = free.get("aws:calledviafirst");
  const last = free.get("aws:calledvialast");
  if (!first && !last) return [];
  const via = free.get("aws:calledvia") ?? (isFree("aws:calledvia") ? freeKeyOf("aws:calledvia") : undefined);
  for (const k of [first, last, via]) if (k && k.kind !== "string") throw new Unsupported(`${k.key} is compared as a ${k.kind}, and aws:CalledViaFirst/Last follow aws:CalledVia as text`);
  const viaWritten = via ? undefined : (written("aws:calledvia") ?? []);
  const viaPresent: F = via ? present(L, via) : viaWritten!.length > 0;
  // The value `end` of aws:CalledVia (its first or last service) is `str`.
  const endIs = (end: "first" | "last", str: ZString): F => {
    if (!via) {
      const v = end === "first" ? viaWritten![0] : viaWritten![viaWritten!.length - 1];
      return v === undefined ? false : L.inRe(str, rx.lit(v));
    }
    const slots = via.slots;
    // Slots are filled in order: the first is slot 0, the last the active slot whose next one is not.
    return L.or(...slots.map((s, i) => {
      const isEnd: F = end === "first" ? i === 0 : i === slots.length - 1 ? true : L.not(slots[i + 1]!.active);
      return isEnd === false ? false : L.and(s.active, isEnd, L.atom((str as any).eq(s.str)));
    }));
  };
  const out: F[] = [];
  // Each value is a service principal's name, never empty.
  for (const s of via?.slots ?? []) out.push(L.implies(s.active, s.nonEmpty));
  for (const [end, k] of [["first", first], ["last", last]] as const) {
    if (!k) continue;
    const s = k.slots[0]!;
    out.push(L.implies(present(L, k), viaPresent), L.implies(viaPresent, present(L, k)));
    out.push(L.implies(s.active, endIs(end, s.str!)));
    for (const extra of k.slots.slice(1)) out.push(L.not(extra.active));
  }
  return out;
}

/**
 * aws:SourceOrgID and aws:SourceOrgPaths follow aws:SourceAccount, as `realistic()` makes them
 * (src/context/realism.ts, sourceOrg; IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgid):
 * present only with an account; a member of the environment's organization has its id and its path;
 * any other account never has that id nor a path under it. Read where a policy (or `when`) reads one
 * of the organization keys; the account becomes a free choice then, unless `when` writes it.
 */
function sourceOrgRelation(
  L: Logic,
  free: ReadonlyMap<string, SymKey>,
  org: OrgFacts | undefined,
  written: (k: string) => readonly string[] | undefined,
  isFree: (k: string) => boolean,
  freeKeyOf: (k: string) => SymKey,
): F[] {
  const idKey = free.get("aws:sourceorgid");
  const pathsKey = free.get("aws:sourceorgpaths");
  const idWritten = written("aws:sourceorgid");
  if (!idKey && !pathsKey && idWritten === undefined) return [];
  const account = free.get("aws:sourceaccount") ?? (isFree("aws:sourceaccount") ? freeKeyOf("aws:sourceaccount") : undefined);
  for (const k of [account, idKey, pathsKey]) if (k && k.kind !== "string") throw new Unsupported(`${k.key} is compared as a ${k.kind}, and the organization keys follow aws:SourceAccount as text`);
  // The account: a free slot, or what the request writes (nothing: absent).
  const slot = account?.slots[0];
  const accountPresent: F = account ? present(L, account) : (written("aws:sourceaccount")?.length ?? 0) > 0;
  const accountIn = (accounts: readonly string[]): F => {
    if (accounts.length === 0) return false;
    if (slot?.str) return L.and(slot.active, L.inRe(slot.str, rx.alt(...accounts.map((a) => rx.lit(a)))));
    const v = written("aws:sourceaccount")?.[0];
    return v !== undefined && accounts.includes(v);
  };
  const byPath = new Map<string, string[]>();
  for (const [a, path] of org?.paths ?? []) byPath.set(path, [...(byPath.get(path) ?? []), a]);
  const member = accountIn([...(org?.paths.keys() ?? [])]);
  const out: F[] = [];
  const each = (k: SymKey, f: (str: ZString) => F): F => L.and(...k.slots.map((s) => (s.str ? L.implies(s.active, f(s.str)) : true)));
  if (idKey) {
    out.push(L.implies(present(L, idKey), accountPresent));
    if (org) {
      const isOurs = (str: ZString) => L.inRe(str, rx.lit(org.id));
      out.push(L.implies(member, L.and(present(L, idKey), each(idKey, isOurs))));
      out.push(L.implies(L.not(member), each(idKey, (str) => L.not(isOurs(str)))));
    }
  } else if (idWritten !== undefined && org && account) {
    // `when` writes the id and leaves the account free: the account follows the id.
    out.push(idWritten.includes(org.id) ? member : L.not(member));
    if (idWritten.length > 0) out.push(accountPresent);
  }
  if (pathsKey) {
    out.push(L.implies(present(L, pathsKey), accountPresent));
    for (const [path, accounts] of byPath) out.push(L.implies(accountIn(accounts), L.and(present(L, pathsKey), each(pathsKey, (str) => L.inRe(str, rx.lit(path))))));
    if (org) out.push(L.implies(L.not(member), each(pathsKey, (str) => L.not(L.inRe(str, rx.cat(rx.lit(`${org.id}/`), rx.all))))));
  }
  return out;
}

/**
 * aws:SourceAccount is the account of the resource named by aws:SourceArn, where that ARN names an
 * account (IAM/latest/UserGuide/reference_policies_condition-keys.html, aws:SourceAccount and
 * aws:SourceArn: "the account ID of the resource making a service-to-service request"; an S3 bucket
 * ARN names none). Strings are decided one at a time (src/prove/lazy.ts), so the equation is written
 * over the accounts that anything in the question names (the environment's, the policies' and
 * `when`'s): for each, SourceArn names it exactly when SourceAccount is it. Every request AWS sends
 * meets this; two accounts that nothing names are told apart by no exact value, and the witness is
 * made to agree (sameSourceAccount) before evaluate() replays it.
 */
function sourceRelation(L: Logic, free: ReadonlyMap<string, SymKey>, written: (k: string) => readonly string[] | undefined, named: readonly string[]): F[] {
  const arnKey = free.get("aws:sourcearn");
  const accountKey = free.get("aws:sourceaccount");
  if (!arnKey && !accountKey) return [];
  // SourceAccount neither read nor written: AWS's value (the ARN's account) is no part of the question.
  if (!accountKey && written("aws:sourceaccount") === undefined) return [];
  const FIELD = rx.star(rx.diff(PRINTABLE, rx.lit(":")));
  const withAccount = (account: Rx) => rx.cat(rx.lit("arn:"), FIELD, rx.lit(":"), FIELD, rx.lit(":"), FIELD, rx.lit(":"), account, rx.lit(":"), rx.all);
  const anyAccount = withAccount(rx.cat(...Array.from({ length: 12 }, () => rx.range("0", "9"))));
  // The ARN's account, as a formula of the slot or the written value.
  const arnIs = (account: Rx | undefined): F => {
    if (arnKey) return L.or(...arnKey.slots.map((s) => (s.str ? L.and(s.active, L.inRe(s.str, account ? withAccount(account) : anyAccount)) : false)));
    const v = written("aws:sourcearn")?.[0];
    const field = v !== undefined && /^arn:[^:]*:[^:]*:[^:]*:\d{12}:/.test(v) ? v.split(":")[4]! : undefined;
    return field !== undefined && (account === undefined || inRx(account, field));
  };
  const accountIs = (account: string): F => {
    if (accountKey) return L.or(...accountKey.slots.map((s) => (s.str ? L.and(s.active, L.inRe(s.str, rx.lit(account))) : false)));
    return (written("aws:sourceaccount") ?? []).includes(account);
  };
  const writtenAccount = accountKey ? undefined : written("aws:sourceaccount")?.[0];
  const writtenArn = arnKey ? undefined : written("aws:sourcearn")?.[0];
  const accounts = [...new Set([...named, ...(writtenAccount ? [writtenAccount] : []), ...(writtenArn?.split(":")[4] ? [writtenArn.split(":")[4]!] : [])])].filter((a) => /^\d{12}$/.test(a));
  const out: F[] = [];
  // An ARN with an account comes with aws:SourceAccount.
  if (accountKey) out.push(L.implies(arnIs(undefined), L.or(...accountKey.slots.map((s) => s.active))));
  for (const a of accounts) {
    const both = L.and(arnIs(undefined), accountIs(a));
    out.push(L.implies(arnIs(rx.lit(a)), accountIs(a)), L.implies(both, arnIs(rx.lit(a))));
  }
  return out;
}

/** Whether a literal-only Rx (rx.lit) holds the text. */
function inRx(r: Rx, text: string): boolean {
  return r.k === "lit" && r.s === text;
}

/** The 12-digit accounts the question names: the environment's, the policies' values of the source keys, `when`'s. */
function namedAccounts(world: World, clausesByKey: ReadonlyMap<string, readonly ConditionClause[]>, excluded: ReadonlyMap<string, { not: readonly unknown[] }>): string[] {
  const out = new Set<string>(world.env.accounts.keys());
  const texts: string[] = [];
  for (const k of ["aws:sourcearn", "aws:sourceaccount"]) {
    for (const c of clausesByKey.get(k) ?? []) if (c.kind === "values") for (const v of c.values) texts.push(v.text);
    for (const v of excluded.get(k)?.not ?? []) texts.push(String(v));
  }
  for (const t of texts) for (const m of t.matchAll(/\d{12}/g)) out.add(m[0]);
  return [...out];
}

/** A witness whose aws:SourceArn names an account other than its aws:SourceAccount (two accounts nothing names): the ARN takes SourceAccount's. */
function sameSourceAccount(context: RequestContext): void {
  const find = (lower: string) => Object.keys(context).find((k) => k.toLowerCase() === lower);
  const arnKey = find("aws:sourcearn");
  const accountKey = find("aws:sourceaccount");
  const arn = arnKey && context[arnKey];
  const account = accountKey && context[accountKey];
  if (typeof arn !== "string" || typeof account !== "string" || !/^\d{12}$/.test(account)) return;
  const fields = arn.split(":");
  if (fields.length < 6 || !/^\d{12}$/.test(fields[4]!) || fields[4] === account) return;
  fields[4] = account;
  context[arnKey!] = fields.join(":");
}

const HEX: Rx = rx.alt(rx.range("0", "9"), rx.range("a", "f"));

function networkRelation(
  L: Logic,
  free: ReadonlyMap<string, SymKey>,
  vpceWritten: boolean,
  isFree: (k: string) => boolean,
  freeKeyOf: (k: string) => SymKey,
  undeclaredOnly: readonly string[],
  sendsSourceIp: boolean,
): F[] {
  const inVpc = ["aws:sourcevpc", "aws:sourcevpcarn", "aws:vpcsourceip"].filter((k) => free.has(k));
  const ip = free.get("aws:sourceip");
  if (inVpc.length === 0 && !ip && !free.has("aws:sourcevpce")) return [];
  // A VPC key read makes the endpoint a free choice too (present or not), unless `when` or the
  // endpoint case writes it.
  const vpce = free.get("aws:sourcevpce") ?? (inVpc.length > 0 && isFree("aws:sourcevpce") ? freeKeyOf("aws:sourcevpce") : undefined);
  const through: F = vpce ? present(L, vpce) : vpceWritten;
  const out: F[] = [];
  for (const k of inVpc) out.push(L.implies(present(L, free.get(k)!), through));
  if (ip) out.push(L.implies(present(L, ip), L.not(through)));
  // And a caller's request that comes from outside a VPC endpoint carries its public address, IPv4 or
  // IPv6 (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip), as realism sets it.
  if (ip && sendsSourceIp) out.push(L.implies(L.not(through), present(L, ip)));
  // An endpoint id as AWS writes one (vpce- and hexadecimal digits), not one of the declared ones.
  const id = rx.cat(rx.lit("vpce-"), HEX, rx.star(HEX));
  const mine = vpce && undeclaredOnly.length > 0 ? rx.diff(id, rx.alt(...undeclaredOnly.map((d) => rx.lit(d)))) : id;
  for (const s of vpce?.slots ?? []) if (s.str) out.push(L.implies(s.active, L.inRe(s.str, mine)));
  return out;
}

/**
 * The regions, grouped by how the policies' aws:RequestedRegion conditions, the region fields of
 * their Resource entries and `when`'s excluded regions treat them; one region stands for each group. The regions are AWS's
 * (src/context/regions.ts) and every region-shaped value the policies name.
 */
function regionGroups(statements: readonly CompiledStatement[], req: PreparedRequest, excluded: readonly string[]): string[] {
  // `when: { aws:RequestedRegion: { not: [...] } }` tells regions apart too.
  const tests: ((region: string) => boolean)[] = excluded.map((p) => compileWildcard(p));
  const named = new Set<string>(excluded.filter((p) => !/[*?]/.test(p)));
  const shape = /^[a-z]{2}(-[a-z]+)+-\d+$/;
  for (const st of statements) {
    for (const c of st.symbolic.clauses) {
      if (c.kind !== "values" || c.key !== "aws:requestedregion") continue;
      for (const v of c.values) {
        const text = v.template === null ? v.text : v.template.fixed ?? (v.template.keys.length > 0 ? resolveTemplate(v.template, req.ctx) : undefined);
        if (text === undefined) continue;
        if (shape.test(text)) named.add(text);
        const test = c.family.compile([{ text, template: null }]).test;
        tests.push((r) => test(r, req.ctx));
      }
    }
    for (const e of st.symbolic.resources?.entries ?? []) {
      const field = e.split(":")[3];
      if (field === undefined) continue;
      if (shape.test(field)) named.add(field);
      const m = compileWildcard(field);
      tests.push(m);
    }
  }
  const groups = new Map<string, string>();
  for (const r of [...AWS_REGIONS, ...named]) {
    const key = tests.map((t) => (t(r) ? "1" : "0")).join("");
    if (!groups.has(key)) groups.set(key, r);
  }
  return [...groups.values()];
}

/**
 * aws:RequestedRegion as AWS sets it (and src/context/realism.ts): us-east-1 for global services, the
 * region of the resource's ARN where it has one, otherwise some region.
 */
function regionConstraint(L: Logic, k: SymKey, action: string, region: string | undefined, cls: ResourceClass): F {
  const s = k.slots[0]!;
  const service = action.split(":")[0]!.toLowerCase();
  if (!s.str) return true;
  if (GLOBAL_SERVICES.has(service)) return L.inRe(s.str, rx.lit("us-east-1"));
  if (region) return L.inRe(s.str, rx.lit(region));
  const concreteRegion = cls.concrete?.split(":")[3];
  if (concreteRegion && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(concreteRegion)) return L.inRe(s.str, rx.lit(concreteRegion));
  return L.inRe(s.str, REGION_RX);
}
