/**
 * When a question needs no search: a request's decision depends only on who the caller is (its
 * derived keys), the statements of the policies in play whose Action/NotAction covers the action, and
 * what the environment says about resources (owners, tags, organization). When all of that is the same
 * on both sides for a caller and an action, no request of that caller and action can be decided
 * differently: the pair is unchanged, and that is known without sampling.
 */
import type { Caller } from "../compile/caller.js";
import type { World } from "../compile/request.js";
import type { Environment, LoadedPolicy } from "../model/types.js";
import { compileWildcard } from "../match/wildcard.js";
import { statementsOf } from "./universe.js";

interface StatementKey {
  text: string;
  covers: (action: string) => boolean;
}

const statementCache = new WeakMap<object, StatementKey[]>();

/** A statement's text and whether its Action / NotAction covers an action (case-insensitive, as in AWS). */
function statementKeys(doc: unknown): StatementKey[] {
  if (typeof doc !== "object" || doc === null) return [];
  let keys = statementCache.get(doc);
  if (!keys) {
    keys = statementsOf(doc).map((st) => {
      const not = st["NotAction"] !== undefined;
      const patterns = [not ? st["NotAction"] : st["Action"]].flat().filter((a): a is string => typeof a === "string");
      const matchers = patterns.map((p) => compileWildcard(p.toLowerCase(), { ignoreCase: true }));
      const hit = (action: string) => matchers.some((m) => m(action.toLowerCase()));
      return { text: stable(st), covers: not ? (a: string) => !hit(a) : hit };
    });
    statementCache.set(doc, keys);
  }
  return keys;
}

/** The statements of a document that cover `action`, as text. */
function covering(doc: unknown, action: string): string {
  return statementKeys(doc)
    .filter((k) => k.covers(action))
    .map((k) => k.text)
    .join("\n");
}

/** JSON with object keys sorted: the same document written in another key order is the same. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** The caller's side of the fingerprint: who it is and what its own policies say about the action. */
export function callerFingerprint(caller: Caller, action: string): string {
  const docs = new Map<unknown, unknown>(caller.policies.map((p: LoadedPolicy) => [p.handle, p.document]));
  // A policy known only as its document (the allow-everything stand-in of an outside account) is its own document.
  const doc = (h: unknown) => docs.get(h) ?? h;
  return stable({
    principal: caller.principal,
    derived: caller.derived,
    identity: caller.identityPolicies.map((h) => covering(doc(h), action)),
    boundary: caller.boundary === undefined ? null : covering(doc(caller.boundary), action),
    session: caller.sessionPolicies.map((h) => covering(doc(h), action)),
    scps: caller.scps.map((level) => level.map((h) => covering(doc(h), action))),
  });
}

const resourceCache = new WeakMap<Environment, Map<string, string>>();

/** The environment's side: every resource, trust and endpoint policy, the accounts, tags and organization. */
export function environmentFingerprint(world: World, action: string): string {
  let byAction = resourceCache.get(world.env);
  if (!byAction) resourceCache.set(world.env, (byAction = new Map()));
  const hit = byAction.get(action.toLowerCase());
  if (hit !== undefined) return hit;
  const env = world.env;
  const policy = (p: LoadedPolicy | undefined) => (p ? covering(p.document, action) : null);
  const accounts = [...env.accounts.values()].map((a) => ({
    id: a.id,
    resources: [...a.resources.values()].map((r) => ({ arn: r.arn, owner: r.accountId ?? null, tags: r.tags, policy: policy(r.policy) })),
    roles: [...a.roles.values()].map((r) => ({ arn: r.arn, tags: r.tags, trust: policy(r.trust), max: r.maxSessionDuration })),
    users: [...a.users.values()].map((u) => ({ arn: u.arn, tags: u.tags })),
    endpoints: [...a.vpcEndpoints.values()].map((v) => ({ id: v.id, policy: policy(v.policy) })),
  }));
  const org = env.organization;
  const organization = org
    ? {
        id: org.id,
        management: org.managementAccount ?? null,
        placements: [...org.placements.values()].map((p) => ({
          account: p.accountId,
          path: p.orgPath,
          rcps: p.rcpLevels.map((level) => level.map((x) => policy(x))),
        })),
      }
    : null;
  const out = stable({ accounts, organization });
  byAction.set(action.toLowerCase(), out);
  return out;
}
