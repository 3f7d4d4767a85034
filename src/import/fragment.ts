/**
 * The environment-shaped result of one import: what a hand-written `accounts: { ID: ... }` entry would
 * say about that account, collected while a source is read and then turned into a located tree. Each
 * import call owns its own Fragment value; nothing here is shared between calls.
 */
import type { LNode } from "../load/located.js";
import type { SourcePos } from "../model/types.js";
import { lmap, lscalar, lseq } from "./lnode.js";

export interface FragUser {
  pos: SourcePos;
  path?: string;
  groups: LNode[];
  policies: LNode[];
  boundary?: LNode;
  tags?: Record<string, string>;
}

export interface FragGroup {
  pos: SourcePos;
  path?: string;
  policies: LNode[];
}

export interface FragRole {
  pos: SourcePos;
  path?: string;
  trust?: LNode;
  policies: LNode[];
  boundary?: LNode;
  tags?: Record<string, string>;
  maxSessionDuration?: LNode;
}

export interface FragResource {
  pos: SourcePos;
  policy?: LNode;
  tags?: Record<string, string>;
  /** An S3 access point: the name of its bucket (contract extension, docs/imports.md). */
  bucket?: LNode;
  /** An S3 access point with a VPC configuration: "VPC". */
  networkOrigin?: LNode;
  /** A Lambda function or an EC2 instance: the role it runs as (runs-as.ts). */
  role?: LNode;
}

/**
 * What one import defines (a role, user, group, managed policy, a resource or a resource's policy),
 * as opposed to what it only refers to (a policy attached to a role defined elsewhere). Two imports
 * of one environment defining the same thing are merged, with a warning (index.ts).
 */
export interface Definition {
  readonly section: "roles" | "users" | "groups" | "policies" | "resources";
  readonly name: string;
  /** "resource policy" for the policy of a resource (it may be defined apart from the resource). */
  readonly aspect?: "resource policy";
  readonly pos: SourcePos;
}

export interface Fragment {
  readonly accountId: string;
  /** The account's partition, from the import's region (cn-* -> aws-cn, us-gov-* -> aws-us-gov). */
  readonly partition: string;
  readonly pos: SourcePos;
  readonly users: Map<string, FragUser>;
  readonly groups: Map<string, FragGroup>;
  readonly roles: Map<string, FragRole>;
  /** Customer managed policies by "NAME" or "PATH/NAME" (the environment file's key form). */
  /** `versions`: the other versions by id (an export lists them all), written in the { document, versions } form. */
  readonly policies: Map<string, { pos: SourcePos; doc: LNode; versions?: [string, LNode][] }>;
  readonly resources: Map<string, FragResource>;
  readonly vpcEndpoints: Map<string, { pos: SourcePos; policy?: LNode }>;
  /**
   * Resource policies assembled statement by statement (one AddPermission, PutPermission or
   * AddLayerVersionPermission call each), by resource ARN, in source order. Two imports' statements
   * on one resource add up (index.ts), as the calls do in AWS.
   */
  readonly statements: Map<string, LNode[]>;
  /** In source order. */
  readonly definitions: Definition[];
  /** `role:` references to roles of the account this import does not define (runs-as.ts). */
  readonly roleRefs: RoleRef[];
}

/** A resource's `role:` naming a role of its account that another part of the environment may define. */
export interface RoleRef {
  readonly account: string;
  readonly resource: string;
  /** The role as written: a name or an ARN. */
  readonly role: LNode;
  /** The resource, as the source names it (for the warning). */
  readonly what: string;
}

export function newFragment(accountId: string, pos: SourcePos, partition = "aws"): Fragment {
  return { accountId, partition, pos, users: new Map(), groups: new Map(), roles: new Map(), policies: new Map(), resources: new Map(), vpcEndpoints: new Map(), statements: new Map(), definitions: [], roleRefs: [] };
}

/** Records that the source defines `name` in `section` at `pos` (see Definition). */
export function define(f: Fragment, section: Definition["section"], name: string, pos: SourcePos, aspect?: Definition["aspect"]): void {
  f.definitions.push({ section, name, pos, ...(aspect ? { aspect } : {}) });
}

/** The entry for `name`, created at `pos` when absent (an attachment may come before its role). */
export function role(f: Fragment, name: string, pos: SourcePos): FragRole {
  let r = f.roles.get(name);
  if (!r) f.roles.set(name, (r = { pos, policies: [] }));
  return r;
}

export function user(f: Fragment, name: string, pos: SourcePos): FragUser {
  let u = f.users.get(name);
  if (!u) f.users.set(name, (u = { pos, groups: [], policies: [] }));
  return u;
}

export function group(f: Fragment, name: string, pos: SourcePos): FragGroup {
  let g = f.groups.get(name);
  if (!g) f.groups.set(name, (g = { pos, policies: [] }));
  return g;
}

export function resource(f: Fragment, arn: string, pos: SourcePos): FragResource {
  let r = f.resources.get(arn);
  if (!r) f.resources.set(arn, (r = { pos }));
  return r;
}

/**
 * Adds one statement to the policy of `arn` that permission calls assemble (see Fragment.statements);
 * the resource's policy is the statements added so far, in source order.
 */
export function addStatement(f: Fragment, arn: string, pos: SourcePos, statement: LNode): void {
  let list = f.statements.get(arn);
  if (!list) f.statements.set(arn, (list = []));
  list.push(statement);
  resource(f, arn, pos).policy = lmap([["Version", lscalar("2012-10-17", pos)], ["Statement", lseq([...list], pos)]], pos);
}

/** "/" or "/a/b/" plus NAME -> the `policies:` key ("NAME" or "a/b/NAME"). */
export function policyKey(path: string | undefined, name: string): string {
  const p = !path || path === "/" ? "" : path.replace(/^\//, "");
  return `${p}${name}`;
}

/** `{ accounts: { ID: {...} } }` as a located tree. */
export function fragmentToNode(f: Fragment): LNode {
  const pos = f.pos;
  const acct: [string, LNode, SourcePos?][] = f.partition !== "aws" ? [["partition", lscalar(f.partition, pos)]] : [];
  const section = <T extends { pos: SourcePos }>(key: string, m: Map<string, T>, body: (v: T) => LNode) => {
    if (m.size > 0) acct.push([key, lmap([...m].map(([k, v]) => [k, body(v), v.pos] as const), pos)]);
  };
  const tags = (t: Record<string, string> | undefined, p: SourcePos): [string, LNode][] =>
    t && Object.keys(t).length > 0 ? [["tags", lmap(Object.entries(t).map(([k, v]) => [k, lscalar(v, p)] as const), p)]] : [];
  const path = (v: string | undefined, p: SourcePos): [string, LNode][] => (v && v !== "/" ? [["path", lscalar(v, p)]] : []);
  const list = (key: string, v: LNode[], p: SourcePos): [string, LNode][] => (v.length > 0 ? [[key, lseq(v, p)]] : []);
  const one = (key: string, v: LNode | undefined): [string, LNode][] => (v ? [[key, v]] : []);

  section("users", f.users, (u) => lmap([...path(u.path, u.pos), ...list("groups", u.groups, u.pos), ...list("policies", u.policies, u.pos), ...one("boundary", u.boundary), ...tags(u.tags, u.pos)], u.pos));
  section("groups", f.groups, (g) => lmap([...path(g.path, g.pos), ...list("policies", g.policies, g.pos)], g.pos));
  section("roles", f.roles, (r) =>
    lmap([...path(r.path, r.pos), ...one("trust", r.trust), ...list("policies", r.policies, r.pos), ...one("boundary", r.boundary), ...tags(r.tags, r.pos), ...one("maxSessionDuration", r.maxSessionDuration)], r.pos));
  section("policies", f.policies, (p) => (p.versions ? lmap([["document", p.doc], ["versions", lmap(p.versions, p.pos)]], p.pos) : p.doc));
  section("resources", f.resources, (r) => lmap([...one("policy", r.policy), ...tags(r.tags, r.pos), ...one("bucket", r.bucket), ...one("networkOrigin", r.networkOrigin), ...one("role", r.role)], r.pos));
  section("vpcEndpoints", f.vpcEndpoints, (v) => lmap(one("policy", v.policy), v.pos));
  return lmap([["accounts", lmap([[f.accountId, lmap(acct, pos), pos]], pos)]], pos);
}
