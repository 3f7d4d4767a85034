/** Writes a generated file, or with `--check` exits 1 when the file on disk differs (CI). */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";

export async function writeOrCheck(outFile: string, fresh: string, regenerate: string): Promise<void> {
  const onDisk = await readFile(outFile, "utf8").catch(() => undefined);
  const rel = relative(process.cwd(), outFile);
  if (process.argv.includes("--check")) {
    if (onDisk !== fresh) {
      process.stderr.write(`${rel} is stale: run \`${regenerate}\` and commit the result\n`);
      process.exit(1);
    }
    process.stdout.write(`${rel} is up to date\n`);
    return;
  }
  await mkdir(dirname(outFile), { recursive: true });
  if (onDisk !== fresh) await writeFile(outFile, fresh);
  process.stdout.write(`wrote ${rel}\n`);
}
