/**
 * The shared environment of a run: spec files that name the same environment files (however the path
 * is spelled) get one environment object, built once; roles that attach the same policy share its
 * compiled form.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readLocatedFile } from "../../src/load/read-file.js";
import { loadSuite } from "../../src/run/load-suite.js";

const dir = mkdtempSync(join(tmpdir(), "iam-spec-load-suite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = `accounts:
  "111122223333":
    roles:
      reader:
        trust: { Version: "2012-10-17", Statement: [ { Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" } ] }
        policies: [ arn:aws:iam::aws:policy/ReadOnlyAccess, arn:aws:iam::111122223333:policy/Shared ]
      auditor:
        trust: { Version: "2012-10-17", Statement: [ { Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" } ] }
        policies: [ arn:aws:iam::aws:policy/ReadOnlyAccess, arn:aws:iam::111122223333:policy/Shared ]
    policies:
      Shared: { Version: "2012-10-17", Statement: [ { Effect: Allow, Action: "s3:PutObject", Resource: "arn:aws:s3:::shared/*" } ] }
`;
mkdirSync(join(dir, "specs", "sub"), { recursive: true });
writeFileSync(join(dir, "env.yaml"), env);
const spec = (envRef: string) => `environment: ${envRef}\nexpect:\n  - as: role/reader\n    may: s3:GetObject\n    on: arn:aws:s3:::shared/x\n`;
writeFileSync(join(dir, "specs", "a.iamspec.yaml"), spec("../env.yaml"));
writeFileSync(join(dir, "specs", "b.iamspec.yaml"), spec("./sub/../../env.yaml"));
writeFileSync(join(dir, "specs", "sub", "c.iamspec.yaml"), spec("../../env.yaml"));
writeFileSync(join(dir, "specs", "inline.iamspec.yaml"), `environment:\n${env.trimEnd().replace(/^/gm, "  ")}\nexpect:\n  - as: role/reader\n    may: s3:GetObject\n    on: arn:aws:s3:::shared/x\n`);

describe("loadSuite", () => {
  it("builds an environment named by several spec files once, and shares compiled policies between roles", async () => {
    const files = ["a", "b", "sub/c", "inline"].map((f) => join(dir, "specs", `${f}.iamspec.yaml`));
    const suite = await loadSuite(files, { cwd: dir });
    expect(suite.errors).toEqual([]);
    expect(suite.items).toHaveLength(4);
    const [a, b, c, inline] = suite.items.map((i) => i.spec.environment);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(inline).not.toBe(a);
    const roles = a!.accounts.get("111122223333")!.roles;
    const [reader, auditor] = [roles.get("reader")!, roles.get("auditor")!];
    // The same AWS managed and customer managed documents: one compiled form each.
    expect(auditor.identityPolicies[0]!.handle).toBe(reader.identityPolicies[0]!.handle);
    expect(auditor.identityPolicies[1]!.handle).toBe(reader.identityPolicies[1]!.handle);
    expect(auditor.identityPolicies[1]!.document).toBe(reader.identityPolicies[1]!.document);
  });

  it("loads only the files a shard needs, and reports a broken file's errors in one shard", async () => {
    const broken = join(dir, "specs", "broken.iamspec.yaml");
    writeFileSync(broken, "environment: ../env.yaml\nexpect:\n  - as: role/nobody\n    may: s3:GetObject\n");
    const files = [join(dir, "specs", "a.iamspec.yaml"), broken, join(dir, "specs", "b.iamspec.yaml")];
    const shards = await Promise.all([1, 2, 3].map((index) => loadSuite(files, { cwd: dir, shard: { index, count: 3 } })));
    expect(shards.map((s) => s.items.length)).toEqual([1, 0, 1]);
    expect(shards.map((s) => s.errors.length > 0)).toEqual([false, true, false]);
    expect(shards[1]!.errors[0]!.message).toMatch(/nobody/);
  });

  it("loads the same suite when the other spec files are read elsewhere (another thread) while the first loads", async () => {
    const broken = join(dir, "specs", "broken-too.iamspec.yaml");
    writeFileSync(broken, "environment: ../env.yaml\nexpect:\n  - as: role/nobody\n    may: s3:GetObject\n");
    const unreadable = join(dir, "specs", "missing.iamspec.yaml");
    const files = [join(dir, "specs", "a.iamspec.yaml"), broken, unreadable, join(dir, "specs", "b.iamspec.yaml"), join(dir, "specs", "inline.iamspec.yaml")];
    const asked: string[][] = [];
    const elsewhere = await loadSuite(files, {
      cwd: dir,
      readElsewhere: async (rest) => {
        asked.push([...rest]);
        return Promise.all(rest.map((f) => readLocatedFile(f)));
      },
    });
    expect(asked).toEqual([files.slice(1)]);
    const here = await loadSuite(files, { cwd: dir });
    expect(elsewhere.items.map((i) => [i.spec.file, i.exp.pos.line])).toEqual(here.items.map((i) => [i.spec.file, i.exp.pos.line]));
    expect(elsewhere.items).toHaveLength(3);
    expect(elsewhere.errors).toEqual(here.errors);
    expect(elsewhere.errors.map((e) => e.message).join("\n")).toMatch(/nobody[\s\S]*not found|not found[\s\S]*nobody/);
    expect(elsewhere.warnings).toEqual(here.warnings);
    expect(elsewhere.written).toBe(here.written);
    // The environment shared by the first file and the others is still built once.
    expect(elsewhere.items[1]!.spec.environment).toBe(elsewhere.items[0]!.spec.environment);
    expect(elsewhere.items[2]!.spec.environment).not.toBe(elsewhere.items[0]!.spec.environment);
  });
});
