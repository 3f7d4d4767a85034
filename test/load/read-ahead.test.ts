/**
 * Policy files are read ahead of their references (src/load/policy-ref.ts, readAhead), all at once;
 * what a reference reports must not change: a missing file at every reference that names it, with
 * the path as written there; a broken file once, at its own position; a folder named as a policy;
 * and nothing for a path-like text inside an inline document, which is no reference.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatInputError, loadSpecFile } from "../../src/load/index.js";

const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });

describe("policy files read ahead", () => {
  it("reports what each reference would report when read one after another", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-ahead-"));
    mkdirSync(join(dir, "trust"));
    mkdirSync(join(dir, "a-folder"));
    writeFileSync(join(dir, "trust", "ok.json"), TRUST);
    writeFileSync(join(dir, "trust", "broken.json"), '{ "Version": "2012-10-17", "Statement": [ }');
    writeFileSync(
      join(dir, "env.yaml"),
      [
        "accounts:",
        '  "111122223333":',
        "    roles:",
        "      one: { trust: ./trust/missing.json }",
        "      two: { trust: trust/missing.json }",
        "      three: { trust: ./trust/broken.json }",
        "      four: { trust: ./trust/broken.json }",
        "      five: { trust: ./a-folder }",
        "      six:",
        "        trust: ./trust/ok.json",
        '        policies: [{ Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/policy": "./trust/missing.json" } } }] }]',
        "",
      ].join("\n"),
    );
    writeFileSync(join(dir, "t.iamspec.yaml"), "environment: ./env.yaml\nexpect:\n  - as: role/six\n    may: s3:GetObject\n    on: arn:aws:s3:::b/k\n");
    const r = await loadSpecFile(join(dir, "t.iamspec.yaml"));
    expect(r.ok).toBe(false);
    const lines = (r.ok ? [] : r.errors).map((e) => formatInputError(e).replace(`${dir}/`, ""));
    expect(lines.filter((l) => l.includes("file not found"))).toEqual([
      expect.stringMatching(/^env\.yaml:4:21: trust\/missing\.json: file not found/),
      expect.stringMatching(/^env\.yaml:5:21: trust\/missing\.json: file not found/),
    ]);
    // Named twice, its parse errors come once.
    const broken = lines.filter((l) => l.startsWith("trust/broken.json:1:"));
    expect(broken.length).toBeGreaterThan(0);
    expect(new Set(broken).size).toBe(broken.length);
    expect(lines.filter((l) => l.includes("is a directory"))).toEqual([expect.stringMatching(/^env\.yaml:8:22: a-folder: is a directory/)]);
    // Nothing reported on role six: its trust file reads, and the condition value in its inline policy is no reference.
    expect(lines.filter((l) => l.includes(":9:") || l.includes(":10:") || l.includes(":11:"))).toEqual([]);
  });
});
