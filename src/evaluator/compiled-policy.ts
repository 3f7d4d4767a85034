/**
 * Compile once, evaluate many: a policy document becomes statements indexed by service prefix, with
 * action and resource patterns pre-compiled and conditions pre-parsed, so that evaluating a request does
 * no parsing.
 */
import { compileCondition } from "../conditions/index.js";
import type { ConditionClause } from "../conditions/compile.js";
import type { CompiledCondition, ContextLookup } from "../context/types.js";
import { compileArnPattern } from "../match/arn.js";
import { compileWildcard, type Matcher } from "../match/wildcard.js";
import { parsePolicyDocument, type StatementAst } from "../policy/document.js";
import { PolicyValidationError, type PolicyIssue } from "../policy/issues.js";
import type { PrincipalSet } from "../policy/principal-element.js";
import { parseTemplate, resolveTemplate, variableIssues, type Template } from "../policy/variables.js";
import type { CompiledPolicyHandle, PolicySource, PolicyType, StatementRef } from "../types.js";

export interface CompiledStatement {
  readonly allow: boolean;
  /** (lower-cased service prefix, lower-cased action name) -> does Action/NotAction cover it. */
  readonly matchesAction: (service: string, name: string) => boolean;
  readonly matchesResource: (resource: string, ctx: ContextLookup) => boolean;
  readonly principal?: PrincipalSet;
  readonly notPrincipal?: PrincipalSet;
  readonly condition?: CompiledCondition;
  readonly ref: StatementRef;
  /** What matchesResource and condition read, as data, for the prover (src/prove/). */
  readonly symbolic: StatementData;
}

/** A statement's Resource/NotResource entries and Condition clauses, as written. */
export interface StatementData {
  /** undefined: no Resource element (trust policies), every resource. */
  readonly resources?: { readonly entries: readonly string[]; readonly negate: boolean };
  readonly version: string | undefined;
  readonly clauses: readonly ConditionClause[];
}

export interface CompiledPolicy extends CompiledPolicyHandle {
  /** Statements that can match an action of this service, in document order. */
  readonly byService: ReadonlyMap<string, readonly CompiledStatement[]>;
  /** Statements that can match an action of any service (NotAction, "*", "*:..."), in document order. */
  readonly anyService: readonly CompiledStatement[];
  readonly issues: readonly PolicyIssue[];
  readonly version: string | undefined;
  /**
   * Memo: the statements whose Action/NotAction covers an action, in a direct-mapped table indexed by
   * the action's slot (see ACTION_SLOTS); a slot holds one action at a time, checked by its key.
   */
  byAction: ({ readonly key: string; readonly statements: readonly CompiledStatement[] } | undefined)[] | undefined;
}

export function isCompiledPolicy(p: unknown): p is CompiledPolicy {
  return typeof p === "object" && p !== null && (p as { __compiled?: unknown }).__compiled === true;
}

/** All problems of a document (errors and warnings), without compiling it. */
export function policyIssues(doc: unknown, type: PolicyType): PolicyIssue[] {
  const { ast, issues } = parsePolicyDocument(doc, type);
  for (const st of ast.statements) {
    collectStatementIssues(st, ast.version, issues);
  }
  return issues;
}

export function compilePolicyDocument(doc: unknown, type: PolicyType, source: PolicySource): CompiledPolicy {
  const { ast, issues } = parsePolicyDocument(doc, type);
  const statements: { st: CompiledStatement; services: Set<string> | "any" }[] = [];
  for (const st of ast.statements) {
    const conditionIssues = collectStatementIssues(st, ast.version, issues);
    if (issues.some((i) => i.severity === "error")) continue;
    statements.push(compileStatement(st, ast.version, type, source, conditionIssues.condition, conditionIssues.clauses ?? []));
  }
  if (issues.some((i) => i.severity === "error")) throw new PolicyValidationError(source.name, issues);

  const anyService = statements.filter((s) => s.services === "any").map((s) => s.st);
  const named = new Set<string>();
  for (const s of statements) if (s.services !== "any") for (const svc of s.services) named.add(svc);
  const byService = new Map<string, CompiledStatement[]>();
  for (const svc of named) {
    byService.set(
      svc,
      statements.filter((s) => s.services === "any" || s.services.has(svc)).map((s) => s.st),
    );
  }
  return { __compiled: true, type, source, byService, anyService, issues, version: ast.version, byAction: undefined };
}

/** Size of each policy's per-action memo; actions get slots round-robin (src/evaluator/evaluate.ts). */
export const ACTION_SLOTS = 1024;

/**
 * Statements of `policy` whose Action / NotAction covers `service:name` (both lower-cased; `key` is
 * "service:name", `slot` its memo slot).
 */
export function statementsFor(policy: CompiledPolicy, service: string, name: string, key: string, slot: number): readonly CompiledStatement[] {
  // Allocated on first use (with its full size, so the table stays a dense array).
  const memo = (policy.byAction ??= new Array(ACTION_SLOTS).fill(undefined));
  const hit = memo[slot];
  if (hit !== undefined && hit.key === key) return hit.statements;
  const statements = (policy.byService.get(service) ?? policy.anyService).filter((st) => st.matchesAction(service, name));
  memo[slot] = { key, statements };
  return statements;
}

function collectStatementIssues(
  st: StatementAst,
  version: string | undefined,
  issues: PolicyIssue[],
): { condition?: CompiledCondition; clauses?: readonly ConditionClause[] } {
  const base = ["Statement", st.index];
  for (const [key, list] of [
    ["Resource", st.resources],
    ["NotResource", st.notResources],
  ] as const) {
    list?.forEach((r, i) => issues.push(...variableIssues(r, version, [...base, key, ...(list.length > 1 ? [i] : [])])));
  }
  if (st.condition === undefined) return {};
  const { condition, issues: condIssues, clauses } = compileCondition(st.condition, { version, path: [...base, "Condition"] });
  issues.push(...condIssues);
  return { condition, clauses };
}

function compileStatement(
  st: StatementAst,
  version: string | undefined,
  type: PolicyType,
  source: PolicySource,
  condition: CompiledCondition | undefined,
  clauses: readonly ConditionClause[],
): { st: CompiledStatement; services: Set<string> | "any" } {
  const actionList = compileActionList(st.actions ?? st.notActions ?? []);
  const negateAction = st.notActions !== undefined;
  const matchesAction = negateAction
    ? (svc: string, name: string) => !actionList.test(svc, name)
    : actionList.test;
  const resources = st.resources ?? st.notResources;
  const matchesResource = resources
    ? compileResourceList(resources, version, st.notResources !== undefined)
    : () => true;
  const line = source.statementLines?.[st.index];
  const column = source.statementColumns?.[st.index];
  const ref: StatementRef = {
    policyType: type,
    policy: source.name,
    statementIndex: st.index,
    effect: st.effect,
    ...(st.sid !== undefined ? { sid: st.sid } : {}),
    ...(source.file !== undefined ? { file: source.file } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
  };
  return {
    st: {
      allow: st.effect === "Allow",
      matchesAction,
      matchesResource,
      ...(st.principal ? { principal: st.principal } : {}),
      ...(st.notPrincipal ? { notPrincipal: st.notPrincipal } : {}),
      ...(condition ? { condition } : {}),
      ref,
      symbolic: {
        ...(resources ? { resources: { entries: resources, negate: st.notResources !== undefined } } : {}),
        version,
        clauses,
      },
    },
    services: negateAction ? "any" : actionList.services,
  };
}

interface ActionList {
  services: Set<string> | "any";
  test: (service: string, name: string) => boolean;
}

/**
 * Action names match case-insensitively, with `*` and `?`
 * (IAM/latest/UserGuide/reference_policies_elements_action.html).
 */
function compileActionList(patterns: readonly string[]): ActionList {
  const exact = new Map<string, Set<string>>();
  const byService = new Map<string, Matcher[]>();
  const crossService: Matcher[] = [];
  let all = false;
  for (const raw of patterns) {
    const p = raw.toLowerCase();
    if (p === "*") {
      all = true;
      continue;
    }
    const colon = p.indexOf(":");
    const svc = p.slice(0, colon);
    const name = p.slice(colon + 1);
    if (svc.includes("*") || svc.includes("?")) {
      crossService.push(compileWildcard(p, { ignoreCase: true }));
    } else if (name.includes("*") || name.includes("?")) {
      const list = byService.get(svc) ?? [];
      list.push(compileWildcard(name, { ignoreCase: true }));
      byService.set(svc, list);
    } else {
      const set = exact.get(svc) ?? new Set();
      set.add(name);
      exact.set(svc, set);
    }
  }
  if (all) return { services: "any", test: () => true };
  const services = crossService.length > 0 ? "any" : new Set([...exact.keys(), ...byService.keys()]);
  const test = (svc: string, name: string): boolean => {
    if (exact.get(svc)?.has(name)) return true;
    const ms = byService.get(svc);
    if (ms) for (const m of ms) if (m(name)) return true;
    if (crossService.length > 0) {
      const full = `${svc}:${name}`;
      for (const m of crossService) if (m(full)) return true;
    }
    return false;
  };
  return { services, test };
}

/** Resource / NotResource entries; entries with variables are resolved per request (and cached). */
function compileResourceList(
  entries: readonly string[],
  version: string | undefined,
  negate: boolean,
): (resource: string, ctx: ContextLookup) => boolean {
  const statics: Matcher[] = [];
  const templates: { t: Template; cache: Map<string, Matcher> }[] = [];
  for (const e of entries) {
    const t = parseTemplate(e, version);
    if (t === null) statics.push(compileArnPattern(e));
    else if (t.fixed !== undefined) statics.push(compileArnPattern(t.fixed));
    else templates.push({ t, cache: new Map() });
  }
  // An entry whose variable has no value "will not match any resource", in Resource and NotResource
  // alike (IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value): a NotResource
  // entry that matches nothing excepts nothing.
  const anyMatch = (resource: string, ctx: ContextLookup): boolean => {
    for (const m of statics) if (m(resource)) return true;
    for (const { t, cache } of templates) {
      const text = resolveTemplate(t, ctx);
      if (text === undefined) continue;
      let m = cache.get(text);
      if (!m) {
        m = compileArnPattern(text);
        // Bounded: a long fuzzing run must not grow this without limit.
        if (cache.size > 256) cache.clear();
        cache.set(text, m);
      }
      if (m(resource)) return true;
    }
    return false;
  };
  return negate ? (r, ctx) => !anyMatch(r, ctx) : anyMatch;
}
