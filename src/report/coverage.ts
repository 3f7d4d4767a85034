/**
 * The coverage part of the human report: the share of Allow statements the expectations reached, and
 * each unreached Allow statement with its file and line (a grant no expectation looks at).
 */
import type pc from "picocolors";
import type { CoverageReport, CoveredStatement } from "../statement-coverage/coverage.js";
import { statementName } from "./statement.js";

type Colors = ReturnType<typeof pc.createColors>;

/** "12 of 16 Allow statements reached (75.0%)", said alike by every reporter. */
export function coverageFigure(cov: CoverageReport): string {
  const { total, reached, percent } = cov.allow;
  return percent === null ? "no Allow statement in the environment" : `${reached} of ${total} Allow statements reached (${percent.toFixed(1)}%)`;
}

/** "below --min-coverage 80%" / "meets --min-coverage 80%", or "" without a minimum. */
export function coverageVerdict(cov: CoverageReport): string {
  if (cov.minimum === undefined) return "";
  return cov.met ? `meets --min-coverage ${cov.minimum}%` : `below --min-coverage ${cov.minimum}%`;
}

/** The Allow statements no expectation reached: grants nobody looks at. */
export function unreachedAllow(cov: CoverageReport): CoveredStatement[] {
  return cov.statements.filter((s) => s.effect === "Allow" && s.reachedBy.length === 0);
}

export function coverageLines(cov: CoverageReport, c: Colors): string[] {
  const verdict = coverageVerdict(cov);
  const painted = verdict === "" ? "" : cov.met ? c.green(`; ${verdict}`) : c.red(`; ${verdict}`);
  const lines = [`${c.bold("Coverage")}      ${coverageFigure(cov)}${painted}`];
  const unreached = unreachedAllow(cov);
  if (unreached.length > 0) {
    lines.push(`  ${c.dim("unreached Allow statements (no expectation evaluated a request they match):")}`);
    for (const s of unreached) {
      const { what, at } = statementName({ ...s });
      lines.push(`    ${at ? `${at}  ` : ""}${what}`);
    }
  }
  return lines;
}
