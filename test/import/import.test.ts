import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseLocated } from "../../src/load/read-file.js";
import { toJS, type LNode } from "../../src/load/located.js";
import { applyImports, isUnknownPlaceholder, loadImport } from "../../src/import/index.js";

const dir = join(import.meta.dirname, "../fixtures/import");

function env(yaml: string): LNode {
  const r = parseLocated(yaml, join(dir, "env.yaml"));
  if (!r.node) throw new Error(JSON.stringify(r.errors));
  return r.node;
}

type Plain = { accounts: Record<string, Record<string, Record<string, Record<string, unknown>>>>; organization?: unknown };

describe("cloudformation / CDK synth", () => {
  it("maps roles, policies, bucket and queue policies, resolving intrinsics and cross-stack exports", async () => {
    const r = await applyImports(env(`
import:
  - cloudformation: ./cdk/Shared.template.json
    account: "111122223333"
  - cloudformation: ./cdk/App.template.json
    account: "111122223333"
    region: eu-west-1
    parameters: { Env: prod }
accounts:
  "111122223333":
    roles:
      HandlerServiceRoleFCDC14AE:
        tags: { extra: yes }
`));
    expect(r.errors).toEqual([]);
    const t = toJS(r.tree) as Plain;
    const a = t.accounts["111122223333"]!;
    const handler = a.roles!.HandlerServiceRoleFCDC14AE as Record<string, unknown>;
    expect(handler.maxSessionDuration).toBe(3600); // Fn::If IsProd
    expect(handler.tags).toEqual({ env: "prod", extra: "yes" });
    const policies = handler.policies as unknown[];
    expect(policies[0]).toBe("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
    const inline = policies[1] as { Statement: { Resource: unknown; Effect: string }[] };
    expect(inline.Statement[0]!.Resource).toEqual(["arn:aws:s3:::shared-databuckete3889a50", "arn:aws:s3:::shared-databuckete3889a50/*"]);
    expect(inline.Statement[1]!.Resource).toBe("arn:aws:sqs:eu-west-1:111122223333:App-jobs-prod");
    expect(inline.Statement).toHaveLength(3); // the Fn::If statement is kept for prod
    const deploy = a.roles!["deploy-prod"] as Record<string, unknown>;
    expect(deploy.path).toBe("/ci/");
    expect(deploy.boundary).toBe("arn:aws:iam::111122223333:policy/deploy-boundary");
    expect(Object.keys(a.policies!)).toEqual(["deploy-boundary"]);
    const bucket = a.resources!["arn:aws:s3:::shared-databuckete3889a50"] as Record<string, unknown>;
    expect(bucket.tags).toEqual({ data: "internal" });
    expect((bucket.policy as { Statement: { Resource: unknown }[] }).Statement[0]!.Resource).toEqual([
      "arn:aws:s3:::shared-databuckete3889a50",
      "arn:aws:s3:::shared-databuckete3889a50/*",
    ]);
    const queue = a.resources!["arn:aws:sqs:eu-west-1:111122223333:App-jobs-prod"] as { policy: { Statement: { Principal: unknown }[] } };
    expect(queue.policy.Statement[0]!.Principal).toEqual({ AWS: "arn:aws:iam::444455556666:root" });
  });

  it("keeps template positions on policy documents", async () => {
    const r = await applyImports(env(`
import:
  - cloudformation: ./cdk/Shared.template.json
    account: "111122223333"
`));
    const { nodeAt } = await import("../../src/load/located.js");
    const policy = nodeAt(r.tree, ["accounts", "111122223333", "resources", "arn:aws:s3:::shared-databuckete3889a50", "policy"])!;
    expect(policy.pos.file).toMatch(/Shared\.template\.json$/);
    expect(policy.pos.line).toBe(13);
  });

  it("without its parameter override, conditions take the Default", async () => {
    const r = await applyImports(env(`
import:
  - cloudformation: ./cdk/Shared.template.json
    account: "111122223333"
  - cloudformation: ./cdk/App.template.json
    account: "111122223333"
`));
    expect(r.errors).toEqual([]);
    const a = (toJS(r.tree) as Plain).accounts["111122223333"]!;
    expect(a.roles!["deploy-dev"]).toBeDefined();
    const h = a.roles!.HandlerServiceRoleFCDC14AE as { maxSessionDuration: number; policies: { Statement?: unknown[] }[] };
    expect(h.maxSessionDuration).toBe(7200);
    expect(h.policies[1]!.Statement).toHaveLength(2); // AWS::NoValue removed the statement
  });

  it("reports unresolvable imports, unsupported types and intrinsics at their template location", async () => {
    const list = env(`
- cloudformation: ./cdk/Broken.template.json
  account: "111122223333"
`);
    if (list.kind !== "seq") throw new Error("expected a list");
    const r = await loadImport(list.items[0]!);
    const msgs = r.errors.map((e) => `${e.file.split("/").pop()}:${e.line}:${e.column}: ${e.message}`);
    expect(msgs).toEqual([
      expect.stringMatching(/^Broken\.template\.json:10:31: Fn::ImportValue "Nobody:Exports:This": no template/),
      expect.stringMatching(/^Broken\.template\.json:13:5: Perm: AWS::S3::MultiRegionAccessPointPolicy grants access/),
      expect.stringMatching(/^Broken\.template\.json:22:119: Fn::GetAZs cannot be resolved offline/),
    ]);
    expect(r.errors.every((e) => e.hint)).toBe(true);
  });

  it("checks the import entry", async () => {
    const r = await applyImports(env(`
import:
  - cloudformation: ./cdk/App.template.json
    account: 1234
    parameters: { Nope: 1 }
  - terraformPlan: ./terraform/plan.json
    cloudformation: ./x.json
    account: "111122223333"
  - authorizationDetails: ./missing.json
    account: "111122223333"
`));
    const msgs = r.errors.map((e) => `${e.line}:${e.column}: ${e.message}`);
    expect(msgs).toEqual([
      expect.stringMatching(/^4:14: account: "1234" is not a 12-digit account id/),
      expect.stringMatching(/^6:5: the import names terraformPlan and cloudformation/),
      expect.stringMatching(/^9:27: .*missing\.json: file not found/),
    ]);
  });
});

describe("terraform plan", () => {
  it("maps a multi-module plan, following references for values known only after apply", async () => {
    const r = await applyImports(env(`
import:
  - terraformPlan: ./terraform/plan.json
    account: "111122223333"
organization:
  id: o-a1b2c3d4e5
  root:
    ous:
      Workloads:
        id: ou-ab12-workload1
        accounts: ["111122223333"]
`));
    expect(r.errors).toEqual([]);
    const t = toJS(r.tree) as Plain;
    const a = t.accounts["111122223333"]!;
    const role = a.roles!["app-handler"] as { path: string; trust: unknown; policies: unknown[]; maxSessionDuration: number; tags: unknown };
    expect(role.path).toBe("/app/");
    expect(role.maxSessionDuration).toBe(7200);
    expect(role.tags).toEqual({ team: "web" });
    expect(role.policies).toContain("arn:aws:iam::111122223333:policy/app-read"); // policy_arn from the reference
    const unknownPolicy = role.policies.find((p) => isUnknownPlaceholder(p));
    expect(unknownPolicy).toBeDefined();
    expect(r.unknowns.map((u) => `${u.address}.${u.attribute}`)).toEqual(["module.app.aws_iam_role_policy.queue.policy"]);
    expect(r.unknowns[0]!.pos.file).toMatch(/plan\.json$/);
    expect(Object.keys(a.policies!)).toEqual(["app-read"]);
    expect(a.resources!["arn:aws:s3:::acme-app-data"]).toMatchObject({ tags: { data: "internal" }, policy: { Statement: [{ Sid: "DenyOutsideOrg" }] } });
    expect(a.resources!["arn:aws:sqs:eu-west-1:111122223333:app-jobs"]).toBeDefined();
    expect(a.users!["ci-deployer"]).toMatchObject({ path: "/ci/", groups: ["ci"], tags: { owner: "platform" } });
    expect((a.groups!.ci as { policies: unknown[] }).policies).toHaveLength(1);
    expect(a.roles!.old).toBeUndefined(); // deleted by the plan
    const ou = (t.organization as { root: { ous: { Workloads: { scps: unknown[] } } } }).root.ous.Workloads;
    expect(ou.scps[0]).toBe("FullAWSAccess");
    expect(ou.scps[1]).toMatchObject({ Statement: [{ Sid: "NoLeaveOrg" }] });
  });

  it("reports an SCP attached to a target the organization tree does not name", async () => {
    const r = await applyImports(env(`
import:
  - terraformPlan: ./terraform/plan.json
    account: "111122223333"
organization:
  id: o-a1b2c3d4e5
`));
    expect(r.errors.map((e) => e.message)).toEqual(["SCP attached to ou-ab12-workload1, which is not in the organization tree"]);
    expect(r.errors[0]!.file).toMatch(/plan\.json$/);
  });

  it("rejects a file that is not a plan", async () => {
    const r = await applyImports(env(`
import:
  - terraformPlan: ./gaad/gaad.json
    account: "111122223333"
`));
    expect(r.errors[0]!.message).toMatch(/is not a Terraform plan in JSON/);
  });
});

describe("account authorization details", () => {
  it("maps users, groups, roles and managed policies; the export's AWS managed policy copy wins", async () => {
    const r = await applyImports(env(`
import:
  - authorizationDetails: ./gaad/gaad.json
    account: "444455556666"
`));
    expect(r.errors).toEqual([]);
    const a = (toJS(r.tree) as Plain).accounts["444455556666"]!;
    expect(a.users!.alice).toMatchObject({ groups: ["admins"], tags: { team: "web" }, policies: [{ Statement: [{ Action: "sqs:SendMessage" }] }] });
    expect(a.groups!.admins).toMatchObject({ policies: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::444455556666:policy/security/Audit"] });
    // The default version is the policy's document; the export's other versions are kept (API_PolicyVersion.html).
    expect(a.policies!["security/Audit"]).toEqual({
      document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:Get*", "s3:List*", "cloudtrail:LookupEvents"], Resource: "*" }] },
      versions: { v1: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } },
    });
    const role = a.roles!.reporting as { path: string; policies: unknown[]; boundary: unknown };
    expect(role.path).toBe("/service/");
    expect(role.boundary).toBe("arn:aws:iam::444455556666:policy/security/Audit");
    expect(role.policies[1]).toMatchObject({ Statement: [{ Action: ["s3:Get*", "s3:List*"] }] }); // the export's copy, inline
  });
});

describe("the loader builds the model from imported fragments unchanged", () => {
  it.each([
    ["cdk", `import:\n  - cloudformation: ./cdk/Shared.template.json\n    account: "111122223333"\n  - cloudformation: ./cdk/App.template.json\n    account: "111122223333"\n`],
    ["terraform", `import:\n  - terraformPlan: ./terraform/plan.json\n    account: "111122223333"\norganization:\n  id: o-a1b2c3d4e5\n  root:\n    ous:\n      Workloads:\n        id: ou-ab12-workload1\n        accounts: ["111122223333"]\n`],
    ["gaad", `import:\n  - authorizationDetails: ./gaad/gaad.json\n    account: "444455556666"\n`],
  ])("%s", async (_name, yaml) => {
    const { createLoader } = await import("../../src/load/spec.js");
    const { buildEnvironment } = await import("../../src/model/build-environment.js");
    const imported = await applyImports(env(yaml));
    expect(imported.errors).toEqual([]);
    const loader = await createLoader();
    const built = await buildEnvironment(imported.tree, [], { ...loader.policies, errors: [], warnings: [] });
    expect(built.errors).toEqual([]);
    expect(built.environment?.accounts.size).toBe(1);
  });
});

describe("account authorization details: policy versions (IAM/latest/APIReference/API_PolicyVersion.html)", () => {
  // The raw API returns each version's Document URL-encoded ("URL-encoded compliant with RFC 3986").
  const doc = (Action: string) => encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource: "*" }] }));
  const gaad = (versions: unknown[]) => ({
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [{ PolicyName: "Ops", Arn: "arn:aws:iam::111122223333:policy/Ops", Path: "/", DefaultVersionId: "v3", PolicyVersionList: versions }],
  });
  const imported = async (versions: unknown[]) => {
    const d = mkdtempSync(join(tmpdir(), "iam-spec-gaad-"));
    writeFileSync(join(d, "gaad.json"), JSON.stringify(gaad(versions)));
    const r = await applyImports(env(`
import:
  - authorizationDetails: ${join(d, "gaad.json")}
    account: "111122223333"
`));
    return { r, policy: (toJS(r.tree) as Plain).accounts["111122223333"]!.policies!.Ops };
  };

  it("keeps every non-default version, decoded, by its VersionId", async () => {
    const { r, policy } = await imported([
      { Document: doc("ec2:Describe*"), VersionId: "v3", IsDefaultVersion: true },
      { Document: doc("*"), VersionId: "v1", IsDefaultVersion: false },
      { Document: doc("iam:*"), VersionId: "v2", IsDefaultVersion: false },
    ]);
    expect(r.errors).toEqual([]);
    expect(policy).toEqual({
      document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:Describe*", Resource: "*" }] },
      versions: {
        v1: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
        v2: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }] },
      },
    });
  });

  it("a policy with its default version only has versions: {} (nothing left open)", async () => {
    const { policy } = await imported([{ Document: doc("ec2:Describe*"), VersionId: "v3", IsDefaultVersion: true }]);
    expect(policy).toMatchObject({ versions: {} });
  });

  it("a version whose document is not a policy is an error that names the version", async () => {
    const { r } = await imported([
      { Document: doc("ec2:Describe*"), VersionId: "v3", IsDefaultVersion: true },
      { Document: "%7Bnot%20json", VersionId: "v1", IsDefaultVersion: false },
    ]);
    expect(r.errors.map((e) => e.message).join("\n")).toMatch(/arn:aws:iam::111122223333:policy\/Ops \(version v1\)/);
  });
});
