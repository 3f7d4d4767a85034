import { readdirSync } from "node:fs";
import { join } from "node:path";
import { runSuite } from "./src/run/run-suite.js";
const ROOT = process.cwd();
const LH = join(ROOT, "test/fixtures/loopholes");
const none = { name: "none", *candidates() {} };
const mode = process.argv[2] ?? "both";
for (const s of readdirSync(LH).sort().filter((x) => x.includes(process.argv[3] ?? ""))) {
  for (const v of ["buggy", "fixed"]) {
    const t0 = Date.now();
    const { result } = await runSuite([join(LH, s, v)], { cwd: ROOT, seed: 1, ...(mode === "prover-only" ? { source: none as any } : {}) });
    const r = result.results.map((x) => `${x.status}[${(x as any).evidence?.method ?? ""}${(x as any).evidence?.reason ? ": " + (x as any).evidence.reason : ""}]${x.message && x.status !== "passed" ? "{" + x.message.slice(0, 90) + "}" : ""}`).join(" ");
    console.log(`${s}/${v} ${Date.now() - t0}ms: ${r}`);
  }
}
