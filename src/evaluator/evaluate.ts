/**
 * evaluate() and explain(): the library call of contract section 7. Documents are compiled on first use
 * and the compiled form is reused while the same document object is passed again.
 */
import { normalizeValue } from "../context/normalize.js";
import type { ContextEntry, ContextLookup } from "../context/types.js";
import { parseArn } from "../match/arn.js";
import { lowerCased } from "../match/memo.js";
import type {
  CompiledPolicyHandle,
  ContextValue,
  Decision,
  EvaluateInput,
  EvaluateResult,
  ExplainedResult,
  PolicyLike,
  PolicySource,
  PolicyType,
  RequestContextInput,
  StatementRef,
} from "../types.js";
import { accessPointSides, bothExplained, bothResults } from "./access-point.js";
import { ACTION_SLOTS, compilePolicyDocument, isCompiledPolicy, type CompiledPolicy } from "./compiled-policy.js";
import { decide, isRoleTrustRequest, type Consulted, type PolicySet, type PreparedRequest, type Trace } from "./decide.js";
import {
  checkAssumptions,
  DEFAULT_READINGS,
  fixedMask,
  flipped,
  POINT_BIT,
  pointsOf,
  readingName,
  readingsOf,
  type PointId,
  type Readings,
} from "./readings.js";
import { isServiceLinkedRoleArn, parseRequestPrincipal, type RequestPrincipal } from "./request-principal.js";

// Keyed by the caller's document object, so the cache lives exactly as long as the documents do.
const compiledByDocument = new WeakMap<object, Partial<Record<PolicyType, CompiledPolicy>>>();

export function compilePolicy(doc: unknown, type: PolicyType, source?: PolicySource): CompiledPolicyHandle {
  return compilePolicyDocument(doc, type, source ?? { name: `${type} policy` });
}

function compiled(p: PolicyLike, type: PolicyType, name: string): CompiledPolicy {
  if (isCompiledPolicy(p)) return p;
  if (typeof p !== "object" || p === null) {
    return compilePolicyDocument(p, type, { name });
  }
  let byType = compiledByDocument.get(p);
  if (!byType) {
    byType = {};
    compiledByDocument.set(p, byType);
  }
  return (byType[type] ??= compilePolicyDocument(p, type, { name }));
}

const NONE: readonly never[] = [];

// Keyed by the caller's arrays, so that passing the same lists again (a request stream over one policy
// set) costs no allocation; comparing the elements keeps it right when a list is changed in place.
const listMemo = new WeakMap<object, { type: PolicyType; items: readonly unknown[]; compiled: readonly CompiledPolicy[] }>();
const levelMemo = new WeakMap<object, { type: PolicyType; levels: readonly (readonly CompiledPolicy[])[] }>();

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A list that holds compiled handles of the right type only is already what the decision reads. */
function allCompiled(list: readonly PolicyLike[], type: PolicyType): list is readonly CompiledPolicy[] {
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (!isCompiledPolicy(p) || p.type !== type) return false;
  }
  return true;
}

function compiledList(list: readonly PolicyLike[] | undefined, type: PolicyType, label: string, level?: number): readonly CompiledPolicy[] {
  if (list === undefined || list.length === 0) return NONE;
  if (allCompiled(list, type)) return list;
  const hit = listMemo.get(list);
  if (hit && hit.type === type && sameItems(hit.items, list)) return hit.compiled;
  const at = level === undefined ? "" : ` at level ${level}`;
  const compiledPolicies = list.map((p, i) => compiled(p, type, `${label} ${i + 1}${at}`));
  listMemo.set(list, { type, items: [...list], compiled: compiledPolicies });
  return compiledPolicies;
}

function compiledLevels(levels: readonly (readonly PolicyLike[])[] | undefined, type: "scp" | "rcp"): readonly (readonly CompiledPolicy[])[] {
  if (levels === undefined || levels.length === 0) return NONE;
  let ready = true;
  for (let l = 0; ready && l < levels.length; l++) ready = allCompiled(levels[l]!, type);
  if (ready) return levels as readonly (readonly CompiledPolicy[])[];
  const label = type === "scp" ? "SCP" : "RCP";
  const hit = levelMemo.get(levels);
  if (hit && hit.type === type && hit.levels.length === levels.length) {
    let same = true;
    for (let l = 0; same && l < levels.length; l++) same = compiledList(levels[l], type, label, l + 1) === hit.levels[l];
    if (same) return hit.levels;
  }
  const built = levels.map((level, l) => compiledList(level, type, label, l + 1));
  levelMemo.set(levels, { type, levels: built });
  return built;
}

/**
 * The compiled policies a request reads. Not memoized per request object: a checker builds a fresh
 * input for every request it evaluates, and an entry per input (with a snapshot of its lists to
 * compare) was a seventh of a fuzzed mayNot's CPU, most of it garbage that outlived young-generation
 * collections. The lists themselves are memoized (compiledList, compiledLevels), and lists of compiled
 * handles are used as they are, so building the set is a few reads and one object.
 */
function policySet(input: EvaluateInput, trust: boolean): PolicySet {
  return buildPolicySet(input, trust);
}

function buildPolicySet(input: EvaluateInput, trust: boolean): PolicySet {
  return {
    identity: compiledList(input.identityPolicies, "identity", "identity policy"),
    resource: input.resourcePolicy
      ? compiled(input.resourcePolicy, trust ? "trust" : "resource", trust ? "trust policy" : "resource policy")
      : undefined,
    boundary: input.permissionsBoundary ? compiled(input.permissionsBoundary, "boundary", "permissions boundary") : undefined,
    session: compiledList(input.sessionPolicies, "session", "session policy"),
    vpce: compiledList(input.vpcEndpointPolicies, "vpce", "VPC endpoint policy"),
    scps: compiledLevels(input.scps, "scp"),
    rcps: compiledLevels(input.rcps, "rcp"),
    managementAccount: input.managementAccount,
  };
}

export class RequestInputError extends Error {
  override name = "RequestInputError";
}

/**
 * Keys AWS derives from the principal (IAM/latest/UserGuide/reference_policies_condition-keys.html:
 * aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username, aws:PrincipalIsAWSService,
 * aws:PrincipalServiceName, aws:FederatedProvider of an OIDC provider calling
 * sts:AssumeRoleWithWebIdentity), built once per principal and shared between requests.
 */
function principalKeys(p: RequestPrincipal): ReadonlyMap<string, ContextEntry> {
  const out = new Map<string, ContextEntry>();
  const add = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== "") out.set(key, entry(value));
  };
  if (p.isIam) {
    add("aws:principalarn", p.principalArn);
    add("aws:principalaccount", p.account);
    add("aws:principaltype", p.principalType);
    add("aws:principalisawsservice", "false");
    if (p.kind === "user") add("aws:username", p.userName);
  } else if (p.kind === "service") {
    add("aws:principalisawsservice", "true");
    add("aws:principalservicename", p.arn);
    // "aws:PrincipalServiceNamesList ... a list of all service principal names that belong to the
    // service" (multivalued; reference_policies_condition-keys.html#condition-keys-principalservicenameslist).
    out.set("aws:principalservicenameslist", Object.freeze({ values: Object.freeze([p.arn]), multi: true }));
  } else if (p.kind === "anonymous") {
    // "For anonymous requests, the request context returns anonymous" (#condition-keys-principalaccount).
    add("aws:principalaccount", "anonymous");
    add("aws:principaltype", "Anonymous");
  } else if (p.kind === "web-identity") {
    // sts:AssumeRoleWithWebIdentity: aws:FederatedProvider is "in the role-trust policy when an OIDC
    // provider is used to call AssumeRoleWithWebIdentity": the provider's ARN, or a built-in provider's
    // name (#condition-keys-federatedprovider).
    add("aws:federatedprovider", p.arn);
  }
  return out;
}

function entry(value: string): ContextEntry {
  return Object.freeze({ values: Object.freeze([value]), multi: false });
}

interface PrincipalWithKeys {
  principal: RequestPrincipal;
  keys: ReadonlyMap<string, ContextEntry>;
}

// Memos of pure functions (principal string -> parsed form; string -> context entry), bounded so that
// long fuzzing runs stay flat.
const principalMemo = new Map<string, PrincipalWithKeys>();
const stringEntries = new Map<string, ContextEntry>();

function parsePrincipalMemo(principal: string): PrincipalWithKeys {
  let hit = principalMemo.get(principal);
  if (hit) return hit;
  let parsed: RequestPrincipal;
  try {
    parsed = parseRequestPrincipal(principal);
  } catch (e) {
    throw new RequestInputError((e as Error).message);
  }
  hit = { principal: parsed, keys: principalKeys(parsed) };
  if (principalMemo.size >= 4096) principalMemo.clear();
  principalMemo.set(principal, hit);
  return hit;
}

/** Condition key names are case-insensitive; the folded form is memoized (the same few keys recur). */
const foldKey = lowerCased;

interface ParsedAction {
  service: string;
  name: string;
  key: string;
  slot: number;
}
let nextSlot = 0;
const parsedActions = new Map<string, ParsedAction>();

function parseAction(action: string): ParsedAction {
  let hit = parsedActions.get(action);
  if (hit === undefined) {
    if (!ACTION_RE.test(action)) throw new RequestInputError(`action must be "service:ActionName", not ${JSON.stringify(action)}`);
    const key = action.toLowerCase();
    const colon = key.indexOf(":");
    // Round-robin slots: two actions in one slot only evict each other's memo entry.
    hit = { service: key.slice(0, colon), name: key.slice(colon + 1), key, slot: nextSlot++ % ACTION_SLOTS };
    if (parsedActions.size >= 4096) parsedActions.clear();
    parsedActions.set(action, hit);
  }
  return hit;
}

/** A single-valued entry, shared between requests (entries are immutable). */
function stringEntry(value: string): ContextEntry {
  let e = stringEntries.get(value);
  if (!e) {
    e = entry(value);
    if (stringEntries.size >= 4096) stringEntries.clear();
    stringEntries.set(value, e);
  }
  return e;
}

/**
 * The context as AWS would see it: the caller's keys over the keys that follow from the principal and
 * the resource. A key the caller gave wins, even as null (pinned absent).
 *
 * The caller's keys are read lazily, when a policy asks for one: normalizing every key up front cost a
 * quarter of an evaluation, and most requests carry keys no policy reads. Names are case-insensitive,
 * so a key is found by comparing lengths first and folded names second; two spellings of a key that a
 * policy reads are an input error (a spelling nobody reads cannot change the decision).
 */
class RequestContextView implements ContextLookup {
  constructor(
    private readonly input: RequestContextInput | undefined,
    private readonly derived: ReadonlyMap<string, ContextEntry>,
    private readonly resourceAccount: ContextEntry | undefined,
    /** An S3 request: s3:ResourceAccount is the owner too. */
    private readonly s3: boolean,
  ) {}

  get(key: string): ContextEntry | undefined {
    const input = this.input;
    if (input !== undefined) {
      let found: string | undefined;
      for (const k in input) {
        if (k.length !== key.length || foldKey(k) !== key) continue;
        if (found !== undefined) {
          throw new RequestInputError(`context keys "${found}" and "${k}" name the same key (condition key names are case-insensitive); give it once`);
        }
        found = k;
      }
      if (found !== undefined) {
        const value = input[found];
        // null or an empty list: pinned absent, so not derived either.
        return typeof value === "string" ? stringEntry(value) : normalizeValueOrThrow(found, value);
      }
    }
    // s3:ResourceAccount is the bucket owner's account, as aws:ResourceAccount is ("Filters access by
    // the resource owner AWS account ID", service-authorization/latest/reference/list_amazons3.html;
    // the key S3 VPC endpoint policies and data perimeters use). Under either reading of an unknown
    // owner (unlisted-bucket-owner) the two agree.
    return key === "aws:resourceaccount" || (this.s3 && key === "s3:resourceaccount") ? this.resourceAccount : this.derived.get(key);
  }
}

function normalizeValueOrThrow(key: string, value: ContextValue | undefined): ContextEntry | undefined {
  try {
    return normalizeValue(key, value);
  } catch (e) {
    throw new RequestInputError((e as Error).message);
  }
}

function prepareContext(
  input: RequestContextInput | undefined,
  derived: ReadonlyMap<string, ContextEntry>,
  resourceAccount: string,
  s3: boolean,
): ContextLookup {
  if (input !== undefined && (typeof input !== "object" || input === null || Array.isArray(input))) {
    throw new RequestInputError("context must be a mapping of condition keys to values");
  }
  return new RequestContextView(input, derived, resourceAccount === "" ? undefined : stringEntry(resourceAccount), s3);
}

const ACTION_RE = /^[A-Za-z0-9-]+:[A-Za-z0-9_-]+$/;

/**
 * The account that stands for "not the caller's" under unlisted-bucket-owner = outside: no account
 * is named 000000000000, and a caller from it gets 000000000001.
 */
function outsideOf(account: string): string {
  return account === "000000000000" ? "000000000001" : "000000000000";
}

function isS3Arn(resource: string): boolean {
  return resource.startsWith("arn:") && /^arn:[^:]+:s3:::/.test(resource);
}

function prepare(input: EvaluateInput, readings: Readings, consulted?: Consulted): PreparedRequest {
  if (typeof input !== "object" || input === null) throw new RequestInputError("evaluate() takes a request object");
  if (typeof input.principal !== "string") throw new RequestInputError("principal must be a string");
  if (typeof input.action !== "string") throw new RequestInputError(`action must be "service:ActionName", not ${JSON.stringify(input.action)}`);
  const action = parseAction(input.action);
  if (typeof input.resource !== "string" || input.resource === "") {
    throw new RequestInputError("resource must be an ARN or \"*\"");
  }
  const { principal, keys } = parsePrincipalMemo(input.principal);

  // When neither the ARN nor resourceAccount names the owner (S3 ARNs have no account), the owner is
  // the open point unlisted-bucket-owner (readings.ts): by default the caller's account, as the IAM
  // policy simulator assumes; `outside`: an account that is not the caller's.
  let resourceAccount = input.resourceAccount ?? parseArn(input.resource)?.account ?? "";
  // AWS managed policies (arn:aws:iam::aws:policy/...) belong to no customer account and have no
  // resource policy: reading or attaching one is decided by the caller's own policies, as in its own
  // account (IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies).
  if (resourceAccount === "aws") resourceAccount = principal.account;
  if (input.resourceAccount === undefined && resourceAccount === "") {
    if (consulted && isS3Arn(input.resource)) consulted.points |= POINT_BIT["unlisted-bucket-owner"];
    resourceAccount = readings.bucketOutside && isS3Arn(input.resource) ? outsideOf(principal.account) : principal.account;
  }
  const ctx = prepareContext(input.context, keys, resourceAccount, action.service === "s3");
  return {
    principal,
    service: action.service,
    name: action.name,
    actionKey: action.key,
    actionSlot: action.slot,
    resource: input.resource,
    resourceAccount,
    ctx,
    // The role's path is not in a session ARN: aws:PrincipalArn, where the caller gives it, tells.
    serviceLinkedRole:
      principal.serviceLinkedRole ||
      (principal.kind === "assumed-role" && isServiceLinkedRoleArn(ctx.get("aws:principalarn")?.values[0])),
    readings,
  };
}


// One frozen result per decision: evaluate() allocates nothing for its answer.
const RESULTS: Readonly<Record<Decision, EvaluateResult>> = {
  Allow: Object.freeze({ decision: "Allow" }),
  ExplicitDeny: Object.freeze({ decision: "ExplicitDeny" }),
  ImplicitDeny: Object.freeze({ decision: "ImplicitDeny" }),
};

// Keyed by the caller's assumptions object (a run passes the same one with every request); the
// values are compared too, so an object changed in place is read again.
const readingsMemo = new WeakMap<object, { key: string; readings: Readings }>();

function readingsFor(input: EvaluateInput): Readings {
  const a = input.assumptions;
  if (a === undefined) return DEFAULT_READINGS;
  const key = typeof a === "object" && a !== null ? `${a["principal-star-boundary"]}|${a["empty-scp-level"]}|${a["unlisted-bucket-owner"]}|${a["vpce-endpoint-type"]}|${Object.keys(a).length}` : "";
  const hit = key !== "" ? readingsMemo.get(a) : undefined;
  if (hit && hit.key === key) return hit.readings;
  let readings: Readings;
  try {
    readings = readingsOf(checkAssumptions(a));
  } catch (e) {
    throw new RequestInputError((e as Error).message);
  }
  if (key !== "") readingsMemo.set(a, { key, readings });
  return readings;
}

/**
 * The open points, among those the decision went through and `assumptions` leaves to their default,
 * whose other readings change whether the request is allowed. Every combination of the consulted
 * points is tried (there are at most a few), smallest first.
 */
function undeterminedPoints(input: EvaluateInput, readings: Readings, consulted: number, allowed: boolean): PointId[] {
  const open = consulted & ~fixedMask(input.assumptions);
  if (open === 0) return [];
  for (let mask = 1; mask <= open; mask++) {
    if ((mask & open) !== mask) continue;
    const other = flipped(readings, mask);
    const req = prepare(input, other);
    if ((decide(policySet(input, isRoleTrustRequest(req)), req) === "Allow") !== allowed) return pointsOf(mask);
  }
  return [];
}

/**
 * The request and policy set that decide() reads under `readings`, for the prover (src/prove/), which
 * asks the same question symbolically.
 */
export function prepareRequest(input: EvaluateInput, readings: Readings = readingsFor(input)): { req: PreparedRequest; set: PolicySet } {
  const req = prepare(input, readings);
  return { req, set: policySet(input, isRoleTrustRequest(req)) };
}

export function evaluate(input: EvaluateInput): EvaluateResult {
  if (input?.accessPoint !== undefined) {
    const [ap, bucket] = accessPointSides(input);
    return bothResults(evaluate(ap), evaluate(bucket));
  }
  const readings = readingsFor(input);
  const consulted: Consulted = { points: 0 };
  const req = prepare(input, readings, consulted);
  const decision = decide(policySet(input, isRoleTrustRequest(req)), req, undefined, consulted);
  return resultOf(input, readings, consulted, decision);
}

/** The decision, with the open points that another reading would decide differently. */
function resultOf(input: EvaluateInput, readings: ReturnType<typeof readingsFor>, consulted: Consulted, decision: Decision): EvaluateResult {
  if (consulted.points === 0) return RESULTS[decision];
  const undetermined = undeterminedPoints(input, readings, consulted.points, decision === "Allow");
  return undetermined.length === 0 ? RESULTS[decision] : { decision, undetermined };
}

/**
 * evaluate() that also tells `onMatch` every statement that matched the request (its action,
 * resource, principal and condition), for statement coverage. A separate entry point, so that
 * evaluate() keeps its short-circuiting path; like evaluate() it reads only its arguments.
 */
export function evaluateWithMatches(input: EvaluateInput, onMatch: (statement: StatementRef) => void): EvaluateResult {
  if (input?.accessPoint !== undefined) {
    // Through an access point both its policy and the bucket's are evaluated: both sides' statements can match.
    const [ap, bucket] = accessPointSides(input);
    return bothResults(evaluateWithMatches(ap, onMatch), evaluateWithMatches(bucket, onMatch));
  }
  const readings = readingsFor(input);
  const consulted: Consulted = { points: 0 };
  const req = prepare(input, readings, consulted);
  const trace: Trace = { policies: [], deciding: [], reason: "" };
  const decision = decide(policySet(input, isRoleTrustRequest(req)), req, trace, consulted);
  for (const p of trace.policies) for (const s of p.matched) onMatch(s);
  return resultOf(input, readings, consulted, decision);
}

export function explain(input: EvaluateInput): ExplainedResult {
  if (input?.accessPoint !== undefined) {
    const [ap, bucket] = accessPointSides(input);
    return bothExplained(explain(ap), explain(bucket), bucket.resource);
  }
  const readings = readingsFor(input);
  const consulted: Consulted = { points: 0 };
  const req = prepare(input, readings, consulted);
  const trace: Trace = { policies: [], deciding: [], reason: "" };
  const decision = decide(policySet(input, isRoleTrustRequest(req)), req, trace, consulted);
  // Which reading decided, for every open point the decision went through.
  const used: Partial<Record<PointId, string>> = {};
  for (const id of pointsOf(consulted.points)) used[id] = readingName(id, readings);
  const undetermined = undeterminedPoints(input, readings, consulted.points, decision === "Allow");
  // The reason names the readings that decided when another one would not have.
  const under = undetermined.map((id) => `${id}: ${used[id]}`).join(", ");
  return {
    decision,
    reason: under === "" ? trace.reason : `${trace.reason} (under the reading ${under})`,
    deciding: trace.deciding,
    policies: trace.policies,
    readings: used,
    ...(undetermined.length > 0 ? { undetermined } : {}),
  };
}
