import { loadSpecFile } from "/work/wt/escalate/src/load/spec.js";
import { buildWorld } from "/work/wt/escalate/src/compile/request.js";
import { buildGraph } from "/work/wt/escalate/src/escalation/graph.js";
import { searchOracle } from "/work/wt/escalate/src/escalation/step.js";
import { whenConstraints } from "/work/wt/escalate/src/compile/sources.js";
import { fuzzSource } from "/work/wt/escalate/src/fuzz/index.js";
import { evaluate, explain } from "/work/wt/escalate/src/index.js";
const spec = await loadSpecFile(process.argv[2]!);
if (!spec.ok) { console.log(spec.errors); process.exit(1); }
const world = buildWorld(spec.value.environment);
const ask = searchOracle({ world, when: whenConstraints([]), evaluator: { evaluate, explain }, source: fuzzSource(), exact: false, seed: 1, runs: 100, counter: { requests: 0 } });
const g = buildGraph(world, ask);
for (const a of world.env.accounts.values()) for (const r of [...a.roles.values()]) {
  const n = g.start({ kind: "role-session", role: r, written: r.arn });
  console.log(n.label, JSON.stringify(g.admin(n)));
}
