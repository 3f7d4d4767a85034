/**
 * The organization tree: SCPs and RCPs per level, and where each account sits.
 *
 * - A level (root, OU, account) that names no `scps` has FullAWSAccess, and RCPFullAWSAccess is
 *   attached at every level (organizations/latest/userguide/orgs_manage_policies_scps.html,
 *   orgs_manage_policies_rcps.html); a request must be allowed at every level.
 * - SCPs do not restrict the management account's principals, RCPs not its resources (same pages).
 * - aws:PrincipalOrgPaths / aws:ResourceOrgPaths hold the account's entity path: org id, root id and
 *   the OU ids down to the account's parent, each followed by "/", e.g.
 *   "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/"
 *   (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths).
 */
import { dirname, relative } from "node:path";
import { inputError } from "../load/errors.js";
import type { LMap, LNode } from "../load/located.js";
import { defaultPolicy, resolvePolicyRef, type PolicyRefContext } from "../load/policy-ref.js";
import { ouIdFor, rootIdFor } from "./ids.js";
import type { AccountPlacement, LoadedPolicy, Organization, OrgNode, SourcePos } from "./types.js";

function get(node: LNode | undefined, key: string): LNode | undefined {
  return node?.kind === "map" ? node.entries.get(key)?.value : undefined;
}

function str(node: LNode | undefined): string | undefined {
  return node?.kind === "scalar" && typeof node.value === "string" ? node.value : undefined;
}

export async function buildOrganization(org: LNode, ctx: PolicyRefContext): Promise<Organization | undefined> {
  const id = str(get(org, "id"));
  if (!id) return undefined; // the schema reports it
  const management = str(get(org, "management"));
  const rootNode = get(org, "root");
  const rootId = str(get(rootNode, "id")) ?? rootIdFor(id);
  const placements = new Map<string, AccountPlacement>();
  const placedAt = new Map<string, SourcePos>();

  const levelPolicies = async (node: LNode | undefined, owner: string) => {
    const scpsNode = get(node, "scps");
    const rcpsNode = get(node, "rcps");
    const scps: LoadedPolicy[] = [];
    const rcps: LoadedPolicy[] = [defaultPolicy(ctx, "RCPFullAWSAccess")];
    if (scpsNode?.kind === "seq") {
      for (const item of scpsNode.items) {
        const p = await resolvePolicyRef(item, "scp", owner, ctx);
        if (p) scps.push(p);
      }
    } else scps.push(defaultPolicy(ctx, "FullAWSAccess"));
    if (rcpsNode?.kind === "seq") {
      for (const item of rcpsNode.items) {
        const p = await resolvePolicyRef(item, "rcp", owner, ctx);
        // RCPFullAWSAccess is already there; naming it again changes nothing.
        if (p && p.origin !== "RCPFullAWSAccess") rcps.push(p);
      }
    }
    return { scps, rcps };
  };

  const ouIds = new Map<string, SourcePos>();
  const build = async (kind: "root" | "ou", name: string, node: LNode | undefined, namePath: string, pos: SourcePos, parents: OrgNode[], pathSoFar: string): Promise<OrgNode> => {
    const nodeId = kind === "root" ? rootId : str(get(node, "id")) ?? ouIdFor(rootId, namePath);
    if (kind === "ou") {
      const seen = ouIds.get(nodeId);
      if (seen) ctx.errors.push(inputError("reference", pos, `OU id ${nodeId} is used twice (also at ${elsewhere(seen, pos)})`, "OU ids are unique in an organization"));
      ouIds.set(nodeId, pos);
    }
    const { scps, rcps } = await levelPolicies(node, kind === "root" ? "the organization root" : `OU ${namePath}`);
    const path = `${pathSoFar}${nodeId}/`;
    const children: OrgNode[] = [];
    const self: OrgNode = { kind, name, id: nodeId, scps, rcps, children, pos };
    const chain = [...parents, self];

    const accountsNode = get(node, "accounts");
    const accountEntries: { id: string; node?: LNode; pos: SourcePos }[] =
      accountsNode?.kind === "seq"
        ? accountsNode.items.flatMap((i) => (str(i) ? [{ id: str(i) as string, pos: i.pos }] : []))
        : accountsNode?.kind === "map"
          ? [...accountsNode.entries.values()].map((e) => ({ id: e.key, node: e.value, pos: e.keyPos }))
          : [];
    for (const a of accountEntries) {
      const before = placedAt.get(a.id);
      if (before) {
        ctx.errors.push(inputError("reference", a.pos, `account ${a.id} is placed twice in the organization (also at ${elsewhere(before, a.pos)})`, "an account belongs to exactly one OU or the root"));
        continue;
      }
      placedAt.set(a.id, a.pos);
      const own = await levelPolicies(a.node, `account ${a.id}`);
      const accountLevel: OrgNode = { kind: "account", name: a.id, id: a.id, scps: own.scps, rcps: own.rcps, children: [], pos: a.pos };
      placements.set(a.id, placement(a.id, [...chain, accountLevel], `${id}/${path}`, management));
    }
    for (const e of entriesOf(get(node, "ous"))) {
      children.push(await build("ou", e.key, e.value, `${namePath}/${e.key}`, e.keyPos, chain, path));
    }
    return self;
  };
  const rootPos = (org.kind === "map" ? org.entries.get("root")?.keyPos : undefined) ?? org.pos;
  const root = await build("root", "Root", rootNode, "", rootPos, [], "");

  // The management account is a member even when the tree does not place it (it then sits under the root).
  if (management && !placements.has(management)) {
    const accountLevel: OrgNode = { kind: "account", name: management, id: management, scps: [], rcps: [], children: [], pos: org.pos };
    placements.set(management, placement(management, [root, accountLevel], `${id}/${rootId}/`, management));
  }
  return { id, ...(management ? { managementAccount: management } : {}), root, placements, pos: org.pos };
}

function placement(accountId: string, chain: OrgNode[], orgPath: string, management: string | undefined): AccountPlacement {
  const exempt = accountId === management;
  return {
    accountId,
    chain,
    orgPath,
    scpLevels: exempt ? [] : chain.map((n) => n.scps),
    rcpLevels: exempt ? [] : chain.map((n) => n.rcps),
  };
}

function entriesOf(node: LNode | undefined) {
  return node?.kind === "map" ? [...(node as LMap).entries.values()] : [];
}

/** Where `other` is, as seen from `here`: "line 12, column 3" in the same file, else a path relative to it. */
function elsewhere(other: SourcePos, here: SourcePos): string {
  if (other.file === here.file) return `line ${other.line}, column ${other.column}`;
  return `${relative(dirname(here.file), other.file) || other.file}:${other.line}:${other.column}`;
}
