/**
 * Cold start of the built command line (`npm run build` first): `iam-spec --version`, a suite of one
 * exact expectation, and a suite of 1,000 exact expectations, each as a fresh `node` process, against
 * `node -e 0` as the floor. Goals (docs/performance.md): < 150 ms, < 400 ms, < 1 s.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const CLI = resolve("dist/src/cli/main.js");

export interface ColdStart {
  lines: string[];
  ms: Record<string, number | undefined>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const MAXRSS = resolve("bench/maxrss.cjs");

/** Median wall time of `runs` fresh processes, and the peak RSS of one more run (with a preloaded probe). */
function time(args: string[], runs: number): { ms: number; status: number | null; out: string; rssMiB?: number } {
  const times: number[] = [];
  let last = spawnSync(process.execPath, args, { encoding: "utf8" });
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = spawnSync(process.execPath, args, { encoding: "utf8" });
    times.push(performance.now() - t);
  }
  const probed = spawnSync(process.execPath, ["-r", MAXRSS, ...args], { encoding: "utf8" });
  const kib = /maxRSS-KiB=(\d+)/.exec(probed.stderr)?.[1];
  return {
    ms: median(times),
    status: last.status,
    out: (last.stdout + last.stderr).trim().split("\n").slice(-3).join(" | "),
    ...(kib ? { rssMiB: Number(kib) / 1024 } : {}),
  };
}

/** A spec with `n` exact expectations over one user with an inline policy. */
function suite(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-bench-"));
  const env = {
    accounts: {
      "111122223333": {
        users: {
          alice: {
            policies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::acme-artifacts", "arn:aws:s3:::acme-artifacts/*"] }] }],
          },
        },
        // The bucket belongs to this account (an S3 ARN no account lists is another account's).
        resources: { "arn:aws:s3:::acme-artifacts": {} },
      },
    },
  };
  const expect = Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? { it: `read ${i}`, as: "user/alice", may: "s3:GetObject", on: `arn:aws:s3:::acme-artifacts/f${i}.txt`, exact: true }
      : { it: `no write ${i}`, as: "user/alice", mayNot: "s3:PutObject", on: `arn:aws:s3:::acme-artifacts/f${i}.txt`, exact: true },
  );
  const file = join(dir, "bench.iamspec.json");
  writeFileSync(file, JSON.stringify({ name: `bench ${n}`, environment: env, expect }));
  return file;
}

export function coldStart(runs: number): ColdStart {
  const lines: string[] = [];
  const ms: Record<string, number | undefined> = {};
  const floor = time(["-e", "0"], runs);
  ms.nodeFloor = floor.ms;
  lines.push(`cold start (median of ${runs} fresh processes): node -e 0 ${floor.ms.toFixed(0)} ms`);
  if (!existsSync(CLI)) {
    lines.push(`  ${CLI} not found: run \`npm run build\` first`);
    return { lines, ms };
  }
  const cases: [string, string[], number][] = [
    ["--version", [CLI, "--version"], 150],
    ["1 exact expectation", [CLI, "test", suite(1)], 400],
    ["1,000 exact expectations", [CLI, "test", suite(1000), "--reporter", "json"], 1000],
  ];
  for (const [name, args, goal] of cases) {
    const r = time(args, runs);
    const ok = r.status === 0;
    ms[name] = ok ? r.ms : undefined;
    const rss = r.rssMiB !== undefined ? `, peak RSS ${r.rssMiB.toFixed(0)} MiB` : "";
    lines.push(`  iam-spec ${name.padEnd(26)} ${r.ms.toFixed(0).padStart(5)} ms (goal < ${goal} ms${ok ? "" : `; exit ${r.status}: ${r.out.slice(0, 200)}`})${rss}`);
  }
  return { lines, ms };
}
