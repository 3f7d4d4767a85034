import { readFileSync } from "node:fs";
import { compare } from "../test/diff/compare.js";
const d = JSON.parse(readFileSync("/tmp/dt/diff100k.json", "utf8"));
for (const o of d.outcomes) { const r = await compare(o.scenario); console.log(r.ours, r.theirs, r.verdict); }
