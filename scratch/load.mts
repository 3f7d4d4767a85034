import { loadSpecFile } from "../src/load/spec.js";
const u0 = process.cpuUsage(); const t0 = performance.now();
const s = await loadSpecFile("/tmp/iam-spec-org-BxQRNF/org.iamspec.yaml");
const u = process.cpuUsage(u0);
console.log("load ok", s.ok, ((performance.now()-t0)/1000).toFixed(1), "s wall", ((u.user+u.system)/1e6).toFixed(1), "s CPU");
