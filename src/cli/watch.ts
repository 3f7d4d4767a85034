/**
 * `iam-spec test --watch`: runs the suite, then re-runs the specs that a change affects: a changed spec
 * file reruns itself; a changed environment, imported or policy file reruns every spec that read it; a
 * spec that did not load (its dependencies are unknown) reruns on any change; a new spec file runs.
 * Runs until interrupted (or `signal` aborts).
 */
import { watch, type FSWatcher } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { SPEC_FILE } from "../load/discover.js";
import type { Loaded } from "../load/errors.js";
import { environmentPolicies } from "../compile/session-names.js";
import type { LoadedPolicy, Spec } from "../model/types.js";
import type { RunOptions, SpecLoader } from "../run/run-suite.js";

/** Changes closer together than this are one change (editors write a file in several steps). */
const SETTLE_MS = 150;

export interface WatchOptions {
  paths: readonly string[];
  run: RunOptions;
  /** Told on each re-run ("policies/deploy.json changed: re-running 2 spec files"). */
  say: (line: string) => void;
  signal?: AbortSignal;
}

export async function watchSuite(options: WatchOptions): Promise<number> {
  const { runSuite } = await import("../run/run-suite.js");
  const { createLoader, loadSpecFile } = await import("../load/spec.js");
  const cwd = options.run.cwd;
  const roots = (options.paths.length > 0 ? options.paths : ["."]).map((p) => resolve(cwd, p));
  /** Spec file -> the files it read; undefined: it did not load. */
  const deps = new Map<string, Set<string> | undefined>();

  const runOnce = async (paths: readonly string[]) => {
    // A fresh loader per run: files changed since the last run are read again.
    const loader = await createLoader();
    const loadSpec: SpecLoader = async (file) => {
      const loaded: Loaded<Spec> = await loadSpecFile(file, loader);
      deps.set(resolve(file), loaded.ok ? filesOf(loaded.value) : undefined);
      return loaded;
    };
    const { exitCode } = await runSuite(paths, { ...options.run, loadSpec });
    return exitCode;
  };

  let last = await runOnce(options.paths);
  const watchers = new Map<string, FSWatcher>();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const affected = (changed: ReadonlySet<string>): string[] => {
    const out = new Set<string>();
    for (const file of changed) if (SPEC_FILE.test(file) && roots.some((r) => file === r || file.startsWith(r + sep))) out.add(file);
    for (const [spec, files] of deps) {
      if (files === undefined || [...changed].some((f) => files.has(f))) out.add(spec);
    }
    return [...out].sort();
  };
  const rel = (f: string) => relative(cwd, f).split(sep).join("/") || f;
  const flush = () => {
    timer = undefined;
    const changed = pending;
    pending = new Set();
    running = running.then(async () => {
      const present: string[] = [];
      for (const spec of affected(changed)) {
        if (await exists(spec)) present.push(spec);
        else deps.delete(spec);
      }
      if (present.length === 0) return;
      options.say(`\n${[...changed].map(rel).join(", ")} changed: re-running ${present.length} spec file${present.length === 1 ? "" : "s"}\n`);
      last = await runOnce(present.map(rel));
      watchDirs();
    });
  };
  const onEvent = (dir: string) => (_event: string, name: string | Buffer | null) => {
    if (name === null) return;
    const file = resolve(dir, name.toString());
    if (file.split(sep).some((seg) => seg === "node_modules" || (seg.startsWith(".") && seg.length > 1 && seg !== ".."))) return;
    pending.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, SETTLE_MS);
  };
  // The roots recursively (new spec files), and the folder of every file a spec read outside them.
  const watchDirs = () => {
    const dirs = new Set<string>();
    for (const files of deps.values()) for (const f of files ?? []) if (!roots.some((r) => f.startsWith(r + sep))) dirs.add(dirname(f));
    for (const r of roots) if (!watchers.has(r)) addWatcher(r, true);
    for (const d of dirs) if (!watchers.has(d)) addWatcher(d, false);
  };
  const addWatcher = (path: string, recursive: boolean) => {
    try {
      const dir = SPEC_FILE.test(path) ? dirname(path) : path;
      watchers.set(path, watch(dir, { recursive }, onEvent(dir)));
    } catch {
      // A folder that vanished: nothing to watch there.
    }
  };
  watchDirs();
  options.say(`\nwatching for changes (Ctrl-C to stop)\n`);

  await new Promise<void>((done) => {
    if (options.signal?.aborted) return done();
    const stop = () => {
      process.off("SIGINT", stop);
      done();
    };
    options.signal?.addEventListener("abort", stop, { once: true });
    process.once("SIGINT", stop);
  });
  if (timer) clearTimeout(timer);
  for (const w of watchers.values()) w.close();
  await running;
  return last;
}

/** Every file a loaded spec read: itself, its environment files (imports included) and the policy files. */
export function filesOf(spec: Spec): Set<string> {
  const out = new Set<string>([resolve(spec.file), ...spec.environment.files.map((f) => resolve(f))]);
  const add = (p: LoadedPolicy | undefined) => {
    if (p?.file) out.add(resolve(p.file));
  };
  environmentPolicies(spec.environment).forEach(add);
  for (const e of spec.expectations) e.session.policies.forEach(add);
  return out;
}

async function exists(file: string): Promise<boolean> {
  const { stat } = await import("node:fs/promises");
  return stat(file).then(() => true, () => false);
}
