/**
 * `npm run bench:escalation:org`: a synthetic organization of N accounts (default 1,000) with 10 roles
 * each, checked end to end through the CLI entry: one mayNotBecome admin expectation per account (every
 * principal of the account but its admin path, fuzzed `{ from }`), then `iam-spec graph --format json`
 * of the whole organization. Prints the wall-clock time of each, and how the passes are backed
 * (proved / sampled). Options: --accounts N, --no-prove (the checks without the proving step).
 *
 * Each account: admin (AdministratorAccess, trusted by ops), ops (may assume admin, trusted by the
 * security account's auditor role), ci (trusted by CodeBuild, may pass the deploy-* roles to
 * CloudFormation), deploy-app (trusted by CloudFormation), app-1..3 (Lambda roles reading S3),
 * reader and auditor (read only, trusted by the account), break (may attach policies only under a
 * condition it cannot meet). An SCP denies leaving the organization and touching CloudTrail.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { main } from "../../src/cli/main.js";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
const i = process.argv.indexOf("--accounts");
const N = i >= 0 ? Number(process.argv[i + 1]) : 1000;
const SECURITY = "999900000000";

const pol = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const allow = (Action: unknown, Resource: unknown = "*", extra: object = {}) => ({ Effect: "Allow", Action, Resource, ...extra });
const trust = (Principal: unknown) => pol({ Effect: "Allow", Principal, Action: "sts:AssumeRole" });

const accounts: Record<string, unknown> = {};
const ids: string[] = [];
for (let n = 0; n < N; n++) {
  const id = String(100000000000 + n);
  ids.push(id);
  const arn = (name: string) => `arn:aws:iam::${id}:role/${name}`;
  accounts[id] = {
    roles: {
      admin: { trust: trust({ AWS: arn("ops") }), policies: ["arn:aws:iam::aws:policy/AdministratorAccess"] },
      ops: { trust: trust({ AWS: `arn:aws:iam::${SECURITY}:role/auditor` }), policies: [pol(allow("sts:AssumeRole", arn("admin")), allow("cloudwatch:*"))] },
      ci: {
        trust: trust({ Service: "codebuild.amazonaws.com" }),
        policies: [pol(allow("iam:PassRole", arn("deploy-*"), { Condition: { StringEquals: { "iam:PassedToService": "cloudformation.amazonaws.com" } } }), allow(["cloudformation:CreateStack", "cloudformation:UpdateStack"]), allow("s3:*", "arn:aws:s3:::artifacts-*"))],
      },
      "deploy-app": { trust: trust({ Service: "cloudformation.amazonaws.com" }), policies: [pol(allow(["lambda:*", "s3:*", "dynamodb:*"]))] },
      ...Object.fromEntries([1, 2, 3].map((k) => [`app-${k}`, { trust: trust({ Service: "lambda.amazonaws.com" }), policies: [pol(allow("s3:GetObject", `arn:aws:s3:::data-${id}/*`))] }])),
      reader: { trust: trust({ AWS: `arn:aws:iam::${id}:root` }), policies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] },
      auditor: { trust: trust({ AWS: `arn:aws:iam::${id}:root` }), policies: [pol(allow(["cloudtrail:Lookup*", "iam:Get*", "iam:List*"]))] },
      break: {
        trust: trust({ AWS: `arn:aws:iam::${id}:root` }),
        policies: [pol(allow("iam:AttachRolePolicy", arn("break"), { Condition: { ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess" } } }))],
      },
    },
  };
}
accounts[SECURITY] = { roles: { auditor: { trust: trust({ AWS: `arn:aws:iam::${SECURITY}:root` }), policies: [pol(allow("sts:AssumeRole", "arn:aws:iam::*:role/ops"))] } } };
const env = {
  accounts,
  organization: {
    id: "o-a1b2c3d4e5",
    management: "999999999999",
    root: {
      scps: ["FullAWSAccess", pol({ Effect: "Deny", Action: ["organizations:LeaveOrganization", "cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], Resource: "*" })],
      ous: { Security: { accounts: [SECURITY] }, Workloads: { accounts: ids } },
    },
  },
};
const expect = ids.map((id) => ({
  it: `nobody in ${id} but ops becomes admin`,
  as: { from: id, except: [`arn:aws:iam::${id}:role/admin`, `arn:aws:iam::${id}:role/ops`] },
  mayNotBecome: "admin",
}));

const dir = mkdtempSync(join(tmpdir(), "iam-spec-org-"));
// Block-style YAML, as teams write environments (a single flow-style line parses far slower).
writeFileSync(join(dir, "env.yaml"), YAML.stringify(env));
writeFileSync(join(dir, "org.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect }));

const io = (sink: { out: string }) => ({ stdout: (t: string) => void (sink.out += t), stderr: (t: string) => void process.stderr.write(t), cwd: ROOT, env: {}, isTTY: false });
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const c0 = cpu();
const t0 = performance.now();
const test = { out: "" };
const noProve = process.argv.includes("--no-prove") ? ["--no-prove"] : [];
const code = await main(["test", dir, "--reporter", "json", "--seed", "1", ...noProve], io(test));
const t1 = performance.now();
const c1 = cpu();
const report = JSON.parse(test.out) as { summary: unknown; results: { evidence?: { method: string } }[] };
const summary = report.summary;
const methods: Record<string, number> = {};
for (const r of report.results) methods[r.evidence?.method ?? "none"] = (methods[r.evidence?.method ?? "none"] ?? 0) + 1;
const graph = { out: "" };
const gcode = await main(["graph", join(dir, "env.yaml"), "--format", "json"], io(graph));
const t2 = performance.now();
const c2 = cpu();
const pic = JSON.parse(graph.out) as { nodes: { admin: boolean }[]; edges: unknown[] };
console.log(`${N} accounts x 10 roles (+ a security account), ${expect.length} mayNotBecome expectations`);
// Wall-clock and CPU seconds: on a shared machine the CPU time is the figure that compares.
const secs = (wall: number, cpuS: number) => `${(wall / 1000).toFixed(1)} s wall, ${cpuS.toFixed(1)} s CPU`;
console.log(`test:  exit ${code}, ${JSON.stringify(summary)} ${JSON.stringify(methods)}, ${secs(t1 - t0, c1 - c0)} (load included)`);
console.log(`graph: exit ${gcode}, ${pic.nodes.length} nodes (${pic.nodes.filter((n) => n.admin).length} admin), ${pic.edges.length} edges, ${secs(t2 - t1, c2 - c1)} (load included)`);
console.log(`total: ${secs(t2 - t0, c2 - c0)}`);
