import type { ConformanceCase } from "../case.js";
import type { Decision, EvaluateInput } from "../../../src/types.js";
import { ACCT, ALICE, BUCKET, CAROL, FULL_ACCESS, OBJECT, QUEUE, ROOT, SESSION, allow, aws, deny, grant, policy, refuse, s3Get } from "./decision-builders.js";

// Points the AWS docs leave open (src/evaluator/readings.ts; docs/aws-semantics-decision.md §13):
// evaluate() decides under the chosen (or default) reading and names the points whose other reading
// would change whether the request is allowed.
const STAR = `IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html: says what a grant to a user ARN, role ARN or session ARN does against a boundary or session policy, and nothing about Principal "*"`;
const SCP_LEVEL = `organizations/latest/userguide/orgs_manage_policies_scps.html: "If a permission is blocked at any level above the account, either implicitly (by not being included in an Allow policy statement) or explicitly"; AWS never has a level with no SCP`;
const GATEWAY = `vpc/latest/privatelink/vpc-endpoints-access.html (Principals for gateway endpoints): "If you specify a principal in either of the following formats, access is granted to the AWS account root user only, not all users and roles for the account: "AWS": "account_id", "AWS": "arn:aws:iam::account_id:root""; the request does not say which kind of endpoint it came through`;
const BUCKET_OWNER = `IAM/latest/UserGuide/reference-arns.html: S3 ARNs "do not include an account"; owner unknown when no resourceAccount is given`;

function open(name: string, doc: string, input: EvaluateInput, expected: Decision, undetermined: string[]): ConformanceCase {
  return { name, doc, input, expected, undetermined };
}

const publicRead = policy(grant("*", "s3:GetObject", `${BUCKET}/*`));
const listOnlyBoundary = policy(allow("s3:ListBucket"));
const starVsBoundary = (rest: Partial<EvaluateInput> = {}) => s3Get(ALICE, { resourcePolicy: publicRead, permissionsBoundary: listOnlyBoundary, ...rest });
const emptyLevel = (rest: Partial<EvaluateInput> = {}) => s3Get(ALICE, { identityPolicies: [policy(allow("s3:GetObject"))], scps: [[FULL_ACCESS], []], ...rest });
const unlisted = (rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  ({ principal: ALICE, action: "s3:GetObject", resource: OBJECT, identityPolicies: [policy(allow("s3:GetObject"))], ...rest });

const viaEndpoint = (rest: Partial<EvaluateInput> = {}) =>
  s3Get(ALICE, { identityPolicies: [policy(allow("s3:GetObject"))], vpcEndpointPolicies: [policy(grant(aws(ACCT), "s3:*", `${BUCKET}/*`))], context: { "aws:SourceVpce": "vpce-0abc" }, ...rest });

export const cases: ConformanceCase[] = [
  // principal-star-boundary
  open('"*" grant vs a boundary that does not allow: denied by default, undetermined', STAR, starVsBoundary(), "ImplicitDeny", ["principal-star-boundary"]),
  open('"*" grant vs a boundary, reading not-limited: allowed', STAR, starVsBoundary({ assumptions: { "principal-star-boundary": "not-limited" } }), "Allow", []),
  open('"*" grant vs a boundary, reading limited (chosen): denied, determined', STAR, starVsBoundary({ assumptions: { "principal-star-boundary": "limited" } }), "ImplicitDeny", []),
  open('"*" grant with a boundary that allows: allowed under both readings', STAR, starVsBoundary({ permissionsBoundary: policy(allow("s3:*")) }), "Allow", []),
  open('"*" grant vs a role session\'s session policy: undetermined', STAR,
    s3Get(SESSION, { resourcePolicy: publicRead, sessionPolicies: [policy(allow("s3:ListBucket"))] }), "ImplicitDeny", ["principal-star-boundary"]),
  open('"*" grant to a cross-account caller with a boundary: its identity side decides, determined', `${STAR}; IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html`,
    s3Get(CAROL, { resourcePolicy: publicRead, permissionsBoundary: listOnlyBoundary, identityPolicies: [policy(allow("s3:GetObject"))] }), "ImplicitDeny", []),
  open("a grant naming the user is not limited by the boundary under any reading", STAR,
    s3Get(ALICE, { resourcePolicy: policy(grant(aws(ALICE), "s3:GetObject", `${BUCKET}/*`)), permissionsBoundary: listOnlyBoundary }), "Allow", []),
  open('an explicit deny in the boundary decides whatever the reading of "*"', STAR,
    starVsBoundary({ permissionsBoundary: policy(allow("s3:*"), deny("s3:GetObject")) }), "ExplicitDeny", []),
  // empty-scp-level
  open("an SCP level with no policy: denied by default, undetermined", SCP_LEVEL, emptyLevel(), "ImplicitDeny", ["empty-scp-level"]),
  open("an SCP level with no policy, reading ignore: allowed", SCP_LEVEL, emptyLevel({ assumptions: { "empty-scp-level": "ignore" } }), "Allow", []),
  open("an SCP level with no policy, reading deny (chosen): denied, determined", SCP_LEVEL, emptyLevel({ assumptions: { "empty-scp-level": "deny" } }), "ImplicitDeny", []),
  open("an SCP level with no policy does not matter when the identity policy does not allow", SCP_LEVEL,
    emptyLevel({ identityPolicies: [] }), "ImplicitDeny", []),
  open("an SCP level with no policy, management account: SCPs do not apply", `${SCP_LEVEL}; "SCPs don't affect users or roles in the management account"`,
    emptyLevel({ managementAccount: ACCT }), "Allow", []),
  // unlisted-bucket-owner
  open("a bucket with no known owner, identity allow only: allowed if it is the caller's, undetermined", BUCKET_OWNER, unlisted(), "Allow", ["unlisted-bucket-owner"]),
  open("a bucket with no known owner, reading outside: cross-account without a bucket policy", `${BUCKET_OWNER}; IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html`,
    unlisted({ assumptions: { "unlisted-bucket-owner": "outside" } }), "ImplicitDeny", []),
  open("a bucket with no known owner, reading caller (chosen): allowed, determined", BUCKET_OWNER, unlisted({ assumptions: { "unlisted-bucket-owner": "caller" } }), "Allow", []),
  open("a bucket whose owner is given is not an open point", BUCKET_OWNER, unlisted({ resourceAccount: ACCT }), "Allow", []),
  open("a bucket policy naming the caller, with its identity allow: allowed under both readings", BUCKET_OWNER,
    unlisted({ resourcePolicy: policy(grant(aws(ALICE), "s3:GetObject", `${BUCKET}/*`)) }), "Allow", []),
  open("a public bucket read anonymously: allowed whoever owns it", BUCKET_OWNER, { principal: "anonymous", action: "s3:GetObject", resource: OBJECT, resourcePolicy: publicRead }, "Allow", []),
  open("a bucket with no known owner and no identity allow: denied under both readings", BUCKET_OWNER, unlisted({ identityPolicies: [] }), "ImplicitDeny", []),
  // vpce-endpoint-type
  open("an endpoint policy naming the account, S3: allowed through an interface endpoint, not a gateway one: undetermined", GATEWAY, viaEndpoint(), "Allow", ["vpce-endpoint-type"]),
  open("the same through a gateway endpoint (chosen): only the root user is named", GATEWAY, viaEndpoint({ assumptions: { "vpce-endpoint-type": "gateway" } }), "ImplicitDeny", []),
  open("the same through an interface endpoint (chosen): allowed", GATEWAY, viaEndpoint({ assumptions: { "vpce-endpoint-type": "interface" } }), "Allow", []),
  open("the root user is named through either kind of endpoint", GATEWAY, viaEndpoint({ principal: ROOT }), "Allow", []),
  open("an endpoint policy naming the user: determined", GATEWAY, viaEndpoint({ vpcEndpointPolicies: [policy(grant(aws(ALICE), "s3:*", `${BUCKET}/*`))] }), "Allow", []),
  open("SQS has no gateway endpoints: an account in the endpoint policy means its principals", `${GATEWAY}; vpc/latest/privatelink/gateway-endpoints.html: gateway endpoints are for Amazon S3 and DynamoDB`,
    { principal: ALICE, action: "sqs:SendMessage", resource: QUEUE, identityPolicies: [policy(allow("sqs:SendMessage"))], vpcEndpointPolicies: [policy(grant(aws(ACCT), "sqs:*"))], context: { "aws:SourceVpce": "vpce-0abc" } }, "Allow", []),
  open("a Deny naming the account in the endpoint policy: applies through an interface endpoint, not a gateway one", GATEWAY,
    viaEndpoint({ vpcEndpointPolicies: [policy(grant("*", "s3:*", `${BUCKET}/*`), refuse(aws(ACCT), "s3:GetObject", `${BUCKET}/*`))] }), "ExplicitDeny", ["vpce-endpoint-type"]),
  { name: "an unknown point in assumptions is rejected", doc: "docs/aws-semantics-decision.md §13", input: unlisted({ assumptions: { "bucket-owner": "caller" } as never }), expected: { throws: /unknown point "bucket-owner"/ } },
  { name: "an unknown reading is rejected", doc: "docs/aws-semantics-decision.md §13", input: unlisted({ assumptions: { "unlisted-bucket-owner": "mine" } as never }), expected: { throws: /unknown reading "mine" \(one of caller, outside\)/ } },
];
