import { runSimulation } from "@cloud-copilot/iam-simulate";
import { scenarios } from "../test/diff/scenarios.js";
import { toSimulation } from "../test/diff/oracle.js";
import { withDerivedContext } from "../test/diff/compare.js";
let n = 0;
for (const s of scenarios(1, 500)) {
  const r = await runSimulation(toSimulation(withDerivedContext(s.input)), {});
  if (r.resultType === "error" && n++ < 6) console.log(JSON.stringify(r.errors).slice(0, 600));
}
