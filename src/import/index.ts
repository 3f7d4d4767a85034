/**
 * `import:` of an environment (contract section 3): Terraform plans, CloudFormation templates / CDK
 * synth output and account authorization details become the same located tree that a hand-written
 * `accounts:` section is, so the loader validates, merges and models them unchanged, and policy errors
 * point into the template.
 *
 *   applyImports(environmentNode) -> the environment with its `import:` list replaced by what the
 *   imports define (hand-written parts merged over them), plus errors, warnings and unknowns.
 */
import { settleRoleRefs } from "./runs-as.js";
import { dirname, isAbsolute, join } from "node:path";
import { inputError, inputWarning, pathFrom, posFrom, type InputError } from "../load/errors.js";
import type { LNode } from "../load/located.js";
import { readLocatedFile } from "../load/read-file.js";
import { validateAgainst } from "../load/schema-validate.js";
import { ENVIRONMENT_SCHEMA, schemas } from "../load/schemas.js";
import type { SourcePos } from "../model/types.js";
import { importAuthorizationDetails } from "./authorization-details.js";
import { resolve } from "./cloudformation/intrinsics.js";
import { FAILED, NO_VALUE, type StackScope } from "./cloudformation/scope.js";
import { CLOUDFORMATION_TAGS } from "./cloudformation/short-forms.js";
import { exportsOf, importStack, openStack, partitionOf } from "./cloudformation/template.js";
import { expandServerless } from "./cloudformation/sam/transform.js";
import type { Definition } from "./fragment.js";
import { get, items, str } from "./lnode.js";
import { assembledPolicyAt, mergeImported } from "./merge.js";
import { placeOrgPolicies } from "./org.js";
import { importTerraformPlan } from "./terraform/import.js";
import type { ImportResult, OrgPolicyAttachment } from "./types.js";
import type { UnknownValue } from "./unknown.js";

export type { ImportResult, OrgPolicyAttachment } from "./types.js";
export { isUnknownName, isUnknownPlaceholder, UNKNOWN_NAME_PREFIX, UNKNOWN_SID, type UnknownValue } from "./unknown.js";

const SOURCES = ["terraformPlan", "cloudformation", "authorizationDetails"] as const;
type SourceKind = (typeof SOURCES)[number];
const OPTIONS: Record<SourceKind, readonly string[]> = {
  terraformPlan: ["account", "region"],
  cloudformation: ["account", "region", "parameters", "stackName"],
  authorizationDetails: ["account"],
};

interface Entry {
  readonly node: LNode;
  readonly kind: SourceKind;
  readonly file: string;
  readonly pathPos: SourcePos;
  readonly account: string;
  readonly region?: string;
}

/** Checks one `import:` item; relative paths resolve against `baseDir` (default: the entry's file's directory). */
function readEntry(node: LNode, errors: InputError[], baseDir?: string): Entry | undefined {
  if (node.kind !== "map") {
    errors.push(inputError("schema", node.pos, "an import is a mapping", "write { terraformPlan | cloudformation | authorizationDetails: PATH, account: ID }; see docs/imports.md"));
    return undefined;
  }
  const kinds = SOURCES.filter((k) => node.entries.has(k));
  if (kinds.length !== 1) {
    errors.push(inputError("schema", node.pos, kinds.length === 0 ? "the import names no source" : `the import names ${kinds.join(" and ")}: one source per entry`,
      "write exactly one of terraformPlan, cloudformation, authorizationDetails"));
    return undefined;
  }
  const kind = kinds[0] as SourceKind;
  let ok = true;
  for (const e of node.entries.values()) {
    if (e.key !== kind && !OPTIONS[kind].includes(e.key)) {
      errors.push(inputError("schema", e.keyPos, `unknown key ${e.key} in a ${kind} import`, `allowed: ${[kind, ...OPTIONS[kind]].join(", ")}`));
      ok = false;
    }
  }
  const pathNode = get(node, kind) as LNode;
  const path = str(pathNode);
  if (!path) {
    errors.push(inputError("schema", pathNode.pos, `${kind}: expected the path of the file`, "write the path of the file, relative to this environment file"));
    ok = false;
  }
  const accountNode = get(node, "account");
  const account = accountNode?.kind === "scalar" ? (accountNode.raw ?? (accountNode.value === null ? undefined : String(accountNode.value))) : undefined;
  if (!account || !/^\d{12}$/.test(account)) {
    errors.push(inputError("schema", accountNode?.pos ?? node.pos, accountNode ? `account: "${account ?? ""}" is not a 12-digit account id` : "the import has no account", "everything an import defines belongs to its account: write account: \"111122223333\" (quoted)"));
    ok = false;
  }
  const regionNode = get(node, "region");
  const region = str(regionNode);
  if (regionNode && (!region || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))) {
    errors.push(inputError("schema", regionNode.pos, `region: "${region ?? ""}" is not an AWS region`, "for example us-east-1"));
    ok = false;
  }
  const params = get(node, "parameters");
  if (params && params.kind !== "map") {
    errors.push(inputError("schema", params.pos, "parameters: expected a mapping of template parameter names to values"));
    ok = false;
  }
  if (!ok || !path || !account) return undefined;
  const dir = baseDir ?? dirname(node.pos.file);
  return { node, kind, file: isAbsolute(path) ? path : join(dir, path), pathPos: pathNode.pos, account, ...(region ? { region } : {}) };
}

interface Stack {
  readonly entry: Entry;
  readonly root: LNode;
  readonly scope: StackScope;
  readonly errors: InputError[];
}

/**
 * One import entry on its own. A CloudFormation template's Fn::ImportValue is resolved only from the
 * other templates of the same `import:` list, so use applyImports for an environment.
 */
export async function loadImport(entry: LNode, baseDir?: string): Promise<ImportResult> {
  const r = await loadImports([entry], baseDir);
  return r[0] ?? { orgPolicies: [], errors: [], warnings: [], unknowns: [] };
}

async function loadImports(list: readonly LNode[], baseDir?: string): Promise<ImportResult[]> {
  const out: ImportResult[] = [];
  const stacks: Stack[] = [];
  const exports = new Map<string, { stack: Stack; value: LNode }>();
  const inProgress = new Set<string>();
  const importValue = (name: string, pos: SourcePos): LNode | string => {
    const found = exports.get(name);
    if (!found) return "no template of this environment exports that name";
    if (inProgress.has(name)) return "the exports depend on each other";
    inProgress.add(name);
    try {
      const v = resolve(found.stack.scope, found.value);
      return v === FAILED || v === NO_VALUE ? `the export of ${pathFrom(pos, found.stack.entry.file)} cannot be resolved` : v;
    } finally {
      inProgress.delete(name);
    }
  };
  const pending: (ImportResult | Stack)[] = [];
  for (const node of list) {
    const errors: InputError[] = [];
    const entry = readEntry(node, errors, baseDir);
    if (!entry) {
      pending.push({ orgPolicies: [], errors, warnings: [], unknowns: [] });
      continue;
    }
    // Only CloudFormation templates may use YAML tags (the intrinsic short forms: !Ref, !GetAtt, ...).
    const read = await readLocatedFile(entry.file, entry.pathPos, entry.kind === "cloudformation" ? { localTags: CLOUDFORMATION_TAGS } : undefined);
    if (!read.node) {
      pending.push({ orgPolicies: [], errors: [...errors, ...read.errors], warnings: [], unknowns: [], file: entry.file });
      continue;
    }
    if (entry.kind === "terraformPlan") pending.push(importTerraformPlan(read.node, entry.file, entry.account, entry.region));
    else if (entry.kind === "authorizationDetails") pending.push(importAuthorizationDetails(read.node, entry.file, entry.account));
    else {
      // A SAM template is first expanded into the CloudFormation resources SAM generates (cloudformation/sam/).
      const root = expandServerless(read.node, partitionOf(entry.region ?? "us-east-1"), errors);
      const scope = openStack({
        file: entry.file,
        root,
        account: entry.account,
        region: entry.region ?? "us-east-1",
        ...(str(get(node, "stackName")) ? { stackName: str(get(node, "stackName")) as string } : {}),
        ...(get(node, "parameters") ? { parameters: get(node, "parameters") as LNode } : {}),
        importValue,
      }, errors);
      const stack: Stack = { entry, root, scope, errors };
      stacks.push(stack);
      pending.push(stack);
    }
  }
  for (const s of stacks) {
    for (const [name, value] of exportsOf(s.root, s.scope)) {
      if (value === FAILED) continue;
      const prev = exports.get(name);
      if (prev) s.errors.push(inputError("reference", value.pos, `export ${name} is exported by ${pathFrom(value.pos, prev.stack.entry.file)} too`, "export names are unique per account and region"));
      else exports.set(name, { stack: s, value });
    }
  }
  for (const p of pending) out.push("scope" in p ? importStack(p.scope, p.root) : p);
  return out;
}

const WHAT: Record<Definition["section"], string> = { roles: "role", users: "user", groups: "group", policies: "managed policy", resources: "resource" };

/**
 * A role, user, group, managed policy or resource (or a resource's policy) that two imports of one
 * environment define: they are merged like any imports, but that is rarely meant (the same stack
 * imported twice, two plans managing one bucket policy), so the second definition gets a warning that
 * names the first.
 */
function duplicateDefinitions(results: readonly ImportResult[]): InputError[] {
  const first = new Map<string, { pos: SourcePos; importIndex: number }>();
  const out: InputError[] = [];
  results.forEach((r, importIndex) => {
    const accounts = get(r.fragment, "accounts");
    const account = accounts?.kind === "map" ? [...accounts.entries.keys()][0] : undefined;
    if (account === undefined) return;
    for (const d of r.definitions ?? []) {
      const key = JSON.stringify([account, d.section, d.name, d.aspect ?? ""]);
      const prev = first.get(key);
      if (!prev) first.set(key, { pos: d.pos, importIndex });
      else if (prev.importIndex !== importIndex) {
        const what = d.aspect ? `the ${d.aspect} of ${d.name}` : `${WHAT[d.section]} ${d.name}`;
        out.push(inputWarning("reference", d.pos, `${what} (account ${account}) is also defined by an earlier import, at ${posFrom(d.pos, prev.pos)}; the two are merged, this one over the first`,
          "define it in one import only: a stack, plan or export imported twice, or two sources managing the same thing, give a merged definition that AWS never has"));
      }
    }
  });
  return out;
}

function accountOf(r: ImportResult): string | undefined {
  const accounts = get(r.fragment, "accounts");
  return accounts?.kind === "map" ? [...accounts.entries.keys()][0] : undefined;
}

function statementsOf(tree: LNode, key: string): readonly LNode[] {
  const [account, arn] = key.split(" ") as [string, string];
  return items(get(get(get(get(get(get(tree, "accounts"), account), "resources"), arn), "policy"), "Statement"));
}

/**
 * Statement ids are unique within a policy: AWS refuses a second AddPermission with an id the policy
 * already has (lambda/latest/dg/API_AddPermission.html, ResourceConflictException). Two imports adding
 * the same id to one resource are most often the same stack or plan imported twice.
 */
function sameStatementIds(before: LNode, fragment: LNode, keys: readonly string[]): InputError[] {
  const out: InputError[] = [];
  for (const key of keys) {
    const earlier = new Map<string, SourcePos>();
    for (const st of statementsOf(before, key)) {
      const sid = str(get(st, "Sid"));
      if (sid !== undefined) earlier.set(sid, get(st, "Sid")?.pos ?? st.pos);
    }
    for (const st of statementsOf(fragment, key)) {
      const sid = str(get(st, "Sid"));
      const prev = sid === undefined ? undefined : earlier.get(sid);
      if (prev) {
        out.push(inputWarning("reference", get(st, "Sid")?.pos ?? st.pos, `statement ${sid} of the policy of ${key.split(" ")[1]} is also added by an earlier import, at ${posFrom(get(st, "Sid")?.pos ?? st.pos, prev)}`,
          "AWS refuses a second permission with the same statement id: is one stack or plan imported twice?"));
      }
    }
  }
  return out;
}

export interface AppliedImports {
  /** The environment without `import:`, with everything the imports define merged in. */
  readonly tree: LNode;
  readonly errors: InputError[];
  readonly warnings: InputError[];
  readonly unknowns: readonly UnknownValue[];
  /** The imported files, in list order. */
  readonly files: readonly string[];
}

/**
 * Applies the `import:` list of one environment (file or inline mapping). Imports merge in list order,
 * the hand-written parts over them; lists of policies and group memberships add up.
 */
const IMPORT_HINT = "fix it in the imported file, or leave the resource out of the import and describe it by hand under accounts: (docs/imports.md)";

export async function applyImports(env: LNode): Promise<AppliedImports> {
  const importEntry = env.kind === "map" ? env.entries.get("import") : undefined;
  if (!importEntry || env.kind !== "map") return { tree: env, errors: [], warnings: [], unknowns: [], files: [] };
  const results = await loadImports(items(importEntry.value));
  const errors: InputError[] = [];
  const warnings: InputError[] = [];
  const unknowns: UnknownValue[] = [];
  const files: string[] = [];
  const orgPolicies: OrgPolicyAttachment[] = [];
  let merged: LNode | undefined;
  warnings.push(...duplicateDefinitions(results));
  // Permission calls add statements to one resource policy: two imports' permissions on one function
  // (bus, layer version) are the statements of both (lambda/latest/dg/API_AddPermission.html).
  const assembledSoFar = new Set<string>();
  for (const r of results) {
    const account = accountOf(r);
    const mine = new Set((r.assembled ?? []).map((arn) => `${account} ${arn}`));
    const additive = (path: readonly string[]): boolean => {
      const k = assembledPolicyAt(path);
      return k !== undefined && assembledSoFar.has(k) && mine.has(k);
    };
    // Every input error says how to fix it; an importer rule without its own hint points at the remedy
    // every one of them shares.
    errors.push(...r.errors.map((e) => (e.hint ? e : { ...e, hint: IMPORT_HINT })));
    warnings.push(...r.warnings);
    unknowns.push(...r.unknowns);
    orgPolicies.push(...r.orgPolicies);
    if (r.file) files.push(r.file);
    if (r.fragment) {
      // The fragment is built by this module, but values inside it (paths, durations) come from the
      // source and are checked like hand-written ones.
      errors.push(...validateAgainst(r.fragment, ENVIRONMENT_SCHEMA, schemas));
      if (merged) warnings.push(...sameStatementIds(merged, r.fragment, [...mine].filter((k) => assembledSoFar.has(k))));
      merged = merged ? mergeImported(merged, r.fragment, undefined, additive) : r.fragment;
    }
    for (const k of mine) assembledSoFar.add(k);
  }
  const entries = new Map(env.entries);
  entries.delete("import");
  const own: LNode = { ...env, entries };
  let tree = merged ? mergeImported(merged, own) : own;
  tree = placeOrgPolicies(tree, orgPolicies, errors);
  // A function's or an instance's role defined by another import or by hand: checked now.
  tree = settleRoleRefs(tree, results.flatMap((r) => r.roleRefs ?? []), warnings);
  return { tree, errors, warnings, unknowns, files };
}


