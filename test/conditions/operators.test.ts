/**
 * The condition operators, row by row: (Condition block, request context) -> does the condition hold.
 * Each row names the AWS page that settles it. Rows come in near-miss pairs: the same block with a context
 * just inside and just outside what it allows.
 */
import { describe, expect, it } from "vitest";
import { compileCondition } from "../../src/conditions/index.js";
import { normalizeContext } from "../../src/context/normalize.js";
import type { RequestContextInput } from "../../src/types.js";

const UG = "IAM/latest/UserGuide/";
const OPS = `${UG}reference_policies_elements_condition_operators.html`;
const MULTI = `${UG}reference_policies_multi-value-conditions.html`;
const SETS = `${UG}reference_policies_condition-single-vs-multi-valued-context-keys.html`;
const SET_EX = `${UG}reference_policies_condition_examples-multi-valued-context-keys.html`;
const VARS = `${UG}reference_policies_variables.html`;
const COND = `${UG}reference_policies_elements_condition.html`;
const SILENT = "docs silent: choice documented in src/conditions/compile.ts";

interface Row {
  name: string;
  doc: string;
  block: unknown;
  ctx: RequestContextInput;
  expected: boolean;
  /** null: the policy has no Version element. */
  version: string | null;
}

const V12 = "2012-10-17";
const rows: Row[] = [];
function row(name: string, doc: string, block: unknown, ctx: RequestContextInput, expected: boolean, version: string | null = V12): void {
  rows.push({ name, doc, block, ctx, expected, version });
}

// ---- String operators -------------------------------------------------------------------------
{
  const b = { StringEquals: { "aws:PrincipalTag/job-category": "iamuser-admin" } };
  row("StringEquals: exact value", OPS, b, { "aws:PrincipalTag/job-category": "iamuser-admin" }, true);
  row("StringEquals: value differs only in case (case-sensitive)", OPS, b, { "aws:PrincipalTag/job-category": "IAMuser-admin" }, false);
  row("StringEquals: key absent -> false", OPS, b, {}, false);
  row("StringEquals: key null in context -> absent -> false", OPS, b, { "aws:PrincipalTag/job-category": null }, false);
  row("StringEquals: key name case-insensitive", COND, { StringEquals: { "AWS:SourceVpce": "vpce-1a2b" } }, { "aws:sourcevpce": "vpce-1a2b" }, true);
  row("StringEquals: key name case-insensitive, value still compared", COND, { StringEquals: { "AWS:SourceVpce": "vpce-1a2b" } }, { "aws:sourcevpce": "vpce-9999" }, false);
  row("StringEquals: * is an ordinary character", OPS, { StringEquals: { "s3:prefix": "home/*" } }, { "s3:prefix": "home/bob" }, false);
  row("StringEquals: * matches a literal *", OPS, { StringEquals: { "s3:prefix": "home/*" } }, { "s3:prefix": "home/*" }, true);
  row("StringEquals: number in policy compared as text", OPS, { StringEquals: { "s3:max-keys": 10 } }, { "s3:max-keys": "10" }, true);
  row("StringEquals: number in policy, text differs", OPS, { StringEquals: { "s3:max-keys": 10 } }, { "s3:max-keys": "10.0" }, false);
  row("StringEquals: boolean context value compared as text", OPS, { StringEquals: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": true }, true);
  row("StringEquals: empty string value matches empty string", OPS, { StringEquals: { "s3:prefix": "" } }, { "s3:prefix": "" }, true);
  row("StringEquals: empty string value vs non-empty", OPS, { StringEquals: { "s3:prefix": "" } }, { "s3:prefix": "a" }, false);

  const ne = { StringNotEquals: { "aws:PrincipalTag/team": "web" } };
  row("StringNotEquals: different value -> true", OPS, ne, { "aws:PrincipalTag/team": "data" }, true);
  row("StringNotEquals: same value -> false", OPS, ne, { "aws:PrincipalTag/team": "web" }, false);
  row("StringNotEquals: key absent -> true", OPS, ne, {}, true);
  row("StringNotEquals: case differs -> true (case-sensitive)", OPS, ne, { "aws:PrincipalTag/team": "Web" }, true);

  const ic = { StringEqualsIgnoreCase: { "aws:PrincipalTag/team": "Web-Team" } };
  row("StringEqualsIgnoreCase: case differs -> true", OPS, ic, { "aws:PrincipalTag/team": "wEB-tEAM" }, true);
  row("StringEqualsIgnoreCase: other value -> false", OPS, ic, { "aws:PrincipalTag/team": "web-teams" }, false);
  row("StringEqualsIgnoreCase: absent -> false", OPS, ic, {}, false);
  const nic = { StringNotEqualsIgnoreCase: { "aws:PrincipalTag/team": "Web-Team" } };
  row("StringNotEqualsIgnoreCase: case differs only -> false", OPS, nic, { "aws:PrincipalTag/team": "WEB-TEAM" }, false);
  row("StringNotEqualsIgnoreCase: other value -> true", OPS, nic, { "aws:PrincipalTag/team": "data" }, true);
  row("StringNotEqualsIgnoreCase: absent -> true", OPS, nic, {}, true);

  const like = { StringLike: { "s3:prefix": ["home/*"] } };
  row("StringLike: * matches any run", OPS, like, { "s3:prefix": "home/bob/notes" }, true);
  row("StringLike: * matches the empty run", OPS, like, { "s3:prefix": "home/" }, true);
  row("StringLike: case-sensitive", OPS, like, { "s3:prefix": "Home/bob" }, false);
  row("StringLike: prefix must match", OPS, like, { "s3:prefix": "homes/bob" }, false);
  row("StringLike: absent -> false", OPS, like, {}, false);
  const q = { StringLike: { "ec2:InstanceType": "t?.micro" } };
  row("StringLike: ? matches exactly one character", OPS, q, { "ec2:InstanceType": "t2.micro" }, true);
  row("StringLike: ? does not match two characters", OPS, q, { "ec2:InstanceType": "t22.micro" }, false);
  row("StringLike: ? does not match zero characters", OPS, q, { "ec2:InstanceType": "t.micro" }, false);
  const nl = { StringNotLike: { "aws:PrincipalTag/role": "admin-*" } };
  row("StringNotLike: no match -> true", OPS, nl, { "aws:PrincipalTag/role": "dev" }, true);
  row("StringNotLike: match -> false", OPS, nl, { "aws:PrincipalTag/role": "admin-1" }, false);
  row("StringNotLike: absent -> true", OPS, nl, {}, true);
}

// ---- Several values (OR / NOR), several keys and operators (AND) ------------------------------
{
  const or = { StringEquals: { "aws:PrincipalTag/role": ["audit", "security"] } };
  row("several values: OR, second matches", MULTI, or, { "aws:PrincipalTag/role": "security" }, true);
  row("several values: OR, none matches", MULTI, or, { "aws:PrincipalTag/role": "dev" }, false);
  const nor = { StringNotEquals: { "aws:PrincipalTag/role": ["audit", "security"] } };
  row("negated, several values: NOR, one matches -> false", MULTI, nor, { "aws:PrincipalTag/role": "security" }, false);
  row("negated, several values: NOR, none matches -> true", MULTI, nor, { "aws:PrincipalTag/role": "dev" }, true);
  const nlike = { StringNotLike: { "s3:prefix": ["a*", "b*"] } };
  row("StringNotLike, several values: NOR, one matches -> false", MULTI, nlike, { "s3:prefix": "bx" }, false);
  row("StringNotLike, several values: NOR, none -> true", MULTI, nlike, { "s3:prefix": "cx" }, true);
  const keys = { StringEquals: { "aws:PrincipalTag/department": "finance", "aws:PrincipalTag/role": "audit" } };
  row("several keys: AND, both match", MULTI, keys, { "aws:PrincipalTag/department": "finance", "aws:PrincipalTag/role": "audit" }, true);
  row("several keys: AND, one differs", MULTI, keys, { "aws:PrincipalTag/department": "finance", "aws:PrincipalTag/role": "dev" }, false);
  row("several keys: AND, one absent", MULTI, keys, { "aws:PrincipalTag/department": "finance" }, false);
  const ops = { StringEquals: { "aws:PrincipalTag/role": "audit" }, ArnLike: { "aws:PrincipalArn": "arn:aws:iam::222222222222:user/*" } };
  row("several operators: AND, both hold", MULTI, ops, { "aws:PrincipalTag/role": "audit", "aws:PrincipalArn": "arn:aws:iam::222222222222:user/ana" }, true);
  row("several operators: AND, ARN fails", MULTI, ops, { "aws:PrincipalTag/role": "audit", "aws:PrincipalArn": "arn:aws:iam::333333333333:user/ana" }, false);
  row("empty Condition block holds", COND, {}, {}, true);
}

// ---- Numeric ----------------------------------------------------------------------------------
{
  const le = { NumericLessThanEquals: { "s3:max-keys": "10" } };
  row("NumericLessThanEquals: equal -> true", OPS, le, { "s3:max-keys": 10 }, true);
  row("NumericLessThanEquals: one more -> false", OPS, le, { "s3:max-keys": 11 }, false);
  row("NumericLessThanEquals: string request value parsed", OPS, le, { "s3:max-keys": "9" }, true);
  row("NumericLessThanEquals: absent -> false", OPS, le, {}, false);
  row("NumericEquals: compares numbers, not text (10 = 10.0)", OPS, { NumericEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "10.0" }, true);
  row("NumericEquals: decimal policy value", OPS, { NumericEquals: { "s3:max-keys": 2.5 } }, { "s3:max-keys": "2.50" }, true);
  row("NumericEquals: different number", OPS, { NumericEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "100" }, false);
  row("NumericNotEquals: different -> true", OPS, { NumericNotEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": 11 }, true);
  row("NumericNotEquals: equal -> false", OPS, { NumericNotEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": 10 }, false);
  row("NumericNotEquals: absent -> true", OPS, { NumericNotEquals: { "s3:max-keys": "10" } }, {}, true);
  row("NumericLessThan: below -> true", OPS, { NumericLessThan: { "s3:max-keys": 10 } }, { "s3:max-keys": 9 }, true);
  row("NumericLessThan: equal -> false", OPS, { NumericLessThan: { "s3:max-keys": 10 } }, { "s3:max-keys": 10 }, false);
  row("NumericGreaterThan: above -> true", OPS, { NumericGreaterThan: { "s3:max-keys": 10 } }, { "s3:max-keys": 10.5 }, true);
  row("NumericGreaterThan: equal -> false", OPS, { NumericGreaterThan: { "s3:max-keys": 10 } }, { "s3:max-keys": 10 }, false);
  row("NumericGreaterThanEquals: equal -> true", OPS, { NumericGreaterThanEquals: { "s3:max-keys": 10 } }, { "s3:max-keys": 10 }, true);
  row("NumericGreaterThanEquals: below -> false", OPS, { NumericGreaterThanEquals: { "s3:max-keys": 10 } }, { "s3:max-keys": 9.99 }, false);
  row("NumericGreaterThan: negative numbers", OPS, { NumericGreaterThan: { "x:n": "-5" } }, { "x:n": -4 }, true);
  row(`NumericEquals: non-numeric request value matches nothing (${SILENT})`, OPS, { NumericEquals: { "s3:max-keys": 10 } }, { "s3:max-keys": "ten" }, false);
  row(`NumericNotEquals: non-numeric request value matches nothing, so NOT holds (${SILENT})`, OPS, { NumericNotEquals: { "s3:max-keys": 10 } }, { "s3:max-keys": "ten" }, true);
}

// ---- Date ---------------------------------------------------------------------------------------
{
  const gt = { DateGreaterThan: { "aws:TokenIssueTime": "2020-01-01T00:00:01Z" } };
  row("DateGreaterThan: later ISO date", OPS, gt, { "aws:TokenIssueTime": "2020-06-01T00:00:00Z" }, true);
  row("DateGreaterThan: same instant -> false", OPS, gt, { "aws:TokenIssueTime": "2020-01-01T00:00:01Z" }, false);
  row("DateGreaterThan: earlier -> false", OPS, gt, { "aws:TokenIssueTime": "2019-12-31T23:59:59Z" }, false);
  row("DateGreaterThan: epoch seconds request value, one second later", OPS, gt, { "aws:TokenIssueTime": 1577836802 }, true);
  row("DateGreaterThan: epoch seconds request value, one second earlier", OPS, gt, { "aws:TokenIssueTime": 1577836800 }, false);
  row("DateGreaterThan: absent -> false", OPS, gt, {}, false);
  const eqEpoch = { DateEquals: { "aws:CurrentTime": "1577836800" } };
  row("DateEquals: epoch seconds policy = ISO request (same instant)", OPS, eqEpoch, { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, true);
  row("DateEquals: epoch seconds policy, one second off", OPS, eqEpoch, { "aws:CurrentTime": "2020-01-01T00:00:01Z" }, false);
  row("DateEquals: epoch MILLIseconds are read as seconds, so they miss", OPS, { DateEquals: { "aws:CurrentTime": "1577836800000" } }, { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, false);
  row("DateEquals: offset +01:00 names the same instant", OPS, { DateEquals: { "aws:CurrentTime": "2020-01-01T01:00:00+01:00" } }, { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, true);
  row("DateEquals: offset -01:00 is a different instant", OPS, { DateEquals: { "aws:CurrentTime": "2020-01-01T01:00:00-01:00" } }, { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, false);
  row("DateEquals: fractions compare as instants", OPS, { DateEquals: { "aws:CurrentTime": "2020-01-01T00:00:00.500Z" } }, { "aws:CurrentTime": "2020-01-01T00:00:00.5Z" }, true);
  row("DateEquals: fraction vs whole second", OPS, { DateEquals: { "aws:CurrentTime": "2020-01-01T00:00:00.500Z" } }, { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, false);
  const dateOnly = { DateLessThan: { "aws:CurrentTime": "2020-01-02" } };
  row("DateLessThan: date-only policy value is midnight UTC (just before)", OPS, dateOnly, { "aws:CurrentTime": "2020-01-01T23:59:59Z" }, true);
  row("DateLessThan: date-only policy value is midnight UTC (at it)", OPS, dateOnly, { "aws:CurrentTime": "2020-01-02T00:00:00Z" }, false);
  row("DateLessThanEquals: same instant -> true", OPS, { DateLessThanEquals: { "aws:CurrentTime": "2020-01-02T00:00Z" } }, { "aws:CurrentTime": "2020-01-02T00:00:00Z" }, true);
  row("DateGreaterThanEquals: same instant -> true", OPS, { DateGreaterThanEquals: { "aws:EpochTime": 1700000000 } }, { "aws:EpochTime": 1700000000 }, true);
  row("DateGreaterThanEquals: one second before -> false", OPS, { DateGreaterThanEquals: { "aws:EpochTime": 1700000000 } }, { "aws:EpochTime": 1699999999 }, false);
  row("DateNotEquals: other instant -> true", OPS, { DateNotEquals: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } }, { "aws:CurrentTime": "2021-01-01T00:00:00Z" }, true);
  row("DateNotEquals: absent -> true", OPS, { DateNotEquals: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } }, {}, true);
}

// ---- Bool and Binary -----------------------------------------------------------------------------
{
  const b = { Bool: { "aws:SecureTransport": "false" } };
  row("Bool: \"false\" matches false", OPS, b, { "aws:SecureTransport": false }, true);
  row("Bool: \"false\" does not match true", OPS, b, { "aws:SecureTransport": true }, false);
  row("Bool: request value text compared case-insensitively", OPS, b, { "aws:SecureTransport": "FALSE" }, true);
  row("Bool: absent -> false", OPS, b, {}, false);
  row("Bool: JSON true in policy matches true", OPS, { Bool: { "aws:MultiFactorAuthPresent": true } }, { "aws:MultiFactorAuthPresent": "true" }, true);
  row("Bool: JSON true in policy vs false", OPS, { Bool: { "aws:MultiFactorAuthPresent": true } }, { "aws:MultiFactorAuthPresent": "false" }, false);
  row("Bool: non-boolean request value matches nothing", OPS, b, { "aws:SecureTransport": "no" }, false);
  row("BoolIfExists: absent -> true", OPS, { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }, {}, true);
  row("BoolIfExists: present false -> false", OPS, { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }, { "aws:MultiFactorAuthPresent": false }, false);
  const bin = { BinaryEquals: { "x:blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" } };
  row("BinaryEquals: same bytes", OPS, bin, { "x:blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" }, true);
  row("BinaryEquals: other bytes", OPS, bin, { "x:blob": "QmluYXJ5VmFsdWVJbkJhc2U2NQ==" }, false);
  row("BinaryEquals: absent -> false", OPS, bin, {}, false);
}

// ---- IP address -----------------------------------------------------------------------------------
{
  const ip = { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } };
  row("IpAddress: inside /24", OPS, ip, { "aws:SourceIp": "203.0.113.7" }, true);
  row("IpAddress: last address of /24", OPS, ip, { "aws:SourceIp": "203.0.113.255" }, true);
  row("IpAddress: just outside /24", OPS, ip, { "aws:SourceIp": "203.0.114.0" }, false);
  row("IpAddress: absent (VPC endpoint request) -> false", OPS, ip, {}, false);
  const bare = { IpAddress: { "aws:SourceIp": "203.0.113.7" } };
  row("IpAddress: bare address is /32 (same)", OPS, bare, { "aws:SourceIp": "203.0.113.7" }, true);
  row("IpAddress: bare address is /32 (neighbour)", OPS, bare, { "aws:SourceIp": "203.0.113.8" }, false);
  const v6 = { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64"] } };
  row("IpAddress: IPv6 inside /64 (lower-case hex)", OPS, v6, { "aws:SourceIp": "2001:db8:1234:5678:abcd::1" }, true);
  row("IpAddress: IPv6 outside /64", OPS, v6, { "aws:SourceIp": "2001:db8:1234:5679::1" }, false);
  row("IpAddress: mixed list, IPv4 entry matches", OPS, v6, { "aws:SourceIp": "203.0.113.9" }, true);
  row(`IpAddress: IPv4 range never matches an IPv4-mapped IPv6 address (${SILENT})`, OPS, ip, { "aws:SourceIp": "::ffff:203.0.113.7" }, false);
  row("IpAddress: unparseable request value matches nothing", OPS, ip, { "aws:SourceIp": "203.0.113" }, false);
  row("IpAddress: /0 matches every IPv4 address", OPS, { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }, { "aws:SourceIp": "198.51.100.1" }, true);
  row("IpAddress: /0 IPv4 does not match IPv6", OPS, { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }, { "aws:SourceIp": "2001:db8::1" }, false);
  const not = { NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"] } };
  row("NotIpAddress: inside one range -> false", OPS, not, { "aws:SourceIp": "198.51.100.20" }, false);
  row("NotIpAddress: outside all ranges -> true", OPS, not, { "aws:SourceIp": "192.0.2.1" }, true);
  row("NotIpAddress: absent -> true", OPS, not, {}, true);
}

// ---- ARN ---------------------------------------------------------------------------------------------
{
  const doc = "arn:aws:someservice:*:111122223333:finance/*";
  const tricky = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";
  row("ArnLike: components matched separately (doc example fails)", OPS, { ArnLike: { "aws:SourceArn": doc } }, { "aws:SourceArn": tricky }, false);
  row("StringLike: the same pattern succeeds on the doc example", OPS, { StringLike: { "aws:SourceArn": doc } }, { "aws:SourceArn": tricky }, true);
  row("ArnLike: wildcard region, right account", OPS, { ArnLike: { "aws:SourceArn": doc } }, { "aws:SourceArn": "arn:aws:someservice:us-east-2:111122223333:finance/document.txt" }, true);
  row("ArnEquals: behaves like ArnLike (wildcards work)", OPS, { ArnEquals: { "aws:SourceArn": doc } }, { "aws:SourceArn": "arn:aws:someservice:eu-west-1:111122223333:finance/x" }, true);
  const topic = { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:Topic" } };
  row("ArnEquals: exact ARN", OPS, topic, { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:Topic" }, true);
  row("ArnEquals: case-sensitive", OPS, topic, { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:topic" }, false);
  row("ArnEquals: absent -> false", OPS, topic, {}, false);
  row("ArnLike: * in a component does not cross a colon", OPS, { ArnLike: { "aws:SourceArn": "arn:aws:sns:*:123456789012:t" } }, { "aws:SourceArn": "arn:aws:sns:us-east-1:x:123456789012:t" }, false);
  row("ArnLike: * in the account component does not reach into the resource", OPS, { ArnLike: { "aws:SourceArn": "arn:aws:sns:us-east-1:*:topic" } }, { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:x:topic" }, false);
  row("ArnLike: * in the account component, plain resource", OPS, { ArnLike: { "aws:SourceArn": "arn:aws:sns:us-east-1:*:topic" } }, { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic" }, true);
  row("ArnLike: request value with only five components matches nothing", OPS, { ArnLike: { "aws:SourceArn": "*:*:*:*:*:*" } }, { "aws:SourceArn": "a:b:c:d:e" }, false);
  row("ArnLike: request value with six components", OPS, { ArnLike: { "aws:SourceArn": "*:*:*:*:*:*" } }, { "aws:SourceArn": "a:b:c:d:e:f" }, true);
  row("ArnLike: resource part may hold colons", OPS, { ArnLike: { "aws:SourceArn": "arn:aws:logs:us-east-1:111122223333:log-group:app:*" } }, { "aws:SourceArn": "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:s1" }, true);
  row("ArnLike: ? matches one character in a component", OPS, { ArnLike: { "aws:SourceArn": "arn:aws:s3:::bucket-?" } }, { "aws:SourceArn": "arn:aws:s3:::bucket-1" }, true);
  row("ArnLike: ? does not match two", OPS, { ArnLike: { "aws:SourceArn": "arn:aws:s3:::bucket-?" } }, { "aws:SourceArn": "arn:aws:s3:::bucket-12" }, false);
  row("ArnLike: request value that is not an ARN matches nothing", OPS, { ArnLike: { "aws:SourceArn": "arn:*:*:*:*:*" } }, { "aws:SourceArn": "not-an-arn" }, false);
  row("ArnNotEquals: same ARN -> false", OPS, { ArnNotEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:Topic" } }, { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:Topic" }, false);
  row("ArnNotLike: other ARN -> true", OPS, { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin-*" } }, { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/dev" }, true);
  row("ArnNotLike: absent -> true", OPS, { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin-*" } }, {}, true);
}

// ---- IfExists and Null ------------------------------------------------------------------------------
{
  const ie = { StringLikeIfExists: { "ec2:InstanceType": ["t1.*", "t2.*", "m3.*"] } };
  row("StringLikeIfExists: key absent -> true", OPS, ie, {}, true);
  row("StringLikeIfExists: present and matching", OPS, ie, { "ec2:InstanceType": "t2.micro" }, true);
  row("StringLikeIfExists: present, not matching", OPS, ie, { "ec2:InstanceType": "c5.large" }, false);
  row("StringLike (no IfExists): key absent -> false", OPS, { StringLike: { "ec2:InstanceType": ["t1.*"] } }, {}, false);
  const nie = { StringNotEqualsIfExists: { "aws:PrincipalTag/team": "web" } };
  row("StringNotEqualsIfExists: absent -> true", OPS, nie, {}, true);
  row("StringNotEqualsIfExists: present and equal -> false", OPS, nie, { "aws:PrincipalTag/team": "web" }, false);
  row("NumericLessThanIfExists: absent -> true", OPS, { NumericLessThanIfExists: { "s3:max-keys": 5 } }, {}, true);
  row("NumericLessThanIfExists: present, too big -> false", OPS, { NumericLessThanIfExists: { "s3:max-keys": 5 } }, { "s3:max-keys": 5 }, false);
  row("IpAddressIfExists: absent -> true", OPS, { IpAddressIfExists: { "aws:SourceIp": "10.0.0.0/8" } }, {}, true);
  row("IpAddressIfExists: present outside -> false", OPS, { IpAddressIfExists: { "aws:SourceIp": "10.0.0.0/8" } }, { "aws:SourceIp": "11.0.0.1" }, false);
  const nullTrue = { Null: { "aws:TokenIssueTime": "true" } };
  row("Null true: key absent -> true", OPS, nullTrue, {}, true);
  row("Null true: key present -> false", OPS, nullTrue, { "aws:TokenIssueTime": "2020-01-01T00:00:00Z" }, false);
  row("Null true: empty list is absent -> true", OPS, nullTrue, { "aws:TokenIssueTime": [] }, true);
  const nullFalse = { Null: { "aws:TokenIssueTime": false } };
  row("Null false: key present -> true", OPS, nullFalse, { "aws:TokenIssueTime": "2020-01-01T00:00:00Z" }, true);
  row("Null false: key absent -> false", OPS, nullFalse, {}, false);
  row("Null: key name case-insensitive", OPS, { Null: { "AWS:TOKENISSUETIME": "false" } }, { "aws:tokenissuetime": "x" }, true);
}

// ---- Set qualifiers -----------------------------------------------------------------------------------
{
  const all = { "ForAllValues:StringEquals": { "aws:TagKeys": ["environment", "cost-center"] } };
  row("ForAllValues: every request value in the policy set", SETS, all, { "aws:TagKeys": ["environment", "cost-center"] }, true);
  row("ForAllValues: subset is enough", SETS, all, { "aws:TagKeys": ["environment"] }, true);
  row("ForAllValues: one value outside the set -> false", SETS, all, { "aws:TagKeys": ["environment", "owner"] }, false);
  row("ForAllValues: key absent -> true", SET_EX, all, {}, true);
  row("ForAllValues: empty set -> true", SET_EX, all, { "aws:TagKeys": [] }, true);
  const any = { "ForAnyValue:StringEquals": { "aws:TagKeys": ["environment", "cost-center"] } };
  row("ForAnyValue: one request value in the set -> true", SETS, any, { "aws:TagKeys": ["owner", "cost-center"] }, true);
  row("ForAnyValue: no request value in the set -> false", SETS, any, { "aws:TagKeys": ["owner", "team"] }, false);
  row("ForAnyValue: key absent -> false", SETS, any, {}, false);
  row("ForAnyValue: empty set -> false", SETS, any, { "aws:TagKeys": [] }, false);
  row("ForAllValues: values that are all empty strings are a null data set -> true", SETS, all, { "aws:TagKeys": [""] }, true);
  row("ForAllValues: an empty string next to a real value is not a null data set", SETS, all, { "aws:TagKeys": ["", "owner"] }, false);
  row("ForAllValues: single empty-string value is a null data set -> true", SETS, { "ForAllValues:StringEquals": { "aws:SourceVpce": "vpce-1" } }, { "aws:SourceVpce": "" }, true);
  row("ForAnyValue: null data set (empty string) -> false", SETS, { "ForAnyValue:StringEquals": { "aws:TagKeys": ["", "a"] } }, { "aws:TagKeys": [""] }, false);
  row("no qualifier: an empty string is an ordinary value", OPS, { StringEquals: { "aws:SourceVpce": "" } }, { "aws:SourceVpce": "" }, true);
  row("ForAnyValue ...IfExists: key absent -> true", OPS, { "ForAnyValue:StringEqualsIfExists": { "aws:TagKeys": "a" } }, {}, true);
  const notLike = { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } };
  row("ForAllValues:StringNotLike (doc table): key1:legal -> no match", SET_EX, notLike, { "aws:TagKeys": ["key1:legal"] }, false);
  row("ForAllValues:StringNotLike (doc table): key1:hr, key1:personnel -> no match", SET_EX, notLike, { "aws:TagKeys": ["key1:hr", "key1:personnel"] }, false);
  row("ForAllValues:StringNotLike (doc table): key2:audit -> match", SET_EX, notLike, { "aws:TagKeys": ["key2:audit"] }, true);
  row("ForAllValues:StringNotLike (doc table): no aws:TagKeys -> match", SET_EX, notLike, {}, true);
  row("ForAllValues:StringNotLike: mixed set -> no match", SET_EX, notLike, { "aws:TagKeys": ["key1:a", "key2:b"] }, false);
  const anyNot = { "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["a", "b"] } };
  row("ForAnyValue:StringNotEquals: one value outside the policy set -> true", SET_EX, anyNot, { "aws:TagKeys": ["a", "c"] }, true);
  row("ForAnyValue:StringNotEquals: all values in the policy set -> false", SET_EX, anyNot, { "aws:TagKeys": ["a", "b"] }, false);
  row("ForAnyValue:StringNotEquals: key absent -> false", SETS, anyNot, {}, false);
  const single = { "ForAllValues:StringEquals": { "aws:SourceVpce": "vpce-1" } };
  row("ForAllValues on a single-valued key: same value -> true", SETS, single, { "aws:SourceVpce": "vpce-1" }, true);
  row("ForAllValues on a single-valued key: other value -> false", SETS, single, { "aws:SourceVpce": "vpce-2" }, false);
  row("ForAllValues on a single-valued key: absent -> true (the overly permissive case the doc warns of)", SETS, single, {}, true);
  row("ForAnyValue on a single-valued key: same value -> true", SETS, { "ForAnyValue:StringEquals": { "aws:SourceVpce": "vpce-1" } }, { "aws:SourceVpce": "vpce-1" }, true);
  row("ForAnyValue:StringLike with several policy values (OR per request value)", SETS, { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-a/r-ab/ou-1/*", "o-a/r-ab/ou-2/*"] } }, { "aws:PrincipalOrgPaths": ["o-a/r-ab/ou-2/ou-9/"] }, true);
  row("ForAllValues:NumericLessThan: every value below", SETS, { "ForAllValues:NumericLessThan": { "x:sizes": 10 } }, { "x:sizes": [1, 9] }, true);
  row("ForAllValues:NumericLessThan: one value not below", SETS, { "ForAllValues:NumericLessThan": { "x:sizes": 10 } }, { "x:sizes": [1, 10] }, false);
  const plain = { StringEquals: { "aws:TagKeys": "a" } };
  row(`no qualifier on a multivalued key: some value matches -> true (${SILENT})`, SETS, plain, { "aws:TagKeys": ["a", "b"] }, true);
  row(`no qualifier on a multivalued key: no value matches -> false (${SILENT})`, SETS, plain, { "aws:TagKeys": ["b", "c"] }, false);
  row(`negated, no qualifier, multivalued: some value matches -> false (${SILENT})`, SETS, { StringNotEquals: { "aws:TagKeys": "a" } }, { "aws:TagKeys": ["a", "b"] }, false);
  row(`negated, no qualifier, multivalued: no value matches -> true (${SILENT})`, SETS, { StringNotEquals: { "aws:TagKeys": "a" } }, { "aws:TagKeys": ["b", "c"] }, true);
}

// ---- Policy variables ---------------------------------------------------------------------------------
{
  const home = { StringLike: { "s3:prefix": ["home/${aws:username}/*"] } };
  row("variable substituted in StringLike", VARS, home, { "aws:username": "bob", "s3:prefix": "home/bob/notes" }, true);
  row("variable substituted: other user's prefix", VARS, home, { "aws:username": "bob", "s3:prefix": "home/alice/notes" }, false);
  row("variable with absent key matches nothing", VARS, home, { "s3:prefix": "home//notes" }, false);
  row("variable key name case-insensitive", VARS, { StringEquals: { "s3:prefix": "${AWS:UserName}" } }, { "aws:username": "bob", "s3:prefix": "bob" }, true);
  const tagMatch = { StringEquals: { "s3:ExistingObjectTag/team": "${aws:PrincipalTag/team}" } };
  row("variable: tag equals tag", VARS, tagMatch, { "aws:PrincipalTag/team": "web", "s3:ExistingObjectTag/team": "web" }, true);
  row("variable: tag differs", VARS, tagMatch, { "aws:PrincipalTag/team": "web", "s3:ExistingObjectTag/team": "data" }, false);
  const tagNot = { StringNotEquals: { "s3:ExistingObjectTag/team": "${aws:PrincipalTag/team}" } };
  row("negated operator vs an unresolvable variable: null equals nothing, so NOT holds", VARS, tagNot, { "s3:ExistingObjectTag/team": "web" }, true);
  row("negated operator vs a resolved variable that matches -> false", VARS, tagNot, { "aws:PrincipalTag/team": "web", "s3:ExistingObjectTag/team": "web" }, false);
  const dflt = { StringEquals: { "aws:ResourceTag/owner": "${aws:PrincipalTag/owner, 'nobody'}" } };
  row("default value used when the key is absent", VARS, dflt, { "aws:ResourceTag/owner": "nobody" }, true);
  row("default value ignored when the key is present", VARS, dflt, { "aws:PrincipalTag/owner": "alice", "aws:ResourceTag/owner": "nobody" }, false);
  row("present key substituted, default unused", VARS, dflt, { "aws:PrincipalTag/owner": "alice", "aws:ResourceTag/owner": "alice" }, true);
  row("multivalued key cannot be a variable (and no default) -> matches nothing", SETS, { StringEquals: { "x:k": "${aws:TagKeys}" } }, { "aws:TagKeys": ["a"], "x:k": "a" }, false);
  row("multivalued key as variable falls back to the default", VARS, { StringEquals: { "x:k": "${aws:TagKeys, 'none'}" } }, { "aws:TagKeys": ["a"], "x:k": "none" }, true);
  const v = { StringEquals: { "x:k": "${aws:username}" } };
  row("Version 2008-10-17: ${...} is literal text (no substitution)", VARS, v, { "aws:username": "bob", "x:k": "bob" }, false, "2008-10-17");
  row("Version 2008-10-17: literal text matches itself", VARS, v, { "aws:username": "bob", "x:k": "${aws:username}" }, true, "2008-10-17");
  row("no Version: ${...} is literal text", VARS, v, { "aws:username": "bob", "x:k": "bob" }, false, null);
  row("no Version: literal text matches itself", VARS, v, { "x:k": "${aws:username}" }, true, null);
  const star = { StringLike: { "x:k": "a${*}b" } };
  row("${*} is a literal * in StringLike", VARS, star, { "x:k": "a*b" }, true);
  row("${*} is not a wildcard", VARS, star, { "x:k": "axxb" }, false);
  row("Version 2008-10-17: a${*}b is a glob whose * is a wildcard", VARS, star, { "x:k": "a${zz}b" }, true, "2008-10-17");
  row("${?} is a literal ?", VARS, { StringLike: { "x:k": "file${?}" } }, { "x:k": "file?" }, true);
  row("${?} is not a one-character wildcard", VARS, { StringLike: { "x:k": "file${?}" } }, { "x:k": "filex" }, false);
  row("${$} is a literal $", VARS, { StringEquals: { "x:k": "cost${$}" } }, { "x:k": "cost$" }, true);
  const sub = { StringLike: { "x:k": "${aws:username}" } };
  row("substituted * is literal: does not match other text", VARS, sub, { "aws:username": "*", "x:k": "bob" }, false);
  row("substituted * is literal: matches a literal *", VARS, sub, { "aws:username": "*", "x:k": "*" }, true);
  const arnVar = { ArnLike: { "aws:SourceArn": "arn:aws:sns:*:${aws:PrincipalAccount}:*" } };
  row("variable in ArnLike: own account", VARS, arnVar, { "aws:PrincipalAccount": "111122223333", "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:t" }, true);
  row("variable in ArnLike: other account", VARS, arnVar, { "aws:PrincipalAccount": "111122223333", "aws:SourceArn": "arn:aws:sns:us-east-1:444455556666:t" }, false);
  row("variable from a boolean key substitutes its text", VARS, { StringEquals: { "x:k": "${aws:ViaAWSService}" } }, { "aws:ViaAWSService": true, "x:k": "true" }, true);
  row("variable from a boolean key: other text does not match", VARS, { StringEquals: { "x:k": "${aws:ViaAWSService}" } }, { "aws:ViaAWSService": true, "x:k": "false" }, false);
}

function evaluate(r: Row): boolean {
  const { condition, issues } = compileCondition(r.block, { version: r.version ?? undefined, path: ["Condition"] });
  expect(issues.filter((i) => i.severity === "error")).toEqual([]);
  return condition(normalizeContext(r.ctx));
}

describe("condition operators (data table)", () => {
  it("has the rows this table promises", () => {
    expect(rows.length).toBeGreaterThanOrEqual(120);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });
  it.each(rows.map((r) => [`${r.name} [${r.doc}]`, r] as const))("%s", (_name, r) => {
    expect(evaluate(r)).toBe(r.expected);
  });
});

// ---- Invalid input: errors, never a silent true or false -----------------------------------------------
interface ErrorRow {
  name: string;
  doc: string;
  block: unknown;
  message: RegExp;
  hint?: RegExp;
  path?: readonly (string | number)[];
  version?: string;
}
const errors: ErrorRow[] = [
  { name: "unknown operator, near miss", doc: OPS, block: { StringEqual: { k: "v" } }, message: /unknown condition operator "StringEqual"/, hint: /StringEquals/ },
  { name: `operator in the wrong case is refused with the right spelling (${SILENT})`, doc: OPS, block: { stringequals: { k: "v" } }, message: /case-sensitive/, hint: /did you mean StringEquals\?/ },
  { name: "IfExists operator in the wrong case", doc: OPS, block: { StringLikeIfexists: { k: "v" } }, message: /unknown/, hint: /StringLikeIfExists/ },
  { name: "misspelt set qualifier", doc: SETS, block: { "ForAllValue:StringEquals": { k: "v" } }, message: /unknown set qualifier/, hint: /ForAllValues:StringEquals/ },
  { name: "IfExists on Null", doc: OPS, block: { NullIfExists: { k: "true" } }, message: /IfExists cannot be added to Null/ },
  { name: `set qualifier on Null (${SILENT})`, doc: OPS, block: { "ForAnyValue:Null": { k: "true" } }, message: /cannot qualify Null/ },
  { name: "Null with a non-boolean value", doc: OPS, block: { Null: { k: "maybe" } }, message: /Null takes true/ },
  { name: "Bool with a non-boolean value", doc: OPS, block: { Bool: { k: "yes" } }, message: /not true or false/ },
  { name: "Numeric with text", doc: OPS, block: { NumericEquals: { k: "ten" } }, message: /not an integer or decimal/ },
  { name: "Numeric with an exponent", doc: OPS, block: { NumericEquals: { k: "1e3" } }, message: /not an integer or decimal/ },
  { name: "Numeric with a policy variable (not supported)", doc: VARS, block: { NumericEquals: { k: "${aws:x}" } }, message: /not an integer/, hint: /not substituted in Numeric/ },
  { name: "Date with month 13", doc: OPS, block: { DateEquals: { k: "2020-13-01" } }, message: /not a date/ },
  { name: "Date in US notation", doc: OPS, block: { DateEquals: { k: "01/02/2020" } }, message: /not a date/ },
  { name: "Date-time without a zone designator (W3C profile needs one)", doc: OPS, block: { DateLessThan: { k: "2020-01-01T00:00:00" } }, message: /not a date/ },
  {
    name: "Bool with a policy variable: refused (variables page and Access Analyzer check win over an older operators page; see src/conditions/bool.ts)",
    doc: VARS,
    block: { Bool: { "aws:SecureTransport": "${aws:ViaAWSService}" } },
    message: /not true or false/,
    hint: /not substituted in Bool/,
  },
  { name: "IpAddress with a policy variable (not supported)", doc: VARS, block: { IpAddress: { "aws:SourceIp": "${aws:VpcSourceIp}" } }, message: /not a CIDR/, hint: /not substituted in IP address/ },
  { name: "Null with a policy variable (not supported)", doc: VARS, block: { Null: { "aws:TokenIssueTime": "${aws:x}" } }, message: /Null takes true/ },
  { name: "Date with a policy variable (not supported)", doc: VARS, block: { DateLessThan: { k: "${aws:CurrentTime}" } }, message: /not a date/, hint: /not substituted in Date/ },
  { name: "IP prefix too long", doc: OPS, block: { IpAddress: { "aws:SourceIp": "203.0.113.0/33" } }, message: /prefix length/ },
  { name: "IP octet over 255", doc: OPS, block: { IpAddress: { "aws:SourceIp": "300.1.1.1" } }, message: /not an IPv4 or IPv6 address/ },
  { name: "IPv6 prefix too long", doc: OPS, block: { NotIpAddress: { "aws:SourceIp": "2001:db8::/129" } }, message: /prefix length/ },
  { name: "IPv6 with two ::", doc: OPS, block: { IpAddress: { "aws:SourceIp": "2001::db8::1" } }, message: /not an IPv4 or IPv6 address/ },
  { name: "Binary value that is not base64", doc: OPS, block: { BinaryEquals: { k: "not base64!" } }, message: /not base64/ },
  { name: `ARN operator with a value that is not ARN-shaped (${SILENT})`, doc: OPS, block: { ArnLike: { "aws:SourceArn": "*" } }, message: /not an ARN/ },
  { name: "value null", doc: COND, block: { StringEquals: { k: null } }, message: /not null/ },
  { name: "value object", doc: COND, block: { StringEquals: { k: { a: 1 } } }, message: /not an object/ },
  { name: "nested list", doc: COND, block: { StringEquals: { k: [["a"]] } }, message: /not a nested list/, path: ["Condition", "StringEquals", "k", 0] },
  { name: "empty list of values", doc: COND, block: { StringEquals: { k: [] } }, message: /empty list/ },
  { name: "operator mapped to a string", doc: COND, block: { StringEquals: "x" }, message: /must map condition keys/ },
  { name: "operator with no keys", doc: COND, block: { StringEquals: {} }, message: /names no condition keys/ },
  { name: "Condition that is a list", doc: COND, block: [{ StringEquals: { k: "v" } }], message: /Condition must be an object/ },
  { name: "unterminated policy variable", doc: VARS, block: { StringLike: { k: "home/${aws:username/*" } }, message: /unterminated policy variable/ },
  { name: "default value without quotes", doc: VARS, block: { StringEquals: { k: "${aws:username, anonymous}" } }, message: /single quotes/ },
  { name: "empty policy variable", doc: VARS, block: { StringEquals: { k: "a${}b" } }, message: /empty policy variable/ },
  {
    name: "issue path runs down to the value index",
    doc: OPS,
    block: { IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "10.0.0.0/99"] } },
    message: /prefix length/,
    path: ["Condition", "IpAddress", "aws:SourceIp", 1],
  },
];

describe("invalid conditions are errors", () => {
  it.each(errors.map((e) => [`${e.name} [${e.doc}]`, e] as const))("%s", (_name, e) => {
    const { condition, issues } = compileCondition(e.block, { version: e.version ?? V12, path: ["Condition"] });
    const errs = issues.filter((i) => i.severity === "error");
    expect(errs.length).toBeGreaterThan(0);
    const hit = errs.find((i) => e.message.test(i.message));
    expect(hit, JSON.stringify(errs)).toBeDefined();
    if (e.hint) expect(hit?.hint ?? "").toMatch(e.hint);
    if (e.path) expect(hit?.path).toEqual(e.path);
    // Neither true nor false is safe for an invalid condition: evaluating it must fail loudly.
    expect(() => condition(new Map())).toThrow(/invalid Condition/);
  });

  it("carries the caller's path prefix and the operator and key", () => {
    const { issues } = compileCondition({ Bool: { "aws:SecureTransport": "maybe" } }, { version: V12, path: ["Statement", 2, "Condition"] });
    expect(issues[0]?.path).toEqual(["Statement", 2, "Condition", "Bool", "aws:SecureTransport"]);
  });

  it("an unterminated ${ is literal text (not an error) without Version 2012-10-17", () => {
    const { condition, issues } = compileCondition({ StringEquals: { k: "a${b" } }, { version: "2008-10-17", path: [] });
    expect(issues).toEqual([]);
    expect(condition(normalizeContext({ k: "a${b" }))).toBe(true);
    expect(condition(normalizeContext({ k: "ab" }))).toBe(false);
  });

  it("no Condition at all holds", () => {
    const { condition, issues } = compileCondition(undefined, { version: V12, path: [] });
    expect(issues).toEqual([]);
    expect(condition(new Map())).toBe(true);
  });
});
