/**
 * evaluate() and explain(): the library call of contract section 7. Documents are compiled on first use
 * and the compiled form is reused while the same document object is passed again.
 */
import { normalizeValue } from "../context/normalize.js";
import type { ContextEntry } from "../context/types.js";
import { parseArn } from "../match/arn.js";
import type {
  CompiledPolicyHandle,
  Decision,
  EvaluateInput,
  EvaluateResult,
  ExplainedResult,
  PolicyLike,
  PolicySource,
  PolicyType,
  RequestContextInput,
} from "../types.js";
import { compilePolicyDocument, isCompiledPolicy, type CompiledPolicy } from "./compiled-policy.js";
import { decide, isRoleTrustRequest, type PolicySet, type PreparedRequest, type Trace } from "./decide.js";
import { parseRequestPrincipal, type RequestPrincipal } from "./request-principal.js";

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

function policySet(input: EvaluateInput, trust: boolean): PolicySet {
  return {
    identity: (input.identityPolicies ?? []).map((p, i) => compiled(p, "identity", `identity policy ${i + 1}`)),
    resource: input.resourcePolicy
      ? compiled(input.resourcePolicy, trust ? "trust" : "resource", trust ? "trust policy" : "resource policy")
      : undefined,
    boundary: input.permissionsBoundary ? compiled(input.permissionsBoundary, "boundary", "permissions boundary") : undefined,
    session: (input.sessionPolicies ?? []).map((p, i) => compiled(p, "session", `session policy ${i + 1}`)),
    vpce: (input.vpcEndpointPolicies ?? []).map((p, i) => compiled(p, "vpce", `VPC endpoint policy ${i + 1}`)),
    scps: (input.scps ?? []).map((level, l) => level.map((p, i) => compiled(p, "scp", `SCP ${i + 1} at level ${l + 1}`))),
    rcps: (input.rcps ?? []).map((level, l) => level.map((p, i) => compiled(p, "rcp", `RCP ${i + 1} at level ${l + 1}`))),
    managementAccount: input.managementAccount,
  };
}

export class RequestInputError extends Error {
  override name = "RequestInputError";
}

/**
 * Keys AWS derives from the principal (IAM/latest/UserGuide/reference_policies_condition-keys.html:
 * aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username, aws:PrincipalIsAWSService,
 * aws:PrincipalServiceName), ready to share between requests.
 */
function principalKeys(p: RequestPrincipal): readonly (readonly [string, ContextEntry])[] {
  const out: [string, ContextEntry][] = [];
  const add = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== "") out.push([key, Object.freeze({ values: Object.freeze([value]), multi: false })]);
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
  } else if (p.kind === "anonymous") {
    add("aws:principaltype", "Anonymous");
  }
  return out;
}

interface PrincipalWithKeys {
  principal: RequestPrincipal;
  keys: readonly (readonly [string, ContextEntry])[];
}

// Memo of a pure function (principal string -> parsed form); bounded so long fuzzing runs stay flat.
const principalMemo = new Map<string, PrincipalWithKeys>();

function parsePrincipalMemo(principal: string, hint: string | undefined): PrincipalWithKeys {
  const memoKey = hint === undefined ? principal : `${principal}\n${hint}`;
  let hit = principalMemo.get(memoKey);
  if (hit) return hit;
  let parsed: RequestPrincipal;
  try {
    parsed = parseRequestPrincipal(principal, hint);
  } catch (e) {
    throw new RequestInputError((e as Error).message);
  }
  hit = { principal: parsed, keys: principalKeys(parsed) };
  if (principalMemo.size >= 4096) principalMemo.clear();
  principalMemo.set(memoKey, hit);
  return hit;
}

/**
 * The context as AWS would see it: what the caller gave (keys folded to lower case), plus the keys
 * that follow from the principal and resource where the caller gave nothing (not even null).
 */
function prepareContext(
  input: RequestContextInput | undefined,
  derived: readonly (readonly [string, ContextEntry])[],
  resourceAccount: string,
): Map<string, ContextEntry> {
  const ctx = new Map<string, ContextEntry>();
  let pinnedAbsent: Set<string> | undefined;
  if (input) {
    for (const key in input) {
      const folded = key.toLowerCase();
      if (ctx.has(folded) || pinnedAbsent?.has(folded)) {
        throw new RequestInputError(`context key "${key}" is given twice (condition key names are case-insensitive)`);
      }
      const entry = normalizeValue(key, input[key]);
      if (entry !== undefined) ctx.set(folded, entry);
      else (pinnedAbsent ??= new Set()).add(folded);
    }
  }
  for (const [key, entry] of derived) {
    if (!ctx.has(key) && !pinnedAbsent?.has(key)) ctx.set(key, entry);
  }
  if (resourceAccount !== "" && !ctx.has("aws:resourceaccount") && !pinnedAbsent?.has("aws:resourceaccount")) {
    ctx.set("aws:resourceaccount", { values: [resourceAccount], multi: false });
  }
  return ctx;
}

const ACTION_RE = /^[A-Za-z0-9-]+:[A-Za-z0-9_-]+$/;

function prepare(input: EvaluateInput): PreparedRequest {
  if (typeof input !== "object" || input === null) throw new RequestInputError("evaluate() takes a request object");
  if (typeof input.principal !== "string") throw new RequestInputError("principal must be a string");
  if (typeof input.action !== "string" || !ACTION_RE.test(input.action)) {
    throw new RequestInputError(`action must be "service:ActionName", not ${JSON.stringify(input.action)}`);
  }
  if (typeof input.resource !== "string" || input.resource === "") {
    throw new RequestInputError("resource must be an ARN or \"*\"");
  }
  const { principal, keys } = parsePrincipalMemo(input.principal, principalArnHint(input.context));
  const colon = input.action.indexOf(":");
  // When neither the ARN nor resourceAccount names the owner (S3 ARNs have no account), the resource is
  // taken to be in the caller's account, as the IAM policy simulator does (documented in README).
  const resourceAccount = input.resourceAccount ?? (parseArn(input.resource)?.account || principal.account);
  return {
    principal,
    service: input.action.slice(0, colon).toLowerCase(),
    name: input.action.slice(colon + 1).toLowerCase(),
    resource: input.resource,
    resourceAccount,
    ctx: prepareContext(input.context, keys, resourceAccount),
  };
}

function principalArnHint(ctx: RequestContextInput | undefined): string | undefined {
  if (!ctx) return undefined;
  for (const key in ctx) {
    if (key.toLowerCase() === "aws:principalarn") {
      const v = ctx[key];
      return typeof v === "string" ? v : undefined;
    }
  }
  return undefined;
}

export function evaluate(input: EvaluateInput): EvaluateResult {
  const req = prepare(input);
  const decision: Decision = decide(policySet(input, isRoleTrustRequest(req)), req);
  return { decision };
}

export function explain(input: EvaluateInput): ExplainedResult {
  const req = prepare(input);
  const trace: Trace = { policies: [], deciding: [], reason: "" };
  const decision = decide(policySet(input, isRoleTrustRequest(req)), req, trace);
  return { decision, reason: trace.reason, deciding: trace.deciding, policies: trace.policies };
}
