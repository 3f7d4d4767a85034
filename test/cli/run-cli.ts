import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";

/** The repository root: the working directory of CLI runs unless a test names another. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs the real CLI entry in-process, with no TTY, capturing what it prints. */
export async function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** One result of a `--reporter json` report, as the resource-type tests read it (contract section 6). */
export interface JsonResult {
  name: string;
  status: string;
  message?: string;
  evidence?: { method: string; requests: number };
  counterexample?: { resource: string; decision: string };
}
