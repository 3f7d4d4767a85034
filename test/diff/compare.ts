/**
 * One scenario through both evaluators, and a campaign over many: decisions side by side, each
 * disagreement triaged (triage.ts), counts per feature tag.
 */
import { evaluate } from "../../src/index.js";
import type { Decision } from "../../src/types.js";
import { oracleDecide, withDerivedContext, type OracleDecision } from "./oracle.js";

export { withDerivedContext };
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
