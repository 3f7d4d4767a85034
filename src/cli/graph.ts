/**
 * `iam-spec graph [PATH] --format mermaid|dot|json`: who can become whom in an environment (contract
 * section 2a), with each edge labelled by its method and admin-equivalent principals marked. PATH is
 * an environment file, a spec file (its environment) or a folder (its env.yaml, else its only spec);
default: the current folder.
 */
import { parseOnce } from "./parse-once.js";
import { existsSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { CliIO } from "./main.js";

const FORMATS = ["mermaid", "dot", "json"] as const;

export const GRAPH_HELP = `Usage: iam-spec graph [PATH] [--format mermaid|dot|json] [--admin-edges] [--seed N] [--runs N]

Prints the principal graph of an environment: who can become whom (assuming roles, passing roles to
services, obtaining credentials, changing permissions), each edge labelled by the method, and the
admin-equivalent principals marked. PATH is an environment file, a spec file (its environment) or a
folder (its env.yaml, else its only spec); default: the current folder. An admin-equivalent principal can become every principal of its account; those edges are left out
unless --admin-edges is given.
`;

export async function graphCommand(args: readonly string[], io: CliIO): Promise<number> {
  const fail = (message: string, hint?: string) => {
    io.stderr(`iam-spec graph: ${message}${hint ? ` (${hint})` : ""}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseOnce({ args: [...args], allowPositionals: true, strict: true, options: { format: { type: "string" }, "admin-edges": { type: "boolean" }, seed: { type: "string" }, runs: { type: "string" }, help: { type: "boolean", short: "h" } } });
  } catch (err) {
    return fail((err as Error).message.split("\n")[0] ?? "invalid arguments", "run `iam-spec graph --help`");
  }
  if (parsed.values.help) {
    io.stdout(GRAPH_HELP);
    return 0;
  }
  const format = parsed.values.format ?? "mermaid";
  if (!(FORMATS as readonly string[]).includes(format)) return fail(`unknown format "${format}"`, `use one of ${FORMATS.join(", ")}`);
  const seed = parsed.values.seed === undefined ? 0 : Number(parsed.values.seed);
  const runs = parsed.values.runs === undefined ? 100 : Number(parsed.values.runs);
  if (!Number.isSafeInteger(seed) || seed < 0) return fail(`--seed must be a non-negative integer, got "${parsed.values.seed}"`);
  if (!Number.isSafeInteger(runs) || runs < 1) return fail(`--runs must be a positive integer, got "${parsed.values.runs}"`);
  if (parsed.positionals.length > 1) return fail("give one PATH", "an environment file or a spec file");

  const [{ loadEnvironmentFile, loadSpecFile }, { readLocatedFile }, { discoverSpecs }] = await Promise.all([
    import("../load/spec.js"),
    import("../load/read-file.js"),
    import("../load/discover.js"),
  ]);
  let file = resolve(io.cwd, parsed.positionals[0] ?? ".");
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    // A folder: its env.yaml, else its only spec.
    const env = ["env.yaml", "env.yml", "env.json"].map((n) => join(file, n)).find((f) => existsSync(f));
    const found = env ? undefined : await discoverSpecs([file], io.cwd);
    const only = found?.ok && found.files.length === 1 ? found.files[0] : undefined;
    if (!env && !only) return fail(`${parsed.positionals[0] ?? "."}: no env.yaml and not exactly one spec in this folder`, "name an environment file or a spec file");
    file = (env ?? only)!;
  }
  const rel = (f: string) => (isAbsolute(f) ? relative(io.cwd, f) || f : f);
  const read = await readLocatedFile(file);
  if (!read.node) {
    for (const e of read.errors) io.stderr(`${rel(e.file)}:${e.line}:${e.column}: ${e.message}${e.hint ? ` (${e.hint})` : ""}\n`);
    return 2;
  }
  const isSpec = read.node.kind === "map" && read.node.entries.has("expect");
  let env;
  if (isSpec) {
    const spec = await loadSpecFile(file);
    if (!spec.ok) {
      for (const e of spec.errors) io.stderr(`${rel(e.file)}:${e.line}:${e.column}: ${e.message}${e.hint ? ` (${e.hint})` : ""}\n`);
      return 2;
    }
    env = spec.value.environment;
  } else {
    const loaded = await loadEnvironmentFile(file);
    if (!loaded.env || loaded.errors.length > 0) {
      for (const e of loaded.errors) io.stderr(`${rel(e.file)}:${e.line}:${e.column}: ${e.message}${e.hint ? ` (${e.hint})` : ""}\n`);
      return 2;
    }
    env = loaded.env;
  }

  const [{ buildWorld }, { buildGraph }, { searchOracle }, { whenConstraints }, { fuzzSource }, lib, render] = await Promise.all([
    import("../compile/request.js"),
    import("../escalation/graph.js"),
    import("../escalation/step.js"),
    import("../compile/sources.js"),
    import("../fuzz/index.js"),
    import("../index.js"),
    import("../escalation/render.js"),
  ]);
  const world = buildWorld(env);
  const ask = searchOracle({ world, when: whenConstraints([]), evaluator: { evaluate: lib.evaluate, explain: lib.explain }, source: fuzzSource(), exact: false, seed, runs, counter: { requests: 0 }, readings: "some" });
  const pic = render.picture(world, buildGraph(world, ask), { adminEdges: parsed.values["admin-edges"] === true });
  io.stdout(format === "json" ? JSON.stringify(pic, null, 2) + "\n" : format === "dot" ? render.toDot(pic) : render.toMermaid(pic));
  return 0;
}
