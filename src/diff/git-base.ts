/**
 * `--base-ref GITREV`: BASE is the same paths as HEAD, as they were at that revision. The revision's
 * tree is written to a temporary folder with `git archive` (the working tree and the index are never
 * touched), so that policy files an environment names outside the given paths are there too.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";

export interface BaseCheckout {
  /** The revision's tree. */
  dir: string;
  /** The repository's top folder (HEAD's root for pairing environments). */
  toplevel: string;
  /** The HEAD paths, inside `dir`. */
  paths: string[];
  /** `REV:path/in/repo` for a file inside `dir`, so reports never show the temporary folder. */
  display(file: string): string;
  cleanup(): void;
}

export type CheckoutResult = { ok: true; checkout: BaseCheckout } | { ok: false; message: string; hint: string };

function git(args: string[], cwd: string) {
  return spawnSync("git", args, { cwd, encoding: "buffer", maxBuffer: 1024 * 1024 * 1024 });
}

export function checkoutBase(rev: string, headPaths: readonly string[], cwd: string): CheckoutResult {
  const top = git(["rev-parse", "--show-toplevel"], cwd);
  if (top.error) {
    return { ok: false, message: `--base-ref needs git, which could not be run (${(top.error as NodeJS.ErrnoException).code ?? top.error.message})`, hint: "install git, or give BASE as a path: iam-spec diff BASE HEAD" };
  }
  if (top.status !== 0) {
    return { ok: false, message: `--base-ref ${rev}: ${cwd} is not inside a git repository`, hint: "run iam-spec diff from the repository, or give BASE as a path: iam-spec diff BASE HEAD" };
  }
  const toplevel = realpathSync(top.stdout.toString("utf8").trim());
  if (rev.startsWith("-")) return { ok: false, message: `--base-ref ${rev}: not a revision`, hint: "give a branch, tag or commit, e.g. --base-ref origin/main" };
  const verified = git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`], cwd);
  if (verified.status !== 0) {
    return { ok: false, message: `--base-ref ${rev}: unknown revision`, hint: "check the name (git log --oneline), and fetch it first in CI (actions/checkout with fetch-depth: 0)" };
  }
  const commit = verified.stdout.toString("utf8").trim();
  const rels: string[] = [];
  for (const p of headPaths.length > 0 ? headPaths : ["."]) {
    const abs = resolve(cwd, p);
    const real = existsSync(abs) ? realpathSync(abs) : abs;
    const rel = relative(toplevel, real);
    if (rel.startsWith("..") || isAbsolute(rel)) return { ok: false, message: `--base-ref ${rev}: ${p} is outside the repository ${toplevel}`, hint: "give paths inside the repository" };
    rels.push(rel);
  }
  const archive = git(["archive", "--format=tar", commit], cwd);
  if (archive.status !== 0) {
    return { ok: false, message: `--base-ref ${rev}: git archive failed: ${archive.stderr.toString("utf8").trim().split("\n")[0] ?? ""}`, hint: "check that the revision is complete in this clone" };
  }
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-base-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const untar = spawnSync("tar", ["-x", "-f", "-", "-C", dir], { input: archive.stdout, maxBuffer: 64 * 1024 * 1024 });
  if (untar.error || untar.status !== 0) {
    cleanup();
    return { ok: false, message: `--base-ref ${rev}: could not unpack the revision (tar: ${untar.error?.message ?? untar.stderr.toString("utf8").trim()})`, hint: "install tar, or give BASE as a path" };
  }
  const paths = rels.map((r) => join(dir, r));
  for (const [i, p] of paths.entries()) {
    if (!existsSync(p)) {
      cleanup();
      return { ok: false, message: `--base-ref ${rev}: ${rels[i] || "."} does not exist at ${rev}`, hint: "a new folder has no BASE to compare with: give BASE explicitly (an empty environment), or add the folder first" };
    }
  }
  return {
    ok: true,
    checkout: {
      dir,
      toplevel,
      paths,
      display: (file) => (file.startsWith(dir) ? `${rev}:${relative(dir, file).split("\\").join("/")}` : file),
      cleanup,
    },
  };
}
