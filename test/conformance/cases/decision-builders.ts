import type { Decision, EvaluateInput, PolicyDocument } from "../../../src/types.js";
import type { ConformanceCase } from "../case.js";

/**
 * Builders shared by the decision-*.ts tables. The runner imports every file in ./cases, so this one
 * exports an empty table to keep that contract.
 */
export const cases: ConformanceCase[] = [];

// Accounts and principals of the naming convention used across the tables.
export const ACCT = "111122223333";
export const OTHER = "444455556666";
export const THIRD = "777788889999";
export const MGMT = "999999999999";
export const ORG_ID = "o-a1b2c3d4e5";

export const ALICE = `arn:aws:iam::${ACCT}:user/alice`;
export const BOB = `arn:aws:iam::${ACCT}:user/bob`;
export const ROOT = `arn:aws:iam::${ACCT}:root`;
export const ROLE = `arn:aws:iam::${ACCT}:role/deploy`;
export const SESSION = `arn:aws:sts::${ACCT}:assumed-role/deploy/s1`;
export const OTHER_SESSION_NAME = `arn:aws:sts::${ACCT}:assumed-role/deploy/s2`;
export const TARGET_ROLE = `arn:aws:iam::${ACCT}:role/target`;

export const CAROL = `arn:aws:iam::${OTHER}:user/carol`;
export const OTHER_ROOT = `arn:aws:iam::${OTHER}:root`;
export const X_ROLE = `arn:aws:iam::${OTHER}:role/x`;
export const X_SESSION = `arn:aws:sts::${OTHER}:assumed-role/x/s1`;
export const DAVE = `arn:aws:iam::${THIRD}:user/dave`;

export const BUCKET = "arn:aws:s3:::acme-artifacts";
export const OBJECT = `${BUCKET}/builds/1.zip`;
export const QUEUE = `arn:aws:sqs:us-east-1:${ACCT}:jobs`;
export const KEY = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

export type Stmt = Record<string, unknown>;
type OneOrMany = string | string[];

export function policy(...statements: Stmt[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** An identity-style statement (no Principal): identity policies, boundaries, session policies, SCPs. */
export function allow(action: OneOrMany, resource: OneOrMany = "*", extra: Stmt = {}): Stmt {
  return { Effect: "Allow", Action: action, Resource: resource, ...extra };
}

export function deny(action: OneOrMany, resource: OneOrMany = "*", extra: Stmt = {}): Stmt {
  return { Effect: "Deny", Action: action, Resource: resource, ...extra };
}

/** A resource-policy statement naming its principal. */
export function grant(principal: unknown, action: OneOrMany, resource: OneOrMany = "*", extra: Stmt = {}): Stmt {
  return { Effect: "Allow", Principal: principal, Action: action, Resource: resource, ...extra };
}

export function refuse(principal: unknown, action: OneOrMany, resource: OneOrMany = "*", extra: Stmt = {}): Stmt {
  return { Effect: "Deny", Principal: principal, Action: action, Resource: resource, ...extra };
}

export const aws = (...arns: string[]): { AWS: string | string[] } => ({ AWS: arns.length === 1 ? arns[0]! : arns });

/** FullAWSAccess, the default SCP. */
export const FULL_ACCESS = policy(allow("*"));
/** RCPFullAWSAccess, always attached at every level; it lets requests pass and grants nothing. */
export const RCP_FULL_ACCESS = policy(grant("*", "*"));

/** The bucket objects in most rows; S3 ARNs carry no account, so the owner is given. */
export function s3Get(principal: string, rest: Partial<EvaluateInput> = {}): EvaluateInput {
  return { principal, action: "s3:GetObject", resource: OBJECT, resourceAccount: ACCT, ...rest };
}

export function row(name: string, doc: string, input: EvaluateInput, expected: Decision): ConformanceCase {
  return { name, doc, input, expected };
}
