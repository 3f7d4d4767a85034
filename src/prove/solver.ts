/**
 * The SMT solver, loaded on first use: `z3-solver` (MIT, WebAssembly) is imported only when a `mayNot`
 * needs a proof, so `--version` and runs without `mayNot` never pay for it. One Solver session belongs
 * to one run (no module state); `close()` ends z3's worker threads so that the process can exit.
 */
import type { Bool, Context, Re, Seq } from "z3-solver";

export type Z = Context<"main">;
export type ZBool = Bool<"main">;
export type ZRe = Re<"main">;
export type ZString = Seq<"main">;

export interface SolverSession {
  readonly z: Z;
  /** One satisfiability question, with a timeout in milliseconds. */
  check(constraints: readonly ZBool[], timeoutMs: number): Promise<{ result: "sat" | "unsat" | "unknown"; model?: Model; reason?: string }>;
  close(): Promise<void>;
  /** What z3 has allocated in this process, by its own estimate. */
  allocated(): number;
}

/** What the prover reads back from a satisfying assignment. */
export interface Model {
  string(e: ZString): string;
  bool(e: ZBool): boolean;
  int(e: unknown): bigint;
  real(e: unknown): number;
}

type Api = Awaited<ReturnType<typeof import("z3-solver")["init"]>>;

/**
 * z3's WebAssembly module, instantiated once per process on first use (it is a library handle, like
 * a loaded module: each instantiation costs hundreds of milliseconds and threads of its own).
 */
let loaded: Promise<Api> | undefined;

/**
 * z3 keeps what it learns about terms (regex derivatives among them) for as long as their context
 * lives, in a WebAssembly memory of 2 GiB; a long run of proofs in one context would fill it and abort.
 * Past this much allocated, the context is dropped and the module retired (its threads ended); a fresh
 * one is loaded for the next proof.
 */
const MODULE_MEMORY_LIMIT = 768 * 1024 * 1024;
/** z3's own ceiling (memory_max_size, megabytes), below the 2 GiB the module can address. */
const MODULE_MEMORY_CAP_MB = 1400;

function memoryOf(api: Api): number {
  // The module's memory is reserved whole at start (2 GiB): what z3 has allocated is its own estimate.
  return Number(api.Z3.get_estimated_alloc_size());
}

function threadsOf(api: Api): { ref?(): void; unref?(): void }[] {
  const threads = api.em?.PThread as { unusedWorkers?: { unref?(): void }[]; runningWorkers?: { unref?(): void }[] } | undefined;
  return [...(threads?.unusedWorkers ?? []), ...(threads?.runningWorkers ?? [])];
}

export async function openSolver(): Promise<SolverSession> {
  if (loaded) {
    const old = await loaded;
    if (memoryOf(old) > MODULE_MEMORY_LIMIT) {
      loaded = undefined;
      await (await import("z3-solver")).killThreads(old.em).catch(() => undefined);
    }
  }
  // z3's own diagnostics go to stderr through printErr; its errors also reach us as exceptions.
  loaded ??= import("z3-solver").then(async (m) => {
    const api = await m.init({ printErr: () => undefined });
    // z3 accounts for what it allocates and, past this many megabytes, gives up on the question
    // ("unknown": the result stays sampled) instead of running the WebAssembly memory out, which
    // aborts the process.
    api.setParam("memory_max_size", MODULE_MEMORY_CAP_MB);
    return api;
  });
  const api = await loaded;
  for (const w of threadsOf(api)) w.ref?.();
  const z = api.Context("main");
  const inFlight = new Set<Promise<unknown>>();
  return {
    z,
    async check(constraints, timeoutMs) {
      const solver = new z.Solver();
      try {
        solver.set("timeout", timeoutMs);
        for (const c of constraints) solver.add(c);
        const started = Date.now();
        const pending = solver.check();
        inFlight.add(pending);
        const result = await pending.finally(() => inFlight.delete(pending));
        if (process.env.IAM_SPEC_PROVER_DUMP && Date.now() - started > 500) {
          (await import("node:fs")).writeFileSync(`${process.env.IAM_SPEC_PROVER_DUMP}-${started}.smt2`, solver.toString());
        }
        if (result === "unknown") return { result, reason: solver.reasonUnknown() };
        if (result === "unsat") return { result };
        const m = solver.model();
        const model: Model = {
          string: (e) => {
            const v = m.eval(e, true);
            return z.isString(v) ? v.asString() : "";
          },
          bool: (e) => z.isTrue(m.eval(e, true)),
          int: (e) => {
            const v = m.eval(e as ZBool, true) as unknown as { value(): bigint };
            return v.value();
          },
          real: (e) => {
            const v = m.eval(e as ZBool, true) as unknown as { asNumber?(): number; value?(): { numerator: bigint; denominator: bigint } };
            if (typeof v.asNumber === "function") return v.asNumber();
            const q = v.value!();
            return Number(q.numerator) / Number(q.denominator);
          },
        };
        return { result, model };
      } finally {
        solver.release?.();
      }
    },
    allocated: () => memoryOf(api),
    async close() {
      // A question still being answered (a warm-up) ends first: z3-solver lets one call run at a time
      // in the whole process, so a call left hanging on a module that is later retired would block
      // every call after it.
      await Promise.allSettled([...inFlight]);
      // z3's threads are Node worker threads that would keep the process alive. Letting them go
      // (unref) ends the process as soon as its own work is done; terminating them instead makes
      // emscripten print a line on stderr for each. A later session takes them back (ref).
      for (const w of threadsOf(api)) w.unref?.();
    },
  };
}
