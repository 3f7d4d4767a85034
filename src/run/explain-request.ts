/**
 * `iam-spec explain`: one concrete request against an environment, with the evaluator's trace: the
 * decision, what each policy type said and the statements that decided. The request is built exactly as
 * a `may` expectation with `exact: true` builds it (same principal resolution, derived keys, resource
 * side), so what explain shows is what a spec would check.
 */
import { relative, sep } from "node:path";
import { expandActions } from "../compile/actions.js";
import { callerOf } from "../compile/caller.js";
import { buildInput, policiesInPlay } from "../compile/request.js";
import { isUnknownPlaceholder } from "../import/unknown.js";
import { sampleResources } from "../compile/resources.js";
import { whenConstraints, writtenContext } from "../compile/sources.js";
import type { EnvironmentAt } from "../load/environment-at.js";
import { inputError, type Loaded } from "../load/errors.js";
import { hasWildcard } from "../match/wildcard.js";
import type { Expectation } from "../model/types.js";
import type { ContextValue, Decision, PointId, PolicyType, StatementRef } from "../types.js";
import { EVALUATOR, worldOf } from "./single.js";

export interface ExplainReport {
  request: { principal: string; action: string; resource: string; context: Record<string, ContextValue> };
  decision: Decision;
  reason: string;
  /**
   * Each policy type that applies to the request, in evaluation order, with its answer: `deny` (an
   * explicit Deny matched), `allow` (it grants: for SCPs and RCPs, every level of the organization
   * allows), `none` (it grants nothing); and each of its policies with the statements that matched.
   */
  policyTypes: { type: PolicyType; answer: "allow" | "deny" | "none"; policies: PolicyAnswer[] }[];
  deciding: StatementRef[];
  /** The reading of each open point (docs/aws-semantics-decision.md) the decision went through. */
  readings: Partial<Record<PointId, string>>;
  /** Open points whose other reading would change whether the request is allowed (absent: none). */
  undetermined?: readonly PointId[];
  /** What explain chose that the command line did not say (a resource sampled from a pattern). */
  notes: string[];
}

export interface PolicyAnswer {
  outcome: "allow" | "deny" | "none";
  /** SCPs and RCPs: the level of the organization tree (1 = root). */
  level?: number;
  statements: StatementRef[];
}

export function explainRequest(at: EnvironmentAt, exp: Expectation, cwd: string, options: { onWritten: boolean }): Loaded<ExplainReport> {
  const fail = (message: string, hint: string): Loaded<ExplainReport> => ({ ok: false, errors: [inputError("schema", exp.pos, message, hint)], warnings: [] });
  const { actions, errors } = expandActions(exp.actions);
  if (errors.length > 0) return { ok: false, errors, warnings: [] };
  if (actions.length !== 1) {
    const shown = actions.slice(0, 5).join(", ") + (actions.length > 5 ? ", ..." : "");
    return fail(`--action ${exp.actions.map((a) => a.text).join(", ")} names ${actions.length} actions (${shown}); explain takes one request`, "name one action, e.g. " + actions[0]);
  }
  if (exp.as.kind === "set") return fail(`--as ${exp.as.written} is a set of principals`, "name one principal");
  const action = actions[0] as string;
  const world = worldOf(at.environment);
  const onAccount = exp.on.match[0]?.text.split(":")[4];
  const account = (onAccount && /^\d{12}$/.test(onAccount) ? onAccount : undefined) ?? at.environment.accounts.keys().next().value;
  const caller = callerOf(exp.as, at.environment, exp.session, account);
  const callerAccount = caller.accountId !== undefined && at.environment.accounts.has(caller.accountId) ? caller.accountId : account;
  const resources = sampleResources(exp.on, action, world.envArns, { account: callerAccount ?? "111122223333" });
  const resource = resources[0];
  if (resource === undefined) return fail("--on leaves no resource", "name the resource ARN");
  if (!options.onWritten && resource !== "*" && !world.envArns.includes(resource)) {
    // A made-up ARN would answer a question nobody asked: without --on, only the environment's own resources stand in.
    return fail(`${action} acts on a resource, and the environment names none of its kind`, `give the resource with --on, e.g. --on ${resource}`);
  }
  const notes: string[] = [];
  const written = exp.on.match.map((w) => w.text);
  if (written.some(hasWildcard)) notes.push(`resource ${resource} stands for ${options.onWritten ? written.join(", ") : `the resources of ${action} (no --on)`}${resources.length > 1 ? `: the first of ${resources.length} in the environment` : ""}`);

  // A Terraform value known only after apply stands in a policy as a placeholder: its answer is not one.
  const unknown = policiesInPlay(world, caller, action, resource).find((p) => isUnknownPlaceholder(p.document));
  if (unknown) return fail(`the answer depends on ${unknown.name}, which is known only after terraform apply`, "make the value known in the plan (e.g. a literal name instead of a computed one), or explain after apply");
  const input = buildInput(world, caller, action, resource, writtenContext(whenConstraints(exp.when)));
  const explained = EVALUATOR.explain(input);
  const rel = (f: string) => relative(cwd, f).split(sep).join("/") || f;
  const shown = (s: StatementRef): StatementRef => ({
    ...s,
    ...(s.policy.startsWith("/") ? { policy: rel(s.policy) } : {}),
    ...(s.file ? { file: rel(s.file) } : {}),
  });
  return {
    ok: true,
    value: {
      request: { principal: caller.principal, action, resource, context: definedKeys(input.context ?? {}) },
      decision: explained.decision,
      reason: explained.reason,
      policyTypes: byType(explained.policies.map((p) => ({ type: p.type, outcome: p.outcome, ...(p.level !== undefined ? { level: p.level } : {}), statements: p.matched.map(shown) }))),
      deciding: explained.deciding.map(shown),
      readings: explained.readings,
      ...(explained.undetermined ? { undetermined: explained.undetermined } : {}),
      notes,
    },
    warnings: [],
  };
}

function definedKeys(context: Readonly<Record<string, ContextValue | undefined>>): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const [k, v] of Object.entries(context)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * Per-policy answers grouped by type. SCPs and RCPs grant only when every level of the organization
 * tree has an Allow (organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html); the
 * other types grant when any of their policies does.
 */
function byType(list: (PolicyAnswer & { type: PolicyType })[]): ExplainReport["policyTypes"] {
  const out: ExplainReport["policyTypes"] = [];
  for (const { type, ...answer } of list) {
    let entry = out.find((e) => e.type === type);
    if (!entry) out.push((entry = { type, answer: "none", policies: [] }));
    entry.policies.push(answer);
  }
  for (const e of out) {
    const levels = new Map<number, boolean>();
    for (const p of e.policies) if (p.level !== undefined) levels.set(p.level, (levels.get(p.level) ?? false) || p.outcome === "allow");
    const grants = levels.size > 0 ? [...levels.values()].every(Boolean) : e.policies.some((p) => p.outcome === "allow");
    e.answer = e.policies.some((p) => p.outcome === "deny") ? "deny" : grants ? "allow" : "none";
  }
  return out;
}
