/**
 * Session names worth trying for a role session in a `mayNot`. Whoever assumes a role picks
 * the session name (`RoleSessionName` of sts:AssumeRole), so a policy that grants
 * `arn:aws:sts::ACCT:assumed-role/deploy/admin-*`, or tests `aws:userid` against `AROA...:admin-*`, or
 * a trust policy's `sts:RoleSessionName`, is open to anyone who may assume the role and names the
 * session `admin-...`. The names come from the policies' own strings, so only environments that talk
 * about session names pay for the extra callers.
 */
import type { Environment, LoadedPolicy } from "../model/types.js";
import { compileWildcard } from "../match/wildcard.js";

/** What AWS accepts as RoleSessionName (STS/latest/APIReference/API_AssumeRole.html). */
const VALID = /^[\w+=,.@-]{2,64}$/;
/** Extra sessions per role at most: each is another caller for the whole search. */
const MAX_NAMES = 8;
const SAMPLE = "iam-spec-sample";

/**
 * Session names, other than `current`, that the strings of `docs` single out for sessions of the role
 * `roleName`: instances of session patterns in `assumed-role/ROLE/SESSION` ARNs whose ROLE part
 * matches, the session part of `aws:userid` values, and `sts:RoleSessionName` values. Sorted by first
 * appearance, so the list (and a run) is deterministic.
 */
export function sessionNamesFor(roleName: string, docs: readonly unknown[], current: string): string[] {
  return sessionNamesIn(roleName, sessionStringsOf(docs), current);
}

/** sessionNamesFor over the strings sessionStringsOf found. */
export function sessionNamesIn(roleName: string, found: readonly SessionString[], current: string): string[] {
  const out: string[] = [];
  const add = (pattern: string) => {
    if (pattern.includes("${")) return; // a policy variable: its value is not the caller's choice
    for (const name of instances(pattern)) {
      if (out.length >= MAX_NAMES) return;
      if (name !== current && VALID.test(name) && !out.includes(name)) out.push(name);
    }
  };
  for (const { key, value, arn } of found) {
    if (arn && compileWildcard(arn[0], { ignoreCase: true })(roleName)) add(arn[1]);
    else if (key === "aws:userid") {
      const colon = value.indexOf(":");
      if (colon >= 0) add(value.slice(colon + 1));
    } else if (key === "sts:rolesessionname") add(value);
  }
  return out;
}

/** A string of a document that can name a session or a session tag; `arn`: ROLE and SESSION of an assumed-role ARN. */
export interface SessionString {
  doc: unknown;
  key: string | undefined;
  value: string;
  arn?: readonly [string, string];
}

const sessionStringsByDoc = new WeakMap<object, readonly SessionString[]>();
const sessionStringsByList = new WeakMap<readonly unknown[], readonly SessionString[]>();

/**
 * The session strings of every document of `docs`, in order; remembered per list object, so that the
 * environment's list (environmentDocuments) is walked once per run, not once per expectation.
 */
export function sessionStringsOf(docs: readonly unknown[]): readonly SessionString[] {
  let found = sessionStringsByList.get(docs);
  if (!found) sessionStringsByList.set(docs, (found = docs.flatMap(sessionStrings)));
  return found;
}

/**
 * The strings of `doc` that sessionNamesFor and sessionTagsFor look at, in document order, found once
 * per document object: every expectation of a run asks again about every document of a large
 * environment, and almost none of their strings is about sessions.
 */
function sessionStrings(doc: unknown): readonly SessionString[] {
  if (doc === null || typeof doc !== "object") return [];
  let found = sessionStringsByDoc.get(doc);
  if (!found) {
    const list: SessionString[] = [];
    for (const { key, value } of strings(doc)) {
      const arn = /:assumed-role\/([^/]+)\/(.+)$/.exec(value);
      if (arn) list.push({ doc, key, value, arn: [arn[1]!, arn[2]!] });
      else if (key !== undefined && /^(aws:userid|sts:rolesessionname|aws:principaltag\/.+|aws:sourceidentity|sts:sourceidentity)$/.test(key)) list.push({ doc, key, value });
    }
    sessionStringsByDoc.set(doc, (found = list));
  }
  return found;
}

/** A pattern's instances: `*` as sample text and as nothing, `?` as one letter. */
function instances(pattern: string): string[] {
  if (!/[*?]/.test(pattern)) return [pattern];
  return [pattern.replace(/\*/g, SAMPLE).replace(/\?/g, "x"), pattern.replace(/\*/g, "").replace(/\?/g, "x")];
}

/** Every string in a policy document, with the lower-cased condition key it is compared with, if any. */
function* strings(doc: unknown, key?: string): Generator<{ key: string | undefined; value: string }> {
  if (typeof doc === "string") yield { key, value: doc };
  else if (Array.isArray(doc)) for (const d of doc) yield* strings(d, key);
  else if (doc !== null && typeof doc === "object") {
    for (const [k, v] of Object.entries(doc)) {
      // Inside Condition: { Operator: { key: values } }; the key is what the values mean.
      yield* strings(v, k.includes(":") ? k.toLowerCase() : key);
    }
  }
}

/** Every policy of the environment (identity, boundary, trust, resource, endpoint, SCP, RCP). */
export function environmentPolicies(env: Environment): LoadedPolicy[] {
  const policies: LoadedPolicy[] = [];
  for (const a of env.accounts.values()) {
    for (const u of a.users.values()) policies.push(...u.identityPolicies, ...(u.boundary ? [u.boundary] : []));
    for (const r of a.roles.values()) policies.push(...r.identityPolicies, ...(r.boundary ? [r.boundary] : []), ...(r.trust ? [r.trust] : []));
    for (const r of a.resources.values()) if (r.policy) policies.push(r.policy);
    for (const v of a.vpcEndpoints.values()) if (v.policy) policies.push(v.policy);
  }
  for (const pl of env.organization?.placements.values() ?? []) policies.push(...pl.scpLevels.flat(), ...pl.rcpLevels.flat());
  return policies;
}

const docsByEnv = new WeakMap<Environment, unknown[]>();

/** Every policy document of the environment, each once. */
export function environmentDocuments(env: Environment): unknown[] {
  let docs = docsByEnv.get(env);
  if (!docs) {
    docs = [...new Set(environmentPolicies(env).map((p) => p.document))];
    docsByEnv.set(env, docs);
  }
  return docs;
}

/** Extra tagged sessions per role at most. */
const MAX_TAGS = 8;
/** What AWS accepts as a session tag key and value (STS/latest/APIReference/API_Tag.html). */
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

/**
 * Session tags worth passing: for each `aws:PrincipalTag/KEY` a policy tests (and the spec does not
 * set), one tag per value it is compared with (patterns instantiated). Only used where the caller may
 * tag the session at all (see `taggingIsFree`): session tags override the role's own.
 */
export function sessionTagsFor(docs: readonly unknown[], given: Readonly<Record<string, string>>): Record<string, string>[] {
  return sessionTagsIn(sessionStringsOf(docs), given);
}

/** sessionTagsFor over the strings sessionStringsOf found. */
export function sessionTagsIn(found: readonly SessionString[], given: Readonly<Record<string, string>>): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const givenKeys = new Set(Object.keys(given).map((k) => k.toLowerCase()));
  for (const { doc, key, value } of found) {
    const m = key === undefined ? null : /^aws:principaltag\/(.+)$/.exec(key);
    if (!m || value.includes("${")) continue;
    // The key as the policy spells it: tag keys compare case-insensitively in conditions, values do not.
    const tagKey = originalKey(doc, m[1]!) ?? m[1]!;
    if (givenKeys.has(tagKey.toLowerCase()) || !TAG_KEY.test(tagKey)) continue;
    for (const v of instances(value)) {
      if (out.length >= MAX_TAGS) return out;
      if (TAG_VALUE.test(v) && !out.some((t) => t[tagKey] === v)) out.push({ [tagKey]: v });
    }
  }
  return out;
}

/** The condition key `aws:PrincipalTag/<lower>` as written in `doc`. */
function originalKey(doc: unknown, lower: string): string | undefined {
  let found: string | undefined;
  const walk = (d: unknown): void => {
    if (found !== undefined || d === null || typeof d !== "object") return;
    for (const [k, v] of Object.entries(d)) {
      if (k.toLowerCase() === `aws:principaltag/${lower}`) found = k.slice("aws:PrincipalTag/".length);
      walk(v);
    }
  };
  walk(doc);
  return found;
}

/**
 * Whether whoever assumes the role may pass session tags: some Allow statement of the trust policy
 * grants sts:TagSession. Without `assumedBy` nobody's hop is evaluated against the trust policy, so
 * only an unconditional grant counts (a condition might restrict the tags); with `assumedBy` the
 * chain check evaluates the hop with the tags, so a conditional grant is worth trying too.
 */
export function taggingIsFree(trust: unknown, conditionsAreChecked = false): boolean {
  return trustGrants(trust, "sts:tagsession", conditionsAreChecked);
}

/**
 * Whether whoever assumes the role may set the session's source identity: the trust policy must allow
 * sts:SetSourceIdentity (IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html: "you must
 * ... allow sts:SetSourceIdentity" in the role trust policy), read as `taggingIsFree` reads sts:TagSession.
 * The source identity is then the caller's choice (aws:SourceIdentity of every request of the session),
 * or absent when it sets none.
 */
export function sourceIdentityIsFree(trust: unknown, conditionsAreChecked = false): boolean {
  return trustGrants(trust, "sts:setsourceidentity", conditionsAreChecked);
}

function trustGrants(trust: unknown, action: string, conditionsAreChecked: boolean): boolean {
  const raw = (trust as { Statement?: unknown } | null)?.Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return statements.some((s) => {
    const st = s as { Effect?: unknown; Action?: unknown; Condition?: unknown };
    if (st.Effect !== "Allow" || (st.Condition !== undefined && !conditionsAreChecked)) return false;
    return [st.Action].flat().some((a) => typeof a === "string" && compileWildcard(a, { ignoreCase: true })(action));
  });
}

/**
 * Source identities worth setting: the values a policy compares aws:SourceIdentity (or, in a trust
 * policy, sts:SourceIdentity) with, patterns instantiated, that AWS accepts as a source identity
 * (STS/latest/APIReference/API_AssumeRole.html, SourceIdentity: `[\w+=,.@-]*`, 2 to 64 characters).
 */
export function sourceIdentitiesIn(found: readonly SessionString[]): string[] {
  const out: string[] = [];
  for (const { key, value } of found) {
    if ((key !== "aws:sourceidentity" && key !== "sts:sourceidentity") || value.includes("${")) continue;
    for (const v of instances(value)) {
      if (out.length >= MAX_NAMES) return out;
      if (VALID.test(v) && !out.includes(v)) out.push(v);
    }
  }
  return out;
}
