import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyImports, loadImport } from "../../src/import/index.js";
import { CLOUDFORMATION_TAGS, SHORT_FORMS } from "../../src/import/cloudformation/short-forms.js";
import { nodeAt, toJS, type LNode } from "../../src/load/located.js";
import { parseLocated } from "../../src/load/read-file.js";

const dir = join(import.meta.dirname, "../fixtures/import/cfn-yaml");
const STACK = join(dir, "stack.yaml");

function env(yaml: string): LNode {
  const r = parseLocated(yaml, join(dir, "env.yaml"));
  if (!r.node) throw new Error(JSON.stringify(r.errors));
  return r.node;
}

/** 1-based line and column of the first occurrence of `needle` in the stack template. */
function at(needle: string, file = STACK): { line: number; column: number } {
  const lines = readFileSync(file, "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${needle} not in ${file}`);
  return { line: line + 1, column: (lines[line] as string).indexOf(needle) + 1 };
}

type Doc = { Statement: Record<string, unknown>[] };
type Account = {
  roles: Record<string, { trust: Doc; policies: Doc[]; maxSessionDuration: number }>;
  resources: Record<string, { policy?: Doc }>;
};

const msgs = (es: readonly { file: string; line: number; column: number; message: string }[]) =>
  es.map((e) => `${e.file.split("/").pop()}:${e.line}:${e.column}: ${e.message}`);

describe("CloudFormation YAML short forms", () => {
  it("reads every documented short form as its long form, at the position of the tag", () => {
    const text = [...SHORT_FORMS.keys()].map((tag, i) => `k${i}: ${tag} x`).join("\n");
    const r = parseLocated(text, "/t.yaml", { localTags: CLOUDFORMATION_TAGS });
    expect(r.errors).toEqual([]);
    const js = toJS(r.node!) as Record<string, Record<string, unknown>>;
    [...SHORT_FORMS].forEach(([tag, long], i) => {
      expect(js[`k${i}`]).toEqual({ [long]: "x" });
      const node = nodeAt(r.node!, [`k${i}`])!;
      expect(node.pos).toMatchObject({ line: i + 1, column: `k${i}: `.length + 1 });
      expect(nodeAt(node, [long])!.pos).toMatchObject({ line: i + 1, column: `k${i}: ${tag} `.length + 1 });
    });
    expect(SHORT_FORMS.get("!GetAtt")).toBe("Fn::GetAtt");
  });

  it("turns !GetAtt A.B into [A, B], keeps the sequence form, and reads tags on lists and mappings", () => {
    const r = parseLocated(
      "a: !GetAtt Db.Endpoint.Address\nb: !GetAtt [Role, Arn]\nc: !Sub\n  - ${X}\n  - { X: !Ref Y }\nd: !If [C, !Ref A, !Ref AWS::NoValue]\n",
      "/t.yaml",
      { localTags: CLOUDFORMATION_TAGS },
    );
    expect(r.errors).toEqual([]);
    expect(toJS(r.node!)).toEqual({
      a: { "Fn::GetAtt": ["Db", "Endpoint.Address"] },
      b: { "Fn::GetAtt": ["Role", "Arn"] },
      c: { "Fn::Sub": ["${X}", { X: { Ref: "Y" } }] },
      d: { "Fn::If": ["C", { Ref: "A" }, { Ref: "AWS::NoValue" }] },
    });
    expect(nodeAt(r.node!, ["c"])!.pos).toMatchObject({ line: 3, column: 4 }); // the tag, not the list below it
  });

  it("imports a role, an inline policy, a bucket policy and conditions written with short forms", async () => {
    const r = await applyImports(env(`
import:
  - cloudformation: ./stack.yaml
    account: "111122223333"
    region: eu-west-1
    parameters: { Env: prod }
`));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const a = (toJS(r.tree) as { accounts: Record<string, Account> }).accounts["111122223333"]!;
    expect(Object.keys(a.roles)).toEqual(["app-prod"]); // RoleName: !Sub app-${Env}
    const role = a.roles["app-prod"]!;
    expect(role.trust.Statement[0]!.Principal).toEqual({ Service: "lambda.amazonaws.com" }); // !Sub with AWS::URLSuffix
    expect(role.maxSessionDuration).toBe(3600); // !FindInMap [Sessions, !Ref Env, Seconds]
    const inline = role.policies[0]!.Statement;
    expect(inline.map((s) => s.Sid)).toEqual(["SendJobs", "ReadReports", "NoDeleteInProd"]); // !If IsProd keeps the statement
    expect(inline[0]!.Resource).toBe("arn:aws:sqs:eu-west-1:111122223333:stack-jobs"); // !GetAtt Queue.Arn
    expect(inline[1]!.Resource).toBe("arn:aws:s3:::acme-reports/*"); // !Sub "${ReportsBucket.Arn}/*"
    expect(inline[2]!.Resource).toBe("arn:aws:s3:::acme-reports/*"); // !Sub [..., { Name: !Ref ReportsBucket }]
    const bucket = a.resources["arn:aws:s3:::acme-reports"]!.policy!.Statement; // Condition: KeepsReports (!Or / !And / !Condition)
    expect(bucket[0]).toMatchObject({ Principal: { AWS: "arn:aws:iam::111122223333:role/app-prod" }, Resource: "arn:aws:s3:::acme-reports/*" }); // !GetAtt [A, B], !Join / !Ref
    expect(bucket[1]!.Resource).toEqual(["arn:aws:s3:::acme-reports", "arn:aws:s3:::acme-reports/*"]); // !Select / !Split / !Join
    // positions stay in the template
    const stmt = nodeAt(r.tree, ["accounts", "111122223333", "roles", "app-prod", "policies", 0, "Statement", 0, "Resource"])!;
    expect(stmt.pos).toMatchObject({ file: STACK, ...at("!GetAtt Queue.Arn") });
  });

  it("without the parameter, the Default decides the conditions (!If drops the statement)", async () => {
    const r = await applyImports(env(`
import:
  - cloudformation: ./stack.yaml
    account: "111122223333"
`));
    expect(r.errors).toEqual([]);
    const a = (toJS(r.tree) as { accounts: Record<string, Account> }).accounts["111122223333"]!;
    const role = a.roles["app-dev"]!;
    expect(role.maxSessionDuration).toBe(7200);
    expect(role.policies[0]!.Statement.map((s) => s.Sid)).toEqual(["SendJobs", "ReadReports"]); // !Ref AWS::NoValue
    expect(a.resources["arn:aws:s3:::acme-reports"]!.policy).toBeDefined(); // KeepsReports: IsDev and the default bucket name
  });

  it("rejects any other tag in a template at its line and column, never reading it as a string", async () => {
    const list = env(`
- cloudformation: ./unknown-tag.yaml
  account: "111122223333"
`);
    if (list.kind !== "seq") throw new Error("expected a list");
    const r = await loadImport(list.items[0]!);
    expect(r.fragment).toBeUndefined();
    expect(msgs(r.errors)).toEqual(["unknown-tag.yaml:6:33: unknown tag !Include", "unknown-tag.yaml:11:57: unknown tag !ToJsonString"]);
    expect(r.errors[0]!.hint).toMatch(/CloudFormation short forms are !Ref, .*!GetAtt/);
  });

  it("reports a function the resolver does not support at the position of its short form", async () => {
    const list = env(`
- cloudformation: ./unsupported.yaml
  account: "111122223333"
`);
    if (list.kind !== "seq") throw new Error("expected a list");
    const r = await loadImport(list.items[0]!);
    const { line, column } = at('!GetAZs ""', join(dir, "unsupported.yaml"));
    expect(msgs(r.errors)).toEqual([`unsupported.yaml:${line}:${column}: Fn::GetAZs cannot be resolved offline`]);
    expect(r.errors[0]!.kind).toBe("unsupported");
  });

  it("still rejects short forms in spec and environment files (plain YAML)", () => {
    const r = parseLocated("environment: ./env.yaml\nexpect:\n  - as: !GetAtt AppRole.Arn\n    may: s3:GetObject\n", "/specs/x.iamspec.yaml");
    expect(r.node).toBeUndefined();
    expect(msgs(r.errors)).toEqual(["x.iamspec.yaml:3:9: unknown tag !GetAtt"]);
    expect(r.errors[0]!.hint).toMatch(/only in templates named by an import: cloudformation entry/);
    // Standard YAML tags are still read.
    expect(toJS(parseLocated("a: !!str 012\n", "/e.yaml").node!)).toEqual({ a: "012" });
  });

  it("does not read tags in Terraform plans or account exports", async () => {
    const list = env(`
- authorizationDetails: ./unknown-tag.yaml
  account: "111122223333"
`);
    if (list.kind !== "seq") throw new Error("expected a list");
    const r = await loadImport(list.items[0]!);
    expect(msgs(r.errors)[0]).toBe("unknown-tag.yaml:5:17: unknown tag !Ref");
  });
});

describe("definitions repeated across the imports of one environment", () => {
  it("warns at the second definition, naming the first; the imports are still merged", async () => {
    const r = await applyImports(env(`
import:
  - cloudformation: ./stack.yaml
    account: "111122223333"
  - cloudformation: ./other.yaml
    account: "111122223333"
`));
    expect(r.errors).toEqual([]);
    expect(r.warnings.every((w) => w.severity === "warning")).toBe(true);
    expect(msgs(r.warnings)).toEqual([
      `other.yaml:3:3: role app-dev (account 111122223333) is also defined by an earlier import, at stack.yaml:${at("AppRole:").line}:3; the two are merged, this one over the first`,
      `other.yaml:11:3: the resource policy of arn:aws:s3:::acme-reports (account 111122223333) is also defined by an earlier import, at stack.yaml:${at("ReportsBucketPolicy:").line}:3; the two are merged, this one over the first`,
    ]);
    const a = (toJS(r.tree) as { accounts: Record<string, Account & { policies: Record<string, unknown> }> }).accounts["111122223333"]!;
    expect(Object.keys(a.policies)).toEqual(["shared-read"]); // defined once: no warning
  });

  it("does not warn for the same names in different accounts, or for a policy attached to a role defined elsewhere", async () => {
    const r = await applyImports(env(`
import:
  - cloudformation: ./stack.yaml
    account: "111122223333"
  - cloudformation: ./other.yaml
    account: "444455556666"
  - cloudformation: ../cdk/Shared.template.json
    account: "111122223333"
  - cloudformation: ../cdk/App.template.json
    account: "111122223333"
`));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it("warns for Terraform plans and account exports too", async () => {
    const r = await applyImports(env(`
import:
  - terraformPlan: ../terraform/plan.json
    account: "111122223333"
  - terraformPlan: ../terraform/plan.json
    account: "111122223333"
  - authorizationDetails: ../gaad/gaad.json
    account: "444455556666"
  - authorizationDetails: ../gaad/gaad.json
    account: "444455556666"
`));
    const first = (m: RegExp) => r.warnings.find((w) => m.test(w.message));
    expect(first(/^role app-handler \(account 111122223333\) is also defined/)?.file).toMatch(/plan\.json$/);
    expect(first(/^managed policy app-read /)).toBeDefined();
    expect(first(/^resource arn:aws:s3:::acme-app-data /)).toBeDefined();
    expect(first(/^the resource policy of arn:aws:s3:::acme-app-data /)).toBeDefined();
    expect(first(/^user alice \(account 444455556666\)/)?.file).toMatch(/gaad\.json$/);
    expect(first(/^group admins /)).toBeDefined();
  });
});
