/**
 * How a deciding statement is named to people, the same in every reporter:
 * `SCP FullAWSAccess (level 2), statement 1 at scps/region.json:4`.
 */
import type { PolicyType } from "../types.js";
import type { DecidingStatement } from "./types.js";

export const POLICY_TYPE_LABELS: Record<PolicyType, string> = {
  identity: "identity policy",
  resource: "resource policy",
  trust: "trust policy",
  boundary: "permissions boundary",
  session: "session policy",
  scp: "SCP",
  rcp: "RCP",
  vpce: "VPC endpoint policy",
};

export function statementName(s: DecidingStatement): { what: string; at?: string } {
  const label = s.policy.startsWith(POLICY_TYPE_LABELS[s.policyType]) ? s.policy : `${POLICY_TYPE_LABELS[s.policyType]} ${s.policy}`;
  const level = s.level !== undefined ? ` (level ${s.level})` : "";
  // Statement numbers count from 1, as people read a policy; the Sid wins where there is one.
  const id = s.sid ? `Sid ${JSON.stringify(s.sid)}` : `statement ${s.statementIndex + 1}`;
  const at = s.file ? `${s.file}${s.line !== undefined ? `:${s.line}` : ""}` : undefined;
  return { what: `${label}${level}, ${id}`, ...(at !== undefined ? { at } : {}) };
}
