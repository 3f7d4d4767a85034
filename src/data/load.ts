/**
 * Reads bundled data files. Every read goes through here so tests can prove the data modules are lazy
 * (importing them reads nothing) and cache (a second lookup reads nothing more).
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { dataFilePath } from "./locate.js";

let reads = 0;

/** How many data files have been read so far in this process. For tests. */
export function dataFileReads(): number {
  return reads;
}

/** Reads and parses data/<fileName>; a `.gz` file is gunzipped first. Throws if missing or malformed. */
export function readDataFile(fileName: string): unknown {
  const path = dataFilePath(fileName);
  reads++;
  try {
    const raw = readFileSync(path);
    const text = fileName.endsWith(".gz") ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
    return JSON.parse(text);
  } catch (err) {
    throw new Error(
      `iam-spec: cannot load bundled data ${path} (regenerate with: npx tsx scripts/build-data.ts): ${String(err)}`,
    );
  }
}

/** Checks the envelope every data file shares, so a stale or foreign file fails loudly instead of misreading. */
export function checkFormat(fileName: string, data: unknown, format: number, fields: readonly string[]): void {
  const obj = data as Record<string, unknown> | null;
  if (typeof obj !== "object" || obj === null || obj.format !== format) {
    throw new Error(`iam-spec: bundled data ${fileName} is not format ${format}; regenerate it`);
  }
  for (const f of fields) {
    if (typeof obj[f] !== "object" || obj[f] === null) {
      throw new Error(`iam-spec: bundled data ${fileName} lacks "${f}"; regenerate it`);
    }
  }
}
