/**
 * The planted-loophole corpus: each scenario is a buggy and a fixed variant of the same environment
 * with the same mayNot question. The fuzzer must find an allowed request in every buggy variant and
 * none in any fixed one (a request found there is a false alarm: an impossible request or an
 * evaluator bug). Account A is in the organization o-a1b2c3d4e5; B is outside the environment.
 */
import { A, B, ORG, type Doc, type Scenario } from "./harness.js";

const doc = (...Statement: unknown[]): Doc => ({ Version: "2012-10-17", Statement });
const allow = (Action: unknown, Resource: unknown = "*", Condition?: unknown) => ({ Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) });
const deny = (Action: unknown, Resource: unknown = "*", Condition?: unknown) => ({ Effect: "Deny", Action, Resource, ...(Condition ? { Condition } : {}) });
const grant = (Principal: unknown, Action: unknown, Resource: unknown, Condition?: unknown) => ({ Effect: "Allow", Principal, Action, ...(Resource === undefined ? {} : { Resource }), ...(Condition ? { Condition } : {}) });

const DEV = `arn:aws:iam::${A}:user/dev`;
const ALICE = `arn:aws:iam::${A}:user/alice`;
const OPS = `arn:aws:iam::${A}:role/ops-dev`;
const ADMIN_ROLE = `arn:aws:iam::${A}:role/admin`;
const PARTNER = `arn:aws:iam::${B}:role/partner`;
const INTERN_B = `arn:aws:iam::${B}:role/intern`;
const GHA = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
const GHA_ROLE = `arn:aws:iam::${A}:role/gha-deploy`;
const DATA = "arn:aws:s3:::acme-data";
const LOGS = "arn:aws:s3:::acme-logs";
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const everything = doc(allow("*"));
const s3All = doc(allow("s3:*"));

/** A user with the given identity policies; shorthand for the common case. */
const user = (arn: string, ...policies: Doc[]) => ({ arn, policies });

function ghaTrust(sub: string, extra: Record<string, unknown> = {}) {
  return doc(
    grant({ Federated: GHA }, "sts:AssumeRoleWithWebIdentity", undefined, {
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", ...extra },
      StringLike: { "token.actions.githubusercontent.com:sub": sub },
    }),
  );
}

export const scenarios: Scenario[] = [
  {
    id: "vacuous-forallvalues-tagkeys",
    category: "vacuous ForAllValues",
    as: [DEV],
    mayNot: ["iam:CreateRole"],
    on: [`arn:aws:iam::${A}:role/*`],
    when: { "aws:RequestTag/team": null },
    buggy: { principals: [user(DEV, doc(allow("iam:CreateRole", `arn:aws:iam::${A}:role/*`, { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] } })))] },
    fixed: {
      principals: [
        user(DEV, doc(allow("iam:CreateRole", `arn:aws:iam::${A}:role/*`, { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] }, Null: { "aws:RequestTag/team": "false" } }))),
      ],
    },
  },
  {
    id: "vacuous-forallvalues-calledvia",
    category: "vacuous ForAllValues",
    as: [DEV],
    mayNot: ["s3:GetObject"],
    on: [`${DATA}/*`],
    when: { "aws:ViaAWSService": false },
    buggy: { principals: [user(DEV, doc(allow("s3:GetObject", `${DATA}/*`, { "ForAllValues:StringEquals": { "aws:CalledVia": ["athena.amazonaws.com"] } })))] },
    // ForAnyValue alone would also let athena together with other services through, which the buggy
    // ForAllValues refused: both together only narrow it (the request must come through athena alone).
    fixed: { principals: [user(DEV, doc(allow("s3:GetObject", `${DATA}/*`, { "ForAllValues:StringEquals": { "aws:CalledVia": ["athena.amazonaws.com"] }, "ForAnyValue:StringEquals": { "aws:CalledVia": ["athena.amazonaws.com"] } })))] },
  },
  {
    id: "ifexists-vpce",
    category: "IfExists guard",
    as: [DEV],
    mayNot: ["s3:GetObject"],
    on: [`${DATA}/*`],
    when: { "aws:SourceVpce": null },
    buggy: { principals: [user(DEV, doc(allow("s3:GetObject", `${DATA}/*`, { StringEqualsIfExists: { "aws:SourceVpce": "vpce-0abc" } })))] },
    fixed: { principals: [user(DEV, doc(allow("s3:GetObject", `${DATA}/*`, { StringEquals: { "aws:SourceVpce": "vpce-0abc" } })))] },
  },
  {
    id: "ifexists-mfa",
    category: "IfExists guard",
    as: [DEV],
    mayNot: ["iam:DeleteRole"],
    on: [`arn:aws:iam::${A}:role/*`],
    when: { "aws:MultiFactorAuthPresent": null },
    buggy: { principals: [user(DEV, doc(allow("iam:*"), deny("iam:Delete*", "*", { Bool: { "aws:MultiFactorAuthPresent": "false" } })))] },
    fixed: { principals: [user(DEV, doc(allow("iam:*"), deny("iam:Delete*", "*", { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } })))] },
  },
  {
    id: "ifexists-region-lock",
    category: "IfExists guard",
    as: [DEV],
    mayNot: ["s3:PutObject"],
    on: [`${LOGS}/*`],
    when: { "aws:SourceIp": { not: ["10.0.0.0/8"] } },
    buggy: { principals: [user(DEV, doc(allow("s3:PutObject", `${LOGS}/*`, { IpAddressIfExists: { "aws:VpcSourceIp": "10.0.0.0/8" } })))] },
    fixed: { principals: [user(DEV, doc(allow("s3:PutObject", `${LOGS}/*`, { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } })))] },
  },
  {
    id: "oidc-sub-stringlike",
    category: "over-broad StringLike (OIDC sub)",
    as: [GHA],
    mayNot: ["sts:AssumeRoleWithWebIdentity"],
    on: [GHA_ROLE],
    when: { "token.actions.githubusercontent.com:sub": { not: ["repo:acme/app:ref:refs/heads/main"] } },
    buggy: { principals: [{ arn: GHA }], resources: { [GHA_ROLE]: ghaTrust("repo:acme/*") } },
    fixed: { principals: [{ arn: GHA }], resources: { [GHA_ROLE]: ghaTrust("repo:acme/app:ref:refs/heads/main") } },
  },
  {
    id: "oidc-sub-any-repo-of-org",
    category: "over-broad StringLike (OIDC sub)",
    as: [GHA],
    mayNot: ["sts:AssumeRoleWithWebIdentity"],
    on: [GHA_ROLE],
    when: { "token.actions.githubusercontent.com:sub": { not: ["repo:acme/app:*"] } },
    buggy: { principals: [{ arn: GHA }], resources: { [GHA_ROLE]: ghaTrust("repo:acme/app*") } },
    fixed: { principals: [{ arn: GHA }], resources: { [GHA_ROLE]: ghaTrust("repo:acme/app:*") } },
  },
  {
    id: "rolename-stringlike-passrole",
    category: "over-broad pattern (role names)",
    as: [DEV],
    mayNot: ["iam:PassRole"],
    on: [`arn:aws:iam::${A}:role/*`],
    except: [`arn:aws:iam::${A}:role/app-worker-*`],
    buggy: { principals: [user(DEV, doc(allow("iam:PassRole", `arn:aws:iam::${A}:role/app*`)))] },
    fixed: { principals: [user(DEV, doc(allow("iam:PassRole", `arn:aws:iam::${A}:role/app-worker-*`)))] },
  },
  {
    id: "notaction-hole",
    category: "NotAction hole",
    as: [DEV],
    mayNot: ["iam:*", "organizations:*"],
    on: ["*"],
    buggy: { principals: [user(DEV, doc({ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }))] },
    fixed: { principals: [user(DEV, doc({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }))] },
  },
  {
    id: "notresource-hole",
    category: "NotResource hole",
    as: [DEV],
    mayNot: ["s3:*"],
    on: ["arn:aws:s3:::acme-secret", "arn:aws:s3:::acme-secret/*"],
    buggy: { principals: [user(DEV, doc({ Effect: "Allow", Action: "s3:*", NotResource: ["arn:aws:s3:::acme-secret/*"] }))] },
    fixed: { principals: [user(DEV, doc({ Effect: "Allow", Action: "s3:*", NotResource: ["arn:aws:s3:::acme-secret", "arn:aws:s3:::acme-secret/*"] }))] },
  },
  {
    id: "deny-list-missing-getobjectversion",
    category: "Deny list missing an action",
    as: [DEV],
    mayNot: ["s3:GetObject*"],
    on: [`${DATA}/secret/*`],
    buggy: { principals: [user(DEV, doc(allow("s3:*", `${DATA}/*`), deny(["s3:GetObject"], `${DATA}/secret/*`)))] },
    fixed: { principals: [user(DEV, doc(allow("s3:*", `${DATA}/*`), deny(["s3:GetObject*"], `${DATA}/secret/*`)))] },
  },
  {
    id: "deny-list-missing-boundary-delete",
    category: "Deny list missing an action",
    as: [DEV],
    mayNot: ["iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary"],
    on: [`arn:aws:iam::${A}:role/*`],
    buggy: { principals: [user(DEV, doc(allow("iam:*"), deny(["iam:PutRolePermissionsBoundary"])))] },
    fixed: { principals: [user(DEV, doc(allow("iam:*"), deny(["iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary"])))] },
  },
  {
    id: "scp-deny-list-cloudtrail",
    category: "SCP exemption / Deny list",
    as: [ADMIN_ROLE],
    mayNot: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"],
    on: ["*"],
    buggy: { principals: [{ arn: ADMIN_ROLE, policies: [everything], scps: [[everything], [everything, doc(deny(["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"]))]] }] },
    fixed: { principals: [{ arn: ADMIN_ROLE, policies: [everything], scps: [[everything], [everything, doc(deny(["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"]))]] }] },
  },
  {
    id: "scp-exemption-principal-pattern",
    category: "SCP exemption",
    as: [OPS],
    mayNot: ["s3:PutObject"],
    on: [`${LOGS}/*`],
    when: { "aws:RequestedRegion": { not: ["eu-west-1"] } },
    buggy: { principals: [{ arn: OPS, policies: [everything], scps: [[everything, doc(deny("*", "*", { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" }, ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/ops-*" } }))]] }] },
    fixed: { principals: [{ arn: OPS, policies: [everything], scps: [[everything, doc(deny("*", "*", { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" }, ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/ops-breakglass" } }))]] }] },
  },
  {
    id: "principal-star-referer",
    category: "Principal * with a satisfiable condition",
    as: ["anonymous", INTERN_B],
    mayNot: ["s3:GetObject"],
    on: [`${DATA}/*`],
    buggy: { principals: [{ arn: "anonymous" }, { arn: INTERN_B }], resources: { [DATA]: doc(grant("*", "s3:GetObject", `${DATA}/*`, { StringLike: { "aws:Referer": "https://intranet.acme.example/*" } })) } },
    fixed: { principals: [{ arn: "anonymous" }, { arn: INTERN_B }], resources: { [DATA]: doc(grant("*", "s3:GetObject", `${DATA}/*`, { StringEquals: { "aws:PrincipalOrgID": ORG } })) } },
  },
  {
    id: "principal-star-useragent-date",
    category: "Principal * with a satisfiable condition",
    as: ["anonymous"],
    mayNot: ["s3:GetObject"],
    on: [`${DATA}/*`],
    buggy: { principals: [{ arn: "anonymous" }], resources: { [DATA]: doc(grant("*", "s3:GetObject", `${DATA}/*`, { DateGreaterThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" }, DateLessThan: { "aws:CurrentTime": "2030-01-02T00:00:00Z" } })) } },
    fixed: { principals: [{ arn: "anonymous" }], resources: { [DATA]: doc(grant("*", "s3:GetObject", `${DATA}/*`, { DateGreaterThan: { "aws:CurrentTime": "2030-01-02T00:00:00Z" }, DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } })) } },
  },
  {
    id: "missing-external-id",
    category: "missing sts:ExternalId",
    as: [PARTNER],
    mayNot: ["sts:AssumeRole"],
    on: [`arn:aws:iam::${A}:role/vendor`],
    when: { "sts:ExternalId": { not: ["Xk7-8812"] } },
    buggy: { principals: [{ arn: PARTNER }], resources: { [`arn:aws:iam::${A}:role/vendor`]: doc(grant({ AWS: `arn:aws:iam::${B}:root` }, "sts:AssumeRole", undefined)) } },
    fixed: { principals: [{ arn: PARTNER }], resources: { [`arn:aws:iam::${A}:role/vendor`]: doc(grant({ AWS: `arn:aws:iam::${B}:root` }, "sts:AssumeRole", undefined, { StringEquals: { "sts:ExternalId": "Xk7-8812" } })) } },
  },
  {
    id: "cross-account-whole-account",
    category: "cross-account whole-account grant",
    as: [INTERN_B],
    mayNot: ["s3:GetObject"],
    on: [`${DATA}/*`],
    buggy: { principals: [{ arn: INTERN_B }], resources: { [DATA]: doc(grant({ AWS: `arn:aws:iam::${B}:root` }, "s3:GetObject", `${DATA}/*`)) } },
    fixed: { principals: [{ arn: INTERN_B }], resources: { [DATA]: doc(grant({ AWS: PARTNER }, "s3:GetObject", `${DATA}/*`)) } },
  },
  {
    id: "passrole-star",
    category: "iam:PassRole on *",
    as: [DEV],
    mayNot: ["iam:PassRole"],
    on: [ADMIN_ROLE],
    buggy: { principals: [user(DEV, doc(allow(["iam:PassRole", "ec2:RunInstances"], "*", { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } })))] },
    fixed: { principals: [user(DEV, doc(allow(["iam:PassRole"], `arn:aws:iam::${A}:role/app-*`, { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } })))] },
  },
  {
    id: "boundary-escalation-createrole",
    category: "boundary escalation via iam:CreateRole",
    as: [DEV],
    mayNot: ["iam:CreateRole"],
    on: [`arn:aws:iam::${A}:role/*`],
    when: { "iam:PermissionsBoundary": null },
    buggy: { principals: [user(DEV, doc(allow("iam:CreateRole", "*", { StringEqualsIfExists: { "iam:PermissionsBoundary": `arn:aws:iam::${A}:policy/Boundary` } })))] },
    fixed: { principals: [user(DEV, doc(allow("iam:CreateRole", "*", { StringEquals: { "iam:PermissionsBoundary": `arn:aws:iam::${A}:policy/Boundary` } })))] },
  },
  {
    id: "boundary-escalation-pattern",
    category: "boundary escalation via iam:CreateRole",
    as: [DEV],
    mayNot: ["iam:CreateRole"],
    on: [`arn:aws:iam::${A}:role/*`],
    when: { "iam:PermissionsBoundary": { not: [`arn:aws:iam::${A}:policy/Boundary`] } },
    buggy: { principals: [user(DEV, doc(allow("iam:CreateRole", "*", { StringLike: { "iam:PermissionsBoundary": `arn:aws:iam::${A}:policy/Boundary*` } })))] },
    fixed: { principals: [user(DEV, doc(allow("iam:CreateRole", "*", { StringEquals: { "iam:PermissionsBoundary": `arn:aws:iam::${A}:policy/Boundary` } })))] },
  },
  {
    id: "wide-cidr-ipv4",
    category: "wide CIDR",
    as: [DEV],
    mayNot: ["s3:GetObject"],
    on: [`${DATA}/*`],
    when: { "aws:SourceIp": { not: ["10.1.0.0/16"] } },
    buggy: { principals: [user(DEV, s3All)], resources: { [DATA]: doc({ ...deny("s3:*", `${DATA}/*`, { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } }), Principal: "*" }) } },
    fixed: { principals: [user(DEV, s3All)], resources: { [DATA]: doc({ ...deny("s3:*", `${DATA}/*`, { NotIpAddress: { "aws:SourceIp": "10.1.0.0/16" } }), Principal: "*" }) } },
  },
  {
    id: "wide-cidr-ipv6",
    category: "wide CIDR",
    as: [DEV],
    mayNot: ["s3:GetObject"],
    on: [`${DATA}/*`],
    when: { "aws:SourceIp": { not: ["2001:db8:1234::/48", "0.0.0.0/0"] } },
    buggy: { principals: [user(DEV, doc(allow("s3:GetObject", `${DATA}/*`, { IpAddress: { "aws:SourceIp": "2001:db8::/32" } })))] },
    fixed: { principals: [user(DEV, doc(allow("s3:GetObject", `${DATA}/*`, { IpAddress: { "aws:SourceIp": "2001:db8:1234::/48" } })))] },
  },
  {
    id: "case-sensitive-tag-key",
    category: "case sensitivity",
    as: [DEV],
    mayNot: ["iam:TagRole"],
    on: [`arn:aws:iam::${A}:role/*`],
    when: { "aws:RequestTag/Admin": "true" },
    buggy: { principals: [user(DEV, doc(allow("iam:TagRole"), deny("iam:TagRole", "*", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["admin"] } })))] },
    fixed: { principals: [user(DEV, doc(allow("iam:TagRole"), deny("iam:TagRole", "*", { "ForAnyValue:StringEqualsIgnoreCase": { "aws:TagKeys": ["admin"] } })))] },
  },
  {
    id: "case-sensitive-prefix",
    category: "case sensitivity",
    as: [ALICE],
    mayNot: ["s3:ListBucket"],
    on: [DATA],
    when: { "s3:prefix": { not: ["home/alice/*"] } },
    buggy: { principals: [user(ALICE, doc(allow("s3:ListBucket", DATA, { StringLike: { "s3:prefix": "home/*" } })))] },
    fixed: { principals: [user(ALICE, doc(allow("s3:ListBucket", DATA, { StringLike: { "s3:prefix": "home/${aws:username}/*" } })))] },
  },
  {
    id: "confused-deputy-no-source",
    category: "confused deputy",
    as: ["cloudtrail.amazonaws.com"],
    mayNot: ["s3:PutObject"],
    on: [`${LOGS}/*`],
    when: { "aws:SourceAccount": { not: [A] } },
    buggy: { principals: [{ arn: "cloudtrail.amazonaws.com" }], resources: { [LOGS]: doc(grant({ Service: "cloudtrail.amazonaws.com" }, "s3:PutObject", `${LOGS}/*`)) } },
    fixed: { principals: [{ arn: "cloudtrail.amazonaws.com" }], resources: { [LOGS]: doc(grant({ Service: "cloudtrail.amazonaws.com" }, "s3:PutObject", `${LOGS}/*`, { StringEquals: { "aws:SourceAccount": A } })) } },
  },
  {
    id: "confused-deputy-sourcearn-any-account",
    category: "confused deputy",
    as: ["cloudtrail.amazonaws.com"],
    mayNot: ["s3:PutObject"],
    on: [`${LOGS}/*`],
    when: { "aws:SourceAccount": { not: [A] } },
    buggy: { principals: [{ arn: "cloudtrail.amazonaws.com" }], resources: { [LOGS]: doc(grant({ Service: "cloudtrail.amazonaws.com" }, "s3:PutObject", `${LOGS}/*`, { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:*:trail/*" } })) } },
    fixed: { principals: [{ arn: "cloudtrail.amazonaws.com" }], resources: { [LOGS]: doc(grant({ Service: "cloudtrail.amazonaws.com" }, "s3:PutObject", `${LOGS}/*`, { ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${A}:trail/*` } })) } },
  },
  {
    id: "kms-viaservice-any-account",
    category: "cross-account whole-account grant",
    as: [INTERN_B],
    mayNot: ["kms:Decrypt"],
    on: [KEY],
    buggy: { principals: [{ arn: INTERN_B }], resources: { [KEY]: doc(grant({ AWS: "*" }, "kms:Decrypt", "*", { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } })) } },
    fixed: { principals: [{ arn: INTERN_B }], resources: { [KEY]: doc(grant({ AWS: "*" }, "kms:Decrypt", "*", { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com", "kms:CallerAccount": A } })) } },
  },
  {
    id: "null-check-inverted",
    category: "IfExists guard",
    as: [DEV],
    mayNot: ["s3:PutObject"],
    on: [`${DATA}/*`],
    when: { "s3:x-amz-server-side-encryption": null },
    buggy: { principals: [user(DEV, doc(allow("s3:PutObject", `${DATA}/*`), deny("s3:PutObject", `${DATA}/*`, { Null: { "s3:x-amz-server-side-encryption": "false" } })))] },
    fixed: { principals: [user(DEV, doc(allow("s3:PutObject", `${DATA}/*`), deny("s3:PutObject", `${DATA}/*`, { Null: { "s3:x-amz-server-side-encryption": "true" } })))] },
  },
  {
    id: "mfa-age-threshold",
    category: "IfExists guard",
    as: [DEV],
    mayNot: ["iam:DeleteRole"],
    on: [`arn:aws:iam::${A}:role/*`],
    when: { "aws:MultiFactorAuthPresent": { not: [true] } },
    buggy: { principals: [user(DEV, doc(allow("iam:*"), deny("iam:*", "*", { NumericGreaterThan: { "aws:MultiFactorAuthAge": "3600" } })))] },
    fixed: { principals: [user(DEV, doc(allow("iam:*"), deny("iam:*", "*", { NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "3600" } }), deny("iam:*", "*", { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } })))] },
  },
  {
    id: "deny-prefix-secret-objects",
    category: "Deny list / resource prefix",
    as: [DEV],
    mayNot: ["s3:GetObject"],
    on: [`${DATA}/*`],
    except: [`${DATA}/public/*`],
    buggy: { principals: [user(DEV, doc(allow("s3:GetObject", `${DATA}/*`), deny("s3:GetObject", `${DATA}/secret/*`)))] },
    fixed: { principals: [user(DEV, doc(allow("s3:GetObject", `${DATA}/public/*`), deny("s3:GetObject", `${DATA}/secret/*`)))] },
  },
];
