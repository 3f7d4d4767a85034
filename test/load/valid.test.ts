import { describe, expect, it } from "vitest";
import { loadSpecFile } from "../../src/load/index.js";
import type { Spec } from "../../src/model/types.js";

const DIR = "test/fixtures/load/valid";

async function load(): Promise<Spec> {
  const r = await loadSpecFile(`${DIR}/deploy.iamspec.yaml`);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join("\n"));
  return r.value;
}

describe("a valid spec and environment", () => {
  it("loads the spec with its expectations", async () => {
    const spec = await load();
    expect(spec.name).toBe("Deploy guardrails");
    expect(spec.expectations).toHaveLength(3);
    const [first, second, third] = spec.expectations;
    expect(first?.it).toBe("deploy can upload build artifacts");
    expect(first?.effect).toBe("may");
    expect(first?.actions.map((a) => a.text)).toEqual(["s3:PutObject"]);
    expect(first?.actions[0]?.pos).toEqual({ file: `${DIR}/deploy.iamspec.yaml`, line: 8, column: 11 });
    expect(first?.as.kind).toBe("role-session");
    expect(first?.assumedBy.map((p) => p.kind)).toEqual(["user"]);
    expect(first?.session).toMatchObject({ name: "ci", tags: { team: "web" }, durationSeconds: 3600 });
    expect(first?.session.policies[0]?.type).toBe("session");
    expect(first?.when).toEqual([{ key: "aws:SecureTransport", value: true, pos: expect.objectContaining({ line: 11, column: 7 }) }]);
    expect(first?.pos.line).toBe(5);

    expect(second?.as).toMatchObject({ kind: "set", mode: "from", scope: { kind: "any" }, includeRoot: false });
    expect(second?.it).toBe("* may not iam:*, organizations:*");
    expect(second?.on.except.map((w) => w.text)).toEqual(["arn:aws:iam::111122223333:role/deploy"]);
    expect(second?.when.map((w) => w.value)).toEqual([{ not: ["10.0.0.0/8"] }, null]);
    expect(second?.runs).toBe(50);
    expect(second?.session.name).toBe("iam-spec");

    expect(third?.as).toMatchObject({ kind: "set", mode: "notFrom", scope: { kind: "organization", orgId: "o-a1b2c3d4e5" }, includeRoot: true });
    expect(third && third.as.kind === "set" ? third.as.except.map((p) => p.kind) : []).toEqual(["anonymous"]);
    expect(third?.exact).toBe(true);
    expect(third?.on.match.map((w) => w.text)).toEqual(["*"]);
  });

  it("builds users with own + group policies, paths, boundaries and tags", async () => {
    const env = (await load()).environment;
    const prod = env.accounts.get("111122223333");
    expect(prod?.name).toBe("prod");
    const alice = prod?.users.get("alice");
    expect(alice?.arn).toBe("arn:aws:iam::111122223333:user/alice");
    expect(alice?.identityPolicies.map((p) => p.name)).toEqual([
      `${DIR}/policies/alice.json`,
      "arn:aws:iam::111122223333:policy/Deploy",
    ]);
    expect(alice?.identityPolicies[1]?.origin).toBe("customer-managed");
    expect(alice?.boundary?.type).toBe("boundary");
    expect(alice?.tags).toEqual({ team: "web" });
    expect(alice?.uniqueId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(prod?.users.get("bob")?.arn).toBe("arn:aws:iam::111122223333:user/eng/bob");
    expect(prod?.roles.get("reader")?.arn).toBe("arn:aws:iam::111122223333:role/data/reader");
  });

  it("builds roles, managed policies, resources and VPC endpoints", async () => {
    const env = (await load()).environment;
    const prod = env.accounts.get("111122223333");
    const deploy = prod?.roles.get("deploy");
    expect(deploy?.trust?.type).toBe("trust");
    expect(deploy?.maxSessionDuration).toBe(7200);
    expect(env.accounts.get("222233334444")?.roles.get("deploy")?.maxSessionDuration).toBe(3600);
    expect(prod?.policies.get("Deploy")?.arn).toBe("arn:aws:iam::111122223333:policy/Deploy");
    const bucket = prod?.resources.get("arn:aws:s3:::acme-artifacts");
    expect(bucket?.accountId).toBe("111122223333");
    expect(bucket?.policy?.type).toBe("resource");
    expect(bucket?.tags).toEqual({ data: "internal" });
    expect(prod?.resources.get("arn:aws:sqs:us-east-1:111122223333:queue")?.policy).toBeUndefined();
    expect(prod?.vpcEndpoints.get("vpce-0abc")?.policy?.type).toBe("vpce");
  });

  it("records statement positions of a YAML policy file for explanations", async () => {
    const env = (await load()).environment;
    const bucket = env.accounts.get("111122223333")?.resources.get("arn:aws:s3:::acme-artifacts");
    expect(bucket?.policy?.handle.source.statementLines).toEqual([3]);
    expect(bucket?.policy?.handle.source.file).toBe(`${DIR}/policies/bucket.yaml`);
  });
});
