/**
 * Conformance rows for the policy elements: Version, Statement, Sid, Id, Effect, Action, NotAction,
 * Resource, NotResource and the Principal forms of a same-account resource policy.
 * Every expectation comes from the AWS page named in `doc`; the quotes are in docs/aws-semantics-elements.md.
 */
import type { Decision, EvaluateInput, PolicyDocument, RequestContextInput } from "../../../src/types.js";
import type { ConformanceCase } from "../case.js";

const ACCOUNT = "111122223333";
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;
const BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket";
const OBJECT = `${BUCKET}/report.pdf`;

const G = "IAM/latest/UserGuide/";
const VERSION = `${G}reference_policies_elements_version.html`;
const GRAMMAR = `${G}reference_policies_grammar.html`;
const SID = `${G}reference_policies_elements_sid.html`;
const ID = `${G}reference_policies_elements_id.html`;
const EVAL = `${G}reference_policies_evaluation-logic.html`;
const ACTION = `${G}reference_policies_elements_action.html`;
const NOTACTION = `${G}reference_policies_elements_notaction.html`;
const RESOURCE = `${G}reference_policies_elements_resource.html`;
const NOTRESOURCE = `${G}reference_policies_elements_notresource.html`;
const PRINCIPAL = `${G}reference_policies_elements_principal.html`;
const ARN_CONDITION = `${G}reference_policies_elements_condition_operators.html#Conditions_ARN`;

type Statement = Record<string, unknown>;
interface Request {
  action: string;
  resource: string;
  principal?: string;
  context?: RequestContextInput;
}
/** [what the row shows, the request, the decision AWS documents] */
type Probe = readonly [string, Request, Decision];

const req = (action: string, resource: string, principal?: string): Request =>
  principal === undefined ? { action, resource } : { action, resource, principal };

/** A policy document; `version: null` leaves the Version element out. */
function policy(statement: Statement | Statement[], version: string | null = "2012-10-17"): PolicyDocument {
  return version === null ? { Statement: statement } : { Version: version, Statement: statement };
}
const allow = (action: unknown, resource: unknown, extra: Statement = {}): Statement => ({
  Effect: "Allow",
  Action: action,
  Resource: resource,
  ...extra,
});
const deny = (action: unknown, resource: unknown, extra: Statement = {}): Statement => ({
  Effect: "Deny",
  Action: action,
  Resource: resource,
  ...extra,
});
const ALLOW_ALL = allow("*", "*");

/** S3 ARNs carry no account: the rows make the bucket the caller's own, so only the policies decide. */
function input(r: Request, policies: Pick<EvaluateInput, "identityPolicies" | "resourcePolicy">): EvaluateInput {
  return {
    principal: r.principal ?? ALICE,
    action: r.action,
    resource: r.resource,
    ...(r.resource.startsWith("arn:aws:s3:::") ? { resourceAccount: ACCOUNT } : {}),
    ...(r.context === undefined ? {} : { context: r.context }),
    ...policies,
  };
}

/** One identity-policy set, several requests: both sides of a near miss next to each other. */
function identity(topic: string, doc: string, policies: PolicyDocument[], probes: readonly Probe[]): ConformanceCase[] {
  return probes.map(([what, r, expected]) => ({
    name: `${topic}: ${what}`,
    doc,
    input: input(r, { identityPolicies: policies }),
    expected,
  }));
}

/** A same-account bucket policy (plus optional identity policies of the caller). */
function bucketPolicy(
  topic: string,
  doc: string,
  resourcePolicy: PolicyDocument,
  probes: readonly Probe[],
  identityPolicies: PolicyDocument[] = [],
): ConformanceCase[] {
  return probes.map(([what, r, expected]) => ({
    name: `${topic}: ${what}`,
    doc,
    input: input(r, { resourcePolicy, identityPolicies }),
    expected,
  }));
}

const GET = req("s3:GetObject", OBJECT);

const versionAndStatement: ConformanceCase[] = [
  ...identity("Version 2012-10-17, Statement array", VERSION, [policy([allow("s3:GetObject", OBJECT)])], [
    ["the allow applies", GET, "Allow"],
    ["another action is not allowed", req("s3:PutObject", OBJECT), "ImplicitDeny"],
  ]),
  ...identity(
    "Version 2008-10-17 is a supported version",
    `${VERSION} ("2008-10-17. This was an earlier version of the policy language")`,
    [policy([allow("s3:GetObject", OBJECT)], "2008-10-17")],
    [["a policy without variables works the same", GET, "Allow"]],
  ),
  ...identity(
    "missing Version defaults to 2008-10-17",
    `${VERSION} ("If you do not include a Version element, the value defaults to 2008-10-17")`,
    [policy([allow("s3:GetObject", OBJECT)], null)],
    [["a policy without variables still works", GET, "Allow"]],
  ),
  ...identity(
    "Statement given as a single object (brackets optional for one value)",
    GRAMMAR,
    [policy(allow("s3:GetObject", OBJECT))],
    [
      ["the statement applies", GET, "Allow"],
      ["it allows nothing else", req("s3:DeleteObject", OBJECT), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "Statement given as a single Deny object",
    GRAMMAR,
    [policy(ALLOW_ALL), policy(deny("s3:GetObject", OBJECT))],
    [
      ["the deny applies", GET, "ExplicitDeny"],
      ["other actions stay allowed", req("s3:PutObject", OBJECT), "Allow"],
    ],
  ),
  ...identity(
    "any matching statement in the array counts",
    EVAL,
    [policy([allow("ec2:StartInstances", "*"), allow("s3:GetObject", OBJECT)])],
    [
      ["the second statement allows", GET, "Allow"],
      ["the first statement allows", req("ec2:StartInstances", `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`), "Allow"],
    ],
  ),
  ...identity(
    "Sid is only a label",
    `${SID} (Sid "Provides a way to include information about an individual statement")`,
    [policy([allow("s3:GetObject", OBJECT, { Sid: "ReadReports" })])],
    [
      ["a statement with a Sid allows", GET, "Allow"],
      ["and allows nothing more", req("s3:PutObject", OBJECT), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "Effect Deny with nothing allowing",
    EVAL,
    [policy([deny("s3:GetObject", OBJECT)])],
    [
      ["a matching deny is explicit", GET, "ExplicitDeny"],
      ["a deny that does not match leaves the default implicit deny", req("s3:PutObject", OBJECT), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "an explicit deny in the same policy overrides the allow",
    `${G}reference_policies_evaluation-logic_policy-eval-denyallow.html`,
    [policy([ALLOW_ALL, deny("s3:GetObject", OBJECT)])],
    [
      ["the denied action", GET, "ExplicitDeny"],
      ["an action the deny does not name", req("s3:PutObject", OBJECT), "Allow"],
    ],
  ),
  ...identity("no policy at all", `${EVAL} (requests are implicitly denied by default)`, [], [
    ["nothing allows", GET, "ImplicitDeny"],
  ]),
  ...bucketPolicy(
    "Id is allowed in a resource-based policy",
    `${ID} ("ID is allowed in resource-based policies")`,
    { Version: "2012-10-17", Id: "cd3ad3d9-2776-4ef1-a904-4c229d1642ee", Statement: [allow("s3:GetObject", `${BUCKET}/*`, { Principal: { AWS: ALICE } })] },
    [["the bucket policy with an Id grants", GET, "Allow"]],
  ),
];

const actions: ConformanceCase[] = [
  ...identity("Action exact name", ACTION, [policy([allow("s3:GetObject", "*")])], [
    ["the named action", GET, "Allow"],
    ["a longer action with the same prefix is a different action", req("s3:GetObjectAcl", OBJECT), "ImplicitDeny"],
    ["the same name in another service", req("s3-object-lambda:GetObject", "*"), "ImplicitDeny"],
  ]),
  ...identity(
    "Action prefix and name are case-insensitive",
    `${ACTION} ("iam:ListAccessKeys is the same as IAM:listaccesskeys")`,
    [policy([allow("S3:getobject", "*")])],
    [
      ["policy in odd case, request in canonical case", GET, "Allow"],
      ["request in upper case", req("S3:GETOBJECT", OBJECT), "Allow"],
      ["still only that action", req("s3:PutObject", OBJECT), "ImplicitDeny"],
    ],
  ),
  ...identity("Action trailing * (s3:Get*)", ACTION, [policy([allow("s3:Get*", "*")])], [
    ["s3:GetObject", GET, "Allow"],
    ["s3:GetBucketPolicy", req("s3:GetBucketPolicy", BUCKET), "Allow"],
    ["s3:PutObject does not start with Get", req("s3:PutObject", OBJECT), "ImplicitDeny"],
    ["s3:ListBucket", req("s3:ListBucket", BUCKET), "ImplicitDeny"],
  ]),
  ...identity("Action leading * (s3:*Object)", ACTION, [policy([allow("s3:*Object", "*")])], [
    ["s3:PutObject", req("s3:PutObject", OBJECT), "Allow"],
    ["s3:GetObject", GET, "Allow"],
    ["s3:PutObjectAcl does not end with Object", req("s3:PutObjectAcl", OBJECT), "ImplicitDeny"],
  ]),
  ...identity("Action ? is exactly one character (s3:Get?bject)", ACTION, [policy([allow("s3:Get?bject", "*")])], [
    ["s3:GetObject", GET, "Allow"],
    ["s3:GetBucketAcl", req("s3:GetBucketAcl", BUCKET), "ImplicitDeny"],
  ]),
  ...identity("Action ? needs a character to match (s3:GetObject?)", ACTION, [policy([allow("s3:GetObject?", "*")])], [
    ["s3:GetObject has no character left for ?", GET, "ImplicitDeny"],
  ]),
  ...identity("Action ? at the end (s3:GetObjec?)", ACTION, [policy([allow("s3:GetObjec?", "*")])], [
    ["s3:GetObject", GET, "Allow"],
    ["s3:GetObjectAcl is three characters longer", req("s3:GetObjectAcl", OBJECT), "ImplicitDeny"],
  ]),
  ...identity(
    "Action * inside the name (iam:*AccessKey*)",
    `${ACTION} (example "iam:*AccessKey*")`,
    [policy([allow("iam:*AccessKey*", "*")])],
    [
      ["iam:ListAccessKeys", req("iam:ListAccessKeys", ALICE), "Allow"],
      ["iam:CreateAccessKey", req("iam:CreateAccessKey", ALICE), "Allow"],
      ["iam:ListUsers", req("iam:ListUsers", "*"), "ImplicitDeny"],
    ],
  ),
  ...identity("Action service wildcard s3:*", ACTION, [policy([allow("s3:*", "*")])], [
    ["any S3 action", req("s3:DeleteBucket", BUCKET), "Allow"],
    ["s3-object-lambda is another service", req("s3-object-lambda:GetObject", "*"), "ImplicitDeny"],
    ["another service", req("iam:ListUsers", "*"), "ImplicitDeny"],
  ]),
  ...identity("Action *", GRAMMAR, [policy([allow("*", "*")])], [
    ["every action of every service", req("iam:CreateUser", `arn:aws:iam::${ACCOUNT}:user/carol`), "Allow"],
  ]),
  ...identity("Action * in a Deny", GRAMMAR, [policy([allow("s3:*", "*"), deny("*", `${BUCKET}/*`)])], [
    ["any action on the denied resource", GET, "ExplicitDeny"],
    ["an allowed action elsewhere", req("s3:ListBucket", BUCKET), "Allow"],
  ]),
  ...identity(
    "Action list is an OR",
    `${ACTION} ("You can specify multiple values for the Action element")`,
    [policy([allow(["sqs:SendMessage", "s3:GetObject"], "*")])],
    [
      ["the second action in the list", GET, "Allow"],
      ["the first action in the list", req("sqs:SendMessage", `arn:aws:sqs:us-east-1:${ACCOUNT}:queue1`), "Allow"],
      ["an action not in the list", req("s3:PutObject", OBJECT), "ImplicitDeny"],
    ],
  ),
];

const notActions: ConformanceCase[] = [
  ...identity(
    "NotAction with Allow allows every other action in every service",
    `${NOTACTION} ("allows users to access every action in every AWS service except for IAM")`,
    [policy([{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }])],
    [
      ["an S3 action", GET, "Allow"],
      ["an action of another service", req("ec2:RunInstances", `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`), "Allow"],
      ["the excluded service", req("iam:CreateUser", `arn:aws:iam::${ACCOUNT}:user/carol`), "ImplicitDeny"],
      ["the excluded service, any case", req("IAM:createuser", `arn:aws:iam::${ACCOUNT}:user/carol`), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "NotAction with Allow is scoped by Resource",
    `${NOTACTION} (NotAction s3:DeleteBucket on arn:aws:s3:::* "does not allow actions in other services")`,
    [policy([{ Effect: "Allow", NotAction: "s3:DeleteBucket", Resource: "arn:aws:s3:::*" }])],
    [
      ["another S3 action on an S3 resource", GET, "Allow"],
      ["the excluded action", req("s3:DeleteBucket", BUCKET), "ImplicitDeny"],
      ["an action on a resource outside the Resource element", req("ec2:StartInstances", `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "NotAction with a wildcard",
    NOTACTION,
    [policy([{ Effect: "Allow", NotAction: "s3:Get*", Resource: "*" }])],
    [
      ["a matching action is excluded", GET, "ImplicitDeny"],
      ["a non-matching S3 action is allowed", req("s3:PutObject", OBJECT), "Allow"],
    ],
  ),
  ...identity(
    "NotAction list excludes each listed action",
    NOTACTION,
    [policy([{ Effect: "Allow", NotAction: ["iam:*", "ec2:*"], Resource: "*" }])],
    [
      ["the second listed service", req("ec2:DescribeInstances", "*"), "ImplicitDeny"],
      ["the first listed service", req("iam:ListUsers", "*"), "ImplicitDeny"],
      ["an unlisted service", req("s3:ListAllMyBuckets", "*"), "Allow"],
    ],
  ),
  ...identity(
    "NotAction with Deny denies every other action",
    `${NOTACTION} ("explicitly denies the actions not listed")`,
    [policy([ALLOW_ALL, { Effect: "Deny", NotAction: "iam:*", Resource: "*" }])],
    [
      ["an action not listed is denied", GET, "ExplicitDeny"],
      ["an action of another service is denied", req("ec2:RunInstances", "*"), "ExplicitDeny"],
      ["the listed service is left to the allow", req("iam:ListUsers", "*"), "Allow"],
    ],
  ),
  ...identity(
    "NotAction with Deny does not allow the listed actions",
    `${NOTACTION} ("This combination does not allow the listed items ... You must still allow actions that you want to allow")`,
    [policy([{ Effect: "Deny", NotAction: "iam:*", Resource: "*" }])],
    [["a listed action with nothing allowing it", req("iam:ListUsers", "*"), "ImplicitDeny"]],
  ),
];

const resources: ConformanceCase[] = [
  ...identity("Resource exact ARN", RESOURCE, [policy([allow("s3:GetObject", OBJECT)])], [
    ["the named object", GET, "Allow"],
    ["another object in the bucket", req("s3:GetObject", `${BUCKET}/other.pdf`), "ImplicitDeny"],
    ["the key in another case", req("s3:GetObject", `${BUCKET}/Report.pdf`), "ImplicitDeny"],
  ]),
  ...identity(
    "Resource IAM user name is case sensitive",
    `${RESOURCE} ("In the Resource element, the IAM user name is case sensitive")`,
    [policy([allow("iam:GetUser", `arn:aws:iam::${ACCOUNT}:user/Bob`)])],
    [
      ["user/Bob", req("iam:GetUser", `arn:aws:iam::${ACCOUNT}:user/Bob`), "Allow"],
      ["user/bob", req("iam:GetUser", `arn:aws:iam::${ACCOUNT}:user/bob`), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "Resource ARN service segment is case sensitive",
    `${ARN_CONDITION} ("Case-sensitive matching of the ARN"); access-analyzer-reference-policy-checks.html "Invalid ARN service case"`,
    [policy([allow("s3:GetObject", "arn:aws:S3:::amzn-s3-demo-bucket/report.pdf")])],
    [["arn:aws:S3 does not name arn:aws:s3", GET, "ImplicitDeny"]],
  ),
  // A Resource partition in the wrong case (arn:AWS) is not a partition: IAM refuses the policy
  // (validation.ts, "Resource in no AWS partition").
  ...identity(
    "Resource ARN region segment is case sensitive",
    `${ARN_CONDITION} ("Case-sensitive matching of the ARN")`,
    [policy([allow("sqs:SendMessage", `arn:aws:sqs:US-EAST-1:${ACCOUNT}:queue1`)])],
    [
      ["US-EAST-1 does not name us-east-1", req("sqs:SendMessage", `arn:aws:sqs:us-east-1:${ACCOUNT}:queue1`), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "Resource ARN resource segment is case sensitive",
    `${ARN_CONDITION} ("Case-sensitive matching of the ARN")`,
    [policy([allow("sqs:SendMessage", `arn:aws:sqs:us-east-1:${ACCOUNT}:Queue1`)])],
    [
      ["Queue1 does not name queue1", req("sqs:SendMessage", `arn:aws:sqs:us-east-1:${ACCOUNT}:queue1`), "ImplicitDeny"],
      ["Queue1 names Queue1", req("sqs:SendMessage", `arn:aws:sqs:us-east-1:${ACCOUNT}:Queue1`), "Allow"],
    ],
  ),
  ...identity(
    "Resource case sensitivity also limits a Deny",
    `${ARN_CONDITION} ("Case-sensitive matching of the ARN")`,
    [policy([ALLOW_ALL, deny("s3:GetObject", `${BUCKET}/Secret/*`)])],
    [
      ["the deny's own spelling", req("s3:GetObject", `${BUCKET}/Secret/a.txt`), "ExplicitDeny"],
      ["a key spelled in another case is another object", req("s3:GetObject", `${BUCKET}/secret/a.txt`), "Allow"],
    ],
  ),
  ...identity(
    "Resource bucket/* names objects, not the bucket",
    `${RESOURCE} ("arn:aws:s3:::amzn-s3-demo-bucket/*" refers to all items within a bucket)`,
    [policy([allow("s3:*", `${BUCKET}/*`)])],
    [
      ["an object", GET, "Allow"],
      ["an object in a deeper prefix", req("s3:GetObject", `${BUCKET}/a/b/c.txt`), "Allow"],
      ["the bucket itself", req("s3:ListBucket", BUCKET), "ImplicitDeny"],
      ["an object of a bucket with a longer name", req("s3:GetObject", `${BUCKET}-logs/a.txt`), "ImplicitDeny"],
    ],
  ),
  ...identity("Resource bucket ARN names the bucket, not its objects", RESOURCE, [policy([allow("s3:*", BUCKET)])], [
    ["the bucket", req("s3:ListBucket", BUCKET), "Allow"],
    ["an object in it", GET, "ImplicitDeny"],
  ]),
  ...identity(
    "Resource bucket* also matches other buckets with that prefix",
    RESOURCE,
    [policy([allow("s3:GetObject", `${BUCKET}*`)])],
    [
      ["an object of the bucket", GET, "Allow"],
      ["an object of another bucket sharing the prefix", req("s3:GetObject", `${BUCKET}-logs/a.txt`), "Allow"],
      ["a bucket with another prefix", req("s3:GetObject", "arn:aws:s3:::other-bucket/a.txt"), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "Resource * spans / (the AWS example bucket/*/test/*)",
    `${RESOURCE} ("The asterisk (*) character can expand to replace everything within a segment, including characters like a forward slash (/)")`,
    [policy([allow("s3:GetObject", `${BUCKET}/*/test/*`)])],
    [
      ["1/test/object.jpg", req("s3:GetObject", `${BUCKET}/1/test/object.jpg`), "Allow"],
      ["1/2/test/3/object.jpg", req("s3:GetObject", `${BUCKET}/1/2/test/3/object.jpg`), "Allow"],
      ["1///test///object.jpg", req("s3:GetObject", `${BUCKET}/1///test///object.jpg`), "Allow"],
      ["//test/object.jpg (empty first part)", req("s3:GetObject", `${BUCKET}//test/object.jpg`), "Allow"],
      ["1/test/ (empty last part)", req("s3:GetObject", `${BUCKET}/1/test/`), "Allow"],
      ["1-test/object.jpg does not match", req("s3:GetObject", `${BUCKET}/1-test/object.jpg`), "ImplicitDeny"],
      ["test/object.jpg does not match", req("s3:GetObject", `${BUCKET}/test/object.jpg`), "ImplicitDeny"],
      ["1/2/test.jpg does not match", req("s3:GetObject", `${BUCKET}/1/2/test.jpg`), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "Resource ? is exactly one character",
    `${RESOURCE} ("Any single character (?)")`,
    [policy([allow("s3:GetObject", `${BUCKET}/file?.txt`)])],
    [
      ["file1.txt", req("s3:GetObject", `${BUCKET}/file1.txt`), "Allow"],
      ["file10.txt has two characters there", req("s3:GetObject", `${BUCKET}/file10.txt`), "ImplicitDeny"],
      ["file.txt has none", req("s3:GetObject", `${BUCKET}/file.txt`), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "Resource * in the region segment",
    `${RESOURCE} ("You can use wildcard characters (* and ?) within the individual segments of an ARN")`,
    [policy([allow("sqs:*", `arn:aws:sqs:*:${ACCOUNT}:queue1`)])],
    [
      ["any region", req("sqs:SendMessage", `arn:aws:sqs:eu-west-1:${ACCOUNT}:queue1`), "Allow"],
      ["another queue", req("sqs:SendMessage", `arn:aws:sqs:eu-west-1:${ACCOUNT}:queue2`), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "Resource ? in the region segment",
    `${RESOURCE} ("You can use multiple * or ? characters in each segment")`,
    [policy([allow("sqs:*", `arn:aws:sqs:us-east-?:${ACCOUNT}:queue1`)])],
    [
      ["us-east-1", req("sqs:SendMessage", `arn:aws:sqs:us-east-1:${ACCOUNT}:queue1`), "Allow"],
      ["us-west-1", req("sqs:SendMessage", `arn:aws:sqs:us-west-1:${ACCOUNT}:queue1`), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "Resource * in the account segment",
    RESOURCE,
    [policy([allow("iam:GetUser", "arn:aws:iam::*:user/alice")])],
    [
      ["the caller's own account", req("iam:GetUser", ALICE), "Allow"],
      ["another user", req("iam:GetUser", BOB), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "Resource trailing * crosses colons in the resource part",
    `${RESOURCE} ("If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon boundaries")`,
    [policy([allow("logs:PutLogEvents", `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*`)])],
    [
      ["a log stream ARN (more colons)", req("logs:PutLogEvents", `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:app:log-stream:s1`), "Allow"],
      ["a log group in another region", req("logs:PutLogEvents", `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:app:log-stream:s1`), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "Resource without a trailing * does not reach sub-resources",
    RESOURCE,
    [policy([allow("logs:PutLogEvents", `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:app`)])],
    [
      ["the log group itself", req("logs:PutLogEvents", `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:app`), "Allow"],
      ["a stream of the log group", req("logs:PutLogEvents", `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:app:log-stream:s1`), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "Resource * ending the region segment crosses into account and resource (arn:aws:ec2:*)",
    `${RESOURCE} ("If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon boundaries")`,
    [policy([allow("ec2:*", "arn:aws:ec2:*")])],
    [
      ["an EC2 instance ARN", req("ec2:StartInstances", `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`), "Allow"],
      ["an S3 object is outside arn:aws:ec2:", req("ec2:StartInstances", OBJECT), "ImplicitDeny"],
    ],
  ),
  ...identity("Resource arn:aws:s3:::* and the S3 Express service", RESOURCE, [policy([allow("*", "arn:aws:s3:::*")])], [
    ["any S3 bucket", req("s3:ListBucket", BUCKET), "Allow"],
    ["any S3 object", GET, "Allow"],
    [
      "an s3express ARN is another service",
      req("s3express:CreateSession", `arn:aws:s3express:us-east-1:${ACCOUNT}:bucket/b--use1-az4--x-s3`),
      "ImplicitDeny",
    ],
  ]),
  ...identity(
    "Resource list is an OR",
    `${RESOURCE} ("You can specify multiple resources in the Resource element by using an array of ARNs")`,
    [policy([allow("s3:*", [BUCKET, `${BUCKET}/*`])])],
    [
      ["the bucket", req("s3:ListBucket", BUCKET), "Allow"],
      ["an object", GET, "Allow"],
      ["another bucket", req("s3:ListBucket", "arn:aws:s3:::other-bucket"), "ImplicitDeny"],
    ],
  ),
];

const notResources: ConformanceCase[] = [
  ...identity(
    "NotAction and NotResource in one Allow statement",
    `${NOTACTION}; ${NOTRESOURCE}`,
    [policy([{ Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:s3:::secret-bucket/*" }])],
    [
      ["an unlisted action on an unlisted resource", GET, "Allow"],
      ["an unlisted action on the listed resource", req("s3:GetObject", "arn:aws:s3:::secret-bucket/a.txt"), "ImplicitDeny"],
      ["a listed action on an unlisted resource", req("iam:GetUser", ALICE), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "NotResource with Allow allows every other resource",
    `${NOTRESOURCE} ("all of the resources ... that are not listed, are allowed if you use the Allow effect")`,
    [policy([{ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret-bucket/*" }])],
    [
      ["an object elsewhere", GET, "Allow"],
      ["an object of the listed bucket", req("s3:GetObject", "arn:aws:s3:::secret-bucket/a.txt"), "ImplicitDeny"],
      ["another action is still not allowed", req("s3:PutObject", OBJECT), "ImplicitDeny"],
    ],
  ),
  ...identity(
    "NotResource with Deny denies every other resource (the HRPayroll example)",
    `${NOTRESOURCE} ("explicitly denies access to all Amazon S3 resources other than the listed resources")`,
    [
      policy([
        ALLOW_ALL,
        { Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::hr-bucket/Payroll", "arn:aws:s3:::hr-bucket/Payroll/*"] },
      ]),
    ],
    [
      ["a listed resource is left to the allow", req("s3:GetObject", "arn:aws:s3:::hr-bucket/Payroll/june.csv"), "Allow"],
      ["the other listed resource", req("s3:GetObject", "arn:aws:s3:::hr-bucket/Payroll"), "Allow"],
      ["another folder of the bucket is denied", req("s3:GetObject", "arn:aws:s3:::hr-bucket/Other/june.csv"), "ExplicitDeny"],
      ["another bucket is denied", GET, "ExplicitDeny"],
      ["a listed key in another case is not listed", req("s3:GetObject", "arn:aws:s3:::hr-bucket/payroll/june.csv"), "ExplicitDeny"],
      ["an action outside the deny's Action", req("ec2:StartInstances", "*"), "Allow"],
    ],
  ),
  ...identity(
    "NotResource with Deny grants nothing by itself",
    `${NOTRESOURCE} ("this policy does not grant the user access to any resources")`,
    [policy({ Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::hr-bucket/Payroll/*"] })],
    [["a listed resource with nothing allowing it", req("s3:GetObject", "arn:aws:s3:::hr-bucket/Payroll/june.csv"), "ImplicitDeny"]],
  ),
];

const bucketGrant = (principal: unknown, effect = "Allow"): PolicyDocument =>
  policy([{ Effect: effect, Principal: principal, Action: "s3:GetObject", Resource: `${BUCKET}/*` }]);

const principals: ConformanceCase[] = [
  ...bucketPolicy(
    'Principal "*" is everyone',
    `${PRINCIPAL} ("a wildcard (*) in the principal element specifies all users or public access")`,
    bucketGrant("*"),
    [
      ["a user of the account with no identity policy", GET, "Allow"],
      ["only the granted action", req("s3:PutObject", OBJECT), "ImplicitDeny"],
    ],
  ),
  ...bucketPolicy(
    'Principal {"AWS": "*"} is the same as "*"',
    `${PRINCIPAL} ("The following elements are equivalent")`,
    bucketGrant({ AWS: "*" }),
    [["a user of the account with no identity policy", GET, "Allow"]],
  ),
  ...bucketPolicy("Principal names one IAM user", PRINCIPAL, bucketGrant({ AWS: ALICE }), [
    ["that user", GET, "Allow"],
    ["another user of the same account", req("s3:GetObject", OBJECT, BOB), "ImplicitDeny"],
  ]),
  ...bucketPolicy(
    "Principal user name is case sensitive",
    `${PRINCIPAL} ("In a Principal element, the user name is case sensitive")`,
    bucketGrant({ AWS: `arn:aws:iam::${ACCOUNT}:user/Alice` }),
    [["user/Alice does not name user/alice", GET, "ImplicitDeny"]],
  ),
  ...bucketPolicy(
    "Principal list is an OR",
    `${PRINCIPAL} ("This is a logical OR and not a logical AND")`,
    bucketGrant({ AWS: [BOB, ALICE] }),
    [
      ["the second principal", GET, "Allow"],
      ["the first principal", req("s3:GetObject", OBJECT, BOB), "Allow"],
      ["someone else", req("s3:GetObject", OBJECT, `arn:aws:iam::${ACCOUNT}:user/carol`), "ImplicitDeny"],
    ],
  ),
  ...bucketPolicy("Principal Service does not match an IAM user", PRINCIPAL, bucketGrant({ Service: "lambda.amazonaws.com" }), [
    ["alice is not lambda.amazonaws.com", GET, "ImplicitDeny"],
  ]),
  ...bucketPolicy(
    "Principal account id delegates to the account's IAM policies",
    `${PRINCIPAL} ("All identities inside the account can access the resource if they have the appropriate IAM permissions attached to explicitly allow access")`,
    bucketGrant({ AWS: ACCOUNT }),
    [["a user without an identity policy", GET, "ImplicitDeny"]],
  ),
  ...bucketPolicy(
    "Principal account id with the user's own allow",
    `${PRINCIPAL} ("All identities inside the account can access the resource if they have the appropriate IAM permissions")`,
    bucketGrant({ AWS: ACCOUNT }),
    [["a user whose identity policy allows", GET, "Allow"]],
    [policy([allow("s3:GetObject", `${BUCKET}/*`)])],
  ),
  ...bucketPolicy(
    "Principal account root ARN delegates like the bare account id",
    `${PRINCIPAL} ("you can use the account ARN (arn:aws:iam::AWS-account-ID:root), or a shortened form")`,
    bucketGrant({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
    [["a user without an identity policy", GET, "ImplicitDeny"]],
  ),
  ...bucketPolicy(
    'a bucket policy Deny to "*" overrides the identity allow',
    `${G}reference_policies_evaluation-logic_policy-eval-denyallow.html`,
    bucketGrant("*", "Deny"),
    [
      ["the denied action", GET, "ExplicitDeny"],
      ["another action allowed by the identity policy", req("s3:PutObject", OBJECT), "Allow"],
    ],
    [policy([allow("s3:*", "*")])],
  ),
];

export const cases: ConformanceCase[] = [
  ...versionAndStatement,
  ...actions,
  ...notActions,
  ...resources,
  ...notResources,
  ...principals,
];
