// Load phase only: node [--cpu-prof] bench/scale/_load.mjs SPECS  (discover + loadSuite + buildWorld, timed)
const D = (process.env.DIST ?? "../../dist") + "/src/";
const { limitHeapGrowth } = await import(D + "run/heap.js");
const { loadSuite } = await import(D + "run/load-suite.js");
const { discoverSpecs } = await import(D + "load/discover.js");
const { buildWorld } = await import(D + "compile/request.js");
limitHeapGrowth();
const t0 = performance.now();
const found = await discoverSpecs([process.argv[2]], "/tmp");
const suite = await loadSuite(found.files, { cwd: "/tmp" });
const t1 = performance.now();
const envs = new Set(suite.items.map((i) => i.spec.environment));
for (const e of envs) buildWorld(e);
const t2 = performance.now();
console.log(JSON.stringify({ items: suite.items.length, loadSeconds: +((t1 - t0) / 1000).toFixed(2), worldSeconds: +((t2 - t1) / 1000).toFixed(2), envs: envs.size }));
