/**
 * The oracle: one EvaluateInput run through @cloud-copilot/iam-simulate's public runSimulation.
 * iam-simulate is AGPL and a devDependency only: it is called here (test code) and never from src/.
 */
import { anonymousPrincipal, runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import type { ContextValue, Decision, EvaluateInput, PolicyLike } from "../../src/types.js";

/** "error": iam-simulate rejected the input (a validation error), so there is nothing to compare. */
export type OracleDecision = Decision | "error";

const DECISIONS: Record<string, Decision> = {
  Allowed: "Allow",
  ExplicitlyDenied: "ExplicitDeny",
  ImplicitlyDenied: "ImplicitDeny",
};

/** iam-simulate takes strings or string lists: numbers and booleans go as their text, as AWS sends them. */
function contextText(v: ContextValue | undefined): string | string[] | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(String);
  return String(v);
}

function named(list: readonly PolicyLike[] | undefined, prefix: string): { name: string; policy: unknown }[] {
  return (list ?? []).map((policy, i) => ({ name: `${prefix}${i + 1}`, policy }));
}

/**
 * The same request in iam-simulate's shape. Only raw documents can be translated (the harness never
 * passes compiled handles). More than one session policy cannot be expressed: callers must not generate it.
 */
export function toSimulation(input: EvaluateInput): Simulation {
  const contextVariables: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(input.context ?? {})) {
    const t = contextText(v);
    if (t !== undefined) contextVariables[k] = t;
  }
  if ((input.sessionPolicies?.length ?? 0) > 1) throw new Error("iam-simulate takes one session policy");
  const resourceAccount = input.resourceAccount ?? /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(input.resource)?.[1] ?? "";
  return {
    request: {
      principal: input.principal === "anonymous" ? anonymousPrincipal : input.principal,
      action: input.action,
      resource: { resource: input.resource, accountId: resourceAccount },
      contextVariables,
    },
    identityPolicies: named(input.identityPolicies, "identity"),
    // One entry per level, root first, as both APIs order them.
    serviceControlPolicies: (input.scps ?? []).map((level, i) => ({ orgIdentifier: `level-${i + 1}`, policies: named(level, `scp${i + 1}-`) })),
    resourceControlPolicies: (input.rcps ?? []).map((level, i) => ({ orgIdentifier: `level-${i + 1}`, policies: named(level, `rcp${i + 1}-`) })),
    ...(input.resourcePolicy ? { resourcePolicy: input.resourcePolicy } : {}),
    ...(input.permissionsBoundary ? { permissionBoundaryPolicies: [{ name: "boundary", policy: input.permissionsBoundary }] } : {}),
    ...(input.sessionPolicies?.[0] ? { sessionPolicy: input.sessionPolicies[0] } : {}),
    ...(input.vpcEndpointPolicies?.length ? { vpcEndpointPolicies: named(input.vpcEndpointPolicies, "vpce") } : {}),
  };
}

export interface OracleAnswer {
  decision: OracleDecision;
  /** The validation message when decision is "error". */
  error?: string;
}

export async function oracleDecide(input: EvaluateInput): Promise<OracleAnswer> {
  const res = await runSimulation(toSimulation(input), { simulationMode: "Strict" });
  if (res.resultType === "error") return { decision: "error", error: res.errors.message };
  const d = DECISIONS[res.overallResult];
  if (!d) throw new Error(`unexpected iam-simulate result ${res.overallResult}`);
  return { decision: d };
}

/**
 * Keys AWS adds to every request context that evaluate() derives from the ARNs (contract §7) but
 * iam-simulate does not: they go to the oracle explicitly, so that both see the request AWS sees
 * (IAM/latest/UserGuide/reference_policies_condition-keys.html, aws:PrincipalArn / aws:PrincipalAccount /
 * aws:username / aws:ResourceAccount).
 */
export function withDerivedContext(input: EvaluateInput): EvaluateInput {
  const ctx: Record<string, string | number | boolean | readonly (string | number | boolean)[] | null | undefined> = { ...input.context };
  const m = /^arn:(aws[\w-]*):(iam|sts)::(\d{12}):(user|assumed-role|root)\/?([^/]*)/.exec(input.principal);
  if (m) {
    const [, partition, , account, type, name] = m;
    ctx["aws:PrincipalAccount"] ??= account;
    ctx["aws:PrincipalArn"] ??= type === "assumed-role" ? `arn:${partition}:iam::${account}:role/${name}` : input.principal;
    if (type === "user") ctx["aws:username"] ??= name;
  }
  if (input.resourceAccount) ctx["aws:ResourceAccount"] ??= input.resourceAccount;
  return { ...input, context: ctx };
}
