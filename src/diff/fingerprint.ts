/**
 * When a question needs no search: a request's decision depends only on who the caller is (its
 * derived keys), the statements of the policies in play whose Action/NotAction covers the action, and
 * what the environment says about resources (owners, tags, organization). When all of that is the same
 * on both sides for a caller and an action, no request of that caller and action can be decided
 * differently: the pair is unchanged, and that is known without sampling.
 */
import { createHash } from "node:crypto";
import type { Caller } from "../compile/caller.js";
import type { World } from "../compile/request.js";
import type { Environment, LoadedPolicy } from "../model/types.js";
import { compileWildcard } from "../match/wildcard.js";
import { statementsOf } from "./universe.js";

interface StatementKey {
  /** Digest of the statement's text (keys sorted). */
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
      // A digest, not the text: AWS managed policies hold statements of many kilobytes, and a
      // fingerprint is built for every principal and action.
      return { text: createHash("sha256").update(stable(st)).digest("base64"), covers: not ? (a: string) => !hit(a) : hit };
    });
    statementCache.set(doc, keys);
  }
  return keys;
}

const coveringCache = new WeakMap<object, Map<string, string>>();

/** The statements of a document that cover `action`, as digests (kept per document and action: principals share policies). */
function covering(doc: unknown, action: string): string {
  if (typeof doc !== "object" || doc === null) return "";
  let byAction = coveringCache.get(doc);
  if (!byAction) coveringCache.set(doc, (byAction = new Map()));
  let out = byAction.get(action);
  if (out === undefined) {
    out = statementKeys(doc)
      .filter((k) => k.covers(action))
      .map((k) => k.text)
      .join(",");
    byAction.set(action, out);
  }
  return out;
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

interface CallerParts {
  /** Who the caller is: its principal and derived keys. */
  who: string;
  identity: unknown[];
  boundary: unknown;
  session: unknown[];
  scps: unknown[][];
}

const callerCache = new WeakMap<Caller, CallerParts>();

function partsOf(caller: Caller): CallerParts {
  let parts = callerCache.get(caller);
  if (!parts) {
    const docs = new Map<unknown, unknown>(caller.policies.map((p: LoadedPolicy) => [p.handle, p.document]));
    // A policy known only as its document (the allow-everything stand-in of an outside account) is its own document.
    const doc = (h: unknown) => docs.get(h) ?? h;
    parts = {
      who: stable({ principal: caller.principal, derived: caller.derived }),
      identity: caller.identityPolicies.map(doc),
      boundary: caller.boundary === undefined ? undefined : doc(caller.boundary),
      session: caller.sessionPolicies.map(doc),
      scps: caller.scps.map((level) => level.map(doc)),
    };
    callerCache.set(caller, parts);
  }
  return parts;
}

/** The caller's side of the fingerprint: who it is and what its own policies say about the action. */
export function callerFingerprint(caller: Caller, action: string): string {
  const p = partsOf(caller);
  const list = (docs: readonly unknown[]) => docs.map((d) => covering(d, action)).join(";");
  return [
    p.who,
    `identity ${list(p.identity)}`,
    `boundary ${p.boundary === undefined ? "none" : covering(p.boundary, action)}`,
    `session ${list(p.session)}`,
    `scps ${p.scps.map(list).join("|")}`,
  ].join("\n");
}

const resourceCache = new WeakMap<Environment, Map<string, string>>();
const skeletonCache = new WeakMap<Environment, (readonly [string, unknown])[]>();

/**
 * What the environment says about resources, as lines: the fixed part (ARN, owner, tags, ...) with
 * the policy document whose statements covering an action complete the line.
 */
function skeletonOf(env: Environment): (readonly [string, unknown])[] {
  let lines = skeletonCache.get(env);
  if (!lines) {
    lines = [];
    for (const a of env.accounts.values()) {
      lines.push([`account ${a.id}`, undefined]);
      for (const r of a.resources.values()) lines.push([`resource ${r.arn} ${r.accountId ?? "-"} ${stable(r.tags)}`, r.policy?.document]);
      for (const r of a.roles.values()) lines.push([`role ${r.arn} ${stable(r.tags)} ${r.maxSessionDuration}`, r.trust?.document]);
      for (const u of a.users.values()) lines.push([`user ${u.arn} ${stable(u.tags)}`, undefined]);
      for (const v of a.vpcEndpoints.values()) lines.push([`endpoint ${v.id}`, v.policy?.document]);
    }
    const org = env.organization;
    if (org) {
      lines.push([`organization ${org.id} ${org.managementAccount ?? "-"}`, undefined]);
      for (const p of org.placements.values()) {
        lines.push([`placement ${p.accountId} ${p.orgPath} ${p.rcpLevels.map((l) => l.length).join(",")}`, undefined]);
        p.rcpLevels.forEach((level, i) => level.forEach((x, j) => lines!.push([`rcp ${p.accountId} ${i}.${j}`, x.document])));
      }
    }
    skeletonCache.set(env, lines);
  }
  return lines;
}

/** The environment's side: every resource, trust and endpoint policy, the accounts, tags and organization. */
export function environmentFingerprint(world: World, action: string): string {
  let byAction = resourceCache.get(world.env);
  if (!byAction) resourceCache.set(world.env, (byAction = new Map()));
  const key = action.toLowerCase();
  let out = byAction.get(key);
  if (out === undefined) {
    out = skeletonOf(world.env)
      .map(([line, doc]) => (doc === undefined ? line : `${line} ${covering(doc, action)}`))
      .join("\n");
    byAction.set(key, out);
  }
  return out;
}
