/**
 * A worker thread of `iam-spec test --workers N`: unpacks the expectations the main thread loaded
 * (suite-transfer.ts: no file is read or validated again), then checks those the main thread hands
 * it, by their position in the run, with the same function the main thread uses (check-one.ts), and
 * sends back each result as it is done. The prover (z3) is loaded only when a `mayNot` needs a proof.
 */
import { parentPort, threadId, workerData } from "node:worker_threads";
import { createChecker, defaultEvaluator } from "./check-one.js";
import { proveStep, type ProveStep } from "./prove-step.js";
import { unpackSuite } from "./suite-transfer.js";
import type { Fault, FromWorker, ToWorker, WorkerSetup } from "./worker-protocol.js";

const port = parentPort;
if (!port) throw new Error("iam-spec: worker.js runs only as a worker thread");
const setup = workerData as WorkerSetup;
const send = (m: FromWorker) => port.postMessage(m);

const items = unpackSuite(setup.suite);
const prover = setup.prove ? withFault(proveStep(), setup.fault) : undefined;
const check = createChecker({ cwd: setup.cwd, seed: setup.seed, runs: setup.runs, fuzzTimeMs: setup.fuzzTimeMs, requireProof: setup.requireProof, evaluator: await defaultEvaluator(), ...(prover ? { prover } : {}) });
port.on("message", async (m: ToWorker) => {
  for (const id of m.ids) {
    const item = items[id];
    if (!item) throw new Error(`iam-spec worker ${threadId}: no expectation #${id}`);
    if (setup.fault && !setup.fault.inProof && item.exp.it.includes(setup.fault.name)) injectFault(setup.fault);
    send({ type: "result", id, results: await check(item) });
  }
  send({ type: "idle" });
});
// Work is sent only after this message, so the handler above is in place when it comes.
send({ type: "loaded", count: items.length });

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
  };
}
