/**
 * A planted-loophole scenario of bench/fuzz/scenarios.ts (plain data for the fuzzer's harness) written
 * out as an environment file, so that `iam-spec diff` can compare its fixed and buggy variants
 * through the CLI. Account A holds the users, roles and resources and sits in the organization; the
 * SCP levels of the scenario's principals become the organization's (root, one OU, the account).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { A, ORG, type Doc, type Variant } from "../fuzz/harness.js";

const IAM = /^arn:aws:iam::(\d{12}):(user|role)\/(.+)$/;

interface Entity {
  path?: string;
  policies?: Doc[];
  boundary?: Doc;
  trust?: Doc;
}

function place(arn: string): { kind: "users" | "roles"; name: string; path: string } | undefined {
  const m = IAM.exec(arn);
  if (!m || m[1] !== A) return undefined;
  const full = m[3]!;
  const cut = full.lastIndexOf("/");
  return { kind: m[2] === "user" ? "users" : "roles", name: full.slice(cut + 1), path: cut < 0 ? "/" : `/${full.slice(0, cut + 1)}` };
}

export function environmentOf(v: Variant): unknown {
  const users: Record<string, Entity> = {};
  const roles: Record<string, Entity> = {};
  const resources: Record<string, { policy?: Doc }> = {};
  let scps: Doc[][] | undefined;
  const entity = (arn: string): Entity | undefined => {
    const at = place(arn);
    if (!at) return undefined;
    const table = at.kind === "users" ? users : roles;
    return (table[at.name] ??= at.path === "/" ? {} : { path: at.path });
  };
  for (const p of v.principals) {
    const e = entity(p.arn);
    if (!e) continue;
    if (p.policies) e.policies = p.policies;
    if (p.boundary) e.boundary = p.boundary;
    if (p.scps && p.scps.length > 0) scps ??= p.scps;
  }
  for (const [arn, doc] of Object.entries(v.resources ?? {})) {
    const at = place(arn);
    if (at?.kind === "roles") entity(arn)!.trust = doc;
    else resources[arn] = { policy: doc };
  }
  // The harness takes every bucket to be A's: the environment says so explicitly (an S3 bucket that
  // no account lists has an unknown owner, which makes every request to it cross-account).
  const docs = [...v.principals.flatMap((p) => [...(p.policies ?? []), ...(p.boundary ? [p.boundary] : [])]), ...Object.values(v.resources ?? {})];
  for (const doc of docs)
    for (const st of doc.Statement as { Resource?: unknown; NotResource?: unknown }[])
      for (const r of [st.Resource, st.NotResource].flat()) {
        const bucket = typeof r === "string" ? /^arn:aws:s3:::([a-z0-9.-]+)/.exec(r)?.[1] : undefined;
        if (bucket) resources[`arn:aws:s3:::${bucket}`] ??= {};
      }
  const levels = scps ?? [];
  const root = levels.length > 0 ? { scps: levels[0] } : {};
  const organization =
    levels.length <= 1
      ? { id: ORG, root: { ...root, accounts: [A] } }
      : { id: ORG, root: { ...root, ous: { Workloads: { scps: levels[1], accounts: levels.length > 2 ? { [A]: { scps: levels[2] } } : [A] } } } };
  return { accounts: { [A]: { users, roles, resources } }, organization };
}

/** Writes `dir/env.json` for the variant and returns the file. */
export function writeEnvironment(dir: string, v: Variant): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "env.json");
  writeFileSync(file, `${JSON.stringify(environmentOf(v), null, 2)}\n`);
  return file;
}
