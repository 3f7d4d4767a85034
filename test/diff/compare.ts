/**
 * One scenario through both evaluators, and a campaign over many: decisions side by side, each
 * disagreement triaged (triage.ts), counts per feature tag.
 */
import { evaluate } from "../../src/index.js";
import type { Decision, EvaluateInput } from "../../src/types.js";
import { oracleDecide, type OracleDecision } from "./oracle.js";
import type { Scenario } from "./scenarios.js";
import { triage, type Verdict } from "./triage.js";

export interface Outcome {
  scenario: Scenario;
  ours: Decision | "error";
  oursError?: string;
  theirs: OracleDecision;
  theirsError?: string;
  /** undefined when the two agree (or the oracle could not run the request). */
  verdict?: Verdict;
}

/**
 * Keys AWS adds to every request context that evaluate() derives from the ARNs (contract §7) but
 * iam-simulate does not: they go to the oracle explicitly, so that both see the request AWS sees
 * (IAM/latest/UserGuide/reference_policies_condition-keys.html, aws:PrincipalArn / aws:PrincipalAccount /
 * aws:username / aws:ResourceAccount).
 */
export function withDerivedContext(input: EvaluateInput): EvaluateInput {
  const ctx: Record<string, string | number | boolean | readonly (string | number | boolean)[] | null | undefined> = { ...input.context };
  const m = /^arn:aws:(iam|sts)::(\d{12}):(user|assumed-role|root)\/?([^/]*)/.exec(input.principal);
  if (m) {
    const [, , account, type, name] = m;
    ctx["aws:PrincipalAccount"] ??= account;
    ctx["aws:PrincipalArn"] ??= type === "assumed-role" ? `arn:aws:iam::${account}:role/${name}` : input.principal;
    if (type === "user") ctx["aws:username"] ??= name;
  }
  if (input.resourceAccount) ctx["aws:ResourceAccount"] ??= input.resourceAccount;
  return { ...input, context: ctx };
}

export async function compare(scenario: Scenario): Promise<Outcome> {
  let ours: Decision | "error";
  let oursError: string | undefined;
  try {
    ours = evaluate(scenario.input).decision;
  } catch (e) {
    ours = "error";
    oursError = (e as Error).message;
  }
  const answer = await oracleDecide(withDerivedContext(scenario.input));
  const out: Outcome = { scenario, ours, theirs: answer.decision };
  if (oursError !== undefined) out.oursError = oursError;
  if (answer.error !== undefined) out.theirsError = answer.error;
  if (ours !== answer.decision && answer.decision !== "error") out.verdict = await triage(scenario.input, ours, answer.decision, withDerivedContext);
  return out;
}

export interface CategoryCount {
  requests: number;
  disagreements: number;
}

export interface CampaignReport {
  requests: number;
  /** Requests iam-simulate refused to run (input validation), not compared. */
  oracleErrors: number;
  agreements: number;
  byVerdict: Record<string, number>;
  byTag: Record<string, CategoryCount>;
  byDecision: Record<string, number>;
  outcomes: Outcome[];
}

export function emptyReport(): CampaignReport {
  return { requests: 0, oracleErrors: 0, agreements: 0, byVerdict: {}, byTag: {}, byDecision: {}, outcomes: [] };
}

/**
 * Runs `list` through both evaluators and adds to `report`. `keepAll` false keeps only the outcomes
 * that disagree (long campaigns).
 */
export async function campaign(list: readonly Scenario[], report = emptyReport(), keepAll = true): Promise<CampaignReport> {
  for (const s of list) {
    const o = await compare(s);
    if (keepAll || o.verdict) report.outcomes.push(o);
    report.requests++;
    if (o.theirs === "error") {
      report.oracleErrors++;
      continue;
    }
    report.byDecision[o.ours] = (report.byDecision[o.ours] ?? 0) + 1;
    if (!o.verdict) report.agreements++;
    else report.byVerdict[o.verdict.id] = (report.byVerdict[o.verdict.id] ?? 0) + 1;
    for (const t of ["all", ...s.tags]) {
      const c = (report.byTag[t] ??= { requests: 0, disagreements: 0 });
      c.requests++;
      if (o.verdict) c.disagreements++;
    }
  }
  return report;
}
