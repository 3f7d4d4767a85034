/**
 * `iam-spec explain --as P --action A [--on R] [--when KEY=VALUE ...] [PATH]`: one request against the
 * environment of PATH (an environment file, a spec file or a folder of specs; default `.`), answered
 * with the evaluator's trace. Exit 0 when the request was evaluated (whatever the decision), 2 for
 * invalid input.
 */
import { relative, sep } from "node:path";
import { parse as parseYaml } from "yaml";
import pc from "picocolors";
import type { CliIO } from "./main.js";
import { parseCommand, usage as commandUsage } from "./subcommand.js";
import { colorEnabled } from "../report/color.js";
import { POLICY_TYPE_LABELS, statementName } from "../report/statement.js";

export const EXPLAIN_HELP = `Usage: iam-spec explain --as PRINCIPAL --action ACTION [--on RESOURCE] [--when KEY=VALUE ...] [PATH]

Evaluates one request against the environment of PATH (an environment file, a spec file, or a folder
whose specs share one environment; default: the current directory) and shows the decision, what each
policy type said and the statements that decided, with file and line.

Options:
  --as P            who asks: role/NAME, user/NAME, an ARN, an account id, anonymous, or a mapping
                    such as '{service: lambda.amazonaws.com}' (the forms of a spec's \`as\`)
  --action A        one action, e.g. s3:GetObject
  --on R            the resource ARN (default: one of the action's resources in the environment)
  --when K=V        a request context key; repeat for more keys, or a key twice for a list.
                    V is text; true, false and null are those values; [a, b] is a list
  --reporter NAME   pretty (default) or json
  -h, --help        show this help

Exit codes: 0 the request was evaluated (whatever the decision), 2 the input is invalid.
`;

const COMMAND_LINE = { file: "(command line)", line: 1, column: 1 };

export async function explainCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommand("explain", argv, {
    as: { type: "string" },
    action: { type: "string" },
    on: { type: "string" },
    when: { type: "string", multiple: true },
    reporter: { type: "string" },
    help: { type: "boolean", short: "h" },
  }, EXPLAIN_HELP, io);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const reporter = values.reporter ?? "pretty";
  if (reporter !== "pretty" && reporter !== "json") return usage(io, `unknown reporter "${reporter}" for explain`, "use pretty or json");
  if (values.as === undefined) return usage(io, "--as is required", "name who asks, e.g. --as role/deploy");
  if (values.action === undefined) return usage(io, "--action is required", "name one action, e.g. --action s3:GetObject");
  if (positionals.length > 1) return usage(io, `explain takes one PATH, got ${positionals.length}`, "name one environment file, spec file or folder");
  const when: Record<string, unknown> = {};
  for (const w of values.when ?? []) {
    const eq = w.indexOf("=");
    if (eq <= 0) return usage(io, `--when ${w}: expected KEY=VALUE`, "e.g. --when aws:SourceIp=203.0.113.7");
    const key = w.slice(0, eq);
    const value = whenValue(w.slice(eq + 1));
    if (value instanceof Error) return usage(io, `--when ${w}: ${value.message}`, "a list is written [a, b]");
    const before = when[key];
    when[key] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), ...(Array.isArray(value) ? value : [value])];
  }
  const as = principalValue(values.as);
  if (as instanceof Error) return usage(io, `--as ${values.as}: ${as.message}`, "a mapping is written {service: lambda.amazonaws.com}");

  const { environmentAt } = await import("../load/environment-at.js");
  const { expectationFromKeys } = await import("../run/single.js");
  const { explainRequest } = await import("../run/explain-request.js");
  const rel = (f: string) => (f.startsWith("(") ? f : relative(io.cwd, f).split(sep).join("/") || f);
  const invalid = (errors: readonly { file: string; line: number; column: number; message: string; hint?: string }[]) => {
    if (reporter === "json") {
      io.stdout(JSON.stringify({ errors: errors.map((e) => ({ file: rel(e.file), line: e.line, column: e.column, message: e.message, ...(e.hint ? { hint: e.hint } : {}) })) }, null, 2) + "\n");
    }
    for (const e of errors) {
      const where = e.file === COMMAND_LINE.file ? "iam-spec explain" : `${rel(e.file)}:${e.line}:${e.column}`;
      io.stderr(`${where}: ${e.message}${e.hint ? ` (${e.hint})` : ""}\n`);
    }
    return 2;
  };

  const at = await environmentAt(positionals[0] ?? ".", io.cwd);
  if (!at.ok) return invalid(at.errors);
  const keys = { as, action: values.action, ...(values.on !== undefined ? { on: values.on } : {}), ...(Object.keys(when).length > 0 ? { when } : {}), exact: true };
  const exp = expectationFromKeys(at.value, keys, "may", COMMAND_LINE);
  if (!exp.ok) return invalid(exp.errors);
  const report = explainRequest(at.value, exp.value, io.cwd, { onWritten: values.on !== undefined });
  if (!report.ok) return invalid(report.errors);
  if (reporter === "json") io.stdout(JSON.stringify(report.value, null, 2) + "\n");
  else io.stdout(pretty(report.value, colorEnabled(io.env, io.isTTY)));
  return 0;
}

type Report = import("../run/explain-request.js").ExplainReport;

function pretty(r: Report, color: boolean): string {
  const c = pc.createColors(color);
  const statement = (s: Report["deciding"][number]) => {
    const { what, at } = statementName(s);
    return `${s.effect === "Deny" ? c.red("Deny ") : c.green("Allow")} ${what}${at ? ` ${c.dim(`at ${at}`)}` : ""}`;
  };
  const decision = r.decision === "Allow" ? c.green(r.decision) : r.decision === "ExplicitDeny" ? c.red(r.decision) : c.yellow(r.decision);
  const lines = [
    c.bold("Request"),
    `  ${c.dim("principal")}  ${r.request.principal}`,
    `  ${c.dim("action")}     ${r.request.action}`,
    `  ${c.dim("resource")}   ${r.request.resource}`,
    `  ${c.dim("context")}${Object.keys(r.request.context).length === 0 ? "    (none)" : ""}`,
    ...Object.entries(r.request.context).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`),
    "",
    `${c.bold("Decision")}  ${decision}`,
    `  ${c.dim("why")}  ${r.reason}`,
    ...(r.undetermined
      ? [`  ${c.yellow("undetermined")}  the AWS documentation leaves ${r.undetermined.join(", ")} open and the other reading decides otherwise; this is the default reading (choose one with assumptions: in the environment)`]
      : []),
    "",
    c.bold("Policy types"),
  ];
  const answer = (a: "allow" | "deny" | "none") => (a === "allow" ? c.green("allow") : a === "deny" ? c.red("deny") : c.yellow("none"));
  for (const t of r.policyTypes) {
    lines.push(`  ${POLICY_TYPE_LABELS[t.type].padEnd(22)} ${answer(t.answer)}`);
    for (const p of t.policies) for (const s of p.statements) lines.push(`    ${statement(s)}`);
    if (t.policies.every((p) => p.statements.length === 0)) lines.push(`    ${c.dim("no statement matched")}`);
  }
  lines.push("", c.bold("Deciding statements"));
  if (r.deciding.length === 0) lines.push("  (none: no statement allows the request)");
  for (const s of r.deciding) lines.push(`  ${statement(s)}`);
  for (const n of r.notes) lines.push("", `${c.yellow("note")}  ${n}`);
  return lines.join("\n") + "\n";
}

function whenValue(text: string): unknown {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text === "null") return null;
  if (text.startsWith("[")) {
    try {
      const v = parseYaml(text) as unknown;
      if (Array.isArray(v)) return v.map((x) => (typeof x === "number" ? String(x) : x));
    } catch {
      // reported below
    }
    return new Error("not a list");
  }
  return text;
}

function principalValue(text: string): unknown {
  if (!text.trimStart().startsWith("{")) return text;
  try {
    return parseYaml(text) as unknown;
  } catch {
    return new Error("not a mapping");
  }
}

function usage(io: CliIO, message: string, hint: string): number {
  return commandUsage(io, "explain", message, hint);
}
