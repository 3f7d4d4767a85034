/**
 * Contract section 6: exactly one JSON document on stdout, nothing else there, so that
 * `iam-spec test --reporter json | jq` always works. Input errors are results with status "error".
 */
import type { Output, Reporter, SuiteResult } from "./types.js";

export class JsonReporter implements Reporter {
  readonly name = "json";

  report(result: SuiteResult, out: Output): void {
    const doc = { seed: result.seed, ...(result.shard ? { shard: result.shard } : {}), summary: result.summary, results: result.results, ...(result.warnings ? { warnings: result.warnings } : {}), ...(result.coverage ? { coverage: result.coverage } : {}) };
    out.stdout(JSON.stringify(doc, null, 2) + "\n");
  }
}
