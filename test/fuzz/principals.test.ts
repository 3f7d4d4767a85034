/**
 * Principals in the fuzzer (issue 4): what a caller may choose about itself (the session name) is
 * varied when the expectation leaves it free, and the fuzzed principal forms try every kind of caller
 * the contract lists, honouring `except`.
 */
import { describe, expect as assert, it } from "vitest";
import { evaluate, explain } from "../../src/index.js";
import { checkExpectation, type Outcome } from "../../src/compile/check.js";
import { enumeratePrincipals } from "../../src/compile/principal-sets.js";
import { buildWorld } from "../../src/compile/request.js";
import { fuzzSource } from "../../src/fuzz/index.js";
import { sessionNamesFor } from "../../src/compile/session-names.js";
import type { Environment, Expectation, Principal, PrincipalSet } from "../../src/model/types.js";
import { account, allow, environment, expect, role, user } from "../compile/builder.js";

const A = "111122223333";
const B = "444455556666";
const BUCKET = "arn:aws:s3:::acme-artifacts";

function run(env: Environment, exp: Expectation, seed = 1): Outcome {
  return checkExpectation(buildWorld(env), exp, { seed, runs: 100, evaluator: { evaluate, explain }, source: fuzzSource() });
}

const rs = (r: ReturnType<typeof role>, sessionName?: string): Principal => ({ kind: "role-session", role: r, written: r.arn, ...(sessionName ? { sessionName } : {}) });

const bucketPolicy = (principal: unknown, extra: object = {}) => ({
  Version: "2012-10-17",
  Statement: [{ Sid: "Admins", Effect: "Allow", Principal: principal, Action: "s3:GetObject", Resource: `${BUCKET}/*`, ...extra }],
});

describe("session names", () => {
  const deploy = role(A, "deploy", { trust: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "sts:AssumeRole" }] } });
  // The loophole: a grant to one session, but whoever may assume deploy names the session.
  const env = environment([account(A, { roles: [deploy], resources: { [BUCKET]: bucketPolicy({ AWS: `arn:aws:sts::${A}:assumed-role/deploy/admin` }) } })]);

  it("finds an allow that only a session named by the caller reveals", () => {
    const out = run(env, expect({ as: rs(deploy), mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`] }));
    assert(out.status).toBe("failed");
    if (out.status !== "failed") return;
    assert(out.counterexample?.principal).toBe(`arn:aws:sts::${A}:assumed-role/deploy/admin`);
    assert(out.deciding?.map((d) => d.sid)).toContain("Admins");
  });

  it("is not reported when the session name is pinned (session.name or a session ARN)", () => {
    assert(run(env, expect({ as: rs(deploy), mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`], session: { name: "ci" } })).status).toBe("passed");
    assert(run(env, expect({ as: rs(deploy, "ci"), mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`] })).status).toBe("passed");
    // A written name pins even when it is the default one.
    const pinnedDefault = { name: "iam-spec", nameWritten: true };
    assert(run(env, expect({ as: rs(deploy), mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`], session: pinnedDefault })).status).toBe("passed");
  });

  it("exact: true does not vary the session", () => {
    assert(run(env, expect({ as: rs(deploy), mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`], exact: true })).status).toBe("passed");
  });

  it("finds a session name pattern tested through aws:userid (StringLike AROA...:admin-*)", () => {
    const byUserId = environment([
      account(A, {
        roles: [deploy],
        resources: { [BUCKET]: bucketPolicy("*", { Condition: { StringLike: { "aws:userid": "AROADEPLOY:admin-*" } } }) },
      }),
    ]);
    const out = run(byUserId, expect({ as: rs(deploy), mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`] }));
    assert(out.status).toBe("failed");
    if (out.status === "failed") assert(out.counterexample?.principal).toMatch(/\/deploy\/admin-/);
  });

  it("a session name the last hop's trust policy refuses does not count", () => {
    const alice = user(A, "alice", { policies: [allow("sts:AssumeRole")] });
    const guarded = role(A, "deploy", {
      trust: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: alice.arn }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:RoleSessionName": "${aws:username}" } } }],
      },
    });
    const e = environment([account(A, { users: [alice], roles: [guarded], resources: { [BUCKET]: bucketPolicy({ AWS: `arn:aws:sts::${A}:assumed-role/deploy/admin` }) } })]);
    const us: Principal = { kind: "user", user: alice, written: alice.arn };
    assert(run(e, expect({ as: rs(guarded), assumedBy: [us], mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`] })).status).toBe("passed");
  });

  it("mines names from session ARNs of matching roles, aws:userid and sts:RoleSessionName, each a valid RoleSessionName", () => {
    const docs = [
      bucketPolicy({ AWS: [`arn:aws:sts::${A}:assumed-role/deploy/admin-*`, `arn:aws:sts::${A}:assumed-role/other/nope`, `arn:aws:sts::${A}:assumed-role/dep*/ops?`] }),
      { Statement: { Condition: { StringLike: { "aws:userid": "AROA*:svc-*", "sts:RoleSessionName": ["${aws:username}", "x"] } } } },
    ];
    assert(sessionNamesFor("deploy", docs, "iam-spec")).toEqual(["admin-iam-spec-sample", "admin-", "opsx", "svc-iam-spec-sample", "svc-"]);
  });
});

describe("session tags", () => {
  const trust = (statements: object[]) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "sts:AssumeRole" }, ...statements] });
  const tagSession = { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "sts:TagSession" };
  const admins = allow("s3:GetObject", `${BUCKET}/*`, { StringEquals: { "aws:PrincipalTag/team": "admin" } });
  const envWith = (t: object) => {
    const app = role(A, "app", { trust: t, policies: [admins], tags: { team: "web" } });
    return { app, env: environment([account(A, { roles: [app] })]) };
  };

  it("are varied where the trust policy allows sts:TagSession: a caller can tag itself into a team", () => {
    const { app, env } = envWith(trust([tagSession]));
    const out = run(env, expect({ as: rs(app), mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`] }));
    assert(out.status).toBe("failed");
    // The tag is not in the principal ARN: the message says what the caller chose.
    if (out.status === "failed") assert(out.message).toContain("session tag team=admin, passed with sts:TagSession");
  });

  it("are not free without sts:TagSession, nor when a condition restricts it and no chain is evaluated", () => {
    for (const t of [trust([]), trust([{ ...tagSession, Condition: { StringEquals: { "aws:RequestTag/team": "web" } } }])]) {
      const { app, env } = envWith(t);
      assert(run(env, expect({ as: rs(app), mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`] })).status).toBe("passed");
    }
  });

  it("with assumedBy, the trust policy's condition on the tags is evaluated", () => {
    const alice = user(A, "alice", { policies: [allow(["sts:AssumeRole", "sts:TagSession"])] });
    const us: Principal = { kind: "user", user: alice, written: alice.arn };
    const restricted = trust([{ ...tagSession, Condition: { StringEquals: { "aws:RequestTag/team": "web" } } }]);
    const { app } = envWith(restricted);
    const e = environment([account(A, { users: [alice], roles: [app] })]);
    assert(run(e, expect({ as: rs(app), assumedBy: [us], mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`] })).status).toBe("passed");
    const { app: open } = envWith(trust([{ ...tagSession, Condition: { StringLike: { "aws:RequestTag/team": "*" } } }]));
    const e2 = environment([account(A, { users: [alice], roles: [open] })]);
    assert(run(e2, expect({ as: rs(open), assumedBy: [us], mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`] })).status).toBe("failed");
  });
});

describe("fuzzed principal forms", () => {
  const alice = user(A, "alice");
  const ops = role(A, "ops");
  const set = (over: Partial<PrincipalSet> = {}): PrincipalSet => ({ kind: "set", mode: "from", scope: { kind: "any" }, except: [], includeRoot: false, written: "*", ...over });
  const trust = {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      { Effect: "Allow", Principal: { Federated: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com` }, Action: "sts:AssumeRoleWithWebIdentity" },
    ],
  };
  const docs = [trust, bucketPolicy({ AWS: [B, "arn:aws:iam::555555555555:role/partner"] })];
  const env = environment([account(A, { users: [alice], roles: [ops] })]);
  const kinds = (ps: Principal[]) => ps.map((p) => (p.kind === "external-account" ? `account:${p.accountId}` : `${p.kind}:${p.written}`));

  it('"*" tries every kind: users, roles, outside accounts (named and unknown), named ARNs, services, providers, anonymous', () => {
    const ps = kinds(enumeratePrincipals(set(), env, docs));
    assert(ps).toEqual(
      assert.arrayContaining([
        `user:${alice.arn}`,
        `role-session:${ops.arn}`,
        `account:${B}`,
        "account:555555555555",
        "external-arn:arn:aws:iam::555555555555:role/partner",
        "service:lambda.amazonaws.com",
        `federated:arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`,
        "anonymous:anonymous",
      ]),
    );
    assert(ps.some((p) => p.startsWith("root:"))).toBe(false);
    assert(kinds(enumeratePrincipals(set({ includeRoot: true }), env, docs))).toContain(`root:arn:aws:iam::${A}:root`);
  });

  it("except leaves out any kind", () => {
    const except: Principal[] = [
      { kind: "external-account", accountId: B, written: B },
      { kind: "service", service: "lambda.amazonaws.com", written: "lambda" },
      { kind: "federated", protocol: "oidc", provider: "token.actions.githubusercontent.com", written: "gh" },
      { kind: "anonymous", written: "anonymous" },
      { kind: "role-session", role: ops, written: ops.arn },
    ];
    const ps = kinds(enumeratePrincipals(set({ except }), env, docs));
    assert(ps.filter((p) => /service:|federated:|anonymous|ops|account:4444/.test(p))).toEqual([]);
    assert(ps).toContain(`user:${alice.arn}`);
  });

  it('{ from: account } stays inside; { notFrom: account } reaches the accounts the policies name', () => {
    const from = kinds(enumeratePrincipals(set({ scope: { kind: "account", accountId: A }, written: A }), env, docs));
    assert(from.every((p) => p.startsWith("user:") || p.startsWith("role-session:"))).toBe(true);
    const notFrom = kinds(enumeratePrincipals(set({ mode: "notFrom", scope: { kind: "account", accountId: A }, written: A }), env, docs));
    assert(notFrom).toContain(`account:${B}`);
    assert(notFrom.some((p) => p.startsWith("user:"))).toBe(false);
  });

  it('"*" finds a whole-account grant to an outside account the bucket policy names, and not when that account is excepted', () => {
    const e = environment([account(A, { resources: { [BUCKET]: bucketPolicy({ AWS: B }) } })]);
    const out = run(e, expect({ as: set(), mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`] }));
    assert(out.status).toBe("failed");
    if (out.status === "failed") assert(out.counterexample?.principal).toContain(`::${B}:`);
    const except: Principal[] = [{ kind: "external-account", accountId: B, written: B }];
    assert(run(e, expect({ as: set({ except }), mayNot: ["s3:GetObject"], on: [`${BUCKET}/*`] })).status).toBe("passed");
  });
});
