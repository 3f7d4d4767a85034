/**
 * The starter spec of `iam-spec init`: for each role and user of an environment, `may` expectations
 * sampled from the Allow statements of its identity policies and `mayNot` guardrails (no IAM, no
 * Organizations), each kept only when it holds on the environment, checked by the same code as
 * `iam-spec test`. So the suite a team starts from is green, and every expectation in it says
 * something true about their policies.
 */
import { expandActionPattern } from "../data/actions.js";
import type { EnvironmentAt } from "../load/environment-at.js";
import { fillWildcards } from "../compile/resources.js";
import { arnFormatMatcher } from "../context/arn-formats.js";
import { hasWildcard } from "../match/wildcard.js";
import type { LoadedPolicy, Role, User } from "../model/types.js";
import { checkOne, expectationFromKeys } from "../run/single.js";

export interface StarterExpectation {
  it: string;
  as: string;
  may?: string | string[];
  mayNot?: string | string[];
  on?: string | string[];
}

/** Principals looked at, at most: a starter, not an audit. */
const MAX_PRINCIPALS = 25;
/** `may` expectations per principal, at most. */
const MAX_MAY = 3;
/** Guardrails tried for every principal, each kept only where it holds. */
const GUARDRAILS: { actions: string; it: string }[] = [
  { actions: "iam:*", it: "can never change IAM" },
  { actions: "organizations:*", it: "can never change the organization" },
];
const SEED = 0;

export interface Starter {
  expectations: StarterExpectation[];
  /** Principals looked at, and how many there were. */
  principals: number;
  total: number;
}

export function starterExpectations(at: EnvironmentAt, cwd: string): Starter {
  const env = at.environment;
  const all: (Role | User)[] = [];
  for (const a of env.accounts.values()) all.push(...a.roles.values(), ...a.users.values());
  const principals = all.slice(0, MAX_PRINCIPALS);
  const names = new Map<string, number>();
  for (const p of all) names.set(`${p.kind}/${p.name}`, (names.get(`${p.kind}/${p.name}`) ?? 0) + 1);
  const out: StarterExpectation[] = [];
  const holds = (e: StarterExpectation): boolean => {
    const { it, as, may, mayNot, on } = e;
    // Guardrails are searched with the budget `iam-spec test` uses by default, so that the run after
    // init searches no harder than init did.
    const keys = { it, as, action: (may ?? mayNot) as string | string[], ...(on !== undefined ? { on } : {}) };
    const exp = expectationFromKeys(at, keys, may !== undefined ? "may" : "mayNot", { file: "(init)", line: 1, column: 1 });
    if (!exp.ok) return false;
    return checkOne(at, exp.value, { seed: SEED, cwd, file: "(init)" }).every((r) => r.status === "passed");
  };
  for (const p of principals) {
    // The short form where it is unambiguous (contract section 4), the ARN otherwise.
    const as = names.get(`${p.kind}/${p.name}`) === 1 ? `${p.kind}/${p.name}` : p.arn;
    let mays = 0;
    for (const c of mayCandidates(p.identityPolicies)) {
      if (mays >= MAX_MAY) break;
      const e: StarterExpectation = { it: `${p.name} can ${c.actions.join(", ")}${c.sid ? ` (statement ${c.sid})` : ""}`, as, may: one(c.actions), ...(c.on !== undefined ? { on: one(c.on) } : {}) };
      if (holds(e)) {
        out.push(e);
        mays++;
      }
    }
    for (const g of GUARDRAILS) {
      const e: StarterExpectation = { it: `${p.name} ${g.it}`, as, mayNot: g.actions };
      if (holds(e)) out.push(e);
    }
  }
  return { expectations: out, principals: principals.length, total: all.length };
}

function one<T>(list: T[]): T | T[] {
  return list.length === 1 ? (list[0] as T) : list;
}

interface Candidate {
  actions: string[];
  on?: string[];
  sid?: string;
}

/** Unconditional Allow statements with Action and Resource: up to two concrete actions each, on what the statement names. */
function mayCandidates(policies: readonly LoadedPolicy[]): Candidate[] {
  const out: Candidate[] = [];
  for (const p of policies) {
    if (p.origin === "aws-managed") continue; // what the team wrote says what the role is meant to do
    const doc = p.document as { Statement?: unknown };
    const statements = Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement ? [doc.Statement] : [];
    for (const st of statements as Record<string, unknown>[]) {
      if (st["Effect"] !== "Allow" || st["Condition"] !== undefined || st["Action"] === undefined || st["Resource"] === undefined) continue;
      const actions = [...new Set(list(st["Action"]).flatMap((a) => (hasWildcard(a) ? expandActionPattern(a).slice(0, 1) : expandActionPattern(a))))].slice(0, 2);
      const resources = list(st["Resource"]);
      // A policy variable (${aws:username}) stands for the caller's own name: no fixed ARN to check.
      if (resources.some((r) => r.includes("${"))) continue;
      const sid = typeof st["Sid"] === "string" && st["Sid"] !== "" ? st["Sid"] : undefined;
      for (const action of actions) {
        // A may means every action on every resource: each action only on the resources of its kind
        // (s3:GetObject on the objects of a statement that also names the bucket).
        const takes = arnFormatMatcher(action);
        const on = resources.includes("*") ? undefined : resources.filter((r) => takes === undefined || takes(fillWildcards(r))).slice(0, 2);
        if (on !== undefined && on.length === 0) continue;
        out.push({ actions: [action], ...(on ? { on } : {}), ...(sid ? { sid } : {}) });
      }
    }
  }
  return out;
}

function list(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
}
