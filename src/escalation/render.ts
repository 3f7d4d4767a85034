/**
 * The whole principal graph of an environment, for `iam-spec graph`: every user and role of the
 * environment (and every outside account a trust policy names) is a start; edges are the allowed
 * attempts between nodes, labelled by their method; admin-equivalent nodes are marked.
 */
import type { World } from "../compile/request.js";
import type { Principal } from "../model/types.js";
import type { Graph } from "./graph.js";
import type { GraphNode } from "./types.js";

export interface PictureNode {
  id: string;
  label: string;
  admin: boolean;
  /** A principal changed by an allowed permission change (not in the environment as written). */
  modified: boolean;
}

export interface PictureEdge {
  from: string;
  to: string;
  method: string;
  /** `undetermined`: the open points under whose other reading the step leads nowhere (an environment's `assumptions:` settles them). */
  steps: { principal: string; action: string; resource: string; decision: string; undetermined?: readonly string[] }[];
}

export interface Picture {
  nodes: PictureNode[];
  edges: PictureEdge[];
}

export function picture(world: World, graph: Graph, options: { adminEdges?: boolean } = {}): Picture {
  const starts: Principal[] = [];
  for (const a of world.env.accounts.values()) {
    for (const user of a.users.values()) starts.push({ kind: "user", user, written: user.arn });
    for (const role of a.roles.values()) starts.push({ kind: "role-session", role, written: role.arn });
  }
  for (const id of outsideAccounts(world)) starts.push({ kind: "external-account", accountId: id, written: id });
  for (const arn of providers(world)) {
    const m = /^arn:[^:]+:iam::(\d{12}):(oidc|saml)-provider\/(.+)$/.exec(arn)!;
    starts.push({ kind: "federated", protocol: m[2] === "saml" ? "saml" : "oidc", provider: m[3]!, accountId: m[1]!, arn, written: arn });
  }
  const seen = new Map<string, GraphNode>();
  const queue = starts.map((p) => graph.start(p));
  const edges: PictureEdge[] = [];
  while (queue.length > 0) {
    const n = queue.shift()!;
    if (seen.has(n.key)) continue;
    seen.set(n.key, n);
    // An administrator can become every principal of its account: its edges would only repeat that.
    const admin = !options.adminEdges && graph.admin(n).admin;
    for (const a of graph.attempts(n)) {
      if (a.blocked || (admin && a.to.accountId === n.accountId)) continue;
      edges.push({ from: n.key, to: a.to.key, method: a.method, steps: a.steps.map(({ principal, action, resource, decision, undetermined }) => ({ principal, action, resource, decision, ...(undetermined ? { undetermined } : {}) })) });
      if (!seen.has(a.to.key)) queue.push(a.to);
    }
  }
  // Several methods between the same two principals make one edge, labelled with all of them.
  const merged = new Map<string, PictureEdge>();
  for (const e of edges) {
    const k = `${e.from}\n${e.to}`;
    const known = merged.get(k);
    if (!known) merged.set(k, { ...e });
    else if (!known.method.split(" / ").includes(e.method)) known.method = `${known.method} / ${e.method}`;
  }
  edges.length = 0;
  edges.push(...merged.values());
  const nodes = [...seen.values()].map((n) => ({ id: n.key, label: n.label, admin: graph.admin(n).admin, modified: n.changes.length > 0 }));
  return { nodes, edges };
}

/** Web-identity and SAML providers that trust policies name (their users may assume roles here). */
function providers(world: World): string[] {
  const out = new Set<string>();
  for (const a of world.env.accounts.values())
    for (const r of a.roles.values()) {
      const text = JSON.stringify((r.trust?.document as { Statement?: unknown } | undefined)?.Statement ?? []);
      for (const m of text.matchAll(/"(arn:aws[\w-]*:iam::\d{12}:(?:oidc|saml)-provider\/[^"]+)"/g)) out.add(m[1]!);
    }
  return [...out].sort();
}

/** Accounts outside the environment that trust policies name (their principals may assume roles here). */
function outsideAccounts(world: World): string[] {
  const out = new Set<string>();
  for (const a of world.env.accounts.values())
    for (const r of a.roles.values()) {
      const text = JSON.stringify((r.trust?.document as { Statement?: unknown } | undefined)?.Statement ?? []);
      for (const m of text.matchAll(/"(?:arn:aws[\w-]*:iam::)?(\d{12})(?::root)?"/g)) if (!world.env.accounts.has(m[1]!)) out.add(m[1]!);
    }
  return [...out].sort();
}

/** The open points an edge's steps depend on (the environment's `assumptions:` settles them), if any. */
function openPoints(e: PictureEdge): string | undefined {
  const points = [...new Set(e.steps.flatMap((s) => s.undetermined ?? []))];
  return points.length > 0 ? points.join(", ") : undefined;
}

/** The method, and the open points an edge exists under one reading of only (drawn dotted). */
function edgeLabel(e: PictureEdge): string {
  const open = openPoints(e);
  return open ? `${e.method} (undetermined: ${open})` : e.method;
}

export function toMermaid(p: Picture): string {
  const ids = new Map(p.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ["flowchart LR"];
  for (const n of p.nodes) {
    const text = `${n.admin ? "⚠ admin: " : ""}${n.label}`.replace(/"/g, "'");
    lines.push(`  ${ids.get(n.id)}${n.modified ? `(["${text}"])` : `["${text}"]`}`);
  }
  for (const e of p.edges) lines.push(`  ${ids.get(e.from)} ${openPoints(e) ? "-.->" : "-->"}|"${edgeLabel(e).replace(/"/g, "'")}"| ${ids.get(e.to)}`);
  const admins = p.nodes.filter((n) => n.admin).map((n) => ids.get(n.id));
  if (admins.length > 0) {
    lines.push("  classDef admin fill:#fdd,stroke:#c00,stroke-width:2px");
    lines.push(`  class ${admins.join(",")} admin`);
  }
  return lines.join("\n") + "\n";
}

export function toDot(p: Picture): string {
  const q = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  const lines = ["digraph principals {", "  rankdir=LR;", "  node [shape=box];"];
  for (const n of p.nodes) {
    const style = [n.admin ? `color=red, penwidth=2, label=${q(`admin: ${n.label}`)}` : `label=${q(n.label)}`, ...(n.modified ? ["style=dashed"] : [])];
    lines.push(`  ${q(n.id)} [${style.join(", ")}];`);
  }
  for (const e of p.edges) lines.push(`  ${q(e.from)} -> ${q(e.to)} [label=${q(edgeLabel(e))}${openPoints(e) ? ", style=dotted" : ""}];`);
  lines.push("}");
  return lines.join("\n") + "\n";
}
