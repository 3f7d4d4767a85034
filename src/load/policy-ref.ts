/**
 * Resolves policy references (contract section 3, "policy reference") to compiled policies: inline
 * documents, JSON/YAML policy files, AWS managed policy ARNs (bundled data, loaded only when one is
 * referenced), customer managed policy ARNs of the environment's accounts, and the default
 * FullAWSAccess SCP / RCPFullAWSAccess RCP.
 */
import { readFile } from "node:fs/promises";
import { dirname, join, isAbsolute } from "node:path";
import type { LoadedPolicy, PolicyOrigin, SourcePos } from "../model/types.js";
import { formatPath } from "../policy/issues.js";
import type { PolicyType } from "../types.js";
import { inputError, inputWarning, type InputError } from "./errors.js";
import { didYouMean, orList } from "./hints.js";
import { keyPosAt, posAt, statementPositions, toJS, type LNode } from "./located.js";
import type { PolicyCompiler } from "./policy-compiler.js";
import { readLocatedFile } from "./read-file.js";
import { withImpliedResource } from "../import/implied-resource.js";

/** Every policy error says how to fix it; where a rule has no hint of its own, the grammar is the answer. */
const POLICY_GRAMMAR_HINT = "see IAM/latest/UserGuide/reference_policies_grammar.html for how a policy is written";

/**
 * The default SCP and RCP, as AWS attaches them
 * (organizations/latest/userguide/orgs_manage_policies_scps.html: "FullAWSAccess";
 * organizations/latest/userguide/orgs_manage_policies_rcps.html: "RCPFullAWSAccess").
 */
export const FULL_AWS_ACCESS = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
} as const;
export const RCP_FULL_AWS_ACCESS = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
} as const;

/** Policy types a managed policy (AWS or customer) can be attached as. */
const MANAGED_ATTACHABLE: ReadonlySet<PolicyType> = new Set<PolicyType>(["identity", "boundary", "session"]);

/** "identity policy", "SCP", ... for messages. */
function typeNoun(type: PolicyType): string {
  return typeLabel(type).replace(/^an? /, "");
}

/** "an identity policy", "an SCP", ... for messages. */
export function typeLabel(type: PolicyType): string {
  switch (type) {
    case "identity":
      return "an identity policy";
    case "boundary":
      return "a permissions boundary";
    case "session":
      return "a session policy";
    case "scp":
      return "an SCP";
    case "rcp":
      return "an RCP";
    case "trust":
      return "a trust policy";
    case "resource":
      return "a resource policy";
    case "vpce":
      return "a VPC endpoint policy";
    default:
      return `a ${String(type)} policy`;
  }
}
const CUSTOMER_MANAGED = /^arn:aws(?:-cn|-us-gov)?:iam::(\d{12}):policy\/(.+)$/;
/** An AWS managed policy ARN of any partition (the loader resolves it: src/data/managed-policies.ts). */
const AWS_MANAGED = /^arn:(aws|aws-cn|aws-us-gov):iam::aws:policy\//;

/** What a customer managed policy ARN resolves to: its document node (for positions) and file. */
export interface CustomerPolicyEntry {
  readonly arn: string;
  readonly doc: unknown;
  readonly node?: LNode;
  readonly file?: string;
  readonly name: string;
}

export interface PolicyRefContext {
  readonly compiler: PolicyCompiler;
  readonly errors: InputError[];
  readonly warnings: InputError[];
  /** Customer managed policies of the environment, by ARN; a function, as they are read in a first pass. */
  readonly customerPolicies: (arn: string) => CustomerPolicyEntry | undefined;
  readonly customerPolicyArns: () => Iterable<string>;
  /** Parsed policy files, by path (each file is read once however often it is referenced). */
  readonly fileCache: Map<string, Promise<{ node?: LNode; errors: InputError[] }>>;
  /** Bytes of policy files being read ahead of their references (readAhead), by path. */
  readonly ahead?: Map<string, Promise<Buffer>>;
  /** Compiled policies by (document identity, type), so that a policy used twice is compiled once. */
  readonly compiled: Map<string, LoadedPolicy>;
  /** Errors already reported, so a shared file's problem is reported once. */
  readonly reported: Set<string>;
  /**
   * Compile-cache keys of documents found invalid: a broken file referenced by thousands of principals
   * is validated once, not once per reference. Optional for contexts built by hand.
   */
  readonly invalid?: Set<string>;
}

/**
 * Resolves `ref` (a policy reference node) as a policy of `type`. `owner` names what the policy is
 * attached to, for messages ("role/deploy"). Returns undefined (and records errors) when it cannot.
 * `impliedResource`: the ARN a statement without Resource or NotResource applies to, for resource
 * policies whose service writes none (an ECR repository policy: src/import/implied-resource.ts).
 */
export async function resolvePolicyRef(
  ref: LNode,
  type: PolicyType,
  owner: string,
  ctx: PolicyRefContext,
  impliedResource?: string,
): Promise<LoadedPolicy | undefined> {
  const now = resolvePolicyRefNow(ref, type, owner, ctx, impliedResource);
  if (now !== "pending") return now.policy;
  if (ref.kind !== "scalar" || typeof ref.value !== "string" || ref.value === "") {
    report(ctx, inputError("policy", ref.pos, "a policy reference must be a policy document (mapping), a file path, a policy ARN, FullAWSAccess or RCPFullAWSAccess", "write a path such as ./policies/deploy.json, an ARN or an inline document"));
    return undefined;
  }
  const text = ref.value;
  if (text === "FullAWSAccess" || text === "RCPFullAWSAccess") {
    const wanted = text === "FullAWSAccess" ? "scp" : "rcp";
    if (type !== wanted) {
      report(ctx, inputError("policy", ref.pos, `${text} is the default ${wanted.toUpperCase()}; it cannot be used as ${typeLabel(type)}`,
        type === "scp" ? "the default SCP is FullAWSAccess" : type === "rcp" ? "the default RCP is RCPFullAWSAccess, attached at every level anyway" : `${text} belongs in organization scps/rcps lists only`));
      return undefined;
    }
    return defaultOrgPolicy(ctx, text, ref.pos);
  }
  if ((AWS_MANAGED.test(text) || CUSTOMER_MANAGED.test(text)) && !MANAGED_ATTACHABLE.has(type)) {
    // Managed policies attach to users, groups and roles (identity or boundary) and to sessions (PolicyArns);
    // SCPs, RCPs, trust, resource and endpoint policies are documents of their own.
    report(ctx, inputError("policy", ref.pos, `${text} is a managed IAM policy; it cannot be used as ${typeLabel(type)}`,
      type === "scp" || type === "rcp" ? `write the ${type.toUpperCase()} as a policy file or inline document (FullAWSAccess${type === "rcp" ? " / RCPFullAWSAccess" : ""} for the default)` : "write the policy as a file or an inline document"));
    return undefined;
  }
  if (AWS_MANAGED.test(text)) return awsManaged(ctx, ref, text, type);
  const customer = CUSTOMER_MANAGED.exec(text);
  if (customer) {
    const account = customer[1] as string;
    report(ctx, inputError("reference", ref.pos, `customer managed policy ${text} is not defined`,
      didYouMean(text, ctx.customerPolicyArns()) ?? `define it under accounts."${account}".policies`));
    return undefined;
  }
  if (text.startsWith("arn:")) {
    report(ctx, inputError("policy", ref.pos, `"${text}" is not a policy ARN`, "expected arn:aws:iam::aws:policy/NAME or arn:aws:iam::ACCOUNT:policy/NAME"));
    return undefined;
  }
  if (/^(full ?aws ?access|rcp ?full ?aws ?access)$/i.test(text)) {
    report(ctx, inputError("policy", ref.pos, `unknown policy "${text}"`, didYouMean(text, type === "scp" ? ["FullAWSAccess"] : type === "rcp" ? ["RCPFullAWSAccess"] : ["FullAWSAccess", "RCPFullAWSAccess"])));
    return undefined;
  }
  return policyFile(ctx, ref, text, type, impliedResource);
}

/**
 * The references that need neither a file nor the bundled managed policies (an inline document, a
 * defined customer managed policy ARN), resolved synchronously, for callers that cannot wait
 * (test-framework matchers); `pending` for every other reference.
 */
export function resolvePolicyRefNow(ref: LNode, type: PolicyType, owner: string, ctx: PolicyRefContext, impliedResource?: string): { policy: LoadedPolicy | undefined } | "pending" {
  if (ref.kind === "map") {
    const node = impliedResource ? withImpliedResource(ref, impliedResource) : ref;
    return { policy: compileDoc(ctx, node, toJS(node, { leadingZeroText: true }), type, { origin: "inline", name: `inline ${type} policy of ${owner}`, file: ref.pos.file, refPos: ref.pos, key: `inline:${posKey(ref.pos)}${impliedResource ? `#${impliedResource}` : ""}` }) };
  }
  const text = ref.kind === "scalar" && typeof ref.value === "string" ? ref.value : "";
  const entry = CUSTOMER_MANAGED.test(text) && MANAGED_ATTACHABLE.has(type) ? ctx.customerPolicies(text) : undefined;
  if (!entry) return "pending";
  return {
    policy: compileDoc(ctx, entry.node, entry.doc, type, { origin: "customer-managed", name: entry.arn, arn: entry.arn, ...(entry.file ? { file: entry.file } : {}), refPos: ref.pos, key: `cm:${entry.arn}@${entry.node ? posKey(entry.node.pos) : ""}` }),
  };
}

/** Parsed (and cached) policy file node; errors are reported by the caller. */
export function readPolicyFile(ctx: PolicyRefContext, file: string, namedAt: SourcePos) {
  let p = ctx.fileCache.get(file);
  if (!p) {
    const bytes = ctx.ahead?.get(file);
    p = readLocatedFile(file, namedAt, bytes ? { bytes } : undefined);
    ctx.fileCache.set(file, p);
    ctx.ahead?.delete(file);
  }
  return p;
}

/** The file a policy reference names, if it names one (not an inline document, an ARN or a default SCP/RCP). */
function referencedFile(ref: LNode): string | undefined {
  if (ref.kind !== "scalar" || typeof ref.value !== "string" || ref.value === "") return undefined;
  const text = ref.value;
  if (text.startsWith("arn:") || /^(rcp ?)?full ?aws ?access$/i.test(text)) return undefined;
  return isAbsolute(text) ? text : join(dirname(ref.pos.file), text);
}

/**
 * Starts reading, all at once, the policy files that these references name. The loader resolves
 * references one after another (their order decides which reference reports a shared file's
 * problem), so a thousand trust policy files were a thousand reads in a row, each waiting for the
 * last. Only the bytes are read ahead: parsing, and every message, still happen where each reference
 * is resolved, as before.
 */
export function readAhead(ctx: PolicyRefContext, refs: Iterable<LNode>): void {
  const ahead = ctx.ahead;
  if (!ahead) return;
  for (const ref of refs) {
    const file = referencedFile(ref);
    if (file === undefined || ctx.fileCache.has(file) || ahead.has(file)) continue;
    const bytes = readFile(file);
    // A failed read is reported when (and if) a reference asks for the file.
    bytes.catch(() => undefined);
    ahead.set(file, bytes);
  }
}

async function policyFile(ctx: PolicyRefContext, ref: LNode, path: string, type: PolicyType, impliedResource?: string): Promise<LoadedPolicy | undefined> {
  const file = isAbsolute(path) ? path : join(dirname(ref.pos.file), path);
  const read = await readPolicyFile(ctx, file, ref.pos);
  if (!read.node) {
    // A missing file is reported at each reference; a broken file once, at its own position.
    for (const e of read.errors) report(ctx, e.kind === "file" ? inputError("file", ref.pos, e.message, e.hint) : e);
    return undefined;
  }
  // A file referenced many times is converted and validated once (toJS of a large document is not free).
  // (A file shared by two ECR repositories reads as two policies, each on its own repository.)
  const key = `file:${file}${impliedResource ? `#${impliedResource}` : ""}`;
  const cached = ctx.compiled.get(`${type}|${key}`);
  if (cached) return { ...cached, pos: ref.pos };
  if (ctx.invalid?.has(`${type}|${key}`)) return undefined;
  const node = impliedResource ? withImpliedResource(read.node, impliedResource) : read.node;
  return compileDoc(ctx, node, toJS(node, { leadingZeroText: true }), type, { origin: "file", name: file, file, refPos: ref.pos, key });
}

async function awsManaged(ctx: PolicyRefContext, ref: LNode, arn: string, type: PolicyType): Promise<LoadedPolicy | undefined> {
  // Loaded lazily: a suite without AWS managed policies never pays for the bundled data.
  const managed = await import("../data/managed-policies.js");
  // Attached by thousands of roles in a large organization: compiled (and copied out of the bundle) once.
  const key = `aws:${arn}`;
  const cached = ctx.compiled.get(`${type}|${key}`);
  if (cached) return { ...cached, pos: ref.pos };
  const doc = managed.getManagedPolicy(arn);
  if (!doc) {
    const near = managed.closestManagedPolicies(arn);
    report(ctx, inputError("policy", ref.pos, `unknown AWS managed policy ${arn}`, near.length > 0 ? `did you mean ${orList(near)}?` : "AWS managed policy names are case-sensitive and include their path"));
    return undefined;
  }
  return compileDoc(ctx, undefined, doc, type, { origin: "aws-managed", name: arn, arn, refPos: ref.pos, key });
}

function defaultOrgPolicy(ctx: PolicyRefContext, name: "FullAWSAccess" | "RCPFullAWSAccess", pos: SourcePos | undefined): LoadedPolicy | undefined {
  const doc = name === "FullAWSAccess" ? FULL_AWS_ACCESS : RCP_FULL_AWS_ACCESS;
  const type: PolicyType = name === "FullAWSAccess" ? "scp" : "rcp";
  return compileDoc(ctx, undefined, doc, type, { origin: name, name, ...(pos ? { refPos: pos } : {}), key: `default:${name}` });
}

/** The implicit FullAWSAccess / RCPFullAWSAccess of an org level (no position: nobody wrote it). */
export function defaultPolicy(ctx: PolicyRefContext, name: "FullAWSAccess" | "RCPFullAWSAccess"): LoadedPolicy {
  const p = defaultOrgPolicy(ctx, name, undefined);
  if (!p) throw new Error(`cannot compile the built-in ${name}`);
  return p;
}

interface CompileInfo {
  origin: PolicyOrigin;
  name: string;
  file?: string;
  arn?: string;
  refPos?: SourcePos;
  /** Identity of the document, for the compile cache. */
  key: string;
}

function compileDoc(ctx: PolicyRefContext, node: LNode | undefined, doc: unknown, type: PolicyType, info: CompileInfo): LoadedPolicy | undefined {
  const cacheKey = inlineKey(ctx, `${type}|${info.key}`, info.origin, doc);
  const cached = ctx.compiled.get(cacheKey);
  if (cached) return info.refPos ? { ...cached, pos: info.refPos } : cached;
  // Its errors were reported (at the document) the first time.
  if (ctx.invalid?.has(cacheKey)) return undefined;
  const at = (path: readonly (string | number)[]): SourcePos =>
    node ? posAt(node, path) : info.refPos ?? { file: info.file ?? info.name, line: 1, column: 1 };
  // A policy file's own errors are positioned in it: the file name would only repeat the position.
  const label = info.origin === "inline" ? info.name : info.origin === "file" && node ? typeNoun(type) : `${typeNoun(type)} ${info.name}`;
  let hasError = false;
  let issues;
  try {
    issues = ctx.compiler.validatePolicy(doc, type, { checkActions: info.origin !== "aws-managed" });
  } catch (err) {
    report(ctx, inputError("policy", at([]), `invalid ${label}: ${(err as Error).message}`, POLICY_GRAMMAR_HINT));
    ctx.invalid?.add(cacheKey);
    return undefined;
  }
  for (const issue of issues) {
    // AWS managed policies are AWS's to fix: their stale actions are not the user's problem.
    if (issue.severity !== "error" && info.origin === "aws-managed") continue;
    const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : "";
    const message = `${where}${issue.message}`;
    // An issue about a key itself (an unknown element or operator) points at the key, not its value.
    const last = issue.path[issue.path.length - 1];
    const aboutKey = node !== undefined && typeof last === "string" && /^(unknown|duplicate)\b/.test(issue.message) && issue.message.includes(`"${last}"`);
    const pos = aboutKey ? keyPosAt(node, issue.path) : at(issue.path);
    if (issue.severity === "error") {
      hasError = true;
      report(ctx, inputError("policy", pos, `invalid ${label}: ${message}`, issue.hint ?? POLICY_GRAMMAR_HINT));
    } else {
      const w = inputWarning("policy", pos, `${label}: ${message}`, issue.hint);
      const k = `${w.file}:${w.line}:${w.column}:${w.message}`;
      if (!ctx.reported.has(k)) {
        ctx.reported.add(k);
        ctx.warnings.push(w);
      }
    }
  }
  if (hasError) {
    ctx.invalid?.add(cacheKey);
    return undefined;
  }
  const positions = node ? statementPositions(node) : undefined;
  let handle;
  try {
    handle = ctx.compiler.compilePolicy(doc, type, {
      name: info.name,
      ...(node ? { file: node.pos.file } : info.file ? { file: info.file } : {}),
      ...(positions ? { statementLines: positions.lines, statementColumns: positions.columns } : {}),
    });
  } catch (err) {
    report(ctx, inputError("policy", at([]), `invalid ${label}: ${(err as Error).message}`, POLICY_GRAMMAR_HINT));
    ctx.invalid?.add(cacheKey);
    return undefined;
  }
  const loaded: LoadedPolicy = {
    handle,
    name: info.name,
    type,
    origin: info.origin,
    ...(node ? { file: node.pos.file } : info.file ? { file: info.file } : {}),
    ...(info.arn ? { arn: info.arn } : {}),
    document: doc,
  };
  ctx.compiled.set(cacheKey, loaded);
  return info.refPos ? { ...loaded, pos: info.refPos } : loaded;
}

/**
 * An inline document is cached by where it is written; documents an import generates can share a
 * position (their source's), so a document other than the one compiled there gets a key of its own,
 * with its text: never another document's compiled policy. Behind a key found invalid, the document
 * is checked again under such a key (its errors are reported once: report() drops repeats).
 */
function inlineKey(ctx: PolicyRefContext, key: string, origin: PolicyOrigin, doc: unknown): string {
  if (origin !== "inline") return key;
  const cached = ctx.compiled.get(key);
  if (cached?.document === doc || (!cached && !ctx.invalid?.has(key))) return key;
  const text = JSON.stringify(doc);
  return cached && JSON.stringify(cached.document) === text ? key : `${key}#${text}`;
}

function report(ctx: PolicyRefContext, e: InputError): void {
  const k = `${e.file}:${e.line}:${e.column}:${e.message}`;
  if (ctx.reported.has(k)) return;
  ctx.reported.add(k);
  ctx.errors.push(e);
}

function posKey(p: SourcePos): string {
  return `${p.file}:${p.line}:${p.column}`;
}
