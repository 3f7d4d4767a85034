/** What the main thread and the worker threads of one run say to each other (all plain data). */
import type { ExpectationResult } from "../report/types.js";

/** Given to every worker when it starts. */
export interface WorkerSetup {
  /** The expectations of the run, loaded and built by the main thread (suite-transfer.ts). */
  suite: SharedArrayBuffer;
  cwd: string;
  seed: number;
  runs?: number | undefined;
  fuzzTimeMs?: number | undefined;
  requireProof: boolean;
  /** Prove sampled `mayNot` passes (each worker starts its own solver when one needs it). */
  prove: boolean;
  /** Fault injection for iam-spec's own tests (see faultFromEnv); never set otherwise. */
  fault?: Fault | undefined;
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
  /** The suite is unpacked: `count` expectations (the same number for every worker). */
  | { type: "loaded"; count: number }
  | { type: "result"; id: number; results: ExpectationResult[] }
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
