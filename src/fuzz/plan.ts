/**
 * What to try for one caller and action: the resource pool, the context keys worth setting with their
 * deterministic points and arbitraries, and the `when` constraints. Built lazily per (caller, action)
 * by the source and kept only for the duration of one expectation.
 */
import { ENUMERATED_VALUES } from "../context/enumerated-values.js";
import { asEmailAddress, EMAIL_ADDRESS_KEYS } from "../context/email-keys.js";
import fc from "fast-check";
import type { Caller } from "../compile/caller.js";
import type { RequestSpace } from "../compile/sources.js";
import type { RequestContext } from "../context/request-context.js";
import { compileCidr } from "../match/cidr.js";
import { splitArn } from "../match/arn.js";
import { compileWildcard } from "../match/wildcard.js";
import type { ContextScalar, ContextValue } from "../types.js";
import { conditionValueArbitrary, conditionValuePoints, isMultiValued, valueFamily } from "../../generators/conditionValue.js";
import { SAMPLE } from "../../generators/stringNear.js";
import { minedFor, type KeyUse, type Mined } from "./mine.js";
import { factsFor, isDerivedKey, isRequiredKey, keyApplies, realistic, type RequestFacts } from "../context/realism.js";
import { AWS_REGIONS, REGION } from "../context/regions.js";
import { arnFormatMatcher } from "../context/arn-formats.js";
import { conditionKeyType } from "../data/condition-keys.js";
import { resourcePool } from "./resources.js";

const DEFAULT_REGIONS = ["us-east-1", "eu-central-1", "ap-southeast-2"];

/** An account id no environment uses (as principal-sets' UNKNOWN_ACCOUNT). */
const OUTSIDE_ACCOUNT = "000000000000";
/** Region variants of one sampled resource at most (keeps the pool small). */
const MAX_REGION_VARIANTS = 8;

/**
 * A value for an ARN-typed key that `{ not }` constrains: the first excluded ARN with its resource
 * replaced and its account (where it has one) outside the environment (`arn:aws:s3:::acme-uploads` ->
 * `arn:aws:s3:::iam-spec-sample`), so that a confused-deputy counterexample names a source AWS could
 * send (aws:SourceArn is the ARN of the resource that makes the request:
 * IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn).
 */
function arnBeside(not: readonly ContextScalar[]): string {
  for (const n of not) {
    const m = /^arn:([^:*?]+):([^:*?]+):([^:*?]*):([^:]*):/.exec(String(n));
    if (!m) continue;
    // The resource type stays (`rule/*` -> `rule/iam-spec-sample`), so the ARN is one of its kind.
    const type = /^([^/*?:]+)\//.exec(String(n).slice(m[0].length))?.[1];
    return `arn:${m[1]}:${m[2]}:${m[3]}:${/^\d{12}$|[*?]/.test(m[4]!) ? OUTSIDE_ACCOUNT : m[4]}:${type ? `${type}/` : ""}${SAMPLE}`;
  }
  return SAMPLE;
}

/**
 * Whether `v` is an ARN shaped as `like` is: an account where `like` has one (a near miss such as
 * `arn:aws:events:us-east-1::rule/` names no rule AWS could send), and a non-empty name.
 */
function sameShape(v: string, like: string): boolean {
  const f = v.split(":");
  if (f.length < 6 || f[0] !== "arn" || /[/:]$/.test(v)) return false;
  const account = like.split(":")[4] ?? "";
  return account === "" ? f[4] === "" : /^\d{12}$/.test(f[4] ?? "");
}

/**
 * Real region names around the aws:RequestedRegion literals of the policies: the literal regions,
 * for each pattern (`eu-*`) the regions it matches and one it does not, then the defaults.
 */
export function regionPoints(values: readonly string[]): string[] {
  const out: string[] = values.filter((v) => REGION.test(v));
  for (const v of values) {
    if (!/[*?]/.test(v)) continue;
    const m = compileWildcard(v);
    const inside = AWS_REGIONS.filter((r) => m(r) && !values.includes(r));
    // The regions the pattern lets in beyond those written out first: that is where a lock leaks.
    out.push(...inside.slice(0, 3), ...AWS_REGIONS.filter((r) => !m(r)).slice(0, 1));
  }
  return [...new Set([...out, ...DEFAULT_REGIONS])];
}

export interface PlannedKey {
  key: string;
  required: boolean;
  /** Deterministic values, most telling first (a list value for multi-valued keys). */
  points: ContextValue[];
  arbitrary: fc.Arbitrary<ContextValue>;
  /** What the policies do with the key. */
  use: KeyUse;
}

export interface ActionPlan {
  caller: Caller;
  action: string;
  resources: string[];
  resourcePatterns: string[];
  keys: PlannedKey[];
  /** The written request: pinned keys with values. */
  base: RequestContext;
  mined: Mined;
  facts(resource: string): RequestFacts;
  /** Repairs a context into one AWS could send for this resource. */
  finish(resource: string, ctx: RequestContext): RequestContext;
  /** Whether a resource is one to try: the action takes it and `on` covers it. */
  accept(resource: string): boolean;
}

/** Lower-cased keys that `when` pins or constrains: realism must not touch them. */
export function fixedKeys(space: RequestSpace): Set<string> {
  // A `{ not }`-constrained aws:RequestedRegion is still the region of the resource (realism sets it);
  // a candidate whose region the exclusion rules out is dropped by the checker (satisfiesWhen).
  return new Set([...space.when.pinned.keys(), ...[...space.when.excluded.keys()].filter((k) => k !== "aws:requestedregion")]);
}

/** Whether `{ not: pattern }` on key `lower` rules out `value`: CIDRs for IP keys, globs otherwise. */
export function excludedBy(lower: string, pattern: string, value: ContextScalar): boolean {
  if (/ip$/.test(lower)) {
    const inCidr = compileCidr(pattern);
    if (!(inCidr instanceof Error)) return inCidr(String(value));
  }
  return compileWildcard(pattern)(String(value));
}

function allowedValue(lower: string, not: readonly ContextScalar[], v: ContextValue): boolean {
  if (v === null) return false;
  const list = Array.isArray(v) ? (v as ContextScalar[]) : [v as ContextScalar];
  return list.length > 0 && list.every((x) => !not.some((n) => excludedBy(lower, String(n), x)));
}

/** A policy variable's value for the caller, from the keys derived for it; undefined when unknown. */
function variableValue(caller: Caller, name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  for (const [k, v] of Object.entries(caller.derived)) {
    if (k.toLowerCase() !== lower) continue;
    return typeof v === "string" || typeof v === "number" ? String(v) : undefined;
  }
  return undefined;
}

/** The use with each literal holding a resolvable policy variable also given resolved (first). */
function withVariablesResolved(use: KeyUse, caller: Caller): KeyUse {
  if (!use.values.some((v) => v.includes("${"))) return use;
  const values: string[] = [];
  for (const v of use.values) {
    if (v.includes("${")) {
      const resolved = v.replace(/\$\{([^}]+)\}/g, (m, name: string) => {
        if (name === "*" || name === "?" || name === "$") return m;
        return variableValue(caller, name.split(",")[0]!) ?? m;
      });
      if (resolved !== v && !values.includes(resolved)) values.push(resolved);
    }
    if (!values.includes(v)) values.push(v);
  }
  return { ...use, values };
}

export function buildPlan(space: RequestSpace, caller: Caller, action: string, now: number): ActionPlan {
  const fixed = fixedKeys(space);
  const sampled = space.resourcesFor(action, caller);
  const firstPolicies = sampled.flatMap((r) => space.policiesFor(caller, action, r));
  const firstMined = minedFor(firstPolicies.map((p) => p.document));
  const resources = resourcePool(action, sampled, firstMined.resourcePatterns, (r) => space.inScope(r, caller));
  // aws:RequestedRegion is the region of a regional resource: a region lock is only tested by asking
  // for resources in other regions (ARN region varied), not by setting the key alone.
  const regionUse = firstMined.keys.get("aws:requestedregion");
  const regionExcluded = space.when.excluded.get("aws:requestedregion");
  if ((regionUse || regionExcluded) && !space.when.pinned.has("aws:requestedregion")) {
    const formatsOk = arnFormatMatcher(action);
    const regions = regionPoints(regionUse?.values ?? []).filter((r) => !regionExcluded || allowedValue("aws:requestedregion", regionExcluded.not, r));
    for (const r of sampled.slice(0, 4)) {
      const parts = splitArn(r);
      if (parts === undefined || !REGION.test(parts[3] ?? "")) continue;
      let n = 0;
      for (const region of regions) {
        if (region === parts[3] || n >= MAX_REGION_VARIANTS) continue;
        const variant = [...parts.slice(0, 3), region, ...parts.slice(4)].join(":");
        if ((formatsOk === undefined || formatsOk(variant)) && space.inScope(variant, caller) && !resources.includes(variant)) {
          resources.push(variant);
          n++;
        }
      }
    }
  }
  const policies = resources.slice(0, 48).flatMap((r) => space.policiesFor(caller, action, r));
  const mined = minedFor(policies.map((p) => p.document));
  const formats = arnFormatMatcher(action);
  const hops = space.hopFacts?.(caller);
  const facts = (resource: string): RequestFacts => {
    const f = factsFor(caller, action, resource);
    if (hops && hops.length > 0) f.hops = hops;
    return f;
  };
  const anyFacts = facts(resources[0] ?? "*");

  const base: RequestContext = {};
  for (const { key, value } of space.when.pinned.values()) if (value !== null) base[key] = value;

  const uses = new Map<string, KeyUse>();
  // Policy variables of the caller (${aws:username}, ${aws:PrincipalTag/team}) resolved, so that the
  // points sit at what the policy means for this caller: `home/${aws:username}*` is `home/alice*`.
  for (const [lower, use] of mined.keys) uses.set(lower, withVariablesResolved(use, caller));
  // Request tags named only through aws:TagKeys still need a value to be sent.
  const tagKeys = uses.get("aws:tagkeys");
  if (tagKeys) {
    for (const v of tagKeys.values.filter((v) => !/[*?$]/.test(v))) {
      const k = `aws:RequestTag/${v}`;
      if (!uses.has(k.toLowerCase())) uses.set(k.toLowerCase(), { key: k, operators: new Set(["stringequals"]), multi: false, values: [] });
    }
    uses.delete("aws:tagkeys");
  }
  // MFA age exists only when MFA is present (realism drops it otherwise): a policy that tests the age
  // alone still needs requests with MFA present, or its threshold is never reached.
  if (uses.has("aws:multifactorauthage") && !uses.has("aws:multifactorauthpresent")) {
    uses.set("aws:multifactorauthpresent", { key: "aws:MultiFactorAuthPresent", operators: new Set(["bool"]), multi: false, values: ["true"] });
  }
  // aws:SourceOrgID and aws:SourceOrgPaths follow aws:SourceAccount (realism drops or sets them): a
  // policy that reads them is tried with an account of each place in the organization and one outside.
  const org = anyFacts.organization;
  if (org && (uses.has("aws:sourceorgid") || uses.has("aws:sourceorgpaths"))) {
    const perPath = new Map<string, string>();
    for (const [account, path] of org.paths) if (!perPath.has(path)) perPath.set(path, account);
    const own = uses.get("aws:sourceaccount");
    uses.set("aws:sourceaccount", { key: own?.key ?? "aws:SourceAccount", operators: own?.operators ?? new Set(["stringequals"]), multi: false, values: [...(own?.values ?? []), ...perPath.values(), OUTSIDE_ACCOUNT] });
  }
  for (const { key } of space.when.excluded.values()) {
    if (!uses.has(key.toLowerCase())) uses.set(key.toLowerCase(), { key, operators: new Set(), multi: false, values: [] });
  }
  // The VPC keys exist only on requests through an endpoint (realism drops them otherwise): a policy
  // or a `when` that reads aws:VpcSourceIp or aws:SourceVpc alone still needs requests through one
  // (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-vpcsourceip).
  if ((uses.has("aws:vpcsourceip") || uses.has("aws:sourcevpc")) && !uses.has("aws:sourcevpce")) {
    uses.set("aws:sourcevpce", { key: "aws:SourceVpce", operators: new Set(["stringequals"]), multi: false, values: ["vpce-00000000000000000"] });
  }

  const keys: PlannedKey[] = [];
  for (const [lower, use] of uses) {
    if (space.when.pinned.has(lower) || isDerivedKey(lower) || !keyApplies(use.key, anyFacts)) continue;
    if (/^aws:(tagkeys|calledviafirst|calledvialast)$/.test(lower)) continue; // derived by realism
    let points: ContextValue[] = conditionValuePoints(use, now).map((p) => (isMultiValued(use) ? [p] : p));
    if (isMultiValued(use)) points = [...points, [], conditionValuePoints(use, now)];
    let arbitrary = conditionValueArbitrary(use, now);
    if (lower === "aws:requestedregion") {
      // Only real region names: a policy's near miss "eu-west-1x" is no region AWS serves.
      points = regionPoints(use.values);
      arbitrary = fc.constantFrom(...points);
    }
    let required = isRequiredKey(use.key, anyFacts);
    const excluded = space.when.excluded.get(lower);
    if (excluded) {
      required = true;
      // Values of the key's own kind only: a Bool key never carries text.
      const family = valueFamily(use);
      // An account key holds an account id (one outside the environment), never sample text.
      // A VPC endpoint or VPC key holds an id of that shape (vpce-/vpc- and 17 hex digits).
      const vpc = /^aws:sourcevpce?$/.test(lower) ? [`${lower.endsWith("vpce") ? "vpce" : "vpc"}-00000000000000000`] : undefined;
      const extra: ContextValue[] = lower === "aws:requestedregion" || vpc ? [] : /account$/.test(lower) ? [OUTSIDE_ACCOUNT] : family === "string" ? [SAMPLE] : family === "ip" ? ["198.51.100.99", "2001:db8::99"] : [];
      // A policy's pattern vpce-* yields "vpce-", which is no endpoint id: only ids of the shape stay.
      const idShape = (v: ContextValue) => typeof v === "string" && /^vpce?-[0-9a-f]+$/.test(v);
      points = [...(vpc ?? []), ...points.filter((v) => !vpc || idShape(v)), ...extra].filter((v) => allowedValue(lower, excluded.not, v));
      // An ARN key (aws:SourceArn) holds an ARN, never sample text: one beside the excluded one first.
      if (conditionKeyType(use.key) === "ARN") {
        const beside = arnBeside(excluded.not);
        points = [beside, ...points.filter((v) => typeof v === "string" && sameShape(v, beside))].filter((v) => allowedValue(lower, excluded.not, v));
      }
      if (points.length === 0) continue; // every value excluded: nothing AWS could send for this key
      const fallback = points[0]!;
      arbitrary = arbitrary.map((v) => (allowedValue(lower, excluded.not, v) && (!vpc || idShape(v)) ? v : fallback));
    }
    // A key AWS takes from a fixed list (s3:x-amz-acl) holds one of its values: a near miss of a
    // policy's value ("public-rea") is a request AWS rejects.
    const listed = ENUMERATED_VALUES.get(lower);
    if (listed) {
      const ok = (v: ContextValue) => typeof v === "string" && listed.includes(v) && (!excluded || allowedValue(lower, excluded.not, v));
      const allowed = [...points.filter(ok), ...listed.filter(ok)];
      if (allowed.length === 0) continue;
      points = [...new Set(allowed)];
      arbitrary = arbitrary.map((v) => (ok(v) ? v : allowed[0]!));
    }
    // An account key (aws:SourceAccount) holds a 12-digit account id, never "" or other text.
    if (/account$/.test(lower)) {
      const isAccount = (v: ContextValue) => typeof v === "string" && /^\d{12}$/.test(v);
      const accounts = points.filter(isAccount);
      if (accounts.length > 0) {
        points = accounts;
        arbitrary = arbitrary.map((v) => (isAccount(v) ? v : accounts[0]!));
      }
    }
    // An SES address key holds addresses (`@example.com` is none): see context/email-keys.ts.
    if (EMAIL_ADDRESS_KEYS.has(lower)) {
      const address = (v: ContextValue): ContextValue => (typeof v === "string" ? asEmailAddress(v) : Array.isArray(v) ? v.map((x) => (typeof x === "string" ? asEmailAddress(x) : x)) : v);
      const ok = (v: ContextValue) => !excluded || allowedValue(lower, excluded.not, v);
      // (A policy's `*` as the character is an address too, `*@example.com`, but tried after the others.)
      const unique = [...new Map(points.map(address).filter(ok).map((v) => [JSON.stringify(v), v])).values()];
      points = [...unique.filter((v) => !/[*?]/.test(JSON.stringify(v))), ...unique.filter((v) => /[*?]/.test(JSON.stringify(v)))];
      if (points.length === 0) continue;
      const fallback = points[0]!;
      arbitrary = arbitrary.map((v) => {
        const a = address(v);
        return ok(a) ? a : fallback;
      });
    }
    keys.push({ key: use.key, required, points, arbitrary, use });
  }
  const fixedSet = fixed;
  return {
    caller,
    action,
    resources,
    resourcePatterns: mined.resourcePatterns,
    keys,
    base,
    mined,
    facts,
    finish: (resource, ctx) => realistic(ctx, facts(resource), fixedSet, now),
    accept: (r) => (formats === undefined ? r === "*" : formats(r)) && space.inScope(r, caller),
  };
}
