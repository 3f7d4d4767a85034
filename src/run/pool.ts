/**
 * The main thread's side of `--workers N`: starts the workers (the first loads the spec files, the
 * others receive what it loaded, suite-transfer.ts), hands out expectations in small batches by
 * position (each worker holds the next batch ahead; the assignment never changes a result), collects
 * the results back into run order, and turns a worker that dies (an uncaught error, running out of
 * memory) into an error result naming the expectation it was checking: never a partial pass.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import type { ProgressListener } from "../report/progress.js";
import type { ExpectationResult } from "../report/types.js";
import type { CoverageDelta } from "../statement-coverage/coverage.js";
import { workersFor, type FromWorker, type ItemLabel, type ToWorker, type WorkerSetup } from "./worker-protocol.js";

export interface PoolOutcome {
  /** Input errors of the spec files, in file order. */
  errors: ExpectationResult[];
  warnings: string[];
  /** Results of the expectations in run order (of those checked before a crash, if one happened). */
  results: ExpectationResult[];
  /** The error result of a worker that died; the run then stops. */
  crash?: ExpectationResult;
  /** `--coverage`: what each expectation added and reached, in run order (merged in that order, the report is that of one thread). */
  coverage: CoverageDelta[];
}

/** Expectations per batch at most: small enough to balance the workers, large enough to keep messages few. */
const MAX_BATCH = 16;
/**
 * Batches a worker holds at once: the next one is already there when it finishes one, so it never
 * waits for the main thread (which, on a machine with as many cores as workers, has to be scheduled
 * first) between batches.
 */
const BATCHES_AHEAD = 2;

/** Checks the expectations of `setup.files` in `setup.workers` threads at most (fewer for fewer expectations). */
export function checkInWorkers(setup: WorkerSetup, progress?: ProgressListener): Promise<PoolOutcome> {
  const url = workerUrl();
  return new Promise((resolve) => {
    interface Slot {
      worker: Worker;
      loaded: boolean;
      /** Ids handed to this worker and not yet answered, in the order it checks them. */
      pending: number[];
      /** Expectations its load found. */
      count?: number;
      /** Batches handed to it and not yet done (at most BATCHES_AHEAD). */
      batches: number;
      /** Why it died, from its error event. */
      why?: string;
      /** Stopped because the run needs fewer workers than were started: its exit is no fault. */
      retired?: boolean;
    }
    const slots: Slot[] = [];
    let suite: { errors: ExpectationResult[]; warnings: string[]; labels: ItemLabel[] } | undefined;
    const byId: (ExpectationResult[] | undefined)[] = [];
    const coverageById: (CoverageDelta | undefined)[] = [];
    let next = 0;
    let done = 0;
    let finished = false;
    const total = () => suite?.labels.length ?? 0;
    let workers = 1;
    const batchSize = () => Math.max(1, Math.min(MAX_BATCH, Math.floor(total() / (workers * 8))));

    const finish = (crash?: ExpectationResult) => {
      if (finished) return;
      finished = true;
      for (const s of slots) void s.worker.terminate();
      progress?.end();
      resolve({
        errors: suite?.errors ?? [],
        warnings: suite?.warnings ?? [],
        results: byId.flatMap((r) => r ?? []),
        coverage: coverageById.flatMap((c) => (c ? [c] : [])),
        ...(crash ? { crash } : {}),
      });
    };
    const dispatch = (slot: Slot) => {
      // Near the end, one batch at a time, so that the workers finish together.
      const ahead = () => (total() - next > workers * batchSize() * BATCHES_AHEAD ? BATCHES_AHEAD : 1);
      while (!finished && suite && slot.loaded && !slot.retired && slot.batches < ahead() && next < total()) {
        const ids: number[] = [];
        for (const end = Math.min(total(), next + batchSize()); next < end; next++) ids.push(next);
        slot.pending.push(...ids);
        slot.batches++;
        slot.worker.postMessage({ type: "check", ids } satisfies ToWorker);
      }
    };
    const died = (slot: Slot, why: string) => {
      if (finished) return;
      const id = slot.pending[0];
      const label = id !== undefined ? suite?.labels[id] : undefined;
      const left = total() - done - 1;
      finish(
        label
          ? {
              file: label.file,
              name: label.name,
              status: "error",
              position: { line: label.line, column: label.column },
              message: `the worker thread checking this expectation ${why}; the run was stopped${left > 0 ? ` (${left} other expectation${left === 1 ? "" : "s"} not checked)` : ""}`,
              hint: "rerun with --workers 1 to check it in the main thread; for running out of memory, raise the heap limit with NODE_OPTIONS=--max-old-space-size=MB",
            }
          : {
              file: "(spec files)",
              name: "worker thread",
              status: "error",
              message: `a worker thread loading the spec files ${why}; nothing was checked`,
              hint: "rerun with --workers 1 to load them in the main thread",
            },
      );
    };

    // The first worker loads the spec files; the others start at once, beside it, and wait for the
    // suite it packs (no file read or validated again): one load per run, never two at once (loading
    // makes several times the environment's size in short-lived objects), and the others' own start
    // (modules, the evaluator) is done while it loads rather than after.
    const start = (follower: boolean, readPort?: MessagePort): Slot => {
      const worker = new Worker(url, {
        workerData: { ...setup, follower, readPort } satisfies WorkerSetup,
        transferList: readPort ? [readPort] : [],
        // A test's out-of-memory fault should not need gigabytes to trigger.
        ...(setup.fault?.kind === "oom" ? { resourceLimits: { maxOldGenerationSizeMb: 128 } } : {}),
      });
      const slot: Slot = { worker, loaded: false, pending: [], batches: 0 };
      slots.push(slot);
      worker.on("message", (m: FromWorker) => {
        if (finished) return;
        if (m.type === "loaded") {
          slot.loaded = true;
          slot.count = m.count;
          if (m.suite) {
            const { packed, ...named } = m.suite;
            suite = named;
            if (total() === 0) return finish();
            workers = packed ? workersFor(total(), setup.workers) : 1;
            // Followers beyond what the expectations need stop; the others get the packed suite.
            for (const f of slots.slice(1)) {
              if (slots.indexOf(f) < workers && packed) f.worker.postMessage({ type: "suite", packed } satisfies ToWorker);
              else retire(f);
            }
          }
          // Every worker has the same expectations: a different count is a bug, never a partial run.
          const odd = suite ? slots.find((s) => s.count !== undefined && s.count !== total()) : undefined;
          if (odd) return died(odd, `found ${odd.count} expectations where another found ${total()}`);
          for (const s of slots) dispatch(s);
        } else if (m.type === "result") {
          byId[m.id] = m.results;
          if (m.coverage) coverageById[m.id] = m.coverage;
          slot.pending = slot.pending.filter((id) => id !== m.id);
          done++;
          progress?.update({ done, total: total(), file: suite?.labels[m.id]?.file ?? "" });
          if (done === total()) finish();
        } else {
          slot.batches--;
          dispatch(slot);
        }
      });
      // The error comes first, but the results the worker sent before it died may still be on their
      // way; at "exit" they have all been delivered, so the expectation it was on is the first unanswered.
      worker.on("error", (err: Error & { code?: string }) => {
        slot.why = err.code === "ERR_WORKER_OUT_OF_MEMORY" ? "ran out of memory" : `crashed (${err.message})`;
      });
      worker.on("exit", (code) => {
        if (!slot.retired) died(slot, slot.why ?? `stopped unexpectedly (exit code ${code})`);
      });
      return slot;
    };
    const retire = (slot: Slot) => {
      slot.retired = true;
      void slot.worker.terminate();
    };
    const read = setup.workers > 1 ? new MessageChannel() : undefined;
    start(false, read?.port1);
    for (let i = 1; i < setup.workers; i++) start(true, i === 1 ? read?.port2 : undefined);
  });
}

/**
 * The worker's module: next to this one in the build. Run from the TypeScript sources (vitest, tsx),
 * workers still run the build, which must exist (`npm run build`).
 */
function workerUrl(): URL {
  const url = import.meta.url.endsWith(".ts") ? new URL("../../dist/src/run/worker.js", import.meta.url) : new URL("./worker.js", import.meta.url);
  if (!existsSync(fileURLToPath(url))) throw new Error(`worker threads need ${fileURLToPath(url)}: run npm run build (or use --workers 1)`);
  return url;
}
