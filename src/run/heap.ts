/**
 * V8 lets a heap grow to up to four times what survived its last full collection before it collects
 * again. A run holds a large environment for its whole length and makes much short-lived garbage
 * (each expectation's plans and candidate requests), so that headroom was most of its memory: on the
 * 1,000-account benchmark it took two workers from about 0.9 GiB to 1.4 GiB. A growth factor of 1.5
 * keeps it small for about a tenth more collection time, and never fails a run (unlike a heap limit).
 * It is a V8 flag, so it applies to the whole process, worker threads included; it is set before the
 * environment is loaded, unless the user set it (NODE_OPTIONS or the command line).
 */
import { setFlagsFromString } from "node:v8";

export function limitHeapGrowth(): void {
  const given = [...process.execArgv, ...(process.env["NODE_OPTIONS"] ?? "").split(/\s+/)].some((a) => /^--heap[-_]growing[-_]percent\b/.test(a));
  if (!given) setFlagsFromString("--heap-growing-percent=50");
}
