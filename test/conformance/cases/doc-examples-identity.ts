/**
 * The "Example IAM identity-based policies" pages (IAM/latest/UserGuide/reference_policies_examples_*.html),
 * each policy as the page writes it, on the requests the page describes.
 */
import type { ConformanceCase } from "../case.js";
import type { EvaluateInput, PolicyDocument, RequestContextInput } from "../../../src/types.js";
import { ACCT, ALICE, allow, aws, policy, row } from "./decision-builders.js";

const EX = "IAM/latest/UserGuide/reference_policies_examples_";
const MFA_PAGE = `${EX}iam_mfa-selfmanage.html`;
const PASSROLE_PAGE = `${EX}iam-passrole-service.html`;
const BUCKET_PAGE = `${EX}s3_deny-except-bucket.html`;
const TAGGED_ROLE_PAGE = `${EX}iam-assume-tagged-role.html`;
const MATCH_TAGS_PAGE = `${EX}ec2-start-stop-match-tags.html`;
const LIMIT_MANAGED_PAGE = `${EX}iam_limit-managed.html`;
const MFA_DATES_PAGE = `${EX}aws_mfa-dates.html`;

const req = (action: string, resource: string, policies: PolicyDocument[], context?: RequestContextInput, rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  ({ principal: ALICE, action, resource, identityPolicies: policies, ...(context ? { context } : {}), ...rest });

// IAM: Allows IAM users to self-manage an MFA device.
const MFA_SELF = policy(
  { Sid: "AllowListActions", Effect: "Allow", Action: ["iam:ListUsers", "iam:ListVirtualMFADevices"], Resource: "*" },
  { Sid: "AllowUserToCreateVirtualMFADevice", Effect: "Allow", Action: ["iam:CreateVirtualMFADevice"], Resource: "arn:aws:iam::*:mfa/*" },
  { Sid: "AllowUserToManageTheirOwnMFA", Effect: "Allow", Action: ["iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"], Resource: "arn:aws:iam::*:user/${aws:username}" },
  {
    Sid: "AllowUserToDeactivateTheirOwnMFAOnlyWhenUsingMFA",
    Effect: "Allow",
    Action: ["iam:DeactivateMFADevice"],
    Resource: ["arn:aws:iam::*:user/${aws:username}"],
    Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
  },
  {
    Sid: "BlockMostAccessUnlessSignedInWithMFA",
    Effect: "Deny",
    NotAction: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ListUsers", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice"],
    Resource: "*",
    Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
  },
);
const S3_READ = policy(allow("s3:*"));
const ME = ALICE;
const BOB = `arn:aws:iam::${ACCT}:user/bob`;
const NO_MFA = `${MFA_PAGE} ("If an IAM user with this policy is not MFA-authenticated, this policy denies access to all AWS actions except those necessary to authenticate using MFA")`;

const mfaSelfManage: ConformanceCase[] = [
  row("MFA self-manage: enable one's own MFA device before signing in with MFA", NO_MFA, req("iam:EnableMFADevice", ME, [MFA_SELF]), "Allow"),
  row("MFA self-manage: create a virtual MFA device without MFA", NO_MFA, req("iam:CreateVirtualMFADevice", `arn:aws:iam::${ACCT}:mfa/alice`, [MFA_SELF]), "Allow"),
  row("MFA self-manage: enable MFA on another user's name", `${MFA_PAGE} (AllowUserToManageTheirOwnMFA: Resource arn:aws:iam::*:user/\${aws:username})`, req("iam:EnableMFADevice", BOB, [MFA_SELF]), "ImplicitDeny"),
  row("MFA self-manage: deactivate one's own MFA device without MFA", `${MFA_PAGE} (AllowUserToDeactivateTheirOwnMFAOnlyWhenUsingMFA)`, req("iam:DeactivateMFADevice", ME, [MFA_SELF]), "ExplicitDeny"),
  row("MFA self-manage: deactivate one's own MFA device signed in with MFA", `${MFA_PAGE} (AllowUserToDeactivateTheirOwnMFAOnlyWhenUsingMFA)`, req("iam:DeactivateMFADevice", ME, [MFA_SELF], { "aws:MultiFactorAuthPresent": true }), "Allow"),
  row("MFA self-manage: S3 allowed by another policy, without MFA", `${NO_MFA}; an explicit deny beats the other policy's allow`, req("s3:ListAllMyBuckets", "*", [MFA_SELF, S3_READ]), "ExplicitDeny"),
  row("MFA self-manage: S3 allowed by another policy, signed in with MFA", MFA_PAGE, req("s3:ListAllMyBuckets", "*", [MFA_SELF, S3_READ], { "aws:MultiFactorAuthPresent": true }), "Allow"),
];

// IAM: Pass an IAM role to a specific AWS service.
const PASS = policy({ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "cloudwatch.amazonaws.com" } } });
const SERVICE_ROLE = `arn:aws:iam::${ACCT}:role/service-role/cw-events`;
const passRole: ConformanceCase[] = [
  row("PassRole to CloudWatch: passed to cloudwatch.amazonaws.com", `${PASSROLE_PAGE} ("allows passing any IAM service role to the Amazon CloudWatch service")`,
    req("iam:PassRole", SERVICE_ROLE, [PASS], { "iam:PassedToService": "cloudwatch.amazonaws.com" }), "Allow"),
  row("PassRole to CloudWatch: passed to ec2.amazonaws.com", PASSROLE_PAGE, req("iam:PassRole", SERVICE_ROLE, [PASS], { "iam:PassedToService": "ec2.amazonaws.com" }), "ImplicitDeny"),
  row("PassRole to CloudWatch: no iam:PassedToService in the request", `${PASSROLE_PAGE}; IAM/latest/UserGuide/reference_policies_elements_condition_operators.html (a missing key does not match)`,
    req("iam:PassRole", SERVICE_ROLE, [PASS]), "ImplicitDeny"),
];

// Amazon S3: Restrict management to a specific S3 bucket.
const ONLY_BUCKET = policy(
  { Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::bucket-name", "arn:aws:s3:::bucket-name/*"] },
  { Effect: "Deny", NotAction: "s3:*", NotResource: ["arn:aws:s3:::bucket-name", "arn:aws:s3:::bucket-name/*"] },
);
const EC2_FULL = policy(allow("ec2:*"));
const onlyBucket: ConformanceCase[] = [
  row("restrict to one bucket: an object of bucket-name", `${BUCKET_PAGE} ("This policy grants permission to perform all Amazon S3 actions")`,
    req("s3:GetObject", "arn:aws:s3:::bucket-name/report.csv", [ONLY_BUCKET], undefined, { resourceAccount: ACCT }), "Allow"),
  row("restrict to one bucket: another bucket", `${BUCKET_PAGE} ("you can only access Amazon S3 actions that you can perform on an S3 bucket or S3 object resource")`,
    req("s3:GetObject", "arn:aws:s3:::other-bucket/report.csv", [ONLY_BUCKET], undefined, { resourceAccount: ACCT }), "ImplicitDeny"),
  row("restrict to one bucket: EC2 allowed by AmazonEC2FullAccess-like policy is denied", `${BUCKET_PAGE} ("If this policy is used in combination with other policies (such as [...] AmazonEC2FullAccess [...]) that allow actions denied by this policy, then access is denied")`,
    req("ec2:DescribeInstances", "*", [ONLY_BUCKET, EC2_FULL]), "ExplicitDeny"),
];

// IAM: Assume roles that have a specific tag.
const TAGGED = policy({ Sid: "AssumeTaggedRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: "*", Condition: { StringEquals: { "iam:ResourceTag/Project": "ExampleCorpABC" } } });
const PROJECT_ROLE = `arn:aws:iam::${ACCT}:role/abc-builder`;
const accountTrust = policy({ Effect: "Allow", Principal: aws(ACCT), Action: "sts:AssumeRole" });
const OTHER_ROLE = "arn:aws:iam::444455556666:role/abc-builder";
const taggedRole: ConformanceCase[] = [
  row("assume tagged role: a role of the account tagged Project=ExampleCorpABC (trust names the account)", `${TAGGED_ROLE_PAGE} ("If a role with this tag exists in the same account as the user, then the user can assume that role")`,
    req("sts:AssumeRole", PROJECT_ROLE, [TAGGED], { "iam:ResourceTag/Project": "ExampleCorpABC" }, { resourcePolicy: accountTrust }), "Allow"),
  row("assume tagged role: a role tagged with another project", TAGGED_ROLE_PAGE,
    req("sts:AssumeRole", PROJECT_ROLE, [TAGGED], { "iam:ResourceTag/Project": "Other" }, { resourcePolicy: accountTrust }), "ImplicitDeny"),
  row("assume tagged role: a tagged role of another account whose trust does not name the user's account", `${TAGGED_ROLE_PAGE} ("The cross-account role's trust policy must also allow the user or all members of the user's account to assume the role")`,
    req("sts:AssumeRole", OTHER_ROLE, [TAGGED], { "iam:ResourceTag/Project": "ExampleCorpABC" }, { resourcePolicy: policy({ Effect: "Allow", Principal: aws("777788889999"), Action: "sts:AssumeRole" }) }), "ImplicitDeny"),
  row("assume tagged role: a tagged role of another account whose trust names the user's account", TAGGED_ROLE_PAGE,
    req("sts:AssumeRole", OTHER_ROLE, [TAGGED], { "iam:ResourceTag/Project": "ExampleCorpABC" }, { resourcePolicy: accountTrust }), "Allow"),
];

// EC2: Start or stop instances based on matching principal and resource tags.
const MATCH = policy({
  Effect: "Allow",
  Action: ["ec2:startInstances", "ec2:stopInstances"],
  Resource: "*",
  Condition: { StringEquals: { "aws:ResourceTag/CostCenter": "${aws:PrincipalTag/CostCenter}" } },
});
const INSTANCE = `arn:aws:ec2:us-east-1:${ACCT}:instance/i-1234567890abcdef0`;
const matchTags: ConformanceCase[] = [
  row("matching tags: the instance's CostCenter equals the caller's", `${MATCH_TAGS_PAGE}; action names are case-insensitive (ec2:startInstances)`,
    req("ec2:StartInstances", INSTANCE, [MATCH], { "aws:ResourceTag/CostCenter": "0735", "aws:PrincipalTag/CostCenter": "0735" }), "Allow"),
  row("matching tags: another CostCenter", MATCH_TAGS_PAGE,
    req("ec2:StopInstances", INSTANCE, [MATCH], { "aws:ResourceTag/CostCenter": "0735", "aws:PrincipalTag/CostCenter": "0490" }), "ImplicitDeny"),
  row("matching tags: the caller has no CostCenter tag", `${MATCH_TAGS_PAGE}; IAM/latest/UserGuide/reference_policies_variables.html ("Condition operators like StringEquals or StringLike do not match")`,
    req("ec2:StopInstances", INSTANCE, [MATCH], { "aws:ResourceTag/CostCenter": "0735" }), "ImplicitDeny"),
];

// IAM: Limits managed policies that can be attached to IAM users.
const LIMIT = policy({
  Effect: "Allow",
  Action: ["iam:AttachUserPolicy", "iam:DetachUserPolicy"],
  Resource: "*",
  Condition: { ArnEquals: { "iam:PolicyARN": ["arn:aws:iam::*:policy/policy-name-1", "arn:aws:iam::*:policy/policy-name-2"] } },
});
const limitManaged: ConformanceCase[] = [
  row("limit managed policies: attach policy-name-1", LIMIT_MANAGED_PAGE, req("iam:AttachUserPolicy", BOB, [LIMIT], { "iam:PolicyARN": `arn:aws:iam::${ACCT}:policy/policy-name-1` }), "Allow"),
  row("limit managed policies: attach AdministratorAccess", LIMIT_MANAGED_PAGE, req("iam:AttachUserPolicy", BOB, [LIMIT], { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" }), "ImplicitDeny"),
];

// AWS: Allows access within specific dates using MFA.
const MFA_DATES = policy({
  Effect: "Allow",
  Action: ["sqs:*", "s3:GetObject"],
  Resource: "*",
  Condition: {
    Bool: { "aws:MultiFactorAuthPresent": true },
    DateGreaterThan: { "aws:CurrentTime": "2017-07-01T00:00:00Z" },
    DateLessThan: { "aws:CurrentTime": "2017-12-31T23:59:59Z" },
  },
});
const QUEUE = `arn:aws:sqs:us-east-1:${ACCT}:jobs`;
const mfaDates: ConformanceCase[] = [
  row("MFA and dates: signed in with MFA in the window", MFA_DATES_PAGE, req("sqs:SendMessage", QUEUE, [MFA_DATES], { "aws:MultiFactorAuthPresent": true, "aws:CurrentTime": "2017-09-15T12:00:00Z" }), "Allow"),
  row("MFA and dates: without MFA in the window", MFA_DATES_PAGE, req("sqs:SendMessage", QUEUE, [MFA_DATES], { "aws:CurrentTime": "2017-09-15T12:00:00Z" }), "ImplicitDeny"),
  row("MFA and dates: with MFA after the window", MFA_DATES_PAGE, req("sqs:SendMessage", QUEUE, [MFA_DATES], { "aws:MultiFactorAuthPresent": true, "aws:CurrentTime": "2018-01-01T00:00:00Z" }), "ImplicitDeny"),
];

export const cases: ConformanceCase[] = [...mfaSelfManage, ...passRole, ...onlyBucket, ...taggedRole, ...matchTags, ...limitManaged, ...mfaDates];
