/**
 * Conformance rows taken from the worked examples of the AWS documentation: each row is one side of a
 * documented example (the page's own policy, the page's own request), and `doc` names the page and quotes
 * the sentence that decides it. Index of the pages: docs/aws-semantics-examples.md.
 *
 * `cases` is green; `pendingFix` holds rows on which the evaluator currently disagrees with the
 * documentation (they fail until src/ is fixed; the lead moves them into `cases`).
 */
import type { Decision, EvaluateInput, PolicyDocument, RequestContextInput } from "../../../src/types.js";
import type { ConformanceCase } from "../case.js";
import { FULL_ACCESS, RCP_FULL_ACCESS, allow, aws, deny, grant, policy, refuse, type Stmt } from "./decision-builders.js";

// ---------------------------------------------------------------------------------------------------
// Pages
const IAM = "IAM/latest/UserGuide/";
const BASICS = `${IAM}reference_policies_evaluation-logic_policy-eval-basics.html#reference_policies_evaluation-logic_policies_evaluation_example`;
const INTERPLAY = `${IAM}reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.html`;
const CROSS = `${IAM}reference_policies_evaluation-logic-cross-account.html#policies_evaluation_example-cross-account`;
const OPS = `${IAM}reference_policies_elements_condition_operators.html`;
const LOGIC = `${IAM}reference_policies_condition-logic-multiple-context-keys-or-values.html`;
const MULTI = `${IAM}reference_policies_condition-single-vs-multi-valued-context-keys.html`;
const MULTI_EX = `${IAM}reference_policies_condition_examples-multi-valued-context-keys.html`;
const SETOPS = `${IAM}reference_policies_multi-value-conditions.html (set operations, DynamoDB Thread example)`;
const KEYS = `${IAM}reference_policies_condition-keys.html`;
const NOTPRINCIPAL = `${IAM}reference_policies_elements_notprincipal.html`;
const PRINCIPAL = `${IAM}reference_policies_elements_principal.html`;
const BOUNDARIES = `${IAM}access_policies_boundaries.html`;
const S3EX = "AmazonS3/latest/userguide/example-bucket-policies.html";
const S3VPCE = "AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html";
const SCPEX = "organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html";
const SCPEVAL = "organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html";
const RCPEX = "organizations/latest/userguide/orgs_manage_policies_rcps_examples.html";
const KMSDEFAULT = "kms/latest/developerguide/key-policy-default.html";

const q = (page: string, quote: string): string => `${page}: "${quote}"`;

const MISSING_FALSE = q(OPS, "If the key that you specify in a policy condition is not present in the request context, the values do not match and the condition is false");
const MISSING_NEGATED = q(OPS, "If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the condition is true");
const IF_EXISTS = q(`${OPS}#Conditions_IfExists`, "If the key is not present, evaluate the condition element as true");
const AND = q(LOGIC, "If your policy has multiple condition operators or multiple keys attached to a single condition operator, the conditions are evaluated using a logical AND");
const OR = q(LOGIC, "If a single condition operator includes multiple values for a context key, those values are evaluated using a logical OR");
const NOR = q(LOGIC, "If a single negated matching condition operator includes multiple values for a context key, those values are evaluated using a logical NOR");
const BOTH = q(CROSS, "The request is allowed only if both evaluations return a decision of Allow");
const EVERY_LEVEL = q(SCPEVAL, "For a permission to be allowed for a specific account, there must be an explicit Allow statement at every level from the root through each OU in the direct path to the account (including the target account itself)");

// ---------------------------------------------------------------------------------------------------
// Helpers
const A = "111122223333";
const B = "444455556666";
const C = "777788889999";
const ALICE = `arn:aws:iam::${A}:user/alice`;
const ROOT_A = `arn:aws:iam::${A}:root`;
const CAROL = `arn:aws:iam::${B}:user/carol`;
const DEPLOY_ROLE = `arn:aws:iam::${A}:role/deploy`;
const DEPLOY_SESSION = `arn:aws:sts::${A}:assumed-role/deploy/s1`;
const FED_BOB = `arn:aws:sts::${A}:federated-user/bob`;
const ALLOW_ALL = policy(allow("*"));

function r(name: string, doc: string, input: EvaluateInput, expected: Decision): ConformanceCase {
  return { name: `doc example: ${name}`, doc, input, expected };
}

/** A request by `principal` for `action` on `resource` (owner `account`, for S3 ARNs that carry none). */
function req(principal: string, action: string, resource: string, account: string | undefined, rest: Partial<EvaluateInput> = {}): EvaluateInput {
  return { principal, action, resource, ...(account === undefined ? {} : { resourceAccount: account }), ...rest };
}

const ctx = (c: RequestContextInput): { context: RequestContextInput } => ({ context: c });

// ---------------------------------------------------------------------------------------------------
// 1. Policy evaluation for requests within a single account: the carlossalazar example.
const CARLOS = "arn:aws:iam::123456789012:user/carlossalazar";
const CARLOS_BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar";
const CARLOS_LOGS = "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs";
const carlosIdentity = policy(
  { Sid: "AllowS3ListRead", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:GetAccountPublicAccessBlock", "s3:ListAccessPoints", "s3:ListAllMyBuckets"], Resource: "arn:aws:s3:::*" },
  { Sid: "AllowS3Self", Effect: "Allow", Action: "s3:*", Resource: [`${CARLOS_BUCKET}/*`, CARLOS_BUCKET] },
  { Sid: "DenyS3Logs", Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::*log*" },
);
const carlosBucketPolicy = policy({ Effect: "Allow", Principal: { AWS: CARLOS }, Action: "s3:*", Resource: [`${CARLOS_BUCKET}/*`, CARLOS_BUCKET] });
const carlos = (action: string, resource: string, rest: Partial<EvaluateInput> = {}): EvaluateInput => req(CARLOS, action, resource, "123456789012", rest);

const sameAccountCarlos: ConformanceCase[] = [
  r("same account: Carlos saves a file to the -logs bucket", q(BASICS, "It finds one, because the identity-based policy explicitly denies Carlos access to any S3 buckets used for logging. Carlos is denied access."),
    carlos("s3:PutObject", `${CARLOS_LOGS}/report.txt`, { identityPolicies: [carlosIdentity] }), "ExplicitDeny"),
  r("same account: Carlos saves the file to his own bucket (identity and bucket policy allow)", q(BASICS, "Both the identity-based policy and the resource-based policy allow the request. Therefore, AWS allows the request."),
    carlos("s3:PutObject", `${CARLOS_BUCKET}/report.txt`, { identityPolicies: [carlosIdentity], resourcePolicy: carlosBucketPolicy }), "Allow"),
  r("same account: only the identity policy allows", q(BASICS, "If one of the policy types allows the request and the other doesn't, the request is still allowed."),
    carlos("s3:PutObject", `${CARLOS_BUCKET}/report.txt`, { identityPolicies: [carlosIdentity] }), "Allow"),
  r("same account: only the bucket policy allows", q(BASICS, "If either the identity-based policy or the resource-based policy within the same account allows the request and the other doesn't, the request is still allowed."),
    carlos("s3:PutObject", `${CARLOS_BUCKET}/report.txt`, { resourcePolicy: carlosBucketPolicy }), "Allow"),
  r("same account: the bucket policy also denies explicitly", q(BASICS, "If either of them explicitly denied the statement, the request would have been denied."),
    carlos("s3:PutObject", `${CARLOS_BUCKET}/report.txt`, {
      identityPolicies: [carlosIdentity],
      resourcePolicy: policy({ Effect: "Allow", Principal: { AWS: CARLOS }, Action: "s3:*", Resource: [`${CARLOS_BUCKET}/*`, CARLOS_BUCKET] }, refuse(aws(CARLOS), "s3:PutObject", `${CARLOS_BUCKET}/*`)),
    }), "ExplicitDeny"),
  r("same account: another user of the account and the carlossalazar bucket policy", q(BASICS, "This policy specifies that only the carlossalazar user can access the carlossalazar bucket."),
    req("arn:aws:iam::123456789012:user/bob", "s3:PutObject", `${CARLOS_BUCKET}/report.txt`, "123456789012", { resourcePolicy: carlosBucketPolicy }), "ImplicitDeny"),
  r("same account: AllowS3ListRead lets Carlos locate any bucket", q(BASICS, "The AllowS3ListRead statement in this policy allows Carlos to view a list of all of the buckets in the account."),
    carlos("s3:GetBucketLocation", "arn:aws:s3:::amzn-s3-demo-bucket-other", { identityPolicies: [carlosIdentity] }), "Allow"),
  r("same account: DenyS3Logs covers list actions on a log bucket too", q(BASICS, "The DenyS3Logs statement denies Carlos access to any S3 bucket with log in its name."),
    carlos("s3:GetBucketLocation", CARLOS_LOGS, { identityPolicies: [carlosIdentity] }), "ExplicitDeny"),
  r("same account: objects of another bucket are not in AllowS3Self", q(BASICS, "The AllowS3Self statement allows Carlos full access to the bucket with the same name as his user name."),
    carlos("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket-other/report.txt", { identityPolicies: [carlosIdentity] }), "ImplicitDeny"),
];

// 2. The difference between explicit and implicit denies: AllowGetList / DenyReports.
const getList = policy(
  { Sid: "AllowGetList", Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" },
  { Sid: "DenyReports", Effect: "Deny", Action: "iam:*Report", Resource: "*" },
);
const iamReq = (action: string, resource: string, extra: PolicyDocument[] = []): EvaluateInput =>
  req(ALICE, action, resource, undefined, { identityPolicies: [getList, ...extra] });

const interplay: ConformanceCase[] = [
  r("AllowGetList: iam:GetUser", q(INTERPLAY, "The AllowGetList statement allows read-only access to IAM actions that begin with the prefixes Get and List."),
    iamReq("iam:GetUser", `arn:aws:iam::${A}:user/bob`), "Allow"),
  r("AllowGetList: iam:ListRoles", q(INTERPLAY, "The AllowGetList statement allows read-only access to IAM actions that begin with the prefixes Get and List."),
    iamReq("iam:ListRoles", `arn:aws:iam::${A}:role/deploy`), "Allow"),
  r("AllowGetList: iam:CreatePolicy is implicitly denied", q(INTERPLAY, "All other actions in IAM, such as iam:CreatePolicy are implicitly denied."),
    iamReq("iam:CreatePolicy", `arn:aws:iam::${A}:policy/p`), "ImplicitDeny"),
  r("DenyReports: iam:GetOrganizationsAccessReport", q(INTERPLAY, "The DenyReports statement explicitly denies access to IAM reports by denying access to actions that include the Report suffix, such as iam:GetOrganizationsAccessReport."),
    iamReq("iam:GetOrganizationsAccessReport", "*"), "ExplicitDeny"),
  r("DenyReports: iam:GenerateCredentialReport allowed by another policy", q(INTERPLAY, "If someone adds another policy to this principal to grant them access to IAM reports, such as iam:GenerateCredentialReport, report-related requests are still denied because of this explicit deny."),
    iamReq("iam:GenerateCredentialReport", "*", [policy(allow("iam:GenerateCredentialReport"))]), "ExplicitDeny"),
  r("DenyReports: iam:GetCredentialReport (Get* and *Report)", q(INTERPLAY, "denying access to actions that include the Report suffix"),
    iamReq("iam:GetCredentialReport", "*"), "ExplicitDeny"),
];

// 3. Cross-account policy evaluation logic: Carlos in 111111111111, the production buckets in 222222222222.
const XCARLOS = "arn:aws:iam::111111111111:user/carlossalazar";
const PROD = "arn:aws:s3:::amzn-s3-demo-bucket-production";
const PROD_LOGS = "arn:aws:s3:::amzn-s3-demo-bucket-production-logs";
const xCarlosIdentity = policy(
  { Sid: "AllowS3ListRead", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" },
  { Sid: "AllowS3ProductionObjectActions", Effect: "Allow", Action: "s3:*Object*", Resource: `${PROD}/*` },
  { Sid: "DenyS3Logs", Effect: "Deny", Action: "s3:*", Resource: ["arn:aws:s3:::*log*", "arn:aws:s3:::*log*/*"] },
);
const prodBucketPolicy = policy({
  Effect: "Allow",
  Action: ["s3:GetObject*", "s3:PutObject*", "s3:ReplicateObject", "s3:RestoreObject"],
  Principal: { AWS: XCARLOS },
  Resource: `${PROD}/*`,
});
const xcarlos = (action: string, resource: string, rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  req(XCARLOS, action, resource, "222222222222", { identityPolicies: [xCarlosIdentity], ...rest });

const crossAccountCarlos: ConformanceCase[] = [
  r("cross-account: Carlos saves to the production-logs bucket (no bucket policy there)", q(CROSS, "Because the request is explicitly denied within one of the accounts, the final decision is to deny the request."),
    xcarlos("s3:PutObject", `${PROD_LOGS}/app.log`), "ExplicitDeny"),
  r("cross-account: Carlos saves to the production bucket", q(CROSS, "Because both accounts allow the request, the final decision is to allow the request."),
    xcarlos("s3:PutObject", `${PROD}/release.zip`, { resourcePolicy: prodBucketPolicy }), "Allow"),
  r("cross-account: Carlos edits an object's ACL (s3:PutObject*)", q(CROSS, "This policy allows the carlossalazar user to access objects in the Production bucket. He can create and edit, but not delete the objects in the bucket."),
    xcarlos("s3:PutObjectAcl", `${PROD}/release.zip`, { resourcePolicy: prodBucketPolicy }), "Allow"),
  r("cross-account: Carlos deletes an object", q(CROSS, "He can create and edit, but not delete the objects in the bucket."),
    xcarlos("s3:DeleteObject", `${PROD}/release.zip`, { resourcePolicy: prodBucketPolicy }), "ImplicitDeny"),
  r("cross-account: Carlos manages the bucket itself", q(CROSS, "He can't manage the bucket itself."),
    xcarlos("s3:PutBucketPolicy", PROD, { resourcePolicy: prodBucketPolicy }), "ImplicitDeny"),
  r("cross-account: production bucket without its bucket policy", BOTH,
    xcarlos("s3:PutObject", `${PROD}/release.zip`), "ImplicitDeny"),
];

// ---------------------------------------------------------------------------------------------------
// 4. Condition operators: the page's examples.
const alice = (action: string, resource: string, identity: PolicyDocument, context?: RequestContextInput, account: string | undefined = A): EvaluateInput =>
  req(ALICE, action, resource, account, { identityPolicies: [identity], ...(context ? ctx(context) : {}) });

const jobCategory = policy(allow("iam:*AccessKey*", `arn:aws:iam::${A}:user/*`, { Condition: { StringEquals: { "aws:PrincipalTag/job-category": "iamuser-admin" } } }));
const accessKey = (action: string, c?: RequestContextInput) => alice(action, `arn:aws:iam::${A}:user/alice`, jobCategory, c, undefined);

const S3_DEMO = "arn:aws:s3:::amzn-s3-demo-bucket";
const homePrefix = policy(allow("s3:ListBucket", S3_DEMO, { Condition: { StringLike: { "s3:prefix": ["", "home/", "home/${aws:username}/"] } } }));
const list = (c?: RequestContextInput, id: PolicyDocument = homePrefix) => alice("s3:ListBucket", S3_DEMO, id, c);
const maxKeys = policy(allow("s3:ListBucket", S3_DEMO, { Condition: { NumericLessThanEquals: { "s3:max-keys": "10" } } }));
const tokenAfter = policy(allow("s3:GetObject", "*", { Condition: { DateGreaterThan: { "aws:TokenIssueTime": "2020-01-01T00:00:01Z" } } }));

const QUEUE_EX = "arn:aws:sqs:us-east-1:123456789012:example-queue";
const TOPIC_EX = "arn:aws:sns:us-east-1:123456789012:example-topic";
const snsToQueue = (sourceArn: string, op = "ArnEquals") =>
  policy({ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "SQS:SendMessage", Resource: QUEUE_EX, Condition: { [op]: { "aws:SourceArn": sourceArn } } });
const snsSend = (pol: PolicyDocument, c?: RequestContextInput): EvaluateInput =>
  req("sns.amazonaws.com", "sqs:SendMessage", QUEUE_EX, undefined, { resourcePolicy: pol, ...(c ? ctx(c) : {}) });

const instanceTypes = policy(allow("ec2:RunInstances", "*", { Condition: { StringLikeIfExists: { "ec2:InstanceType": ["t1.*", "t2.*", "m3.*"] } } }));
const runInstances = (resource: string, c?: RequestContextInput) => alice("ec2:RunInstances", resource, instanceTypes, c, undefined);
const INSTANCE = `arn:aws:ec2:us-east-1:${A}:instance/i-0123456789abcdef0`;
const IMAGE = "arn:aws:ec2:us-east-1::image/ami-0abcdef1234567890";

const STRING_OPS = q(OPS, "StringEquals: Exact matching, case sensitive");
const STRING_LIKE = q(OPS, "StringLike: Case-sensitive matching. The values can include multi-character match wildcard (*) and single-character match wildcard (?) characters anywhere in the string. You must specify wildcards to achieve partial string matches.");
const ARN_OPS = q(OPS, "ArnEquals, ArnLike: Case-sensitive matching of the ARN. Each of the six colon-delimited components of the ARN is checked separately and each can include multi-character match wildcards (*) or single-character match wildcards (?).");

const conditionOperators: ConformanceCase[] = [
  r("StringEquals job-category: iamuser-admin", `${STRING_OPS}; example: the principal must be tagged with the iamuser-admin job category`, accessKey("iam:CreateAccessKey", { "aws:PrincipalTag/job-category": "iamuser-admin" }), "Allow"),
  r("StringEquals job-category: iam:UpdateAccessKey matches iam:*AccessKey*", STRING_OPS, accessKey("iam:UpdateAccessKey", { "aws:PrincipalTag/job-category": "iamuser-admin" }), "Allow"),
  r("StringEquals job-category: dev-ops", STRING_OPS, accessKey("iam:CreateAccessKey", { "aws:PrincipalTag/job-category": "dev-ops" }), "ImplicitDeny"),
  r("StringEquals job-category: value in other case", STRING_OPS, accessKey("iam:CreateAccessKey", { "aws:PrincipalTag/job-category": "IAMUser-Admin" }), "ImplicitDeny"),
  r("StringEquals job-category: principal not tagged", MISSING_FALSE, accessKey("iam:CreateAccessKey"), "ImplicitDeny"),

  r("StringLike s3:prefix: home/${aws:username}/ for alice", STRING_LIKE, list({ "s3:prefix": "home/alice/" }), "Allow"),
  r("StringLike s3:prefix: someone else's home", STRING_LIKE, list({ "s3:prefix": "home/bob/" }), "ImplicitDeny"),
  r("StringLike s3:prefix: the empty prefix (bucket root)", STRING_LIKE, list({ "s3:prefix": "" }), "Allow"),
  r("StringLike s3:prefix: home/", STRING_LIKE, list({ "s3:prefix": "home/" }), "Allow"),
  r("StringLike s3:prefix: a deeper prefix needs a wildcard", STRING_LIKE, list({ "s3:prefix": "home/alice/photos/" }), "ImplicitDeny"),
  r("StringLike s3:prefix: no prefix in the request", MISSING_FALSE, list(), "ImplicitDeny"),

  r("NumericLessThanEquals s3:max-keys 10: 9", q(OPS, "NumericLessThanEquals: Less than or equals matching"), list({ "s3:max-keys": "9" }, maxKeys), "Allow"),
  r("NumericLessThanEquals s3:max-keys 10: 11", q(OPS, "NumericLessThanEquals: Less than or equals matching"), list({ "s3:max-keys": "11" }, maxKeys), "ImplicitDeny"),

  r("DateGreaterThan aws:TokenIssueTime: the same instant is not greater", q(OPS, "DateGreaterThan: Matching after a specific date and time"), alice("s3:GetObject", `${S3_DEMO}/a`, tokenAfter, { "aws:TokenIssueTime": "2020-01-01T00:00:01Z" }), "ImplicitDeny"),
  r("DateGreaterThan aws:TokenIssueTime: a later token", q(OPS, "DateGreaterThan: Matching after a specific date and time"), alice("s3:GetObject", `${S3_DEMO}/a`, tokenAfter, { "aws:TokenIssueTime": "2024-06-01T12:00:00Z" }), "Allow"),
  r("DateGreaterThan aws:TokenIssueTime: long-term credentials carry no token time", MISSING_FALSE, alice("s3:GetObject", `${S3_DEMO}/a`, tokenAfter), "ImplicitDeny"),

  r("ArnEquals aws:SourceArn: SNS topic sends to the queue", ARN_OPS, snsSend(snsToQueue(TOPIC_EX), { "aws:SourceArn": TOPIC_EX }), "Allow"),
  r("ArnEquals aws:SourceArn: another topic", ARN_OPS, snsSend(snsToQueue(TOPIC_EX), { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:other-topic" }), "ImplicitDeny"),
  r("ArnEquals aws:SourceArn: no source ARN in the request", MISSING_FALSE, snsSend(snsToQueue(TOPIC_EX)), "ImplicitDeny"),
  r("ArnEquals with wildcards in the region and resource components", ARN_OPS, snsSend(snsToQueue("arn:aws:sns:*:123456789012:*"), { "aws:SourceArn": TOPIC_EX }), "Allow"),
  r("ArnLike with ? in the resource component", ARN_OPS, snsSend(snsToQueue("arn:aws:sns:us-east-1:123456789012:example-topi?", "ArnLike"), { "aws:SourceArn": TOPIC_EX }), "Allow"),
  r("ArnEquals is case sensitive (region in upper case)", ARN_OPS, snsSend(snsToQueue("arn:aws:sns:US-EAST-1:123456789012:example-topic"), { "aws:SourceArn": TOPIC_EX }), "ImplicitDeny"),

  r("StringLikeIfExists ec2:InstanceType: t2.micro", IF_EXISTS, runInstances(INSTANCE, { "ec2:InstanceType": "t2.micro" }), "Allow"),
  r("StringLikeIfExists ec2:InstanceType: m4.large", q(`${OPS}#Conditions_IfExists`, "If the key is present, the condition is evaluated as specified in the policy"), runInstances(INSTANCE, { "ec2:InstanceType": "m4.large" }), "ImplicitDeny"),
  r("StringLikeIfExists ec2:InstanceType: a resource without an instance type (the image)", IF_EXISTS, runInstances(IMAGE), "Allow"),
];

// 5. Multiple context keys or values: department AND role (OR within role); the negated version is NOR.
const deptRole = { "aws:PrincipalTag/department": "finance", "aws:PrincipalTag/role": ["audit", "security"] };
const deptRoleAllow = policy(allow("s3:GetObject", "*", { Condition: { StringEquals: deptRole } }));
const deptRoleDeny = policy(allow("*"), deny("s3:GetObject", "*", { Condition: { StringNotEquals: deptRole } }));
const tags = (department?: string, role?: string): RequestContextInput => ({
  ...(department === undefined ? {} : { "aws:PrincipalTag/department": department }),
  ...(role === undefined ? {} : { "aws:PrincipalTag/role": role }),
});
const tagged = (pol: PolicyDocument, c: RequestContextInput) => alice("s3:GetObject", `${S3_DEMO}/report.pdf`, pol, c);

const multipleKeys: ConformanceCase[] = [
  r("AND/OR: finance + audit", `${AND}; ${OR}`, tagged(deptRoleAllow, tags("finance", "audit")), "Allow"),
  r("AND/OR: finance + security", `${AND}; ${OR}`, tagged(deptRoleAllow, tags("finance", "security")), "Allow"),
  r("AND/OR: finance + developer", `${AND}; ${OR}`, tagged(deptRoleAllow, tags("finance", "developer")), "ImplicitDeny"),
  r("AND/OR: hr + audit", AND, tagged(deptRoleAllow, tags("hr", "audit")), "ImplicitDeny"),
  r("AND/OR: finance, no role tag", `${AND}; ${MISSING_FALSE}`, tagged(deptRoleAllow, tags("finance")), "ImplicitDeny"),
  r("negated AND/NOR: hr + developer is denied", `${AND}; ${NOR}`, tagged(deptRoleDeny, tags("hr", "developer")), "ExplicitDeny"),
  r("negated AND/NOR: finance + developer is not denied", `${AND}; ${NOR}`, tagged(deptRoleDeny, tags("finance", "developer")), "Allow"),
  r("negated AND/NOR: hr + audit is not denied", `${AND}; ${NOR}`, tagged(deptRoleDeny, tags("hr", "audit")), "Allow"),
  r("negated AND/NOR: no tags at all is denied", `${AND}; ${MISSING_NEGATED}`, tagged(deptRoleDeny, tags()), "ExplicitDeny"),
];

// ---------------------------------------------------------------------------------------------------
// 6. Multivalued context keys.
const THREAD = `arn:aws:dynamodb:us-east-1:${A}:table/Thread`;
const threadRead = policy(allow("dynamodb:GetItem", THREAD, { Condition: { "ForAllValues:StringLike": { "dynamodb:requestedAttributes": ["PostDateTime", "Message", "Tags"] } } }));
const threadNoPut = policy(allow("*"), deny("dynamodb:PutItem", THREAD, { Condition: { "ForAnyValue:StringLike": { "dynamodb:requestedAttributes": ["ID", "PostDateTime"] } } }));
const thread = (action: string, pol: PolicyDocument, attrs: string[]) => alice(action, THREAD, pol, { "dynamodb:requestedAttributes": attrs }, undefined);

const tagKeysDeny = policy(allow("*"), {
  Sid: "DenyRestrictedTags",
  Effect: "Deny",
  Action: ["iam:Tag*", "iam:UnTag*"],
  Resource: ["*"],
  Condition: { Null: { "aws:TagKeys": "false" }, "ForAllValues:StringLike": { "aws:TagKeys": ["key1*", "key2*", "key3*"] } },
});
const tagUser = (action: string, keys?: string[]) => alice(action, `arn:aws:iam::${A}:user/bob`, tagKeysDeny, keys ? { "aws:TagKeys": keys } : undefined, undefined);

const notLikeTagsPolicy = policy(allow("*"), { Sid: "DenyRestrictedTags", Effect: "Deny", Action: ["iam:Tag*", "iam:UnTag*"], Resource: ["*"], Condition: { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } } });
const notLikeTags = (keys?: string[]) => alice("iam:TagRole", `arn:aws:iam::${A}:role/deploy`, notLikeTagsPolicy, keys ? { "aws:TagKeys": keys } : undefined, undefined);

const OU_PATH = "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/";
const CHILD_PATH = `${OU_PATH}ou-ab12-33333333/`;
const orgPaths = (op: string, value: string, path?: string) =>
  alice("s3:GetObject", `${S3_DEMO}/a`, policy(allow("s3:GetObject", "*", { Condition: { [op]: { "aws:PrincipalOrgPaths": [value] } } })), path ? { "aws:PrincipalOrgPaths": [path] } : undefined);
const calledVia = (c?: RequestContextInput) =>
  alice("dynamodb:GetItem", THREAD, policy(allow("dynamodb:GetItem", "*", { Condition: { "ForAnyValue:StringEquals": { "aws:CalledVia": ["athena.amazonaws.com"] } } })), c, undefined);

const FORALL = q(MULTI, "The ForAllValues qualifier tests whether the value of every member of the request context matches the condition operator that follows it. The condition returns true if every context key value in the request matches a context key value in the policy. It also returns true if there are no context keys in the request.");
const FORANY = q(MULTI, "The ForAnyValue qualifier tests whether at least one member of the set of request context key values matches at least one member of the set of context key values in your policy condition. [...] For no matching context key or a null dataset, the condition returns false.");

const multivalued: ConformanceCase[] = [
  r("ForAllValues: PostDateTime and Message are all listed", q(SETOPS, "If the user makes a request to DynamoDB to get the attributes PostDateTime and Message from the Threads table, the request is allowed, because the user's requested attributes all match values specified in the policy."),
    thread("dynamodb:GetItem", threadRead, ["PostDateTime", "Message"]), "Allow"),
  r("ForAllValues: PostDateTime and UserName", q(SETOPS, "There's no match for UserName, so the condition operator returns false, and the policy does not allow the request."),
    thread("dynamodb:GetItem", threadRead, ["PostDateTime", "UserName"]), "ImplicitDeny"),
  r("ForAllValues: a request including ID", q(SETOPS, "if the user's request includes the ID attribute, the request fails, because ID is not within the list of allowed attributes"),
    thread("dynamodb:GetItem", threadRead, ["ID", "Message"]), "ImplicitDeny"),
  r("ForAnyValue deny: UserName, Message, PostDateTime", q(SETOPS, "The last test returns true, so the condition is true; because the Effect element is set to Deny, the request is denied."),
    thread("dynamodb:PutItem", threadNoPut, ["UserName", "Message", "PostDateTime"]), "ExplicitDeny"),
  r("ForAnyValue deny: PostDateTime and Message", q(SETOPS, "In this case, there is one match (PostDateTime), so the condition is true. [...] Because the policy's effect is Deny, the request is denied."),
    thread("dynamodb:PutItem", threadNoPut, ["PostDateTime", "Message"]), "ExplicitDeny"),
  r("ForAnyValue deny: only UserName", q(SETOPS, "The condition returns false, so the effect of the policy (Deny) is also false, and the request is not denied by this policy."),
    thread("dynamodb:PutItem", threadNoPut, ["UserName"]), "Allow"),

  r("DenyRestrictedTags: every tag key has a listed prefix", `${FORALL}; ${MULTI_EX} (DenyRestrictedTags)`, tagUser("iam:TagUser", ["key1-project", "key2-env"]), "ExplicitDeny"),
  r("DenyRestrictedTags: one tag key outside the prefixes", FORALL, tagUser("iam:TagUser", ["key1-project", "owner"]), "Allow"),
  r("DenyRestrictedTags: no tag keys (the Null check stops vacuous truth)", q(MULTI_EX, "To prevent missing context keys or context keys with empty values from evaluating to true, include the Null condition operator in your policy with a value of false"),
    tagUser("iam:TagUser"), "Allow"),
  r("DenyRestrictedTags: iam:UnTag* matches iam:UntagUser", `${FORALL}; action names are case-insensitive (${IAM}reference_policies_elements_action.html)`, tagUser("iam:UntagUser", ["key3-cost"]), "ExplicitDeny"),

  r("DenyRestrictedTags (ForAllValues:StringNotLike key1*): key1:legal", `${MULTI_EX} (table: key1:legal -> No match, may be allowed by another statement)`, notLikeTags(["key1:legal"]), "Allow"),
  r("DenyRestrictedTags (ForAllValues:StringNotLike key1*): key1:hr and key1:personnel", `${MULTI_EX} (table: key1:hr, key1:personnel -> No match)`, notLikeTags(["key1:hr", "key1:personnel"]), "Allow"),
  r("DenyRestrictedTags (ForAllValues:StringNotLike key1*): key2:audit", q(MULTI_EX, "the policy denies requests where the values for aws:TagKeys in the request do not include the prefix key1"), notLikeTags(["key2:audit"]), "ExplicitDeny"),
  r("DenyRestrictedTags (ForAllValues:StringNotLike key1*): no aws:TagKeys", q(MULTI_EX, "The ForAllValues set operator also returns true if there are no context keys in the request."), notLikeTags(), "ExplicitDeny"),

  r("aws:PrincipalOrgPaths ForAnyValue:StringEquals: account directly in the OU", q(KEYS, "aws:PrincipalOrgPaths [...] Value type – Multivalued"), orgPaths("ForAnyValue:StringEquals", OU_PATH, OU_PATH), "Allow"),
  r("aws:PrincipalOrgPaths ForAnyValue:StringEquals: account in a child OU", `${KEYS} (aws:PrincipalOrgPaths: an exact path does not name child OUs)`, orgPaths("ForAnyValue:StringEquals", OU_PATH, CHILD_PATH), "ImplicitDeny"),
  r("aws:PrincipalOrgPaths ForAnyValue:StringLike with /*: account in a child OU", `${KEYS} (aws:PrincipalOrgPaths with StringLike and a trailing wildcard matches child OUs)`, orgPaths("ForAnyValue:StringLike", `${OU_PATH}*`, CHILD_PATH), "Allow"),
  r("aws:PrincipalOrgPaths ForAnyValue:StringLike: account in another OU", FORANY, orgPaths("ForAnyValue:StringLike", `${OU_PATH}*`, "o-a1b2c3d4e5/r-ab12/ou-ab12-44444444/"), "ImplicitDeny"),

  r("aws:CalledVia ForAnyValue: request made through Athena", FORANY, calledVia({ "aws:CalledVia": ["athena.amazonaws.com"] }), "Allow"),
  r("aws:CalledVia ForAnyValue: request made through CloudFormation then DynamoDB", FORANY, calledVia({ "aws:CalledVia": ["cloudformation.amazonaws.com", "dynamodb.amazonaws.com"] }), "ImplicitDeny"),
  r("aws:CalledVia ForAnyValue: direct request (no key)", FORANY, calledVia(), "ImplicitDeny"),
];

// ---------------------------------------------------------------------------------------------------
// 7. Amazon S3 bucket policy examples (bucket of 111122223333).
const OBJ = `${S3_DEMO}/photos/cat.jpg`;
const publicRead = policy({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: [`${S3_DEMO}/*`] });
const anon = (action: string, resource: string, rp: PolicyDocument, c?: RequestContextInput) => req("anonymous", action, resource, A, { resourcePolicy: rp, ...(c ? ctx(c) : {}) });
const PUBLIC = q(S3EX, "The following example policy grants the s3:GetObject permission to any public anonymous users.");

const ipDeny = policy({ Sid: "IPAllow", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [S3_DEMO, `${S3_DEMO}/*`], Condition: { NotIpAddress: { "aws:SourceIp": "54.240.143.0/24" } } });
const ipMix = policy({
  Sid: "AllowIPmix",
  Effect: "Allow",
  Principal: "*",
  Action: "s3:*",
  Resource: [S3_DEMO, `${S3_DEMO}/*`],
  Condition: {
    IpAddress: { "aws:SourceIp": ["54.240.143.0/24", "2001:DB8:1234:5678::/64"] },
    NotIpAddress: { "aws:SourceIp": ["54.240.143.128/30", "2001:DB8:1234:5678:ABCD::/80"] },
  },
});
const IPMIX = q(S3EX, "The example policy would allow access to the example IP addresses 54.240.143.1 and 2001:DB8:1234:5678::1 and would deny access to the addresses 54.240.143.129 and 2001:DB8:1234:5678:ABCD::1.");
const IPDENY = q(S3EX, "The following example denies permissions to any user to perform any Amazon S3 operations on objects in the specified S3 bucket unless the request originates from the range of IP addresses specified in the condition.");

const referer = policy({
  Sid: "Allow get requests originating from www.example.com and example.com.",
  Effect: "Allow",
  Principal: "*",
  Action: ["s3:GetObject", "s3:GetObjectVersion"],
  Resource: `${S3_DEMO}/*`,
  Condition: { StringLike: { "aws:Referer": ["http://www.example.com/*", "http://example.com/*"] } },
});
const REFERER = q(S3EX, "The following policy specifies the StringLike condition with the aws:Referer condition key.");

const TAX = `${S3_DEMO}/taxdocuments/2023.pdf`;
const mfaNull: Stmt = { Sid: "", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${S3_DEMO}/taxdocuments/*`, Condition: { Null: { "aws:MultiFactorAuthAge": true } } };
const mfaAge: Stmt = { Sid: "", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${S3_DEMO}/taxdocuments/*`, Condition: { NumericGreaterThan: { "aws:MultiFactorAuthAge": 3600 } } };
const everyoneGets: Stmt = { Sid: "", Effect: "Allow", Principal: "*", Action: ["s3:GetObject"], Resource: `${S3_DEMO}/*` };
const mfaPolicy = { Version: "2012-10-17", Id: "123", Statement: [mfaNull, everyoneGets] };
const mfaAgePolicy = { Version: "2012-10-17", Id: "123", Statement: [mfaNull, mfaAge, everyoneGets] };
const MFA_NULL = q(S3EX, "The Null condition in the Condition block evaluates to true if the aws:MultiFactorAuthAge key value is null, indicating that the temporary security credentials in the request were created without the MFA key.");
const MFA_AGE = q(S3EX, "The policy denies any operation if the aws:MultiFactorAuthAge key value indicates that the temporary session was created more than an hour ago (3,600 seconds).");

const cannedAcl = policy({
  Sid: "AddCannedAcl",
  Effect: "Allow",
  Principal: { AWS: [`arn:aws:iam::${A}:root`, `arn:aws:iam::${B}:root`] },
  Action: ["s3:PutObject", "s3:PutObjectAcl"],
  Resource: "arn:aws:s3:::amzn-s3-demo-bucket3/*",
  Condition: { StringEquals: { "s3:x-amz-acl": ["public-read"] } },
});
const CANNED = q(S3EX, "The following example policy grants the s3:PutObject and s3:PutObjectAcl permissions to multiple AWS accounts and requires that any request for these operations include the public-read canned access control list (ACL).");
const carolPut = (c?: RequestContextInput, identity = true) =>
  req(CAROL, "s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket3/upload.png", C, {
    resourcePolicy: cannedAcl,
    ...(identity ? { identityPolicies: [policy(allow("s3:PutObject"))] } : {}),
    ...(c ? ctx(c) : {}),
  });

const inventory = policy({
  Sid: "InventoryAndAnalyticsExamplePolicy",
  Effect: "Allow",
  Principal: { Service: "s3.amazonaws.com" },
  Action: "s3:PutObject",
  Resource: ["arn:aws:s3:::amzn-s3-demo-destination-bucket/*"],
  Condition: {
    ArnLike: { "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-source-bucket" },
    StringEquals: { "aws:SourceAccount": A, "s3:x-amz-acl": "bucket-owner-full-control" },
  },
});
const INVENTORY = q(S3EX, "The following example bucket policy grants Amazon S3 permission to write objects (PUTs) from the account for the source bucket to the destination bucket.");
const s3Service = (c: RequestContextInput) =>
  req("s3.amazonaws.com", "s3:PutObject", "arn:aws:s3:::amzn-s3-demo-destination-bucket/inventory.csv", A, { resourcePolicy: inventory, ...ctx(c) });
const invCtx = { "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-source-bucket", "aws:SourceAccount": A, "s3:x-amz-acl": "bucket-owner-full-control" };

const orgRead = policy({ Sid: "AllowGetObject", Principal: { AWS: "*" }, Effect: "Allow", Action: "s3:GetObject", Resource: `${S3_DEMO}/*`, Condition: { StringEquals: { "aws:PrincipalOrgID": ["o-aa111bb222"] } } });
const ORGID = q(KEYS, "aws:PrincipalOrgID: Use this key to compare the identifier of the organization in AWS Organizations to which the requesting principal belongs with the identifier specified in the policy.");
const carolGets = (rp: PolicyDocument, c?: RequestContextInput, identity = true) =>
  req(CAROL, "s3:GetObject", OBJ, A, { resourcePolicy: rp, ...(identity ? { identityPolicies: [policy(allow("s3:GetObject"))] } : {}), ...(c ? ctx(c) : {}) });

const vpceOnly = policy({ Sid: "Access-to-specific-VPCE-only", Principal: "*", Action: "s3:*", Effect: "Deny", Resource: [S3_DEMO, `${S3_DEMO}/*`], Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } });
const VPCE = q(S3VPCE, "The policy denies all access to the bucket if the specified endpoint is not being used.");
const aliceS3 = (action: string, resource: string, rp: PolicyDocument, c?: RequestContextInput, identity: PolicyDocument | null = policy(allow("s3:*"))) =>
  req(ALICE, action, resource, A, { resourcePolicy: rp, ...(identity ? { identityPolicies: [identity] } : {}), ...(c ? ctx(c) : {}) });

const s3Examples: ConformanceCase[] = [
  r("PublicRead: anonymous GetObject", PUBLIC, anon("s3:GetObject", OBJ, publicRead), "Allow"),
  r("PublicRead: anonymous GetObjectVersion", PUBLIC, anon("s3:GetObjectVersion", OBJ, publicRead), "Allow"),
  r("PublicRead: anonymous PutObject", PUBLIC, anon("s3:PutObject", OBJ, publicRead), "ImplicitDeny"),
  r("PublicRead: anonymous ListBucket on the bucket", PUBLIC, anon("s3:ListBucket", S3_DEMO, publicRead), "ImplicitDeny"),
  r("PublicRead: a user of the bucket's account without an identity policy", `${PUBLIC}; ${q(BASICS, "If either the identity-based policy or the resource-based policy within the same account allows the request and the other doesn't, the request is still allowed.")}`,
    aliceS3("s3:GetObject", OBJ, publicRead, undefined, null), "Allow"),
  r("PublicRead: a user of another account without an identity policy", `${PUBLIC}; ${BOTH}`, carolGets(publicRead, undefined, false), "ImplicitDeny"),
  r("PublicRead: a user of another account whose identity policy allows", `${PUBLIC}; ${BOTH}`, carolGets(publicRead), "Allow"),
  r("Principal {\"AWS\": \"*\"} is Principal \"*\": anonymous GetObject", q(PRINCIPAL, "For resource-based policies, such as Amazon S3 bucket policies, a wildcard (*) in the principal element specifies all users or public access. [...] \"Principal\" : { \"AWS\" : \"*\" }"),
    anon("s3:GetObject", OBJ, policy(grant({ AWS: "*" }, "s3:GetObject", `${S3_DEMO}/*`))), "Allow"),

  r("IPAllow deny: request from inside 54.240.143.0/24", IPDENY, aliceS3("s3:GetObject", OBJ, ipDeny, { "aws:SourceIp": "54.240.143.7" }), "Allow"),
  r("IPAllow deny: request from outside the range", IPDENY, aliceS3("s3:GetObject", OBJ, ipDeny, { "aws:SourceIp": "198.51.100.7" }), "ExplicitDeny"),
  r("IPAllow deny: bucket-level action from outside the range", IPDENY, aliceS3("s3:ListBucket", S3_DEMO, ipDeny, { "aws:SourceIp": "198.51.100.7" }), "ExplicitDeny"),
  r("IPAllow deny: request without aws:SourceIp (through a VPC endpoint)", `${IPDENY}; ${MISSING_NEGATED}`, aliceS3("s3:GetObject", OBJ, ipDeny), "ExplicitDeny"),

  r("AllowIPmix: 54.240.143.1", IPMIX, anon("s3:GetObject", OBJ, ipMix, { "aws:SourceIp": "54.240.143.1" }), "Allow"),
  r("AllowIPmix: 2001:DB8:1234:5678::1", IPMIX, anon("s3:GetObject", OBJ, ipMix, { "aws:SourceIp": "2001:DB8:1234:5678::1" }), "Allow"),
  r("AllowIPmix: 54.240.143.129", IPMIX, anon("s3:GetObject", OBJ, ipMix, { "aws:SourceIp": "54.240.143.129" }), "ImplicitDeny"),
  r("AllowIPmix: 2001:DB8:1234:5678:ABCD::1", IPMIX, anon("s3:GetObject", OBJ, ipMix, { "aws:SourceIp": "2001:DB8:1234:5678:ABCD::1" }), "ImplicitDeny"),
  r("AllowIPmix: 54.240.143.132 is past the excluded /30", IPMIX, anon("s3:GetObject", OBJ, ipMix, { "aws:SourceIp": "54.240.143.132" }), "Allow"),
  r("AllowIPmix: an address outside both ranges", IPMIX, anon("s3:GetObject", OBJ, ipMix, { "aws:SourceIp": "198.51.100.1" }), "ImplicitDeny"),

  r("aws:Referer: link from www.example.com", REFERER, anon("s3:GetObject", OBJ, referer, { "aws:Referer": "http://www.example.com/gallery/index.html" }), "Allow"),
  r("aws:Referer: link from example.com", REFERER, anon("s3:GetObjectVersion", OBJ, referer, { "aws:Referer": "http://example.com/index.html" }), "Allow"),
  r("aws:Referer: link from another site", REFERER, anon("s3:GetObject", OBJ, referer, { "aws:Referer": "http://www.example.net/hotlink.html" }), "ImplicitDeny"),
  r("aws:Referer: no referer header", `${REFERER}; ${MISSING_FALSE}`, anon("s3:GetObject", OBJ, referer), "ImplicitDeny"),

  r("MFA (Null): tax documents without MFA", MFA_NULL, anon("s3:GetObject", TAX, mfaPolicy), "ExplicitDeny"),
  r("MFA (Null): tax documents with MFA", MFA_NULL, aliceS3("s3:GetObject", TAX, mfaPolicy, { "aws:MultiFactorAuthAge": "300" }, null), "Allow"),
  r("MFA (Null): other objects are readable by everyone", q(S3EX, "One statement allows the s3:GetObject permission on a bucket (DOC-EXAMPLE-BUCKET) to everyone. Another statement further restricts access to the DOC-EXAMPLE-BUCKET/taxdocuments folder in the bucket by requiring MFA."),
    anon("s3:GetObject", OBJ, mfaPolicy), "Allow"),
  r("MFA age: session created two hours ago", MFA_AGE, aliceS3("s3:GetObject", TAX, mfaAgePolicy, { "aws:MultiFactorAuthAge": "7200" }, null), "ExplicitDeny"),
  r("MFA age: session created half an hour ago", MFA_AGE, aliceS3("s3:GetObject", TAX, mfaAgePolicy, { "aws:MultiFactorAuthAge": "1800" }, null), "Allow"),
  r("MFA age: no MFA at all is still denied by the Null statement", MFA_NULL, aliceS3("s3:GetObject", TAX, mfaAgePolicy, undefined, null), "ExplicitDeny"),

  r("AddCannedAcl: account 444455556666 uploads with public-read", CANNED, carolPut({ "s3:x-amz-acl": "public-read" }), "Allow"),
  r("AddCannedAcl: upload with the private ACL", CANNED, carolPut({ "s3:x-amz-acl": "private" }), "ImplicitDeny"),
  r("AddCannedAcl: upload without an ACL header", `${CANNED}; ${MISSING_FALSE}`, carolPut(), "ImplicitDeny"),
  r("AddCannedAcl: the account's user has no identity policy", `${CANNED}; ${BOTH}`, carolPut({ "s3:x-amz-acl": "public-read" }, false), "ImplicitDeny"),

  r("Inventory: S3 writes for the source bucket of the account", INVENTORY, s3Service(invCtx), "Allow"),
  r("Inventory: S3 writes on behalf of another account", INVENTORY, s3Service({ ...invCtx, "aws:SourceAccount": B }), "ImplicitDeny"),
  r("Inventory: S3 writes for another source bucket", INVENTORY, s3Service({ ...invCtx, "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-other-bucket" }), "ImplicitDeny"),

  r("aws:PrincipalOrgID: caller of another account in the organization", `${ORGID}; ${BOTH}`, carolGets(orgRead, { "aws:PrincipalOrgID": "o-aa111bb222" }), "Allow"),
  r("aws:PrincipalOrgID: caller of another organization", ORGID, carolGets(orgRead, { "aws:PrincipalOrgID": "o-zz999yy888" }), "ImplicitDeny"),
  r("aws:PrincipalOrgID: caller in no organization (key absent)", `${ORGID}; ${MISSING_FALSE}`, carolGets(orgRead), "ImplicitDeny"),
  r("aws:PrincipalOrgID: anonymous caller", `${ORGID}; ${MISSING_FALSE}`, anon("s3:GetObject", OBJ, orgRead), "ImplicitDeny"),

  r("aws:SourceVpce: through the named endpoint", VPCE, aliceS3("s3:GetObject", OBJ, vpceOnly, { "aws:SourceVpce": "vpce-1a2b3c4d" }), "Allow"),
  r("aws:SourceVpce: through another endpoint", VPCE, aliceS3("s3:GetObject", OBJ, vpceOnly, { "aws:SourceVpce": "vpce-99999999" }), "ExplicitDeny"),
  r("aws:SourceVpce: from the internet (no endpoint)", `${VPCE}; ${MISSING_NEGATED}`, aliceS3("s3:GetObject", OBJ, vpceOnly), "ExplicitDeny"),
];

// ---------------------------------------------------------------------------------------------------
// 8. NotPrincipal examples (resource of 111122223333).
const BOB_B = `arn:aws:iam::${B}:user/Bob`;
const notBob: Stmt = { Effect: "Deny", NotPrincipal: { AWS: [BOB_B, `arn:aws:iam::${B}:root`] }, Action: "s3:*", Resource: [S3_DEMO, `${S3_DEMO}/*`] };
const AUDIT_ROLE = `arn:aws:iam::${B}:role/cross-account-read-only-role`;
const AUDIT_SESSION = `arn:aws:sts::${B}:assumed-role/cross-account-read-only-role/cross-account-audit-app`;
const notAudit: Stmt = { Effect: "Deny", NotPrincipal: { AWS: [AUDIT_SESSION, AUDIT_ROLE, `arn:aws:iam::${B}:root`] }, Action: "s3:*", Resource: [S3_DEMO, `${S3_DEMO}/*`] };
const readAll = policy(allow("s3:GetObject"));
const npReq = (principal: string, rp: PolicyDocument, identity = true) =>
  req(principal, "s3:GetObject", OBJ, A, { resourcePolicy: rp, ...(identity ? { identityPolicies: [readAll] } : {}) });
const NP_BOB = q(NOTPRINCIPAL, "In the following example, all principals except the user named Bob in AWS account 444455556666 are explicitly denied access to a resource.");
const NP_ROLE = q(NOTPRINCIPAL, "In the following example, all principals except the assumed-role user named cross-account-audit-app in AWS account 444455556666 are explicitly denied access to a resource.");
const NP_ALLOW = q(NOTPRINCIPAL, "To allow Bob access to the resource, another policy statement must explicitly allow access using \"Effect\": \"Allow\".");

const notPrincipal: ConformanceCase[] = [
  r("NotPrincipal (Bob + account): Bob, granted by another statement", `${NP_BOB}; ${NP_ALLOW}`, npReq(BOB_B, policy(notBob, grant(aws(B), "s3:GetObject", `${S3_DEMO}/*`))), "Allow"),
  r("NotPrincipal (Bob + account): another user of Bob's account", NP_BOB, npReq(CAROL, policy(notBob, grant(aws(B), "s3:GetObject", `${S3_DEMO}/*`))), "ExplicitDeny"),
  r("NotPrincipal (Bob + account): a user of the bucket's account", NP_BOB, npReq(ALICE, policy(notBob)), "ExplicitDeny"),
  r("NotPrincipal (Bob + account): anonymous", NP_BOB, npReq("anonymous", policy(notBob, grant("*", "s3:GetObject", `${S3_DEMO}/*`)), false), "ExplicitDeny"),
  r("NotPrincipal (Bob + account): the Deny alone grants Bob nothing", q(NOTPRINCIPAL, "This example by itself does not grant access to Bob, it only omits Bob from the list of principals that are explicitly denied."),
    npReq(BOB_B, policy(notBob)), "ImplicitDeny"),
  r("NotPrincipal (session + role + account): the audit app session", NP_ROLE, npReq(AUDIT_SESSION, policy(notAudit, grant(aws(AUDIT_ROLE), "s3:GetObject", `${S3_DEMO}/*`))), "Allow"),
  r("NotPrincipal (session + role + account): another session of the role", NP_ROLE,
    npReq(`arn:aws:sts::${B}:assumed-role/cross-account-read-only-role/other-app`, policy(notAudit, grant(aws(AUDIT_ROLE), "s3:GetObject", `${S3_DEMO}/*`))), "ExplicitDeny"),
  r("NotPrincipal with Allow grants everyone else, anonymous included", q(NOTPRINCIPAL, "Doing so allows all principals except the one named in the NotPrincipal element. [...] By doing this, you might grant access to anonymous (unauthenticated) users."),
    npReq("anonymous", policy({ Effect: "Allow", NotPrincipal: { AWS: [BOB_B, `arn:aws:iam::${B}:root`] }, Action: "s3:GetObject", Resource: `${S3_DEMO}/*` }), false), "Allow"),
];

// 9. Permissions boundaries: ShirleyRodriguez.
const SHIRLEY = `arn:aws:iam::${A}:user/ShirleyRodriguez`;
const shirleyBoundary = policy(allow(["s3:*", "cloudwatch:*", "ec2:*"]));
const shirley = (action: string, resource: string, identity: PolicyDocument[]) =>
  req(SHIRLEY, action, resource, A, { identityPolicies: identity, permissionsBoundary: shirleyBoundary });
const SHIRLEY_MAX = q(BOUNDARIES, "Shirley can never perform operations in any other service, including IAM, even if she has a permissions policy that allows it.");

const boundaries: ConformanceCase[] = [
  r("boundary s3/cloudwatch/ec2: identity allows iam:CreateUser", `${SHIRLEY_MAX}; "If Shirley tries to perform an operation in IAM, the request fails."`,
    shirley("iam:CreateUser", `arn:aws:iam::${A}:user/new`, [policy(allow("iam:CreateUser"))]), "ImplicitDeny"),
  r("boundary s3/cloudwatch/ec2: identity allows s3:*", q(BOUNDARIES, "the entity can perform only the actions that are allowed by both its identity-based policies and its permissions boundaries"),
    shirley("s3:GetObject", OBJ, [policy(allow("s3:*"))]), "Allow"),
  r("boundary s3/cloudwatch/ec2: no identity policy", q(BOUNDARIES, "When you use a policy to set the permissions boundary for a user, it limits the user's permissions but does not provide permissions on its own."),
    shirley("s3:GetObject", OBJ, []), "ImplicitDeny"),
  r("boundary s3/cloudwatch/ec2: identity allows everything, sqs is outside the boundary", SHIRLEY_MAX,
    shirley("sqs:SendMessage", `arn:aws:sqs:us-east-1:${A}:jobs`, [ALLOW_ALL]), "ImplicitDeny"),
];

// ---------------------------------------------------------------------------------------------------
// 10. SCP examples (one member account; SCPs as one level with FullAWSAccess).
const regionDeny = policy({
  Sid: "DenyAllOutsideEU",
  Effect: "Deny",
  // NotAction abridged to the global services the rows use.
  NotAction: ["cloudfront:*", "iam:*", "organizations:*", "route53:*", "s3:GetAccountPublic*", "s3:ListAllMyBuckets", "s3:PutAccountPublic*", "sts:*", "support:*"],
  Resource: "*",
  Condition: {
    StringNotEquals: { "aws:RequestedRegion": ["eu-central-1", "eu-west-1"] },
    ArnNotLike: { "aws:PrincipalARN": ["arn:aws:iam::*:role/Role1AllowedToBypassThisSCP", "arn:aws:iam::*:role/Role2AllowedToBypassThisSCP"] },
  },
});
const scp = (principal: string, action: string, resource: string, scpDoc: PolicyDocument, c?: RequestContextInput): EvaluateInput =>
  req(principal, action, resource, A, { identityPolicies: [ALLOW_ALL], scps: [[FULL_ACCESS, scpDoc]], ...(c ? ctx(c) : {}) });
const REGION = q(SCPEX, "This policy uses the Deny effect to deny access to all requests for operations that don't target one of the two approved regions (eu-central-1 and eu-west-1).");
const REGION_GLOBAL = q(SCPEX, "With an SCP structured this way, requests made to global services in the us-east-1 Region are allowed if the requested service is included in the NotAction element. Any other requests to services in the us-east-1 Region are denied by this example policy.");
const BYPASS = `arn:aws:sts::${A}:assumed-role/Role1AllowedToBypassThisSCP/admin`;

const stopMfa = policy({ Sid: "DenyStopAndTerminateWhenMFAIsNotPresent", Effect: "Deny", Action: ["ec2:StopInstances", "ec2:TerminateInstances"], Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": false } } });
const MFA_SCP = q(SCPEX, "Require MFA to stop an Amazon EC2 instance");
const rootEc2 = policy({ Sid: "RestrictEC2ForRoot", Effect: "Deny", Action: ["ec2:*"], Resource: ["*"], Condition: { StringLike: { "aws:PrincipalArn": ["arn:aws:iam::*:root"] } } });
const ROOT_SCP = q(SCPEX, "Prevent the root user from ... : aws:PrincipalArn arn:aws:iam::*:root");
const microOnly = policy({ Sid: "RequireMicroInstanceType", Effect: "Deny", Action: "ec2:RunInstances", Resource: ["arn:aws:ec2:*:*:instance/*"], Condition: { StringNotEquals: { "ec2:InstanceType": "t2.micro" } } });
const MICRO = q(SCPEX, "Require Amazon EC2 instances to use a specific type");
const protectRole = policy({
  Sid: "DenyAccessWithException",
  Effect: "Deny",
  Action: ["iam:AttachRolePolicy", "iam:DeleteRole", "iam:DeleteRolePermissionsBoundary", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription"],
  Resource: ["arn:aws:iam::*:role/name-of-role-to-deny"],
  Condition: { ArnNotLike: { "aws:PrincipalARN": "arn:aws:iam::*:role/name-of-admin-role-to-allow" } },
});
const PROTECT = q(SCPEX, "Prevent IAM principals from making certain changes, with an exception for a specified admin role");
const leaveOrg = policy({ Effect: "Deny", Action: ["organizations:LeaveOrganization"], Resource: "*" });
const INST = `arn:aws:ec2:eu-west-1:${A}:instance/i-0123456789abcdef0`;

const scpExamples: ConformanceCase[] = [
  r("SCP region deny: s3:GetObject in us-east-1", REGION, scp(ALICE, "s3:GetObject", OBJ, regionDeny, { "aws:RequestedRegion": "us-east-1" }), "ExplicitDeny"),
  r("SCP region deny: s3:GetObject in eu-west-1", REGION, scp(ALICE, "s3:GetObject", OBJ, regionDeny, { "aws:RequestedRegion": "eu-west-1" }), "Allow"),
  r("SCP region deny: iam:CreateUser (global service) in us-east-1", REGION_GLOBAL, scp(ALICE, "iam:CreateUser", `arn:aws:iam::${A}:user/new`, regionDeny, { "aws:RequestedRegion": "us-east-1" }), "Allow"),
  r("SCP region deny: s3:ListAllMyBuckets (listed operation) in us-east-1", REGION_GLOBAL, scp(ALICE, "s3:ListAllMyBuckets", "*", regionDeny, { "aws:RequestedRegion": "us-east-1" }), "Allow"),
  r("SCP region deny: s3:ListBucket (not listed) in us-east-1", REGION_GLOBAL, scp(ALICE, "s3:ListBucket", S3_DEMO, regionDeny, { "aws:RequestedRegion": "us-east-1" }), "ExplicitDeny"),
  r("SCP region deny: the exempted administrator role in us-east-1", q(SCPEX, "This example also shows how to exempt requests made by either of two specified administrator roles."),
    scp(BYPASS, "s3:GetObject", OBJ, regionDeny, { "aws:RequestedRegion": "us-east-1" }), "Allow"),
  r("SCP region deny: no aws:RequestedRegion in the request", `${REGION}; ${MISSING_NEGATED}`, scp(ALICE, "s3:GetObject", OBJ, regionDeny), "ExplicitDeny"),

  r("SCP MFA: stop an instance without MFA information", `${MFA_SCP}; ${IF_EXISTS}`, scp(ALICE, "ec2:StopInstances", INST, stopMfa), "ExplicitDeny"),
  r("SCP MFA: stop an instance, MFA false", MFA_SCP, scp(ALICE, "ec2:StopInstances", INST, stopMfa, { "aws:MultiFactorAuthPresent": "false" }), "ExplicitDeny"),
  r("SCP MFA: stop an instance, MFA true", MFA_SCP, scp(ALICE, "ec2:StopInstances", INST, stopMfa, { "aws:MultiFactorAuthPresent": "true" }), "Allow"),
  r("SCP MFA: start an instance is not restricted", MFA_SCP, scp(ALICE, "ec2:StartInstances", INST, stopMfa), "Allow"),

  r("SCP root restriction: the member account's root user", `${ROOT_SCP}; ${KEYS} (aws:PrincipalArn of the root user: arn:aws:iam::123456789012:root)`, scp(ROOT_A, "ec2:RunInstances", INST, rootEc2), "ExplicitDeny"),
  r("SCP root restriction: an IAM user of the account", ROOT_SCP, scp(ALICE, "ec2:RunInstances", INST, rootEc2), "Allow"),

  r("SCP instance type: t2.micro", MICRO, scp(ALICE, "ec2:RunInstances", INST, microOnly, { "ec2:InstanceType": "t2.micro" }), "Allow"),
  r("SCP instance type: m5.large", MICRO, scp(ALICE, "ec2:RunInstances", INST, microOnly, { "ec2:InstanceType": "m5.large" }), "ExplicitDeny"),
  r("SCP instance type: the image resource of RunInstances is not an instance", MICRO, scp(ALICE, "ec2:RunInstances", IMAGE, microOnly), "Allow"),

  r("SCP protect role: a user deletes the protected role", PROTECT, scp(ALICE, "iam:DeleteRole", `arn:aws:iam::${A}:role/name-of-role-to-deny`, protectRole), "ExplicitDeny"),
  r("SCP protect role: the admin role deletes it", PROTECT, scp(`arn:aws:sts::${A}:assumed-role/name-of-admin-role-to-allow/ops`, "iam:DeleteRole", `arn:aws:iam::${A}:role/name-of-role-to-deny`, protectRole), "Allow"),
  r("SCP protect role: a user deletes another role", PROTECT, scp(ALICE, "iam:DeleteRole", `arn:aws:iam::${A}:role/other`, protectRole), "Allow"),

  r("SCP: prevent member accounts from leaving the organization", q(SCPEX, "Prevent member accounts from leaving the organization"), scp(ALICE, "organizations:LeaveOrganization", "*", leaveOrg), "ExplicitDeny"),

  r("SCP inheritance: OU allows s3 and ec2, account allows s3: s3 allowed", EVERY_LEVEL,
    req(ALICE, "s3:GetObject", OBJ, A, { identityPolicies: [ALLOW_ALL], scps: [[FULL_ACCESS], [policy(allow(["s3:*", "ec2:*"]))], [policy(allow("s3:*"))]] }), "Allow"),
  r("SCP inheritance: OU allows s3 and ec2, account allows s3: ec2 implicitly denied", EVERY_LEVEL,
    req(ALICE, "ec2:RunInstances", INST, A, { identityPolicies: [ALLOW_ALL], scps: [[FULL_ACCESS], [policy(allow(["s3:*", "ec2:*"]))], [policy(allow("s3:*"))]] }), "ImplicitDeny"),
];

// 11. RCP examples.
const secureTransport = policy({
  Sid: "EnforceSecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: ["sts:*", "s3:*", "sqs:*", "secretsmanager:*", "kms:*"],
  Resource: "*",
  Condition: { BoolIfExists: { "aws:SecureTransport": "false" } },
});
const orgPerimeter = policy({
  Sid: "EnforceOrgIdentities",
  Effect: "Deny",
  Principal: "*",
  Action: ["s3:*", "sqs:*", "kms:*", "secretsmanager:*", "sts:AssumeRole", "sts:DecodeAuthorizationMessage", "sts:GetAccessKeyInfo", "sts:GetFederationToken", "sts:GetServiceBearerToken", "sts:GetSessionToken", "sts:SetContext"],
  Resource: "*",
  Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
});
const rcp = (principal: string, rcpDoc: PolicyDocument, c?: RequestContextInput, rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  req(principal, "s3:GetObject", OBJ, A, { identityPolicies: [ALLOW_ALL], rcps: [[RCP_FULL_ACCESS, rcpDoc]], ...(c ? ctx(c) : {}), ...rest });
const RCP_TLS = q(RCPEX, "Enforce secure transport: BoolIfExists aws:SecureTransport false denies requests not made over TLS");
const RCP_ORG = q(RCPEX, "Restrict access to only principals in your organization, while allowing AWS service principals (aws:PrincipalIsAWSService)");
const bucketForCarol = policy(grant(aws(CAROL), "s3:GetObject", `${S3_DEMO}/*`));

const rcpExamples: ConformanceCase[] = [
  r("RCP secure transport: plain HTTP", RCP_TLS, rcp(ALICE, secureTransport, { "aws:SecureTransport": "false" }), "ExplicitDeny"),
  r("RCP secure transport: TLS", RCP_TLS, rcp(ALICE, secureTransport, { "aws:SecureTransport": "true" }), "Allow"),
  r("RCP secure transport: no aws:SecureTransport in the request", `${RCP_TLS}; ${IF_EXISTS}`, rcp(ALICE, secureTransport), "ExplicitDeny"),
  r("RCP org perimeter: caller of another organization", RCP_ORG, rcp(CAROL, orgPerimeter, { "aws:PrincipalOrgID": "o-zz999yy888" }, { resourcePolicy: bucketForCarol }), "ExplicitDeny"),
  r("RCP org perimeter: caller of another account in the organization", RCP_ORG, rcp(CAROL, orgPerimeter, { "aws:PrincipalOrgID": "o-a1b2c3d4e5" }, { resourcePolicy: bucketForCarol }), "Allow"),
  r("RCP org perimeter: caller in no organization", `${RCP_ORG}; ${IF_EXISTS}`, rcp(CAROL, orgPerimeter, undefined, { resourcePolicy: bucketForCarol }), "ExplicitDeny"),
  r("RCP org perimeter: an AWS service principal", `${RCP_ORG}; ${q(KEYS, "aws:PrincipalIsAWSService: Use this key to check whether the call to your resource is being made directly by an AWS service principal.")}`,
    req("cloudtrail.amazonaws.com", "s3:PutObject", `${S3_DEMO}/AWSLogs/${A}/trail.json.gz`, A, { rcps: [[RCP_FULL_ACCESS, orgPerimeter]], resourcePolicy: policy(grant({ Service: "cloudtrail.amazonaws.com" }, "s3:PutObject", `${S3_DEMO}/AWSLogs/${A}/*`)) }), "Allow"),
];

// ---------------------------------------------------------------------------------------------------
// 12. KMS default key policy (console version).
const KMS_KEY = `arn:aws:kms:us-west-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ADMIN_ROLE = `arn:aws:iam::${A}:role/ExampleAdminRole`;
const USER_ROLE = `arn:aws:iam::${A}:role/ExampleRole`;
const enableIam: Stmt = { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "kms:*", Resource: "*" };
const keyAdmins: Stmt = {
  Sid: "Allow access for Key Administrators",
  Effect: "Allow",
  Principal: { AWS: ADMIN_ROLE },
  Action: ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand"],
  Resource: "*",
};
const keyUsers: Stmt = { Sid: "Allow use of the key", Effect: "Allow", Principal: { AWS: USER_ROLE }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*" };
const keyGrants: Stmt = { Sid: "Allow attachment of persistent resources", Effect: "Allow", Principal: { AWS: USER_ROLE }, Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Resource: "*", Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } };
const consoleKeyPolicy = policy(enableIam, keyAdmins, keyUsers, keyGrants);
const ADMIN_S = `arn:aws:sts::${A}:assumed-role/ExampleAdminRole/admin`;
const USER_S = `arn:aws:sts::${A}:assumed-role/ExampleRole/app`;
const kms = (principal: string, action: string, keyPolicy: PolicyDocument, identity: PolicyDocument[] = [], c?: RequestContextInput): EvaluateInput =>
  req(principal, action, KMS_KEY, undefined, { resourcePolicy: keyPolicy, identityPolicies: identity, ...(c ? ctx(c) : {}) });
const KEY_USERS = q(KMSDEFAULT, "Allows key users to use the KMS key: [...] kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*, kms:DescribeKey");
const KEY_ADMINS = q(KMSDEFAULT, "Allows key administrators to manage the KMS key: the key administrators statement lists management operations, not cryptographic operations");
const ENABLE_IAM = q(KMSDEFAULT, "Without this permission, IAM policies that allow access to the key are ineffective, although IAM policies that deny access to the key are still effective.");

const kmsExamples: ConformanceCase[] = [
  r("KMS default key policy: key user decrypts without an identity policy", KEY_USERS, kms(USER_S, "kms:Decrypt", consoleKeyPolicy), "Allow"),
  r("KMS default key policy: key user generates a data key (kms:GenerateDataKey*)", KEY_USERS, kms(USER_S, "kms:GenerateDataKeyWithoutPlaintext", consoleKeyPolicy), "Allow"),
  r("KMS default key policy: key user schedules deletion", KEY_USERS, kms(USER_S, "kms:ScheduleKeyDeletion", consoleKeyPolicy), "ImplicitDeny"),
  r("KMS default key policy: key administrator schedules deletion", KEY_ADMINS, kms(ADMIN_S, "kms:ScheduleKeyDeletion", consoleKeyPolicy), "Allow"),
  r("KMS default key policy: key administrator decrypts without an identity policy", KEY_ADMINS, kms(ADMIN_S, "kms:Decrypt", consoleKeyPolicy), "ImplicitDeny"),
  r("KMS default key policy: key administrator decrypts with an IAM policy (enabled by the account statement)", q(KMSDEFAULT, "Allows the account to use IAM policies to allow access to the KMS key, in addition to the key policy."),
    kms(ADMIN_S, "kms:Decrypt", consoleKeyPolicy, [policy(allow("kms:Decrypt", KMS_KEY))]), "Allow"),
  r("KMS default key policy: grant for an AWS resource", q(KMSDEFAULT, "Allows key users to use the KMS key with AWS services: [...] Bool kms:GrantIsForAWSResource true"),
    kms(USER_S, "kms:CreateGrant", consoleKeyPolicy, [], { "kms:GrantIsForAWSResource": "true" }), "Allow"),
  r("KMS default key policy: grant not for an AWS resource", q(KMSDEFAULT, "Allows key users to use the KMS key with AWS services: [...] Bool kms:GrantIsForAWSResource true"),
    kms(USER_S, "kms:CreateGrant", consoleKeyPolicy, [], { "kms:GrantIsForAWSResource": "false" }), "ImplicitDeny"),
  r("KMS key policy without the account statement: IAM allow is ineffective", ENABLE_IAM, kms(ALICE, "kms:Decrypt", policy(keyAdmins, keyUsers), [policy(allow("kms:Decrypt"))]), "ImplicitDeny"),
  r("KMS key policy without the account statement: IAM deny is still effective", ENABLE_IAM, kms(USER_S, "kms:Decrypt", policy(keyAdmins, keyUsers), [policy(deny("kms:Decrypt"))]), "ExplicitDeny"),
];

// ---------------------------------------------------------------------------------------------------
// 13. Global condition keys derived from the principal and the resource.
const allowIf = (condition: Record<string, Record<string, unknown>>, action = "s3:GetObject") => policy(allow(action, "*", { Condition: condition }));
const ALL_SESSION = policy(allow("*"));
const PTYPE = `${KEYS}#condition-keys-principaltype (values: Account, User, FederatedUser, AssumedRole, Anonymous)`;
const PARN = q(KEYS, "aws:PrincipalArn [...] IAM role – The request context contains the following value for condition key aws:PrincipalArn. Do not specify the assumed role session ARN as a value for this condition key.");
const USERNAME = `${KEYS}#condition-keys-username (available for IAM users only; role sessions, the root user and anonymous callers have no aws:username)`;
const rootDenied = (condition: Record<string, Record<string, unknown>>) =>
  req(ROOT_A, "s3:GetObject", OBJ, A, { resourcePolicy: policy(refuse("*", "s3:*", "*", { Condition: condition })) });

const globalKeys: ConformanceCase[] = [
  r("aws:PrincipalType AssumedRole for a role session", PTYPE, req(DEPLOY_SESSION, "s3:GetObject", OBJ, A, { identityPolicies: [allowIf({ StringEquals: { "aws:PrincipalType": "AssumedRole" } })] }), "Allow"),
  r("aws:PrincipalType FederatedUser for a federated user session", PTYPE,
    req(FED_BOB, "s3:GetObject", OBJ, A, { identityPolicies: [allowIf({ StringEquals: { "aws:PrincipalType": "FederatedUser" } })], sessionPolicies: [ALL_SESSION] }), "Allow"),
  r("aws:PrincipalType Account for the root user", PTYPE, rootDenied({ StringEquals: { "aws:PrincipalType": "Account" } }), "ExplicitDeny"),
  r("aws:PrincipalArn of the root user", `${KEYS}#condition-keys-principalarn (AWS account root user: arn:aws:iam::123456789012:root)`, rootDenied({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } }), "ExplicitDeny"),
  r("aws:PrincipalArn of a role session is the role ARN", PARN, req(DEPLOY_SESSION, "s3:GetObject", OBJ, A, { identityPolicies: [allowIf({ ArnEquals: { "aws:PrincipalArn": DEPLOY_ROLE } })] }), "Allow"),
  r("aws:PrincipalArn of a role session is not the session ARN", PARN, req(DEPLOY_SESSION, "s3:GetObject", OBJ, A, { identityPolicies: [allowIf({ ArnEquals: { "aws:PrincipalArn": DEPLOY_SESSION } })] }), "ImplicitDeny"),
  r("aws:PrincipalArn of a federated user session", `${KEYS}#condition-keys-principalarn (IAM federated user session: arn:aws:sts::123456789012:federated-user/user-name)`,
    req(FED_BOB, "s3:GetObject", OBJ, A, { identityPolicies: [allowIf({ ArnEquals: { "aws:PrincipalArn": FED_BOB } })], sessionPolicies: [ALL_SESSION] }), "Allow"),
  r("aws:username is not in a role session's context", `${USERNAME}; ${MISSING_FALSE}`,
    req(DEPLOY_SESSION, "s3:GetObject", OBJ, A, { identityPolicies: [allowIf({ StringEquals: { "aws:username": "deploy" } })] }), "ImplicitDeny"),
  r("aws:PrincipalAccount is absent for anonymous callers (negated operator is true)", `${KEYS}#condition-keys-principalaccount; ${MISSING_NEGATED}`,
    anon("s3:GetObject", OBJ, policy(grant("*", "s3:GetObject", `${S3_DEMO}/*`), refuse("*", "s3:*", "*", { Condition: { StringNotEquals: { "aws:PrincipalAccount": A } } }))), "ExplicitDeny"),
  r("aws:ResourceAccount vs ${aws:PrincipalAccount}: a queue of another account", q(KEYS, "aws:ResourceAccount: Use this key to compare the resource owner's AWS account ID with the resource or account in the policy."),
    req(ALICE, "sqs:SendMessage", `arn:aws:sqs:us-east-1:${B}:jobs`, undefined, { identityPolicies: [policy(allow("*"), deny("*", "*", { Condition: { StringNotEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } } }))] }), "ExplicitDeny"),
  r("aws:ResourceAccount vs ${aws:PrincipalAccount}: a queue of the caller's account", q(KEYS, "aws:ResourceAccount: Use this key to compare the resource owner's AWS account ID with the resource or account in the policy."),
    req(ALICE, "sqs:SendMessage", `arn:aws:sqs:us-east-1:${A}:jobs`, undefined, { identityPolicies: [policy(allow("*"), deny("*", "*", { Condition: { StringNotEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } } }))] }), "Allow"),
];


// ---------------------------------------------------------------------------------------------------
// 14. Amazon S3 walkthrough "Controlling access to a bucket with user policies" (home folders) and the
// policy variables page's marketing example.
const WALK = "AmazonS3/latest/userguide/walkthrough1.html";
const VARS = `${IAM}reference_policies_variables.html`;
const COMPANY = "arn:aws:s3:::amzn-s3-demo-bucket-company";
const homeFolders = policy(
  { Sid: "AllowRootAndHomeListingOfCompanyBucket", Action: ["s3:ListBucket"], Effect: "Allow", Resource: [COMPANY], Condition: { StringEquals: { "s3:prefix": ["", "home/"], "s3:delimiter": ["/"] } } },
  { Sid: "AllowListingOfUserFolder", Action: ["s3:ListBucket"], Effect: "Allow", Resource: [COMPANY], Condition: { StringLike: { "s3:prefix": ["home/${aws:username}/*"] } } },
  { Sid: "AllowAllS3ActionsInUserFolder", Effect: "Allow", Action: ["s3:*"], Resource: [`${COMPANY}/home/\${aws:username}/*`] },
);
const walk = (principal: string, action: string, resource: string, c?: RequestContextInput) =>
  req(principal, action, resource, A, { identityPolicies: [homeFolders], ...(c ? ctx(c) : {}) });
const WALK_ROOT = q(WALK, "AllowRootAndHomeListingOfCompanyBucket: allows the user to list objects at the root level of the bucket and the home folder");
const WALK_HOME = q(VARS, "When this policy is evaluated, IAM replaces the variable with the friendly name of the actual current user who is making the request.");
const marketing = policy(
  { Effect: "Allow", Action: ["s3:ListBucket"], Resource: [S3_DEMO], Condition: { StringLike: { "s3:prefix": ["marketing/*"] } } },
  { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: [`${S3_DEMO}/marketing/*`] },
);
const MARKETING = q(VARS, "the following policy allows users to list, read, and write objects in the S3 bucket amzn-s3-demo-bucket for marketing projects.");

const walkthrough: ConformanceCase[] = [
  r("S3 walkthrough: list the bucket root with delimiter /", WALK_ROOT, walk(ALICE, "s3:ListBucket", COMPANY, { "s3:prefix": "", "s3:delimiter": "/" }), "Allow"),
  r("S3 walkthrough: list home/ with delimiter /", WALK_ROOT, walk(ALICE, "s3:ListBucket", COMPANY, { "s3:prefix": "home/", "s3:delimiter": "/" }), "Allow"),
  r("S3 walkthrough: list the root without a delimiter", `${WALK_ROOT}; ${AND}`, walk(ALICE, "s3:ListBucket", COMPANY, { "s3:prefix": "" }), "ImplicitDeny"),
  r("S3 walkthrough: list one's own home folder", WALK_HOME, walk(ALICE, "s3:ListBucket", COMPANY, { "s3:prefix": "home/alice/photos/" }), "Allow"),
  r("S3 walkthrough: list another user's home folder", WALK_HOME, walk(ALICE, "s3:ListBucket", COMPANY, { "s3:prefix": "home/bob/" }), "ImplicitDeny"),
  r("S3 walkthrough: write in one's own home folder", WALK_HOME, walk(ALICE, "s3:PutObject", `${COMPANY}/home/alice/notes.txt`), "Allow"),
  r("S3 walkthrough: write in another user's home folder", WALK_HOME, walk(ALICE, "s3:PutObject", `${COMPANY}/home/bob/notes.txt`), "ImplicitDeny"),
  r("S3 walkthrough: a role session has no aws:username", q(VARS, "If a variable that has no value in the authorization context is used as part of the Resource or NotResource element of a policy, the resource that includes a policy variable with no value will not match any resource."),
    walk(DEPLOY_SESSION, "s3:PutObject", `${COMPANY}/home/deploy/notes.txt`), "ImplicitDeny"),
  r("variables page: list the marketing prefix", MARKETING, alice("s3:ListBucket", S3_DEMO, marketing, { "s3:prefix": "marketing/2024/" }), "Allow"),
  r("variables page: list another prefix", MARKETING, alice("s3:ListBucket", S3_DEMO, marketing, { "s3:prefix": "finance/" }), "ImplicitDeny"),
  r("variables page: write a marketing object", MARKETING, alice("s3:PutObject", `${S3_DEMO}/marketing/plan.docx`, marketing), "Allow"),
  r("variables page: delete a marketing object", MARKETING, alice("s3:DeleteObject", `${S3_DEMO}/marketing/plan.docx`, marketing), "ImplicitDeny"),
];

// 15. KMS keys in IAM policy statements; AWS managed key policy (kms:CallerAccount, kms:ViaService).
const CMKS = "kms/latest/developerguide/cmks-in-iam-policies.html";
const kmsId = (resource: string, action = "kms:Decrypt") => req(ALICE, action, KMS_KEY, undefined, { resourcePolicy: policy(enableIam), identityPolicies: [policy(allow(action, resource))] });
const viaEbs = policy({
  Sid: "Allow access through EBS for all principals in the account that are authorized to use EBS",
  Effect: "Allow",
  Principal: { AWS: "*" },
  Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
  Resource: "*",
  Condition: { StringEquals: { "kms:CallerAccount": A, "kms:ViaService": "ec2.us-west-2.amazonaws.com" } },
});
const VIA = q(`kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service`, "The kms:ViaService condition key limits use of a KMS key to requests from specified AWS services.");

const kmsMore: ConformanceCase[] = [
  r("IAM policy names all keys of the Region by key/*", q(CMKS, "To specify all KMS keys in the US West (Oregon) Region of an account, use \"Resource\": \"arn:aws:kms:us-west-2:111122223333:key/*\"."),
    kmsId(`arn:aws:kms:us-west-2:${A}:key/*`), "Allow"),
  r("IAM policy names all keys of all Regions", q(CMKS, "To specify all KMS keys in all Regions of the account, use \"Resource\": \"arn:aws:kms:*:111122223333:key/*\"."),
    kmsId(`arn:aws:kms:*:${A}:key/*`), "Allow"),
  r("IAM policy names the keys of another Region only", q(CMKS, "To specify multiple KMS keys in the account and Region, use wildcard characters (*) in the Region or resource ID positions of the key ARN."),
    kmsId(`arn:aws:kms:eu-west-1:${A}:key/*`), "ImplicitDeny"),
  r("IAM policy names the key by its alias ARN", q(CMKS, "To specify a KMS key in an IAM policy statement, you must use its key ARN. You cannot use a key id, alias name, or alias ARN to identify a KMS key in an IAM policy statement."),
    kmsId(`arn:aws:kms:us-west-2:${A}:alias/ExampleAlias`), "ImplicitDeny"),
  r("AWS managed key policy: decrypt through EBS by a user of the account", VIA,
    req(ALICE, "kms:Decrypt", KMS_KEY, undefined, { resourcePolicy: viaEbs, ...ctx({ "kms:CallerAccount": A, "kms:ViaService": "ec2.us-west-2.amazonaws.com" }) }), "Allow"),
  r("AWS managed key policy: decrypt directly (no kms:ViaService)", `${VIA}; ${MISSING_FALSE}`,
    req(ALICE, "kms:Decrypt", KMS_KEY, undefined, { resourcePolicy: viaEbs, ...ctx({ "kms:CallerAccount": A }) }), "ImplicitDeny"),
  r("AWS managed key policy: decrypt through another service", VIA,
    req(ALICE, "kms:Decrypt", KMS_KEY, undefined, { resourcePolicy: viaEbs, ...ctx({ "kms:CallerAccount": A, "kms:ViaService": "s3.us-west-2.amazonaws.com" }) }), "ImplicitDeny"),
];

// 16. Trust policy examples: Amazon Cognito identity pool role.
const COGNITO_TRUST = policy({
  Effect: "Allow",
  Principal: { Federated: "cognito-identity.amazonaws.com" },
  Action: "sts:AssumeRoleWithWebIdentity",
  Condition: {
    StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-2:12345678-abcd-abcd-abcd-123456789012" },
    "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
  },
});
const COGNITO = q(`${IAM}id_roles_providers_oidc_cognito.html`, "The role's trust policy [...] cognito-identity.amazonaws.com:aud [...] ForAnyValue:StringLike cognito-identity.amazonaws.com:amr authenticated");
const cognito = (c: RequestContextInput) =>
  req("cognito-identity.amazonaws.com", "sts:AssumeRoleWithWebIdentity", `arn:aws:iam::${A}:role/Cognito_AuthRole`, undefined, { resourcePolicy: COGNITO_TRUST, ...ctx(c) });

const trustExamples: ConformanceCase[] = [
  r("Cognito trust: authenticated identity of the pool", COGNITO, cognito({ "cognito-identity.amazonaws.com:aud": "us-east-2:12345678-abcd-abcd-abcd-123456789012", "cognito-identity.amazonaws.com:amr": ["authenticated", "cognito-idp.us-east-2.amazonaws.com/us-east-2_123456789"] }), "Allow"),
  r("Cognito trust: unauthenticated identity", COGNITO, cognito({ "cognito-identity.amazonaws.com:aud": "us-east-2:12345678-abcd-abcd-abcd-123456789012", "cognito-identity.amazonaws.com:amr": ["unauthenticated"] }), "ImplicitDeny"),
  r("Cognito trust: identity of another pool", COGNITO, cognito({ "cognito-identity.amazonaws.com:aud": "us-east-2:99999999-abcd-abcd-abcd-123456789012", "cognito-identity.amazonaws.com:amr": ["authenticated"] }), "ImplicitDeny"),
];


// 17. NotAction page examples (the other side of the ListAllMyBuckets conflict, see pendingFix).
const NOTACTION = `${IAM}reference_policies_elements_notaction.html`;
const notDeleteBucket = policy({ Effect: "Allow", NotAction: "s3:DeleteBucket", Resource: "arn:aws:s3:::*" });
const mfaForNonIam = policy(allow("*"), { Sid: "DenyAllUsersNotUsingMFA", Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } });
const NA_S3 = q(NOTACTION, "The following example allows users to access all of the Amazon S3 actions that can be performed on any S3 resource except for deleting a bucket. This does not allow users to use the ListAllMyBuckets S3 API operation, because that action requires the \"*\" resource.");
const NA_MFA = q(NOTACTION, "The following conditional example denies access to non-IAM actions if the user is not signed in using MFA. If the user is signed in with MFA, then the \"Condition\" test fails and the final \"Deny\" statement has no effect.");

const notActionExamples: ConformanceCase[] = [
  r("NotAction s3:DeleteBucket on arn:aws:s3:::*: s3:ListAllMyBuckets (resource \"*\")", NA_S3, alice("s3:ListAllMyBuckets", "*", notDeleteBucket, undefined, undefined), "ImplicitDeny"),
  r("NotAction s3:DeleteBucket on arn:aws:s3:::*: s3:PutObject", NA_S3, alice("s3:PutObject", OBJ, notDeleteBucket), "Allow"),
  r("NotAction s3:DeleteBucket on arn:aws:s3:::*: an SQS action", q(NOTACTION, "This policy also does not allow actions in other services, because other service actions are not applicable to the S3 resources."),
    alice("sqs:SendMessage", `arn:aws:sqs:us-east-1:${A}:jobs`, notDeleteBucket, undefined, undefined), "ImplicitDeny"),
  r("DenyAllUsersNotUsingMFA: S3 without MFA", NA_MFA, alice("s3:GetObject", OBJ, mfaForNonIam), "ExplicitDeny"),
  r("DenyAllUsersNotUsingMFA: IAM without MFA", NA_MFA, alice("iam:ChangePassword", `arn:aws:iam::${A}:user/alice`, mfaForNonIam, undefined, undefined), "Allow"),
  r("DenyAllUsersNotUsingMFA: S3 signed in with MFA", NA_MFA, alice("s3:GetObject", OBJ, mfaForNonIam, { "aws:MultiFactorAuthPresent": "true" }), "Allow"),
];

// 18. Permissions boundaries: delegating responsibility (Zhang may create users only with the boundary).
const XBOUND = "arn:aws:iam::123456789012:policy/XCompanyBoundaries";
const DELEGATED = "arn:aws:iam::123456789012:policy/DelegatedUserBoundary";
const zhangPolicy = policy(
  { Sid: "CreateOrChangeOnlyWithBoundary", Effect: "Allow", Action: ["iam:AttachUserPolicy", "iam:CreateUser", "iam:DeleteUserPolicy", "iam:DetachUserPolicy", "iam:PutUserPermissionsBoundary", "iam:PutUserPolicy"], Resource: "*", Condition: { StringEquals: { "iam:PermissionsBoundary": XBOUND } } },
  { Sid: "IAMRead", Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" },
  { Sid: "NoBoundaryPolicyEdit", Effect: "Deny", Action: ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"], Resource: [XBOUND, DELEGATED] },
  { Sid: "NoBoundaryUserDelete", Effect: "Deny", Action: "iam:DeleteUserPermissionsBoundary", Resource: "*" },
);
const ZHANG = "arn:aws:iam::123456789012:user/Zhang";
const zhang = (action: string, resource: string, c?: RequestContextInput) => req(ZHANG, action, resource, undefined, { identityPolicies: [zhangPolicy], ...(c ? ctx(c) : {}) });
const DELEGATE = `${BOUNDARIES}#access_policies_boundaries-delegate (example: Zhang can create users only with the XCompanyBoundaries permissions boundary and cannot change or remove the boundary policies)`;

const delegation: ConformanceCase[] = [
  r("delegation: create a user with the XCompanyBoundaries boundary", DELEGATE, zhang("iam:CreateUser", "arn:aws:iam::123456789012:user/new", { "iam:PermissionsBoundary": XBOUND }), "Allow"),
  r("delegation: create a user with another boundary", DELEGATE, zhang("iam:CreateUser", "arn:aws:iam::123456789012:user/new", { "iam:PermissionsBoundary": "arn:aws:iam::123456789012:policy/AdminBoundary" }), "ImplicitDeny"),
  r("delegation: create a user without a boundary", `${DELEGATE}; ${MISSING_FALSE}`, zhang("iam:CreateUser", "arn:aws:iam::123456789012:user/new"), "ImplicitDeny"),
  r("delegation: delete the boundary policy", DELEGATE, zhang("iam:DeletePolicy", XBOUND), "ExplicitDeny"),
  r("delegation: remove a user's boundary", DELEGATE, zhang("iam:DeleteUserPermissionsBoundary", "arn:aws:iam::123456789012:user/new"), "ExplicitDeny"),
  r("delegation: read the boundary policy", DELEGATE, zhang("iam:GetPolicy", XBOUND), "Allow"),
];


// 19. IAM example policies (reference_policies_examples_*).
const EX_IP = `${IAM}reference_policies_examples_aws_deny-ip.html`;
const EX_DATES = `${IAM}reference_policies_examples_aws-dates.html`;
const EX_DDB = `${IAM}reference_policies_examples_dynamodb_items.html`;
const EX_EC2_OWNER = `${IAM}reference_policies_examples_ec2_tag-owner.html`;
const denyOutsideIps = policy({ Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"] } } });
const denyOutsideIpsDirect = policy({ Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"] }, Bool: { "aws:ViaAWSService": "false" } } });
const ipReq = (deny: PolicyDocument, c?: RequestContextInput) => req(ALICE, "s3:GetObject", OBJ, A, { identityPolicies: [ALLOW_ALL, deny], ...(c ? ctx(c) : {}) });
const IP_Q = q(EX_IP, "This example shows how you might create a policy that denies access to all AWS actions in the account when the request comes from outside the specified IP range.");
const dates = policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { DateGreaterThan: { "aws:CurrentTime": "2017-07-01T00:00:00Z" }, DateLessThan: { "aws:CurrentTime": "2017-12-31T23:59:59Z" } } });
const DATES_Q = q(EX_DATES, "Access is restricted to actions that occur between July 1, 2017 and December 31, 2017 (UTC)");
const COGNITO_SESSION = `arn:aws:sts::${A}:assumed-role/Cognito_AuthRole/CognitoIdentityCredentials`;
const SUB = "us-east-2:11111111-2222-3333-4444-555555555555";
const leadingKeys = policy({ Effect: "Allow", Action: ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"], Resource: ["arn:aws:dynamodb:*:*:table/MyTable"], Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"] } } });
const ddb = (keys: string[]) => req(COGNITO_SESSION, "dynamodb:GetItem", `arn:aws:dynamodb:us-east-2:${A}:table/MyTable`, undefined, { identityPolicies: [leadingKeys], ...ctx({ "cognito-identity.amazonaws.com:sub": SUB, "dynamodb:LeadingKeys": keys }) });
const DDB_Q = q(EX_DDB, "This example shows how you might create an IAM policy that allows item-level access to the MyTable DynamoDB table based on an Amazon Cognito ID.");
const ownerTag = policy({ Effect: "Allow", Action: ["ec2:StartInstances", "ec2:StopInstances"], Resource: "arn:aws:ec2:*:*:instance/*", Condition: { StringEquals: { "aws:ResourceTag/Owner": "${aws:username}" } } });
const OWNER_Q = `${EX_EC2_OWNER} (example: start or stop instances whose Owner tag is the caller's user name, "aws:ResourceTag/Owner": "\${aws:username}")`;
const ec2Owner = (principal: string, owner?: string) => req(principal, "ec2:StopInstances", INST, undefined, { identityPolicies: [ownerTag], ...(owner === undefined ? {} : ctx({ "aws:ResourceTag/Owner": owner })) });

const examplePolicies: ConformanceCase[] = [
  r("deny outside IP ranges: request from 203.0.113.9", IP_Q, ipReq(denyOutsideIps, { "aws:SourceIp": "203.0.113.9" }), "Allow"),
  r("deny outside IP ranges: request from 198.51.100.9", IP_Q, ipReq(denyOutsideIps, { "aws:SourceIp": "198.51.100.9" }), "ExplicitDeny"),
  r("deny outside IP ranges (current page, aws:ViaAWSService false): a service calling on the user's behalf", `${EX_IP} (the current version adds "Bool": {"aws:ViaAWSService": "false"} so that calls AWS services make on the principal's behalf are not denied); ${AND}`,
    ipReq(denyOutsideIpsDirect, { "aws:SourceIp": "198.51.100.9", "aws:ViaAWSService": "true" }), "Allow"),
  r("deny outside IP ranges (current page): direct call from outside", `${EX_IP}; ${AND}`, ipReq(denyOutsideIpsDirect, { "aws:SourceIp": "198.51.100.9", "aws:ViaAWSService": "false" }), "ExplicitDeny"),
  r("allow within dates: 2017-09-15", DATES_Q, alice("s3:GetObject", OBJ, dates, { "aws:CurrentTime": "2017-09-15T12:00:00Z" }), "Allow"),
  r("allow within dates: 2017-06-30", DATES_Q, alice("s3:GetObject", OBJ, dates, { "aws:CurrentTime": "2017-06-30T12:00:00Z" }), "ImplicitDeny"),
  r("allow within dates: 2018-01-01", DATES_Q, alice("s3:GetObject", OBJ, dates, { "aws:CurrentTime": "2018-01-01T00:00:00Z" }), "ImplicitDeny"),
  r("DynamoDB LeadingKeys: the caller's own Cognito ID", DDB_Q, ddb([SUB]), "Allow"),
  r("DynamoDB LeadingKeys: another identity's partition", DDB_Q, ddb(["us-east-2:99999999-2222-3333-4444-555555555555"]), "ImplicitDeny"),
  r("DynamoDB LeadingKeys: own and another partition in one request", `${DDB_Q}; ${FORALL}`, ddb([SUB, "us-east-2:99999999-2222-3333-4444-555555555555"]), "ImplicitDeny"),
  r("EC2 Owner tag: the owner stops the instance", OWNER_Q, ec2Owner(ALICE, "alice"), "Allow"),
  r("EC2 Owner tag: another user's instance", OWNER_Q, ec2Owner(ALICE, "bob"), "ImplicitDeny"),
  r("EC2 Owner tag: an untagged instance", `${OWNER_Q}; ${MISSING_FALSE}`, ec2Owner(ALICE), "ImplicitDeny"),
  r("EC2 Owner tag: a role session has no aws:username", `${OWNER_Q}; ${USERNAME}`, ec2Owner(DEPLOY_SESSION, "deploy"), "ImplicitDeny"),
];


// 20. Permissions for GetFederationToken: the token-app example.
const FEDTOKEN = `${IAM}id_credentials_temp_control-access_getfederationtoken.html`;
const tokenApp = policy(
  { Effect: "Allow", Action: "sts:GetFederationToken", Resource: "*" },
  { Effect: "Allow", Action: "dynamodb:ListTables", Resource: "*" },
  { Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "*" },
  { Effect: "Allow", Action: "s3:ListBucket", Resource: "*" },
  { Effect: "Allow", Action: "sns:ListSubscriptions", Resource: "*" },
);
const productionAppSession = policy(
  { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::productionapp"] },
  { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: ["arn:aws:s3:::productionapp/*"] },
);
const FED_CAROL = `arn:aws:sts::${A}:federated-user/Carol`;
const carolBucket = policy({ Principal: { AWS: FED_CAROL }, Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: ["arn:aws:s3:::productionapp/*"] });
const fed = (principal: string, action: string, resource: string, rest: Partial<EvaluateInput> = {}) =>
  req(principal, action, resource, A, { identityPolicies: [tokenApp], ...rest });
const FED_INTERSECT = q(FEDTOKEN, "The federated user is assigned these permissions because the permissions are the intersection of the IAM user policies and the session policies that you pass.");
const FED_RBP = q(FEDTOKEN, "the federated user named Carol has permission to perform the s3:GetObject, s3:PutObject, and s3:DeleteObject actions on the bucket named productionapp. This is true even when no session policy is passed as a parameter of the GetFederationToken API call.");

const federation: ConformanceCase[] = [
  r("token-app: the federated user lists productionapp", `${FED_INTERSECT}; "The resulting federated user has permission to list the contents of the Amazon S3 bucket named productionapp."`,
    fed(FED_CAROL, "s3:ListBucket", "arn:aws:s3:::productionapp", { sessionPolicies: [productionAppSession] }), "Allow"),
  r("token-app: the federated user reads an object (token-app has no s3:GetObject)", q(FEDTOKEN, "The user can't perform the Amazon S3 GetObject, PutObject, and DeleteObject actions on items in the productionapp bucket."),
    fed(FED_CAROL, "s3:GetObject", "arn:aws:s3:::productionapp/report.csv", { sessionPolicies: [productionAppSession] }), "ImplicitDeny"),
  r("token-app: the federated user receives SQS messages", q(FEDTOKEN, "The federated user could not perform actions in Amazon SNS, Amazon SQS, Amazon DynamoDB, or in any S3 bucket except productionapp."),
    fed(FED_CAROL, "sqs:ReceiveMessage", `arn:aws:sqs:us-east-1:${A}:jobs`, { sessionPolicies: [productionAppSession] }), "ImplicitDeny"),
  r("token-app: the federated user lists another bucket", q(FEDTOKEN, "The federated user could not perform actions in Amazon SNS, Amazon SQS, Amazon DynamoDB, or in any S3 bucket except productionapp."),
    fed(FED_CAROL, "s3:ListBucket", "arn:aws:s3:::otherapp", { sessionPolicies: [productionAppSession] }), "ImplicitDeny"),
  r("token-app: no session policy passed", q(FEDTOKEN, "If this IAM user calls GetFederationToken and does not pass a policy as a parameter of the API call, the resulting federated user has no effective permissions."),
    fed(FED_CAROL, "s3:ListBucket", "arn:aws:s3:::productionapp"), "ImplicitDeny"),
  r("token-app: bucket policy naming federated user Carol, no session policy", FED_RBP,
    fed(FED_CAROL, "s3:GetObject", "arn:aws:s3:::productionapp/report.csv", { resourcePolicy: carolBucket }), "Allow"),
  r("token-app: bucket policy naming federated user Carol, with the session policy", FED_RBP,
    fed(FED_CAROL, "s3:DeleteObject", "arn:aws:s3:::productionapp/report.csv", { resourcePolicy: carolBucket, sessionPolicies: [productionAppSession] }), "Allow"),
  r("token-app: bucket policy naming Carol does not cover federated user Dave", q(FEDTOKEN, "They can also be granted (within the account) by a resource-based policy that explicitly names the federated user in the Principal element of the policy"),
    fed(`arn:aws:sts::${A}:federated-user/Dave`, "s3:GetObject", "arn:aws:s3:::productionapp/report.csv", { resourcePolicy: carolBucket }), "ImplicitDeny"),
  r("token-app: the IAM user needs sts:GetFederationToken and has it", q(FEDTOKEN, "Note that the sts:GetFederationToken permission is required for your authentication service to obtain temporary security credentials for the federated users."),
    fed(`arn:aws:iam::${A}:user/token-app`, "sts:GetFederationToken", FED_CAROL), "Allow"),
  r("an IAM user without sts:GetFederationToken", q(FEDTOKEN, "Note that the sts:GetFederationToken permission is required for your authentication service to obtain temporary security credentials for the federated users."),
    req(ALICE, "sts:GetFederationToken", FED_CAROL, undefined, { identityPolicies: [policy(allow("s3:*"))] }), "ImplicitDeny"),
  r("a federated user session may call sts:GetCallerIdentity", `${IAM}id_credentials_temp_request.html (GetFederationToken: "Cannot call AWS STS operations except GetCallerIdentity.")`,
    req(FED_CAROL, "sts:GetCallerIdentity", "*", undefined, { identityPolicies: [tokenApp], sessionPolicies: [productionAppSession] }), "Allow"),
];

// ---------------------------------------------------------------------------------------------------
export const cases: ConformanceCase[] = [
  ...sameAccountCarlos,
  ...interplay,
  ...crossAccountCarlos,
  ...conditionOperators,
  ...multipleKeys,
  ...multivalued,
  ...s3Examples,
  ...notPrincipal,
  ...boundaries,
  ...scpExamples,
  ...rcpExamples,
  ...kmsExamples,
  ...globalKeys,
  ...walkthrough,
  ...kmsMore,
  ...trustExamples,
  ...notActionExamples,
  ...delegation,
  ...examplePolicies,
  ...federation,
];

/**
 * Rows that once disagreed with the evaluator, now settled (kept apart for their explanation).
 *
 * CONFLICT (documented on both sides): two worked examples let a Resource of "arn:aws:s3:::*" cover
 * s3:ListAllMyBuckets, whose request resource is "*"; the NotAction page says an "arn:aws:s3:::*" scope does
 * not ("that action requires the \"*\" resource", row "NotAction s3:DeleteBucket ..." in `cases`). The
 * evaluator follows the NotAction page for Action lists too (src/evaluator/compiled-policy.ts,
 * matchesResource; docs/differences.md "A request on \"*\"").
 */
export const pendingFix: ConformanceCase[] = [];

const resolvedRows: ConformanceCase[] = [
  r("CONFLICT, fail closed (the NotAction page decides): AllowS3ListRead (Resource arn:aws:s3:::*) and s3:ListAllMyBuckets", q(BASICS, "The AllowS3ListRead statement in this policy allows Carlos to view a list of all of the buckets in the account."),
    carlos("s3:ListAllMyBuckets", "*", { identityPolicies: [carlosIdentity] }), "ImplicitDeny"),
  r("CONFLICT, fail closed (the NotAction page decides): S3 walkthrough AllowGroupToSeeBucketListInTheConsole (Resource arn:aws:s3:::*) and s3:ListAllMyBuckets", q("AmazonS3/latest/userguide/walkthrough1.html", "The first statement, identified by the Sid key name AllowGroupToSeeBucketListInTheConsole, defines permissions that allow the user to use the Amazon S3 console to view the list of S3 buckets in the account."),
    alice("s3:ListAllMyBuckets", "*", policy({ Sid: "AllowGroupToSeeBucketListInTheConsole", Action: ["s3:ListAllMyBuckets", "s3:GetBucketLocation"], Effect: "Allow", Resource: ["arn:aws:s3:::*"] }), undefined, undefined), "ImplicitDeny"),

  // Null "false" must be false for a key whose value is empty: the evaluator treats an all-"" key as a null
  // data set for ForAllValues (src/conditions/compile.ts presentSet) but as present for Null (checkNull
  // uses present()), so the documented Null guard does not stop the vacuous ForAllValues.
  r("DenyRestrictedTags with the Null guard: aws:TagKeys with an empty value", q(MULTI_EX, "You can prevent missing context keys or context keys with empty values from evaluating to true by including a Null condition operator in your policy with a value of false to check if the context key in the request exists and its value is not null."),
    tagUser("iam:TagUser", [""]), "Allow"),
  r("Null false: a key whose value is empty is not 'present and not null'", q(`${OPS}#Conditions_Null`, "false (the key exists and its value is not null)"),
    alice("iam:TagUser", `arn:aws:iam::${A}:user/bob`, policy(allow("iam:TagUser", "*", { Condition: { Null: { "aws:TagKeys": "false" } } })), { "aws:TagKeys": [""] }, undefined), "ImplicitDeny"),

  // STS operations that are not authorized by policies (like sts:GetCallerIdentity, which decide.ts
  // already special-cases), and the calls each kind of temporary credentials cannot make at all
  // (src/evaluator/decide.ts, the early returns before the policy scan).
  r("sts:GetSessionToken needs no permission (IAM user, no policy)", q(`${IAM}id_credentials_temp_control-access_getsessiontoken.html`, "No permissions are required for a user to get a session token. The purpose of the GetSessionToken operation is to authenticate the user using MFA. You cannot use policies to control authentication operations."),
    req(ALICE, "sts:GetSessionToken", "*", undefined), "Allow"),
  r("sts:GetSessionToken despite an explicit deny", q(`${IAM}id_credentials_temp_control-access_getsessiontoken.html`, "Although you can include the GetSessionToken action in a policy, it doesn't affect the user's ability to perform the GetSessionToken operation."),
    req(ALICE, "sts:GetSessionToken", "*", undefined, { identityPolicies: [policy(deny("sts:GetSessionToken"))] }), "Allow"),
  r("a role session cannot call sts:GetFederationToken", `${q("STS/latest/APIReference/API_GetFederationToken.html", "You must call the GetFederationToken operation using the long-term security credentials of an IAM user.")}; ${IAM}id_credentials_temp_request.html (AssumeRole: "Cannot call GetFederationToken or GetSessionToken.")`,
    req(DEPLOY_SESSION, "sts:GetFederationToken", `arn:aws:sts::${A}:federated-user/bob`, undefined, { identityPolicies: [ALLOW_ALL] }), "ImplicitDeny"),
  r("a role session cannot call sts:GetSessionToken", `${IAM}id_credentials_temp_request.html (AssumeRole: "Cannot call GetFederationToken or GetSessionToken.")`,
    req(DEPLOY_SESSION, "sts:GetSessionToken", "*", undefined, { identityPolicies: [ALLOW_ALL] }), "ImplicitDeny"),
  r("a federated user session cannot call IAM operations through the API", `${IAM}id_credentials_temp_request.html (GetFederationToken: "Cannot call IAM operations using the AWS CLI or AWS API.")`,
    req(FED_BOB, "iam:ListUsers", "*", undefined, { identityPolicies: [ALLOW_ALL], sessionPolicies: [ALLOW_ALL] }), "ImplicitDeny"),
  r("a federated user session cannot call STS operations other than GetCallerIdentity", `${IAM}id_credentials_temp_request.html (GetFederationToken: "Cannot call AWS STS operations except GetCallerIdentity.")`,
    req(FED_BOB, "sts:AssumeRole", `arn:aws:iam::${A}:role/target`, undefined, { identityPolicies: [ALLOW_ALL], sessionPolicies: [ALLOW_ALL], resourcePolicy: policy({ Effect: "Allow", Principal: { AWS: A }, Action: "sts:AssumeRole" }) }), "ImplicitDeny"),
];

cases.push(...resolvedRows);
