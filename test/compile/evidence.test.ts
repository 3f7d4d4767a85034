/**
 * Contract sections 2 and 6: every result says what it rests on (`exact`, `proved`, `sampled`) and how
 * many concrete requests were evaluated, counted against an evaluator that counts its own calls; and
 * a check over an empty space is an input error, never a pass.
 */
import { describe, expect as assert, it } from "vitest";
import { evaluate, explain } from "../../src/index.js";
import { checkExpectation, NOT_PROVED, type Outcome } from "../../src/compile/check.js";
import { buildWorld, type Evaluator } from "../../src/compile/request.js";
import { fuzzSource } from "../../src/fuzz/index.js";
import type { Environment, Expectation, Principal, PrincipalSet } from "../../src/model/types.js";
import { account, allow, environment, expect, user } from "./builder.js";

const A = "111122223333";
const BUCKET = "arn:aws:s3:::acme-artifacts";
const alice = user(A, "alice", {
  policies: [allow(["s3:GetObject", "s3:PutObject"], `${BUCKET}/*`), allow("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${A}:secret:ci/*`)],
});
const env = environment([account(A, { users: [alice] })]);
const as: Principal = { kind: "user", user: alice, written: alice.arn };

/** Checks with an evaluator that counts every evaluate() call. */
function run(e: Environment, exp: Expectation): { outcome: Outcome; calls: number } {
  let calls = 0;
  const evaluator: Evaluator = {
    evaluate: (input) => {
      calls++;
      return evaluate(input);
    },
    explain,
  };
  const outcome = checkExpectation(buildWorld(e), exp, { seed: 11, runs: 30, evaluator, source: fuzzSource() });
  return { outcome, calls };
}

const evidenceOf = (o: Outcome) => (o.status === "error" ? undefined : o.evidence);

describe("evidence", () => {
  it("a may is exact: one request per action and resource (2 actions x 3 resources)", () => {
    const on = [`${BUCKET}/a`, `${BUCKET}/b/c`, `${BUCKET}/d`];
    const { outcome, calls } = run(env, expect({ as, may: ["s3:GetObject", "s3:PutObject"], on }));
    assert(outcome.status).toBe("passed");
    assert(evidenceOf(outcome)).toEqual({ method: "exact", requests: 6 });
    assert(calls).toBe(6);
  });

  it("a failing may counts the requests up to the one refused", () => {
    const { outcome } = run(env, expect({ as, may: ["s3:GetObject", "s3:DeleteObject"], on: [`${BUCKET}/a`, `${BUCKET}/b`] }));
    assert(outcome.status).toBe("failed");
    // GetObject on a and b allowed, then DeleteObject on a refused.
    assert(evidenceOf(outcome)).toEqual({ method: "exact", requests: 3 });
  });

  it("exact: true is exact: one request per action and resource", () => {
    const on = [`${BUCKET}/a`, `${BUCKET}/b`];
    const { outcome, calls } = run(env, expect({ as, mayNot: ["s3:DeleteObject", "s3:PutObjectAcl"], on, exact: true }));
    assert(outcome.status).toBe("passed");
    assert(evidenceOf(outcome)).toEqual({ method: "exact", requests: 4 });
    assert(calls).toBe(4);
  });

  it("a fuzzed mayNot is sampled, with the number of requests really evaluated and why it is not proved", () => {
    const { outcome, calls } = run(env, expect({ as, mayNot: ["s3:DeleteObject", "s3:PutObjectAcl"], on: [`${BUCKET}/*`] }));
    assert(outcome.status).toBe("passed");
    const e = evidenceOf(outcome)!;
    assert(e.method).toBe("sampled");
    assert(e.reason).toBe(NOT_PROVED);
    assert(e.requests).toBeGreaterThan(2);
    assert(e.requests).toBe(calls);
  });

  it("a failing fuzzed mayNot counts the requests tried until the counterexample", () => {
    const { outcome, calls } = run(env, expect({ as, mayNot: ["s3:PutObject"], on: [`${BUCKET}/*`] }));
    assert(outcome.status).toBe("failed");
    assert(evidenceOf(outcome)?.requests).toBe(calls);
    assert(evidenceOf(outcome)?.method).toBe("sampled");
  });
});

describe("an empty space is an input error (contract section 2)", () => {
  const message = (o: Outcome) => (o.status === "error" ? o.errors.map((e) => e.message).join("\n") : `not an error: ${o.status}`);

  it("a mayNot whose `on` names no ARN the action takes", () => {
    const { outcome } = run(env, expect({ as, mayNot: ["secretsmanager:GetSecretValue"], on: [`${BUCKET}/x`] }));
    assert(outcome.status).toBe("error");
    assert(message(outcome)).toContain("`on` covers no ARN of the resource types secretsmanager:GetSecretValue takes (Secret: arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId})");
    if (outcome.status === "error") assert(outcome.errors[0]).toMatchObject({ line: 3, column: 5 });
  });

  it("with exact: true too (s3:ListBucket is never requested on an object ARN)", () => {
    const { outcome } = run(env, expect({ as, mayNot: ["s3:ListBucket"], on: [`${BUCKET}/x`], exact: true }));
    assert(message(outcome)).toContain("bucket: arn:${Partition}:s3:::${BucketName})");
  });

  it("a pattern is an error only when none of its actions has a resource", () => {
    // s3:* on objects: the object actions are checked, s3:ListBucket and the like are left out.
    assert(run(env, expect({ as, mayNot: ["s3:Delete*"], on: [`${BUCKET}/x`] })).outcome.status).toBe("passed");
    const { outcome } = run(env, expect({ as, mayNot: ["s3:ListBucket*"], on: [`${BUCKET}/x`] }));
    assert(message(outcome)).toMatch(/none of the \d+ actions "s3:ListBucket\*" matches has a resource `on` covers/);
  });

  it("`except` that removes every resource, for may and mayNot", () => {
    for (const effect of ["may", "mayNot"] as const) {
      const { outcome } = run(env, expect({ as, [effect]: ["s3:GetObject"], on: [`${BUCKET}/a`], except: [`${BUCKET}/*`] }));
      assert(message(outcome)).toContain("`except` removes every ARN `match` covers");
    }
  });

  it("no caller left", () => {
    const nobody: PrincipalSet = { kind: "set", mode: "from", scope: { kind: "account", accountId: A }, except: [as], includeRoot: false, written: A };
    const { outcome } = run(env, expect({ as: nobody, mayNot: ["s3:GetObject"], on: [`${BUCKET}/a`] }));
    assert(message(outcome)).toContain(`no caller is left: "${A}" stands for no principal`);
  });

  it("names with `/` are resources of the action: the same request is refuted by mayNot and holds for may", () => {
    const secret = `arn:aws:secretsmanager:us-east-1:${A}:secret:ci/x`;
    for (const exact of [false, true]) assert(run(env, expect({ as, mayNot: ["secretsmanager:GetSecretValue"], on: [secret], exact })).outcome.status).toBe("failed");
    assert(run(env, expect({ as, may: ["secretsmanager:GetSecretValue"], on: [secret] })).outcome.status).toBe("passed");
  });
});

describe("samples of `on` are resources the mayNot's action takes", () => {
  const stream = user(A, "stream", { policies: [allow("logs:PutLogEvents", `arn:aws:logs:us-east-1:${A}:log-group:/aws/lambda/fn:*`), allow("s3:GetObject", "arn:aws:s3:::*/*")] });
  const e = environment([account(A, { users: [stream] })]);
  const who: Principal = { kind: "user", user: stream, written: stream.arn };
  it("a log group's `:*` covers its streams (logs:PutLogEvents takes log-stream ARNs)", () => {
    const { outcome } = run(e, expect({ as: who, mayNot: ["logs:PutLogEvents"], on: [`arn:aws:logs:us-east-1:${A}:log-group:/aws/lambda/fn:*`] }));
    assert(outcome.status).toBe("failed");
    if (outcome.status === "failed") assert(outcome.counterexample?.resource).toMatch(/^arn:aws:logs:us-east-1:\d{12}:log-group:\/aws\/lambda\/fn:log-stream:.+/);
  });
  it("`arn:aws:s3:::*` covers objects (s3:GetObject)", () => {
    const { outcome } = run(e, expect({ as: who, mayNot: ["s3:GetObject"], on: ["arn:aws:s3:::*"], exact: true }));
    assert(outcome.status).toBe("failed");
  });
});

describe("`except` that takes out the sample text only", () => {
  it("leaves other resources of the pattern to check", () => {
    const { outcome } = run(env, expect({ as, mayNot: ["s3:DeleteObject"], on: [`${BUCKET}/*`], except: [`${BUCKET}/iam-spec-sample`] }));
    assert(outcome.status).toBe("passed");
  });
});
