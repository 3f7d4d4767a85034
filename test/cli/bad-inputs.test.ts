/**
 * Bad inputs fail closed (contract section 5): exit 2 with `file:line:column: message (hint)`, every
 * error of a run at once, never a stack trace, a hang, a silent skip or a pass. One row per case: the
 * fixture folder under test/fixtures/bad-inputs (or files generated into a temporary folder, for bytes
 * that do not belong in the repository: BOM + CRLF, binary data, huge files), the command line, the exit
 * code, and regexes that lines of stderr must match. Every exit-2 case is run again with
 * `--reporter json`, which must print exactly one JSON document on stdout and nothing else.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const FIXTURES = join(ROOT, "test/fixtures/bad-inputs");

const cli = (args: readonly string[], cwd: string) => runCli(args, { cwd });

interface Row {
  /** Fixture folder under test/fixtures/bad-inputs (the working directory of the run). */
  dir?: string;
  /** Or: files written into a fresh folder next to a copy of the shared environment (`../_env/`). */
  files?: Record<string, string | Buffer>;
  /** Default: ["test", "."]. */
  args?: string[];
  code: 0 | 1 | 2;
  /** Each must match some line of stderr. */
  errors?: RegExp[];
  /** Each must match exactly one line of stderr (a problem is reported once, not twice). */
  once?: RegExp[];
  /** How many `file:line:column:` error lines stderr holds, where the count matters. */
  count?: number;
}

const ENV = "environment: ../_env/environment.yaml\nexpect:\n";
const HINT = /\(.+\)$/; // every input error says how to fix it

const cases: Record<string, Row> = {
  // ---- spec files
  "empty spec file": { dir: "spec-empty", code: 2, errors: [/^t\.iamspec\.yaml:1:1: the spec file is empty \(a spec file is a mapping with environment:/] },
  "spec file holding only a comment": { dir: "spec-comment-only", code: 2, errors: [/^t\.iamspec\.yaml:1:1: the spec file is empty/] },
  "a list instead of a mapping": { dir: "spec-list", code: 2, errors: [/^t\.iamspec\.yaml:1:1: a spec file must be a mapping, got a list \(/] },
  "a string instead of a mapping": { dir: "spec-scalar", code: 2, errors: [/^t\.iamspec\.yaml:1:1: a spec file must be a mapping, got the string "just a string"/] },
  "expect: [] checks nothing and must not pass": { dir: "expect-empty", code: 2, errors: [/^t\.iamspec\.yaml:2:9: expect: the list of expectations is empty \(add at least one expectation/] },
  "expect with no value": { dir: "expect-null", code: 2, errors: [/^t\.iamspec\.yaml:2:8: expect: expected a list, got null/] },
  "expect is a string": { dir: "expect-string", code: 2, errors: [/^t\.iamspec\.yaml:2:9: expect: expected a list, got the string "s3:GetObject"/] },
  "expect is a mapping": { dir: "expect-mapping", code: 2, errors: [/^t\.iamspec\.yaml:3:3: expect: expected a list, got a mapping/] },
  "unknown keys, with did you mean": {
    dir: "unknown-keys",
    code: 2,
    errors: [/^t\.iamspec\.yaml:1:1: unknown key "nmae" \(did you mean "name"\?\)/, /^t\.iamspec\.yaml:6:5: expect\[0\]: unknown key "whne" \(did you mean "when"\?\)/],
  },
  "both may and mayNot": { dir: "may-and-maynot", code: 2, errors: [/^t\.iamspec\.yaml:5:5: expect\[0\]: has both "may" and "mayNot" \(give exactly one/] },
  "neither may nor mayNot": { dir: "neither-may", code: 2, errors: [/^t\.iamspec\.yaml:3:5: expect\[0\]: needs one of "may", "mayNot", "mayBecome" or "mayNotBecome"/] },
  "wrong types everywhere, all reported": {
    dir: "wrong-types",
    code: 2,
    count: 7,
    errors: [
      /^t\.iamspec\.yaml:5:11: expect\[0\]\.runs: -1 is below the minimum 1/,
      /^t\.iamspec\.yaml:6:12: expect\[0\]\.exact: expected true or false, got the string "yes"/,
      /^t\.iamspec\.yaml:7:9: expect\[0\]\.on: expected a string, a list or a mapping, got the number 5 \(quote it: "5"\)/,
      /^t\.iamspec\.yaml:8:9: expect\[0\]\.it: expected a string, got a list/,
      /^t\.iamspec\.yaml:10:23: expect\[0\]\.when\.aws:SourceIp: unknown key "a" \(allowed keys: not\)/,
      /^t\.iamspec\.yaml:11:26: expect\[0\]\.when\.aws:RequestTag\/x\[0\]: expected a string, a number or true or false, got a list/,
    ],
  },
  "{ not: ... } in a may": { dir: "not-in-may", code: 2, errors: [/^t\.iamspec\.yaml:6:21: when\.aws:SourceIp: \{ not: \.\.\. \} is allowed only with mayNot and mayNotBecome \(/] },
  "when values AWS could never send; an empty key; a key twice; a runs budget that would not finish": {
    dir: "when-values",
    code: 2,
    count: 8,
    errors: [
      /^t\.iamspec\.yaml:7:21: when\.aws:SourceIp: "999\.1\.1\.1" is not an IP address \(/,
      /^t\.iamspec\.yaml:8:24: when\.aws:CurrentTime: "yesterday" is not a date \(write an ISO 8601 date/,
      /^t\.iamspec\.yaml:9:28: when\.aws:SecureTransport: "maybe" is not true or false/,
      /^t\.iamspec\.yaml:10:31: when\.aws:MultiFactorAuthAge: "abc" is not a number/,
      /^t\.iamspec\.yaml:11:7: when: a condition key name is empty/,
      /^t\.iamspec\.yaml:12:7: when: "AWS:SOURCEIP" and "aws:SourceIp" are the same condition key/,
      /^t\.iamspec\.yaml:15:11: runs: 100000000 is above the maximum 10000000 \(/,
      /^t\.iamspec\.yaml:17:29: when\.aws:SourceIp: "notacidr" is not an IP address or CIDR range/,
    ],
  },
  // Dates as the evaluator reads them (W3C ISO 8601 or epoch seconds within the range of a date,
  // IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date): a value
  // it cannot read used to crash the check ("Invalid time value") or roll over (February 30 = March 1).
  "when dates the evaluator could not read": {
    dir: "when-dates",
    code: 2,
    count: 4,
    errors: [
      /^t\.iamspec\.yaml:6:24: when\.aws:CurrentTime: 1e\+308 is not a date \(write an ISO 8601 date/,
      /^t\.iamspec\.yaml:7:22: when\.aws:EpochTime: "99999999999999999999" is not a date \(/,
      /^t\.iamspec\.yaml:11:24: when\.aws:CurrentTime: "2026-02-30T00:00:00Z" is not a date \(/,
      /^t\.iamspec\.yaml:12:34: when\.aws:TokenIssueTime: "2026-01-01T25:00:00Z" is not a date \(/,
    ],
  },
  "an on ARN in no AWS partition; a tag key without its name": {
    dir: "on-partition",
    code: 2,
    count: 3,
    errors: [
      /^t\.iamspec\.yaml:5:10: on: "arn:aws-moon:s3:::acme-artifacts\/x": "aws-moon" is not an AWS partition \(the partition is aws/,
      /^t\.iamspec\.yaml:5:46: on: "arn:asw:s3:::acme-artifacts\/x": "asw" is not an AWS partition \(/,
      /^t\.iamspec\.yaml:8:13: when: "aws:PrincipalTag\/" names no tag \(write the tag key after the slash: aws:PrincipalTag\/team\)$/,
    ],
  },
  // Tag values, request values of string keys and YAML policies' condition values are strings in AWS:
  // an unquoted 011122223333 is the text written, not the number 11122223333 (which would drop the zero
  // and flip both expectations).
  "unquoted numbers with a leading zero keep their text in tags and when": { dir: "leading-zero-values", code: 0 },
  "a time written as epoch seconds in text: aws:EpochTime agrees with it (no request AWS could not send)": { dir: "epoch-text-time", code: 0 },
  "invalid principal forms, each reported once": {
    dir: "principals",
    code: 2,
    count: 11,
    once: [/^t\.iamspec\.yaml:3:9: /, /^t\.iamspec\.yaml:5:\d+: /, /^t\.iamspec\.yaml:11:9: /, /^t\.iamspec\.yaml:13:9: /],
    errors: [
      /^t\.iamspec\.yaml:3:9: expect\[0\]\.as: expected a string or a mapping, got the number 5/,
      /^t\.iamspec\.yaml:5:20: expect\[1\]\.as\.service: expected a string, got the number 3/,
      /^t\.iamspec\.yaml:7:9: "arn:aws:iam::1:user\/x" is not a principal ARN \(expected arn:aws:iam::ACCOUNT:user\/NAME/,
      /^t\.iamspec\.yaml:9:9: cannot resolve principal "role\/" \(/,
      /^t\.iamspec\.yaml:11:9: expect\[4\]\.as: must not be empty/,
      /^t\.iamspec\.yaml:13:9: expect\[5\]\.as: a mapping here needs one of the keys "service", "federated", "from" or "notFrom" \(the principal making the request\)$/,
      /^t\.iamspec\.yaml:15:20: "lambda" is not a service principal \(expected a name like lambda\.amazonaws\.com\)/,
      /^t\.iamspec\.yaml:17:9: "\*" \(any principal\) is allowed only with mayNot/,
      /^t\.iamspec\.yaml:19:9: account 111122223333 is in the environment, so its principals are known \(name a user or role/,
      /^t\.iamspec\.yaml:21:17: "o-abc" is neither an account id/,
      /^t\.iamspec\.yaml:23:9: "lambda\.amazonaws\.com" looks like a service principal \(write \{ service: lambda\.amazonaws\.com \}\)/,
    ],
  },
  "assumedBy with a user in as; a number in assumedBy": {
    dir: "assumedby-not-role",
    code: 2,
    errors: [/^t\.iamspec\.yaml:4:5: assumedBy needs a role in `as` \(/, /^t\.iamspec\.yaml:7:17: expect\[1\]\.assumedBy\[0\]: expected a string or a mapping, got the number 5/],
    once: [/^t\.iamspec\.yaml:7:17: /],
  },
  "ambiguous short form; a typo suggests the name once": {
    dir: "ambiguous-short-form",
    code: 2,
    errors: [
      /^t\.iamspec\.yaml:8:9: "role\/deploy" is ambiguous: 2 accounts have it: arn:aws:iam::111122223333:role\/deploy, arn:aws:iam::444455556666:role\/deploy \(write the full ARN/,
      /^t\.iamspec\.yaml:10:9: no role "deplyo" in the environment \(did you mean "role\/deploy"\?\)$/,
    ],
  },
  "invalid session keys": {
    dir: "session",
    code: 2,
    errors: [
      /^t\.iamspec\.yaml:5:33: expect\[0\]\.session\.durationSeconds: 100 is below the minimum 900/,
      /^t\.iamspec\.yaml:5:44: expect\[0\]\.session\.tags: expected a mapping, got a list/,
      /^t\.iamspec\.yaml:5:55: expect\[0\]\.session\.name: "x" is not valid \(/,
      /^t\.iamspec\.yaml:8:5: session applies only to a role in `as` \(/,
      /^t\.iamspec\.yaml:11:27: FullAWSAccess is the default SCP; it cannot be used as a session policy/,
      /^t\.iamspec\.yaml:11:42: nope\.json: file not found \(relative paths are resolved/,
    ],
  },
  "actions that match nothing": {
    dir: "actions",
    code: 2,
    count: 6,
    errors: [
      /^t\.iamspec\.yaml:4:11: "s3:" matches no known AWS action \(/,
      /^t\.iamspec\.yaml:4:18: ":Get" matches no known AWS action \(/,
      /^t\.iamspec\.yaml:4:26: "s3:Get Object" matches no known AWS action \(did you mean s3:GetObject/,
      /^t\.iamspec\.yaml:4:43: "s3:Nothing\*" matches no known AWS action/,
      /^t\.iamspec\.yaml:4:58: "s3" matches no known AWS action/,
      /^t\.iamspec\.yaml:4:64: "nosuchservice:\*" matches no known AWS action/,
    ],
  },
  "resources in on that are not ARNs": {
    dir: "resources",
    code: 2,
    count: 5,
    errors: [
      /^t\.iamspec\.yaml:5:10: on: "notanarn" is not an ARN or "\*" \(an ARN has six parts/,
      /^t\.iamspec\.yaml:5:22: on: "arn:aws:s3" is not a complete ARN/,
      /^t\.iamspec\.yaml:5:36: on: "arn:aws:iam::1:role\/x": account "1" is not a 12-digit account id/,
      /^t\.iamspec\.yaml:5:61: on: "arn::s3:::b" has no partition/,
      /^t\.iamspec\.yaml:8:59: on: "builds\/\*" is not an ARN/,
    ],
  },
  "duplicate keys": { dir: "duplicate-keys", code: 2, errors: [/^t\.iamspec\.yaml:5:5: invalid YAML: Map keys must be unique \(each key may appear once/] },
  "tabs as indentation": { dir: "tabs", code: 2, errors: [/^t\.iamspec\.yaml:3:1: invalid YAML: Tabs are not allowed as indentation \(YAML indentation uses spaces, not tabs\)/] },
  "JSON spec with a syntax error": { dir: "json-syntax", code: 2, errors: [/^t\.iamspec\.json:4:50: invalid JSON: /] },
  ".iamspec.yml and .iamspec.json are both found": {
    dir: "yml-and-json",
    code: 2,
    errors: [/^a\.iamspec\.yml:4:5: expect\[0\]: unknown key "mya" \(did you mean "may"\?\)/, /^b\.iamspec\.json:4:59: expect\[0\]\.runs: expected an integer, got the string "many"/],
  },
  "a YAML tag": { dir: "yaml-tag", code: 2, errors: [/^t\.iamspec\.yaml:3:9: unknown tag !Ref \(iam-spec files are plain YAML/] },
  "YAML 1.1 types, an alias with no anchor, a list as a key": {
    dir: "yaml-types",
    code: 2,
    count: 6,
    errors: [
      /^t\.iamspec\.yaml:5:9: the YAML tag !!binary is not supported \(iam-spec files are plain YAML: remove the tag/,
      /^t\.iamspec\.yaml:7:24: the YAML tag !!timestamp is not supported \(/,
      /^t\.iamspec\.yaml:8:20: the YAML tag !!set is not supported \(/,
      /^t\.iamspec\.yaml:11:11: the YAML tag !!omap is not supported \(/,
      /^t\.iamspec\.yaml:12:9: alias \*deploy cannot be resolved \(define the anchor &deploy before this alias/,
      /^t\.iamspec\.yaml:15:7: mapping keys must be plain strings \(write the key as plain text/,
    ],
  },
  "two YAML documents": { dir: "two-documents", code: 2, errors: [/^t\.iamspec\.yaml:5:1: invalid YAML: .*multiple documents.* \(a file holds one document; remove the extra ---\)/] },
  "an unclosed flow list": { dir: "unclosed-flow", code: 2, errors: [/^t\.iamspec\.yaml:5:1: invalid YAML: /] },
  "BOM and CRLF: positions still right": {
    files: { "t.iamspec.yaml": `\uFEFF${ENV}  - as: role/deploy\r\n    mya: s3:GetObject\r\n`.replace(/\n/g, "\r\n").replace(/\r\r/g, "\r") },
    code: 2,
    errors: [/^t\.iamspec\.yaml:4:5: expect\[0\]: unknown key "mya" \(did you mean "may"\?\)/],
  },
  "BOM and CRLF in a JSON spec": {
    files: { "t.iamspec.json": `\uFEFF{\r\n  "environment": "../_env/environment.yaml",\r\n  "expect": [\r\n    { "as": "role/deploy", "mya": "s3:GetObject" }\r\n  ]\r\n}\r\n` },
    code: 2,
    errors: [/^t\.iamspec\.json:4:28: expect\[0\]: unknown key "mya"/],
  },
  // s3:prefix comes with s3:ListBucket only (service authorization reference, Amazon S3 actions): a
  // `{ not }` that asks for it on s3:GetObject leaves no request AWS could send.
  "when asks for a key AWS never sends with the action": {
    files: { "t.iamspec.yaml": `${ENV}  - as: role/deploy\n    mayNot: s3:GetObject\n    on: arn:aws:s3:::acme-artifacts/*\n    when: { "s3:prefix": { not: "builds/" } }\n` },
    code: 2,
    errors: [/^t\.iamspec\.yaml:3:5: `when` asks for "s3:prefix" to be present, which AWS never sends with s3:GetObject by these callers, so this mayNot would check nothing \(use a condition key the action takes/],
  },
  "binary garbage": {
    files: { "t.iamspec.yaml": Buffer.from([0x65, 0x6e, 0x76, 0x0a, 0xff, 0xfe, 0x00, 0x81, 0x1b, 0x5b, 0x33, 0x31, 0x6d]) },
    code: 2,
    errors: [/^t\.iamspec\.yaml:2:1: not a text file: it holds binary data .* \(spec, environment and policy files are UTF-8 YAML or JSON text\)$/],
  },
  "a NUL byte in valid UTF-8": {
    files: { "t.iamspec.yaml": `${ENV}  - as: role/deploy\0\n` },
    code: 2,
    errors: [/^t\.iamspec\.yaml:3:20: not a text file/],
  },
  // A .json file is JSON: what only YAML accepts is refused where it is written, as AWS refuses a
  // policy that is not JSON (IAM/latest/UserGuide/access_policies-json.html: "policies are stored in AWS as JSON documents").
  "a trailing comma in a JSON policy file": {
    files: {
      "p.json": '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" },\n  ]\n}\n',
      "env.yaml": 'accounts:\n  "111122223333":\n    users:\n      bob: { policies: [ ./p.json ] }\n',
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    may: s3:GetObject\n    on: arn:aws:s3:::b/x\n",
    },
    code: 2,
    errors: [/^p\.json:5:3: invalid JSON: .* \(remove the trailing comma: AWS accepts only strict JSON, and a \.json file is read as JSON\)$/],
  },
  "a trailing comma in a JSON spec file, and a comment": {
    files: {
      "t.iamspec.json": '{\n  "environment": "../_env/environment.yaml",\n  "expect": [ { "as": "role/deploy", "may": "s3:GetObject" }, ]\n}\n',
      "u.iamspec.json": '{\n  // a comment\n  "environment": "../_env/environment.yaml",\n  "expect": [ { "as": "role/deploy", "may": "s3:GetObject" } ]\n}\n',
    },
    code: 2,
    errors: [/^t\.iamspec\.json:3:63: invalid JSON: .*\(remove the trailing comma/, /^u\.iamspec\.json:2:3: invalid JSON: .*\(JSON has no comments/],
  },
  "a trailing comma in a JSON environment file, and single quotes": {
    files: {
      "env.json": '{ "accounts": { "111122223333": { "users": { "bob": {}, } } } }\n',
      "t.iamspec.yaml": "environment: ./env.json\nexpect:\n  - as: user/bob\n    mayNot: s3:GetObject\n",
      "q.json": "{ 'Version': '2012-10-17', 'Statement': [] }\n",
      "u.iamspec.yaml": "environment: ../_env/environment.yaml\nexpect:\n  - as: role/deploy\n    mayNot: s3:GetObject\n    session: { policies: [ ./q.json ] }\n",
    },
    code: 2,
    errors: [/^env\.json:1:57: invalid JSON: .*\(remove the trailing comma/, /^q\.json:1:3: invalid JSON: .*\(JSON strings use double quotes\)$/],
  },
  "assumptions: an unknown point and an unknown reading": {
    files: {
      "env.yaml": 'accounts:\n  "111122223333":\n    users:\n      bob: {}\nassumptions:\n  bucket-owner: caller\n  empty-scp-level: maybe\n',
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: s3:GetObject\n",
    },
    code: 2,
    errors: [
      /^env\.yaml:6:3: assumptions: unknown key "bucket-owner" \(allowed keys: principal-star-boundary, empty-scp-level, unlisted-bucket-owner, vpce-endpoint-type, policy-versions, function-triggers, batch-passed-to-service\)$/,
      /^env\.yaml:7:20: assumptions\.empty-scp-level: must be one of "deny" or "ignore", got the string "maybe"/,
    ],
  },
  "a policy variable written as a when key": {
    files: { "t.iamspec.yaml": `${ENV}  - as: role/deploy\n    mayNot: s3:GetObject\n    when:\n      \${aws:username}: alice\n      SourceIp: 203.0.113.7\n` },
    code: 2,
    count: 2,
    errors: [
      /^t\.iamspec\.yaml:6:7: when: "\$\{aws:username\}" is a policy variable, not a condition key \(policies write \$\{\.\.\.\} to read a key; in when, name the key itself: aws:username: VALUE\)$/,
      /^t\.iamspec\.yaml:7:7: when: "SourceIp" is not a condition key name \(a condition key is SERVICE:Name/,
    ],
  },
  "a 10,000-deep YAML nest": {
    files: { "t.iamspec.yaml": `${ENV}  - as: role/deploy\n    mayNot: s3:GetObject\n    when:\n      aws:SourceIp: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n` },
    code: 2,
    errors: [/^t\.iamspec\.yaml:6:\d+: invalid YAML: values nested more than 200 levels deep \(IAM documents nest a few levels/],
  },
  "a 10,000-deep block YAML nest": {
    files: { "t.iamspec.yaml": `${ENV}  - as: role/deploy\n    mayNot: s3:GetObject\n    on:\n      ${"- ".repeat(10_000)}x\n` },
    code: 2,
    errors: [/^t\.iamspec\.yaml:6:\d+: invalid YAML: values nested more than 200 levels deep/],
  },
  "a 10,000-deep JSON policy": {
    files: {
      "p.json": `{ "Version": "2012-10-17", "Statement": ${"[".repeat(10_000)}${"]".repeat(10_000)} }\n`,
      "t.iamspec.yaml": `${ENV}  - as: role/deploy\n    mayNot: s3:GetObject\n    session: { policies: [ ./p.json ] }\n`,
    },
    code: 2,
    errors: [/^p\.json:1:\d+: invalid JSON: values nested more than 200 levels deep/],
  },
  "aliases that expand exponentially (billion laughs) stop quickly": {
    files: { "t.iamspec.yaml": aliasBomb() },
    code: 2,
    errors: [/^t\.iamspec\.yaml:\d+:\d+: the file expands to too many values \(/],
  },
  "a policy reference to the folder of the file naming it is shown as ., not as an absolute path": {
    files: {
      "env.yaml": 'accounts:\n  "111122223333":\n    users:\n      bob: { policies: [ "." ] }\n',
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    errors: [/^env\.yaml:4:26: \.: is a directory, not a file \(name a file, not a folder\)$/],
  },
  "a dangling symlink named like a spec": {
    files: {},
    code: 2,
    errors: [/^gone\.iamspec\.yaml:1:1: .*gone\.iamspec\.yaml: file not found/],
  },

  // ---- environments
  "missing environment file": { dir: "env-missing-spec-env", code: 2, errors: [/^t\.iamspec\.yaml:1:14: env\.yaml: file not found \(relative paths are resolved against the directory of the file that names them\)/] },
  "missing files named by an environment, at their references": {
    dir: "env-missing-files",
    code: 2,
    errors: [/^env\.yaml:1:10: base\.yaml: file not found/, /^env\.yaml:6:16: policies\/trust\.json: file not found/, /^env\.yaml:7:21: policies\/deploy\.json: file not found/],
  },
  "environment files that extend each other": { dir: "env-cycle", code: 2, errors: [/^b\.yaml:1:10: environment files include each other: .*a\.yaml -> .*b\.yaml -> .*a\.yaml \(remove one of the `extends` entries\)/] },
  "account ids that are not 12 digits": {
    dir: "env-account-id",
    code: 2,
    errors: [/^env\.yaml:2:3: accounts: key "12345" is not valid \(expected a 12-digit AWS account id/, /^env\.yaml:4:3: accounts: key "11112222333x" is not valid/],
  },
  "a role without trust at the end of assumedBy": {
    dir: "env-role-without-trust",
    code: 2,
    errors: [/^t\.iamspec\.yaml:4:5: assumedBy: role arn:aws:iam::111122223333:role\/deploy has no trust policy, so nobody can assume it \(add trust:/],
  },
  "policy references: unknown customer/AWS managed, default org policies in the wrong place": {
    dir: "env-policy-refs",
    code: 2,
    count: 10,
    errors: [
      /^env\.yaml:7:16: FullAWSAccess is the default SCP; it cannot be used as a trust policy/,
      /^env\.yaml:9:13: customer managed policy arn:aws:iam::111122223333:policy\/Deplyo is not defined \(did you mean "arn:aws:iam::111122223333:policy\/Deploy"\?\)/,
      /^env\.yaml:10:13: unknown AWS managed policy arn:aws:iam::aws:policy\/AdministratorAcess \(did you mean arn:aws:iam::aws:policy\/AdministratorAccess\?\)/,
      /^env\.yaml:11:13: FullAWSAccess is the default SCP; it cannot be used as an identity policy/,
      /^env\.yaml:12:13: unknown policy "fullawsaccess" \(did you mean "FullAWSAccess"/,
      /^env\.yaml:13:13: unknown AWS managed policy arn:aws:iam::aws:policy\/ReadOnlyAccess\/ \(/,
      /^env\.yaml:14:19: RCPFullAWSAccess is the default RCP; it cannot be used as a permissions boundary/,
      /^env\.yaml:16:35: arn:aws:iam::aws:policy\/ReadOnlyAccess is a managed IAM policy; it cannot be used as a resource policy/,
      /^env\.yaml:20:13: arn:aws:iam::aws:policy\/AdministratorAccess is a managed IAM policy; it cannot be used as an SCP/,
      /^env\.yaml:21:13: FullAWSAccess is the default SCP; it cannot be used as an RCP/,
    ],
  },
  "OU tree: duplicate OU ids, an account in two OUs, bad ids, unknown keys": {
    dir: "env-org-tree",
    code: 2,
    errors: [
      /^env\.yaml:7:3: organization: unknown key "mgmt" \(/,
      /^env\.yaml:13:7: OU id ou-ab12-11111111 is used twice \(also at line 10, column 7\) \(OU ids are unique/,
      /^env\.yaml:15:21: account 111122223333 is placed twice in the organization \(also at line 12, column 21\)/,
      /^env\.yaml:15:37: organization\.root\.ous\.B\.accounts\[1\]: "12" is not valid/,
      /^env\.yaml:17:20: organization\.root\.ous\.B\.ous\.C\.id: "bad-id" is not valid/,
    ],
  },
  "wrong types in policy references and imports are reported once, each with a hint": {
    dir: "env-reported-once",
    code: 2,
    count: 4,
    once: [/^env\.yaml:5:21: /, /^env\.yaml:6:19: /, /^env\.yaml:8:5: /, /^env\.yaml:9:5: /],
    errors: [
      /^env\.yaml:5:21: accounts\.111122223333\.users\.alice\.policies\[0\]: expected a string or a mapping, got null \(a policy: /,
      /^env\.yaml:6:19: accounts\.111122223333\.users\.alice\.boundary: expected a string or a mapping, got the number 0 \(/,
      /^env\.yaml:8:5: import\[0\]: expected a mapping, got the number 5 \(/,
      /^env\.yaml:9:5: import\[1\]: a mapping here needs one of the keys "terraformPlan", "cloudformation" or "authorizationDetails" \(write one of terraformPlan, cloudformation or authorizationDetails/,
    ],
  },
  // An import is read whole or not at all (contract section 3: "a policy-bearing resource the loader
  // cannot read is an error at its location, never dropped"): an export entry without its name, a list
  // that is not one, Resources that are not a mapping used to be skipped silently.
  "imports that are not what they claim to be: every part reported, nothing skipped": {
    dir: "import-garbage",
    code: 2,
    count: 5,
    errors: [
      /^gaad\.json:2:21: UserDetailList: expected a list \(this is not `aws iam get-account-authorization-details` output/,
      /^gaad\.json:3:23: RoleDetailList entry without a RoleName \(/,
      /^gaad\.json:4:17: policy P has no Arn \(/,
      /^plan\.json:4:129: aws_s3_bucket_policy\.b\.policy: the policy document is not a JSON object \(a policy document is a JSON object/,
      /^template\.json:2:16: Resources must be a mapping of logical IDs to resources \(write Resources: /,
    ],
  },
  "user, role, group and policy names IAM would refuse": {
    dir: "env-names",
    code: 2,
    count: 5,
    errors: [
      /^env\.yaml:6:7: accounts\.111122223333\.users: key "a b" is not valid \(expected an IAM user name: 1 to 64 letters, digits or _\+=,\.@- /,
      /^env\.yaml:9:7: accounts\.111122223333\.roles: key "deploy!" is not valid \(expected an IAM role name/,
      /^env\.yaml:10:7: accounts\.111122223333\.roles: key "r{65}" is not valid \(/,
      /^env\.yaml:13:7: accounts\.111122223333\.groups: key "dev ops" is not valid \(expected an IAM group name/,
      /^env\.yaml:15:7: accounts\.111122223333\.policies: key "bad name!" is not valid \(expected a policy name/,
    ],
  },
  "a management account outside the tree is valid (it sits under the root)": { dir: "env-management-outside-tree", code: 0 },
  "resources with invalid ARNs; malformed VPC endpoint ids": {
    dir: "env-resources-vpce",
    code: 2,
    count: 6,
    errors: [
      /^env\.yaml:5:7: resources: "notanarn" is not an ARN/,
      /^env\.yaml:6:7: resources: "arn:aws:s3" is not a complete ARN/,
      /^env\.yaml:7:7: resources: "arn:aws:iam::1:role\/x": account "1" is not a 12-digit account id/,
      /^env\.yaml:10:7: accounts\.111122223333\.vpcEndpoints: key "vpc-0abc" is not valid \(expected a VPC endpoint id, vpce-\.\.\.\)/,
      /^env\.yaml:11:7: accounts\.111122223333\.vpcEndpoints: key "vpce-!!" is not valid/,
      /^env\.yaml:12:20: accounts\.111122223333\.vpcEndpoints\.vpce-0abc: unknown key "polcy" \(did you mean "policy"\?\)/,
    ],
  },

  // ---- policy files: errors point into the policy file
  "policy file with invalid JSON": { dir: "policy-invalid-json", code: 2, errors: [/^p\.json:4:25: invalid JSON: /] },
  "policy file that is a list, and an empty one": {
    dir: "policy-list",
    code: 2,
    errors: [/^p\.json:1:1: invalid identity policy: a policy document must be a JSON object with a Statement/, /^empty\.json:1:1: invalid identity policy: /],
  },
  "every document and condition rule, at the offending element": {
    dir: "policy-rules",
    code: 2,
    count: 23,
    errors: [
      /^p\.json:2:14: invalid identity policy: Version: Version must be "2012-10-17" or "2008-10-17", not "2012-10-18" \(use "2012-10-17"\)$/,
      /^p\.json:3:9: invalid identity policy: Id: Id is allowed in resource-based policies/,
      /^p\.json:4:3: invalid identity policy: Statment: unknown policy element "Statment" \(did you mean "Statement"\?\)/,
      /^p\.json:8:17: invalid identity policy: Statement\[0\]\.Effect: Effect must be "Allow" or "Deny", not "Alow"/,
      /^p\.json:9:18: invalid identity policy: Statement\[0\]\.Action\[0\]: "s3:Get Object" is not an action/,
      /^p\.json:9:35: invalid identity policy: Statement\[0\]\.Action\[1\]: must be a string, not number/,
      /^p\.json:10:20: invalid identity policy: Statement\[0\]\.Resource\[0\]: "notarn" is not an ARN or "\*"/,
      /^p\.json:10:30: invalid identity policy: Statement\[0\]\.Resource\[1\]: "arn:aws:s3" is not a complete ARN/,
      /^p\.json:11:20: invalid identity policy: Statement\[0\]\.Principal: .* must not have a Principal element/,
      /^p\.json:13:9: invalid identity policy: Statement\[0\]\.Condition\.StringEqulas: unknown condition operator "StringEqulas" .*did you mean StringEquals\?/,
      /^p\.json:14:40: .*Condition\.IpAddress\.aws:SourceIp: "not-an-ip" is not a CIDR range/,
      /^p\.json:15:56: .*Condition\.NumericLessThan\.aws:MultiFactorAuthAge: "abc" is not an integer or decimal number/,
      /^p\.json:16:49: .*Condition\.DateGreaterThan\.aws:CurrentTime: "yesterday" is not a date/,
      /^p\.json:17:42: .*Condition\.Bool\.aws:SecureTransport: "maybe" is not true or false/,
      /^p\.json:18:39: .*Condition\.ArnLike\.aws:SourceArn: "5" is not an ARN/,
      /^p\.json:19:41: .*Condition\.Null\.aws:TokenIssueTime: Null takes true \(key absent\) or false \(key present\), not "perhaps"/,
      /^p\.json:20:56: .*Condition\.ForAllValues:StringEquals\.aws:SourceIp: an empty list of condition values/,
      /^p\.json:23:5: invalid identity policy: Statement\[1\]: a statement cannot have both Action and NotAction/,
      /^p\.json:24:14: invalid identity policy: Statement\[1\]\.Sid: duplicate Sid "A"/,
      /^p\.json:29:7: invalid identity policy: Statement\[1\]\.Bogus: unknown statement element "Bogus"/,
      /^p\.json:31:5: invalid identity policy: Statement\[2\]: a statement must be a JSON object/,
      /^p\.json:32:5: invalid identity policy: Statement\[3\]: the statement has no Action or NotAction/,
      /^p\.json:32:5: invalid identity policy: Statement\[3\]: the statement has no Resource or NotResource/,
    ],
  },
  // IAM refuses a Resource in no partition: MalformedPolicyDocument, `Partition "${ARN_PARTITION}" is
  // not valid for resource "arn:${ARN_PARTITION}:s3:::..."` (the unsubstituted template placeholder of
  // a real incident). Every condition-shape error says how to write it. An
  // IAM policy's Sid is letters and digits (IAM/latest/UserGuide/reference_policies_elements_sid.html).
  "policy partitions and condition shapes, each with a hint": {
    dir: "policy-hints",
    code: 2,
    count: 10,
    errors: [
      /^p\.json:4:65: invalid identity policy: Statement\[0\]\.Resource\[0\]: partition "aws-xx" is not valid for resource "arn:aws-xx:s3:::b\/\*" \(the partition is aws/,
      /^p\.json:4:88: invalid identity policy: Statement\[0\]\.Resource\[1\]: partition "\$\{ARN_PARTITION\}" is not valid/,
      /^p\.json:5:100: .*Condition\.StringEquals: StringEquals must map condition keys to values \(write e\.g\. "StringEquals": \{/,
      /^p\.json:6:82: .*Statement\[2\]\.Condition: Condition must be a mapping of operator -> \{ key: value\(s\) \} \(write e\.g\./,
      /^p\.json:7:118: .*StringEquals\.aws:username: a condition value must be a string, number or boolean, not null \(write one value/,
      /^p\.json:7:128: .*StringEquals\[""\]: empty condition key name \(name the condition key/,
      /^p\.json:8:131: .*"0x10" is not an integer or decimal number \(write digits/,
      /^p\.json:9:115: .*s3:prefix\[0\]: a condition value must be a string, number or boolean, not a nested list \(/,
      /^p\.json:9:122: .*s3:prefix\[1\]: a condition value must be a string, number or boolean, not an object \(/,
      /^p\.json:10:14: invalid identity policy: Statement\[6\]\.Sid: Sid "Allow reads" has characters IAM does not accept \(use only letters and digits, e\.g\. "Allowreads"\)$/,
    ],
  },
  "rules that depend on the policy type (trust, resource, SCP, RCP)": {
    dir: "policy-types",
    code: 2,
    errors: [
      /^bucket\.json:4:5: invalid resource policy: Statement\[0\]: .*must name a Principal/,
      /^rcp\.json:1:1: invalid RCP: Version: an RCP must have "Version": "2012-10-17"/,
      /^rcp\.json:3:38: invalid RCP: Statement\[0\]\.Principal: an RCP statement's Principal must be "\*"/,
      /^rcp\.json:3:96: invalid RCP: Statement\[0\]\.NotAction: NotAction is not supported/,
      /^scp\.json:4:38: invalid SCP: Statement\[0\]\.Principal: .*must not have a Principal element/,
      /^trust\.yaml:3:5: invalid trust policy: Statement\[0\]: a role trust policy statement must name a Principal/,
      /^trust\.yaml:5:15: invalid trust policy: Statement\[0\]\.Resource: a role trust policy must not have a Resource element/,
    ],
  },

  // ---- names, keys and values AWS never has (each used to be accepted: a pass or a skip)
  "an empty or blank name and it": {
    files: { "t.iamspec.yaml": `name: ""\n${ENV}  - it: ""\n    as: role/deploy\n    mayNot: iam:CreateUser\n  - it: "   "\n    as: role/deploy\n    mayNot: iam:DeleteUser\n` },
    code: 2,
    count: 3,
    errors: [
      /^t\.iamspec\.yaml:1:7: name: must not be empty \(give the name of the spec shown in reports, or remove the key\)$/,
      /^t\.iamspec\.yaml:4:9: expect\[0\]\.it: must not be empty \(give the name of the expectation shown in reports, or remove the key\)$/,
      /^t\.iamspec\.yaml:7:9: expect\[1\]\.it: "   " is not valid \(expected the name of the expectation shown in reports\)$/,
    ],
  },
  // "s3:GetObject " names no action in AWS: white space is never part of an action name.
  "an action written with spaces around it": {
    files: { "t.iamspec.yaml": `${ENV}  - as: role/deploy\n    mayNot: ["s3:GetObject ", " iam:CreateUser"]\n` },
    code: 2,
    count: 2,
    errors: [/^t\.iamspec\.yaml:4:14: "s3:GetObject " matches no known AWS action \(did you mean s3:GetObject\?/, /^t\.iamspec\.yaml:4:31: " iam:CreateUser" matches no known AWS action \(did you mean iam:CreateUser\?/],
  },
  // Global condition keys and the forms of their values: reference_policies_condition-keys.html.
  "when keys that are no global key, and values in no form AWS sends": {
    files: {
      "t.iamspec.yaml": `${ENV}  - as: role/deploy\n    mayNot: iam:CreateUser\n    when:\n${[
        "aws:PrincipalTag: x",
        '"aws:SourceIP ": 203.0.113.7',
        "aws:SecureTransport: [true, false]",
        "aws:SourceVpc: notvpc",
        "aws:SourceVpce: vpc-0abc",
        "aws:SourceArn: notarn",
        'aws:SourceAccount: "12"',
        "aws:PrincipalOrgID: org-1",
        "aws:RequestedRegion: moon-1",
        "aws:MultiFactorAuthAge: -1",
        "aws:PrincipalType: Role",
      ].map((l) => `      ${l}\n`).join("")}`,
    },
    code: 2,
    count: 11,
    errors: [
      /^t\.iamspec\.yaml:6:7: when: "aws:PrincipalTag" is not a global condition key \(name the tag: aws:PrincipalTag\/TAGKEY\)$/,
      /^t\.iamspec\.yaml:7:7: when: "aws:SourceIP " is not a global condition key \(did you mean "aws:SourceIp"/,
      /^t\.iamspec\.yaml:8:28: when\.aws:SecureTransport: a request carries one value of this key, not 2 \(/,
      /^t\.iamspec\.yaml:9:22: when\.aws:SourceVpc: "notvpc" is not a VPC id \(/,
      /^t\.iamspec\.yaml:10:23: when\.aws:SourceVpce: "vpc-0abc" is not a VPC endpoint id \(/,
      /^t\.iamspec\.yaml:11:22: when\.aws:SourceArn: "notarn" is not an ARN \(/,
      /^t\.iamspec\.yaml:12:26: when\.aws:SourceAccount: "12" is not a 12-digit account id \(/,
      /^t\.iamspec\.yaml:13:27: when\.aws:PrincipalOrgID: "org-1" is not an organization id \(/,
      /^t\.iamspec\.yaml:14:28: when\.aws:RequestedRegion: "moon-1" is not a Region name \(/,
      /^t\.iamspec\.yaml:15:31: when\.aws:MultiFactorAuthAge: -1 is below zero \(/,
      /^t\.iamspec\.yaml:16:26: when\.aws:PrincipalType: "Role" is not a principal type \(AWS sends a principal type here: write e\.g\. Account, User, FederatedUser, AssumedRole or Anonymous\)$/,
    ],
  },
  "the same keys in forms AWS sends are accepted (and a { not } pattern of an id key)": {
    files: {
      "t.iamspec.yaml": `${ENV}  - as: role/deploy\n    mayNot: iam:CreateUser\n    when:\n${[
        "aws:principaltag/team: web",
        "aws:SourceVpc: vpc-0abc1234",
        "aws:SourceVpce: { not: [vpce-0abc1234, vpce-1*] }",
        'aws:SourceAccount: "111122223333"',
        "aws:RequestedRegion: eu-central-2",
        "aws:MultiFactorAuthAge: 0",
        "aws:TagKeys: [a, b]",
      ].map((l) => `      ${l}\n`).join("")}`,
    },
    code: 0,
  },
  // ARNs match case-sensitively and service namespaces are lower case (reference-arns.html); a Region
  // field holds a Region. Such an ARN names nothing AWS sends: a mayNot on it examined nothing.
  "on and resources ARNs with an upper-case service or a Region that is none": {
    files: {
      "env.yaml": 'accounts:\n  "111122223333":\n    users: { bob: {} }\n    resources:\n      "arn:aws:SQS:us-east-1:111122223333:q": {}\n      "arn:aws:sqs:moon-1:111122223333:q": {}\n',
      "u.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: s3:GetObject\n",
      "t.iamspec.yaml": `${ENV}  - as: user/alice\n    mayNot: s3:GetObject\n    on: [ arn:aws:S3:::b/x, arn:aws:sqs:us-east-1a:111122223333:q ]\n`,
    },
    code: 2,
    count: 4,
    errors: [
      /^env\.yaml:5:7: resources: "arn:aws:SQS:us-east-1:111122223333:q": "SQS" is not a service namespace \(service namespaces are lower case/,
      /^env\.yaml:6:7: resources: "arn:aws:sqs:moon-1:111122223333:q": "moon-1" is not a Region \(/,
      /^t\.iamspec\.yaml:5:11: on: "arn:aws:S3:::b\/x": "S3" is not a service namespace \(/,
      /^t\.iamspec\.yaml:5:29: on: "arn:aws:sqs:us-east-1a:111122223333:q": "us-east-1a" is not a Region \(/,
    ],
  },
  // IAM/latest/UserGuide/reference_identifiers.html: names "are not distinguished by case"; the
  // account in an ARN owns the resource (reference-arns.html).
  "IAM names that differ only in case; a resource listed under an account its ARN does not name": {
    files: {
      "p.json": '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } ] }\n',
      "env.yaml": [
        "accounts:",
        '  "111122223333":',
        "    users: { bob: {}, Bob: {} }",
        "    groups: { Admins: {}, admins: {} }",
        "    roles: { Deploy: {}, DEPLOY: {} }",
        "    policies: { Read: ./p.json, team/read: ./p.json }",
        "    resources:",
        '      "arn:aws:sqs:us-east-1:444455556666:q": {}',
        "",
      ].join("\n"),
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    count: 5,
    errors: [
      /^env\.yaml:3:23: accounts\.111122223333\.users: "Bob" and "bob" differ only in case, and IAM names are not distinguished by case \(IAM cannot hold both in one account \(IAM\/latest\/UserGuide\/reference_identifiers\.html\): rename or remove one\)$/,
      /^env\.yaml:4:27: accounts\.111122223333\.groups: "admins" and "Admins" differ only in case/,
      /^env\.yaml:5:26: accounts\.111122223333\.roles: "DEPLOY" and "Deploy" differ only in case/,
      /^env\.yaml:6:33: accounts\.111122223333\.policies: "read" and "Read" differ only in case/,
      /^env\.yaml:8:7: resources: arn:aws:sqs:us-east-1:444455556666:q names account 444455556666 in its ARN but is listed under account 111122223333 \(list it under accounts\."444455556666"/,
    ],
  },
  // role/DEPLOY next to role deploy: IAM names are not distinguished by case (reference_identifiers.html),
  // ARNs match case-sensitively, and no AWS page says which role a request naming the other reaches:
  // refused rather than guessed (a mayNot used to pass on the role that does not exist).
  "an on ARN that differs only in case from a principal of the environment": {
    files: { "t.iamspec.yaml": `${ENV}  - as: user/alice\n    mayNot: [sts:AssumeRole, iam:GetRole]\n    on: arn:aws:iam::111122223333:role/DEPLOY\n  - as: role/deploy\n    mayNot: iam:GetUser\n    on: [arn:aws:iam::111122223333:user/Alice, arn:aws:iam::111122223333:user/bob]\n` },
    code: 2,
    count: 2,
    errors: [
      /^t\.iamspec\.yaml:5:9: on: arn:aws:iam::111122223333:role\/DEPLOY is not in the environment; arn:aws:iam::111122223333:role\/deploy differs from it only in case \(write arn:aws:iam::111122223333:role\/deploy: IAM names are not distinguished by case/,
      /^t\.iamspec\.yaml:8:10: on: arn:aws:iam::111122223333:user\/Alice is not in the environment; arn:aws:iam::111122223333:user\/alice differs/,
    ],
  },
  // RoleSessionName is [\w+=,.@-]{2,64} (STS/latest/APIReference/API_AssumeRole.html); an OIDC provider
  // is named by its host (id_roles_create_for-idp_oidc.html), a SAML provider by its ARN.
  "session ARNs no session can have, providers that are no provider, a role the account lacks": {
    files: {
      "t.iamspec.yaml": `${ENV}${[
        "  - as: arn:aws:sts::111122223333:assumed-role/deploy/a b\n    mayNot: iam:CreateUser\n",
        "  - as: { federated: okta }\n    mayNot: sts:AssumeRoleWithSAML\n",
        "  - as: { federated: not a provider }\n    mayNot: sts:AssumeRoleWithWebIdentity\n",
        "  - as: arn:aws:sts::111122223333:assumed-role/nosuch/s1\n    mayNot: iam:CreateUser\n",
      ].join("")}`,
    },
    code: 2,
    count: 4,
    errors: [
      /^t\.iamspec\.yaml:3:9: "a b" is not a role session name \(a session name is 2 to 64 letters, digits or _\+=,\.@- /,
      /^t\.iamspec\.yaml:5:22: "okta" is not an identity provider \(name an OIDC provider by its host/,
      /^t\.iamspec\.yaml:7:22: "not a provider" is not an identity provider \(/,
      /^t\.iamspec\.yaml:9:9: no role nosuch in account 111122223333 \(define it under accounts\."111122223333"\.roles/,
    ],
  },
  // The parts of a plan the importer walks have the shape `terraform show -json` writes: a part of
  // another shape used to be skipped, and any policy in it never read. A role without its trust policy
  // says how to write one.
  "imports whose parts have no shape the importer can read": {
    files: {
      "plan.json": '{"format_version":"1.2","planned_values":{"root_module":{"resources":5,"child_modules":[{"resources":[{"values":{}}]}]}},"resource_changes":{}}\n',
      "t.json": '{"Resources":{"R":{"Type":"AWS::IAM::Role"}}}\n',
      "env.yaml": 'import:\n  - terraformPlan: ./plan.json\n    account: "111122223333"\n  - cloudformation: ./t.json\n    account: "111122223333"\naccounts:\n  "111122223333":\n    users: { bob: {} }\n',
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    count: 4,
    errors: [
      /^plan\.json:1:70: planned_values\.root_module\.resources: expected a list \(this is not `terraform show -json PLANFILE` output as Terraform writes it/,
      /^plan\.json:1:\d+: planned_values\.root_module\.child_modules\[0\]\.resources\[0\]: a resource without its address or type \(/,
      /^plan\.json:1:\d+: resource_changes: expected a list \(/,
      /^t\.json:1:15: AWS::IAM::Role R has no AssumeRolePolicyDocument \(a role's trust policy is required/,
    ],
  },
  // A template resource without a Type, an inline policy entry without its document, an attachment
  // without its ARN: each used to be skipped with the policy it stands for.
  "template resources and export entries that would drop a policy": {
    files: {
      "t.json": '{"Resources":{"A":5,"B":{"Properties":{}},"R":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]},"Policies":[{"PolicyName":"p"}]}}}}\n',
      "g.json": '{"UserDetailList":[{"UserName":"u","Arn":"arn:aws:iam::444455556666:user/u","Path":"/","AttachedManagedPolicies":[{"PolicyName":"x"}]}],"GroupDetailList":[],"RoleDetailList":[],"Policies":[]}\n',
      "env.yaml": 'import:\n  - cloudformation: ./t.json\n    account: "111122223333"\n  - authorizationDetails: ./g.json\n    account: "444455556666"\naccounts:\n  "111122223333":\n    users: { bob: {} }\n',
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    count: 4,
    errors: [
      /^t\.json:1:19: Resources\.A: a resource is a mapping with a Type \(write A: \{ Type: AWS::IAM::Role/,
      /^t\.json:1:\d+: Resources\.B: a resource is a mapping with a Type \(/,
      /^t\.json:1:\d+: R\.Policies: an inline policy entry without its PolicyDocument \(write each entry as/,
      /^g\.json:1:\d+: an attached managed policy without its PolicyArn \(this is not `aws iam get-account-authorization-details` output/,
    ],
  },
  // Tag keys: 1 to 128 characters of letters, digits, spaces and _.:/=+-@ (tag-editor/latest/userguide/tagging.html).
  "tag keys AWS would refuse": {
    files: {
      "env.yaml": `accounts:\n  "111122223333":\n    users:\n      bob: { tags: { "": x, "${"k".repeat(129)}": y, "a|b": z } }\n`,
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n    session: {}\n",
      "u.iamspec.yaml": `${ENV}  - as: role/deploy\n    mayNot: iam:CreateUser\n    session: { tags: { "": v } }\n`,
    },
    code: 2,
    errors: [
      /^env\.yaml:4:22: accounts\.111122223333\.users\.bob\.tags: key "" is not valid \(expected a tag key: 1 to 128 letters/,
      /^env\.yaml:4:\d+: accounts\.111122223333\.users\.bob\.tags: key "k{129}" is not valid/,
      /^env\.yaml:4:\d+: accounts\.111122223333\.users\.bob\.tags: key "a\|b" is not valid/,
      /^u\.iamspec\.yaml:5:24: expect\[0\]\.session\.tags: key "" is not valid/,
    ],
  },
  // A Principal names principals (reference_policies_elements_principal.html): an empty one, an empty
  // value, or a value of the wrong type is an error with a hint, like every other policy error.
  "Principal elements that name nobody, each with a hint": {
    files: {
      "p.json": [
        '{ "Version": "2012-10-17", "Statement": [',
        '  { "Sid": "A", "Effect": "Allow", "Principal": {}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" },',
        '  { "Sid": "B", "Effect": "Allow", "Principal": { "CanonicalUser": "" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" },',
        '  { "Sid": "C", "Effect": "Allow", "Principal": { "Federated": 5 }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" },',
        '  { "Sid": "D", "Effect": "Allow", "Principal": { "AWS": [] }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" },',
        '  { "Sid": "E", "Effect": "Allow", "Principal": "arn:aws:iam::111122223333:root", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" },',
        '  { "Sid": "F", "Effect": "Allow", "Principal": { "Service": "*.amazonaws.com" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" },',
        '  { "Sid": "G", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": { "StringEquals": { "aws:username": "${aws:PrincipalTag/x" } } }',
        "] }",
        "",
      ].join("\n"),
      "env.yaml": 'accounts:\n  "111122223333":\n    users: { bob: {} }\n    resources:\n      "arn:aws:s3:::b": { policy: ./p.json }\n',
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: s3:DeleteObject\n    on: arn:aws:s3:::b/*\n",
    },
    code: 2,
    count: 7,
    errors: [
      /^p\.json:2:49: invalid resource policy: Statement\[0\]\.Principal: names no principal \(write "Principal": "\*", or name principals by type/,
      /^p\.json:3:68: invalid resource policy: Statement\[1\]\.Principal\.CanonicalUser: an empty principal \(name a principal of type CanonicalUser, or remove the value\)$/,
      /^p\.json:4:64: invalid resource policy: Statement\[2\]\.Principal\.Federated: must be a string, not number \(quote the value: "5"\)$/,
      /^p\.json:5:58: invalid resource policy: Statement\[3\]\.Principal\.AWS: must name at least one principal \(give AWS a value or a list of values, or remove it\)$/,
      /^p\.json:6:49: invalid resource policy: Statement\[4\]\.Principal: must be "\*" or a mapping .* \(write "Principal": "\*"/,
      /^p\.json:7:62: invalid resource policy: Statement\[5\]\.Principal\.Service: a service principal cannot contain a wildcard: "\*\.amazonaws\.com" \(name the service/,
      /^p\.json:8:\d+: invalid resource policy: Statement\[6\]\.Condition\.StringEquals\.aws:username: unterminated policy variable starting at "\$\{aws:PrincipalTag\/x" \(write a variable as \$\{service:key\}/,
    ],
  },

  // A principal always acts as itself: mayBecome of itself passes and mayNotBecome of itself fails
  // without a request being asked (contract section 2a asks about coming to act as *another* principal).
  "a mayBecome or mayNotBecome target that is the principal in as": {
    files: {
      "t.iamspec.yaml": `${ENV}${[
        "  - as: role/deploy\n    mayNotBecome: role/deploy\n",
        "  - as: arn:aws:sts::111122223333:assumed-role/deploy/s1\n    mayBecome: [admin, arn:aws:iam::111122223333:role/deploy]\n",
        "  - as: user/alice\n    mayNotBecome: user/alice\n",
      ].join("")}`,
    },
    code: 2,
    count: 3,
    errors: [
      /^t\.iamspec\.yaml:4:19: mayNotBecome: "role\/deploy" is the principal in `as` itself, which always acts as itself, so this mayNotBecome would fail without asking a single request \(name another user or role/,
      /^t\.iamspec\.yaml:6:24: mayBecome: "arn:aws:iam::111122223333:role\/deploy" is the principal in `as` itself, .* would pass without asking a single request \(/,
      /^t\.iamspec\.yaml:8:19: mayNotBecome: "user\/alice" is the principal in `as` itself/,
    ],
  },
  // except leaves principals out of the set; one the set never held is a typo (the principal meant
  // to be left out is still in it).
  "except naming principals outside the set": {
    files: {
      "t.iamspec.yaml": `${ENV}${[
        '  - as: { from: "111122223333", except: [arn:aws:iam::444455556666:role/x, role/deploy, { service: lambda.amazonaws.com }] }\n    mayNot: iam:CreateUser\n',
        '  - as: { notFrom: "111122223333", except: [user/alice, "444455556666", anonymous] }\n    mayNot: iam:CreateUser\n',
      ].join("")}`,
    },
    code: 2,
    count: 3,
    errors: [
      /^t\.iamspec\.yaml:3:42: except: arn:aws:iam::444455556666:role\/x is not in \{ from: "111122223333" \}, so leaving it out changes nothing \(except names principals of the set/,
      /^t\.iamspec\.yaml:3:89: except: lambda\.amazonaws\.com is not in \{ from: "111122223333" \}/,
      /^t\.iamspec\.yaml:5:45: except: user\/alice is not in \{ notFrom: "111122223333" \}/,
    ],
  },
  "except naming principals inside the set is accepted": {
    files: { "t.iamspec.yaml": `${ENV}  - as: { from: "111122223333", except: [role/deploy] }\n    mayNot: iam:CreateUser\n  - as: { notFrom: "444455556666", except: [user/alice, anonymous, { service: lambda.amazonaws.com }] }\n    mayNot: iam:CreateUser\n` },
    code: 0,
  },
  // exact: true on a may is what a may does anyway (accepted); runs and exact steer a become search.
  "exact: true on a may, runs and exact on mayBecome and mayNotBecome are accepted": {
    files: {
      "t.iamspec.yaml": `${ENV}${[
        "  - as: role/deploy\n    may: s3:GetObject\n    on: arn:aws:s3:::acme-artifacts/builds/x\n    exact: true\n",
        "  - it: alice may become deploy, sampled\n    as: user/alice\n    mayBecome: role/deploy\n    runs: 5\n",
        "  - it: alice may become deploy, exactly\n    as: user/alice\n    mayBecome: role/deploy\n    exact: true\n",
        "  - as: role/deploy\n    mayNotBecome: user/alice\n    runs: 5\n",
      ].join("")}`,
    },
    code: 0,
  },
  // Messages name the files they are about as the user wrote them (or by name, at the file itself).
  "import errors name files relative to where they are written, never by an absolute path": {
    files: {
      "sub/plan.json": '{ "foo": 1 }\n',
      "sub/gaad.json": '{ "foo": 1 }\n',
      "sub/t.json": '{ "Parameters": { "A": { "Type": "String" } } }\n',
      "env.yaml": 'import:\n  - terraformPlan: ./sub/plan.json\n    account: "111122223333"\n  - authorizationDetails: ./sub/gaad.json\n    account: "111122223333"\n  - cloudformation: ./sub/t.json\n    account: "111122223333"\n    parameters: { B: x }\naccounts:\n  "111122223333":\n    users: { bob: {} }\n',
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    count: 4,
    errors: [
      /^env\.yaml:8:19: parameter B is not declared in sub\/t\.json \(declared parameters: A\)$/,
      /^sub\/gaad\.json:1:1: gaad\.json is not an account authorization details export \(/,
      /^sub\/plan\.json:1:1: plan\.json is not a Terraform plan in JSON \(/,
      /^sub\/t\.json:1:1: t\.json has no Resources: is it a CloudFormation template\? \(/,
    ],
  },

  // Empty values said nothing: each is reported once, at the value.
  "empty values, each reported once: environment, except, extends; an infinite runs": {
    files: {
      "g.iamspec.yaml": 'environment: ""\nexpect:\n  - as: role/deploy\n    mayNot: s3:GetObject\n',
      "r.iamspec.yaml": `${ENV}  - as: { from: "111122223333", except: [] }\n    mayNot: s3:GetObject\n  - as: role/deploy\n    mayNot: s3:GetObject\n    runs: .inf\n`,
      "e1.yaml": 'extends: ""\naccounts: { "111122223333": { users: { bob: {} } } }\n',
      "e2.yaml": 'extends: []\naccounts: { "111122223333": { users: { bob: {} } } }\n',
      "t1.iamspec.yaml": "environment: ./e1.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n",
      "t2.iamspec.yaml": "environment: ./e2.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    count: 5,
    once: [/^g\.iamspec\.yaml:1:14: /, /^r\.iamspec\.yaml:7:11: /],
    errors: [
      /^g\.iamspec\.yaml:1:14: environment: must not be empty \(/,
      /^r\.iamspec\.yaml:3:41: expect\[0\]\.as\.except: must not be an empty list \(give at least one item, or remove the key\)$/,
      /^r\.iamspec\.yaml:7:11: expect\[1\]\.runs: \.inf is not a finite number \(write a number/,
      /^e1\.yaml:1:10: extends: must not be empty \(/,
      /^e2\.yaml:1:10: extends: must not be an empty list \(/,
    ],
  },
  // A tag value is 0 to 256 characters (tag-editor/latest/userguide/tagging.html; session tags the
  // same: STS/latest/APIReference/API_Tag.html).
  "a tag value longer than AWS allows": {
    files: {
      "env.yaml": `accounts:\n  "111122223333":\n    users: { bob: { tags: { team: "${"x".repeat(257)}", ok: "${"y".repeat(256)}" } } }\n`,
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    count: 1,
    errors: [/^env\.yaml:3:35: accounts\.111122223333\.users\.bob\.tags\.team: 257 characters are more than 256 \(expected a tag value: 0 to 256 characters/],
  },
  // What AWS accepts is accepted: a statement written as one object instead of a list
  // (reference_policies_grammar.html: <statement_block> = "Statement" : [ <statement>, ... ] | <statement>),
  // a role whose trust policy names the role itself (IAM/latest/UserGuide/id_roles_update-role-trust-policy.html:
  // a role assumes itself only when its trust policy says so), account ids written without quotes
  // (and with a leading zero: the text as written), an organization with no tree (no account is a
  // member), an SCP on the management account (attached, but SCPs never apply to it:
  // organizations/latest/userguide/orgs_manage_policies_scps.html).
  "what AWS accepts: one statement object, a role trusting itself, unquoted account ids, an organization without a tree": {
    files: {
      "env.yaml": [
        "accounts:",
        "  111122223333:",
        "    users: { bob: { policies: [ { Version: \"2012-10-17\", Statement: { Effect: Allow, Action: sts:AssumeRole, Resource: \"*\" } } ] } }",
        "    roles:",
        '      r: { trust: { Version: "2012-10-17", Statement: [ { Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:role/r" }, Action: "sts:AssumeRole" } ] } }',
        "  011122223333:",
        "    users: { carol: {} }",
        "organization:",
        "  id: o-a1b2c3d4e5",
        "  management: \"011122223333\"",
        "  root:",
        "    accounts:",
        "      \"011122223333\": { scps: [ FullAWSAccess ] }",
        "",
      ].join("\n"),
      "t.iamspec.yaml": [
        "environment: ./env.yaml",
        "expect:",
        "  - it: bob cannot assume r, which trusts only itself",
        "    as: user/bob",
        "    mayNot: sts:AssumeRole",
        "    on: arn:aws:iam::111122223333:role/r",
        "  - it: r can assume itself",
        "    as: role/r",
        "    may: sts:AssumeRole",
        "    on: arn:aws:iam::111122223333:role/r",
        "  - it: carol is the user of account 011122223333",
        "    as: arn:aws:iam::011122223333:user/carol",
        "    mayNot: iam:CreateUser",
        "",
      ].join("\n"),
    },
    code: 0,
  },

  // on.except leaves resources out of match: one that shares no ARN with it (another bucket, the
  // bucket itself beside its objects) is a typo, and the resource meant to be left out is still checked.
  "on.except entries outside match; a set of principals as a become target": {
    files: {
      "t.iamspec.yaml": `${ENV}${[
        "  - as: user/alice\n    mayNot: s3:GetObject\n    on: { match: arn:aws:s3:::acme-artifacts/*, except: [arn:aws:s3:::acme-artifcats/*, arn:aws:s3:::acme-artifacts/builds/*, arn:aws:s3:::acme-artifacts] }\n",
        '  - as: role/deploy\n    mayNotBecome: "*"\n',
      ].join("")}`,
    },
    code: 2,
    count: 3,
    errors: [
      /^t\.iamspec\.yaml:5:58: on\.except: arn:aws:s3:::acme-artifcats\/\* covers none of the resources of match, so leaving it out changes nothing \(except names resources inside match/,
      /^t\.iamspec\.yaml:5:\d+: on\.except: arn:aws:s3:::acme-artifacts covers none of the resources of match/,
      /^t\.iamspec\.yaml:7:19: mayNotBecome: a target is one principal, not a set of principals \(name a user or role of the environment .* or admin/,
    ],
  },

  // JSON reads 1e400 as Infinity, which no numeric condition can compare; a Binary condition takes
  // base64 (reference_policies_elements_condition_operators.html#Conditions_BinaryEquals).
  "condition values no operator can read, each with a hint": {
    files: {
      "p.json": [
        '{ "Version": "2012-10-17", "Statement": [',
        '  { "Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": { "NumericLessThan": { "aws:MultiFactorAuthAge": 1e400 } } },',
        '  { "Sid": "B", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": { "BinaryEquals": { "aws:x": "!!!" } } }',
        "] }",
        "",
      ].join("\n"),
      "env.yaml": 'accounts:\n  "111122223333":\n    users: { bob: { policies: [ ./p.json ] } }\n',
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    count: 2,
    errors: [
      /^p\.json:2:\d+: invalid identity policy: Statement\[0\]\.Condition\.NumericLessThan\.aws:MultiFactorAuthAge: a condition value must be a string, number or boolean, not the number Infinity, which is out of range \(/,
      /^p\.json:3:\d+: invalid identity policy: Statement\[1\]\.Condition\.BinaryEquals\.aws:x: "!!!" is not base64 \(write the bytes base64-encoded/,
    ],
  },

  // A policy AWS cannot attach is never read: an EC2 instance has none (EC2 grants access through
  // identity policies: AWSEC2/latest/UserGuide/iam-policies-for-amazon-ec2.html), a role's resource
  // policy is its trust policy, a VPC endpoint's is its endpoint policy. Each used to be kept and
  // read as a resource policy (a may passed on a grant AWS could never hold).
  "policies on resources that hold no resource-based policy": {
    files: {
      "env.yaml": [
        "accounts:",
        '  "111122223333":',
        "    users: { bob: {} }",
        "    roles: { r: {} }",
        "    resources:",
        '      "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0":',
        '        policy: { Version: "2012-10-17", Statement: [ { Effect: Allow, Principal: "*", Action: "ec2:TerminateInstances", Resource: "*" } ] }',
        '      "arn:aws:iam::111122223333:role/r":',
        '        policy: { Version: "2012-10-17", Statement: [ { Effect: Allow, Principal: "*", Action: "sts:AssumeRole" } ] }',
        '      "arn:aws:ec2:us-east-1:111122223333:vpc-endpoint/vpce-0abc":',
        '        policy: { Version: "2012-10-17", Statement: [ { Effect: Allow, Principal: "*", Action: "*", Resource: "*" } ] }',
        '      "arn:aws:s3:::b":',
        "        networkOrigin: VPC",
        "",
      ].join("\n"),
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    count: 4,
    errors: [
      /^env\.yaml:7:9: resources: arn:aws:ec2:us-east-1:111122223333:instance\/i-0123456789abcdef0: Amazon EC2 resources have no resource-based policy, so AWS could never read this one \(grant or deny access in the callers' identity policies/,
      /^env\.yaml:9:9: resources: arn:aws:iam::111122223333:role\/r is a role: its resource policy is its trust policy \(write it as trust: under accounts\."111122223333"\.roles\.r\)$/,
      /^env\.yaml:11:9: resources: arn:aws:ec2:us-east-1:111122223333:vpc-endpoint\/vpce-0abc is a VPC endpoint: its policy is an endpoint policy \(declare it under accounts\."111122223333"\.vpcEndpoints/,
      /^env\.yaml:13:24: resources: arn:aws:s3:::b is not an S3 access point; only an access point has a networkOrigin \(remove networkOrigin/,
    ],
  },

  // An account id is 12 digits (IAM/latest/UserGuide/reference_identifiers.html): 11 is a dropped digit.
  "an account id with 11 digits in as": {
    files: { "t.iamspec.yaml": `${ENV}  - as: "11112222333"\n    mayNot: s3:GetObject\n` },
    code: 2,
    count: 1,
    errors: [/^t\.iamspec\.yaml:3:9: "11112222333" has 11 digits; an account id has 12 \(write the 12-digit account id, quoted/],
  },

  // The policy grammar (IAM/latest/UserGuide/reference_policies_grammar.html) and its element pages:
  // Version is one of two strings (reference_policies_elements_version.html), Statement a statement
  // or a list of them, Effect "Allow" or "Deny" (case matters), IfExists not on Null
  // (reference_policies_elements_condition_operators.html), no wildcard inside a principal ARN
  // (reference_policies_elements_principal.html).
  "policy documents against the grammar, each at its element with a hint": {
    files: {
      "p1.json": '{ "Version": 2012, "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } ] }\n',
      "p2.json": '{ "Version": "2012-10-17", "Statement": "Allow everything" }\n',
      "p3.json": '{ "Version": "2012-10-17", "Statement": [ { "Effect": "allow", "Action": "s3:GetObject", "Resource": "*" } ] }\n',
      "p4.json": '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": { "NullIfExists": { "aws:SourceIp": "true" } } } ] }\n',
      "p5.json": '{ "Version": "2012-10-17", "Statement": [] }\n',
      "p6.json": '{ "Version": "2012-10-17", "Statement": [ { "Effect": ["Allow"], "Action": "s3", "Resource": "*", "NotResource": "arn:aws:s3:::x" } ] }\n',
      "r.json": '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:user/*", "Foo": "x" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" } ] }\n',
      "env.yaml": [
        "accounts:",
        '  "111122223333":',
        "    users:",
        ...[1, 2, 3, 4, 5, 6].map((i) => `      u${i}: { policies: [ ./p${i}.json ] }`),
        "    resources:",
        '      "arn:aws:s3:::b": { policy: ./r.json }',
        "",
      ].join("\n"),
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/u1\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    count: 10,
    errors: [
      /^p1\.json:1:14: invalid identity policy: Version: Version must be "2012-10-17" or "2008-10-17", not 2012 \(use "2012-10-17"\)$/,
      /^p2\.json:1:\d+: invalid identity policy: Statement: a statement must be a JSON object \(/,
      /^p3\.json:1:\d+: invalid identity policy: Statement\[0\]\.Effect: Effect must be "Allow" or "Deny", not "allow" \(write "Allow" or "Deny" \(case matters\)\)$/,
      /^p4\.json:1:\d+: invalid identity policy: Statement\[0\]\.Condition\.NullIfExists: IfExists cannot be added to Null \(/,
      /^p5\.json:1:\d+: invalid identity policy: Statement: the Statement list is empty \(add at least one statement\)$/,
      /^p6\.json:1:\d+: invalid identity policy: Statement\[0\]\.Effect: Effect must be "Allow" or "Deny", not \["Allow"\]/,
      /^p6\.json:1:\d+: invalid identity policy: Statement\[0\]\.Action: "s3" is not an action \(write "service:ActionName"/,
      /^p6\.json:1:\d+: invalid identity policy: Statement\[0\]: a statement cannot have both Resource and NotResource \(/,
      /^r\.json:1:\d+: invalid resource policy: Statement\[0\]\.Principal\.AWS: wildcards are not allowed inside a principal ARN: "arn:aws:iam::111122223333:user\/\*" \(use "Principal": \{"AWS": "\*"\} with a Condition on aws:PrincipalArn/,
      /^r\.json:1:\d+: invalid resource policy: Statement\[0\]\.Principal\.Foo: unknown principal type "Foo" \(use one of AWS, Service, Federated, CanonicalUser\)$/,
    ],
  },
  // An OU nested in itself (a YAML alias to its own anchor): the file cannot be read as a tree.
  "an OU nested in itself": {
    files: {
      "env.yaml": [
        "accounts:",
        '  "111122223333":',
        "    users: { bob: {} }",
        "organization:",
        "  id: o-a1b2c3d4e5",
        "  root:",
        "    ous:",
        "      A: &a",
        "        ous: { B: *a }",
        "",
      ].join("\n"),
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    errors: [
      /^env\.yaml:9:19: alias \*a cannot be resolved \(an alias cannot stand inside the value its anchor names/,
    ],
  },
  // An SCP file that is not there; a boundary written as a list (a principal has one permissions
  // boundary: IAM/latest/UserGuide/access_policies_boundaries.html).
  "a missing SCP file and a boundary that is a list": {
    files: {
      "env.yaml": [
        "accounts:",
        '  "111122223333":',
        "    users: { bob: { boundary: [ arn:aws:iam::aws:policy/ReadOnlyAccess ] } }",
        "organization:",
        "  id: o-a1b2c3d4e5",
        "  root:",
        "    scps: [ FullAWSAccess, ./scps/missing.json ]",
        '    accounts: [ "111122223333" ]',
        "",
      ].join("\n"),
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    count: 2,
    errors: [
      /^env\.yaml:3:31: accounts\.111122223333\.users\.bob\.boundary: expected a string or a mapping, got a list \(permissions boundary/,
      /^env\.yaml:7:28: scps\/missing\.json: file not found \(relative paths are resolved against the directory of the file that names them\)$/,
    ],
  },

  // Values that say nothing, or nothing AWS could send, each at its value.
  "YAML edge values: empty strings and lists, null, a huge number, items that are no expectation": {
    files: {
      "t.iamspec.yaml": `${ENV}${[
        '  - as: role/deploy\n    mayNot: s3:GetObject\n    on: ""\n',
        "  - as: role/deploy\n    mayNot: s3:GetObject\n    when: []\n",
        "  - as: role/deploy\n    mayNot: s3:GetObject\n    when: null\n",
        "  - as: role/deploy\n    mayNot: s3:GetObject\n    runs: 99999999999999999999999999\n",
        "  - as: role/deploy\n    mayNot: []\n",
        "  - null\n",
        "  - 5\n",
        "  - as: role/deploy\n    mayNot: s3:GetObject\n    when: { aws:MultiFactorAuthAge: .nan }\n",
      ].join("")}`,
    },
    code: 2,
    count: 8,
    errors: [
      /^t\.iamspec\.yaml:5:9: expect\[0\]\.on: must not be empty \(/,
      /^t\.iamspec\.yaml:8:11: expect\[1\]\.when: expected a mapping, got a list \(/,
      /^t\.iamspec\.yaml:11:11: expect\[2\]\.when: expected a mapping, got null \(/,
      /^t\.iamspec\.yaml:14:11: runs: 99999999999999999999999999 is above the maximum 10000000 \(/,
      /^t\.iamspec\.yaml:16:13: expect\[4\]\.mayNot: must not be an empty list \(/,
      /^t\.iamspec\.yaml:17:5: expect\[5\]: expected a mapping, got null \(/,
      /^t\.iamspec\.yaml:18:5: expect\[6\]: expected a mapping, got the number 5 \(/,
      /^t\.iamspec\.yaml:21:37: expect\[7\]\.when\.aws:MultiFactorAuthAge: \.nan is not a finite number \(/,
    ],
  },

  // A policy or a spec named where an environment belongs: one error at the reference, saying what the
  // file is (it used to be an unknown-key error for each of the file's keys, at the file).
  "a policy file or a spec file named as the environment": {
    files: {
      "pol.json": '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } ] }\n',
      "a.iamspec.yaml": "environment: ./pol.json\nexpect:\n  - as: role/deploy\n    mayNot: iam:CreateUser\n",
      "b.iamspec.yaml": "environment: ./a.iamspec.yaml\nexpect:\n  - as: role/deploy\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    count: 2,
    errors: [
      /^a\.iamspec\.yaml:1:14: pol\.json is a policy document, not an environment \(name the environment file here/,
      /^b\.iamspec\.yaml:1:14: a\.iamspec\.yaml is a spec file, not an environment \(name the environment file the spec uses/,
    ],
  },

  // DurationSeconds is at most the role's maxSessionDuration (STS/latest/APIReference/API_AssumeRole.html):
  // no longer session exists, and a mayNot of it would hold having checked nothing (it used to pass:
  // mayNotBecome, or be reported as a request space AWS never sends: mayNot).
  "a mayNot of a session longer than the role allows": {
    files: { "t.iamspec.yaml": `${ENV}  - as: role/deploy\n    mayNot: s3:GetObject\n    session: { durationSeconds: 7200 }\n  - as: role/deploy\n    mayNotBecome: user/alice\n    session: { durationSeconds: 43200 }\n` },
    code: 2,
    count: 2,
    errors: [
      /^t\.iamspec\.yaml:5:33: session\.durationSeconds: 7200 is above 3600, the maxSessionDuration of arn:aws:iam::111122223333:role\/deploy: no such session exists, so this mayNot would hold having checked nothing \(use at most 3600 seconds, or raise maxSessionDuration of role deploy/,
      /^t\.iamspec\.yaml:8:33: session\.durationSeconds: 43200 is above 3600, .* so this mayNotBecome would hold having checked nothing \(/,
    ],
  },

  // Role chaining (IAM/latest/UserGuide/id_roles_terms-and-concepts.html): each hop assumes the next,
  // and only a role can be assumed. A user or anonymous after the first entry used to be skipped, and
  // the chain checked without it.
  "a chain that assumes a principal that is not a role": {
    files: { "t.iamspec.yaml": `${ENV}  - as: role/deploy\n    assumedBy: [user/alice, user/alice]\n    mayNot: iam:CreateUser\n  - as: role/deploy\n    assumedBy: [{ service: lambda.amazonaws.com }, anonymous]\n    mayNot: iam:DeleteUser\n` },
    code: 2,
    count: 2,
    errors: [
      /^t\.iamspec\.yaml:4:29: assumedBy\[1\]: user\/alice is not a role, so the principal before it cannot assume it \(after the first entry, a chain lists roles/,
      /^t\.iamspec\.yaml:7:52: assumedBy\[1\]: anonymous is not a role/,
    ],
  },

  // A service principal is a host name (reference_policies_elements_principal.html#principal-services):
  // "lambda" names no service, and used to be kept as one that no request could come from.
  // A Federated principal is a provider ARN or a web identity provider's host
  // (#principal-federated-web-identity); a CanonicalUser 64 hexadecimal digits
  // (AmazonS3/latest/userguide/finding-canonical-user-id.html).
  "a service principal that is no host name; a provider and a canonical user that are none": {
    files: {
      "r.json": '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "Service": ["lambda", "lambda.amazonaws.com"] }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" } ] }\n',
      "r2.json": '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "CanonicalUser": "xyz" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b2/*" } ] }\n',
      "t1.json": '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "Federated": "okta" }, "Action": "sts:AssumeRoleWithWebIdentity" } ] }\n',
      "env.yaml": 'accounts:\n  "111122223333":\n    users: { bob: {} }\n    roles: { r1: { trust: ./t1.json } }\n    resources:\n      "arn:aws:s3:::b": { policy: ./r.json }\n      "arn:aws:s3:::b2": { policy: ./r2.json }\n',
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: iam:CreateUser\n",
    },
    code: 2,
    count: 3,
    errors: [
      /^r\.json:1:\d+: invalid resource policy: Statement\[0\]\.Principal\.Service\[0\]: "lambda" is not a service principal \(write the service's principal name, e\.g\. "lambda\.amazonaws\.com"\)$/,
      /^r2\.json:1:\d+: invalid resource policy: Statement\[0\]\.Principal\.CanonicalUser: "xyz" is not a canonical user ID \(write the account's canonical user ID: 64 hexadecimal digits\)$/,
      /^t1\.json:1:\d+: invalid trust policy: Statement\[0\]\.Principal\.Federated: "okta" is not an identity provider \(write the provider's ARN/,
    ],
  },

  // SourceIdentity is 2 to 64 of [\w+=,.@-] (STS/latest/APIReference/API_AssumeRole.html); one AWS
  // refuses used to be reported as a request space AWS never sends.
  "a source identity AWS would refuse": {
    files: { "t.iamspec.yaml": `${ENV}  - as: role/deploy\n    mayNot: iam:CreateUser\n    session: { sourceIdentity: "" }\n  - as: role/deploy\n    mayNot: iam:DeleteUser\n    session: { sourceIdentity: "a b" }\n` },
    code: 2,
    count: 2,
    errors: [
      /^t\.iamspec\.yaml:5:32: expect\[0\]\.session\.sourceIdentity: "" is not valid \(expected a source identity set on the session \(aws:SourceIdentity\): 2 to 64 letters/,
      /^t\.iamspec\.yaml:8:32: expect\[1\]\.session\.sourceIdentity: "a b" is not valid \(/,
    ],
  },

  // An account's name is an alias (contract section 3): two accounts of one name leave a reader, and
  // every report that names an account by it, unable to tell which is meant; nothing resolves through
  // it, so the environment is valid: a warning.
  "two accounts with the same name": {
    files: {
      "env.yaml": 'accounts:\n  "111122223333":\n    name: prod\n    users: { alice: {} }\n  "444455556666":\n    name: prod\n',
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/alice\n    mayNot: iam:CreateUser\n",
    },
    code: 0,
    errors: [/^env\.yaml:6:11: warning: name: "prod" is also the name of account 111122223333 \(line 3\) \(give each account its own name\)$/],
  },
  "two accounts with the same name, in two merged environment files": {
    files: {
      "a.yaml": 'accounts:\n  "111122223333":\n    name: prod\n    users: { alice: {} }\n',
      "b.yaml": 'accounts:\n  "444455556666":\n    name: prod\n',
      "t.iamspec.yaml": "environment: [./a.yaml, ./b.yaml]\nexpect:\n  - as: user/alice\n    mayNot: iam:CreateUser\n",
    },
    code: 0,
    errors: [/^b\.yaml:3:11: warning: name: "prod" is also the name of account 111122223333 \(a\.yaml:3:11\) \(/],
  },
  // S3 refuses a bucket policy whose Resource names another bucket: PutBucketPolicy answers
  // MalformedPolicy "Policy has invalid resource" (AmazonS3/latest/API/API_PutBucketPolicy.html). Kept,
  // it would grant nothing on its bucket, and a mayNot there would pass on a policy AWS never stored.
  "a bucket policy whose statements name another bucket": {
    files: {
      "logs.json": '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::acme-logs/*", "arn:aws:s3:::acme-other/*"] }\n  ]\n}\n',
      "env.yaml": [
        "accounts:",
        '  "111122223333":',
        "    users: { alice: {} }",
        "    resources:",
        '      "arn:aws:s3:::acme-uploads":',
        "        policy:",
        '          Version: "2012-10-17"',
        "          Statement:",
        '            - { Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: "arn:aws:s3:::acme-artifacts/*" }',
        '      "arn:aws:s3:::acme-logs": { policy: ./logs.json }',
        '      "arn:aws:s3:::acme-ok":',
        "        policy:",
        '          Version: "2012-10-17"',
        "          Statement:",
        '            - { Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: ["arn:aws:s3:::acme-ok/*", "arn:aws:s3:::acme-*/public/*", "arn:aws:s3:::${aws:username}/*"] }',
        "",
      ].join("\n"),
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: anonymous\n    mayNot: s3:GetObject\n    on: arn:aws:s3:::acme-uploads/*\n",
    },
    code: 2,
    count: 2,
    errors: [
      /^env\.yaml:9:80: resource policy of arn:aws:s3:::acme-uploads: Statement\[0\]\.Resource: arn:aws:s3:::acme-artifacts\/\* names bucket acme-artifacts, not arn:aws:s3:::acme-uploads: S3 refuses the policy \(MalformedPolicy: Policy has invalid resource\) \(a bucket policy names its own bucket/,
      /^logs\.json:4:\d+: resource policy of arn:aws:s3:::acme-logs: Statement\[0\]\.Resource\[1\]: arn:aws:s3:::acme-other\/\* names bucket acme-other/,
    ],
  },

  // `{ not }` over every value AWS sends for the key (every IPv4 and IPv6 address, true and false)
  // leaves no request: an error, never a pass. The prover read an IP or Bool key that no policy
  // compares as any text and reported `aws:SourceIp: ""` allowed, a request AWS never sends.
  "a { not } that leaves no value of the key": {
    files: {
      "t.iamspec.yaml": `${ENV}  - as: role/deploy\n    mayNot: s3:PutObject\n    on: arn:aws:s3:::acme-artifacts/builds/x\n    when: { aws:SourceIp: { not: ["0.0.0.0/0", "::/0"] } }\n  - as: role/deploy\n    mayNot: s3:PutObject\n    on: arn:aws:s3:::acme-artifacts/builds/x\n    when: { aws:SecureTransport: { not: [true, false] } }\n`,
    },
    code: 2,
    count: 2,
    errors: [/^t\.iamspec\.yaml:3:5: this mayNot examined no request \(none of its space is a request AWS sends\)/, /^t\.iamspec\.yaml:7:5: this mayNot examined no request/],
  },

  // ---- command line
  // parseArgs keeps the last of a repeated option: `--runs 5 --runs 6` ran with 6, which a reader of
  // a CI script assembled from pieces cannot tell.
  "--runs 5 --runs 6": { dir: "cli-no-specs", args: ["test", "--runs", "5", "--runs", "6"], code: 2, errors: [/^iam-spec: Option '--runs' is given more than once \(5, then 6\): give it once \(run `iam-spec --help` for the options\)$/] },
  "--seed 1 --seed=2": { dir: "cli-no-specs", args: ["test", "--seed", "1", "--seed=2"], code: 2, errors: [/^iam-spec: Option '--seed' is given more than once \(1, then 2\)/] },
  "--reporter pretty --reporter junit": { dir: "cli-no-specs", args: ["test", "--reporter", "pretty", "--reporter", "junit"], code: 2, errors: [/^iam-spec: Option '--reporter' is given more than once \(pretty, then junit\)/] },
  "unknown option": { dir: "cli-no-specs", args: ["test", "--bogus"], code: 2, errors: [/^iam-spec: Unknown option '--bogus'.*\(run `iam-spec --help` for the options\)$/] },
  "--seed abc": { dir: "cli-no-specs", args: ["test", "--seed", "abc"], code: 2, errors: [/^iam-spec: --seed must be an integer from 0 to 4294967295, got "abc"$/] },
  "--seed -1 (a value that looks like an option)": { dir: "cli-no-specs", args: ["test", "--seed", "-1"], code: 2, errors: [/^iam-spec: --seed must be an integer from 0 to 4294967295, got "-1"$/] },
  "--runs 0": { dir: "cli-no-specs", args: ["test", "--runs", "0"], code: 2, errors: [/^iam-spec: --runs must be a positive integer, got "0"$/] },
  "--runs -5": { dir: "cli-no-specs", args: ["test", "--runs", "-5"], code: 2, errors: [/^iam-spec: --runs must be a positive integer, got "-5"$/] },
  "--reporter xml": { dir: "cli-no-specs", args: ["test", "--reporter", "xml"], code: 2, errors: [/^iam-spec: unknown reporter "xml" \(use one of pretty, json, junit, github, sarif\)$/] },
  "a PATH that is a folder without specs": { dir: "cli-no-specs", code: 2, errors: [/^\.: no spec files found under \. \(name spec files \*\.iamspec\.yaml/] },
  "a PATH that is not a spec file": { dir: "cli-not-a-spec", args: ["test", "notes.yaml"], code: 2, errors: [/^notes\.yaml: not a spec file: notes\.yaml \(spec files are named/] },
  "unknown command": { dir: "cli-no-specs", args: ["frobnicate"], code: 2, errors: [/^iam-spec: unknown command "frobnicate" \(the command is/] },
  "a PATH that does not exist": { dir: "cli-no-specs", args: ["test", "nope"], code: 2, errors: [/^nope: no such file or directory: nope \(/] },
  // A resource keyed by a pattern is no resource a request names: its policy would never be read and
  // a mayNot would pass on it unread (only log-group:*, repository/* and API_ID/* govern many).
  "a resource keyed by a pattern": {
    files: {
      "env.yaml": 'accounts:\n  "111122223333":\n    resources:\n      "arn:aws:s3:::acme-uploads/*":\n        policy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "*" }] }\n',
      "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: anonymous\n    mayNot: s3:GetObject\n    on: arn:aws:s3:::acme-uploads/*\n",
    },
    code: 2,
    errors: [/^env\.yaml:4:7: resources: arn:aws:s3:::acme-uploads\/\* is a pattern, not a resource \(key each resource by its own ARN/],
  },
};

function aliasBomb(): string {
  const lines = ["environment: ../_env/environment.yaml", 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]`);
  lines.push("expect: *a9");
  return `${lines.join("\n")}\n`;
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** The working directory of a row: its fixture folder, or a fresh one holding its files. */
function folderOf(name: string, row: Row): string {
  if (row.dir) return join(FIXTURES, row.dir);
  const root = mkdtempSync(join(tmpdir(), "iam-spec-bad-"));
  temps.push(root);
  cpSync(join(FIXTURES, "_env"), join(root, "_env"), { recursive: true });
  const dir = join(root, "case");
  mkdirSync(dir);
  for (const [file, content] of Object.entries(row.files ?? {})) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  if (name.includes("dangling symlink")) symlinkSync(join(dir, "missing-target.yaml"), join(dir, "gone.iamspec.yaml"));
  return dir;
}

const LOCATED = /^[^\s:][^:]*:\d+:\d+: /;

describe("bad inputs fail closed", () => {
  it.each(Object.entries(cases))("%s", async (name, row) => {
    const cwd = folderOf(name, row);
    const args = row.args ?? ["test", ".", "--seed", "1"];
    // A hang (an alias bomb, a quadratic walk) is caught by the test's timeout, not by a clock.
    const r = await cli(args, cwd);
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    expect(r.code, r.stderr + r.stdout).toBe(row.code);
    // Never a stack trace, on either stream.
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n|Error: .*\n\s+at /);
    // Files are named relative to the working directory, or as written: never a machine's folders.
    expect(`${r.stdout}\n${r.stderr}`).not.toContain(dirname(cwd));
    for (const re of row.errors ?? []) expect(lines.some((l) => re.test(l)), `no stderr line matches ${re}:\n${r.stderr}`).toBe(true);
    for (const re of row.once ?? []) expect(lines.filter((l) => re.test(l)), `${re} should match one line:\n${r.stderr}`).toHaveLength(1);
    const located = lines.filter((l) => LOCATED.test(l) && !l.includes(": warning: "));
    if (row.count !== undefined) expect(located, r.stderr).toHaveLength(row.count);
    if (row.code === 2 && !args.includes("--reporter")) {
      // Every input error says where (file:line:column, or the PATH / option at fault) and how to fix it.
      for (const l of lines) expect(LOCATED.test(l) || /^(iam-spec: |[^\s:]+: )/.test(l), l).toBe(true);
      for (const l of located) expect(l, "an input error without a hint").toMatch(HINT);
    }
    // A valid input prints nothing on stderr but the warnings its row names.
    if (row.code === 0) expect(lines.filter((l) => !(row.errors ?? []).some((re) => re.test(l))), r.stderr).toEqual([]);
  });

  it.each(Object.entries(cases).filter(([, row]) => row.code === 2))("%s: --reporter json prints one JSON document and nothing else", async (name, row) => {
    const cwd = folderOf(name, row);
    const args = [...(row.args ?? ["test", ".", "--seed", "1"]), "--reporter", "json"];
    const r = await cli(args, cwd);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { seed: number; summary: { errors: number }; results: { status: string; name: string; file: string; position?: { line: number; column: number } }[] };
    expect(typeof doc.seed).toBe("number");
    expect(doc.summary.errors).toBeGreaterThan(0);
    expect(doc.results.filter((x) => x.status === "error")).toHaveLength(doc.summary.errors);
    // Spec, environment and policy errors carry their position in the file.
    for (const x of doc.results) {
      if (x.status === "error" && x.name !== "spec discovery" && x.name !== "command line") expect(x.position, JSON.stringify(x)).toBeDefined();
    }
  });

  it.each([
    [["test", "--reporter", "json", "--seed", "abc"], /--seed must be an integer/],
    [["test", "--reporter=json", "--bogus"], /Unknown option '--bogus'/],
    [["--reporter", "json"], /no command/],
    [["frobnicate", "--reporter", "json"], /unknown command "frobnicate"/],
  ])("a command-line error with --reporter json is still one JSON document: %j", async (args, message) => {
    const r = await cli(args, join(FIXTURES, "cli-no-specs"));
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { seed: number; summary: unknown; results: { status: string; message: string }[] };
    expect(doc.summary).toEqual({ passed: 0, failed: 0, errors: 1 });
    expect(doc.results[0]).toMatchObject({ status: "error", message: expect.stringMatching(message) });
    expect(r.stderr).toMatch(message);
  });

  it("a command-line error with --reporter junit is one XML document", async () => {
    const r = await cli(["test", "--runs", "0", "--reporter", "junit"], join(FIXTURES, "cli-no-specs"));
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^<\?xml [^]*<testsuites [^]*errors="1"[^]*--runs must be a positive integer[^]*<\/testsuites>\n$/);
  });

  it("a spec with thousands of bad expectations is reported, each error once", async () => {
    const body = Array.from({ length: 4000 }, () => "  - as: role/deploy\n    mya: s3:GetObject\n").join("");
    const dir = folderOf("large", { files: { "t.iamspec.yaml": ENV + body }, code: 2 });
    const r = await cli(["test", ".", "--seed", "1"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").filter((l) => /unknown key "mya"/.test(l))).toHaveLength(4000);
  });

  it("a large broken policy file named by thousands of roles is validated once, not once per reference", async () => {
    const statements = Array.from({ length: 3000 }, (_, i) => ({ Sid: `S${i}`, Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::b${i}/*` }));
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [...statements, { Effect: "Alow", Action: "s3:GetObject", Resource: "*" }] }, null, 1);
    const roles = Array.from({ length: 2000 }, (_, i) => `      r${i}: { trust: ../_env/policies/deploy-trust.json, policies: [ ./p.json ] }`).join("\n");
    const env = `accounts:\n  "111122223333":\n    roles:\n${roles}\n`;
    const dir = folderOf("big-env", {
      files: { "p.json": policy, "env.yaml": env, "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: role/r1\n    mayNot: iam:CreateUser\n" },
      code: 2,
    });
    const r = await cli(["test", ".", "--seed", "1"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").filter((l) => /^p\.json:\d+:\d+: invalid identity policy: Statement\[3000\]\.Effect/.test(l))).toHaveLength(1);
  });

  // AWS accepts a policy whose condition names an aws: key no page lists (a typo): no request carries
  // it, so the condition reads a key that is always absent. A warning at the key, with the closest keys.
  it("an unlisted aws: key in a policy condition is a warning that names the closest keys", async () => {
    const policy = '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",\n  "Condition": { "StringEquals": { "aws:usrname": "bob" } } } ] }\n';
    const dir = folderOf("unlisted-key", {
      files: { "p.json": policy, "env.yaml": 'accounts:\n  "111122223333":\n    users:\n      bob: { policies: [ ./p.json ] }\n', "t.iamspec.yaml": "environment: ./env.yaml\nexpect:\n  - as: user/bob\n    mayNot: s3:PutObject\n    on: arn:aws:s3:::b/x\n" },
      code: 0,
    });
    const r = await cli(["test", ".", "--seed", "1"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^p\.json:2:51: warning: identity policy: Statement\[0\]\.Condition\.StringEquals\.aws:usrname: aws:usrname is not a global condition key: AWS accepts it, but no request carries it \(did you mean aws:username/m);
  });

  // `it` is optional and derived names repeat (only `when` differs, say): a warning, never an error,
  // so that suites keep running; each result is still reported and both pass.
  it("duplicate expectation names in one file are a warning at the second, naming the first", async () => {
    const body = [
      "  - it: deploy is safe\n    as: role/deploy\n    mayNot: iam:CreateUser\n",
      "  - it: deploy is safe\n    as: role/deploy\n    mayNot: iam:DeleteUser\n",
      "  - as: role/deploy\n    mayNot: iam:DeleteRole\n    when: { aws:SourceIp: 203.0.113.7 }\n",
      "  - as: role/deploy\n    mayNot: iam:DeleteRole\n",
    ].join("");
    const dir = folderOf("duplicate-names", { files: { "t.iamspec.yaml": ENV + body, "u.iamspec.yaml": ENV + body.split("  - ").slice(0, 2).join("  - ") }, code: 0 });
    const r = await cli(["test", ".", "--seed", "1"], dir);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    expect(lines).toEqual([
      't.iamspec.yaml:6:9: warning: expect[1]: "deploy is safe" is also the name of expect[0] (line 3), so reports cannot tell their results apart (give each expectation its own it:)',
      't.iamspec.yaml:12:5: warning: expect[3]: "role/deploy may not iam:DeleteRole" is also the name of expect[2] (line 9), so reports cannot tell their results apart (add an it: that says what this expectation checks)',
    ]);
    const json = await cli(["test", ".", "--seed", "1", "--reporter", "json"], dir);
    const doc = JSON.parse(json.stdout) as { summary: { passed: number }; warnings: string[] };
    // u.iamspec.yaml repeats a name of t.iamspec.yaml: names are per file (the report names the file).
    expect(doc.summary.passed).toBe(5);
    expect(doc.warnings).toEqual(lines);
  });

  // A may evaluates the written request on each sampled resource and fuzzes nothing; exact: true asks
  // the written request only: a budget there is spent by nobody. The contract lists runs and exact for
  // every expectation, so such a spec is valid: a warning at the key, and every expectation is checked.
  it("runs and exact where they change nothing are warnings at the key, and the expectations still run", async () => {
    const body = [
      "  - as: role/deploy\n    may: s3:GetObject\n    on: arn:aws:s3:::acme-artifacts/builds/x\n    runs: 5\n    it: a budget\n",
      "  - as: role/deploy\n    may: s3:GetObject\n    on: arn:aws:s3:::acme-artifacts/builds/x\n    exact: false\n    it: not exact\n",
      "  - as: role/deploy\n    mayNot: s3:DeleteObject\n    exact: true\n    runs: 10\n",
      "  - as: user/alice\n    mayNotBecome: admin\n    exact: true\n    runs: 10\n",
    ].join("");
    const dir = folderOf("runs-exact-unused", { files: { "t.iamspec.yaml": ENV + body }, code: 0 });
    const r = await cli(["test", ".", "--seed", "1", "--reporter", "json"], dir);
    const doc = JSON.parse(r.stdout) as { summary: { passed: number; failed: number; errors: number }; warnings: string[] };
    expect(doc.summary.errors, r.stdout).toBe(0);
    expect(doc.summary.passed + doc.summary.failed).toBe(4);
    expect(doc.warnings).toEqual([
      expect.stringMatching(/^t\.iamspec\.yaml:6:5: warning: runs does not apply to may: a may checks the request exactly as written, nothing is fuzzed \(remove runs/),
      expect.stringMatching(/^t\.iamspec\.yaml:11:5: warning: exact: false does not apply to may: a may always checks the request exactly as written \(remove exact/),
      expect.stringMatching(/^t\.iamspec\.yaml:16:5: warning: runs does not apply with exact: true: only the request as written is checked/),
      expect.stringMatching(/^t\.iamspec\.yaml:20:5: warning: runs does not apply with exact: true/),
    ]);
  });

  // AssumeRole takes one inline session policy (Policy) of at most 2,048 characters and up to 10
  // managed ones (PolicyArns): STS/latest/APIReference/API_AssumeRole.html. The contract takes
  // session.policies as a list of policy references, so such a spec is valid: a warning at the
  // policy, and the expectation is checked with every listed policy.
  it("session policies beyond what AssumeRole accepts are warnings at the policy, and the expectations still run", async () => {
    const dir = folderOf("session-policy-limits", { files: { "t.iamspec.yaml": [
        ENV.trimEnd(),
        "  - it: two inline session policies",
        "    as: role/deploy",
        "    mayNot: s3:DeleteObject",
        "    session:",
        "      policies:",
        '        - { Version: "2012-10-17", Statement: [ { Effect: Allow, Action: "s3:*", Resource: "*" } ] }',
        '        - { Version: "2012-10-17", Statement: [ { Effect: Allow, Action: "s3:PutObject", Resource: "*" } ] }',
        "  - it: eleven managed session policies",
        "    as: role/deploy",
        "    mayNot: s3:DeleteObject",
        "    session:",
        "      policies:",
        ...Array.from({ length: 11 }, () => "        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
        "  - it: an inline session policy longer than 2048 characters",
        "    as: role/deploy",
        "    mayNot: s3:DeleteObject",
        "    session:",
        "      policies:",
        `        - { Version: "2012-10-17", Statement: [ { Effect: Allow, Action: "s3:GetObject", Resource: [ ${Array.from({ length: 60 }, (_, i) => `"arn:aws:s3:::acme-artifacts/builds/${i}/*"`).join(", ")} ] } ] }`,
        "",
      ].join("\n") }, code: 0 });
    const r = await cli(["test", ".", "--seed", "1", "--reporter", "json"], dir);
    const doc = JSON.parse(r.stdout) as { summary: { passed: number; failed: number; errors: number }; warnings: string[] };
    expect(doc.summary.errors, r.stdout).toBe(0);
    expect(doc.summary.passed + doc.summary.failed).toBe(3);
    expect(doc.warnings).toEqual([
      expect.stringMatching(/^t\.iamspec\.yaml:9:11: warning: session\.policies: AssumeRole takes one inline session policy \(its Policy parameter\), and this is a second one \(the first is at line 8\); they are checked together/),
      expect.stringMatching(/^t\.iamspec\.yaml:25:11: warning: session\.policies: AssumeRole takes up to 10 managed session policies \(its PolicyArns\), and this is number 11/),
      expect.stringMatching(/^t\.iamspec\.yaml:31:11: warning: session\.policies: this inline session policy is \d+ characters without whitespace, above the 2048 AssumeRole accepts/),
    ]);
  });

  // Both are policies AWS holds (written before the rules, or accepted as they are), each evaluated
  // as documented; both almost never mean what they say: a warning at the element.
  it("NotPrincipal with Allow, and a ${...} in a policy without Version 2012-10-17, are warnings at the element", async () => {
    const bucket = '{ "Version": "2012-10-17", "Statement": [\n  { "Effect": "Allow", "NotPrincipal": { "AWS": "arn:aws:iam::111122223333:user/bob" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" } ] }\n';
    const identity = '{ "Statement": [\n  { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*" } ] }\n';
    const dir = folderOf("policy-warnings", {
      files: {
        "bucket.json": bucket,
        "id.json": identity,
        "env.yaml": 'accounts:\n  "111122223333":\n    users:\n      bob: { policies: [ ./id.json ] }\n    resources:\n      "arn:aws:s3:::b": { policy: ./bucket.json }\n',
        "t.iamspec.yaml": [
          "environment: ./env.yaml",
          "expect:",
          // reference_policies_elements_notprincipal.html (2023 text): "allows all principals except the one named".
          "  - it: an anonymous caller may read, as the Allow with NotPrincipal says",
          "    as: anonymous",
          "    may: s3:GetObject",
          "    on: arn:aws:s3:::b/x",
          // reference_policies_variables.html: without the Version, ${aws:username} is literal text.
          "  - it: bob reads the object named with the literal text",
          "    as: user/bob",
          "    may: s3:GetObject",
          "    on: arn:aws:s3:::b/${aws:username}/x",
          "  - it: not his own folder",
          "    as: user/bob",
          "    mayNot: s3:GetObject",
          "    on: arn:aws:s3:::b/bob/*",
          "",
        ].join("\n"),
      },
      code: 0,
    });
    const r = await cli(["test", ".", "--seed", "1"], dir);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(2);
    lines.sort();
    expect(lines[0]).toMatch(/^bucket\.json:2:40: warning: resource policy: Statement\[0\]\.NotPrincipal: NotPrincipal with "Effect": "Allow" is not supported by AWS: it allows every principal except the ones named, anonymous callers included \(write "Principal": "\*" with a Condition ArnNotEquals on aws:PrincipalArn/);
    expect(lines[1]).toMatch(/^id\.json:2:\d+: warning: identity policy: Statement\[0\]\.Resource: \$\{aws:username\} is literal text here, not a policy variable: variables need "Version": "2012-10-17", and this policy has no Version \(add "Version": "2012-10-17"/);
  });

  it("an unreadable spec file is an error at the file, not a crash", async () => {
    if (process.getuid?.() === 0) return; // root reads everything: nothing to test
    const dir = folderOf("unreadable", { files: { "t.iamspec.yaml": `${ENV}  - as: role/deploy\n    may: s3:GetObject\n` }, code: 2 });
    const { chmodSync } = await import("node:fs");
    chmodSync(join(dir, "t.iamspec.yaml"), 0o000);
    const r = await cli(["test", "."], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/t\.iamspec\.yaml:1:1: .*cannot read file \(EACCES\) \(check the file's permissions/);
  });
});
