import { describe, expect, it } from "vitest";
import { formatInputError, loadSpecFile } from "../../src/load/index.js";

const DIR = "test/fixtures/load/valid";

describe("environment lists and extends", () => {
  it("merges files in order, resolving each path against its own file", async () => {
    const r = await loadSpecFile(`${DIR}/merge.iamspec.yaml`);
    if (!r.ok) throw new Error(r.errors.map(formatInputError).join("\n"));
    const env = r.value.environment;
    expect(env.files).toEqual([`${DIR}/overlay/team.yaml`, `${DIR}/base.yaml`, `${DIR}/extra.yaml`]);
    const alice = env.accounts.get("111122223333")?.users.get("alice");
    // Mappings merge key by key (the later file wins); lists are replaced.
    expect(alice?.tags).toEqual({ team: "web", level: "2" });
    expect(alice?.identityPolicies.map((p) => p.name)).toEqual([`${DIR}/policies/deploy.json`]);
    expect(env.accounts.get("444455556666")?.roles.get("partner")?.trust?.file).toBe(`${DIR}/policies/deploy-trust.json`);
  });

  it("shares one environment between specs of one loader", async () => {
    const { createLoader } = await import("../../src/load/index.js");
    const loader = await createLoader();
    const a = await loadSpecFile(`${DIR}/deploy.iamspec.yaml`, loader);
    const b = await loadSpecFile(`${DIR}/deploy.iamspec.yaml`, loader);
    expect(a.ok && b.ok && a.value.environment === b.value.environment).toBe(true);
  });

  it("returns policy warnings without failing", async () => {
    const r = await loadSpecFile(`${DIR}/warn.iamspec.yaml`);
    expect(r.ok).toBe(true);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ severity: "warning", line: 10, column: 27 });
    expect(r.warnings[0]?.message).toContain("s3:GetObjekt");
  });
});
