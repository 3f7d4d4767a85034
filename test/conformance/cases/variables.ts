/**
 * Conformance rows for policy variables (IAM/latest/UserGuide/reference_policies_variables.html):
 * substitution in Resource and in string/ARN conditions, the special `${*}` `${?}` `${$}`, defaults,
 * Version gating, and variables with no value. Quotes are in docs/aws-semantics-elements.md (section 6).
 */
import type { Decision, PolicyDocument, RequestContextInput } from "../../../src/types.js";
import type { ConformanceCase } from "../case.js";

const ACCOUNT = "111122223333";
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
/** A role session: aws:username is "(not present)" for it (the page's principal key values table). */
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/s1`;
const BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket";

const VARS = "IAM/latest/UserGuide/reference_policies_variables.html";
const VERSION = "IAM/latest/UserGuide/reference_policies_elements_version.html";
const NO_VALUE = `${VARS}#policy-vars-no-value`;
const SPECIAL = `${VARS} (Special characters: "\${*} - use where you need an * (asterisk) character")`;
const DEFAULTS = `${VARS}#policy-vars-default-values ("surround the default value with single quotes")`;

type Statement = Record<string, unknown>;
interface Request {
  action: string;
  resource: string;
  principal?: string;
  context?: RequestContextInput;
}
/** [what the row shows, the request, the decision AWS documents] */
type Probe = readonly [string, Request, Decision];

const get = (key: string, context?: RequestContextInput, principal?: string): Request => ({
  action: "s3:GetObject",
  resource: `${BUCKET}/${key}`,
  ...(context === undefined ? {} : { context }),
  ...(principal === undefined ? {} : { principal }),
});
const tags = (values: Record<string, string>): RequestContextInput =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [`aws:PrincipalTag/${k}`, v]));

function policy(statement: Statement[], version: string | null = "2012-10-17"): PolicyDocument {
  return version === null ? { Statement: statement } : { Version: version, Statement: statement };
}
const allow = (action: string, resource: unknown, extra: Statement = {}): Statement => ({
  Effect: "Allow",
  Action: action,
  Resource: resource,
  ...extra,
});
const ALLOW_ALL = allow("*", "*");

function rows(topic: string, doc: string, policies: PolicyDocument[], probes: readonly Probe[]): ConformanceCase[] {
  return probes.map(([what, r, expected]) => ({
    name: `${topic}: ${what}`,
    doc,
    input: {
      principal: r.principal ?? ALICE,
      action: r.action,
      resource: r.resource,
      ...(r.resource.startsWith("arn:aws:s3:::") ? { resourceAccount: ACCOUNT } : {}),
      ...(r.context === undefined ? {} : { context: r.context }),
      identityPolicies: policies,
    },
    expected,
  }));
}

const HOME = `${BUCKET}/home/\${aws:username}/*`;

const inResource: ConformanceCase[] = [
  ...rows(
    "${aws:username} in Resource",
    `${VARS} ("IAM replaces the variable \${aws:username} with the friendly name of the actual current user")`,
    [policy([allow("s3:GetObject", HOME)])],
    [
      ["the caller's own home", get("home/alice/notes.txt"), "Allow"],
      ["someone else's home", get("home/bob/notes.txt"), "ImplicitDeny"],
      ["the name in another case", get("home/Alice/notes.txt"), "ImplicitDeny"],
    ],
  ),
  ...rows(
    "${aws:username} in an IAM user ARN",
    `${VARS} (the iam:*AccessKey* example on user/\${aws:username})`,
    [policy([allow("iam:*AccessKey*", `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`)])],
    [
      ["the caller's own user", { action: "iam:CreateAccessKey", resource: ALICE }, "Allow"],
      ["another user", { action: "iam:CreateAccessKey", resource: `arn:aws:iam::${ACCOUNT}:user/bob` }, "ImplicitDeny"],
    ],
  ),
  ...rows(
    "${aws:PrincipalTag/team} in Resource",
    `${VARS} ("\${aws:PrincipalTag/team} allows the actions only if the bucket name ends with a team name from the team principal tag")`,
    [policy([allow("s3:GetObject", `${BUCKET}/\${aws:PrincipalTag/team}/*`)])],
    [
      ["the tag's folder", get("web/index.html", tags({ team: "web" })), "Allow"],
      ["another team's folder", get("api/index.html", tags({ team: "web" })), "ImplicitDeny"],
      ["tag absent: matches nothing", get("web/index.html"), "ImplicitDeny"],
    ],
  ),
  ...rows(
    "variable key names are case-insensitive",
    `${VARS} ("Key names are case-insensitive. For example, aws:CurrentTime is equivalent to AWS:currenttime")`,
    [policy([allow("s3:GetObject", `${BUCKET}/\${AWS:principaltag/TEAM}/*`)])],
    [["a differently spelled variable still reads the tag", get("web/index.html", tags({ team: "web" })), "Allow"]],
  ),
  ...rows(
    "several variables in one ARN (the page's access-project example)",
    `${VARS}#policy-vars-resourceelement`,
    [policy([allow("sns:CreateTopic", "arn:aws:sns:*:*:${aws:PrincipalTag/project}-${aws:PrincipalTag/env}-*")])],
    [
      [
        "both tags match",
        { action: "sns:CreateTopic", resource: `arn:aws:sns:us-east-1:${ACCOUNT}:blue-prod-events`, context: tags({ project: "blue", env: "prod" }) },
        "Allow",
      ],
      [
        "one tag differs",
        { action: "sns:CreateTopic", resource: `arn:aws:sns:us-east-1:${ACCOUNT}:blue-prod-events`, context: tags({ project: "blue", env: "dev" }) },
        "ImplicitDeny",
      ],
      [
        "one tag absent",
        { action: "sns:CreateTopic", resource: `arn:aws:sns:us-east-1:${ACCOUNT}:blue-prod-events`, context: tags({ project: "blue" }) },
        "ImplicitDeny",
      ],
    ],
  ),
];

const inCondition: ConformanceCase[] = [
  ...rows(
    "${aws:username} in a StringLike condition value",
    `${VARS}#policy-vars-conditionelement ("You can use a policy variable for Condition values in any condition that involves the string operators")`,
    [policy([allow("s3:ListBucket", BUCKET, { Condition: { StringLike: { "s3:prefix": ["${aws:username}/*"] } } })])],
    [
      ["the caller's prefix", { action: "s3:ListBucket", resource: BUCKET, context: { "s3:prefix": "alice/docs" } }, "Allow"],
      ["another prefix", { action: "s3:ListBucket", resource: BUCKET, context: { "s3:prefix": "bob/docs" } }, "ImplicitDeny"],
    ],
  ),
  ...rows(
    "${aws:PrincipalTag/owner} in a StringEquals condition value",
    `${VARS} (the AllowUnlessOwnedBySomeoneElse example)`,
    [policy([allow("s3:GetObject", "*", { Condition: { StringEquals: { "s3:ExistingObjectTag/owner": "${aws:PrincipalTag/owner}" } } })])],
    [
      ["tags agree", get("a.txt", { "s3:ExistingObjectTag/owner": "alice", ...tags({ owner: "alice" }) }), "Allow"],
      ["tags differ", get("a.txt", { "s3:ExistingObjectTag/owner": "bob", ...tags({ owner: "alice" }) }), "ImplicitDeny"],
      [
        "principal tag absent: StringEquals does not match",
        get("a.txt", { "s3:ExistingObjectTag/owner": "alice" }),
        "ImplicitDeny",
      ],
    ],
  ),
  ...rows(
    "${aws:username} in an ArnEquals condition value",
    `${VARS}#policy-vars-conditionelement ("ARN operators include ArnEquals and ArnLike")`,
    [policy([allow("s3:GetObject", "*", { Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:sns:us-east-1:${ACCOUNT}:\${aws:username}` } } })])],
    [
      ["the caller-named topic", get("a.txt", { "aws:SourceArn": `arn:aws:sns:us-east-1:${ACCOUNT}:alice` }), "Allow"],
      ["another topic", get("a.txt", { "aws:SourceArn": `arn:aws:sns:us-east-1:${ACCOUNT}:bob` }), "ImplicitDeny"],
    ],
  ),
  ...rows(
    "Deny + StringNotEquals with a variable that has no value denies (the page's Team example)",
    `${NO_VALUE} ("Inverted condition operators like StringNotEquals or StringNotLike do match against a null value"; "Access is explicitly denied when aws:principaltag/Team is not set")`,
    [
      policy([
        ALLOW_ALL,
        {
          Effect: "Deny",
          Action: "s3:GetObject",
          Resource: `${BUCKET}/*`,
          Condition: { StringNotEquals: { "s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}" } },
        },
      ]),
    ],
    [
      ["principal tag absent: denied", get("a.txt", { "s3:ExistingObjectTag/Team": "red" }), "ExplicitDeny"],
      ["tags agree: not denied", get("a.txt", { "s3:ExistingObjectTag/Team": "red", ...tags({ Team: "red" }) }), "Allow"],
      ["tags differ: denied", get("a.txt", { "s3:ExistingObjectTag/Team": "red", ...tags({ Team: "blue" }) }), "ExplicitDeny"],
    ],
  ),
];

const special: ConformanceCase[] = [
  ...rows("${*} is a literal asterisk in Resource", SPECIAL, [policy([allow("s3:GetObject", `${BUCKET}/\${*}`)])], [
    ["the object named *", get("*"), "Allow"],
    ["any other object", get("report.pdf"), "ImplicitDeny"],
  ]),
  ...rows("${?} is a literal question mark in Resource", `${VARS} (Special characters: "\${?} - use where you need a ? (question mark) character")`, [policy([allow("s3:GetObject", `${BUCKET}/what\${?}`)])], [
    ["the object named what?", get("what?"), "Allow"],
    ["an object with another character there", get("whatX"), "ImplicitDeny"],
  ]),
  ...rows("${$} is a literal dollar sign in Resource", `${VARS} (Special characters: "\${$} - use where you need a $ (dollar sign) character")`, [policy([allow("s3:GetObject", `${BUCKET}/price\${$}`)])], [
    ["the object named price$", get("price$"), "Allow"],
    ["the object named price", get("price"), "ImplicitDeny"],
  ]),
  ...rows(
    "${*} in a StringLike value is literal, not a wildcard",
    `${VARS} ("These predefined policy variables can be used in any string where you can use regular policy variables")`,
    [policy([allow("s3:GetObject", "*", { Condition: { StringLike: { "aws:PrincipalTag/team": "a${*}" } } })])],
    [
      ["the text a*", get("a.txt", tags({ team: "a*" })), "Allow"],
      ["text a wildcard would match", get("a.txt", tags({ team: "ab" })), "ImplicitDeny"],
    ],
  ),
];

const defaults: ConformanceCase[] = [
  ...rows(
    "a default value for a missing tag (the page's company-wide example)",
    DEFAULTS,
    [policy([allow("s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}")])],
    [
      ["no team tag: the default bucket", { action: "s3:ListBucket", resource: `${BUCKET}-company-wide` }, "Allow"],
      ["no team tag: not a team bucket", { action: "s3:ListBucket", resource: `${BUCKET}-yellow` }, "ImplicitDeny"],
      ["team yellow: the team bucket", { action: "s3:ListBucket", resource: `${BUCKET}-yellow`, context: tags({ team: "yellow" }) }, "Allow"],
      [
        "team yellow: not the default bucket",
        { action: "s3:ListBucket", resource: `${BUCKET}-company-wide`, context: tags({ team: "yellow" }) },
        "ImplicitDeny",
      ],
    ],
  ),
  ...rows(
    "a default value for aws:username of a role session",
    DEFAULTS,
    [policy([allow("s3:GetObject", `${BUCKET}/home/\${aws:username, 'shared'}/*`)])],
    [
      ["a role session falls back to the default", get("home/shared/a.txt", undefined, SESSION), "Allow"],
      ["an IAM user uses its name", get("home/alice/a.txt"), "Allow"],
      ["an IAM user does not get the default", get("home/shared/a.txt"), "ImplicitDeny"],
    ],
  ),
];

const LITERAL_HOME = `${BUCKET}/home/\${aws:username}/notes.txt`;

const versionGate: ConformanceCase[] = [
  ...rows(
    "Version 2008-10-17 keeps ${...} as literal text",
    `${VERSION} ("variables such as \${aws:username} aren't recognized as variables and are instead treated as literal strings")`,
    [policy([allow("s3:GetObject", HOME)], "2008-10-17")],
    [
      ["the caller's home is not matched", get("home/alice/notes.txt"), "ImplicitDeny"],
      ["an object literally named ${aws:username} is", { action: "s3:GetObject", resource: LITERAL_HOME }, "Allow"],
    ],
  ),
  ...rows(
    "missing Version keeps ${...} as literal text",
    `${VARS} ("If you don't include the Version element and set it to an appropriate version date, variables like \${aws:username} are treated as literal strings")`,
    [policy([allow("s3:GetObject", HOME)], null)],
    [
      ["the caller's home is not matched", get("home/alice/notes.txt"), "ImplicitDeny"],
      ["an object literally named ${aws:username} is", { action: "s3:GetObject", resource: LITERAL_HOME }, "Allow"],
    ],
  ),
  ...rows(
    "Version 2008-10-17 keeps ${...} literal in condition values too",
    `${VERSION} ("treated as literal strings in the policy")`,
    [policy([allow("s3:GetObject", "*", { Condition: { StringEquals: { "aws:PrincipalTag/owner": "${aws:username}" } } })], "2008-10-17")],
    [
      ["a tag equal to the caller's name does not match", get("a.txt", tags({ owner: "alice" })), "ImplicitDeny"],
      ["a tag holding the literal text does", get("a.txt", tags({ owner: "${aws:username}" })), "Allow"],
    ],
  ),
  ...rows(
    "Version 2012-10-17 substitutes, so the literal text is not matched",
    VARS,
    [policy([allow("s3:GetObject", HOME)])],
    [["an object literally named ${aws:username}", { action: "s3:GetObject", resource: LITERAL_HOME }, "ImplicitDeny"]],
  ),
];

const noValue: ConformanceCase[] = [
  ...rows(
    "Allow with ${aws:username} for a role session (no value) allows nothing",
    `${NO_VALUE} ("the resource that includes a policy variable with no value will not match any resource")`,
    [policy([allow("s3:GetObject", HOME)])],
    [
      ["the session's role name is not substituted", get("home/deploy/notes.txt", undefined, SESSION), "ImplicitDeny"],
      ["no empty-string substitution either", get("home//notes.txt", undefined, SESSION), "ImplicitDeny"],
    ],
  ),
  ...rows(
    "Deny with ${aws:username} in Resource for a role session denies nothing",
    `${NO_VALUE} ("will not match any resource")`,
    [policy([ALLOW_ALL, { Effect: "Deny", Action: "s3:*", Resource: HOME }])],
    [
      ["the deny does not apply to a session", get("home/deploy/notes.txt", undefined, SESSION), "Allow"],
      ["the deny applies to the IAM user", get("home/alice/notes.txt"), "ExplicitDeny"],
    ],
  ),
  ...rows(
    "Deny with NotResource holding a variable with no value denies everything",
    `${NO_VALUE} ("used as part of the Resource or NotResource element ... will not match any resource": nothing is excepted)`,
    [policy([ALLOW_ALL, { Effect: "Deny", Action: "s3:*", NotResource: `${BUCKET}/\${aws:PrincipalTag/team}/*` }])],
    [
      ["tag absent: even the would-be team folder is denied", get("web/a.txt"), "ExplicitDeny"],
      ["tag present: its folder is excepted", get("web/a.txt", tags({ team: "web" })), "Allow"],
      ["tag present: other folders are denied", get("api/a.txt", tags({ team: "web" })), "ExplicitDeny"],
    ],
  ),
  ...rows(
    "Allow + StringLike with a variable that has no value does not match",
    `${NO_VALUE} ("Condition operators like StringEquals or StringLike do not match, and the policy statement does not take effect")`,
    [policy([allow("s3:GetObject", "*", { Condition: { StringLike: { "s3:prefix": "${aws:PrincipalTag/team}/*" } } })])],
    [
      ["tag absent", get("a.txt", { "s3:prefix": "/x" }), "ImplicitDeny"],
      ["tag present and matching", get("a.txt", { "s3:prefix": "web/x", ...tags({ team: "web" }) }), "Allow"],
    ],
  ),
];

export const cases: ConformanceCase[] = [
  ...inResource,
  ...inCondition,
  ...special,
  ...defaults,
  ...versionGate,
  ...noValue,
];
