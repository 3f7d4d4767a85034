/**
 * Duality (contract section 2): `may X` and `mayNot X` on the same concrete request never both pass,
 * and exactly one holds. Policies are generated over the resource types of many services, with names
 * that hold `/` and `:` where AWS allows them and ARNs without region or account, so that a resource
 * filter that drops real ARNs (and lets a `mayNot` pass on an empty search) is caught.
 *
 * Conditions only test keys that `when` pins, so the mayNot's free keys cannot change the answer:
 * the mayNot (fuzzed or `exact: true`) and the may ask about the same single request.
 */
import fc from "fast-check";
import { describe, expect as assert, it } from "vitest";
import { evaluate, explain } from "../../src/index.js";
import { checkExpectation, type Outcome } from "../../src/compile/check.js";
import { buildWorld } from "../../src/compile/request.js";
import { fuzzSource } from "../../src/fuzz/index.js";
import type { Environment, Principal, User } from "../../src/model/types.js";
import { account, allow, environment, expect, user } from "./builder.js";

const A = "111122223333";
const B = "444455556666";
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);
const path = fc.array(name, { minLength: 0, maxLength: 3 }).map((p) => p.map((s) => `${s}/`).join(""));
const region = fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2");

/** One resource type: an action that takes it, and concrete ARNs as AWS writes them. */
interface Kind {
  action: string;
  arn: fc.Arbitrary<string>;
}

// ARN shapes: IAM/latest/UserGuide/reference-arns.html and each service's "Actions, resources, and
// condition keys" page of the Service Authorization Reference.
const KINDS: Kind[] = [
  // S3: no region, no account; object keys hold `/` (AmazonS3/latest/userguide/object-keys.html).
  { action: "s3:GetObject", arn: fc.tuple(name, path, name).map(([b, p, k]) => `arn:aws:s3:::acme-${b}/${p}${k}`) },
  { action: "s3:ListBucket", arn: name.map((b) => `arn:aws:s3:::acme-${b}`) },
  // IAM: no region; names with paths (IAM/latest/UserGuide/reference_identifiers.html#identifiers-friendly-names).
  { action: "iam:PassRole", arn: fc.tuple(path, name).map(([p, n]) => `arn:aws:iam::${A}:role/${p}${n}`) },
  { action: "iam:GetUser", arn: fc.tuple(path, name).map(([p, n]) => `arn:aws:iam::${A}:user/${p}${n}`) },
  { action: "iam:GetPolicy", arn: fc.tuple(path, name).map(([p, n]) => `arn:aws:iam::${A}:policy/${p}${n}`) },
  // Secrets Manager: the name holds `/`, the ARN ends with a 6-character suffix
  // (secretsmanager/latest/userguide/reference_iam-permissions.html#iam-resources).
  { action: "secretsmanager:GetSecretValue", arn: fc.tuple(region, path, name).map(([r, p, n]) => `arn:aws:secretsmanager:${r}:${A}:secret:${p}${n}-AbCdEf`) },
  // CloudWatch Logs: group names hold `/`; a stream ARN holds `:` inside (AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html).
  { action: "logs:DescribeLogStreams", arn: fc.tuple(region, path, name).map(([r, p, n]) => `arn:aws:logs:${r}:${A}:log-group:/aws/${p}${n}`) },
  {
    action: "logs:PutLogEvents",
    arn: fc.tuple(region, path, name, name).map(([r, p, n, s]) => `arn:aws:logs:${r}:${A}:log-group:/aws/lambda/${p}${n}:log-stream:2026/01/01/[$LATEST]${s}`),
  },
  // SSM parameters under a path: the ARN drops the leading `/` (systems-manager/latest/userguide/sysman-paramstore-access.html).
  { action: "ssm:GetParameter", arn: fc.tuple(region, path, name).map(([r, p, n]) => `arn:aws:ssm:${r}:${A}:parameter/${p}${n}`) },
  // KMS: keys by id, aliases with `/` (alias/aws/ebs is an AWS managed key's alias; kms/latest/developerguide/kms-alias.html).
  { action: "kms:Decrypt", arn: fc.tuple(region, fc.uuid()).map(([r, id]) => `arn:aws:kms:${r}:${A}:key/${id}`) },
  { action: "kms:DeleteAlias", arn: fc.tuple(region, path, name).map(([r, p, n]) => `arn:aws:kms:${r}:${A}:alias/aws/${p}${n}`) },
  // Lambda: a qualified ARN adds `:version` or `:alias` (lambda/latest/dg/lambda-api-permissions-ref.html).
  {
    action: "lambda:InvokeFunction",
    arn: fc.tuple(region, name, fc.option(fc.constantFrom("1", "prod", "$LATEST"), { nil: undefined })).map(
      ([r, n, q]) => `arn:aws:lambda:${r}:${A}:function:${n}${q === undefined ? "" : `:${q}`}`,
    ),
  },
  { action: "dynamodb:GetItem", arn: fc.tuple(region, name).map(([r, n]) => `arn:aws:dynamodb:${r}:${A}:table/${n}`) },
  { action: "dynamodb:Query", arn: fc.tuple(region, name, name).map(([r, t, i]) => `arn:aws:dynamodb:${r}:${A}:table/${t}/index/${i}`) },
  { action: "sns:Publish", arn: fc.tuple(region, name).map(([r, n]) => `arn:aws:sns:${r}:${A}:${n}`) },
  { action: "sqs:SendMessage", arn: fc.tuple(region, name).map(([r, n]) => `arn:aws:sqs:${r}:${A}:${n}`) },
  // ECR repository names hold `/` (AmazonECR/latest/APIReference/API_CreateRepository.html).
  { action: "ecr:BatchGetImage", arn: fc.tuple(region, path, name).map(([r, p, n]) => `arn:aws:ecr:${r}:${A}:repository/${p}${n}`) },
];

/** A Resource pattern around a concrete ARN: itself, a prefix with `*`, a `?` for one character, a sibling, `*`. */
function patternOf(arn: string): fc.Arbitrary<string> {
  // Wildcards only from the service field on: a policy's Resource must still read as an ARN.
  const cut = fc.integer({ min: arn.indexOf(":", 4) + 1, max: arn.length });
  return fc.oneof(
    fc.constant(arn),
    fc.constant("*"),
    cut.map((i) => `${arn.slice(0, i)}*`),
    // One character as a wildcard; the ARN's `:` separators stay, so the pattern keeps six fields.
    cut.map((i) => (i < arn.length && arn[i] !== ":" ? `${arn.slice(0, i)}?${arn.slice(i + 1)}` : `${arn}?`)),
    cut.map((i) => (i < arn.length && arn[i] !== ":" ? `${arn.slice(0, i)}*${arn.slice(i + 1)}` : `${arn}*`)),
    fc.constant(`${arn}-other`),
    fc.constant(arn.replace(/[^/:]+$/, "other")),
  );
}

interface Case {
  action: string;
  arn: string;
  statements: unknown[];
  secure: boolean;
  /** The caller is in another account and the statements are the resource's policy. */
  cross: boolean;
}

/** Resource types whose resource policy is keyed by the resource's own ARN (S3: the bucket's). */
const WITH_RESOURCE_POLICY = /^(s3|secretsmanager|sns|sqs|kms|ecr):/;

const caseArb: fc.Arbitrary<Case> = fc
  .constantFrom(...KINDS)
  .chain((kind) => kind.arn.map((arn) => ({ action: kind.action, arn })))
  .chain(({ action, arn }) => {
    const service = action.split(":")[0]!;
    const statement = fc.record({
      Effect: fc.constantFrom("Allow", "Allow", "Deny"),
      Action: fc.constantFrom(action, `${service}:*`, "*", `${service}:List*`),
      resource: fc.oneof(patternOf(arn), fc.array(patternOf(arn), { minLength: 1, maxLength: 3 })),
      not: fc.boolean(),
      // Only aws:SecureTransport, which every expectation below pins.
      condition: fc.option(fc.constantFrom("true", "false"), { nil: undefined }),
    });
    return fc.record({
      action: fc.constant(action),
      arn: fc.constant(arn),
      statements: fc.array(statement, { minLength: 1, maxLength: 3 }).map((ss) =>
        ss.map((s) => ({
          Effect: s.Effect,
          Action: s.Action,
          [s.not ? "NotResource" : "Resource"]: s.resource,
          ...(s.condition ? { Condition: { Bool: { "aws:SecureTransport": s.condition } } } : {}),
        })),
      ),
      secure: fc.boolean(),
      cross: WITH_RESOURCE_POLICY.test(action) && action !== "kms:DeleteAlias" ? fc.boolean() : fc.constant(false),
    });
  });

function check(c: Case, effect: "may" | "mayNot", exact: boolean): Outcome {
  const bucket = /^arn:aws:s3:::([^/]+)/.exec(c.arn)?.[1];
  // The S3 bucket is the account's, so its owner is known (contract section 3).
  const owned = bucket ? `arn:aws:s3:::${bucket}` : c.arn;
  let env: Environment;
  let caller: User;
  if (c.cross) {
    // Cross-account: the caller's own policies allow everything; the resource policy decides
    // (IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
    caller = user(B, "bob", { policies: [allow("*")] });
    const statements = c.statements.map((s) => ({ ...(s as object), Principal: { AWS: caller.arn } }));
    env = environment([account(A, { resources: { [owned]: { Version: "2012-10-17", Statement: statements } } }), account(B, { users: [caller] })]);
  } else {
    caller = user(A, "alice", { policies: [{ Version: "2012-10-17", Statement: c.statements }] });
    env = environment([account(A, { users: [caller], resources: bucket ? { [owned]: null } : {} })]);
  }
  const as: Principal = { kind: "user", user: caller, written: caller.arn };
  const exp = expect({ as, [effect]: [c.action], on: [c.arn], when: { "aws:SecureTransport": c.secure }, exact });
  return checkExpectation(buildWorld(env), exp, { seed: 7, runs: 20, evaluator: { evaluate, explain }, source: fuzzSource() });
}

describe("may X and mayNot X on the same request: exactly one holds", () => {
  for (const exact of [false, true]) {
    it(`for generated policies over ${KINDS.length} resource types (mayNot ${exact ? "exact: true" : "fuzzed"})`, () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const may = check(c, "may", false);
          const mayNot = check(c, "mayNot", exact);
          // Neither may be an input error: every generated ARN is one the action takes.
          assert(may.status, JSON.stringify(may)).not.toBe("error");
          assert(mayNot.status, JSON.stringify(mayNot)).not.toBe("error");
          assert([may.status, mayNot.status].sort(), `${c.action} on ${c.arn}${c.cross ? " (cross-account, resource policy)" : ""}\n${JSON.stringify(c.statements)}`).toEqual(["failed", "passed"]);
          // Each side evaluated at least the one request.
          if (mayNot.status !== "error") assert(mayNot.evidence.requests).toBeGreaterThan(0);
        }),
        { seed: 20261207, numRuns: 150 },
      );
    });
  }
});
