/**
 * A worker thread of `iam-spec test --workers N`: loads the spec files (and their environments, once)
 * itself, then checks the expectations the main thread hands it, by their position in the run, with
 * the same function the main thread uses (check-one.ts), and sends back each result as it is done.
 */
import { parentPort, threadId, workerData } from "node:worker_threads";
import { createChecker, defaultEvaluator } from "./check-one.js";
import { loadSuite, relativeTo } from "./load-suite.js";
import { proveStep } from "./prove-step.js";
import { createCoverage } from "../statement-coverage/coverage.js";
import type { Fault, FromWorker, ToWorker, WorkerSetup } from "./worker-protocol.js";

const port = parentPort;
if (!port) throw new Error("iam-spec: worker.js runs only as a worker thread");
const setup = workerData as WorkerSetup & { first: boolean };
const send = (m: FromWorker) => port.postMessage(m);

const suite = await loadSuite(setup.files, { cwd: setup.cwd, shard: setup.shard });
const rel = relativeTo(setup.cwd);
const coverage = setup.coverage ? createCoverage((await import("../index.js")).evaluateWithMatches) : undefined;
const check = createChecker({
  cwd: setup.cwd,
  seed: setup.seed,
  runs: setup.runs,
  fuzzTimeMs: setup.fuzzTimeMs,
  requireProof: setup.requireProof,
  evaluator: await defaultEvaluator(),
  ...(setup.prove ? { prover: proveStep() } : {}),
  coverage,
});
port.on("message", async (m: ToWorker) => {
  for (const id of m.ids) {
    const item = suite.items[id];
    if (!item) throw new Error(`iam-spec worker ${threadId}: no expectation #${id}`);
    if (setup.fault && item.exp.it.includes(setup.fault.name)) injectFault(setup.fault);
    const results = await check(item);
    send({ type: "result", id, results, ...(coverage ? { coverage: coverage.drain() } : {}) });
  }
  send({ type: "idle" });
});
// Work is sent only after this message, so the handler above is in place when it comes.
send({
  type: "loaded",
  count: suite.items.length,
  ...(setup.first
    ? {
        suite: {
          errors: suite.errors,
          warnings: suite.warnings,
          labels: suite.items.map(({ spec, exp }) => ({ file: rel(spec.file), name: exp.it, line: exp.pos.line, column: exp.pos.column })),
        },
      }
    : {}),
});

function injectFault(fault: Fault): void {
  if (fault.kind === "crash") throw new Error("injected worker crash");
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array<number>(1 << 20).fill(hoard.length));
}
