/**
 * What a diff ranges over: every principal of either environment, enumerated as the fuzzed `"*"` form
 * enumerates them (users, role sessions, root users, principals that trust and resource policies
 * name, outside accounts, services, federated providers, anonymous), paired across the two sides;
 * and every action that a policy of either side or an expectation names, expanded against the
 * bundled service reference.
 */
import { expandActions } from "../compile/actions.js";
import { callerOf, type Caller } from "../compile/caller.js";
import { principalsOf, sessionVariants } from "../compile/check.js";
import type { World } from "../compile/request.js";
import { environmentDocuments } from "../compile/session-names.js";
import { expandActionPattern } from "../data/actions.js";
import { identity, unusedAccountId } from "../model/principal-sets.js";
import type { Environment, Expectation, Principal, PrincipalSet, SourcePos, Spec } from "../model/types.js";

const POS: SourcePos = { file: "(diff)", line: 1, column: 1 };

/** The `"*"` set with root users: every caller a diff looks at. */
const EVERYONE: PrincipalSet = { kind: "set", mode: "from", scope: { kind: "any" }, except: [], includeRoot: true, written: "*" };

/** The question "what may anyone do" as an expectation, so that the fuzzer's principal enumeration and session variants apply. */
export function everyoneExpectation(): Expectation {
  return {
    it: "diff",
    as: EVERYONE,
    assumedBy: [],
    effect: "mayNot",
    actions: [],
    on: { match: [{ text: "*", pos: POS }], except: [] },
    when: [],
    session: { name: "iam-spec", policies: [], tags: {} },
    exact: false,
    pos: POS,
    index: 0,
  };
}

/** One caller of a principal (the default session, or a session variant) on one side. */
export interface SideCaller {
  /** Pairs this caller with its counterpart on the other side. */
  key: string;
  caller: Caller;
  /** What a varied session chose ("session tag team=admin, passed with sts:TagSession"). */
  chose?: string;
}

/** A principal as both sides see it; a side where it does not exist has no callers. */
export interface PairedPrincipal {
  key: string;
  /** How reports name it: a user or role ARN, an account, a service, a provider, "anonymous". */
  name: string;
  base: SideCaller[];
  head: SideCaller[];
  /** Whether an environment principal (user, role, root) exists on the side. */
  inBase: boolean;
  inHead: boolean;
}

/**
 * Identity of a principal across the two sides: as for `except` (model/principal-sets.ts), except
 * that a role's sessions are one principal, the stand-in for "some account outside the environment"
 * (its id is chosen per environment) is one, and service names are compared case-insensitively.
 */
export function identityOf(p: Principal, env: Environment): string {
  switch (p.kind) {
    case "role-session":
      return p.role.arn;
    case "external-account":
      return p.accountId === unusedAccountId(env) ? "account:unknown" : identity(p);
    case "service":
      return identity(p).toLowerCase();
    default:
      return identity(p);
  }
}

function nameOf(p: Principal, key: string): string {
  switch (p.kind) {
    case "user":
      return p.user.arn;
    case "role-session":
      return p.role.arn;
    case "external-account":
      return `a principal of account ${p.accountId}${key === "account:unknown" ? " (outside the environment)" : ""}`;
    case "service":
      return p.service;
    case "federated":
      return p.arn ?? p.provider;
    default:
      return p.written;
  }
}

/** Whether the principal is part of the environment (it can be missing on one side). */
function isEnvironmentPrincipal(p: Principal): boolean {
  return p.kind === "user" || p.kind === "role-session" || p.kind === "root";
}

function firstAccount(env: Environment): string | undefined {
  return env.accounts.keys().next().value;
}

/** The default caller and the session variants of one principal on one side. */
function callersOn(world: World, exp: Expectation, p: Principal): SideCaller[] {
  const fallback = firstAccount(world.env);
  const base = callerOf(p, world.env, exp.session, fallback);
  const out: SideCaller[] = [{ key: `${base.principal}`, caller: base }];
  for (const v of sessionVariants(world, exp, [p], fallback)) {
    const tags = Object.entries(v.exp.session.tags).map(([k, t]) => `${k}=${t}`).sort().join(",");
    const source = v.exp.session.sourceIdentity;
    const key = `${v.caller.principal}${tags ? `#${tags}` : ""}${source !== undefined && source !== exp.session.sourceIdentity ? `@${source}` : ""}`;
    if (out.some((c) => c.key === key)) continue;
    out.push({ key, caller: v.caller, ...(v.chose ? { chose: v.chose } : {}) });
  }
  return out;
}

/** Every principal of either side, paired by identity; sorted by name for a stable report. */
export function pairPrincipals(base: World, head: World): PairedPrincipal[] {
  const exp = everyoneExpectation();
  const onBase = principalsOf(base, exp);
  const onHead = principalsOf(head, exp);
  const byKey = new Map<string, { name: string; base?: Principal; head?: Principal; env: boolean }>();
  for (const p of onBase) {
    const key = identityOf(p, base.env);
    byKey.set(key, { name: nameOf(p, key), base: p, env: isEnvironmentPrincipal(p) });
  }
  for (const p of onHead) {
    const key = identityOf(p, head.env);
    const seen = byKey.get(key);
    if (seen) seen.head = p;
    else byKey.set(key, { name: nameOf(p, key), head: p, env: isEnvironmentPrincipal(p) });
  }
  const out: PairedPrincipal[] = [];
  for (const [key, { name, base: b, head: h, env }] of byKey) {
    // A principal from outside the environments (a service, an outside account, anonymous) exists on
    // both sides whichever side's policies named it: the same caller is asked on both.
    const onB = b ?? (env ? undefined : h);
    const onH = h ?? (env ? undefined : b);
    out.push({
      key,
      name,
      base: onB ? callersOn(base, exp, onB) : [],
      head: onH ? callersOn(head, exp, onH) : [],
      inBase: onB !== undefined,
      inHead: onH !== undefined,
    });
  }
  return out.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/**
 * Actions that a wildcard-everything grant (`"*"`, `NotAction`, `*:Get*`) stands for when nothing else
 * names them: the calls that matter most when they open up (identity and role changes, data access,
 * keys, the organization), so that a new `Allow *` is never a silent diff.
 */
export const WIDE_GRANT_ACTIONS = [
  "iam:CreateUser",
  "iam:CreateAccessKey",
  "iam:AttachRolePolicy",
  "iam:PutRolePolicy",
  "iam:PassRole",
  "iam:UpdateAssumeRolePolicy",
  "sts:AssumeRole",
  "s3:GetObject",
  "s3:PutObject",
  "s3:PutBucketPolicy",
  "kms:Decrypt",
  "secretsmanager:GetSecretValue",
  "ec2:RunInstances",
  "lambda:CreateFunction",
  "organizations:LeaveOrganization",
  "cloudtrail:StopLogging",
];

/** Every action a policy of either side names (patterns expanded), and those the specs name. */
export function actionUniverse(envs: readonly Environment[], specs: readonly Spec[]): string[] {
  const out = new Map<string, string>();
  const add = (a: string) => {
    if (!out.has(a.toLowerCase())) out.set(a.toLowerCase(), a);
  };
  let wide = false;
  for (const env of envs) {
    for (const doc of environmentDocuments(env)) {
      for (const st of statementsOf(doc)) {
        const named = [st["Action"], st["NotAction"]].flat().filter((a): a is string => typeof a === "string");
        if (st["NotAction"] !== undefined) wide = true;
        for (const pattern of named) {
          const service = pattern.split(":")[0] ?? "";
          if (pattern.trim() === "*" || /[*?]/.test(service)) {
            wide = true;
            continue;
          }
          for (const a of expandActionPattern(pattern)) add(a);
        }
      }
    }
  }
  for (const s of specs) for (const e of s.expectations) for (const a of expandActions(e.actions).actions) add(a);
  if (wide) for (const a of WIDE_GRANT_ACTIONS) add(a);
  return [...out.values()].sort();
}

/** The statements of a raw policy document (a single statement object or a list). */
export function statementsOf(doc: unknown): Record<string, unknown>[] {
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((s): s is Record<string, unknown> => typeof s === "object" && s !== null);
}
