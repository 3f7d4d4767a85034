/**
 * `parseArgs` of node:util, refusing an option that takes a value and is given twice: `--runs 5
 * --runs 6` would silently run with 6 (parseArgs keeps the last), which is not what a reader of the
 * command line, or of a CI script built up from pieces, can tell. Thrown like parseArgs' own errors,
 * so every command reports it as a usage error (exit 2).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

export function parseOnce<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  const { tokens } = parseArgs({ ...config, tokens: true });
  const seen = new Map<string, string>();
  for (const t of tokens ?? []) {
    if (t.kind !== "option") continue;
    const option = config.options?.[t.name];
    if (option?.type !== "string" || option.multiple === true) continue;
    const first = seen.get(t.name);
    if (first !== undefined) throw new Error(`Option '--${t.name}' is given more than once (${first}, then ${t.value ?? ""}): give it once`);
    seen.set(t.name, t.value ?? "");
  }
  return parseArgs(config);
}
