/**
 * The coverage part of the human report: the share of Allow statements the expectations reached, and
 * each unreached Allow statement with its file and line (a grant no expectation looks at).
 */
import type pc from "picocolors";
import type { CoverageReport } from "../statement-coverage/coverage.js";
import { statementName } from "./statement.js";

type Colors = ReturnType<typeof pc.createColors>;

export function coverageLines(cov: CoverageReport, c: Colors): string[] {
  const { total, reached, percent } = cov.allow;
  const figure = percent === null ? "no Allow statement in the environment" : `${reached} of ${total} Allow statements reached (${percent.toFixed(1)}%)`;
  const verdict = cov.minimum === undefined ? "" : cov.met ? c.green(`; meets --min-coverage ${cov.minimum}%`) : c.red(`; below --min-coverage ${cov.minimum}%`);
  const lines = [`${c.bold("Coverage")}      ${figure}${verdict}`];
  const unreached = cov.statements.filter((s) => s.effect === "Allow" && s.reachedBy.length === 0);
  if (unreached.length > 0) {
    lines.push(`  ${c.dim("unreached Allow statements (no expectation evaluated a request they match):")}`);
    for (const s of unreached) {
      const { what, at } = statementName({ ...s });
      lines.push(`    ${at ? `${at}  ` : ""}${what}`);
    }
  }
  return lines;
}
