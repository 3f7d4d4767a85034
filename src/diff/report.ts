/**
 * Reporters of `iam-spec diff`: a readable table (pretty), one JSON document (json), GitHub Actions
 * workflow commands that annotate the statements adding access (github). Every reporter says whether
 * the diff was proved or only sampled, and how many requests were evaluated.
 */
import pc from "picocolors";
import { formatInputError, type InputError } from "../load/errors.js";
import { statementName } from "../report/statement.js";
import type { Output } from "../report/types.js";
import type { StatementRef } from "../types.js";
import type { AccessRow, DiffResult } from "./run-diff.js";

export const DIFF_REPORTERS = ["pretty", "json", "github"] as const;
export type DiffReporterName = (typeof DIFF_REPORTERS)[number];

export function reportDiff(result: DiffResult, reporter: DiffReporterName, out: Output, options: { color: boolean; title: string }): void {
  if (reporter === "json") out.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else if (reporter === "github") out.stdout(github(result));
  else out.stdout(pretty(result, options.color, options.title));
}

export function reportDiffErrors(errors: readonly InputError[], reporter: DiffReporterName, out: Output): void {
  if (reporter === "json") {
    const list = errors.map((e) => ({ file: e.file, line: e.line, column: e.column, message: e.message, ...(e.hint ? { hint: e.hint } : {}) }));
    out.stdout(`${JSON.stringify({ newAccess: [], removedAccess: [], errors: list }, null, 2)}\n`);
    return;
  }
  if (reporter === "github") {
    for (const e of errors) out.stdout(`::error ${props({ file: e.file, line: e.line, col: e.column })}::${escapeData(`${e.message}${e.hint ? ` (${e.hint})` : ""}`)}\n`);
  }
  // An error of the command line itself has no file to point at: just the message and the hint.
  for (const e of errors) out.stderr(`iam-spec: ${e.file.startsWith("(") ? `${e.message}${e.hint ? ` (${e.hint})` : ""}` : formatInputError(e)}\n`);
}

/**
 * Whether "no new access" beyond the rows is proved or only sampled — said by every reporter, so that
 * a sampled "no new access" is never read as a proof.
 */
export function evidenceLine(result: DiffResult): string {
  const s = result.summary;
  if (s.method === "exact") return `proved: all ${s.unchanged} principal × action pairs have identical deciding policies on both sides, nothing to search; seed ${result.seed}`;
  const e = s.evidence;
  const newOnly = result.sampledOnly.filter((x) => x.direction === "new").length;
  const how =
    e.newAccess === "proved"
      ? `no new access beyond the rows: proved (${e.provedQuestions} question${e.provedQuestions === 1 ? "" : "s"} decided by the prover, ${s.requests} requests evaluated)`
      : `no new access beyond the rows: only sampled for ${newOnly} principal × action pair${newOnly === 1 ? "" : "s"} (${s.requests} requests evaluated; an access no sample reached is not shown)`;
  return `${how}; ${s.changed} of ${s.changed + s.unchanged} principal × action pairs differ in their policies, the others are identical on both sides; seed ${result.seed}`;
}

/** How a row's request was found. */
function rowEvidence(r: AccessRow): string {
  return r.evidence.method === "proved"
    ? `found by the prover (${r.evidence.queries ?? 0} solver questions) and replayed on both sides`
    : `sampled: found among ${r.evidence.requests} requests`;
}

/** "none found" or "none" as the evidence allows. */
function noneText(result: DiffResult, direction: "new" | "removed"): string {
  if (result.summary.method === "exact") return "none (proved: nothing changed)";
  const open = result.sampledOnly.filter((x) => x.direction === direction).length;
  return open === 0 ? "none (proved: no request is decided differently)" : `none found (sampled only for ${open} principal × action pair${open === 1 ? "" : "s"}, listed under "Not proved")`;
}

/** Pretty lines listing the pairs where nothing was found and nothing proved, at most `limit`. */
function sampledOnlyLines(result: DiffResult, limit: number): string[] {
  const rows = result.sampledOnly;
  if (rows.length === 0) return [];
  const out = ["", `Not proved (sampling found nothing, the prover did not decide; ${rows.length}):`];
  for (const x of rows.slice(0, limit)) out.push(`  ? ${x.direction === "new" ? "new" : "removed"} access of ${x.principal} ${x.action}: ${x.requests} requests sampled; ${x.reason}`);
  if (rows.length > limit) out.push(`  ... and ${rows.length - limit} more (--reporter json lists all)`);
  return out;
}

/** `policies/dev.json:4 Sid "ReadData"`: where the statement is, and which one. */
function statementText(s: StatementRef): string {
  const { what, at } = statementName(s);
  if (!at) return what;
  const id = s.sid ? `Sid ${JSON.stringify(s.sid)}` : `statement ${s.statementIndex + 1}`;
  return `${at} ${id}${s.policyType === "identity" ? "" : ` (${s.policyType})`}`;
}

function principalText(r: AccessRow): string {
  const only = r.onlyIn ? ` [only in ${r.onlyIn}]` : "";
  const session = r.session ? ` [${r.session}]` : "";
  return `${r.principalName}${only}${session}`;
}

function table(rows: readonly AccessRow[], color: boolean, kind: "new" | "removed"): string[] {
  const paint = color ? pc : { bold: (s: string) => s, red: (s: string) => s, dim: (s: string) => s, green: (s: string) => s };
  const head = ["PRINCIPAL", "ACTION", "RESOURCE", kind === "new" ? "ALLOWED IN HEAD BY" : "ALLOWED IN BASE BY"];
  const cells = rows.map((r) => [principalText(r), r.action, r.resource, r.statements[0] ? statementText(r.statements[0]) : `(${r.reason})`]);
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...cells.map((c) => c[i]!.length))));
  const line = (c: readonly string[]) => c.map((x, i) => (i < c.length - 1 ? x.padEnd(widths[i]!) : x)).join("  ");
  const out = [`  ${paint.bold(line(head))}`];
  rows.forEach((r, i) => {
    const mark = kind === "new" ? (r.expectedBy ? paint.green("=") : paint.red("+")) : paint.dim("-");
    out.push(`${mark} ${line(cells[i]!)}`);
    for (const s of r.statements.slice(1)) out.push(`  ${" ".repeat(widths[0]! + widths[1]! + widths[2]! + 6)}${statementText(s)}`);
    const ctx = Object.keys(r.context).length > 0 ? JSON.stringify(r.context) : "{}";
    out.push(paint.dim(`    context: ${ctx}`));
    out.push(paint.dim(`    ${rowEvidence(r)}${r.reason ? `; ${r.reason}` : ""}`));
    if (r.expectedBy) out.push(paint.dim(`    expected by ${r.expectedBy}`));
    if (r.undetermined) out.push(`    undetermined: another reading of ${r.undetermined.join(", ")} decides this request differently (choose one with assumptions: in the environment)`);
  });
  return out;
}

function pretty(result: DiffResult, color: boolean, title: string): string {
  const s = result.summary;
  const lines: string[] = [title, ""];
  const unexpected = s.unexpectedNewAccess;
  lines.push(`New access (${s.newAccess}${s.newAccess > 0 ? `, ${unexpected} not expected by a may expectation of HEAD` : ""}):`);
  if (result.newAccess.length === 0) lines.push(`  ${noneText(result, "new")}`);
  else lines.push(...table(result.newAccess, color, "new"));
  lines.push("", `Removed access (${s.removedAccess}):`);
  if (result.removedAccess.length === 0) lines.push(`  ${noneText(result, "removed")}`);
  else lines.push(...table(result.removedAccess, color, "removed"));
  lines.push(...sampledOnlyLines(result, 20));
  if (result.principals.onlyInHead.length > 0) lines.push("", `Principals only in HEAD (all their access is new): ${result.principals.onlyInHead.join(", ")}`);
  if (result.principals.onlyInBase.length > 0) lines.push("", `Principals only in BASE (all their access is removed): ${result.principals.onlyInBase.join(", ")}`);
  lines.push("", `${s.newAccess} new (${unexpected} unexpected), ${s.removedAccess} removed; ${evidenceLine(result)}`);
  return `${lines.join("\n")}\n`;
}

/** https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions: %, CR and LF are escaped in data; also : and , in properties. */
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function props(p: Record<string, string | number | undefined>): string {
  return Object.entries(p)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeData(String(v)).replace(/:/g, "%3A").replace(/,/g, "%2C")}`)
    .join(",");
}

function github(result: DiffResult): string {
  const out: string[] = [];
  const annotate = (level: string, r: AccessRow, what: string) => {
    const s = r.statements.find((x) => x.file !== undefined);
    const where = s ? props({ file: s.file, line: s.line, col: s.column, title: `iam-spec diff: ${what}` }) : props({ title: `iam-spec diff: ${what}` });
    const msg = `${what}: ${principalText(r)} may ${r.action} on ${r.resource} (context ${JSON.stringify(r.context)}; ${rowEvidence(r)})${r.expectedBy ? `; expected by ${r.expectedBy}` : ""}`;
    out.push(`::${level} ${where}::${escapeData(msg)}`);
  };
  for (const r of result.newAccess) annotate(r.expectedBy ? "notice" : "error", r, r.expectedBy ? "expected new access" : "new access");
  for (const r of result.removedAccess) annotate("notice", r, "removed access");
  // The pairs where "no new access" is only sampled: one warning, so the pull request shows it.
  const open = result.sampledOnly.filter((x) => x.direction === "new");
  if (open.length > 0) {
    const list = open.slice(0, 10).map((x) => `${x.principal} ${x.action} (${x.reason})`).join("; ");
    out.push(`::warning ${props({ title: "iam-spec diff: not proved" })}::${escapeData(`no new access is only sampled, not proved, for ${open.length} principal × action pair${open.length === 1 ? "" : "s"}: ${list}${open.length > 10 ? `; and ${open.length - 10} more` : ""}`)}`);
  }
  const s = result.summary;
  out.push(`iam-spec diff: ${s.newAccess} new (${s.unexpectedNewAccess} unexpected), ${s.removedAccess} removed; ${evidenceLine(result)}`);
  return `${out.join("\n")}\n`;
}
