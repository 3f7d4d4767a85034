/**
 * Loads spec files into the model: read -> validate against specs/spec.schema.json -> gather and build
 * the environment -> resolve principals, session policies and the rest of each expectation. Every
 * problem is collected; a spec with any error yields no Spec (fail closed).
 */
import { basename, dirname, resolve } from "node:path";
import { buildEnvironment, newPolicyContext, tagsOf } from "../model/build-environment.js";
import { caseOnlyTwin } from "../model/account-entries.js";
import { resourceArnProblem } from "../model/arn.js";
import { resolvePrincipal } from "../model/principals.js";
import type { BecomeTarget, Effect, Environment, Expectation, Spec, LoadedPolicy, Principal, PrincipalRef, SessionSpec, SourcePos, WhenEntry, WhenValue, Written } from "../model/types.js";
import { sessionPolicyLimits } from "./session-policy-limits.js";
import type { ContextScalar } from "../types.js";
import { inputError, inputWarning, type InputError, type Loaded } from "./errors.js";
import { gatherEnvironment } from "./environment-source.js";
import { describeKind, type LMap, type LNode } from "./located.js";
import { resolvePolicyRef, type PolicyRefContext } from "./policy-ref.js";
import { defaultPolicyCompiler, type PolicyCompiler } from "./policy-compiler.js";
import { readLocatedFile } from "./read-file.js";
import { arnPatternRx } from "../match/arn.js";
import { rx } from "../match/regex.js";
import { surelyEmpty } from "../match/regex-words.js";
import { validateAgainst } from "./schema-validate.js";
import { whenKeyProblem, whenListProblem, whenScalar, whenValueProblem } from "./when-values.js";
import { schemas, SPEC_SCHEMA } from "./schemas.js";

export interface LoadOptions {
  /** Defaults to the library's validatePolicy/compilePolicy. */
  readonly compiler?: PolicyCompiler;
}

/**
 * Shared state of one run: environment files used by several specs are built once; policy files are
 * read and compiled once.
 */
export interface Loader {
  readonly policies: PolicyRefContext;
  readonly environments: Map<string, Promise<{ env?: Environment; errors: InputError[]; warnings: InputError[] }>>;
}

export async function createLoader(options: LoadOptions = {}): Promise<Loader> {
  const compiler = options.compiler ?? (await defaultPolicyCompiler());
  return { policies: newPolicyContext(compiler), environments: new Map() };
}

/** Loads one spec file. */
export async function loadSpecFile(file: string, loader?: Loader): Promise<Loaded<Spec>> {
  const l = loader ?? (await createLoader());
  const read = await readLocatedFile(file);
  if (!read.node) return { ok: false, errors: read.errors, warnings: [] };
  return loadSpecNode(read.node, file, l);
}

/** Loads a spec from an already-read tree (for specs given as text, in tests or tools). */
export async function loadSpecNode(root: LNode, file: string, loader: Loader): Promise<Loaded<Spec>> {
  const warnings: InputError[] = [];
  if (root.kind !== "map") {
    const empty = root.kind === "scalar" && root.value === null;
    return {
      ok: false,
      errors: [
        inputError("schema", root.pos, empty ? "the spec file is empty" : `a spec file must be a mapping, got ${describeKind(root)}`,
          "a spec file is a mapping with environment: (a path or an inline environment) and expect: (a list of expectations); see docs/spec-reference.md"),
      ],
      warnings,
    };
  }
  const errors: InputError[] = validateAgainst(root, SPEC_SCHEMA, schemas);
  const expectList = root.entries.get("expect");
  if (expectList?.value.kind === "seq" && expectList.value.items.length === 0) {
    // A spec that checks nothing must not pass.
    errors.push(inputError("schema", expectList.value.pos, "expect: the list of expectations is empty", "add at least one expectation (- as: ... may: ... or mayNot: ...), or delete the spec file"));
  }
  const invalid = schemaErrorPositions(errors);

  const envNode = root.entries.get("environment")?.value;
  let env: Environment | undefined;
  if (envNode) {
    const built = await environmentFor(envNode, loader);
    errors.push(...built.errors);
    warnings.push(...built.warnings);
    env = built.env;
  }
  const expectations: Expectation[] = [];
  const expectNode = root.entries.get("expect")?.value;
  // Built even when other expectations have schema errors, so that their principal and policy errors
  // show up in the same run; the spec is returned only when there are no errors at all.
  if (env && expectNode?.kind === "seq") {
    for (const [index, item] of expectNode.items.entries()) {
      if (item.kind !== "map" || !item.entries.has("as")) continue;
      const ctx: PolicyRefContext = { ...loader.policies, errors, warnings };
      const sessionPolicies = await resolveSessionPolicies(item, ctx, invalid);
      const e = buildExpectation(env, item, index, ctx, invalid, sessionPolicies);
      if (e) expectations.push(e);
    }
  }
  if (expectNode?.kind === "seq") warnings.push(...duplicateNames(expectations, expectNode.items));
  if (errors.length > 0 || !env) return { ok: false, errors: dedupe(errors), warnings: dedupe(warnings) };
  const nameNode = root.entries.get("name")?.value;
  const name = nameNode?.kind === "scalar" && typeof nameNode.value === "string" ? nameNode.value : defaultSpecName(file);
  return { ok: true, value: { file, name, environment: env, expectations }, warnings: dedupe(warnings) };
}

/**
 * Two expectations of one file with the same name (written or derived) give results that reports,
 * JUnit test cases and --reporter json cannot tell apart. A warning rather than an error: `it` is
 * optional and derived names repeat whenever only `when` or `session` differ.
 */
function duplicateNames(expectations: readonly Expectation[], items: readonly LNode[]): InputError[] {
  const first = new Map<string, Expectation>();
  const out: InputError[] = [];
  for (const e of expectations) {
    const seen = first.get(e.it);
    if (!seen) {
      first.set(e.it, e);
      continue;
    }
    const item = items[e.index];
    const itNode = item?.kind === "map" ? get(item, "it") : undefined;
    out.push(inputWarning("schema", itNode?.pos ?? e.pos, `expect[${e.index}]: "${e.it}" is also the name of expect[${seen.index}] (line ${seen.pos.line}), so reports cannot tell their results apart`,
      itNode ? "give each expectation its own it:" : "add an it: that says what this expectation checks"));
  }
  return out;
}

export function defaultSpecName(file: string): string {
  return basename(file).replace(/\.iamspec\.(ya?ml|json)$/i, "").replace(/\.(ya?ml|json)$/i, "");
}

function dedupe(list: InputError[]): InputError[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.file}:${e.line}:${e.column}:${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The environment of a spec's `environment:` node (a path, a list of paths or an inline mapping), built once per loader. */
export function environmentFor(node: LNode, loader: Loader): Promise<{ env?: Environment; errors: InputError[]; warnings: InputError[] }> {
  // An inline environment belongs to its spec; file lists are shared by every spec naming them.
  const key = node.kind === "map" ? undefined : JSON.stringify(node.kind === "seq" ? node.items.map(pathKey) : [pathKey(node)]);
  const build = async () => {
    const src = await gatherEnvironment(node);
    if (!src.tree) return { errors: [...src.errors], warnings: [...src.warnings] };
    // Built even when the files have schema errors, so that policy and reference errors are reported
    // in the same run; the environment is used only when there are no errors at all.
    const ctx = { ...loader.policies, errors: [], warnings: [] };
    const built = await buildEnvironment(src.tree, src.files, ctx);
    // A value the schema rejected (a policy reference that is a number, say) is reported once, by the schema.
    const invalid = schemaErrorPositions(src.errors);
    const errors = [...src.errors, ...built.errors.filter((e) => !invalid.has(`${e.file}:${e.line}:${e.column}`))];
    return {
      ...(built.environment && errors.length === 0 ? { env: built.environment } : {}),
      errors,
      warnings: [...src.warnings, ...built.warnings],
    };
  };
  if (key === undefined) return build();
  let p = loader.environments.get(key);
  if (!p) loader.environments.set(key, (p = build()));
  return p;
}

function pathKey(n: LNode): string {
  if (n.kind !== "scalar") return "";
  return resolve(dirname(n.pos.file), String(n.value));
}

function get(map: LMap, key: string): LNode | undefined {
  return map.entries.get(key)?.value;
}

function written(node: LNode | undefined): Written[] {
  if (!node) return [];
  const items = node.kind === "seq" ? node.items : [node];
  return items.flatMap((i) => (i.kind === "scalar" && i.value !== null ? [{ text: String(i.value), pos: i.pos }] : []));
}

/** The largest fuzzing budget, as for `--runs` (src/cli/main.ts). */
const MAX_RUNS = 10_000_000;

/** `file:line:column` of every schema error, to skip resolving what the schema already rejected. */
export function schemaErrorPositions(errors: readonly InputError[]): Set<string> {
  return new Set(errors.filter((e) => e.kind === "schema").map((e) => `${e.file}:${e.line}:${e.column}`));
}

/** Whether a schema error lies inside `node` (at the node, one of its keys or a value below it). */
function hasSchemaError(node: LNode, invalid: ReadonlySet<string>): boolean {
  if (invalid.size === 0) return false;
  const at = (p: { file: string; line: number; column: number }) => invalid.has(`${p.file}:${p.line}:${p.column}`);
  const walk = (n: LNode): boolean => {
    if (at(n.pos)) return true;
    if (n.kind === "seq") return n.items.some(walk);
    if (n.kind === "map") for (const e of n.entries.values()) if (at(e.keyPos) || walk(e.value)) return true;
    return false;
  };
  return walk(node);
}

/**
 * The session policies of an expectation, read first: the only part of an expectation that may read
 * files, so that the rest (buildExpectation) is synchronous and serves callers that cannot wait, such
 * as test-framework matchers.
 */
export async function resolveSessionPolicies(item: LMap, ctx: PolicyRefContext, invalid: ReadonlySet<string>): Promise<LoadedPolicy[]> {
  const sessionNode = get(item, "session");
  const pNode = sessionNode?.kind === "map" ? get(sessionNode, "policies") : undefined;
  const policies: { policy: LoadedPolicy; pos: SourcePos }[] = [];
  for (const p of pNode?.kind === "seq" ? pNode.items : []) {
    if (hasSchemaError(p, invalid)) continue;
    const loaded = await resolvePolicyRef(p, "session", "the session", ctx);
    if (loaded) policies.push({ policy: loaded, pos: p.pos });
  }
  ctx.warnings.push(...sessionPolicyLimits(policies));
  return policies.map((p) => p.policy);
}

/** One expectation of a spec (an item of `expect:`), its session policies already resolved. */
export function buildExpectation(env: Environment, item: LMap, index: number, ctx: PolicyRefContext, invalid: ReadonlySet<string>, sessionPolicies: LoadedPolicy[]): Expectation | undefined {
  const errorsBefore = ctx.errors.length;
  const mayNode = get(item, "may");
  const effect: Effect = mayNode ? "may" : get(item, "mayBecome") ? "mayBecome" : get(item, "mayNotBecome") ? "mayNotBecome" : "mayNot";
  const becoming = effect === "mayBecome" || effect === "mayNotBecome";
  const actions = becoming ? [] : written(mayNode ?? get(item, "mayNot"));
  const sessionNode = get(item, "session");
  const sessionName = sessionNode?.kind === "map" ? get(sessionNode, "name") : undefined;
  const name = sessionName?.kind === "scalar" && typeof sessionName.value === "string" ? sessionName.value : "iam-spec";

  const asNode = get(item, "as") as LNode;
  // What the schema rejected is reported once, by the schema; it is not resolved as well.
  const asRes: ReturnType<typeof resolvePrincipal> = hasSchemaError(asNode, invalid)
    ? { ok: false, errors: [] }
    : resolvePrincipal(env, asNode, { allowSets: effect === "mayNot" || becoming, sessionName: name });
  if (!asRes.ok) ctx.errors.push(...asRes.errors);
  let targets: BecomeTarget[] | undefined;
  if (becoming) {
    if (asRes.ok && asRes.value.kind === "set" && effect === "mayBecome") {
      ctx.errors.push(inputError("principal", asRes.value.pos ?? asNode.pos, `"${asRes.value.written}" is a set of principals; mayBecome needs one principal`,
        "name one principal in `as` (role/NAME, user/NAME or an ARN), or use mayNotBecome to check every principal of the set"));
    }
    targets = becomeTargets(env, item, effect, ctx.errors, invalid);
    if (asRes.ok && asRes.value.kind !== "set") selfTargetErrors(asRes.value, targets, effect, ctx.errors);
    for (const key of ["on", "assumedBy"] as const) {
      const entry = item.entries.get(key);
      if (entry) ctx.errors.push(inputError("schema", entry.keyPos, `${key} does not apply to ${effect}`,
        key === "on" ? "a path is made of whatever requests the environment allows; remove on" : "name the first principal of the chain in `as`: role chains are followed by themselves; remove assumedBy"));
    }
  }

  const assumedBy: Principal[] = [];
  const abNode = becoming ? undefined : get(item, "assumedBy");
  if (abNode) {
    const asIsRole = asRes.ok && (asRes.value.kind === "role-session" || (asRes.value.kind === "external-arn" && asRes.value.resourceType === "role"));
    if (asRes.ok && !asIsRole) {
      ctx.errors.push(inputError("principal", item.entries.get("assumedBy")?.keyPos ?? item.pos, "assumedBy needs a role in `as`", "name the role that the chain assumes in `as` (role/NAME or its ARN)"));
    }
    for (const [i, p] of (abNode.kind === "seq" ? abNode.items : [abNode]).entries()) {
      if (hasSchemaError(p, invalid)) continue;
      const r = resolvePrincipal(env, p, { allowSets: false });
      if (!r.ok) ctx.errors.push(...r.errors);
      else if (r.value.kind !== "set") {
        // Each hop assumes the next (IAM/latest/UserGuide/id_roles_terms-and-concepts.html, role
        // chaining): only a role can be assumed, so every entry after the first is one.
        const isRole = r.value.kind === "role-session" || (r.value.kind === "external-arn" && r.value.resourceType === "role");
        if (i > 0 && !isRole) {
          ctx.errors.push(inputError("principal", p.pos, `assumedBy[${i}]: ${r.value.written} is not a role, so the principal before it cannot assume it`,
            "after the first entry, a chain lists roles, each assumed by the one before (role/NAME or its ARN)"));
        } else assumedBy.push(r.value);
      }
    }
    // Every IAM role has a trust policy (CreateRole requires one); one written without it cannot be the
    // end of a chain: a may would fail and a mayNot hold for a reason that is only a gap in the environment.
    if (asRes.ok && asRes.value.kind === "role-session" && !asRes.value.role.trust) {
      const role = asRes.value.role;
      ctx.errors.push(inputError("reference", item.entries.get("assumedBy")?.keyPos ?? item.pos, `assumedBy: role ${role.arn} has no trust policy, so nobody can assume it`,
        `add trust: (the role's trust policy) to roles.${role.name} of account ${role.accountId}`));
    }
  }

  const onNode = get(item, "on");
  const on =
    onNode?.kind === "map"
      ? { match: written(get(onNode, "match")), except: written(get(onNode, "except")) }
      : { match: onNode ? written(onNode) : [{ text: "*", pos: item.pos }], except: [] as Written[] };
  const exceptOutside = onNode?.kind === "map" ? exceptsOutside(on.match, on.except) : [];
  for (const r of exceptOutside) {
    ctx.errors.push(inputError("schema", r.pos, `on.except: ${r.text} covers none of the resources of match, so leaving it out changes nothing`,
      "except names resources inside match: check the ARN, or remove it from except"));
  }
  for (const r of [...on.match, ...on.except]) {
    const problem = resourceArnProblem(r.text);
    if (problem && !invalid.has(`${r.pos.file}:${r.pos.line}:${r.pos.column}`)) ctx.errors.push(inputError("schema", r.pos, `on: ${problem.message}`, problem.hint));
    const twin = problem ? undefined : caseOnlyTwin(env, r.text);
    if (twin) ctx.errors.push(inputError("reference", r.pos, `on: ${r.text} is not in the environment; ${twin} differs from it only in case`, `write ${twin}: IAM names are not distinguished by case, but ARNs match case-sensitively, and AWS does not say which one a request naming the other reaches (IAM/latest/UserGuide/reference_identifiers.html)`));
  }

  const when: WhenEntry[] = [];
  const whenNode = get(item, "when");
  if (whenNode?.kind === "map") {
    // Condition key names are case-insensitive (IAM/latest/UserGuide/reference_policies_elements_condition.html):
    // two spellings of one key would be two values for it.
    const folded = new Map<string, string>();
    for (const e of whenNode.entries.values()) {
      if (e.key.trim() === "") {
        ctx.errors.push(inputError("schema", e.keyPos, "when: a condition key name is empty", "write the key, e.g. aws:SourceIp"));
        continue;
      }
      const keyProblem = conditionKeyProblem(e.key) ?? whenKeyProblem(e.key);
      if (keyProblem) {
        ctx.errors.push(inputError("schema", e.keyPos, `when: ${keyProblem.message}`, keyProblem.hint));
        continue;
      }
      checkWhenValues(e.key, e.value, ctx.errors, invalid);
      const lower = e.key.toLowerCase();
      const first = folded.get(lower);
      if (first !== undefined) {
        ctx.errors.push(inputError("schema", e.keyPos, `when: "${e.key}" and "${first}" are the same condition key (names are case-insensitive)`, "give the key once; use a list for several values"));
        continue;
      }
      folded.set(lower, e.key);
      const value = whenValue(e.key, e.value);
      if (value !== undefined && typeof value === "object" && value !== null && !Array.isArray(value) && (effect === "may" || effect === "mayBecome")) {
        ctx.errors.push(inputError("schema", e.value.pos, `when.${e.key}: { not: ... } is allowed only with mayNot and mayNotBecome`, `a ${effect} expectation checks concrete requests: give the value`));
      }
      if (value !== undefined) when.push({ key: e.key, value, pos: e.keyPos });
    }
  }

  const session = buildSession(sessionNode, name, asRes.ok ? asRes.value : undefined, item, ctx, sessionPolicies);
  if (asRes.ok && (effect === "mayNot" || effect === "mayNotBecome")) impossibleSession(asRes.value, session, effect, sessionNode, ctx.errors, assumedBy);
  const exactNode = get(item, "exact");
  const runsNode = get(item, "runs");
  if (runsNode?.kind === "scalar" && typeof runsNode.value === "number" && runsNode.value > MAX_RUNS && !hasSchemaError(runsNode, invalid)) {
    ctx.errors.push(inputError("schema", runsNode.pos, `runs: ${runsNode.raw ?? runsNode.value} is above the maximum ${MAX_RUNS}`, "a budget this large would not finish; use at most 10000000, and --fuzz-time to bound the wall-clock time"));
  }
  budgetWarnings(item, effect, ctx.warnings, invalid);
  const itNode = get(item, "it");
  if (ctx.errors.length > errorsBefore || !asRes.ok) return undefined;
  const as: PrincipalRef = asRes.value;
  return {
    it: itNode?.kind === "scalar" && typeof itNode.value === "string" ? itNode.value : defaultIt(as, effect, becoming ? (targets ?? []) : actions, on.match),
    as,
    assumedBy,
    effect,
    actions,
    ...(targets ? { targets } : {}),
    on,
    when,
    session,
    exact: exactNode?.kind === "scalar" && exactNode.value === true,
    ...(runsNode?.kind === "scalar" && typeof runsNode.value === "number" ? { runs: runsNode.value } : {}),
    pos: item.pos,
    index,
  };
}

/**
 * The `except` entries of `on` that share no ARN with any `match` entry (a typo: the resource meant to
 * be left out is still checked). Only where the patterns' shapes show it (surelyEmpty): never a guess.
 */
function exceptsOutside(match: readonly Written[], except: readonly Written[]): Written[] {
  if (match.some((m) => resourceArnProblem(m.text))) return [];
  return except.filter((e) => !resourceArnProblem(e.text) && match.every((m) => surelyEmpty(rx.inter(arnPatternRx(m.text), arnPatternRx(e.text)))));
}

/**
 * A `when` key must be a condition key name, SERVICE:Name[/tag] (IAM/latest/UserGuide/reference_policies_elements_condition.html).
 * `${aws:username}` is how a policy *reads* a key (reference_policies_variables.html), never a key
 * of the request: read as a key it would silently set nothing any policy looks at.
 */
function conditionKeyProblem(key: string): { message: string; hint: string } | undefined {
  const variable = /^\$\{([^}]*)\}$/.exec(key.trim());
  if (variable) {
    return {
      message: `"${key}" is a policy variable, not a condition key`,
      hint: `policies write \${...} to read a key; in when, name the key itself: ${variable[1] || "aws:username"}: VALUE`,
    };
  }
  if (/[${}]/.test(key) || !/^[^:]+:[^:].*$/.test(key)) {
    return { message: `"${key}" is not a condition key name`, hint: "a condition key is SERVICE:Name (aws:SourceIp, s3:prefix, aws:PrincipalTag/team)" };
  }
  // A tag key is one to 128 characters (tag-editor/latest/userguide/tagging.html): aws:PrincipalTag/ names no tag.
  if (/Tag\/$/i.test(key)) return { message: `"${key}" names no tag`, hint: `write the tag key after the slash: ${key}team` };
  return undefined;
}

/** Type checks of the values written for `key` (IP address, date, boolean, number: when-values.ts). */
function checkWhenValues(key: string, node: LNode, errors: InputError[], invalid: ReadonlySet<string>): void {
  if (hasSchemaError(node, invalid)) return;
  const not = node.kind === "map" ? node.entries.get("not")?.value : undefined;
  const source = not ?? node;
  const many = not === undefined && source.kind === "seq" ? whenListProblem(key, new Set(source.items.map((i) => (i.kind === "scalar" ? String(i.value) : i))).size) : undefined;
  if (many) errors.push(inputError("schema", source.pos, `when.${many.message}`, many.hint));
  for (const item of source.kind === "seq" ? source.items : [source]) {
    if (item.kind !== "scalar" || item.value === null) continue;
    const problem = whenValueProblem(key, item.value, not !== undefined);
    if (problem) errors.push(inputError("schema", item.pos, `when.${problem.message}`, problem.hint));
  }
}

function whenValue(key: string, node: LNode): WhenValue | undefined {
  if (node.kind === "scalar") return whenScalar(key, node);
  const scalars = (n: LNode): ContextScalar[] =>
    (n.kind === "seq" ? n.items : [n]).flatMap((i) => (i.kind === "scalar" && i.value !== null ? [whenScalar(key, i) as ContextScalar] : []));
  if (node.kind === "seq") return scalars(node);
  const not = node.entries.get("not")?.value;
  return not ? { not: scalars(not) } : undefined;
}

function buildSession(node: LNode | undefined, name: string, as: PrincipalRef | undefined, item: LMap, ctx: PolicyRefContext, policies: LoadedPolicy[]): SessionSpec {
  if (node?.kind !== "map") return { name, policies: [], tags: {} };
  const nameWritten = get(node, "name") !== undefined;
  const isRole = as && (as.kind === "role-session" || (as.kind === "external-arn" && as.resourceType === "role"));
  if (as && !isRole) {
    ctx.errors.push(inputError("schema", item.entries.get("session")?.keyPos ?? node.pos, "session applies only to a role in `as`", "name a role (role/NAME or its ARN) in `as`, or remove session"));
  }
  const si = get(node, "sourceIdentity");
  const ds = get(node, "durationSeconds");
  return {
    name,
    ...(nameWritten ? { nameWritten } : {}),
    policies,
    tags: tagsOf(get(node, "tags")),
    ...(si?.kind === "scalar" && typeof si.value === "string" ? { sourceIdentity: si.value } : {}),
    ...(ds?.kind === "scalar" && typeof ds.value === "number" ? { durationSeconds: ds.value } : {}),
    pos: node.pos,
  };
}

/**
 * A session longer than the role's maxSessionDuration, or than one hour when a role session assumes
 * the role, cannot be created (STS/latest/APIReference/API_AssumeRole.html, DurationSeconds): a mayNot
 * or mayNotBecome of it would hold having checked nothing. (A may or mayBecome
 * of it fails, saying why.)
 */
function impossibleSession(as: PrincipalRef, session: SessionSpec, effect: Effect, sessionNode: LNode | undefined, errors: InputError[], assumedBy: readonly Principal[]): void {
  const d = session.durationSeconds;
  if (as.kind !== "role-session" || d === undefined) return;
  const at = sessionNode?.kind === "map" ? sessionNode.entries.get("durationSeconds")?.value.pos : undefined;
  if (d > as.role.maxSessionDuration) {
    errors.push(inputError("schema", at ?? (sessionNode as LNode).pos, `session.durationSeconds: ${d} is above ${as.role.maxSessionDuration}, the maxSessionDuration of ${as.role.arn}: no such session exists, so this ${effect} would hold having checked nothing`,
      `use at most ${as.role.maxSessionDuration} seconds, or raise maxSessionDuration of role ${as.role.name} in the environment`));
    return;
  }
  // A role session that assumes a role is role chaining, "limited to a maximum of one hour"
  // (STS/latest/APIReference/API_AssumeRole.html, DurationSeconds): a longer session is refused.
  const last = assumedBy[assumedBy.length - 1];
  const chained = last !== undefined && (last.kind === "role-session" || (last.kind === "external-arn" && last.resourceType === "role"));
  if (chained && d > ONE_HOUR_SECONDS) {
    errors.push(inputError("schema", at ?? (sessionNode as LNode).pos, `session.durationSeconds: ${d} is above 3600, the limit for role chaining (${last.written} assumes ${as.role.arn}): no such session exists, so this ${effect} would hold having checked nothing`,
      "use at most 3600 seconds for a session made by a role session, or start the chain from a user"));
  }
}

const ONE_HOUR_SECONDS = 3600;

function defaultIt(as: PrincipalRef, effect: Effect, what: readonly (Written | BecomeTarget)[], on: readonly Written[]): string {
  const acts = what.map((a) => ("text" in a ? a.text : a.written)).join(", ");
  if (effect === "mayBecome" || effect === "mayNotBecome") return `${as.written} ${effect === "mayBecome" ? "may become" : "may never become"} ${acts}`;
  const res = on.length === 1 && on[0]?.text === "*" ? "" : ` on ${on.map((r) => r.text).join(", ")}`;
  return `${as.written} ${effect === "may" ? "may" : "may not"} ${acts}${res}`;
}

/** The value of the target keyword that stands for any admin-equivalent principal (contract section 2a). */
const ADMIN_TARGET = "admin";

/**
 * The targets of mayBecome / mayNotBecome: `admin`, or a user or role of the environment. Anything
 * else (a service, an account, anonymous, a principal outside the environment) is not something a
 * path of requests can make the caller act as, so it is an input error rather than a vacuous pass.
 */
function becomeTargets(env: Environment, item: LMap, effect: Effect, errors: InputError[], invalid: ReadonlySet<string>): BecomeTarget[] {
  const node = get(item, effect);
  const out: BecomeTarget[] = [];
  for (const t of node?.kind === "seq" ? node.items : node ? [node] : []) {
    if (hasSchemaError(t, invalid)) continue;
    if (t.kind === "scalar" && typeof t.value === "string" && t.value.toLowerCase() === ADMIN_TARGET) {
      out.push({ kind: "admin", written: t.value, pos: t.pos });
      continue;
    }
    // A set of principals is no one to become: `admin` is the keyword for "any admin-equivalent principal".
    if ((t.kind === "scalar" && t.value === "*") || (t.kind === "map" && (t.entries.has("from") || t.entries.has("notFrom")))) {
      errors.push(inputError("principal", t.pos, `${effect}: a target is one principal, not a set of principals`,
        "name a user or role of the environment (role/NAME, user/NAME or its ARN), a list of them, or admin for any admin-equivalent principal"));
      continue;
    }
    const r = resolvePrincipal(env, t, { allowSets: false });
    if (!r.ok) {
      errors.push(...r.errors.map((e) => (e.hint ? e : { ...e, hint: `a target is a user or role of the environment (role/NAME, user/NAME or its ARN), or admin` })));
      continue;
    }
    const p = r.value;
    if (p.kind === "user" || p.kind === "role-session") out.push({ kind: "principal", principal: p, written: p.written, pos: t.pos });
    else {
      errors.push(inputError("principal", t.pos, `${effect}: "${p.written}" is not a user or role of the environment, so no path can lead to it`,
        "name a user or role of the environment (role/NAME, user/NAME or its ARN), or admin for any admin-equivalent principal"));
    }
  }
  return out;
}

/**
 * A single principal always acts as itself: `mayBecome` of itself would pass and `mayNotBecome` of
 * itself fail without a single request being asked. Neither says anything about the environment.
 */
function selfTargetErrors(as: Principal, targets: readonly BecomeTarget[], effect: Effect, errors: InputError[]): void {
  const self = as.kind === "user" ? as.user.arn : as.kind === "role-session" ? as.role.arn : undefined;
  if (self === undefined) return;
  for (const t of targets) {
    if (t.kind !== "principal") continue;
    const arn = t.principal.kind === "user" ? t.principal.user.arn : t.principal.role.arn;
    if (arn !== self) continue;
    errors.push(inputError("principal", t.pos, `${effect}: "${t.written}" is the principal in \`as\` itself, which always acts as itself, so this ${effect} would ${effect === "mayBecome" ? "pass" : "fail"} without asking a single request`,
      `name another user or role of the environment, or admin${as.kind === "role-session" ? "; to ask what a session of the role may do, check its actions with may / mayNot" : ""}`));
  }
}

/**
 * `runs` and `exact` where they change nothing (a `may` evaluates the written request for every
 * sampled resource and fuzzes no context; `exact: true` asks one request per step): a budget nobody
 * spends, or `exact: false` on a `may`, reads as a promise the run does not keep. The contract lists
 * both keys for every expectation, so a spec that writes them is valid: a warning, and the
 * expectation is checked as if they were not there.
 */
function budgetWarnings(item: LMap, effect: Effect, warnings: InputError[], invalid: ReadonlySet<string>): void {
  const runs = item.entries.get("runs");
  const exact = item.entries.get("exact");
  const exactValue = exact && !hasSchemaError(exact.value, invalid) && exact.value.kind === "scalar" ? exact.value.value : undefined;
  if (runs && !hasSchemaError(runs.value, invalid)) {
    if (effect === "may") {
      warnings.push(inputWarning("schema", runs.keyPos, "runs does not apply to may: a may checks the request exactly as written, nothing is fuzzed",
        "remove runs: a fuzzing budget is for mayNot, mayBecome and mayNotBecome"));
    } else if (exactValue === true) {
      warnings.push(inputWarning("schema", runs.keyPos, "runs does not apply with exact: true: only the request as written is checked, nothing is fuzzed",
        "remove runs, or remove exact: true to fuzz the request context"));
    }
  }
  if (effect === "may" && exactValue === false) {
    warnings.push(inputWarning("schema", exact!.keyPos, "exact: false does not apply to may: a may always checks the request exactly as written",
      "remove exact: a may is exact already"));
  }
}

/**
 * Loads an environment file on its own (for commands that take an environment rather than specs,
 * such as `iam-spec graph`): the same gathering, imports and model building a spec's `environment:` gets.
 */
export async function loadEnvironmentFile(file: string, loader?: Loader): Promise<{ env?: Environment; errors: InputError[]; warnings: InputError[] }> {
  const l = loader ?? (await createLoader());
  const path = resolve(file);
  return environmentFor({ kind: "scalar", value: path, pos: { file: path, line: 1, column: 1 } }, l);
}
