/** What the main thread and the worker threads of one run say to each other (all plain data). */
import type { ExpectationResult } from "../report/types.js";
import type { CoverageDelta } from "../statement-coverage/coverage.js";
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
  /** Workers wanted at most (the run's estimate); the first worker packs the suite when more will start. */
  workers: number;
  /**
   * The suite the first worker loaded (suite-transfer.ts), for the workers started after it, which
   * then read and validate no file. Absent for the first worker, which loads the spec files.
   */
  packed?: SharedArrayBuffer | undefined;
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

/** Where an expectation is, to name it when its worker dies. */
export interface ItemLabel {
  file: string;
  name: string;
  line: number;
  column: number;
}

export type ToWorker = { type: "check"; ids: number[] };

export type FromWorker =
  /**
   * The suite is loaded (or unpacked): every worker has the same expectations. The first worker also
   * sends what names them, and the packed suite when more workers are to start.
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
