/** What the main thread and the worker threads of one run say to each other (all plain data). */
import type { ExpectationResult } from "../report/types.js";
import type { CoverageDelta } from "../statement-coverage/coverage.js";
import type { MessagePort } from "node:worker_threads";
import type { ReadResult } from "../load/read-file.js";
import type { Shard } from "./shard.js";

/** Given to every worker when it starts. */
export interface WorkerSetup {
  files: string[];
  cwd: string;
  shard?: Shard | undefined;
  seed: number;
  runs?: number | undefined;
  fuzzTimeMs?: number | undefined;
  requireProof: boolean;
  /** Prove sampled `mayNot` passes (each worker starts its own solver when one needs it). */
  prove: boolean;
  /** Workers wanted at most (the run's estimate); the first worker packs the suite when more are needed. */
  workers: number;
  /**
   * Not the first worker: it reads and validates no file, but waits for the suite the first worker
   * loaded and packed (suite-transfer.ts), sent as a "suite" message.
   */
  follower?: boolean | undefined;
  /**
   * Between the first worker and the first follower: while the first worker loads the first spec
   * file's environment, the follower reads (parses) the other spec files for it (ReadRequest).
   */
  readPort?: MessagePort | undefined;
  /** `--coverage`: each result comes with the statements its expectation added and reached. */
  coverage?: boolean | undefined;
  /** Fault injection for iam-spec's own tests (see faultFromEnv); never set otherwise. */
  fault?: Fault | undefined;
}

/** Expectations per worker at least: below that, starting a worker costs more than it saves. */
export const MIN_EXPECTATIONS_PER_WORKER = 50;

/** Workers for `expectations` expectations: at most `wanted`, one per MIN_EXPECTATIONS_PER_WORKER. */
export function workersFor(expectations: number, wanted: number): number {
  return Math.max(1, Math.min(wanted, Math.floor(expectations / MIN_EXPECTATIONS_PER_WORKER)));
}

/** On the read port: the first worker asks for `files`, the follower answers with what it read, in order. */
export type ReadRequest = { files: string[] };
export type ReadReply = { reads: ReadResult[] };

/** Where an expectation is, to name it when its worker dies. */
export interface ItemLabel {
  file: string;
  name: string;
  line: number;
  column: number;
}

export type ToWorker =
  /** To a follower, once: the suite the first worker packed. */
  | { type: "suite"; packed: SharedArrayBuffer }
  /** Check these expectations, in this order, after those sent before. */
  | { type: "check"; ids: number[] };

export type FromWorker =
  /**
   * The suite is loaded (or unpacked): every worker has the same expectations. The first worker also
   * sends what names them, and the packed suite when more workers are needed.
   */
  | { type: "loaded"; count: number; suite?: { errors: ExpectationResult[]; warnings: string[]; labels: ItemLabel[]; packed?: SharedArrayBuffer } }
  | { type: "result"; id: number; results: ExpectationResult[]; coverage?: CoverageDelta }
  /** The last batch is done: send more. */
  | { type: "idle" };

/**
 * A fault a test asks a worker to have while checking the expectation whose name contains `name`:
 * throw outside any handler (`crash`) or allocate until its heap is exhausted (`oom`); `inProof`:
 * once the prover (z3) has been loaded and has run on it, as a fault inside the solver would.
 */
export interface Fault {
  kind: "crash" | "oom";
  name: string;
  inProof?: boolean;
}

/**
 * `IAM_SPEC_WORKER_FAULT=crash:NAME`, `oom:NAME`, `prove-crash:NAME` or `prove-oom:NAME`, honoured
 * only under vitest (which sets VITEST in the environment of the processes it starts): how the tests
 * prove that a dying worker fails the run.
 */
export function faultFromEnv(env: Readonly<Record<string, string | undefined>>): Fault | undefined {
  const text = env["IAM_SPEC_WORKER_FAULT"];
  if (!text || !env["VITEST"]) return undefined;
  const m = /^(prove-)?(crash|oom):(.+)$/.exec(text);
  return m ? { kind: m[2] as Fault["kind"], name: m[3]!, ...(m[1] ? { inProof: true } : {}) } : undefined;
}
