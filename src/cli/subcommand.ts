/**
 * What the commands with options of their own (`explain`, `init`) share: parsing their command line,
 * `--help`, and usage errors as `iam-spec NAME: message (hint)` with exit code 2.
 */
import type { parseArgs, ParseArgsConfig } from "node:util";
import { parseOnce } from "./parse-once.js";

type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>>;
import type { CliIO } from "./main.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The parsed command line (`options` include `help`), or the exit code when there is nothing more to do (help shown, usage error). */
export function parseCommand<O extends Options>(name: string, argv: readonly string[], options: O, help: string, io: CliIO): Parsed<O> | 2 | 0 {
  let parsed: Parsed<O>;
  try {
    parsed = parseOnce({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (err) {
    return usage(io, name, (err as Error).message.split("\n")[0] ?? "invalid arguments", `run \`iam-spec ${name} --help\` for the options`);
  }
  if ((parsed.values as { help?: unknown }).help === true) {
    io.stdout(help);
    return 0;
  }
  return parsed;
}

export function usage(io: CliIO, name: string, message: string, hint: string): 2 {
  io.stderr(`iam-spec ${name}: ${message} (${hint})\n`);
  return 2;
}
