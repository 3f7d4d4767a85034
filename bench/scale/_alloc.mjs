// Allocation sampling (all allocations, also those collected) over a run: node bench/scale/_alloc.mjs SPECS OUT
import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
import { runSuite } from "../../dist/src/run/run-suite.js";
const s = new Session(); s.connect();
await s.post("HeapProfiler.enable");
await s.post("HeapProfiler.startSampling", { samplingInterval: 64 * 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: process.env.MINOR !== "0" });
const { result } = await runSuite([process.argv[2]], { cwd: "/tmp", seed: 1, workers: 1, prove: process.env.PROVE === "1", ...(process.env.SHARD ? { shard: { index: 1, count: +process.env.SHARD } } : {}) });
const { profile } = await s.post("HeapProfiler.stopSampling");
console.log(result.summary);
writeFileSync(process.argv[3], JSON.stringify(profile));
