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
  /** `--coverage`: each result comes with the statements its expectation added and reached. */
  coverage?: boolean | undefined;
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
  /** The spec files are loaded: every worker finds the same expectations; `suite` is sent by worker 0 only. */
  | { type: "loaded"; count: number; suite?: { errors: ExpectationResult[]; warnings: string[]; labels: ItemLabel[] } }
  | { type: "result"; id: number; results: ExpectationResult[]; coverage?: CoverageDelta }
  /** The last batch is done: send more. */
  | { type: "idle" };

/**
 * A fault a test asks a worker to have while checking the expectation whose name contains `name`:
 * throw outside any handler (`crash`) or allocate until its heap is exhausted (`oom`).
 */
export interface Fault {
  kind: "crash" | "oom";
  name: string;
}

/**
 * `IAM_SPEC_WORKER_FAULT=crash:NAME` or `oom:NAME`, honoured only under vitest (which sets VITEST in
 * the environment of the processes it starts): how the tests prove that a dying worker fails the run.
 */
export function faultFromEnv(env: Readonly<Record<string, string | undefined>>): Fault | undefined {
  const text = env["IAM_SPEC_WORKER_FAULT"];
  if (!text || !env["VITEST"]) return undefined;
  const m = /^(crash|oom):(.+)$/.exec(text);
  return m ? { kind: m[1] as Fault["kind"], name: m[2]! } : undefined;
}
