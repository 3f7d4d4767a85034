import type { SuiteResult } from "./types.js";

/** The closing line of the plain-text reporters: `Expectations  2 passed, 1 failed, 0 errors (3)  Seed 7`. */
export function summaryLine(result: SuiteResult): string {
  const { passed, failed, errors } = result.summary;
  return `Expectations  ${passed} passed, ${failed} failed, ${errors} ${errors === 1 ? "error" : "errors"} (${passed + failed + errors})  Seed ${result.seed}`;
}
