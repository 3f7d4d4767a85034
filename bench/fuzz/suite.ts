/**
 * `npx tsx bench/fuzz/suite.ts`: how long a suite of 100 `mayNot` expectations takes at the default
 * budget (goal: well under 10 seconds). The suite is made of the examples' own `mayNot`
 * expectations (examples/<name>/specs), repeated until there are 100, each copy in a folder beside the
 * example's environment (in a temporary copy of examples/), so every expectation runs against a
 * realistic environment. Reports the in-process time of runSuite (load + check) for a few seeds, and
 * the wall-clock time of the built CLI when dist/ exists.
 *
 * Options: --count N (default 100), --seeds N (default 3), --runs N (default budget), --cpu-prof
 * (writes a .cpuprofile of one in-process run to bench/fuzz/out/).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { runSuite } from "../../src/run/run-suite.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const COUNT = arg("count", 100);
const SEEDS = arg("seeds", 3);
const RUNS = process.argv.includes("--runs") ? arg("runs", 100) : undefined;

interface Source {
  example: string;
  env: unknown;
  exp: Record<string, unknown>;
}

/** Every mayNot of the examples' passing specs, with the spec's `environment` value. */
function collect(): Source[] {
  const out: Source[] = [];
  for (const example of readdirSync(join(ROOT, "examples")).sort()) {
    const specs = join(ROOT, "examples", example, "specs");
    if (!existsSync(specs)) continue;
    for (const f of readdirSync(specs).sort()) {
      if (!/\.iamspec\.ya?ml$/.test(f)) continue;
      const doc = parse(readFileSync(join(specs, f), "utf8")) as { environment: unknown; expect: Record<string, unknown>[] };
      for (const exp of doc.expect) if ("mayNot" in exp) out.push({ example, env: doc.environment, exp });
    }
  }
  return out;
}

function buildSuite(): { dir: string; count: number } {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-bench-"));
  cpSync(join(ROOT, "examples"), dir, { recursive: true });
  const sources = collect();
  const byExample = new Map<string, { env: unknown; expect: Record<string, unknown>[] }>();
  for (let i = 0; i < COUNT; i++) {
    const s = sources[i % sources.length]!;
    let spec = byExample.get(s.example);
    if (!spec) byExample.set(s.example, (spec = { env: s.env, expect: [] }));
    spec.expect.push({ ...s.exp, it: `${String(s.exp.it ?? "mayNot")} #${i}` });
  }
  for (const [example, spec] of byExample) {
    // Beside the example's own specs folder, so relative paths in `environment` still resolve.
    const folder = join(dir, example, "bench");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "bench.iamspec.yaml"), stringify({ name: `bench ${example}`, environment: spec.env, expect: spec.expect }));
  }
  return { dir, count: COUNT };
}

const { dir, count } = buildSuite();
const paths = readdirSync(dir)
  .map((e) => join(dir, e, "bench"))
  .filter((p) => existsSync(p));
try {
  console.log(`suite: ${count} mayNot expectations from ${paths.length} examples, budget ${RUNS ?? "default (100)"}`);
  // A first run warms the loader caches and the JIT, as a long suite would be warm after its first files.
  const times: number[] = [];
  for (let seed = 0; seed <= SEEDS; seed++) {
    const t0 = performance.now();
    const { result } = await runSuite(paths, { cwd: dir, seed, ...(RUNS !== undefined ? { runs: RUNS } : {}) });
    const ms = performance.now() - t0;
    if (seed > 0) times.push(ms);
    const { passed, failed, errors } = result.summary;
    console.log(`  in-process seed ${seed}${seed === 0 ? " (cold)" : ""}: ${ms.toFixed(0)} ms  (${passed} passed, ${failed} failed, ${errors} errors)`);
  }
  times.sort((a, b) => a - b);
  console.log(`  in-process warm median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms`);

  const cli = join(ROOT, "dist/src/cli/main.js");
  if (existsSync(cli)) {
    const extra = process.argv.includes("--cpu-prof") ? ["--cpu-prof", "--cpu-prof-dir", join(ROOT, "bench/fuzz/out")] : [];
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [...extra, cli, "test", ...paths, "--seed", "1", ...(RUNS !== undefined ? ["--runs", String(RUNS)] : [])], { cwd: dir, encoding: "utf8" });
    const ms = performance.now() - t0;
    console.log(`  CLI (node dist/src/cli/main.js test ..., process start to exit): ${ms.toFixed(0)} ms, exit ${r.status}`);
    if (r.status !== 0) console.log(r.stdout.split("\n").slice(-8).join("\n"), r.stderr);
  } else console.log("  (run `npm run build` to time the CLI too)");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
