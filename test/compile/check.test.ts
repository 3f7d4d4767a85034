import { describe, expect as assert, it } from "vitest";
import { evaluate, explain } from "../../src/index.js";
import { checkExpectation, type Outcome } from "../../src/compile/check.js";
import { buildWorld } from "../../src/compile/request.js";
import { fuzzSource } from "../../src/fuzz/index.js";
import type { Environment, Expectation, Principal, Role, User } from "../../src/model/types.js";
import { account, allow, environment, expect, org, policy, POS, role, user } from "./builder.js";

const A = "111122223333";
const B = "444455556666";
const MGMT = "999999999999";
const BUCKET = "arn:aws:s3:::acme-artifacts";

function run(env: Environment, exp: Expectation): Outcome {
  const world = buildWorld(env);
  return checkExpectation(world, exp, { seed: 1, runs: 100, evaluator: { evaluate, explain }, source: fuzzSource() });
}

const rs = (r: Role, sessionName?: string): Principal => ({ kind: "role-session", role: r, written: r.arn, ...(sessionName ? { sessionName } : {}) });
const us = (u: User): Principal => ({ kind: "user", user: u, written: u.arn });

const trustUser = (userArn: string, extra: object = {}) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: userArn }, Action: "sts:AssumeRole", ...extra }],
});

describe("may / mayNot", () => {
  const deploy = role(A, "deploy", {
    trust: trustUser(`arn:aws:iam::${A}:user/alice`),
    policies: [allow(["s3:GetObject", "s3:PutObject"], `${BUCKET}/builds/*`)],
  });
  const env = environment([account(A, { roles: [deploy], resources: { [BUCKET]: null } })]);

  it("may holds when every action on every sampled resource is allowed", () => {
    assert(run(env, expect({ as: rs(deploy), may: ["s3:GetObject", "s3:PutObject"], on: [`${BUCKET}/builds/*`] })).status).toBe("passed");
  });

  it("may fails with a counterexample naming the denied request", () => {
    const out = run(env, expect({ as: rs(deploy), may: ["s3:DeleteObject"], on: [`${BUCKET}/builds/*`] }));
    assert(out.status).toBe("failed");
    if (out.status !== "failed") return;
    assert(out.counterexample).toMatchObject({
      principal: `arn:aws:sts::${A}:assumed-role/deploy/iam-spec`,
      action: "s3:DeleteObject",
      resource: `${BUCKET}/builds/iam-spec-sample`,
      decision: "ImplicitDeny",
    });
  });

  it("may on a pattern outside the allowed prefix fails", () => {
    assert(run(env, expect({ as: rs(deploy), may: ["s3:GetObject"], on: [`${BUCKET}/*`] })).status).toBe("failed");
  });

  it("mayNot holds for actions the role lacks, expanded from a pattern", () => {
    assert(run(env, expect({ as: rs(deploy), mayNot: ["iam:*", "organizations:*"] })).status).toBe("passed");
  });

  it("mayNot fails and reports the allowed request", () => {
    const out = run(env, expect({ as: rs(deploy), mayNot: ["s3:Put*"], on: [`${BUCKET}/*`] }));
    assert(out.status).toBe("failed");
    if (out.status === "failed") {
      assert(out.message).toMatch(/^allowed: s3:PutObject on /);
      assert(out.deciding?.[0]).toMatchObject({ effect: "Allow", policyType: "identity" });
    }
  });

  it("an unknown action is an input error with a suggestion", () => {
    const out = run(env, expect({ as: rs(deploy), may: ["s3:GetObjekt"] }));
    assert(out.status).toBe("error");
    if (out.status === "error") {
      assert(out.errors[0]?.message).toMatch(/matches no known AWS action/);
      assert(out.errors[0]?.hint).toMatch(/s3:GetObject/);
    }
  });

  it("mayNot finds an allow hidden behind a condition literal; exact does not look", () => {
    const r = role(A, "net", { policies: [allow("s3:GetObject", "*", { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } })] });
    const e = environment([account(A, { roles: [r] })]);
    const out = run(e, expect({ as: rs(r), mayNot: ["s3:GetObject"], on: [`${BUCKET}/x`] }));
    assert(out.status).toBe("failed");
    if (out.status === "failed") assert(out.counterexample?.context["aws:SourceIp"]).toBe("10.0.0.0");
    assert(run(e, expect({ as: rs(r), mayNot: ["s3:GetObject"], on: [`${BUCKET}/x`], exact: true })).status).toBe("passed");
    assert(run(e, expect({ as: rs(r), mayNot: ["s3:GetObject"], on: [`${BUCKET}/x`], when: { "aws:SourceIp": { not: ["10.0.0.0/8"] } } })).status).toBe("passed");
    assert(run(e, expect({ as: rs(r), may: ["s3:GetObject"], on: [`${BUCKET}/x`], when: { "aws:SourceIp": "10.1.2.3" } })).status).toBe("passed");
    assert(run(e, expect({ as: rs(r), may: ["s3:GetObject"], on: [`${BUCKET}/x`] })).status).toBe("failed");
  });

  it("except leaves resources out", () => {
    const r = role(A, "reader", { policies: [allow("s3:GetObject", `${BUCKET}/public/*`)] });
    const e = environment([account(A, { roles: [r] })]);
    assert(run(e, expect({ as: rs(r), mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`], except: [`${BUCKET}/public/*`] })).status).toBe("passed");
  });
});

describe("principal forms", () => {
  const alice = user(A, "alice", { policies: [allow("s3:ListBucket", BUCKET)], tags: { team: "web" } });
  const bucketPolicy = (principal: unknown, action = "s3:GetObject") => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: principal, Action: action, Resource: `${BUCKET}/*` }],
  });

  it("a user with its own policies", () => {
    const env = environment([account(A, { users: [alice] })]);
    assert(run(env, expect({ as: us(alice), may: ["s3:ListBucket"], on: [BUCKET] })).status).toBe("passed");
    assert(run(env, expect({ as: us(alice), mayNot: ["s3:DeleteBucket"], on: [BUCKET] })).status).toBe("passed");
  });

  it("principal tags are derived for users", () => {
    const u = user(A, "bob", { policies: [allow("s3:GetObject", "*", { StringEquals: { "aws:PrincipalTag/team": "web" } })], tags: { team: "web" } });
    const env = environment([account(A, { users: [u] })]);
    assert(run(env, expect({ as: us(u), may: ["s3:GetObject"], on: [`${BUCKET}/a`] })).status).toBe("passed");
  });

  it("an unknown account is granted by the bucket policy alone", () => {
    const env = environment([account(A, { resources: { [BUCKET]: bucketPolicy({ AWS: `arn:aws:iam::${B}:root` }) } })]);
    const ext: Principal = { kind: "external-account", accountId: B, written: B };
    assert(run(env, expect({ as: ext, may: ["s3:GetObject"], on: [`${BUCKET}/a`] })).status).toBe("passed");
    const other: Principal = { kind: "external-account", accountId: "555555555555", written: "555555555555" };
    assert(run(env, expect({ as: other, mayNot: ["s3:GetObject"], on: [`${BUCKET}/a`] })).status).toBe("passed");
    const arn: Principal = { kind: "external-arn", accountId: B, arn: `arn:aws:iam::${B}:role/partner`, resourceType: "role", written: "x" };
    assert(run(env, expect({ as: arn, may: ["s3:GetObject"], on: [`${BUCKET}/a`] })).status).toBe("passed");
  });

  it("a service principal and an anonymous caller", () => {
    const env = environment([
      account(A, { resources: { [BUCKET]: bucketPolicy({ Service: "cloudtrail.amazonaws.com" }, "s3:PutObject") } }),
    ]);
    const svc: Principal = { kind: "service", service: "cloudtrail.amazonaws.com", written: "cloudtrail" };
    assert(run(env, expect({ as: svc, may: ["s3:PutObject"], on: [`${BUCKET}/AWSLogs/x`] })).status).toBe("passed");
    const anon: Principal = { kind: "anonymous", written: "anonymous" };
    assert(run(env, expect({ as: anon, mayNot: ["s3:*"], on: [`${BUCKET}/*`] })).status).toBe("passed");
  });

  it("the root user and a fixed role session", () => {
    const r = role(A, "ops", { policies: [allow("ec2:DescribeInstances")] });
    const env = environment([account(A, { roles: [r] })]);
    const root: Principal = { kind: "root", accountId: A, arn: `arn:aws:iam::${A}:root`, written: "root" };
    assert(run(env, expect({ as: root, may: ["iam:CreateUser"], on: [`arn:aws:iam::${A}:user/x`] })).status).toBe("passed");
    const out = run(env, expect({ as: rs(r, "s1"), mayNot: ["ec2:DescribeInstances"] }));
    assert(out.status).toBe("failed");
    if (out.status === "failed") assert(out.counterexample?.principal).toBe(`arn:aws:sts::${A}:assumed-role/ops/s1`);
  });

  it('the fuzzed set "*" reaches a public bucket through an anonymous caller', () => {
    const env = environment([account(A, { users: [alice], resources: { [BUCKET]: bucketPolicy("*") } })]);
    const set: Principal | import("../../src/model/types.js").PrincipalSet = {
      kind: "set",
      mode: "from",
      scope: { kind: "any" },
      except: [],
      includeRoot: false,
      written: "*",
    };
    const out = run(env, expect({ as: set, mayNot: ["s3:GetObject"], on: [`${BUCKET}/a`] }));
    assert(out.status).toBe("failed");
  });

  it("{ from: account } covers the account's principals only; { notFrom } the rest", () => {
    const admin = user(A, "admin", { policies: [allow("*")] });
    const env = environment([account(A, { users: [admin] }), account(B, { users: [user(B, "carol")] })]);
    const from = (accountId: string, mode: "from" | "notFrom") =>
      ({ kind: "set", mode, scope: { kind: "account", accountId }, except: [], includeRoot: false, written: accountId }) as const;
    assert(run(env, expect({ as: from(B, "from"), mayNot: ["iam:CreateUser"] })).status).toBe("passed");
    assert(run(env, expect({ as: from(A, "from"), mayNot: ["iam:CreateUser"] })).status).toBe("failed");
    assert(run(env, expect({ as: from(A, "notFrom"), mayNot: ["iam:CreateUser"], on: [`arn:aws:iam::${A}:user/x`] })).status).toBe("passed");
  });
});

describe("assumedBy chains and sessions", () => {
  const alice = user(A, "alice", { policies: [allow("sts:AssumeRole")] });
  const bob = user(A, "bob", { policies: [allow("sts:AssumeRole")] });
  const deploy = role(A, "deploy", { trust: trustUser(alice.arn), policies: [allow("s3:GetObject")], maxSessionDuration: 7200 });
  const env = environment([account(A, { users: [alice, bob], roles: [deploy] })]);
  const obj = [`${BUCKET}/a`];

  it("a chain whose hops are allowed lets the session act", () => {
    assert(run(env, expect({ as: rs(deploy), assumedBy: [us(alice)], may: ["s3:GetObject"], on: obj })).status).toBe("passed");
  });

  it("a refused hop fails a may with the hop's reason and satisfies a mayNot", () => {
    const out = run(env, expect({ as: rs(deploy), assumedBy: [us(bob)], may: ["s3:GetObject"], on: obj }));
    assert(out.status).toBe("failed");
    if (out.status === "failed") {
      assert(out.message).toMatch(/hop 1: .*user\/bob may not sts:AssumeRole/);
      assert(out.counterexample?.action).toBe("sts:AssumeRole");
    }
    assert(run(env, expect({ as: rs(deploy), assumedBy: [us(bob)], mayNot: ["s3:GetObject"], on: obj })).status).toBe("passed");
  });

  it("durationSeconds is checked against maxSessionDuration", () => {
    assert(run(env, expect({ as: rs(deploy), assumedBy: [us(alice)], may: ["s3:GetObject"], on: obj, session: { durationSeconds: 7200 } })).status).toBe("passed");
    const out = run(env, expect({ as: rs(deploy), assumedBy: [us(alice)], may: ["s3:GetObject"], on: obj, session: { durationSeconds: 7201 } }));
    assert(out.status).toBe("failed");
    if (out.status === "failed") assert(out.message).toMatch(/maxSessionDuration/);
    assert(run(env, expect({ as: rs(deploy), may: ["s3:GetObject"], on: obj, session: { durationSeconds: 600 } })).status).toBe("failed");
  });

  it("role chaining caps the session at one hour", () => {
    const jump = role(A, "jump", { trust: trustUser(alice.arn), policies: [allow("sts:AssumeRole")] });
    const target = role(A, "target", { trust: trustUser(jump.arn), policies: [allow("s3:GetObject")], maxSessionDuration: 43200 });
    const e = environment([account(A, { users: [alice], roles: [jump, target] })]);
    const base = { as: rs(target), assumedBy: [us(alice), rs(jump)], may: ["s3:GetObject"], on: obj };
    assert(run(e, expect({ ...base, session: { durationSeconds: 3600 } })).status).toBe("passed");
    const out = run(e, expect({ ...base, session: { durationSeconds: 7200 } }));
    assert(out.status).toBe("failed");
    if (out.status === "failed") assert(out.message).toMatch(/one hour/);
    // The same duration without chaining is fine.
    const direct = role(A, "direct", { trust: trustUser(alice.arn), policies: [allow("s3:GetObject")], maxSessionDuration: 43200 });
    const e2 = environment([account(A, { users: [alice], roles: [direct] })]);
    assert(run(e2, expect({ as: rs(direct), assumedBy: [us(alice)], may: ["s3:GetObject"], on: obj, session: { durationSeconds: 7200 } })).status).toBe("passed");
  });

  it("session tags need sts:TagSession and become principal tags", () => {
    const tagged = { as: rs(deploy), assumedBy: [us(alice)], may: ["s3:GetObject"], on: obj, session: { tags: { team: "web" } } };
    const out = run(env, expect(tagged));
    assert(out.status).toBe("failed");
    if (out.status === "failed") assert(out.message).toMatch(/sts:TagSession/);
    // Without a chain the trust policy itself is checked.
    assert(run(env, expect({ ...tagged, assumedBy: [] })).status).toBe("failed");

    const withTag = role(A, "tagged", {
      trust: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: alice.arn }, Action: ["sts:AssumeRole", "sts:TagSession"] }] },
      policies: [allow("s3:GetObject", "*", { StringEquals: { "aws:PrincipalTag/team": "web" } })],
    });
    const aliceTags = user(A, "alice", { policies: [allow(["sts:AssumeRole", "sts:TagSession"])] });
    const e = environment([account(A, { users: [aliceTags], roles: [withTag] })]);
    const ok = { as: rs(withTag), assumedBy: [us(aliceTags)], on: obj, session: { tags: { team: "web" } } };
    assert(run(e, expect({ ...ok, may: ["s3:GetObject"] })).status).toBe("passed");
    assert(run(e, expect({ ...ok, may: ["s3:GetObject"], session: { tags: { team: "ops" } } })).status).toBe("failed");
  });

  it("a web-identity provider hop uses sts:AssumeRoleWithWebIdentity and the token's claims", () => {
    const gh = role(A, "gh", {
      trust: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com` },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main" } },
          },
        ],
      },
      policies: [allow("s3:PutObject")],
    });
    const e = environment([account(A, { roles: [gh] })]);
    const fed: Principal = { kind: "federated", protocol: "oidc", provider: "token.actions.githubusercontent.com", written: "gh" };
    const base = { as: rs(gh), assumedBy: [fed], on: obj };
    assert(run(e, expect({ ...base, may: ["s3:PutObject"], when: { "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main" } })).status).toBe("passed");
    assert(run(e, expect({ ...base, may: ["s3:PutObject"], when: { "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/dev" } })).status).toBe("failed");
    assert(run(e, expect({ ...base, mayNot: ["s3:PutObject"], when: { "token.actions.githubusercontent.com:sub": "repo:evil/app:ref:refs/heads/main" } })).status).toBe("passed");
  });
});

describe("organization", () => {
  const scp = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }] };
  const admin = (acct: string) => user(acct, "admin", { policies: [allow("*")] });

  it("SCPs restrict member accounts but not the management account", () => {
    const env = environment([account(A, { users: [admin(A)] }), account(MGMT, { users: [admin(MGMT)] })], org([A, MGMT], MGMT, scp));
    const member = us(admin(A));
    const mgmt = us(admin(MGMT));
    const out = run(env, expect({ as: member, may: ["organizations:LeaveOrganization"] }));
    assert(out.status).toBe("failed");
    if (out.status === "failed") {
      assert(out.counterexample?.decision).toBe("ExplicitDeny");
      assert(out.deciding?.some((d) => d.policyType === "scp" && d.effect === "Deny")).toBe(true);
    }
    assert(run(env, expect({ as: member, mayNot: ["organizations:LeaveOrganization"] })).status).toBe("passed");
    assert(run(env, expect({ as: mgmt, may: ["organizations:LeaveOrganization"] })).status).toBe("passed");
  });
});

describe("mayNot through a chain, endpoints, keys given in when", () => {
  it("a free claim that opens the trust policy is found for a mayNot chain", () => {
    const gh = role(A, "gh", {
      trust: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com` },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
              StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/app:*" },
            },
          },
        ],
      },
      policies: [allow("s3:PutObject")],
    });
    const e = environment([account(A, { roles: [gh] })]);
    const fed: Principal = { kind: "federated", protocol: "oidc", provider: "token.actions.githubusercontent.com", written: "gh" };
    // `aud` is not pinned: it is free, and its literal opens the trust policy for a pull request.
    const out = run(e, expect({ as: rs(gh), assumedBy: [fed], mayNot: ["s3:PutObject"], on: [`${BUCKET}/a`], when: { "token.actions.githubusercontent.com:sub": "repo:acme/app:pull_request" } }));
    assert(out.status).toBe("failed");
    if (out.status === "failed") assert(out.counterexample?.context["token.actions.githubusercontent.com:aud"]).toBe("sts.amazonaws.com");
  });

  it("a request through a declared VPC endpoint must pass the endpoint policy", () => {
    const r = role(A, "app", { policies: [allow("s3:*")] });
    const acct = account(A, { roles: [r] });
    const vpce = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }] };
    const withEndpoint = {
      ...acct,
      vpcEndpoints: new Map([["vpce-0abc", { id: "vpce-0abc", accountId: A, policy: policy(vpce, "vpce"), pos: POS }]]),
    };
    const e = environment([withEndpoint]);
    const when = { "aws:SourceVpce": "vpce-0abc" };
    assert(run(e, expect({ as: rs(r), may: ["s3:GetObject"], on: [`${BUCKET}/a`], when })).status).toBe("passed");
    assert(run(e, expect({ as: rs(r), mayNot: ["s3:PutObject"], on: [`${BUCKET}/a`], when, exact: true })).status).toBe("passed");
    assert(run(e, expect({ as: rs(r), may: ["s3:PutObject"], on: [`${BUCKET}/a`] })).status).toBe("passed");
  });

  it("a key given in when wins over the derived one, case-insensitively", () => {
    const u = user(A, "dana", { policies: [allow("s3:GetObject", "*", { StringEquals: { "aws:PrincipalTag/team": "ops" } })], tags: { team: "web" } });
    const e = environment([account(A, { users: [u] })]);
    assert(run(e, expect({ as: us(u), may: ["s3:GetObject"], on: [`${BUCKET}/a`] })).status).toBe("failed");
    assert(run(e, expect({ as: us(u), may: ["s3:GetObject"], on: [`${BUCKET}/a`], when: { "AWS:PrincipalTag/team": "ops" } })).status).toBe("passed");
  });

  it("a bucket nobody lists has an unknown owner: an answer that depends on it is undetermined (contract section 3)", () => {
    const r = role(A, "reader", { policies: [allow("s3:GetObject")] });
    const e = environment([account(A, { roles: [r] })]);
    const out = run(e, expect({ as: rs(r), may: ["s3:GetObject"], on: ["arn:aws:s3:::someone-elses-bucket/x"] }));
    // Allowed if the bucket is the caller's, not without a bucket policy if it is another account's.
    assert(out.status).toBe("failed");
    assert(out.status === "failed" ? [out.undetermined, out.message] : []).toEqual([["unlisted-bucket-owner"], assert.stringMatching(/^undetermined: .*assumptions: \{ unlisted-bucket-owner: caller \| outside \}/)]);
  });

  it('"*" over iam:* and organizations:* finds nothing when nobody may (no false alarm from outside callers acting on their own accounts)', () => {
    const admin = user(A, "admin", { policies: [allow("s3:*")] });
    const r = role(A, "ops", { policies: [allow("ec2:*")] });
    const e = environment([account(A, { users: [admin], roles: [r], resources: { [BUCKET]: null } }), account(B, { users: [user(B, "x")] })]);
    const set = { kind: "set", mode: "from", scope: { kind: "any" }, except: [], includeRoot: false, written: "*" } as const;
    const out = run(e, expect({ as: set, mayNot: ["iam:*", "organizations:*"] }));
    assert(out.status === "failed" ? JSON.stringify(out.counterexample) : out.status).toBe("passed");
  });
});
