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
 * The context as AWS would see it: what the caller gave (keys folded to lower case), plus the keys
 * that follow from the principal and resource ARNs where the caller gave nothing (not even null).
 */
function prepareContext(
  input: RequestContextInput | undefined,
  p: RequestPrincipal,
  resourceAccount: string,
): Map<string, ContextEntry> {
  const ctx = new Map<string, ContextEntry>();
  const given = new Set<string>();
  if (input) {
    for (const key in input) {
      const folded = key.toLowerCase();
      if (given.has(folded)) {
        throw new RequestInputError(`context key "${key}" is given twice (condition key names are case-insensitive)`);
      }
      given.add(folded);
      const entry = normalizeValue(key, input[key]);
      if (entry !== undefined) ctx.set(folded, entry);
    }
  }
  const derive = (key: string, value: string | undefined): void => {
    if (value === undefined || value === "" || given.has(key)) return;
    ctx.set(key, { values: [value], multi: false });
  };
  // IAM/latest/UserGuide/reference_policies_condition-keys.html (aws:PrincipalArn, aws:PrincipalAccount,
  // aws:PrincipalType, aws:username, aws:PrincipalIsAWSService, aws:PrincipalServiceName, aws:ResourceAccount).
  if (p.isIam) {
    derive("aws:principalarn", p.principalArn);
    derive("aws:principalaccount", p.account);
    derive("aws:principaltype", p.principalType);
    derive("aws:principalisawsservice", "false");
    if (p.kind === "user") derive("aws:username", p.userName);
  } else if (p.kind === "service") {
    derive("aws:principalisawsservice", "true");
    derive("aws:principalservicename", p.arn);
  } else if (p.kind === "anonymous") {
    derive("aws:principaltype", "Anonymous");
  }
  derive("aws:resourceaccount", resourceAccount);
  return ctx;
}

function prepare(input: EvaluateInput): PreparedRequest {
  if (typeof input !== "object" || input === null) throw new RequestInputError("evaluate() takes a request object");
  if (typeof input.principal !== "string") throw new RequestInputError("principal must be a string");
  if (typeof input.action !== "string" || !/^[A-Za-z0-9-]+:[A-Za-z0-9_-]+$/.test(input.action)) {
    throw new RequestInputError(`action must be "service:ActionName", not ${JSON.stringify(input.action)}`);
  }
  if (typeof input.resource !== "string" || input.resource === "") {
    throw new RequestInputError("resource must be an ARN or \"*\"");
  }
  const hint = principalArnHint(input.context);
  let principal: RequestPrincipal;
  try {
    principal = parseRequestPrincipal(input.principal, hint);
  } catch (e) {
    throw new RequestInputError((e as Error).message);
  }
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
    ctx: prepareContext(input.context, principal, resourceAccount),
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
