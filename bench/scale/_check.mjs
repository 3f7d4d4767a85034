// Check-phase only: node bench/scale/_check.mjs SPECS [N]  (loads once, then checks the first N expectations)
import { PerformanceObserver } from "node:perf_hooks";
const { limitHeapGrowth } = await import((process.env.DIST ?? "../../dist") + "/src/run/heap.js");
const { loadSuite } = await import((process.env.DIST ?? "../../dist") + "/src/run/load-suite.js");
const { createChecker, defaultEvaluator } = await import((process.env.DIST ?? "../../dist") + "/src/run/check-one.js");
const { discoverSpecs } = await import((process.env.DIST ?? "../../dist") + "/src/load/discover.js");
limitHeapGrowth();
const found = await discoverSpecs([process.argv[2]], "/tmp");
const suite = await loadSuite(found.files, { cwd: "/tmp" });
const items = suite.items.slice(0, +(process.argv[3] ?? 1e9));
const check = createChecker({ cwd: "/tmp", seed: 1, requireProof: false, evaluator: await defaultEvaluator() });
let gcs = { minor: 0, major: 0, ms: 0 };
const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) { gcs.ms += e.duration; if (e.detail?.kind === 1) gcs.minor++; else gcs.major++; } });
obs.observe({ entryTypes: ["gc"] });
const c0 = process.cpuUsage(); const t0 = performance.now();
let passed = 0;
for (const it of items) { const r = await check(it); for (const x of r) if (x.status === "passed") passed++; }
const wall = performance.now() - t0; const c = process.cpuUsage(c0);
await new Promise((r) => setTimeout(r, 50));
console.log(JSON.stringify({ n: items.length, passed, wall: +(wall / 1000).toFixed(2), cpu: +((c.user + c.system) / 1e6).toFixed(2), offMain: +((c.user + c.system) / 1e6 - wall / 1000).toFixed(2), ...gcs, gcms: Math.round(gcs.ms) }));
obs.disconnect();
