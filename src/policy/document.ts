/**
 * A policy document read into a checked syntax tree. Validation follows the IAM JSON policy grammar
 * (IAM/latest/UserGuide/reference_policies_grammar.html) and the per-element pages; which elements a
 * policy type may hold follows IAM/latest/UserGuide/access_policies.html and the Organizations pages.
 */
import { isPartitionOrPattern } from "./partitions.js";
import { nearest } from "../data/edit-distance.js";
import type { PolicyType } from "../types.js";
import type { JsonPath, PolicyIssue } from "./issues.js";
import { parsePrincipalElement, type PrincipalSet } from "./principal-element.js";

export interface StatementAst {
  index: number;
  sid?: string;
  effect: "Allow" | "Deny";
  /** Exactly one of actions / notActions. */
  actions?: string[];
  notActions?: string[];
  /** At most one of resources / notResources; neither (trust policies) means every resource. */
  resources?: string[];
  notResources?: string[];
  principal?: PrincipalSet;
  notPrincipal?: PrincipalSet;
  condition?: unknown;
}

export interface PolicyAst {
  version?: string;
  id?: string;
  statements: StatementAst[];
}

const TOP_KEYS = ["Version", "Id", "Statement"];
const STATEMENT_KEYS = [
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
];
// elements_version.html: "2012-10-17" is current, "2008-10-17" the earlier version.
const VERSIONS = ["2012-10-17", "2008-10-17"];

/** Policies attached to an identity (no Principal, no Id). */
const IDENTITY_SIDE: ReadonlySet<PolicyType> = new Set(["identity", "boundary", "session"]);

/** Policy types whose statements name a principal (resource-side policies). */
const NEEDS_PRINCIPAL: ReadonlySet<PolicyType> = new Set(["resource", "trust", "vpce", "rcp"]);

export function parsePolicyDocument(doc: unknown, type: PolicyType): { ast: PolicyAst; issues: PolicyIssue[] } {
  const issues: PolicyIssue[] = [];
  const error = (path: JsonPath, message: string, hint?: string) =>
    issues.push({ severity: "error", path, message, ...(hint ? { hint } : {}) });
  const ast: PolicyAst = { statements: [] };

  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch (e) {
      error([], `policy is not valid JSON: ${(e as Error).message}`, "check the quotes, commas and brackets near the position given");
      return { ast, issues };
    }
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    error([], "a policy document must be a JSON object with a Statement", 'write {"Version": "2012-10-17", "Statement": [...]}');
    return { ast, issues };
  }
  const d = doc as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (!TOP_KEYS.includes(key)) error([key], `unknown policy element "${key}"`, suggest(key, TOP_KEYS));
  }
  if ("Version" in d) {
    if (typeof d.Version !== "string" || !VERSIONS.includes(d.Version)) {
      error(["Version"], `Version must be "2012-10-17" or "2008-10-17", not ${JSON.stringify(d.Version)}`, 'use "2012-10-17"');
    } else ast.version = d.Version;
  }
  // organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html: "Every RCP must include a
  // Version element with the value "2012-10-17"".
  if (type === "rcp" && ast.version !== "2012-10-17" && !issues.some((i) => i.path[0] === "Version")) {
    error(["Version"], 'an RCP must have "Version": "2012-10-17"', 'add "Version": "2012-10-17"');
  }
  if ("Id" in d) {
    if (typeof d.Id !== "string") error(["Id"], "Id must be a string", "quote it");
    else ast.id = d.Id;
    // elements_id.html: "ID is allowed in resource-based policies, but not in identity-based policies"
    // (the page's own example contradicts it; we follow the rule: fail closed).
    if (IDENTITY_SIDE.has(type)) error(["Id"], "Id is allowed in resource-based policies, but not in identity-based policies", "remove the Id element");
  }
  if (!("Statement" in d)) {
    error([], "the policy has no Statement", 'add "Statement": [ { "Effect": ..., "Action": ..., "Resource": ... } ]');
    return { ast, issues };
  }
  const raw = d.Statement;
  const list = Array.isArray(raw) ? raw : [raw];
  // access-analyzer-reference-policy-checks.html, "Missing statement": "A JSON policy must include a statement".
  if (list.length === 0) error(["Statement"], "the Statement list is empty", "add at least one statement");
  const sids = new Set<string>();
  list.forEach((s, i) => {
    const path: JsonPath = Array.isArray(raw) ? ["Statement", i] : ["Statement"];
    const st = parseStatement(s, i, path, type, issues);
    if (st?.sid !== undefined) {
      // elements_sid.html: "the Sid value must be unique within the policy" (for most policy types).
      if (sids.has(st.sid) && st.sid !== "") error([...path, "Sid"], `duplicate Sid "${st.sid}"`, "give each statement its own Sid");
      sids.add(st.sid);
    }
    if (st) ast.statements.push(st);
  });
  return { ast, issues };
}

function parseStatement(
  s: unknown,
  index: number,
  path: JsonPath,
  type: PolicyType,
  issues: PolicyIssue[],
): StatementAst | undefined {
  const error = (p: JsonPath, message: string, hint?: string) =>
    issues.push({ severity: "error", path: p, message, ...(hint ? { hint } : {}) });
  if (typeof s !== "object" || s === null || Array.isArray(s)) {
    error(path, "a statement must be a JSON object", 'write { "Effect": ..., "Action": ..., "Resource": ... }');
    return undefined;
  }
  const r = s as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!STATEMENT_KEYS.includes(key)) error([...path, key], `unknown statement element "${key}"`, suggest(key, STATEMENT_KEYS));
  }
  const st: StatementAst = { index, effect: "Deny" };
  if ("Sid" in r) {
    if (typeof r.Sid !== "string") error([...path, "Sid"], "Sid must be a string", "quote it");
    else {
      st.sid = r.Sid;
      // IAM/latest/UserGuide/reference_policies_elements_sid.html: "The Sid element supports ASCII uppercase
      // letters (A-Z), lowercase letters (a-z), and numbers (0-9)"; IAM refuses others. Resource policies
      // follow their service's rules (S3 and KMS take spaces), so only IAM's own policy types are held to it.
      if (IAM_SID_TYPES.has(type) && !/^[A-Za-z0-9]*$/.test(r.Sid)) {
        error([...path, "Sid"], `Sid "${r.Sid}" has characters IAM does not accept`, `use only letters and digits, e.g. "${r.Sid.replace(/[^A-Za-z0-9]/g, "") || "Statement1"}"`);
      }
    }
  }
  if (r.Effect === "Allow" || r.Effect === "Deny") st.effect = r.Effect;
  else if (!("Effect" in r)) error(path, "the statement has no Effect", 'add "Effect": "Allow" or "Deny"');
  else error([...path, "Effect"], `Effect must be "Allow" or "Deny", not ${JSON.stringify(r.Effect)}`, 'write "Allow" or "Deny" (case matters)');

  // Action / NotAction: exactly one (reference_policies_elements_action.html, _notaction.html).
  if ("Action" in r && "NotAction" in r) error(path, "a statement cannot have both Action and NotAction", "keep one of them; split the statement if you need both");
  else if (!("Action" in r) && !("NotAction" in r)) error(path, "the statement has no Action or NotAction", 'add "Action": "service:ActionName"');
  if ("Action" in r) st.actions = stringList(r.Action, [...path, "Action"], issues, checkAction);
  // The RCP syntax page lists Action but not NotAction among the elements an RCP may use.
  if ("NotAction" in r && type === "rcp") error([...path, "NotAction"], "NotAction is not supported in a resource control policy", "list the actions in Action");
  if ("NotAction" in r) st.notActions = stringList(r.NotAction, [...path, "NotAction"], issues, checkAction);

  // Resource / NotResource (elements_resource.html): required except in role trust policies, which
  // must not have one (id_roles_terms-and-concepts.html: the trust policy's resource is the role).
  if ("Resource" in r && "NotResource" in r) error(path, "a statement cannot have both Resource and NotResource", "keep one of them; split the statement if you need both");
  if (type === "trust") {
    if ("Resource" in r || "NotResource" in r) {
      error([...path, "Resource" in r ? "Resource" : "NotResource"], "a role trust policy must not have a Resource element", "remove it: the resource is the role itself");
    }
  } else if (!("Resource" in r) && !("NotResource" in r)) {
    error(path, "the statement has no Resource or NotResource", 'add "Resource": "*" or the ARNs it applies to');
  }
  if ("Resource" in r) st.resources = stringList(r.Resource, [...path, "Resource"], issues, checkResource);
  if ("NotResource" in r) st.notResources = stringList(r.NotResource, [...path, "NotResource"], issues, checkResource);

  // Principal / NotPrincipal: only in resource-side policies (access_policies.html: "You cannot use the
  // Principal element in an identity-based policy").
  const hasP = "Principal" in r;
  const hasNP = "NotPrincipal" in r;
  if (hasP && hasNP) error(path, "a statement cannot have both Principal and NotPrincipal", "keep one of them");
  if (NEEDS_PRINCIPAL.has(type)) {
    if (!hasP && !hasNP) error(path, `${withArticle(typeName(type))} statement must name a Principal`, 'add "Principal": {"AWS": "arn:aws:iam::ACCOUNT:root"} (or "*" with conditions)');
    if (hasNP && (type === "rcp" || type === "vpce")) error([...path, "NotPrincipal"], `NotPrincipal is not supported in ${withArticle(typeName(type))}`);
  } else if (hasP || hasNP) {
    error([...path, hasP ? "Principal" : "NotPrincipal"], `${withArticle(typeName(type))} must not have a ${hasP ? "Principal" : "NotPrincipal"} element`, "the principal is whoever the policy is attached to");
  }
  if (hasP) st.principal = parsePrincipalElement(r.Principal, [...path, "Principal"], issues);
  if (hasNP) st.notPrincipal = parsePrincipalElement(r.NotPrincipal, [...path, "NotPrincipal"], issues);
  if (type === "rcp" && st.principal && !st.principal.any) {
    // organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html: Principal must be "*".
    error([...path, "Principal"], 'an RCP statement\'s Principal must be "*"', "narrow it with conditions on aws:PrincipalArn / aws:PrincipalAccount");
  }
  if ("Condition" in r) {
    if (typeof r.Condition !== "object" || r.Condition === null || Array.isArray(r.Condition)) {
      error([...path, "Condition"], "Condition must be a mapping of operator -> { key: value(s) }", 'write e.g. "Condition": { "StringEquals": { "aws:PrincipalTag/team": "web" } }');
    } else st.condition = r.Condition;
  }
  return st;
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

function typeName(type: PolicyType): string {
  return {
    identity: "identity-based policy",
    resource: "resource-based policy",
    trust: "role trust policy",
    boundary: "permissions boundary",
    session: "session policy",
    scp: "service control policy",
    rcp: "resource control policy",
    vpce: "VPC endpoint policy",
  }[type];
}

function stringList(
  value: unknown,
  path: JsonPath,
  issues: PolicyIssue[],
  check: (v: string, path: JsonPath, issues: PolicyIssue[]) => void,
): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  if (list.length === 0) issues.push({ severity: "error", path, message: "must not be an empty list", hint: "name at least one value, or remove the element" });
  list.forEach((v, i) => {
    const p = Array.isArray(value) ? [...path, i] : path;
    if (typeof v !== "string") {
      issues.push({ severity: "error", path: p, message: `must be a string, not ${v === null ? "null" : Array.isArray(v) ? "a list" : typeof v}`, hint: "quote the value" });
      return;
    }
    check(v, p, issues);
    out.push(v);
  });
  return out;
}

function checkAction(v: string, path: JsonPath, issues: PolicyIssue[]): void {
  // elements_action.html: an action is "*" or "service-prefix:action-name" (wildcards allowed).
  if (v === "*") return;
  if (!/^[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]*$/.test(v)) {
    issues.push({ severity: "error", path, message: `"${v}" is not an action`, hint: 'write "service:ActionName", e.g. "s3:GetObject", or "*"' });
  }
}

function checkResource(v: string, path: JsonPath, issues: PolicyIssue[]): void {
  // elements_resource.html: a resource is "*" or an ARN.
  if (v === "*" || v.startsWith("arn:")) {
    if (v !== "*" && v.split(":").length < 6 && !v.endsWith("*") && !v.includes("${")) {
      issues.push({ severity: "error", path, message: `"${v}" is not a complete ARN`, hint: "an ARN has six parts: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE" });
    } else if (v !== "*" && !isPartitionOrPattern(v.split(":")[1] ?? "")) {
      // IAM refuses it: MalformedPolicyDocument, Partition "..." is not valid for resource "...".
      issues.push({ severity: "error", path, message: `partition "${v.split(":")[1]}" is not valid for resource "${v}"`, hint: "the partition is aws (or aws-cn, aws-us-gov): arn:aws:..." });
    }
    return;
  }
  issues.push({ severity: "error", path, message: `"${v}" is not an ARN or "*"`, hint: 'write a full ARN such as "arn:aws:s3:::my-bucket/*", or "*"' });
}

/** Policy types IAM itself stores, whose Sids are letters and digits only. */
const IAM_SID_TYPES: ReadonlySet<PolicyType> = new Set<PolicyType>(["identity", "boundary", "trust", "session"]);

function suggest(key: string, known: readonly string[]): string {
  const near = nearest(key, known, 2);
  if (near === undefined) return `known elements: ${known.join(", ")}`;
  if (near.toLowerCase() === key.toLowerCase()) return `did you mean "${near}"? element names are case-sensitive`;
  return `did you mean "${near}"?`;
}
