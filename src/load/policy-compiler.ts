/**
 * The two policy functions the loader needs, behind an interface so that the loader does not care
 * where they come from (the library entry point by default; tests may pass their own).
 */
import type { PolicyIssue } from "../policy/issues.js";
import type { CompiledPolicyHandle, PolicySource, PolicyType } from "../types.js";

export interface PolicyCompiler {
  validatePolicy(doc: unknown, type: PolicyType, options?: { checkActions?: boolean }): PolicyIssue[];
  compilePolicy(doc: unknown, type: PolicyType, source: PolicySource): CompiledPolicyHandle;
}

/** The library's own compiler, imported on first use. */
export async function defaultPolicyCompiler(): Promise<PolicyCompiler> {
  const lib = await import("../index.js");
  return { validatePolicy: lib.validatePolicy, compilePolicy: lib.compilePolicy };
}
