/**
 * A worker thread of `iam-spec test --workers N`. The first worker loads the spec files (and their
 * environments, once) and packs what it loaded for the others (suite-transfer.ts), which unpack it
 * instead of reading and validating the files again. Each then checks the expectations the main
 * thread hands it, by their position in the run, with the same function the main thread uses
 * (check-one.ts), and sends back each result as it is done. The prover (z3) is loaded only when a
 * `mayNot` needs a proof.
 */
import { parentPort, threadId, workerData } from "node:worker_threads";
import { createChecker, defaultEvaluator } from "./check-one.js";
import { loadSuite, relativeTo, type SuiteItem } from "./load-suite.js";
import { proveStep, type ProveStep } from "./prove-step.js";
import { packSuite, unpackSuite } from "./suite-transfer.js";
import { createCoverage } from "../statement-coverage/coverage.js";
import { workersFor, type Fault, type FromWorker, type ToWorker, type WorkerSetup } from "./worker-protocol.js";

const port = parentPort;
if (!port) throw new Error("iam-spec: worker.js runs only as a worker thread");
const setup = workerData as WorkerSetup;
const send = (m: FromWorker) => port.postMessage(m);

const { items, loaded } = setup.packed ? { items: unpackSuite(setup.packed), loaded: undefined } : await load();
const prover = setup.prove ? withFault(proveStep(), setup.fault) : undefined;
const coverage = setup.coverage ? createCoverage((await import("../index.js")).evaluateWithMatches) : undefined;
const check = createChecker({
  cwd: setup.cwd,
  seed: setup.seed,
  runs: setup.runs,
  fuzzTimeMs: setup.fuzzTimeMs,
  requireProof: setup.requireProof,
  evaluator: await defaultEvaluator(),
  ...(prover ? { prover } : {}),
  coverage,
});
port.on("message", async (m: ToWorker) => {
  for (const id of m.ids) {
    const item = items[id];
    if (!item) throw new Error(`iam-spec worker ${threadId}: no expectation #${id}`);
    if (setup.fault && !setup.fault.inProof && item.exp.it.includes(setup.fault.name)) injectFault(setup.fault);
    const results = await check(item);
    send({ type: "result", id, results, ...(coverage ? { coverage: coverage.drain() } : {}) });
  }
  send({ type: "idle" });
});
// Work is sent only after this message, so the handler above is in place when it comes.
send({ type: "loaded", count: items.length, ...(loaded ? { suite: loaded } : {}) });

/** The first worker's load: the expectations, what names them, and the packed suite when more workers will start. */
async function load(): Promise<{ items: SuiteItem[]; loaded: NonNullable<Extract<FromWorker, { type: "loaded" }>["suite"]> }> {
  const suite = await loadSuite(setup.files, { cwd: setup.cwd, shard: setup.shard });
  const rel = relativeTo(setup.cwd);
  return {
    items: suite.items,
    loaded: {
      errors: suite.errors,
      warnings: suite.warnings,
      labels: suite.items.map(({ spec, exp }) => ({ file: rel(spec.file), name: exp.it, line: exp.pos.line, column: exp.pos.column })),
      ...(workersFor(suite.items.length, setup.workers) > 1 ? { packed: packSuite(suite.items) } : {}),
    },
  };
}

function injectFault(fault: Fault): never {
  if (fault.kind === "crash") throw new Error("injected worker crash");
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array<number>(1 << 20).fill(hoard.length));
}

/**
 * A fault in the proof (`prove-crash:NAME`, `prove-oom:NAME`): the solver is loaded and the proof
 * runs, then the thread dies outside any handler, as an abort or an exhausted heap inside z3 would.
 */
function withFault(step: ProveStep, fault: Fault | undefined): ProveStep {
  if (!fault?.inProof) return step;
  return {
    async run(world, exp, outcome, evaluator) {
      const proved = await step.run(world, exp, outcome, evaluator);
      if (!exp.it.includes(fault.name)) return proved;
      setImmediate(() => injectFault(fault));
      return new Promise<typeof proved>(() => {});
    },
    close: () => step.close(),
    warm: () => step.warm(),
  };
}
