/**
 * Runs a scenario's mayNot question against evaluate() directly (no spec loader): builds the callers,
 * the RequestSpace and isAllowed() the fuzzer needs from plain data.
 */
import { compilePolicy, evaluate } from "../../src/index.js";
import { expandActionPattern, lookupAction } from "../../src/data/actions.js";
import { compileArnPattern } from "../../src/match/arn.js";
import type { Caller } from "../../src/compile/caller.js";
import type { Candidate, WhenConstraints } from "../../src/compile/sources.js";
import type { LoadedPolicy } from "../../src/model/types.js";
import type { ContextScalar, ContextValue, PolicyType } from "../../src/types.js";
import type { FuzzSpace } from "../../src/fuzz/index.js";
import { instanceOf, SAMPLE } from "../../generators/stringNear.js";

export type Doc = { Version: string; Statement: unknown[] };
export const A = "111122223333";
export const B = "444455556666";
export const ORG = "o-a1b2c3d4e5";
/** Accounts inside the organization. */
const IN_ORG = new Set([A]);

export interface Principal {
  /** User or role ARN (a role means a session of it), a service name, "anonymous", or an OIDC provider ARN. */
  arn: string;
  policies?: Doc[];
  boundary?: Doc;
  /** SCP levels (root first). */
  scps?: Doc[][];
}

export interface Variant {
  principals: Principal[];
  /** Resource ARN -> resource policy (a role ARN's entry is its trust policy). An S3 bucket's policy governs its objects. */
  resources?: Record<string, Doc>;
}

export interface Scenario {
  id: string;
  category: string;
  /** The principals that ask (ARNs as in Principal.arn); default every principal of the variant. */
  as: string[];
  mayNot: string[];
  on: string[];
  except?: string[];
  when?: Record<string, ContextValue | { not: ContextScalar[] }>;
  buggy: Variant;
  fixed: Variant;
}

const policyCache = new WeakMap<object, LoadedPolicy>();
function loaded(doc: Doc, type: PolicyType): LoadedPolicy {
  let p = policyCache.get(doc);
  if (!p) {
    p = { handle: compilePolicy(doc, type, { name: `${type} policy` }), name: `${type} policy`, type, origin: "inline", document: doc };
    policyCache.set(doc, p);
  }
  return p;
}

function callerOf(p: Principal): Caller {
  const arn = p.arn;
  const account = /^arn:aws:iam::(\d{12}):/.exec(arn)?.[1];
  const derived: Record<string, ContextValue> = {};
  let principal = arn;
  const base = { identityPolicies: [] as Doc[], boundary: undefined, sessionPolicies: [], scps: [] as Doc[][], policies: [] as LoadedPolicy[] };
  if (account) {
    derived["aws:PrincipalAccount"] = account;
    derived["aws:PrincipalIsAWSService"] = false;
    if (IN_ORG.has(account)) derived["aws:PrincipalOrgID"] = ORG;
  }
  let federated: "oidc" | undefined;
  if (/:user\//.test(arn)) {
    Object.assign(derived, { "aws:PrincipalArn": arn, "aws:PrincipalType": "User", "aws:username": arn.split("/").pop()!, "aws:userid": "AIDAEXAMPLE" });
  } else if (/:role\//.test(arn)) {
    principal = `arn:aws:sts::${account}:assumed-role/${arn.split("/").pop()}/iam-spec`;
    Object.assign(derived, { "aws:PrincipalArn": arn, "aws:PrincipalType": "AssumedRole", "aws:userid": "AROAEXAMPLE:iam-spec" });
  } else if (/:oidc-provider\//.test(arn)) {
    federated = "oidc";
  } else if (arn === "anonymous") {
    Object.assign(derived, { "aws:PrincipalType": "Anonymous", "aws:userid": "anonymous" });
  } else if (!arn.startsWith("arn:")) {
    Object.assign(derived, { "aws:PrincipalIsAWSService": true, "aws:PrincipalServiceName": arn });
  }
  // Principals of accounts outside the scenario: identity policies unknown, taken to allow everything.
  const outside = account !== undefined && account !== A && p.policies === undefined;
  const identity = outside ? [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }] : (p.policies ?? []);
  return {
    ...base,
    principal,
    written: arn,
    accountId: account,
    identityPolicies: identity,
    boundary: p.boundary,
    scps: p.scps ?? [],
    derived,
    policies: [...identity.map((d) => loaded(d as Doc, "identity")), ...(p.boundary ? [loaded(p.boundary, "boundary")] : []), ...(p.scps ?? []).flat().map((d) => loaded(d, "scp"))],
    ...(federated ? { federated } : {}),
  };
}

function resourcePolicyFor(v: Variant, action: string, resource: string): { doc: Doc; type: PolicyType } | undefined {
  const res = v.resources ?? {};
  if (/:role\//.test(resource)) return /^sts:assumerole/i.test(action) && res[resource] ? { doc: res[resource]!, type: "trust" } : undefined;
  if (res[resource]) return { doc: res[resource]!, type: "resource" };
  const bucket = /^arn:aws:s3:::([^/]+)\//.exec(resource);
  if (bucket && res[`arn:aws:s3:::${bucket[1]}`]) return { doc: res[`arn:aws:s3:::${bucket[1]}`]!, type: "resource" };
  return undefined;
}

function resourceAccount(v: Variant, resource: string): string | undefined {
  const fromArn = resource.split(":")[4];
  if (fromArn && /^\d{12}$/.test(fromArn)) return fromArn;
  if (resource.startsWith("arn:aws:s3:::")) return A; // the scenarios' buckets are all in A
  return undefined;
}

export interface Built {
  space: FuzzSpace;
  isAllowed(c: Candidate): boolean;
}

export function build(s: Scenario, v: Variant): Built {
  const callers = v.principals.filter((p) => s.as.includes(p.arn)).map(callerOf);
  const actions = [...new Set(s.mayNot.flatMap(expandActionPattern))];
  const on = s.on.map(compileArnPattern);
  const except = (s.except ?? []).map(compileArnPattern);
  const inScope = (arn: string) => on.some((m) => m(arn)) && !except.some((m) => m(arn));
  const envArns = Object.keys(v.resources ?? {});
  const resourcesFor = (action: string, caller: Caller): string[] => {
    const out = new Set<string>();
    for (const pattern of s.on) {
      if (!/[*?]/.test(pattern)) out.add(pattern);
      else if (pattern === "*") {
        const types = lookupAction(action)?.resourceTypes ?? [];
        if (types.length === 0) out.add("*");
        for (const t of types.slice(0, 2)) {
          const f = t.arnFormats[0];
          if (f) out.add(f.replace(/\$\{([^}]+)\}/g, (_, n: string) => (/partition/i.test(n) ? "aws" : /region/i.test(n) ? "us-east-1" : /account/i.test(n) ? (caller.accountId ?? A) : SAMPLE)));
        }
      } else {
        const m = compileArnPattern(pattern);
        const hits = envArns.filter((a) => m(a));
        for (const h of hits) out.add(h);
        if (hits.length === 0) out.add(instanceOf(pattern, SAMPLE));
      }
    }
    return [...out].filter((r) => r === "*" || inScope(r));
  };
  const pinned = new Map<string, { key: string; value: ContextValue }>();
  const excluded = new Map<string, { key: string; not: readonly ContextScalar[] }>();
  const when: WhenConstraints = { pinned, excluded };
  for (const [key, value] of Object.entries(s.when ?? {})) {
    if (value !== null && typeof value === "object" && !Array.isArray(value) && "not" in value) excluded.set(key.toLowerCase(), { key, not: value.not });
    else pinned.set(key.toLowerCase(), { key, value: value as ContextValue });
  }
  const isAllowed = (c: Candidate): boolean => {
    const rp = resourcePolicyFor(v, c.action, c.resource);
    const account = resourceAccount(v, c.resource);
    const context: Record<string, ContextValue> = { ...c.caller.derived, ...(account ? { "aws:ResourceAccount": account } : {}) };
    if (account && IN_ORG.has(account)) context["aws:ResourceOrgID"] = ORG;
    for (const [k, val] of Object.entries(c.context)) context[k] = val;
    const input = {
      principal: c.caller.principal,
      action: c.action,
      resource: c.resource,
      context,
      identityPolicies: c.caller.identityPolicies,
      scps: c.caller.scps,
      ...(account ? { resourceAccount: account } : {}),
      ...(rp ? { resourcePolicy: rp.doc } : {}),
      ...(c.caller.boundary ? { permissionsBoundary: c.caller.boundary } : {}),
    };
    return evaluate(input).decision === "Allow";
  };
  const space: FuzzSpace = {
    callers,
    actions,
    resourcesFor,
    inScope,
    policiesFor: (caller, action, resource) => {
      const rp = resourcePolicyFor(v, action, resource);
      return [...caller.policies, ...(rp ? [loaded(rp.doc, rp.type)] : [])];
    },
    when,
    isAllowed,
  };
  return { space, isAllowed };
}
