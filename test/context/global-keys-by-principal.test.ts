/**
 * The global condition keys of one request per kind of principal, against what AWS writes in the
 * "Availability" of each key (IAM/latest/UserGuide/reference_policies_condition-keys.html, "AWS global
 * condition context keys") and the principal table of reference_policies_variables.html#principaltable.
 *
 * A request here is what iam-spec builds: the keys derived from the caller (src/model/context-keys.ts,
 * src/compile/caller.ts) beside a generated request made realistic (src/context/realism.ts). Each cell:
 * - a string, number or boolean: the key is present with that value;
 * - PRESENT: present, any value;  ABSENT: never in such a request;
 * - MAY: a request of this kind may carry it or not (free: fuzzed and proved over);
 * - SILENT: AWS does not say (docs/aws-semantics-elements.md, "Global condition keys"); not asserted.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { callerOf, type Caller } from "../../src/compile/caller.js";
import { factsFor, isDerivedKey, isRequiredKey, keyApplies, realistic, type RequestFacts } from "../../src/context/realism.js";
import { loadSpecFile, parseLocated } from "../../src/load/index.js";
import { resolvePrincipal } from "../../src/model/principals.js";
import type { Environment, Principal } from "../../src/model/types.js";
import type { RequestContext } from "../../src/context/request-context.js";

const PRESENT: unique symbol = Symbol("present");
const ABSENT: unique symbol = Symbol("absent");
const MAY: unique symbol = Symbol("may");
const SILENT: unique symbol = Symbol("silent");
type Cell = string | number | boolean | typeof PRESENT | typeof ABSENT | typeof MAY | typeof SILENT;

const KINDS = ["user", "role", "web-identity session", "root", "service", "anonymous", "AssumeRoleWithWebIdentity call"] as const;
type Kind = (typeof KINDS)[number];

const ACCOUNT = "111122223333";
const COGNITO = "cognito-identity.amazonaws.com";
const KEYS = "reference_policies_condition-keys.html";

let env: Environment;
const requests = new Map<Kind, { ctx: Record<string, unknown>; facts: RequestFacts }>();

function resolve(text: string): Principal {
  const node = parseLocated(text, "inline.yaml").node!;
  const r = resolvePrincipal(env, node, { allowSets: false });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.value as Principal;
}

beforeAll(async () => {
  const loaded = await loadSpecFile("test/fixtures/cli-fidelity-session-keys/session-keys.iamspec.yaml");
  if (!loaded.ok) throw new Error("fixture does not load");
  env = loaded.value.environment;
  const session = { name: "iam-spec", policies: [], tags: {} };
  const provider = callerOf(resolve(`{ federated: ${COGNITO} }`), env, undefined, ACCOUNT);
  const callers: Record<Kind, [Caller, string, string, RequestFacts[]?]> = {
    user: [callerOf(resolve("user/alice"), env, session), "s3:GetObject", "arn:aws:s3:::acme-reports/x"],
    role: [callerOf(resolve("role/app"), env, session), "s3:GetObject", "arn:aws:s3:::acme-reports/x"],
    "web-identity session": [
      callerOf(resolve("role/web-reader"), env, { ...session, federatedProvider: COGNITO }),
      "s3:GetObject",
      "arn:aws:s3:::acme-reports/x",
      [factsFor(provider, "sts:AssumeRoleWithWebIdentity", `arn:aws:iam::${ACCOUNT}:role/web-reader`)],
    ],
    root: [callerOf(resolve(`arn:aws:iam::${ACCOUNT}:root`), env, session), "s3:GetObject", "arn:aws:s3:::acme-reports/x"],
    service: [callerOf(resolve("{ service: cloudtrail.amazonaws.com }"), env, undefined), "s3:PutObject", "arn:aws:s3:::acme-reports/x"],
    anonymous: [callerOf(resolve("anonymous"), env, undefined), "s3:GetObject", "arn:aws:s3:::acme-reports/x"],
    "AssumeRoleWithWebIdentity call": [provider, "sts:AssumeRoleWithWebIdentity", `arn:aws:iam::${ACCOUNT}:role/web-reader`],
  };
  for (const kind of KINDS) {
    const [caller, action, resource, hops] = callers[kind];
    const facts: RequestFacts = { ...factsFor(caller, action, resource), ...(hops ? { hops } : {}) };
    requests.set(kind, { ctx: { ...caller.derived, ...realistic({}, facts) }, facts });
  }
});

/** A request that carries the key (with what it needs beside it), for the MAY cells. */
const MAY_SAMPLES: Record<string, RequestContext> = {
  "aws:TokenIssueTime": { "aws:TokenIssueTime": "2025-12-31T00:00:00Z" },
  "aws:MultiFactorAuthPresent": { "aws:MultiFactorAuthPresent": true },
  "aws:MultiFactorAuthAge": { "aws:MultiFactorAuthPresent": true, "aws:MultiFactorAuthAge": 30 },
  "aws:Ec2InstanceSourceVpc": { "aws:Ec2InstanceSourceVpc": "vpc-0a1b2c3d4e5f60718", "aws:Ec2InstanceSourcePrivateIPv4": "10.1.2.3" },
  "aws:Ec2InstanceSourcePrivateIPv4": { "aws:Ec2InstanceSourceVpc": "vpc-0a1b2c3d4e5f60718", "aws:Ec2InstanceSourcePrivateIPv4": "10.1.2.3" },
  "aws:SourceArn": { "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org`, "aws:SourceAccount": ACCOUNT },
  "aws:SourceAccount": { "aws:SourceAccount": ACCOUNT },
  // No organization in this environment: the source account is in another one.
  "aws:SourceOrgID": { "aws:SourceAccount": "444455556666", "aws:SourceOrgID": "o-zz9zz9zz9z" },
  "aws:CalledVia": { "aws:CalledVia": ["athena.amazonaws.com"] },
  "aws:SourceVpc": { "aws:SourceVpce": "vpce-0a1b2c3d4e5f60718", "aws:SourceVpc": "vpc-0a1b2c3d4e5f60718" },
};

const row = (key: string, source: string, cells: Cell[]) => ({ key, source, cells });
const P: Cell = PRESENT, A: Cell = ABSENT, M: Cell = MAY, S: Cell = SILENT;

// user, role, web-identity session, root, service, anonymous, AssumeRoleWithWebIdentity call
const TABLE = [
  row("aws:PrincipalArn", `${KEYS}#condition-keys-principalarn ("for all signed requests. Anonymous requests do not include this key"; a role's ARN, not the session's)`,
    [`arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${ACCOUNT}:role/app`, `arn:aws:iam::${ACCOUNT}:role/web-reader`, `arn:aws:iam::${ACCOUNT}:root`, S, A, S]),
  row("aws:PrincipalAccount", `${KEYS}#condition-keys-principalaccount ("for all requests, including anonymous requests"; "For anonymous requests, the request context returns anonymous")`,
    [ACCOUNT, ACCOUNT, ACCOUNT, ACCOUNT, S, "anonymous", S]),
  row("aws:PrincipalType", `${KEYS}#condition-keys-principaltype; reference_policies_variables.html#principaltable`,
    ["User", "AssumedRole", "AssumedRole", "Account", S, "Anonymous", S]),
  row("aws:userid", `${KEYS}#condition-keys-userid; reference_policies_variables.html#principaltable (role-id:caller-specified-role-name)`,
    [P, P, P, ACCOUNT, S, "anonymous", S]),
  row("aws:username", `${KEYS}#condition-keys-username ("always included in the request context for IAM users. Anonymous requests and requests that are made using the AWS account root user or IAM roles do not include this key")`,
    ["alice", A, A, A, A, A, A]),
  row("aws:PrincipalIsAWSService", `${KEYS}#condition-keys-principalisawsservice ("for all signed API requests that use AWS credentials. Anonymous requests do not include this key")`,
    [false, false, false, false, true, A, A]),
  row("aws:PrincipalServiceName", `${KEYS}#condition-keys-principalservicename ("present in the request when the call is made by an AWS service principal. This key is not present in any other situation")`,
    [A, A, A, A, "cloudtrail.amazonaws.com", A, A]),
  row("aws:FederatedProvider", `${KEYS}#condition-keys-federatedprovider ("present in the role-session of a role that was assumed using OpenID Connect (OIDC) provider, and in the role-trust policy when an OIDC provider is used to call AssumeRoleWithWebIdentity")`,
    [A, A, COGNITO, A, A, A, COGNITO]),
  row("aws:TokenIssueTime", `${KEYS}#condition-keys-tokenissuetime ("only when the principal uses temporary credentials"); the AssumeRoleWithWebIdentity call is unsigned`,
    [M, P, P, M, A, A, A]),
  row("aws:MultiFactorAuthPresent", `${KEYS}#condition-keys-multifactorauthpresent ("only when the principal uses temporary credentials"; "not present for federated identities")`,
    [M, false, A, M, A, A, A]),
  row("aws:MultiFactorAuthAge", `${KEYS}#condition-keys-multifactorauthage (with MFA only; "not present for federated identities")`,
    [M, M, A, M, A, A, A]),
  row("aws:SourceIdentity", `${KEYS}#condition-keys-sourceidentity ("after a source identity has been set when a role is assumed"; written as session.sourceIdentity)`,
    [A, A, A, A, A, A, A]),
  row("aws:Ec2InstanceSourceVpc", `${KEYS}#condition-keys-ec2instancesourcevpc ("whenever the requester is signing requests with an Amazon EC2 role credential")`,
    [A, M, M, A, A, A, A]),
  row("aws:Ec2InstanceSourcePrivateIPv4", `${KEYS}#condition-keys-ec2instancesourceprivateip4 (as aws:Ec2InstanceSourceVpc)`,
    [A, M, M, A, A, A, A]),
  row("aws:SourceArn", `${KEYS}#condition-keys-sourcearn ("only when the call to your resource is being made directly by an AWS service principal")`,
    [A, A, A, A, M, A, A]),
  row("aws:SourceAccount", `${KEYS}#condition-keys-sourceaccount (likewise)`,
    [A, A, A, A, M, A, A]),
  row("aws:SourceOrgID", `${KEYS}#condition-keys-sourceorgid (likewise, and only for a resource of an organization's member: follows aws:SourceAccount)`,
    [A, A, A, A, M, A, A]),
  row("aws:CalledVia", `${KEYS}#condition-keys-calledvia ("when a service ... uses the credentials of an IAM principal"; "not present when the principal makes the call directly")`,
    [M, M, M, M, A, A, A]),
  row("aws:ViaAWSService", `${KEYS}#condition-keys-viaawsservice ("always included in the request context"; false for a direct call)`,
    [false, false, false, false, false, false, false]),
  row("aws:SourceIp", `${KEYS}#condition-keys-sourceip ("except when the requester uses a VPC endpoint"; a service's own calls are redacted)`,
    [P, P, P, P, S, P, P]),
  row("aws:SourceVpc", `${KEYS}#condition-keys-sourcevpc ("only if the requester uses a VPC endpoint"); reference_sts_vpc_condition_keys_federated.html (AssumeRoleWithWebIdentity through an endpoint)`,
    [M, M, M, M, S, M, M]),
  row("aws:SecureTransport", `${KEYS}#condition-keys-securetransport ("always included")`, [P, P, P, P, P, P, P]),
  row("aws:CurrentTime", `${KEYS}#condition-keys-currenttime ("always included")`, [P, P, P, P, P, P, P]),
  row("aws:RequestedRegion", `${KEYS}#condition-keys-requestedregion ("always included"; us-east-1 for IAM and STS's global endpoint alike)`, [P, P, P, P, P, P, P]),
];

describe("global condition keys per kind of principal (IAM/latest/UserGuide/reference_policies_condition-keys.html)", () => {
  for (const { key, source, cells } of TABLE) {
    it(`${key}: ${source}`, () => {
      KINDS.forEach((kind, i) => {
        const cell = cells[i]!;
        if (cell === SILENT) return;
        const { ctx, facts } = requests.get(kind)!;
        const found = Object.keys(ctx).find((k) => k.toLowerCase() === key.toLowerCase());
        const value = found === undefined ? undefined : ctx[found];
        const label = `${key} for ${kind}`;
        if (cell === ABSENT) {
          expect(value, label).toBeUndefined();
          // Never generated either: no request of this kind carries it.
          if (!isDerivedKey(key)) expect(keyApplies(key, facts), label).toBe(false);
        } else if (cell === PRESENT) {
          expect(value, label).toBeDefined();
        } else if (cell === MAY) {
          expect(isDerivedKey(key), label).toBe(false);
          expect(keyApplies(key, facts), label).toBe(true);
          expect(isRequiredKey(key, facts), label).toBe(false);
          // A request that carries it is one realism keeps as it is.
          const carried = realistic(MAY_SAMPLES[key]!, facts);
          expect(carried[key], label).toEqual(MAY_SAMPLES[key]![key]);
        } else {
          expect(value, label).toEqual(cell);
        }
      });
    });
  }
});
