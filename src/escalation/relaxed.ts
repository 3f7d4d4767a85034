/**
 * The cheap question asked before any search: could this request be allowed under SOME context? Every
 * policy of the request is replaced by a relaxed copy whose Allow statements have no Condition and
 * whose conditional Deny statements are gone. Removing conditions from an Allow only adds allows and
 * removing a conditional Deny only removes denies, so when the relaxed request is not allowed, no
 * request context at all makes the real one allowed (IAM/latest/UserGuide/reference_policies_evaluation-logic.html:
 * the decision is monotone in which statements match). A relaxed Allow is only a hint: the step is
 * then searched for a concrete request, and only a concrete allowed request makes an edge.
 */
import { possiblyAllowed } from "../compile/undetermined.js";
import { compilePolicy, evaluate } from "../index.js";
import { isCompiledPolicy, type CompiledPolicy, type CompiledStatement } from "../evaluator/compiled-policy.js";
import type { EvaluateInput, PolicyLike, PolicyType } from "../types.js";

const relaxedByPolicy = new WeakMap<object, CompiledPolicy>();

function relaxPolicy(p: PolicyLike, type: PolicyType): CompiledPolicy {
  let out = relaxedByPolicy.get(p);
  if (out) return out;
  const compiled = isCompiledPolicy(p) ? p : (compilePolicy(p, type) as CompiledPolicy);
  const memo = new Map<CompiledStatement, CompiledStatement | undefined>();
  const relax = (st: CompiledStatement): CompiledStatement | undefined => {
    if (memo.has(st)) return memo.get(st);
    const r = st.allow ? (st.condition ? withoutCondition(st) : st) : st.condition ? undefined : st;
    memo.set(st, r);
    return r;
  };
  const list = (sts: readonly CompiledStatement[]) => sts.flatMap((s) => relax(s) ?? []);
  const byService = new Map<string, readonly CompiledStatement[]>();
  for (const [svc, sts] of compiled.byService) byService.set(svc, list(sts));
  out = { ...compiled, byService, anyService: list(compiled.anyService), byAction: undefined };
  relaxedByPolicy.set(p, out);
  return out;
}

function withoutCondition(st: CompiledStatement): CompiledStatement {
  const { condition: _dropped, ...rest } = st;
  return rest;
}

/** The input with every policy relaxed (see above). */
export function relaxInput(input: EvaluateInput): EvaluateInput {
  const each = (list: readonly PolicyLike[] | undefined, type: PolicyType) => (list ?? []).map((p) => relaxPolicy(p, type));
  const out: EvaluateInput = {
    ...input,
    identityPolicies: each(input.identityPolicies, "identity"),
    sessionPolicies: each(input.sessionPolicies, "session"),
    vpcEndpointPolicies: each(input.vpcEndpointPolicies, "vpce"),
    scps: (input.scps ?? []).map((level) => each(level, "scp")),
    rcps: (input.rcps ?? []).map((level) => each(level, "rcp")),
  };
  if (input.permissionsBoundary) out.permissionsBoundary = relaxPolicy(input.permissionsBoundary, "boundary");
  if (input.resourcePolicy) {
    const type = isCompiledPolicy(input.resourcePolicy) ? input.resourcePolicy.type : "resource";
    out.resourcePolicy = relaxPolicy(input.resourcePolicy, type);
  }
  return out;
}

/** Whether some request context could make `input` allowed under some reading of the open points (false: none can). */
export function couldBeAllowed(input: EvaluateInput): boolean {
  return possiblyAllowed(evaluate(relaxInput(input)));
}

const byCaller = new WeakMap<object, Map<string, boolean>>();

/**
 * Whether the caller's own policies hold an Allow statement for the action at all (any resource, any
 * condition), and no statement anywhere among them could deny it. When neither, and no resource
 * policy can grant the request, the request is an implicit deny under every context: the step needs
 * no evaluation (IAM/latest/UserGuide/reference_policies_evaluation-logic.html: without a resource
 * policy an identity-based allow is required).
 */
export function identityMentions(caller: { identityPolicies: readonly PolicyLike[]; boundary?: PolicyLike | undefined; sessionPolicies: readonly PolicyLike[]; scps: readonly (readonly PolicyLike[])[] }, action: string): boolean {
  let memo = byCaller.get(caller);
  if (!memo) byCaller.set(caller, (memo = new Map()));
  let answer = memo.get(action);
  if (answer === undefined) {
    const colon = action.indexOf(":");
    const service = action.slice(0, colon).toLowerCase();
    const name = action.slice(colon + 1).toLowerCase();
    const covering = (p: PolicyLike, type: PolicyType, allow: boolean) => {
      const c = isCompiledPolicy(p) ? p : (compilePolicy(p, type) as CompiledPolicy);
      const sts = [...(c.byService.get(service) ?? []), ...c.anyService];
      return sts.some((st) => st.allow === allow && st.matchesAction(service, name));
    };
    const denies = [
      ...caller.identityPolicies.map((p) => [p, "identity"] as const),
      ...caller.sessionPolicies.map((p) => [p, "session"] as const),
      ...(caller.boundary ? [[caller.boundary, "boundary"] as const] : []),
      ...caller.scps.flatMap((level) => level.map((p) => [p, "scp"] as const)),
    ].some(([p, type]) => covering(p, type, false));
    answer = denies || caller.identityPolicies.some((p) => covering(p, "identity", true));
    memo.set(action, answer);
  }
  return answer;
}
