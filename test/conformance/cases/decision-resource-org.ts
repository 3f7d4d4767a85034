/**
 * The resource-side organization keys and the data-perimeter examples of
 * IAM/latest/UserGuide/reference_policies_condition-keys.html (aws:ResourceOrgID, aws:ResourceOrgPaths,
 * aws:ResourceAccount) and IAM/latest/UserGuide/reference_policies_examples_resource_account_data_exch.html.
 * The organization keys come from the environment (the request context here); aws:ResourceAccount is
 * derived from the resource.
 */
import type { ConformanceCase } from "../case.js";
import type { EvaluateInput, RequestContextInput } from "../../../src/types.js";
import { ACCT, ALICE, OTHER, allow, aws, grant, policy, row } from "./decision-builders.js";

const KEYS = "IAM/latest/UserGuide/reference_policies_condition-keys.html";
const VARIABLES = "IAM/latest/UserGuide/reference_policies_variables.html";
const EXCHANGE = "IAM/latest/UserGuide/reference_policies_examples_resource_account_data_exch.html";

const ORG = "o-a1b2c3d4e5";
const OTHER_ORG = "o-9z8y7x6w5v";

// aws:ResourceOrgID: the page's DenyPutObjectToS3ResourcesOutsideMyOrganization, beside an allow.
const GENIUS = "arn:aws:s3:::policy-genius-dev";
const orgIdDeny = policy(
  allow("s3:PutObject", `${GENIUS}/*`),
  {
    Sid: "DenyPutObjectToS3ResourcesOutsideMyOrganization",
    Effect: "Deny",
    Action: "s3:PutObject",
    Resource: `${GENIUS}/*`,
    Condition: { StringNotEquals: { "aws:ResourceOrgID": "${aws:PrincipalOrgID}" } },
  },
);
const putGenius = (context: RequestContextInput): EvaluateInput =>
  ({ principal: ALICE, action: "s3:PutObject", resource: `${GENIUS}/draft.txt`, resourceAccount: ACCT, identityPolicies: [orgIdDeny], context });
const ORG_ID = `${KEYS}#condition-keys-resourceorgid ("prevents the principal from adding objects to the policy-genius-dev resource unless the Amazon S3 resource belongs to the same organization as the principal making the request")`;

const resourceOrgId: ConformanceCase[] = [
  row("aws:ResourceOrgID: the bucket belongs to the caller's organization", ORG_ID,
    putGenius({ "aws:ResourceOrgID": ORG, "aws:PrincipalOrgID": ORG }), "Allow"),
  row("aws:ResourceOrgID: the bucket belongs to another organization", ORG_ID,
    putGenius({ "aws:ResourceOrgID": OTHER_ORG, "aws:PrincipalOrgID": ORG }), "ExplicitDeny"),
  row("aws:ResourceOrgID: the bucket's account is in no organization (key absent: the negated operator is true)", `${ORG_ID}; ${KEYS} ("This key is included in the request context only if the account that owns the resource is a member of an organization"); IAM/latest/UserGuide/reference_policies_elements_condition_operators.html (negated operators on a missing key are true)`,
    putGenius({ "aws:PrincipalOrgID": ORG }), "ExplicitDeny"),
  row("aws:ResourceOrgID: the caller is in no organization (the variable has no value)", `${ORG_ID}; ${VARIABLES} ("Inverted condition operators like StringNotEquals or StringNotLike do match against a null value")`,
    putGenius({ "aws:ResourceOrgID": ORG }), "ExplicitDeny"),
];

// aws:ResourceOrgPaths: the page's three conditions, on an allow for reading an SQS queue of another
// account whose queue policy grants the caller's account.
const QUEUE = `arn:aws:sqs:us-east-1:${OTHER}:jobs`;
const ROOT_OU = `${ORG}/r-ab12/ou-ab12-11111111/`;
const CHILD_OU = `${ROOT_OU}ou-ab12-22222222/`;
const GRANDCHILD_OU = `${CHILD_OU}ou-ab12-33333333/`;
const queueGrant = policy(grant(aws(ACCT), "sqs:ReceiveMessage", QUEUE));
const receiveWhen = (operator: string, path: string, resourcePath: string | null): EvaluateInput => ({
  principal: ALICE,
  action: "sqs:ReceiveMessage",
  resource: QUEUE,
  resourcePolicy: queueGrant,
  identityPolicies: [policy(allow("sqs:ReceiveMessage", "*", { Condition: { [operator]: { "aws:ResourceOrgPaths": [path] } } }))],
  context: { "aws:ResourceOrgPaths": resourcePath === null ? null : [resourcePath] },
});
const PATHS = `${KEYS}#condition-keys-resourceorgpaths`;

const resourceOrgPaths: ConformanceCase[] = [
  row("aws:ResourceOrgPaths ForAnyValue:StringLike o-a1b2c3d4e5/*: a resource of the organization", `${PATHS} ("returns True for resources that belong to the organization o-a1b2c3d4e5")`,
    receiveWhen("ForAnyValue:StringLike", `${ORG}/*`, GRANDCHILD_OU), "Allow"),
  row("aws:ResourceOrgPaths ForAnyValue:StringLike o-a1b2c3d4e5/*: a resource of another organization", PATHS,
    receiveWhen("ForAnyValue:StringLike", `${ORG}/*`, `${OTHER_ORG}/r-zz99/`), "ImplicitDeny"),
  row("aws:ResourceOrgPaths ForAnyValue:StringLike OU/*: a resource in a child OU", `${PATHS} ("It will match resources owned by accounts attached to the OU ou-ab12-11111111 or any of the child OUs")`,
    receiveWhen("ForAnyValue:StringLike", `${ROOT_OU}*`, CHILD_OU), "Allow"),
  row("aws:ResourceOrgPaths ForAnyValue:StringEquals: a resource attached directly to the OU", `${PATHS} ("returns True for resources owned by accounts attached directly to the OU ID ou-ab12-22222222, but not the child OUs")`,
    receiveWhen("ForAnyValue:StringEquals", CHILD_OU, CHILD_OU), "Allow"),
  row("aws:ResourceOrgPaths ForAnyValue:StringEquals: a resource in a child OU of it", `${PATHS} ("but not the child OUs")`,
    receiveWhen("ForAnyValue:StringEquals", CHILD_OU, GRANDCHILD_OU), "ImplicitDeny"),
  row("aws:ResourceOrgPaths ForAnyValue: a resource of an account in no organization (key absent)", `${PATHS} ("This key is included in the request context only if the account that owns the resource is a member of an organization"); IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAnyValue: "For no matching key or a null dataset, the condition returns false")`,
    receiveWhen("ForAnyValue:StringLike", `${ORG}/*`, null), "ImplicitDeny"),
];

// The Data Exchange perimeter: deny every action on resources outside 111122223333, except the three S3
// actions when AWS Data Exchange makes them.
const exchangePerimeter = policy(
  allow("*"),
  {
    Sid: "DenyAllAwsReourcesOutsideAccountExceptAmazonS3",
    Effect: "Deny",
    NotAction: ["s3:GetObject", "s3:PutObject", "s3:PutObjectAcl"],
    Resource: "*",
    Condition: { StringNotEquals: { "aws:ResourceAccount": [ACCT] } },
  },
  {
    Sid: "DenyAllS3ResourcesOutsideAccountExceptDataExchange",
    Effect: "Deny",
    Action: ["s3:GetObject", "s3:PutObject", "s3:PutObjectAcl"],
    Resource: "*",
    Condition: {
      StringNotEquals: { "aws:ResourceAccount": [ACCT] },
      "ForAllValues:StringNotEquals": { "aws:CalledVia": ["dataexchange.amazonaws.com"] },
    },
  },
);
const PROVIDER_BUCKET = "arn:aws:s3:::data-exchange-provider";
const providerGrant = policy(grant(aws(ALICE), "s3:GetObject", `${PROVIDER_BUCKET}/*`));
const exchangeGet = (context: RequestContextInput, resourceAccount = OTHER, resource = `${PROVIDER_BUCKET}/asset.csv`): EvaluateInput =>
  ({ principal: ALICE, action: "s3:GetObject", resource, resourceAccount, identityPolicies: [exchangePerimeter], resourcePolicy: providerGrant, context });
const EXCHANGE_DOC = `${EXCHANGE} ("The statement does not deny the actions if either the resource belongs to the listed account or the listed service principal, dataexchange.amazonaws.com, performs the operations")`;

const dataExchange: ConformanceCase[] = [
  row("Data Exchange perimeter: reading another account's bucket through AWS Data Exchange", EXCHANGE_DOC,
    exchangeGet({ "aws:CalledVia": ["dataexchange.amazonaws.com"] }), "Allow"),
  row("Data Exchange perimeter: reading another account's bucket directly (no aws:CalledVia: ForAllValues is true)", `${EXCHANGE} ("denies the actions if resources do not belong in the listed account and if the calling service is not AWS Data Exchange"); IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAllValues "also returns true if there are no keys in the request")`,
    exchangeGet({}), "ExplicitDeny"),
  row("Data Exchange perimeter: reading another account's bucket through Athena", EXCHANGE,
    exchangeGet({ "aws:CalledVia": ["athena.amazonaws.com"] }), "ExplicitDeny"),
  row("Data Exchange perimeter: reading a bucket of the listed account directly", EXCHANGE_DOC,
    exchangeGet({}, ACCT, "arn:aws:s3:::acme-own/asset.csv"), "Allow"),
  row("Data Exchange perimeter: an SQS queue of another account, even through Data Exchange", `${EXCHANGE} (DenyAllAwsReourcesOutsideAccountExceptAmazonS3: "explicitly denies access to every action not listed in the statement that also do not belong to the listed account")`,
    { principal: ALICE, action: "sqs:SendMessage", resource: QUEUE, identityPolicies: [exchangePerimeter], resourcePolicy: policy(grant(aws(ALICE), "sqs:SendMessage", QUEUE)), context: { "aws:CalledVia": ["dataexchange.amazonaws.com"] } },
    "ExplicitDeny"),
  row("Data Exchange perimeter: an SQS queue of the listed account", EXCHANGE,
    { principal: ALICE, action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${ACCT}:local`, identityPolicies: [exchangePerimeter] }, "Allow"),
];

export const cases: ConformanceCase[] = [...resourceOrgId, ...resourceOrgPaths, ...dataExchange];
