/**
 * Condition key types from the bundled Service Authorization Reference: which keys exist and what type
 * their values have (the evaluator and the fuzzer choose comparisons and generated values by type).
 */
import { actionIndex, type ActionIndex } from "./action-index.js";
import { best, editDistance, suggestionLimit } from "./edit-distance.js";
import type { ConditionKeyType } from "./format.js";

export interface ConditionKeyInfo {
  /**
   * Canonical name as the reference spells it; keys with a variable part keep their placeholder
   * (`aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/<key>`).
   */
  name: string;
  type: ConditionKeyType;
}

export interface GlobalConditionKeyInfo extends ConditionKeyInfo {
  /** Grouping from the source data: "principal", "session", "network", "resource", "request". */
  category: string;
}

interface KeyPattern {
  /** Lower-cased text before the first placeholder: a cheap filter before the regex. */
  prefix: string;
  regex: RegExp;
  info: ConditionKeyInfo;
}

interface KeyTable {
  exact: Map<string, ConditionKeyInfo>;
  patterns: KeyPattern[];
  global: readonly GlobalConditionKeyInfo[];
}

// `${TagKey}` is the reference's placeholder syntax; a few S3 keys use `<key>` instead.
const PLACEHOLDER = /\$\{[^}]*\}|<[^>]*>/g;

let table: KeyTable | undefined;

function keyTable(): KeyTable {
  table ??= buildTable(actionIndex());
  return table;
}

function info(index: ActionIndex, k: number): ConditionKeyInfo {
  return Object.freeze({ name: index.keyName(k), type: index.keyType(k) });
}

/**
 * Services occasionally disagree on a key's type (identitystore:UserId is String in identitystore but
 * ArrayOfString in q), so the first definition wins in this order: the global key list, then the service
 * whose prefix the key carries, then any other service.
 */
function buildTable(index: ActionIndex): KeyTable {
  const exact = new Map<string, ConditionKeyInfo>();
  const patterns: KeyPattern[] = [];
  const seenPatterns = new Set<string>();
  const add = (k: number) => {
    const i = info(index, k);
    const lower = i.name.toLowerCase();
    if (!exact.has(lower)) exact.set(lower, i);
    if (!i.name.match(PLACEHOLDER) || seenPatterns.has(lower)) return;
    seenPatterns.add(lower);
    const parts = i.name.split(PLACEHOLDER);
    const source = parts.map((p) => p.replace(/[\\^$.|+()[\]{}*?/]/g, "\\$&")).join(".+");
    patterns.push({ prefix: (parts[0] ?? "").toLowerCase(), regex: new RegExp(`^${source}$`, "i"), info: i });
  };

  const global = index.file.global.map(([k, category]) => Object.freeze({ ...info(index, k), category }));
  for (const [k] of index.file.global) add(k);
  const services = [...index.services.values()];
  for (const s of services) {
    for (const k of s.entry.k) if (index.keyName(k).toLowerCase().startsWith(`${s.prefix.toLowerCase()}:`)) add(k);
  }
  for (const s of services) for (const k of s.entry.k) add(k);
  return { exact, patterns, global: Object.freeze(global) };
}

/**
 * The reference entry for a concrete key name, case-insensitively: `aws:RequestTag/team` finds
 * `aws:RequestTag/${TagKey}`. Undefined for keys the reference does not list (which are still valid in
 * policies: OIDC provider keys, for instance).
 */
export function findConditionKey(key: string): ConditionKeyInfo | undefined {
  const t = keyTable();
  const lower = key.toLowerCase();
  const hit = t.exact.get(lower);
  if (hit) return hit;
  for (const p of t.patterns) {
    if (lower.startsWith(p.prefix) && p.regex.test(key)) return p.info;
  }
  return undefined;
}

/** The value type of a condition key (case-insensitive; global `aws:` keys included). */
export function conditionKeyType(key: string): ConditionKeyType | undefined {
  return findConditionKey(key)?.type;
}

/**
 * Multi-valued whatever the service reference says: Cognito's amr lists "authenticated" and the
 * sign-in provider (cognito/latest/developerguide/iam-roles.html, "ForAnyValue:StringLike" on amr);
 * the reference types it String.
 */
const MULTI_ANYWAY = new Set(["aws:tagkeys", "aws:calledvia", "cognito-identity.amazonaws.com:amr"]);

/**
 * Whether a request may carry several values of the key: the reference's ArrayOf* types. A key it types
 * single-valued (s3:prefix is a String) has one value in every request, whatever qualifier a policy
 * puts before it (IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html);
 * for a key it does not list (an OIDC claim), `qualified`: whether a policy reads it with
 * ForAnyValue/ForAllValues.
 */
export function requestCarriesMany(key: string, qualified: boolean): boolean {
  if (MULTI_ANYWAY.has(key.toLowerCase())) return true;
  const type = conditionKeyType(key);
  return type !== undefined ? type.startsWith("ArrayOf") : qualified;
}

/**
 * For an `aws:` key that no AWS page lists (a typo: `aws:SourceIpAddress`, `aws:PrincipalTag` without
 * its tag key), the closest global keys, the tag part written TAGKEY; undefined for a listed key and
 * for keys of other prefixes (an OIDC provider's keys are not in the service reference).
 */
export function unlistedGlobalKey(key: string): { suggestions: string[] } | undefined {
  if (!/^aws:/i.test(key) || findConditionKey(key) !== undefined) return undefined;
  const lower = key.toLowerCase();
  const limit = suggestionLimit(key);
  const scored = [];
  for (const k of keyTable().global) {
    const name = k.name.replace(/\$\{TagKey\}/, "TAGKEY");
    const d = editDistance(lower, name.toLowerCase());
    if (d <= limit) scored.push({ value: name, distance: d });
  }
  return { suggestions: best(scored, 3) };
}

/** Global condition keys (mostly `aws:`), as the source data lists them. */
export function globalConditionKeys(): readonly GlobalConditionKeyInfo[] {
  return keyTable().global;
}

let resourceTagPrefixes: ReadonlyMap<string, string> | undefined;

/**
 * The service's own resource-tag key, as the reference spells its prefix (`ec2:ResourceTag`,
 * `ssm:resourceTag`), for the services that list one (`ec2:ResourceTag/${TagKey}`: "Filters access by
 * a tag key and value pair of a resource", service-authorization/latest/reference/list_amazonec2.html;
 * `iam:ResourceTag/${TagKey}`, list_awsidentityandaccessmanagementiam.html). Undefined for the others.
 */
export function serviceResourceTagPrefix(service: string): string | undefined {
  if (!resourceTagPrefixes) {
    const found = new Map<string, string>();
    for (const { name } of keyTable().exact.values()) {
      const m = /^([^:]+):(resourcetag)\//i.exec(name);
      if (m && m[1]!.toLowerCase() !== "aws" && !found.has(m[1]!.toLowerCase())) found.set(m[1]!.toLowerCase(), `${m[1]}:${m[2]}`);
    }
    resourceTagPrefixes = found;
  }
  return resourceTagPrefixes.get(service.toLowerCase());
}
