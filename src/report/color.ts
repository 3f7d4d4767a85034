/**
 * Whether to colour output. FORCE_COLOR wins (CI logs that render ANSI), then NO_COLOR
 * (https://no-color.org: any non-empty value disables colour), then whether stdout is a terminal.
 */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env["FORCE_COLOR"];
  if (force !== undefined && force !== "" && force !== "0" && force !== "false") return true;
  if (force === "0" || force === "false") return false;
  const noColor = env["NO_COLOR"];
  if (noColor !== undefined && noColor !== "") return false;
  return isTTY;
}
