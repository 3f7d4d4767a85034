/**
 * Queries over the bundled AWS Service Authorization Reference: actions, their resource types and
 * condition keys. Nothing is read until the first call (see action-index.ts); results are frozen and
 * shared, so callers get the same object for the same action.
 */
import { compileWildcard, hasWildcard } from "../match/wildcard.js";
import { actionIndex, type ActionRecord, type ServiceRecord } from "./action-index.js";
import { best, editDistance, suggestionLimit, type Scored } from "./edit-distance.js";
import { ACCESS_LEVELS, type AccessLevel, type DataSource } from "./format.js";
import type { ConditionKeyInfo } from "./condition-keys.js";

export { conditionKeyType, findConditionKey, globalConditionKeys } from "./condition-keys.js";
export type { ConditionKeyInfo, GlobalConditionKeyInfo } from "./condition-keys.js";
export type { AccessLevel, ConditionKeyType, DataSource } from "./format.js";

export interface ResourceTypeInfo {
  /** As the reference names it: "object", "bucket", "role". */
  name: string;
  /** ARN formats with placeholders, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  arnFormats: readonly string[];
  /** Condition keys that apply to requests on a resource of this type (`aws:ResourceTag/${TagKey}`, ...). */
  conditionKeys: readonly string[];
}

export interface ActionResourceType extends ResourceTypeInfo {
  /** True when the reference marks the resource type required for the action. */
  required: boolean;
}

export interface ActionInfo {
  /** Canonical "service:Action", e.g. "s3:GetObject". */
  name: string;
  service: string;
  action: string;
  accessLevel: AccessLevel;
  /**
   * Resource types the action acts on; empty means it only takes `*`. Each type's `conditionKeys` holds
   * the type's own keys plus any the reference lists for this action and type only.
   */
  resourceTypes: readonly ActionResourceType[];
  /** Condition keys the reference lists for the action itself. */
  conditionKeys: readonly string[];
}

interface DecodedService {
  resourceTypes: readonly ResourceTypeInfo[];
  conditionKeys: readonly ConditionKeyInfo[];
}

// Lazily-filled decode caches; keyed by lower-cased name.
const decodedActions = new Map<string, ActionInfo>();
const decodedServices = new Map<string, DecodedService>();

/**
 * The formats the checks read for one format of the reference. The reference writes some names, and
 * some fields, as a bare `*` (`arn:${Partition}:dms:${Region}:${Account}:endpoint:*`,
 * `arn:${Partition}:artifact:::agreement/*`, `arn:${Partition}:braket:*:*:device/...`,
 * `arn:${Partition}:health:*::event/...`): it means whatever the resource has there, not the
 * character. Real ARNs have a name there (`arn:aws:dms:us-east-1:123456789012:rep:QLXQZ64MH7CXF4QCQMGRVYVXAI`,
 * dms/latest/userguide/CHAP_Introduction.AWS.ARN.html), and in those fields a region or account, or
 * nothing (`arn:aws:braket:us-east-1::device/qpu/ionq/Aria-1`, braket/latest/developerguide/braket-devices.html;
 * `arn:aws:braket:::device/quantum-simulator/amazon/sv1`, braket-submit-tasks-simulators.html; an EC2
 * recovery point of AWS Backup is an image, `arn:aws:ec2:us-east-1::image/ami-...`). So a `*` name
 * becomes `${ResourceId}`, and a `*` region or account field gives one format with `${Region}` or
 * `${Account}` (first) and one with the field empty. Every reader of formats (sampling, the resource
 * filter, the prover's resource classes, which split by `${Account}`) then reads them as it reads any
 * format. Read as the character, a mayNot on a real DMS endpoint was an input error, and the prover's
 * classes held no real endpoint, so it proved a mayNot that the identity policy granted.
 */
export function normalizedFormats(format: string): string[] {
  const fields = format.split(":");
  // The account field, however the reference names it (`${AccountId}` in Chime, `${VpcOwnerAccount}`
  // in MSK, `${ManagementAccountId}` in Account Management), is the ARN's account: readers key on
  // `${Account}` (the prover's per-account resource classes; without it, an ARN of the caller's own
  // account was taken for one of no known account, and a mayNot the identity policy granted was proved).
  if (/^\$\{[^}]*\}$/.test(fields[4] ?? "") && fields[4] !== "${Account}") return normalizedFormats([...fields.slice(0, 4), "${Account}", ...fields.slice(5)].join(":"));
  if (!format.replace(/\$\{[^}]*\}/g, "").includes("*")) return [format];
  const named = (text: string, placeholder: string) =>
    text
      .split(/(\$\{[^}]*\})/)
      .map((p) => (p.startsWith("${") ? p : p.replaceAll("*", placeholder)))
      .join("");
  const choices = fields.slice(0, 5).map((f, i) => (f === "*" && i === 3 ? ["${Region}", ""] : f === "*" && i === 4 ? ["${Account}", ""] : [f]));
  if (fields.length > 5) choices.push([named(fields.slice(5).join(":"), "${ResourceId}")]);
  const [first, ...rest] = choices;
  return rest.reduce((heads, options) => heads.flatMap((h) => options.map((o) => `${h}:${o}`)), first ?? []);
}

function decodeService(service: ServiceRecord): DecodedService {
  const cacheKey = service.prefix.toLowerCase();
  const cached = decodedServices.get(cacheKey);
  if (cached) return cached;
  const index = actionIndex();
  const decoded: DecodedService = Object.freeze({
    resourceTypes: Object.freeze(
      service.entry.r.map(([name, arnFormats, keys]) =>
        Object.freeze({
          name,
          arnFormats: Object.freeze(arnFormats.flatMap(normalizedFormats)),
          conditionKeys: Object.freeze((keys ?? []).map(index.keyName)),
        }),
      ),
    ),
    conditionKeys: Object.freeze(
      service.entry.k.map((k) => Object.freeze({ name: index.keyName(k), type: index.keyType(k) })),
    ),
  });
  decodedServices.set(cacheKey, decoded);
  return decoded;
}

function decodeAction({ service, entry }: ActionRecord): ActionInfo {
  const index = actionIndex();
  const [action, level, refs, keys] = entry;
  const types = decodeService(service).resourceTypes;
  const resourceTypes = (refs ?? []).map(([ri, required, extra]) => {
    const rt = types[ri];
    if (!rt) throw new Error(`iam-spec: bundled action data: ${service.prefix}:${action} names missing resource type #${ri}`);
    const conditionKeys = extra ? [...new Set([...rt.conditionKeys, ...extra.map(index.keyName)])] : rt.conditionKeys;
    return Object.freeze({ ...rt, required: required === 1, conditionKeys: Object.freeze(conditionKeys) });
  });
  return Object.freeze({
    name: `${service.prefix}:${action}`,
    service: service.prefix,
    action,
    accessLevel: ACCESS_LEVELS[level],
    resourceTypes: Object.freeze(resourceTypes),
    conditionKeys: Object.freeze((keys ?? []).map(index.keyName)),
  });
}

/** Details of an action by name ("s3:getobject" works too); undefined if the reference does not list it. */
export function lookupAction(name: string): ActionInfo | undefined {
  const lower = name.trim().toLowerCase();
  const cached = decodedActions.get(lower);
  if (cached) return cached;
  const record = actionIndex().actions.get(lower);
  if (!record) return undefined;
  const info = decodeAction(record);
  decodedActions.set(lower, info);
  return info;
}

/** Resource types of an action, or undefined for an unknown action. */
export function resourceTypesForAction(action: string): readonly ActionResourceType[] | undefined {
  return lookupAction(action)?.resourceTypes;
}

/**
 * All known actions matching an IAM action pattern (`*` any run, `?` one character, case-insensitive),
 * as canonical names. `*` alone gives every action. A name without wildcards gives itself, canonically
 * spelled, or nothing if unknown.
 */
export function expandActionPattern(pattern: string): string[] {
  const p = pattern.trim();
  if (!hasWildcard(p)) {
    const info = lookupAction(p);
    return info ? [info.name] : [];
  }
  const index = actionIndex();
  const matches = compileWildcard(p, { ignoreCase: true });
  const out: string[] = [];
  index.lowerNames.forEach((lower, i) => {
    if (matches(lower)) out.push(index.names[i] ?? lower);
  });
  return out;
}

/** Every action the reference lists, as "service:Action". */
export function knownActions(): readonly string[] {
  return actionIndex().names;
}

/**
 * Up to `n` known actions closest to `name` by edit distance, for "did you mean". Actions of the same
 * service come first (a typo is likelier in the action than in the prefix). Other services only fill the
 * remaining places, and only with (nearly) the same action name: `lambda:GetObject` suggests
 * `s3:GetObject`, but `s3:ListBuckets` does not suggest `mq:ListBrokers`. Candidates too far off to be a
 * plausible typo are left out, so the list may be shorter than `n`, or empty.
 */
export function closestActions(name: string, n = 3): string[] {
  if (hasWildcard(name)) return closestPatterns(name.trim(), n);
  const index = actionIndex();
  const lower = name.trim().toLowerCase();
  const colon = lower.indexOf(":");
  const prefix = colon >= 0 ? lower.slice(0, colon) : undefined;
  const actionPart = lower.slice(colon + 1);
  const limit = suggestionLimit(actionPart);
  const sameService: Scored[] = [];
  const others: Scored[] = [];
  index.lowerNames.forEach((candidate, i) => {
    const value = index.names[i] ?? candidate;
    const c = candidate.indexOf(":");
    const candidateAction = candidate.slice(c + 1);
    if (Math.abs(candidateAction.length - actionPart.length) > limit) return;
    const distance = editDistance(actionPart, candidateAction, limit);
    if (prefix !== undefined && candidate.slice(0, c) === prefix) {
      if (distance <= limit) sameService.push({ value, distance });
    } else if (distance <= 1) {
      // Rank by the action part first, then by how close the prefix is (s4 -> s3 before mediastore).
      others.push({ value, distance: distance * 1000 + editDistance(prefix ?? "", candidate.slice(0, c), 999) });
    }
  });
  const first = best(sameService, n);
  return [...first, ...best(others, n - first.length)];
}

/**
 * For a pattern, suggest patterns: the typo is in the literal part before the first wildcard (`s3:Gte*`),
 * so correct that part to the closest beginning of a known action and keep the rest (`s3:Get*`). Only
 * corrections that match some action are offered.
 */
function closestPatterns(pattern: string, n: number): string[] {
  const index = actionIndex();
  const cut = Math.min(...["*", "?"].map((w) => pattern.indexOf(w)).filter((i) => i >= 0));
  const head = pattern.slice(0, cut).toLowerCase();
  const rest = pattern.slice(cut);
  const limit = suggestionLimit(head.slice(head.indexOf(":") + 1));
  const byHead = new Map<string, { head: string; distance: number }>();
  const seen = new Set<string>();
  index.lowerNames.forEach((candidate, i) => {
    // One letter more or less than typed, too (`s3:Gt*` -> `s3:Get*`), ranked below same-length fixes.
    for (let len = head.length - 1; len <= head.length + 1; len++) {
      if (len < 1 || candidate.length < len) continue;
      const canonical = (index.names[i] ?? candidate).slice(0, len);
      const key = canonical.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const distance = editDistance(head, key, limit);
      if (distance > 0 && distance <= limit) {
        byHead.set(key, { head: canonical, distance: distance * 2 + (len === head.length ? 0 : 1) });
      }
    }
  });
  // A head is worth offering only if head + rest matches something: since the head is literal, that
  // is an action starting with the head whose remainder matches the rest. One pass checks all heads.
  const restMatches = compileWildcard(rest, { ignoreCase: true });
  const viable = new Set<string>();
  for (const name of index.lowerNames) {
    for (let len = head.length - 1; len <= head.length + 1; len++) {
      const key = name.slice(0, len);
      if (byHead.has(key) && restMatches(name.slice(len))) viable.add(key);
    }
  }
  const ranked = [...byHead.entries()]
    .filter(([key]) => viable.has(key))
    .map(([, v]) => v)
    .sort((x, y) => x.distance - y.distance || (x.head < y.head ? -1 : 1));
  // `ec2:Describ*` adds nothing next to `ec2:Describe*`: keep only the best of heads that nest.
  const chosen: string[] = [];
  for (const { head: h } of ranked) {
    if (chosen.length >= n) break;
    const lowerHead = h.toLowerCase();
    if (!chosen.some((c) => c.startsWith(lowerHead) || lowerHead.startsWith(c))) chosen.push(lowerHead);
  }
  return chosen.map((c) => (byHead.get(c)?.head ?? c) + rest);
}

/** Whether the reference lists a service with this prefix (case-insensitive). */
export function isKnownService(prefix: string): boolean {
  return actionIndex().services.has(prefix.trim().toLowerCase());
}

/** The service's full name ("Amazon S3"), or undefined for an unknown prefix. */
export function serviceName(prefix: string): string | undefined {
  return actionIndex().services.get(prefix.trim().toLowerCase())?.entry.n;
}

/** Condition keys a service defines, with their types; undefined for an unknown prefix. */
export function serviceConditionKeys(prefix: string): readonly ConditionKeyInfo[] | undefined {
  const service = actionIndex().services.get(prefix.trim().toLowerCase());
  return service ? decodeService(service).conditionKeys : undefined;
}

/** Resource types a service defines; undefined for an unknown prefix. */
export function serviceResourceTypes(prefix: string): readonly ResourceTypeInfo[] | undefined {
  const service = actionIndex().services.get(prefix.trim().toLowerCase());
  return service ? decodeService(service).resourceTypes : undefined;
}

/** Which package and version the action index was derived from. */
export function actionDataSource(): DataSource {
  return actionIndex().file.source;
}
