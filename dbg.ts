import { runSuite } from "./src/run/run-suite.js";
const nothing = { name: "none", *candidates() {} };
const r = await runSuite(["/tmp/cc"], { cwd: "/tmp/cc", seed: 1, source: nothing as any });
console.log(JSON.stringify(r.result.results, null, 1).slice(0, 1500));
