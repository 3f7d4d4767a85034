/**
 * One phrase for what a result rests on (contract section 6), shared by the text reporters:
 * "exact, 3 requests", "proved", "no counterexample in 812 requests (not proved: ...)"; for a
 * failure, how many requests it took to find the counterexample.
 */
import type { Evidence, ExpectationStatus } from "./types.js";

export function describeEvidence(e: Evidence, status: ExpectationStatus = "passed"): string {
  const n = `${e.requests} request${e.requests === 1 ? "" : "s"}`;
  if (status === "failed" && e.method !== "proved" && !e.reason?.length) return `${e.method}, counterexample found among ${n} evaluated`;
  switch (e.method) {
    case "exact":
      return `exact, ${n}`;
    case "proved":
      return `proved (${n} sampled first)`;
    case "sampled":
      return `no counterexample in ${n} (not proved: ${e.reason ?? "no proof attempted"})`;
  }
}
