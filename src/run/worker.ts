/**
 * A worker thread of `iam-spec test --workers N`. The first worker loads the spec files (and their
 * environments, once) and packs what it loaded for the others (suite-transfer.ts), which start beside
 * it (the first of them reading the other spec files for it meanwhile), get ready to check, and
 * unpack the suite instead of reading and validating the files again. Each then checks the
 * expectations the main thread hands it, by their position in the run, with the same function the
 * main thread uses (check-one.ts), and sends back each result as it is done. The prover (z3) is loaded only when a
 * `mayNot` needs a proof.
 */
import { parentPort, threadId, workerData } from "node:worker_threads";
import { createChecker, defaultEvaluator } from "./check-one.js";
import { pipeline } from "./pipeline.js";
import { loadSuite, relativeTo, type ReadElsewhere, type SuiteItem } from "./load-suite.js";
import { readLocatedFile } from "../load/read-file.js";
import { proveStep, type ProveStep } from "./prove-step.js";
import { packSuite, unpackSuite } from "./suite-transfer.js";
import { createCoverage } from "../statement-coverage/coverage.js";
import { workersFor, type Fault, type FromWorker, type ReadReply, type ReadRequest, type ToWorker, type WorkerSetup } from "./worker-protocol.js";

const port = parentPort;
if (!port) throw new Error("iam-spec: worker.js runs only as a worker thread");
const setup = workerData as WorkerSetup;
const send = (m: FromWorker) => port.postMessage(m);

// A follower reads spec files for the first worker while it loads (load-suite.ts).
if (setup.follower && setup.readPort) {
  const port = setup.readPort;
  port.on("message", async (m: ReadRequest) => {
    const reads = [];
    for (const file of m.files) reads.push(await readLocatedFile(file));
    port.postMessage({ reads } satisfies ReadReply);
    port.close();
  });
}

// The checker's parts first: a follower makes them while the first worker loads.
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

// Batches come ahead of time (pool.ts): they are queued and checked one after another, in order.
const queue: number[] = [];
let suiteArrived: (packed: SharedArrayBuffer) => void = () => {};
const packedSuite = new Promise<SharedArrayBuffer>((resolve) => (suiteArrived = resolve));
let items: SuiteItem[] = [];
let running = false;
port.on("message", (m: ToWorker) => {
  if (m.type === "suite") return suiteArrived(m.packed);
  queue.push(...m.ids, -1);
  if (!running) void checkQueued();
});

const { loaded, ...suite } = setup.follower ? { items: unpackSuite(await packedSuite), loaded: undefined } : await load();
items = suite.items;
// Work is sent only after this message.
send({ type: "loaded", count: items.length, ...(loaded ? { suite: loaded } : {}) });

/** Checks the queued expectations; -1 ends a batch. */
async function checkQueued(): Promise<void> {
  running = true;
  // The next expectations are sampled while z3 answers a proof (pipeline.ts); results go back in order.
  const line = pipeline(
    async (id: number) => {
      const item = items[id];
      if (!item) throw new Error(`iam-spec worker ${threadId}: no expectation #${id}`);
      if (setup.fault && !setup.fault.inProof && item.exp.it.includes(setup.fault.name)) injectFault(setup.fault);
      return check(item);
    },
    (results, id) => send({ type: "result", id, results, ...(coverage ? { coverage: coverage.drain() } : {}) }),
  );
  while (queue.length > 0) {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (id < 0) await line.mark(() => send({ type: "idle" }));
      else await line.push(id);
    }
    // Batches that came while the last ones were finishing are checked too.
    await line.finish();
  }
  running = false;
}

/** The first worker's load: the expectations, what names them, and the packed suite when more workers are needed. */
async function load(): Promise<{ items: SuiteItem[]; loaded: NonNullable<Extract<FromWorker, { type: "loaded" }>["suite"]> }> {
  const suite = await loadSuite(setup.files, { cwd: setup.cwd, shard: setup.shard, readElsewhere: readElsewhere(setup.readPort) });
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

/** Spec files read by the follower at the other end of `port`. */
function readElsewhere(port: WorkerSetup["readPort"]): ReadElsewhere | undefined {
  if (!port) return undefined;
  return (files) =>
    new Promise((resolve) => {
      port.once("message", (m: ReadReply) => {
        port.close();
        resolve(m.reads);
      });
      port.postMessage({ files: [...files] } satisfies ReadRequest);
    });
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
