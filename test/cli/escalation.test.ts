/**
 * mayBecome / mayNotBecome and `iam-spec graph` end to end (contract section 2a). The planted-escalation
 * corpus (bench/escalation/scenarios: one method per folder, each from its AWS page and the published
 * escalation methods) runs through the real CLI entry: the buggy twin must fail with a path through
 * the method, the fixed twin must pass. The other cases write small environments from the AWS docs.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

const BENCH = join(ROOT, "bench/escalation");
const scenarios = JSON.parse(readFileSync(join(BENCH, "scenarios.json"), "utf8")) as { name: string; method: string }[];

interface Step {
  principal: string;
  action: string;
  resource: string;
  decision: string;
  context?: Record<string, unknown>;
}
interface Result {
  name: string;
  status: "passed" | "failed" | "error";
  message?: string;
  hint?: string;
  path?: Step[];
  evidence?: { method: string; requests: number };
  position?: { line: number; column: number };
}

async function json(args: string[]): Promise<{ code: number; results: Result[]; stderr: string }> {
  const r = await runCli([...args, "--reporter", "json", "--seed", "1"]);
  return { code: r.code, results: (JSON.parse(r.stdout) as { results: Result[] }).results, stderr: r.stderr };
}

/** A folder with env.yaml and one spec, written from the objects given (YAML accepts JSON). */
function project(env: unknown, expect: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-escalation-"));
  writeFileSync(join(dir, "env.yaml"), JSON.stringify(env, null, 2));
  writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({ environment: "./env.yaml", expect }, null, 2));
  return dir;
}

const A = "111122223333";
const pol = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const trustService = (Service: string) => pol({ Effect: "Allow", Principal: { Service }, Action: "sts:AssumeRole" });

describe("planted escalations (bench/escalation/scenarios)", () => {
  it("has at least 20 pairs covering at least 15 methods", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
    expect(new Set(scenarios.map((s) => s.method)).size).toBeGreaterThanOrEqual(15);
    for (const s of scenarios) {
      const spec = (v: string) => readFileSync(join(BENCH, "scenarios", s.name, v, "escalation.iamspec.yaml"), "utf8");
      expect(spec("buggy"), `${s.name}: both twins ask the same question`).toBe(spec("fixed"));
    }
  });
  it.each(scenarios.map((s) => [s.name, s.method] as const))("%s: the buggy twin fails through %s, the fixed twin passes", async (name, method) => {
    const buggy = await json(["test", join(BENCH, "scenarios", name, "buggy")]);
    expect(buggy.code).toBe(1);
    const r = buggy.results[0]!;
    expect(r.status).toBe("failed");
    expect(r.path!.map((s) => s.action)).toContain(method);
    expect(r.path!.every((s) => s.decision === "Allow")).toBe(true);
    expect(r.evidence?.requests).toBeGreaterThan(0);
    // Every step the search found not allowed is proved so: --require-proof holds.
    const fixed = await json(["test", join(BENCH, "scenarios", name, "fixed"), "--require-proof"]);
    expect(fixed.results[0]!.status).toBe("passed");
    expect(fixed.code).toBe(0);
    expect(fixed.results[0]!.evidence).toMatchObject({ method: "proved" });
    expect(fixed.results[0]!.evidence!.requests).toBeGreaterThan(0);
  });
});

// IAM/latest/UserGuide/id_roles_use_passrole.html: PassRole plus lambda:CreateFunction and InvokeFunction.
const lambdaEnv = (devActions: string[]) => ({
  accounts: {
    [A]: {
      users: { dev: { policies: [pol({ Effect: "Allow", Action: devActions, Resource: "*" })] } },
      roles: { admin: { trust: trustService("lambda.amazonaws.com"), policies: [ADMIN] } },
    },
  },
});

describe("proofs of mayNotBecome", () => {
  // A trust condition only a narrow value meets (reference_policies_elements_condition_operators.html:
  // StringLike with `?` matches one character; StringNotEquals takes away the ones listed): the
  // sampler's values miss it at this seed, the prover does not.
  const narrowTrust = (condition: unknown) => ({
    accounts: {
      [A]: {
        users: { dev: { policies: [pol({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" })] } },
        roles: { admin: { policies: [ADMIN], trust: pol({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:user/dev` }, Action: "sts:AssumeRole", Condition: condition }) } },
      },
    },
  });
  const listed = ["ext-?7", "ext-x7", "ext-*7", "ext-a7", "ext-X7", "ext-_7", "ext-07", "ext-17", "ext--7", "ext-/7", "ext-:7"];
  const narrow = narrowTrust({ StringLike: { "sts:ExternalId": "ext-?7" }, StringNotEquals: { "sts:ExternalId": listed } });

  it("examples/escalation: every mayNotBecome is proved, --require-proof passes", async () => {
    const r = await json(["test", join(ROOT, "examples/escalation/specs"), "--require-proof"]);
    expect(r.code).toBe(0);
    // The three mayNotBecome of the example ("nobody ...", "... never ...").
    const never = r.results.filter((x) => /never|nobody/.test(x.name));
    expect(never.length).toBe(3);
    for (const x of never) expect(x.evidence, x.name).toMatchObject({ method: "proved" });
  });

  it("a step the sampler misses and the prover finds fails the expectation with its path; mayBecome of it holds", async () => {
    const dir = project(narrow, [{ as: "user/dev", mayNotBecome: "admin" }, { as: "user/dev", mayBecome: "role/admin" }]);
    // The search alone finds nothing here (its values for sts:ExternalId are all listed or miss `?`).
    const sampled = await json(["test", dir, "--no-prove"]);
    expect(sampled.results[0]!.status).toBe("passed");
    expect(sampled.results[0]!.evidence).toMatchObject({ method: "sampled" });
    const proved = await json(["test", dir]);
    expect(proved.code).toBe(1);
    const r = proved.results[0]!;
    expect(r.status).toBe("failed");
    expect(r.evidence).toMatchObject({ method: "proved" });
    expect(r.path!.map((s) => s.action)).toEqual(["sts:AssumeRole"]);
    const id = String(r.path![0]!.context!["sts:ExternalId"]);
    expect(id).toMatch(/^ext-.7$/);
    expect(listed).not.toContain(id);
    // Both polarities of the same question: exactly one holds, with or without the prover's help.
    expect(sampled.results[1]!.status).toBe("failed");
    expect(proved.results[1]!.status).toBe("passed");
    expect(proved.results[1]!.path!.map((s) => s.action)).toEqual(["sts:AssumeRole"]);
    expect(proved.results[1]!.evidence).toMatchObject({ method: "proved" });
  });

  it("a trust condition no value meets: proved, not sampled", async () => {
    const closed = narrowTrust({ StringLike: { "sts:ExternalId": "ext-?7" }, StringNotLike: { "sts:ExternalId": "ext-*" } });
    const r = await json(["test", project(closed, [{ as: "user/dev", mayNotBecome: "admin" }]), "--require-proof"]);
    expect(r.results[0]!.status).toBe("passed");
    expect(r.results[0]!.evidence).toMatchObject({ method: "proved" });
  });

  it("a construct the prover does not encode leaves it sampled, with the reason; --require-proof fails it", async () => {
    // One key compared both as a string and as a number (reference_policies_elements_condition_operators.html).
    const env = narrowTrust({ StringEquals: { "sts:ExternalId": "12" }, NumericLessThan: { "sts:ExternalId": "5" } });
    const dir = project(env, [{ as: "user/dev", mayNotBecome: "admin" }]);
    const r = await json(["test", dir]);
    expect(r.results[0]!.status).toBe("passed");
    expect(r.results[0]!.evidence).toMatchObject({ method: "sampled", reason: expect.stringMatching(/^sts:AssumeRole on arn:aws:iam::111122223333:role\/admin: condition key sts:externalid is compared as more than one type/) });
    const strict = await json(["test", dir, "--require-proof"]);
    expect(strict.code).toBe(1);
    expect(strict.results[0]!.message).toMatch(/^not proved \(sts:AssumeRole on .*compared as more than one type/);
  });

  it("a not-admin judgement the prover cannot make leaves the whole expectation sampled", async () => {
    // The user holds AdministratorAccess under a boundary whose only Allow compares one request tag
    // as a string and as a number: no probe is allowed, and the prover does not encode the condition.
    const env = {
      accounts: {
        [A]: {
          users: {
            dev: {
              policies: [ADMIN],
              boundary: pol({ Effect: "Allow", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:RequestTag/x": "12" }, NumericLessThan: { "aws:RequestTag/x": "5" } } }),
            },
          },
        },
      },
    };
    const r = await json(["test", project(env, [{ as: "user/dev", mayNotBecome: "admin" }])]);
    expect(r.results[0]!.status).toBe("passed");
    expect(r.results[0]!.evidence).toMatchObject({ method: "sampled", reason: expect.stringMatching(/compared as more than one type/) });
  });

  it("a role session's name on a path is the caller's choice: a step that reads it is not proved", async () => {
    // STS/latest/APIReference/API_AssumeRole.html: RoleSessionName is the caller's; it is part of
    // aws:userid (reference_policies_variables.html). The search holds it fixed, so no proof is claimed.
    const env = {
      accounts: {
        [A]: {
          users: { bob: { policies: [pol({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" })] } },
          roles: {
            ops: { trust: pol({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: "sts:AssumeRole" }), policies: [pol({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" })] },
            admin: {
              trust: pol({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:role/ops` }, Action: "sts:AssumeRole", Condition: { StringLike: { "aws:userid": "*:breakglass-*" } } }),
              policies: [ADMIN],
            },
          },
        },
      },
    };
    const r = await json(["test", project(env, [{ as: "user/bob", mayNotBecome: "role/admin" }]), "--require-proof"]);
    expect(r.code).toBe(1);
    expect(r.results[0]!.message).toMatch(/^not proved \(sts:AssumeRole on arn:aws:iam::111122223333:role\/admin: the session name is the caller's choice/);
  });

  it("--no-prove --require-proof fails a mayNotBecome that was only searched, and says why", async () => {
    const r = await runCli(["test", join(BENCH, "scenarios", "passrole-ec2", "fixed"), "--no-prove", "--require-proof", "--reporter", "json", "--seed", "1"]);
    expect(r.code).toBe(1);
    const res = (JSON.parse(r.stdout) as { results: Result[] }).results[0]!;
    expect(res.status).toBe("failed");
    expect(res.message).toMatch(/^not proved \(each step of every path searched, no proof attempted\)/);
  });
});

describe("mayBecome and mayNotBecome of the same question: exactly one holds", () => {
  for (const [label, actions, reachable] of [
    ["with CreateFunction and InvokeFunction", ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], true],
    ["without InvokeFunction", ["iam:PassRole", "lambda:CreateFunction"], false],
  ] as const) {
    it(label, async () => {
      const dir = project(lambdaEnv([...actions]), [
        { it: "may", as: "user/dev", mayBecome: "role/admin" },
        { it: "may not", as: "user/dev", mayNotBecome: "role/admin" },
        { it: "admin", as: "user/dev", mayBecome: "admin" },
      ]);
      const { results } = await json(["test", dir]);
      const [may, mayNot, admin] = results;
      expect(may!.status).toBe(reachable ? "passed" : "failed");
      expect(mayNot!.status).toBe(reachable ? "failed" : "passed");
      expect(admin!.status).toBe(may!.status);
      if (reachable) {
        expect(may!.path!.map((s) => s.action)).toEqual(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]);
        expect(may!.path![0]!.context).toMatchObject({ "iam:PassedToService": "lambda.amazonaws.com" });
        expect(may!.evidence?.method).toBe("exact");
      } else {
        // The closest attempt: PassRole and CreateFunction allowed, InvokeFunction blocked.
        const path = may!.path!;
        expect(path.slice(0, -1).every((s) => s.decision === "Allow")).toBe(true);
        expect(path[path.length - 1]).toMatchObject({ action: "lambda:InvokeFunction", decision: "ImplicitDeny" });
        expect(may!.message).toContain("blocked at step");
      }
    });
  }
});

describe("conditions on the steps", () => {
  it("iam:PassedToService: passing the role only to ECS does not open the Lambda path", async () => {
    const env = lambdaEnv(["lambda:CreateFunction", "lambda:InvokeFunction"]);
    const dev = env.accounts[A].users.dev;
    dev.policies.push(pol({ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } }) as never);
    const { results } = await json(["test", project(env, [{ as: "user/dev", mayNotBecome: "admin" }])]);
    expect(results[0]!.status).toBe("passed");
  });

  it("functions the caller may create only under a name prefix, in one region, still run the passed role", async () => {
    // lambda/latest/dg/lambda-api-permissions-ref.html: function ARNs scope lambda:CreateFunction and InvokeFunction.
    const fn = `arn:aws:lambda:eu-west-1:${A}:function:team-*`;
    const env = (passRole: string) => ({
      accounts: {
        [A]: {
          users: { dev: { policies: [pol({ Effect: "Allow", Action: ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource: fn }, { Effect: "Allow", Action: "iam:PassRole", Resource: passRole })] } },
          roles: { admin: { trust: trustService("lambda.amazonaws.com"), policies: [ADMIN] } },
        },
      },
    });
    const open = await json(["test", project(env("*"), [{ as: "user/dev", mayNotBecome: "admin" }])]);
    expect(open.results[0]!.status).toBe("failed");
    expect(open.results[0]!.path![1]!.resource).toMatch(/^arn:aws:lambda:eu-west-1:111122223333:function:team-/);
    const closed = await json(["test", project(env(`arn:aws:iam::${A}:role/app-*`), [{ as: "user/dev", mayNotBecome: "admin" }])]);
    expect(closed.results[0]!.status).toBe("passed");
  });

  it("the request context is free unless exact: true or when pins it", async () => {
    // reference_policies_condition-keys.html#condition-keys-sourceip: the step is allowed from the office range.
    const env = lambdaEnv(["lambda:CreateFunction", "lambda:InvokeFunction"]);
    env.accounts[A].users.dev.policies.push(pol({ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "198.51.100.0/24" } } }) as never);
    const { results } = await json(["test", project(env, [
      { it: "free", as: "user/dev", mayNotBecome: "admin" },
      { it: "exact", as: "user/dev", mayNotBecome: "admin", exact: true },
      { it: "pinned outside", as: "user/dev", mayNotBecome: "admin", when: { "aws:SourceIp": "203.0.113.9" } },
      { it: "outside, any address", as: "user/dev", mayNotBecome: "admin", when: { "aws:SourceIp": { not: "198.51.100.0/24" } } },
    ])]);
    expect(results.map((r) => r.status)).toEqual(["failed", "passed", "passed", "passed"]);
    expect(String(results[0]!.path![0]!.context!["aws:SourceIp"])).toMatch(/^198\.51\.100\./);
    // exact: every step decided on its request as written, which is what the evidence says.
    expect(results[1]!.evidence).toMatchObject({ method: "exact" });
    expect(results.slice(2).map((r) => r.evidence?.method)).toEqual(["proved", "proved"]);
  });

  it("an SCP that denies the trigger removes the path; a deny on another action does not", async () => {
    const scp = (action: string) => ({
      id: "o-a1b2c3d4e5",
      management: "999999999999",
      root: { ous: { Dev: { scps: ["FullAWSAccess", pol({ Effect: "Deny", Action: action, Resource: "*" })], accounts: [A] } } },
    });
    const actions = ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"];
    const blocked = await json(["test", project({ ...lambdaEnv(actions), organization: scp("lambda:InvokeFunction") }, [{ as: "user/dev", mayNotBecome: "role/admin" }])]);
    expect(blocked.results[0]!.status).toBe("passed");
    const open = await json(["test", project({ ...lambdaEnv(actions), organization: scp("s3:DeleteBucket") }, [{ as: "user/dev", mayNotBecome: "role/admin" }])]);
    expect(open.results[0]!.status).toBe("failed");
  });

  it("an admin role limited by a boundary is not admin", async () => {
    const env = lambdaEnv(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]);
    (env.accounts[A].roles.admin as Record<string, unknown>).boundary = pol({ Effect: "Allow", Action: ["s3:*", "logs:*"], Resource: "*" });
    const { results } = await json(["test", project(env, [
      { as: "user/dev", mayNotBecome: "admin" },
      { as: "user/dev", mayBecome: "role/admin" },
    ])]);
    expect(results.map((r) => r.status)).toEqual(["passed", "passed"]);
  });
});

describe("a change to a principal the caller can act as", () => {
  // IAM/latest/APIReference/API_PutRolePolicy.html and reference_policies_evaluation-logic-cross-account.html:
  // the bridge role is trusted by the other account's role but lacks sts:AssumeRole itself; dev may
  // put an inline policy on the bridge, then assume it, then hop.
  const B = "444455556666";
  const env = (devActions: string[]) => ({
    accounts: {
      [A]: {
        users: { dev: { policies: [pol({ Effect: "Allow", Action: devActions, Resource: `arn:aws:iam::${A}:role/bridge` })] } },
        roles: { bridge: { trust: pol({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:user/dev` }, Action: "sts:AssumeRole" }), policies: [] } },
      },
      [B]: { roles: { target: { trust: pol({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:role/bridge` }, Action: "sts:AssumeRole" }), policies: [pol({ Effect: "Allow", Action: "s3:*", Resource: "*" })] } } },
    },
  });
  it("is found: put a policy on the bridge, assume it, assume the target", async () => {
    const { results } = await json(["test", project(env(["sts:AssumeRole", "iam:PutRolePolicy"]), [{ as: "user/dev", mayNotBecome: "role/target" }])]);
    expect(results[0]!.status).toBe("failed");
    expect(results[0]!.path!.map((s) => `${s.action} ${s.resource}`)).toEqual([
      `iam:PutRolePolicy arn:aws:iam::${A}:role/bridge`,
      `sts:AssumeRole arn:aws:iam::${A}:role/bridge`,
      `sts:AssumeRole arn:aws:iam::${B}:role/target`,
    ]);
    expect(results[0]!.path![2]!.principal).toBe(`arn:aws:sts::${A}:assumed-role/bridge/iam-spec`);
  });
  it("holds without the change", async () => {
    const { results } = await json(["test", project(env(["sts:AssumeRole"]), [{ as: "user/dev", mayNotBecome: "role/target" }, { as: "user/dev", mayBecome: "role/bridge" }])]);
    expect(results.map((r) => r.status)).toEqual(["passed", "passed"]);
  });
});

describe("functions and instances that run as a role (role: on a listed resource)", () => {
  const FN = `arn:aws:lambda:us-east-1:${A}:function:ops`;
  const env = (resource: Record<string, unknown>, devActions: string[]) => ({
    accounts: {
      [A]: {
        users: { dev: { policies: [pol({ Effect: "Allow", Action: devActions, Resource: "*" })] } },
        roles: { admin: { trust: trustService("lambda.amazonaws.com"), policies: [ADMIN] } },
        resources: resource,
      },
    },
  });
  it("mayBecome and mayNotBecome of the same question: exactly one holds (API_UpdateFunctionCode.html)", async () => {
    for (const [actions, reachable] of [
      [["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], true],
      [["lambda:UpdateFunctionCode"], false],
    ] as const) {
      const dir = project(env({ [FN]: { role: "admin" } }, [...actions]), [
        { as: "user/dev", mayBecome: "role/admin" },
        { as: "user/dev", mayNotBecome: "role/admin" },
      ]);
      const { results } = await json(["test", dir]);
      expect(results.map((r) => r.status)).toEqual(reachable ? ["passed", "failed"] : ["failed", "passed"]);
      if (reachable) expect(results[0]!.path!.map((s) => `${s.action} ${s.resource}`)).toEqual([`lambda:UpdateFunctionCode ${FN}`, `lambda:InvokeFunction ${FN}`]);
      else expect(results[1]!.evidence).toMatchObject({ method: "proved" });
    }
  });
  it("a function without role: is no path; role: on a bucket or naming no role is an input error", async () => {
    const none = await json(["test", project(env({ [FN]: {} }, ["lambda:*"]), [{ as: "user/dev", mayNotBecome: "role/admin" }])]);
    expect(none.results[0]!.status).toBe("passed");
    const bucket = await runCli(["test", project(env({ "arn:aws:s3:::data": { role: "admin" } }, ["s3:*"]), [{ as: "user/dev", mayNotBecome: "admin" }])]);
    expect(bucket.code).toBe(2);
    expect(bucket.stderr).toMatch(/env\.yaml:\d+:\d+.*arn:aws:s3:::data is not a resource that runs as a role \(a Lambda function, an EC2 instance, a CloudFormation stack/);
    const missing = await runCli(["test", project(env({ [FN]: { role: "nosuch" } }, ["lambda:*"]), [{ as: "user/dev", mayNotBecome: "admin" }])]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/runs as "nosuch", which is not a role of account 111122223333/);
    expect(missing.stderr).toMatch(/name a role listed under account/);
  });
});

describe("admin: every action on every resource, after SCPs", () => {
  // organizations/latest/userguide/orgs_manage_policies_scps.html: an SCP limits even AdministratorAccess.
  const env = (deny: string) => ({
    accounts: { [A]: { roles: { admin: { trust: trustService("ec2.amazonaws.com"), policies: [ADMIN] } } } },
    organization: {
      id: "o-a1b2c3d4e5",
      management: "999999999999",
      root: { ous: { Prod: { scps: ["FullAWSAccess", pol({ Effect: "Deny", Action: deny, Resource: "*" })], accounts: [A] } } },
    },
  });
  it("a guardrail that denies leaving the organization leaves an administrator admin", async () => {
    const { results } = await json(["test", project(env("organizations:LeaveOrganization"), [{ as: "role/admin", mayBecome: "admin" }, { as: "role/admin", mayNotBecome: "admin" }])]);
    expect(results.map((r) => r.status)).toEqual(["passed", "failed"]);
    expect(results[1]!.message).toMatch(/already is admin/);
  });
  it("an SCP that takes IAM away makes it not admin, and says which capability is missing", async () => {
    const { results } = await json(["test", project(env("iam:*"), [{ as: "role/admin", mayBecome: "admin" }, { as: "role/admin", mayNotBecome: "admin" }])]);
    expect(results.map((r) => r.status)).toEqual(["failed", "passed"]);
    expect(results[0]!.message).toMatch(/is not admin: iam:AttachRolePolicy on .* is not allowed \(ExplicitDeny\)/);
    expect(results[0]!.path![0]).toMatchObject({ action: "iam:AttachRolePolicy", decision: "ExplicitDeny" });
  });
});

describe("a session of `as` that cannot exist", () => {
  it("leads nowhere: mayBecome fails; a mayNotBecome of it would hold having checked nothing, an input error (API_AssumeRole.html: DurationSeconds up to the role's maximum)", async () => {
    const env = {
      accounts: {
        [A]: {
          roles: {
            ci: { trust: trustService("codebuild.amazonaws.com"), maxSessionDuration: 3600, policies: [pol({ Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "*" })] },
          },
        },
      },
    };
    const session = { durationSeconds: 7200 };
    const { results } = await json(["test", project(env, [
      { as: "role/ci", session, mayBecome: "admin" },
      { as: "role/ci", mayNotBecome: "admin" },
    ])]);
    expect(results.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(results[0]!.message).toMatch(/durationSeconds 7200/);
    const vacuous = await json(["test", project(env, [{ as: "role/ci", session, mayNotBecome: "admin" }])]);
    expect(vacuous.code).toBe(2);
    expect(vacuous.results.map((r) => [r.status, r.message])).toEqual([["error", expect.stringMatching(/^session\.durationSeconds: 7200 is above 3600, the maxSessionDuration of arn:aws:iam::111122223333:role\/ci: no such session exists, so this mayNotBecome would hold having checked nothing$/)]]);
  });
});

describe("input errors", () => {
  it("a fuzzed as with mayBecome, an unknown target, a target that is not a principal, on and assumedBy", async () => {
    const dir = project(lambdaEnv(["s3:GetObject"]), [
      { as: "*", mayBecome: "admin" },
      { as: "user/dev", mayNotBecome: "role/nosuch" },
      { as: "user/dev", mayNotBecome: { service: "lambda.amazonaws.com" } },
      { as: "user/dev", mayBecome: "arn:aws:s3:::bucket" },
      { as: "user/dev", mayNotBecome: "admin", on: "*" },
      { as: "role/admin", assumedBy: "user/dev", mayNotBecome: "admin" },
      { as: "user/dev", mayBecome: "admin", when: { "aws:SourceIp": { not: "10.0.0.0/8" } } },
    ]);
    const r = await runCli(["test", dir]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(7);
    for (const l of lines) expect(l).toMatch(/s\.iamspec\.yaml:\d+:\d+: /);
    expect(r.stderr).toMatch(/set of principals; mayBecome needs one principal \(.*mayNotBecome/);
    expect(r.stderr).toMatch(/no role "nosuch"/);
    expect(r.stderr).toMatch(/"lambda.amazonaws.com" is not a user or role of the environment.*\(name a user or role/);
    expect(r.stderr).toMatch(/is not a principal ARN/);
    expect(r.stderr).toMatch(/on does not apply to mayNotBecome/);
    expect(r.stderr).toMatch(/assumedBy does not apply/);
    expect(r.stderr).toMatch(/\{ not: \.\.\. \} is allowed only with mayNot and mayNotBecome/);
  });

  it("a policy known only after terraform apply is an error, never a pass", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-escalation-"));
    writeFileSync(join(dir, "s.iamspec.yaml"), JSON.stringify({
      environment: join(ROOT, "test/fixtures/cli-import/unknown/env.yaml"),
      expect: [{ as: "role/app-handler", mayNotBecome: "admin" }],
    }));
    const { code, results } = await json(["test", dir]);
    expect(code).toBe(2);
    expect(results[0]!.message).toMatch(/known only after terraform apply/);
  });

  it("a fuzzed set that leaves nobody is an error, not a pass", async () => {
    const dir = project(lambdaEnv(["s3:GetObject"]), [{ as: { from: A, except: ["user/dev", "role/admin"] }, mayNotBecome: "admin" }]);
    const { code, results } = await json(["test", dir]);
    expect(code).toBe(2);
    expect(results[0]!.message).toMatch(/no principal is left/);
  });
});

describe("reports show one step a line", () => {
  const dir = () => project(lambdaEnv(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]), [{ it: "dev never admin", as: "user/dev", mayNotBecome: "admin" }]);
  it("pretty", async () => {
    const r = await runCli(["test", dir(), "--seed", "1"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/can become admin as role\/admin \(111122223333\) in 3 steps/);
    expect(r.stdout).toMatch(/1\. arn:aws:iam::111122223333:user\/dev {2}iam:PassRole {2}arn:aws:iam::111122223333:role\/admin {2}Allow/);
    expect(r.stdout).toMatch(/3\. arn:aws:iam::111122223333:user\/dev {2}lambda:InvokeFunction {2}arn:aws:lambda:[^ ]+ {2}Allow/);
  });
  it("junit", async () => {
    const r = await runCli(["test", dir(), "--seed", "1", "--reporter", "junit"]);
    expect(r.stdout).toMatch(/step 1: arn:aws:iam::111122223333:user\/dev iam:PassRole arn:aws:iam::111122223333:role\/admin Allow/);
    expect(r.stdout).toMatch(/step 3: [^\n]*lambda:InvokeFunction/);
  });
});

describe("iam-spec graph", () => {
  const dir = () => project(lambdaEnv(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]), [{ as: "user/dev", mayNotBecome: "admin" }]);
  it("mermaid marks admin principals and labels edges by method", async () => {
    const d = dir();
    const r = await runCli(["graph", join(d, "env.yaml")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^flowchart LR/);
    expect(r.stdout).toMatch(/\["⚠ admin: role\/admin \(111122223333\)"\]/);
    expect(r.stdout).toMatch(/-->\|"iam:PassRole \+ lambda:CreateFunction \+ lambda:InvokeFunction"\|/);
    expect(r.stdout).toMatch(/class n\d+ admin/);
  });
  it("json and dot, from a spec file", async () => {
    const d = dir();
    const j = await runCli(["graph", join(d, "s.iamspec.yaml"), "--format", "json"]);
    const pic = JSON.parse(j.stdout) as { nodes: { id: string; admin: boolean }[]; edges: { from: string; to: string; method: string }[] };
    expect(pic.nodes.find((n) => n.id.endsWith("role/admin"))!.admin).toBe(true);
    expect(pic.nodes.find((n) => n.id.endsWith("user/dev"))!.admin).toBe(false);
    expect(pic.edges.some((e) => e.from.endsWith("user/dev") && e.to.endsWith("role/admin"))).toBe(true);
    const dot = await runCli(["graph", join(d, "env.yaml"), "--format", "dot"]);
    expect(dot.stdout).toMatch(/^digraph principals \{/);
    expect(dot.stdout).toMatch(/color=red/);
  });
  it("bad input exits 2 with a hint", async () => {
    expect((await runCli(["graph", "--format", "png", "x.yaml"])).code).toBe(2);
    const missing = await runCli(["graph", "/nonexistent/env.yaml"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/env\.yaml/);
  });
  it("the real process: test exits 1 on a buggy twin and prints its path, 0 on the fixed twin", () => {
    const run = (v: string) =>
      spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "test", join(BENCH, "scenarios", "chain-then-passrole", v), "--seed", "1"], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
      });
    const buggy = run("buggy");
    expect(buggy.status).toBe(1);
    expect(buggy.stdout).toMatch(/in 4 steps\n(.*\n)? {2}path\n {4}1\. arn:aws:iam::111122223333:user\/dev {2}sts:AssumeRole {2}arn:aws:iam::111122223333:role\/build {2}Allow/);
    expect(run("fixed").status).toBe(0);
  });
  it("the real process", () => {
    const d = dir();
    const p = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "graph", join(d, "env.yaml"), "--format", "json"], { cwd: ROOT, encoding: "utf8" });
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout).nodes.length).toBe(2);
  });
});
