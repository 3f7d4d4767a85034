/**
 * One concrete request turned into the evaluator's input: the caller's policies, the resource side,
 * SCPs of the caller's account, RCPs of the resource's account, the VPC endpoint policy, and the
 * context = derived keys overlaid by the request keys (a key given in `when` wins: contract section 2).
 */
import type { Environment, LoadedPolicy, VpcEndpoint } from "../model/types.js";
import type { Assumptions, ContextValue, EvaluateInput, EvaluateResult, ExplainedResult } from "../types.js";
import type { Caller } from "./caller.js";
import { resourceSide } from "./resource-side.js";
import type { RequestContext } from "./sources.js";
import { environmentArns } from "../model/resources.js";
import { lowerCased } from "../match/memo.js";

/** The evaluator, injected so the compiler can be tested without it and the fuzzer can wrap it. */
export interface Evaluator {
  evaluate(input: EvaluateInput): EvaluateResult;
  explain(input: EvaluateInput): ExplainedResult;
}

export interface World {
  env: Environment;
  vpcEndpoints: ReadonlyMap<string, VpcEndpoint>;
  /** Every ARN the environment names, for resource sampling. */
  envArns: readonly string[];
}

export function buildInput(world: World, caller: Caller, action: string, resource: string, request: RequestContext): EvaluateInput {
  const side = resourceSide(world.env, action, resource);
  const context = overlay(caller.derived, side.derived, request);
  const vpce = vpcEndpointOf(world, request);
  const input: EvaluateInput = {
    principal: caller.principal,
    action,
    resource,
    context,
    identityPolicies: caller.identityPolicies,
    sessionPolicies: caller.sessionPolicies,
    scps: caller.scps,
    rcps: side.rcps,
    vpcEndpointPolicies: vpce?.policy ? [vpce.policy.handle] : [],
  };
  if (side.accountId !== undefined) input.resourceAccount = side.accountId;
  if (side.bucket) {
    const b = side.bucket.side;
    input.accessPoint = {
      bucketResource: side.bucket.arn,
      ...(b.accountId !== undefined ? { bucketAccount: b.accountId } : {}),
      ...(b.policy ? { bucketPolicy: b.policy.handle } : {}),
      bucketRcps: b.rcps,
      bucketContext: overlay(caller.derived, b.derived, request),
    };
  }
  if (side.policy) input.resourcePolicy = side.policy.handle;
  if (caller.boundary) input.permissionsBoundary = caller.boundary;
  const management = world.env.organization?.managementAccount;
  if (management !== undefined) input.managementAccount = management;
  // The environment's chosen readings of open points; the rest are reported when they matter. An
  // endpoint that declares its type settles vpce-endpoint-type for the requests through it.
  const assumptions = vpce?.type ? endpointAssumptions(world.env, vpce.type) : world.env.assumptions;
  if (assumptions !== undefined) input.assumptions = assumptions;
  return input;
}

const byEndpointType = new WeakMap<Environment, Partial<Record<"interface" | "gateway", Assumptions>>>();

/** The environment's assumptions with vpce-endpoint-type fixed to `type` (one object per environment and type). */
function endpointAssumptions(env: Environment, type: "interface" | "gateway"): Assumptions {
  let m = byEndpointType.get(env);
  if (!m) byEndpointType.set(env, (m = {}));
  return (m[type] ??= { ...env.assumptions, "vpce-endpoint-type": type });
}

/** The policies that decide a request, for mining literals. */
export function policiesInPlay(world: World, caller: Caller, action: string, resource: string): LoadedPolicy[] {
  const side = resourceSide(world.env, action, resource);
  const vpcPolicies = [...world.vpcEndpoints.values()].flatMap((v) => (v.policy ? [v.policy] : []));
  return [...caller.policies, ...side.policies, ...vpcPolicies];
}

/**
 * `request` over the caller's and the resource's keys (the resource's over the caller's), matching key
 * names case-insensitively; a null value (or empty list) pins the key absent. Of two spellings of one
 * key in `request`, the later wins.
 */
export function overlay(callerKeys: RequestContext, resourceKeys: RequestContext, request: RequestContext): Record<string, ContextValue> {
  // Built for every request a check evaluates: no merged copy of the bases, no [key, value] pairs,
  // and key names lower-cased once per name (the same few condition keys recur).
  const out: Record<string, ContextValue> = {};
  const given = Object.keys(request);
  const givenLower = given.length === 0 ? NO_KEYS : given.map(lowerCased);
  copyUnless(callerKeys, givenLower, out);
  copyUnless(resourceKeys, givenLower, out);
  for (let i = 0; i < given.length; i++) {
    if (givenLower.indexOf(givenLower[i]!, i + 1) >= 0) continue;
    const v = request[given[i]!]!;
    // Pinned absent: passed on as null, so that evaluate() does not derive the key again.
    out[given[i]!] = Array.isArray(v) && v.length === 0 ? null : v;
  }
  return out;
}

const NO_KEYS: readonly string[] = [];

/** Copies `base` into `out`, but for the keys whose lower-cased names are in `except`. */
function copyUnless(base: RequestContext, except: readonly string[], out: Record<string, ContextValue>): void {
  for (const k in base) {
    if (except.length > 0 && except.includes(lowerCased(k))) continue;
    out[k] = base[k]!;
  }
}

/** A request through a declared endpoint must also pass its policy (contract section 3). */
function vpcEndpointOf(world: World, request: RequestContext): VpcEndpoint | undefined {
  const key = Object.keys(request).find((k) => k.toLowerCase() === "aws:sourcevpce");
  const id = key === undefined ? undefined : request[key];
  return typeof id === "string" ? world.vpcEndpoints.get(id) : undefined;
}

export function buildWorld(env: Environment): World {
  const vpcEndpoints = new Map<string, VpcEndpoint>();
  for (const a of env.accounts.values()) for (const [id, v] of a.vpcEndpoints) vpcEndpoints.set(id, v);
  return { env, vpcEndpoints, envArns: environmentArns(env) };
}
