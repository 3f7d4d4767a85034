/**
 * Arbitraries for policy documents of each kind (identity, resource/trust, boundary, session, SCP,
 * RCP), drawing actions, ARNs, principals and condition values from the shared pools in catalogue.ts.
 */
import fc from "fast-check";
import type { PolicyDocument } from "../../src/types.js";
import { ACCOUNTS, ACTIONS, CONTEXT_KEYS, CONTEXT_POOLS, HOME, SERVICE_PRINCIPALS, principalsOf, type PoolKey } from "./catalogue.js";

export type Kind = "identity" | "resource" | "boundary" | "session" | "scp" | "rcp";

const serviceOf = (action: string): string => action.slice(0, action.indexOf(":"));

const actionPattern: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...ACTIONS.map((a) => a.action)) },
  { weight: 2, arbitrary: fc.constantFrom(...ACTIONS.map((a) => `${serviceOf(a.action)}:*`)) },
  { weight: 1, arbitrary: fc.constantFrom("s3:Get*", "s3:*Object", "sqs:*Message", "kms:*crypt", "iam:Get*", "ec2:*Instances", "S3:getobject") },
  { weight: 1, arbitrary: fc.constant("*") },
);

const resourcePattern: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...ACTIONS), fc.constantFrom(...ACCOUNTS), fc.nat(7)).map(([a, acct, v]) => a.resource(acct, v)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "arn:aws:s3:::acme-artifacts/*",
      "arn:aws:s3:::acme-*",
      "arn:aws:s3:::*/public/*",
      "arn:aws:s3:::acme-artifacts/home/${aws:username}/*",
      `arn:aws:sqs:*:${HOME}:*`,
      "arn:aws:kms:*:*:key/*",
      `arn:aws:iam::${HOME}:role/*`,
      `arn:aws:dynamodb:us-east-1:${HOME}:table/O*`,
      "arn:aws:lambda:*:*:function:resize",
      "arn:aws:secretsmanager:us-east-1:*:secret:prod/*",
      // Case differs from the request's ARNs: ARNs match case-sensitively.
      "arn:aws:s3:::ACME-artifacts/*",
      `arn:aws:sqs:us-east-1:${HOME}:Jobs`,
    ),
  },
  { weight: 2, arbitrary: fc.constant("*") },
);

/** A principal as a resource policy names it. */
const principalElement: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant("*"),
  fc.constantFrom(...ACCOUNTS).map((a) => ({ AWS: a })),
  fc.constantFrom(...ACCOUNTS).map((a) => ({ AWS: `arn:aws:iam::${a}:root` })),
  fc.constantFrom(...ACCOUNTS.flatMap(principalsOf).filter((p) => !p.endsWith(":root"))).map((p) => ({ AWS: p })),
  fc.constantFrom(...ACCOUNTS).map((a) => ({ AWS: `arn:aws:iam::${a}:role/deploy` })),
  fc.constantFrom(...SERVICE_PRINCIPALS).map((s) => ({ Service: s })),
);

const poolValue = (key: PoolKey): fc.Arbitrary<string> => fc.constantFrom(...CONTEXT_POOLS[key]);

/** One condition block (operator -> key -> value), over keys generated requests carry. */
export const conditionBlock: fc.Arbitrary<Record<string, Record<string, unknown>>> = fc.oneof(
  fc.tuple(fc.constantFrom("StringEquals", "StringNotEquals", "StringEqualsIfExists", "StringLike", "StringNotEqualsIfExists"), fc.constantFrom<PoolKey>("aws:RequestedRegion", "aws:PrincipalTag/team", "aws:PrincipalOrgID")).chain(([op, key]) =>
    fc.uniqueArray(poolValue(key), { minLength: 1, maxLength: 2 }).map((v) => ({ [op]: { [key]: v.length === 1 ? v[0] : v } })),
  ),
  fc.tuple(fc.constantFrom("IpAddress", "NotIpAddress"), fc.constantFrom("203.0.113.0/24", "10.0.0.0/8", "198.51.100.20/32")).map(([op, cidr]) => ({ [op]: { "aws:SourceIp": cidr } })),
  fc.tuple(fc.constantFrom("Bool", "BoolIfExists"), fc.constantFrom<PoolKey>("aws:SecureTransport", "aws:MultiFactorAuthPresent"), fc.constantFrom("true", "false")).map(([op, k, v]) => ({ [op]: { [k]: v } })),
  fc.tuple(fc.constantFrom("DateGreaterThan", "DateLessThan"), fc.constantFrom("2026-06-01T00:00:00Z", "2027-01-01T00:00:00Z")).map(([op, v]) => ({ [op]: { "aws:CurrentTime": v } })),
  // Epoch seconds on either side: 1780272000 is 2026-06-01T00:00:00Z.
  fc.tuple(fc.constantFrom("DateGreaterThan", "DateLessThan"), fc.constantFrom<PoolKey>("aws:CurrentTime", "aws:EpochTime"), fc.constantFrom("1780272000", "2026-06-01T00:00:00Z")).map(([op, k, v]) => ({ [op]: { [k]: v } })),
  fc.tuple(fc.constantFrom("NumericGreaterThan", "NumericLessThan"), fc.constant("1780272000")).map(([op, v]) => ({ [op]: { "aws:EpochTime": v } })),
  fc.tuple(fc.constantFrom("NumericLessThan", "NumericGreaterThanEquals"), fc.constantFrom("3600", "60")).map(([op, v]) => ({ [op]: { "aws:MultiFactorAuthAge": v } })),
  fc.tuple(fc.constantFrom("ArnLike", "ArnNotLike", "ArnEquals"), fc.constantFrom(`arn:aws:iam::${HOME}:user/*`, `arn:aws:iam::${HOME}:role/deploy`, "arn:aws:iam::*:root")).map(([op, v]) => ({ [op]: { "aws:PrincipalArn": v } })),
  fc.tuple(fc.constantFrom("StringEquals", "StringNotEquals"), fc.constantFrom(...ACCOUNTS)).map(([op, v]) => ({ [op]: { "aws:PrincipalAccount": v } })),
  fc.tuple(fc.constantFrom<PoolKey>(...CONTEXT_KEYS), fc.boolean()).map(([k, b]) => ({ Null: { [k]: String(b) } })),
);

function statement(kind: Kind): fc.Arbitrary<Record<string, unknown>> {
  const withPrincipal = kind === "resource" || kind === "rcp";
  // RCPs may only Deny (RCPFullAWSAccess is the only Allow); everything else takes either effect.
  const effect = kind === "rcp" ? fc.constant("Deny") : fc.constantFrom("Allow", "Allow", "Deny");
  return fc
    .record({
      effect,
      actions: fc.uniqueArray(actionPattern, { minLength: 1, maxLength: 3 }),
      useNotAction: fc.nat(9).map((n) => n === 0),
      resources: fc.uniqueArray(resourcePattern, { minLength: 1, maxLength: 2 }),
      useNotResource: fc.nat(9).map((n) => n === 0),
      principal: principalElement,
      useNotPrincipal: fc.nat(9).map((n) => n === 0),
      condition: fc.option(conditionBlock, { freq: 2 }),
      sid: fc.constantFrom("S1", "S2", "S3"),
    })
    .map((r) => {
      const st: Record<string, unknown> = { Sid: r.sid, Effect: r.effect };
      if (withPrincipal) {
        const notPrincipal = r.useNotPrincipal && r.effect === "Deny" && kind === "resource" && r.principal !== "*";
        st[notPrincipal ? "NotPrincipal" : "Principal"] = kind === "rcp" ? "*" : r.principal;
      }
      // RCPs take neither NotAction nor a bare "*" action (organizations/latest/userguide/
      // orgs_manage_policies_rcps_syntax.html lists Action, not NotAction); iam-simulate enforces both.
      const actions = kind === "rcp" ? r.actions.map((a) => (a === "*" ? "s3:*" : a)) : r.actions;
      const acts = actions.length === 1 ? actions[0] : [...new Set(actions)];
      st[r.useNotAction && kind !== "rcp" && !actions.includes("*") ? "NotAction" : "Action"] = acts;
      const res = r.resources.length === 1 ? r.resources[0] : r.resources;
      st[r.useNotResource && !r.resources.includes("*") ? "NotResource" : "Resource"] = res;
      if (r.condition) st.Condition = r.condition;
      return st;
    });
}

export function policyOf(kind: Kind, maxStatements = 3): fc.Arbitrary<PolicyDocument> {
  return fc
    .tuple(fc.array(statement(kind), { minLength: 1, maxLength: maxStatements }), fc.nat(19))
    .map(([Statement, v]) => ({
      // Now and then the old version, under which ${...} is literal text (RCPs must say 2012-10-17).
      Version: v === 0 && kind !== "rcp" ? "2008-10-17" : "2012-10-17",
      Statement: Statement.map((s, i) => ({ ...s, Sid: `S${i + 1}` })),
    }));
}

/** A trust policy of a role: who may assume it, sometimes with an ExternalId-like condition. */
export const trustPolicy: fc.Arbitrary<PolicyDocument> = fc
  .tuple(principalElement, fc.constantFrom("Allow", "Allow", "Deny"), fc.oneof(conditionBlock, fc.constant(null), fc.constant(null)))
  .map(([principal, effect, cond]) => ({
    Version: "2012-10-17",
    Statement: [{ Effect: effect, Principal: principal, Action: "sts:AssumeRole", ...(cond ? { Condition: cond } : {}) }],
  }));

export const FULL_AWS_ACCESS: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};

