/**
 * Imports fill `role:` on the functions and instances they define, so that the escalation methods
 * that need it (docs/escalation.md: a function's code, commands on an instance) work on imported
 * stacks. A CloudFormation / CDK template: AWS::Lambda::Function `Role` (Fn::GetAtt of the template's
 * role; lambda/latest/dg/lambda-intro-execution-role.html), AWS::EC2::Instance `IamInstanceProfile` ->
 * AWS::IAM::InstanceProfile `Roles` (IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html).
 * A Terraform plan: aws_lambda_function.role, aws_instance.iam_instance_profile ->
 * aws_iam_instance_profile.role, followed through the configuration's references when the values are
 * known only after apply.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

const FIX = join(ROOT, "test/fixtures/import/runs-as");
const A = "111122223333";

interface Result {
  name: string;
  status: string;
  message?: string;
  path?: { action: string; resource: string; decision: string }[];
}

function project(importEntry: Record<string, unknown>, expect: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-runs-as-"));
  writeFileSync(join(dir, "env.yaml"), JSON.stringify({ import: [{ ...importEntry, account: A, region: "eu-west-1" }] }, null, 2));
  writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect }, null, 2));
  return dir;
}

async function run(dir: string): Promise<{ code: number; results: Result[]; stderr: string }> {
  const r = await runCli(["test", dir, "--reporter", "json", "--seed", "1"]);
  return { code: r.code, results: (JSON.parse(r.stdout) as { results: Result[] }).results, stderr: r.stderr };
}

const expectations = [
  { it: "dev never becomes the function's role", as: "user/dev", mayNotBecome: "role/ops-automation" },
  { it: "dev never becomes the bastion's role", as: "user/dev", mayNotBecome: "role/bastion" },
];

describe.each([
  ["a CDK template", { cloudformation: join(FIX, "Ops.template.json") }],
  ["a Terraform plan", { terraformPlan: join(FIX, "plan.json") }],
])("%s", (_, entry) => {
  it("the function's code and the instance's commands lead to their roles (API_UpdateFunctionCode.html, list_awssystemsmanager.html)", async () => {
    const r = await run(project(entry, expectations));
    expect(r.code).toBe(1);
    const [fn, instance] = r.results;
    expect(fn!.status).toBe("failed");
    expect(fn!.path!.map((s) => [s.action, s.resource])).toEqual([
      ["lambda:UpdateFunctionCode", `arn:aws:lambda:eu-west-1:${A}:function:ops-cleanup`],
      ["lambda:InvokeFunction", `arn:aws:lambda:eu-west-1:${A}:function:ops-cleanup`],
    ]);
    expect(instance!.status).toBe("failed");
    expect(instance!.path![0]).toMatchObject({ action: "ssm:SendCommand", resource: expect.stringMatching(new RegExp(`^arn:aws:ec2:eu-west-1:${A}:instance/i-[0-9a-f]{17}$`)) });
  });

  it("mayBecome of the same questions holds", async () => {
    const r = await run(project(entry, expectations.map(({ it: name, as, mayNotBecome }) => ({ it: name, as, mayBecome: mayNotBecome }))));
    expect(r.results.map((x) => x.status)).toEqual(["passed", "passed"]);
  });
});

describe.each([
  ["a CloudFormation template", { cloudformation: join(FIX, "Builds.template.json") }, false],
  ["a Terraform plan (the project's role known only after apply: its reference followed)", { terraformPlan: join(FIX, "builds-plan.json") }, true],
])("a CodeBuild project, a SageMaker notebook instance, a Glue dev endpoint (and a Terraform CloudFormation stack) from %s", (_, entry, withStack) => {
  // AWS::CodeBuild::Project ServiceRole, AWS::SageMaker::NotebookInstance RoleArn, AWS::Glue::DevEndpoint
  // RoleArn; aws_codebuild_project.service_role, aws_sagemaker_notebook_instance.role_arn,
  // aws_glue_dev_endpoint.role_arn, aws_cloudformation_stack.iam_role_arn (a template does not say
  // which service role its own stack has).
  const targets: [string, string, RegExp][] = [
    ["role/builder", "codebuild:StartBuild", new RegExp(`^arn:aws:codebuild:eu-west-1:${A}:project/deploy$`)],
    ["role/notebook-role", "sagemaker:CreatePresignedNotebookInstanceUrl", new RegExp(`^arn:aws:sagemaker:eu-west-1:${A}:notebook-instance/research$`)],
    ["role/glue-dev", "glue:UpdateDevEndpoint", new RegExp(`^arn:aws:glue:eu-west-1:${A}:devEndpoint/etl-dev$`)],
    ...(withStack ? [["role/cfn-deployer", "cloudformation:UpdateStack", new RegExp(`^arn:aws:cloudformation:eu-west-1:${A}:stack/platform/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)] as [string, string, RegExp]] : []),
  ];
  it("mayNotBecome fails through the resource, mayBecome holds", async () => {
    const never = await run(project(entry, targets.map(([t]) => ({ it: `dev never becomes ${t}`, as: "user/dev", mayNotBecome: t }))));
    expect(never.stderr).toBe("");
    expect(never.code).toBe(1);
    never.results.forEach((r, i) => {
      expect(r.status).toBe("failed");
      expect(r.path!.map((s) => s.action)).toEqual([targets[i]![1]]);
      expect(r.path![0]!.resource).toMatch(targets[i]![2]);
    });
    const may = await run(project(entry, targets.map(([t]) => ({ it: `dev may become ${t}`, as: "user/dev", mayBecome: t }))));
    expect(may.results.map((r) => r.status)).toEqual(targets.map(() => "passed"));
  });
});

describe("a role the import does not define", () => {
  it("nowhere in the environment: the function is kept without role:, and a warning says how to add it; the run does not fail on it", async () => {
    const r = await runCli(["test", project({ cloudformation: join(FIX, "Ops.template.json") }, [{ it: "dev never becomes the ops role", as: "user/dev", mayNotBecome: "role/ops-automation" }])]);
    expect(r.stderr).toMatch(/Ops\.template\.json:\d+:\d+: .*PartnerFunction: the role arn:aws:iam::111122223333:role\/shared\/partner-sync-role is not in the environment, so arn:aws:lambda:eu-west-1:111122223333:function:partner-sync is listed without the role it runs as/);
    expect(r.code).toBe(1); // the other function's path, not an input error
  });

  it("defined by hand (or by another stack): the function runs as it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-runs-as-"));
    const lambdaTrust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] };
    writeFileSync(join(dir, "env.yaml"), JSON.stringify({
      import: [{ cloudformation: join(FIX, "Ops.template.json"), account: A, region: "eu-west-1" }],
      accounts: { [A]: { roles: { "partner-sync-role": { path: "/shared/", trust: lambdaTrust, policies: ["arn:aws:iam::aws:policy/AdministratorAccess"] } } } },
    }));
    writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect: [{ it: "dev never becomes the partner role", as: "user/dev", mayNotBecome: "role/partner-sync-role" }] }));
    const r = await runCli(["test", dir, "--reporter", "json", "--seed", "1"]);
    expect(r.stderr).not.toMatch(/PartnerFunction/);
    const result = (JSON.parse(r.stdout) as { results: Result[] }).results[0]!;
    expect(result.status).toBe("failed");
    expect(result.path![0]).toMatchObject({ action: "lambda:UpdateFunctionCode", resource: `arn:aws:lambda:eu-west-1:${A}:function:partner-sync` });
  });

  it("defined by another stack of the environment (CDK cross-stack reference: Fn::ImportValue of the role's ARN)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-runs-as-"));
    writeFileSync(join(dir, "env.yaml"), JSON.stringify({
      import: ["Shared", "Jobs"].map((n) => ({ cloudformation: join(FIX, `${n}.template.json`), account: A, region: "eu-west-1" })),
    }));
    const spec = (effect: string) => ({ environment: "./env.yaml", expect: [{ it: "dev and the jobs role", as: "user/dev", [effect]: "role/jobs-runner" }] });
    writeFileSync(join(dir, "never.iamspec.yaml"), JSON.stringify(spec("mayNotBecome")));
    writeFileSync(join(dir, "may.iamspec.yaml"), JSON.stringify(spec("mayBecome")));
    const r = await runCli(["test", dir, "--reporter", "json", "--seed", "1"]);
    expect(r.stderr).toBe("");
    const results = (JSON.parse(r.stdout) as { results: (Result & { file: string })[] }).results;
    const never = results.find((x) => x.file.endsWith("never.iamspec.yaml"))!;
    expect(never.status).toBe("failed");
    expect(never.path![0]).toMatchObject({ action: "lambda:UpdateFunctionCode", resource: `arn:aws:lambda:eu-west-1:${A}:function:nightly-jobs` });
    expect(results.find((x) => x.file.endsWith("may.iamspec.yaml"))!.status).toBe("passed");
  });

  it("a template whose properties iam-spec cannot resolve (Fn::ImportValue of another stack in a function's environment) still imports", async () => {
    const r = await run(project({ cloudformation: join(FIX, "Ops.template.json") }, expectations));
    expect(r.results.every((x) => x.status !== "error")).toBe(true);
  });
});

describe("the real process", () => {
  it("exits 1 on the imported function's path and prints it", () => {
    const dir = project({ terraformPlan: join(FIX, "plan.json") }, [expectations[0]]);
    const p = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "test", dir, "--seed", "1"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
    });
    expect(p.status).toBe(1);
    expect(p.stdout).toMatch(/1\. arn:aws:iam::111122223333:user\/dev {2}lambda:UpdateFunctionCode {2}arn:aws:lambda:eu-west-1:111122223333:function:ops-cleanup {2}Allow/);
  });
});
