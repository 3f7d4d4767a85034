/**
 * Every principal form of contract section 4 against every way a policy's Principal element names
 * principals, through the real CLI, in both polarities: for each cell the spec holds a `may` and a
 * `mayNot` of the same request, and exactly one of the two must pass, the one the AWS pages decide.
 *
 * The pages, row by row:
 * - IAM/latest/UserGuide/reference_policies_elements_principal.html: a user ARN names that user (its
 *   path is part of the ARN); a role ARN names every session of the role; an assumed-role session ARN
 *   names that session only; an account id and `arn:aws:iam::ID:root` "behave the same way. Both
 *   delegate permissions to the account" (the account's identity policies must still allow);
 *   `"*"` and `{"AWS": "*"}` name everyone, anonymous callers included (also
 *   mediapackage/latest/userguide/policy-principal.html: "Principal":"*" and "Principal":{"AWS":"*"}
 *   both grant anonymous access); `Service` names that service; `Federated` names an identity provider.
 * - A unique id (AIDA..., AROA...) shows in a Principal element only for a principal that was deleted:
 *   "These unique IDs are never reused" (same page, and reference_identifiers.html): it names no
 *   principal that exists.
 * - IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html: same account,
 *   a grant naming the caller's ARN allows without an identity policy; a role trust policy must
 *   explicitly allow; "all requests are implicitly denied with the exception of the AWS account root
 *   user, which has full access".
 * - IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html: across accounts both
 *   the resource policy and the caller's identity policies must allow (a principal of an account not in
 *   the environment has identity policies taken to allow everything: contract section 4).
 * - STS/latest/APIReference/API_AssumeRole.html: a trust naming the account needs an identity policy
 *   that allows sts:AssumeRole; the root user cannot assume a role.
 * - whitepapers/latest/aws-fault-isolation-boundaries/partitions.html: "You cannot use IAM credentials
 *   from one partition to interact with resources in a different partition."
 *
 * Cells where no AWS page decides are left out, not guessed: a service principal against `"*"`, a
 * caller of another account against `CanonicalUser` (whose account the id names is not known), the
 * unnamed principal of an account (`"444455556666"`) against one named role of it, anonymous callers of
 * STS.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const A = "111122223333";
const X = "444455556666";

/** Callers, as written in `as`. */
const CALLERS = {
  user: `arn:aws:iam::${A}:user/alice`,
  userShort: "user/alice",
  userPath: `arn:aws:iam::${A}:user/ops/carol`,
  roleShort: "role/deploy",
  roleArn: `arn:aws:iam::${A}:role/deploy`,
  rolePath: `arn:aws:iam::${A}:role/data/reader`,
  session: `arn:aws:sts::${A}:assumed-role/deploy/s1`,
  otherSession: `arn:aws:sts::${A}:assumed-role/deploy/s2`,
  serviceLinked: `arn:aws:iam::${A}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`,
  root: `arn:aws:iam::${A}:root`,
  extAccount: X,
  extRole: `arn:aws:iam::${X}:role/partner`,
  extUser: `arn:aws:iam::${X}:user/pat`,
  extRoot: `arn:aws:iam::${X}:root`,
  extFederatedUser: `arn:aws:sts::${X}:federated-user/bob`,
  otherPartition: "arn:aws-cn:iam::777788889999:role/partner",
  anonymous: "anonymous",
  lambda: { service: "lambda.amazonaws.com" },
  ec2: { service: "ec2.amazonaws.com" },
} as const;
type Caller = keyof typeof CALLERS;
const ALL = Object.keys(CALLERS) as Caller[];
const SAME_ACCOUNT_IAM: Caller[] = ["user", "userShort", "userPath", "roleShort", "roleArn", "rolePath", "session", "otherSession", "serviceLinked"];
const DEPLOY_SESSIONS: Caller[] = ["roleShort", "roleArn", "session", "otherSession"];
const EXTERNAL: Caller[] = ["extAccount", "extRole", "extUser", "extRoot", "extFederatedUser"];
const SERVICES: Caller[] = ["lambda", "ec2"];

interface Row {
  /** The Principal element. */
  principal: unknown;
  /** Callers the request is allowed for. */
  allowed: Caller[];
  /** Callers whose answer no AWS page decides: left out. */
  open?: Caller[];
}

/** s3:GetObject on a bucket of account A whose policy grants it to `principal`; nobody of A has identity policies. */
const BUCKET_ROWS: Record<string, Row> = {
  userArn: { principal: { AWS: CALLERS.user }, allowed: ["user", "userShort", "root"] },
  userArnWithPath: { principal: { AWS: CALLERS.userPath }, allowed: ["userPath", "root"] },
  roleArn: { principal: { AWS: CALLERS.roleArn }, allowed: [...DEPLOY_SESSIONS, "root"] },
  roleArnWithPath: { principal: { AWS: CALLERS.rolePath }, allowed: ["rolePath", "root"] },
  sessionArn: { principal: { AWS: CALLERS.session }, allowed: ["session", "root"] },
  serviceLinkedRoleArn: { principal: { AWS: CALLERS.serviceLinked }, allowed: ["serviceLinked", "root"] },
  accountId: { principal: { AWS: A }, allowed: ["root"] },
  accountRootArn: { principal: { AWS: `arn:aws:iam::${A}:root` }, allowed: ["root"] },
  accountIdList: { principal: { AWS: [A, CALLERS.userPath] }, allowed: ["userPath", "root"] },
  star: { principal: "*", allowed: [...SAME_ACCOUNT_IAM, "root", ...EXTERNAL, "anonymous"], open: SERVICES },
  awsStar: { principal: { AWS: "*" }, allowed: [...SAME_ACCOUNT_IAM, "root", ...EXTERNAL, "anonymous"], open: SERVICES },
  service: { principal: { Service: "lambda.amazonaws.com" }, allowed: ["lambda", "root"] },
  otherAccountId: { principal: { AWS: X }, allowed: [...EXTERNAL, "root"] },
  otherAccountRootArn: { principal: { AWS: `arn:aws:iam::${X}:root` }, allowed: [...EXTERNAL, "root"] },
  otherAccountRole: { principal: { AWS: CALLERS.extRole }, allowed: ["extRole", "root"], open: ["extAccount"] },
  uniqueId: { principal: { AWS: "AIDAJQABLZS4A3QDU576Q" }, allowed: ["root"] },
  uniqueRoleId: { principal: { AWS: "AROADBQP57FF2AEXAMPLE" }, allowed: ["root"] },
  canonicalUser: { principal: { CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }, allowed: ["root"], open: EXTERNAL },
};

/** Callers that may call sts:AssumeRole at all (not anonymous: STS takes signed requests only). */
const STS_CALLERS: Caller[] = ALL.filter((c) => c !== "anonymous");

/** sts:AssumeRole on a role of account A whose trust policy names `principal`. */
const TRUST_ROWS: Record<string, Row> = {
  userArn: { principal: { AWS: CALLERS.user }, allowed: ["user", "userShort"] },
  userArnWithPath: { principal: { AWS: CALLERS.userPath }, allowed: ["userPath"] },
  roleArn: { principal: { AWS: CALLERS.roleArn }, allowed: DEPLOY_SESSIONS },
  roleArnWithPath: { principal: { AWS: CALLERS.rolePath }, allowed: ["rolePath"] },
  sessionArn: { principal: { AWS: CALLERS.session }, allowed: ["session"] },
  accountId: { principal: { AWS: A }, allowed: [] },
  accountRootArn: { principal: { AWS: `arn:aws:iam::${A}:root` }, allowed: [] },
  star: { principal: "*", allowed: [...SAME_ACCOUNT_IAM, "extRole", "extUser"], open: [...SERVICES, "extAccount"] },
  awsStar: { principal: { AWS: "*" }, allowed: [...SAME_ACCOUNT_IAM, "extRole", "extUser"], open: [...SERVICES, "extAccount"] },
  service: { principal: { Service: "lambda.amazonaws.com" }, allowed: ["lambda"] },
  otherAccountId: { principal: { AWS: X }, allowed: ["extRole", "extUser"], open: ["extAccount"] },
  otherAccountRole: { principal: { AWS: CALLERS.extRole }, allowed: ["extRole"], open: ["extAccount"] },
};

/** Identity-provider callers, as written in `as`. */
const PROVIDERS = {
  github: { federated: "token.actions.githubusercontent.com" },
  githubArn: { federated: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com` },
  cognito: { federated: "cognito-identity.amazonaws.com" },
  google: { federated: "accounts.google.com" },
  saml: { federated: `arn:aws:iam::${A}:saml-provider/Okta` },
  user: CALLERS.user,
} as const;
type Provider = keyof typeof PROVIDERS;

/**
 * A role whose trust names a `Federated` principal, for the provider's exchange action
 * (id_roles_create_for-idp_oidc.html, id_roles_create_for-idp_saml.html, and the principal page's web
 * identity session principals: `"Federated": "cognito-identity.amazonaws.com"` as written).
 */
const FEDERATED_ROWS: Record<string, { federated: string; action: string; allowed: Provider[] }> = {
  oidcProviderArn: { federated: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`, action: "sts:AssumeRoleWithWebIdentity", allowed: ["github", "githubArn"] },
  oidcProviderOfAnotherAccount: { federated: `arn:aws:iam::${X}:oidc-provider/token.actions.githubusercontent.com`, action: "sts:AssumeRoleWithWebIdentity", allowed: [] },
  cognito: { federated: "cognito-identity.amazonaws.com", action: "sts:AssumeRoleWithWebIdentity", allowed: ["cognito"] },
  google: { federated: "accounts.google.com", action: "sts:AssumeRoleWithWebIdentity", allowed: ["google"] },
  samlProvider: { federated: `arn:aws:iam::${A}:saml-provider/Okta`, action: "sts:AssumeRoleWithSAML", allowed: ["saml"] },
};

interface Cell {
  id: string;
  as: unknown;
  /** A role session's name, pinned (a mayNot on a role otherwise ranges over every session name). */
  session?: string;
  action: string;
  on: string;
  allowed: boolean;
}

const yaml = (v: unknown) => JSON.stringify(v);

/**
 * A grant to one session (s1) against a role named without a session: the `may` asks for the default
 * session (iam-spec), while a `mayNot` ranges over every session name the caller could choose, s1
 * included; the pair is one request only with the session name pinned (here: the default).
 */
const pinned = (row: string, c: Caller): { session?: string } => (row === "sessionArn" && (c === "roleShort" || c === "roleArn") ? { session: "iam-spec" } : {});

function cells(): Cell[] {
  const out: Cell[] = [];
  for (const [row, r] of Object.entries(BUCKET_ROWS)) {
    for (const c of ALL) {
      if (r.open?.includes(c)) continue;
      out.push({ id: `bucket/${row}/${c}`, as: CALLERS[c], ...pinned(row, c), action: "s3:GetObject", on: `arn:aws:s3:::m-${row.toLowerCase()}/report.csv`, allowed: r.allowed.includes(c) });
    }
  }
  for (const [row, r] of Object.entries(TRUST_ROWS)) {
    for (const c of STS_CALLERS) {
      if (r.open?.includes(c)) continue;
      out.push({ id: `trust/${row}/${c}`, as: CALLERS[c], ...pinned(row, c), action: "sts:AssumeRole", on: `arn:aws:iam::${A}:role/t-${row}`, allowed: r.allowed.includes(c) });
    }
  }
  for (const [row, r] of Object.entries(FEDERATED_ROWS)) {
    for (const p of Object.keys(PROVIDERS) as Provider[]) {
      out.push({ id: `federated/${row}/${p}`, as: PROVIDERS[p], action: r.action, on: `arn:aws:iam::${A}:role/f-${row}`, allowed: r.allowed.includes(p) });
    }
  }
  return out;
}

function environment(): string {
  const statement = (principal: unknown, action: string, resource?: string) =>
    yaml({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: action, ...(resource ? { Resource: resource } : {}) }] });
  const lines = [
    "accounts:",
    `  "${A}":`,
    "    users:",
    "      alice: {}",
    "      carol: { path: /ops/ }",
    "    roles:",
    `      deploy: { trust: ${statement({ AWS: A }, "sts:AssumeRole")} }`,
    `      reader: { path: /data/, trust: ${statement({ AWS: A }, "sts:AssumeRole")} }`,
    `      AWSServiceRoleForElasticBeanstalk: { path: /aws-service-role/elasticbeanstalk.amazonaws.com/, trust: ${statement({ Service: "elasticbeanstalk.amazonaws.com" }, "sts:AssumeRole")} }`,
  ];
  for (const [row, r] of Object.entries(TRUST_ROWS)) lines.push(`      t-${row}: { trust: ${statement(r.principal, "sts:AssumeRole")} }`);
  for (const [row, r] of Object.entries(FEDERATED_ROWS)) lines.push(`      f-${row}: { trust: ${statement({ Federated: r.federated }, r.action)} }`);
  lines.push("    resources:");
  for (const [row, r] of Object.entries(BUCKET_ROWS)) {
    const bucket = `m-${row.toLowerCase()}`;
    lines.push(`      "arn:aws:s3:::${bucket}": { policy: ${statement(r.principal, "s3:GetObject", `arn:aws:s3:::${bucket}/*`)} }`);
  }
  return `${lines.join("\n")}\n`;
}

function spec(all: readonly Cell[]): string {
  const out = ["environment: ./env.yaml", "expect:"];
  for (const c of all) {
    for (const verb of ["may", "mayNot"] as const) {
      out.push(`  - it: "${c.id} ${verb}"`, `    as: ${yaml(c.as)}`, `    ${verb}: ${c.action}`, `    on: "${c.on}"`);
      if (c.session) out.push(`    session: { name: ${c.session} }`);
    }
  }
  return `${out.join("\n")}\n`;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("principal forms x Principal elements, both polarities, through the CLI", async () => {
  const all = cells();
  const dir = mkdtempSync(join(tmpdir(), "iam-spec-principal-matrix-"));
  dirs.push(dir);
  writeFileSync(join(dir, "env.yaml"), environment());
  writeFileSync(join(dir, "matrix.iamspec.yaml"), spec(all));
  const r = await runCli(["test", ".", "--reporter", "json", "--seed", "5", "--runs", "20"], { cwd: dir });
  const report = JSON.parse(r.stdout) as { results: { name: string; status: string; message?: string }[] };
  const status = new Map(report.results.map((x) => [x.name, x]));

  it("every expectation was checked: no input error, one result per expectation", () => {
    expect(r.stderr.split("\n").filter((l) => /:\d+:\d+: /.test(l) && !l.includes("warning"))).toEqual([]);
    expect(report.results).toHaveLength(all.length * 2);
    expect(all.length).toBeGreaterThan(350);
  });

  it.each(all.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const may = status.get(`${c.id} may`);
    const mayNot = status.get(`${c.id} mayNot`);
    // Exactly one polarity holds, and it is the one the AWS pages decide.
    const got = { may: may?.status, mayNot: mayNot?.status };
    const want = c.allowed ? { may: "passed", mayNot: "failed" } : { may: "failed", mayNot: "passed" };
    expect(got, `${may?.message ?? ""} / ${mayNot?.message ?? ""}`).toEqual(want);
  });
});
