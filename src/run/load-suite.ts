/**
 * Loads the spec files of a run (or of one shard of it) into the expectations to check. The same in
 * the main thread and in every worker, so that all of them see the same list in the same order:
 * positions are by file (as discovered) and by place in the file. Environments shared by several spec
 * files are read, validated and built once (the loader keys them by their resolved files).
 */
import { relative, sep } from "node:path";
import { sortInputErrors, type InputError, type Loaded } from "../load/errors.js";
import { readLocatedFile, type ReadResult } from "../load/read-file.js";
import { createLoader, loadSpecNode } from "../load/spec.js";
import type { Expectation, Spec } from "../model/types.js";
import type { ExpectationResult } from "../report/types.js";
import { ownerOf, sliceOf, writtenExpectations, type Shard } from "./shard.js";

/** One expectation to check, with the spec it belongs to. */
export interface SuiteItem {
  readonly spec: Spec;
  readonly exp: Expectation;
}

/** Loads one spec file with its environment (`--watch` passes its own, to see which files each spec read). */
export type SpecLoader = (file: string) => Promise<Loaded<Spec>>;

export interface LoadedSuite {
  /** Input errors of the spec files (results with status "error"), in file order. */
  readonly errors: ExpectationResult[];
  /** Warnings, each once, formatted `file:line:column: warning: message (hint)`. */
  readonly warnings: string[];
  /** The expectations to check, in order. */
  readonly items: SuiteItem[];
  /** Expectations written in all files (before sharding). */
  readonly written: number;
}

/** Paths as shown in reports: relative to the working directory, with forward slashes. */
export function relativeTo(cwd: string): (file: string) => string {
  return (file) => relative(cwd, file).split(sep).join("/") || file;
}

/** Reads (parses) spec files in another thread, results in the order of `files`. */
export type ReadElsewhere = (files: readonly string[]) => Promise<ReadResult[]>;

export async function loadSuite(
  files: readonly string[],
  options: { cwd: string; shard?: Shard | undefined; loadSpec?: SpecLoader | undefined; readElsewhere?: ReadElsewhere | undefined },
): Promise<LoadedSuite> {
  const rel = relativeTo(options.cwd);
  const loader = await createLoader();
  const read = [];
  // With another thread to read in (and no shard, so that the first file is loaded whatever the
  // counts), the other spec files are read there while this thread loads the first one with its
  // environment, the costly part; the loader keeps that environment for the specs that share it.
  let early: { file: string; loaded: Loaded<Spec> } | undefined;
  if (options.readElsewhere && !options.shard && !options.loadSpec && files.length > 1) {
    const others = options.readElsewhere(files.slice(1));
    const file = files[0]!;
    const r = await readLocatedFile(file);
    read.push({ file, read: r, count: writtenExpectations(r.node) });
    if (r.node) early = { file, loaded: await loadSpecNode(r.node, file, loader) };
    for (const [i, o] of (await others).entries()) read.push({ file: files[i + 1]!, read: o, count: writtenExpectations(o.node) });
  } else {
    for (const file of files) {
      const r = await readLocatedFile(file);
      read.push({ file, read: r, count: writtenExpectations(r.node) });
    }
  }
  const written = read.reduce((n, f) => n + f.count, 0);
  const shard = options.shard;
  const [from, to] = shard ? sliceOf(written, shard) : [0, written];
  const errors: ExpectationResult[] = [];
  const warnings = new Set<string>();
  const items: SuiteItem[] = [];
  let start = 0;
  for (const { file, read: r, count } of read) {
    const first = Math.max(from, start) - start;
    const end = Math.min(to, start + count) - start;
    const ownsErrors = !shard || ownerOf(start, written, shard.count) === shard.index;
    start += count;
    if (first >= end && !ownsErrors) continue;
    const loaded = options.loadSpec
      ? await options.loadSpec(file)
      : early?.file === file
        ? early.loaded
        : r.node
          ? await loadSpecNode(r.node, file, loader)
          : { ok: false as const, errors: r.errors, warnings: [] };
    for (const w of loaded.warnings) warnings.add(`${rel(w.file)}:${w.line}:${w.column}: warning: ${w.message}${w.hint ? ` (${w.hint})` : ""}`);
    if (!loaded.ok) {
      if (ownsErrors) errors.push(...sortInputErrors(loaded.errors).map((e) => errorResult(e, rel, rel(file))));
      continue;
    }
    const spec = loaded.value;
    for (let i = first; i < end; i++) {
      const exp = spec.expectations[i];
      if (exp) items.push({ spec, exp });
    }
  }
  return { errors, warnings: [...warnings], items, written };
}

export function errorResult(e: InputError, rel: (f: string) => string, specFile: string): ExpectationResult {
  return {
    file: e.file ? rel(e.file) : specFile,
    name: "input error",
    status: "error",
    message: e.message,
    ...(e.hint ? { hint: e.hint } : {}),
    position: { line: e.line, column: e.column },
  };
}
