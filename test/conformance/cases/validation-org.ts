import type { ConformanceCase } from "../case.js";

// Rows on the syntax of organization policies (RCPs), from
// organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html.
const RCP_DOC = "organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html";
const ALICE = "arn:aws:iam::111122223333:user/alice";
const ALLOW_S3 = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };
const FULL = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] };
const denyPut = (extra: Record<string, unknown>) => ({
  Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "*" }],
  ...extra,
});

function withRcp(rcp: unknown) {
  return {
    principal: ALICE,
    action: "s3:PutObject",
    resource: "arn:aws:s3:::b/k",
    resourceAccount: "111122223333",
    identityPolicies: [ALLOW_S3],
    rcps: [[FULL, rcp as never]],
  };
}

export const cases: ConformanceCase[] = [
  {
    name: "an RCP with Version 2012-10-17 is read, and its Deny applies",
    doc: `${RCP_DOC} ("Every RCP must include a Version element with the value 2012-10-17")`,
    input: withRcp(denyPut({ Version: "2012-10-17" })),
    expected: "ExplicitDeny",
  },
  {
    name: "an RCP without Version is invalid",
    doc: `${RCP_DOC} ("Every RCP must include a Version element with the value 2012-10-17")`,
    input: withRcp(denyPut({})),
    expected: { throws: /Version/ },
  },
  {
    name: "an RCP with Version 2008-10-17 is invalid",
    doc: `${RCP_DOC} ("Every RCP must include a Version element with the value 2012-10-17")`,
    input: withRcp(denyPut({ Version: "2008-10-17" })),
    expected: { throws: /Version/ },
  },
  {
    name: "NotAction is not an element of RCPs",
    doc: `${RCP_DOC} (the elements summary lists Action, not NotAction)`,
    input: withRcp({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", NotAction: "s3:GetObject", Resource: "*" }] }),
    expected: { throws: /NotAction/ },
  },
];

const OIDC = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const PUBLIC_BUCKET = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::pub/*" }] };
const TRUST_OIDC = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Federated: OIDC }, Action: "sts:AssumeRoleWithWebIdentity" }],
};

cases.push(
  {
    name: "an OIDC provider exchanges its token for a role session (AssumeRoleWithWebIdentity)",
    doc: "IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html",
    input: { principal: OIDC, action: "sts:AssumeRoleWithWebIdentity", resource: "arn:aws:iam::111122223333:role/deploy", resourcePolicy: TRUST_OIDC },
    expected: "Allow",
  },
  {
    name: "an OIDC provider signs no other request, even to a public bucket",
    doc: "IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html (the provider's token is exchanged for role credentials; docs silent on direct calls: fail closed)",
    input: { principal: OIDC, action: "s3:GetObject", resource: "arn:aws:s3:::pub/k", resourceAccount: "111122223333", resourcePolicy: PUBLIC_BUCKET },
    expected: "ImplicitDeny",
  },
);

cases.push({
  name: "a condition key with an unterminated policy variable is invalid",
  doc: "IAM/latest/UserGuide/reference_policies_variables.html (a variable is written ${...}; docs silent on a broken one in a key: fail closed)",
  input: {
    principal: ALICE,
    action: "s3:GetObject",
    resource: "arn:aws:s3:::b/k",
    resourceAccount: "111122223333",
    identityPolicies: [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/${aws:username": "x" } } }] },
    ],
  },
  expected: { throws: /\$\{|variable/i },
});
