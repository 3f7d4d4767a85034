/**
 * Places imported SCPs and RCPs (Terraform aws_organizations_policy_attachment, CloudFormation
 * AWS::Organizations::Policy TargetIds) on the hand-written organization tree: a target is the root
 * (`root.id`), an OU (its `id`) or an account id. The tree itself is never imported: only its ids say
 * where an attachment goes. A level that names no scps has FullAWSAccess (contract section 3), so the
 * first imported SCP on such a level keeps FullAWSAccess next to it, as AWS does when a policy is
 * attached.
 */
import { inputError, type InputError } from "../load/errors.js";
import type { LEntry, LMap, LNode } from "../load/located.js";
import { get, lmap, lscalar, lseq, str } from "./lnode.js";
import type { OrgPolicyAttachment } from "./types.js";

export function placeOrgPolicies(tree: LNode, attachments: readonly OrgPolicyAttachment[], errors: InputError[]): LNode {
  if (attachments.length === 0 || tree.kind !== "map") return tree;
  const org = get(tree, "organization");
  const root = get(org, "root");
  if (!org || org.kind !== "map") {
    for (const a of attachments) errors.push(inputError("reference", a.pos, `${a.type.toUpperCase()} attached to ${a.targetId}, but the environment has no organization`, "describe the organization tree under organization: (with root.id, OU ids and accounts)"));
    return tree;
  }
  const used = new Set<OrgPolicyAttachment>();
  const level = (node: LNode | undefined, id: string | undefined): LNode => {
    const map: LMap = node?.kind === "map" ? node : lmap([], node?.pos ?? org.pos);
    const mine = attachments.filter((a) => id !== undefined && a.targetId === id);
    mine.forEach((a) => used.add(a));
    const entries = new Map<string, LEntry>(map.entries);
    const add = (key: "scps" | "rcps", list: OrgPolicyAttachment[]) => {
      if (list.length === 0) return;
      const prev = get(map, key);
      const base = prev?.kind === "seq" ? [...prev.items] : key === "scps" ? [lscalar("FullAWSAccess", map.pos)] : [];
      entries.set(key, { key, keyPos: map.entries.get(key)?.keyPos ?? list[0]!.pos, value: lseq([...base, ...list.map((a) => a.policy)], prev?.pos ?? map.pos) });
    };
    add("scps", mine.filter((a) => a.type === "scp"));
    add("rcps", mine.filter((a) => a.type === "rcp"));
    const ous = get(map, "ous");
    if (ous?.kind === "map") {
      const next = new Map<string, LEntry>();
      for (const [k, e] of ous.entries) next.set(k, { ...e, value: level(e.value, str(get(e.value, "id"))) });
      entries.set("ous", { ...(map.entries.get("ous") as LEntry), value: { ...ous, entries: next } });
    }
    const accounts = get(map, "accounts");
    if (accounts && attachments.some((a) => /^\d{12}$/.test(a.targetId))) {
      const ids = accounts.kind === "seq" ? accounts.items.flatMap((i) => (i.kind === "scalar" ? [[String(i.value), lscalar(null, i.pos), i.pos] as const] : []))
        : accounts.kind === "map" ? [...accounts.entries.values()].map((e) => [e.key, e.value, e.keyPos] as const) : [];
      const converted = ids.map(([acct, v, pos]) => [acct, attachments.some((a) => a.targetId === acct) ? level(v, acct) : v, pos] as const);
      entries.set("accounts", { ...(map.entries.get("accounts") as LEntry), value: lmap(converted, accounts.pos) });
    }
    return { kind: "map", entries, pos: map.pos };
  };
  const newRoot = level(root, str(get(root, "id")));
  const orgEntries = new Map(org.entries);
  orgEntries.set("root", { key: "root", keyPos: org.entries.get("root")?.keyPos ?? org.pos, value: newRoot });
  for (const a of attachments) {
    if (!used.has(a)) {
      errors.push(inputError("reference", a.pos, `${a.type.toUpperCase()} attached to ${a.targetId}, which is not in the organization tree`,
        "give the root or OU its id (root: { id: r-... }, ous: { Name: { id: ou-... } }) or list the account under the organization"));
    }
  }
  const entries = new Map(tree.entries);
  entries.set("organization", { ...(tree.entries.get("organization") as LEntry), value: { ...org, entries: orgEntries } });
  return { kind: "map", entries, pos: tree.pos };
}
