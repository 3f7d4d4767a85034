/**
 * Conformance rows for the Condition element inside policies: each operator family, missing keys,
 * IfExists, Null, set qualifiers, AND/OR/NOR, key-name case, and how a condition interacts with Allow
 * and Deny. Every request is alice's s3:GetObject on her own bucket; only the context changes.
 * Quotes behind each `doc` are in docs/aws-semantics-elements.md (section 5).
 */
import type { Decision, PolicyDocument, RequestContextInput } from "../../../src/types.js";
import type { ConformanceCase } from "../case.js";

const ACCOUNT = "111122223333";
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const OBJECT = "arn:aws:s3:::amzn-s3-demo-bucket/report.pdf";

const G = "IAM/latest/UserGuide/";
const OPS = `${G}reference_policies_elements_condition_operators.html`;
const CONDITION = `${G}reference_policies_elements_condition.html`;
const MULTI = `${G}reference_policies_condition-logic-multiple-context-keys-or-values.html`;
const SETS = `${G}reference_policies_condition-single-vs-multi-valued-context-keys.html`;
const KEYS = `${G}reference_policies_condition-keys.html`;
const GRAMMAR = `${G}reference_policies_grammar.html`;
const VARIABLES = `${G}reference_policies_variables.html`;
const MISSING_FALSE = `${OPS} ("If the key that you specify in a policy condition is not present in the request context, the values do not match and the condition is false")`;
const MISSING_NEGATED = `${OPS} ("If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the condition is true")`;
const IF_EXISTS = `${OPS}#Conditions_IfExists ("If the key is not present, evaluate the condition element as true")`;

export type Condition = Record<string, Record<string, unknown>>;
/** [what the row shows, the request context (undefined: no keys), the decision AWS documents] */
export type Probe = readonly [string, RequestContextInput | undefined, Decision];

const ALLOW_ALL = { Effect: "Allow", Action: "*", Resource: "*" };

/** An identity policy allowing the request only under the condition. */
export const allowWhen = (condition: Condition): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: condition }],
});

/** An identity policy allowing everything, with a Deny of the request under the condition. */
export const denyWhen = (condition: Condition): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [ALLOW_ALL, { Effect: "Deny", Action: "s3:GetObject", Resource: "*", Condition: condition }],
});

/** Rows of alice's s3:GetObject under `policy`, one per probe (shared with conditions-families.ts). */
export function rows(topic: string, doc: string, policy: PolicyDocument, probes: readonly Probe[]): ConformanceCase[] {
  return probes.map(([what, context, expected]) => ({
    name: `${topic}: ${what}`,
    doc,
    input: {
      principal: ALICE,
      action: "s3:GetObject",
      resource: OBJECT,
      resourceAccount: ACCOUNT,
      ...(context === undefined ? {} : { context }),
      identityPolicies: [policy],
    },
    expected,
  }));
}

const TEAM = "aws:PrincipalTag/team";
const team = (value: string) => ({ [TEAM]: value });

const strings: ConformanceCase[] = [
  ...rows("Allow + StringEquals", `${OPS}#Conditions_String ("Exact matching, case sensitive")`, allowWhen({ StringEquals: { [TEAM]: "web" } }), [
    ["equal value", team("web"), "Allow"],
    ["value in another case", team("Web"), "ImplicitDeny"],
    ["other value", team("api"), "ImplicitDeny"],
  ]),
  ...rows("Allow + StringEquals on a missing key", MISSING_FALSE, allowWhen({ StringEquals: { [TEAM]: "web" } }), [
    ["key absent", undefined, "ImplicitDeny"],
    ["key given as null (absent)", { [TEAM]: null }, "ImplicitDeny"],
  ]),
  ...rows("Allow + StringEquals has no wildcards", `${OPS}#Conditions_String`, allowWhen({ StringEquals: { [TEAM]: "web-*" } }), [
    ["a value the pattern would match", team("web-frontend"), "ImplicitDeny"],
    ["the literal text web-*", team("web-*"), "Allow"],
  ]),
  ...rows("Allow + StringEqualsIgnoreCase", `${OPS}#Conditions_String ("Exact matching, ignoring case")`, allowWhen({ StringEqualsIgnoreCase: { [TEAM]: "web" } }), [
    ["value in upper case", team("WEB"), "Allow"],
    ["other value", team("webs"), "ImplicitDeny"],
  ]),
  ...rows(
    "Allow + StringLike",
    `${OPS}#Conditions_String ("The values can include multi-character match wildcards (*) and single-character match wildcards (?) anywhere in the string")`,
    allowWhen({ StringLike: { [TEAM]: ["web-*", "db-?"] } }),
    [
      ["* matches the rest", team("web-frontend"), "Allow"],
      ["* matches nothing too", team("web-"), "Allow"],
      ["? matches one character", team("db-1"), "Allow"],
      ["? does not match two", team("db-12"), "ImplicitDeny"],
      ["StringLike is case sensitive", team("WEB-frontend"), "ImplicitDeny"],
      ["key absent", undefined, "ImplicitDeny"],
    ],
  ),
  ...rows("Deny + StringNotEquals on a missing key denies", MISSING_NEGATED, denyWhen({ StringNotEquals: { [TEAM]: "web" } }), [
    ["key absent", undefined, "ExplicitDeny"],
    ["other value", team("api"), "ExplicitDeny"],
    ["the excepted value", team("web"), "Allow"],
  ]),
  ...rows("Deny + StringNotLike on a missing key denies", MISSING_NEGATED, denyWhen({ StringNotLike: { [TEAM]: "web-*" } }), [
    ["key absent", undefined, "ExplicitDeny"],
    ["matching value", team("web-frontend"), "Allow"],
  ]),
  ...rows(
    "Deny + StringNotEqualsIgnoreCase",
    `${OPS}#Conditions_String ("Negated matching, ignoring case")`,
    denyWhen({ StringNotEqualsIgnoreCase: { [TEAM]: "web" } }),
    [
      ["same value in another case is not denied", team("WEB"), "Allow"],
      ["other value is denied", team("api"), "ExplicitDeny"],
    ],
  ),
  ...rows("Allow + StringEqualsIfExists", IF_EXISTS, allowWhen({ StringEqualsIfExists: { [TEAM]: "web" } }), [
    ["key absent: the condition holds", undefined, "Allow"],
    ["key present and equal", team("web"), "Allow"],
    ["key present and different", team("api"), "ImplicitDeny"],
  ]),
  ...rows(
    "Deny + StringEqualsIfExists on a missing key also denies",
    `${IF_EXISTS}: true makes a Deny apply`,
    denyWhen({ StringEqualsIfExists: { [TEAM]: "web" } }),
    [
      ["key absent", undefined, "ExplicitDeny"],
      ["key present and different", team("api"), "Allow"],
    ],
  ),
  ...rows(
    "Deny + StringNotEqualsIfExists on a missing key denies",
    IF_EXISTS,
    denyWhen({ StringNotEqualsIfExists: { [TEAM]: "web" } }),
    [
      ["key absent", undefined, "ExplicitDeny"],
      ["the excepted value", team("web"), "Allow"],
    ],
  ),
  ...rows(
    "a number written without quotes is compared as its text",
    `${GRAMMAR} ("Quotation marks are optional for numeric and Boolean values")`,
    allowWhen({ StringEquals: { "aws:PrincipalTag/level": 5 } }),
    [
      ["the same digits", { "aws:PrincipalTag/level": "5" }, "Allow"],
      ["other digits", { "aws:PrincipalTag/level": "6" }, "ImplicitDeny"],
    ],
  ),
  ...rows(
    "a condition key the service reference does not list is still evaluated",
    `${CONDITION}; spec-format.md section 2 ("A condition key is never ignored")`,
    allowWhen({ StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/app:*" } }),
    [
      ["matching value", { "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main" }, "Allow"],
      ["other repository", { "token.actions.githubusercontent.com:sub": "repo:evil/app:ref:refs/heads/main" }, "ImplicitDeny"],
      ["key absent", undefined, "ImplicitDeny"],
    ],
  ),
];

const logic: ConformanceCase[] = [
  ...rows(
    "several values of one key are an OR",
    `${MULTI} ("If a single condition operator includes multiple values for a context key, those values are evaluated using a logical OR")`,
    allowWhen({ StringEquals: { [TEAM]: ["web", "api"] } }),
    [
      ["the second value", team("api"), "Allow"],
      ["neither value", team("db"), "ImplicitDeny"],
    ],
  ),
  ...rows(
    "several keys under one operator are an AND",
    `${MULTI} ("If your policy statement has multiple context keys attached to a single condition operator, the context keys are evaluated using a logical AND")`,
    allowWhen({ StringEquals: { [TEAM]: "web", "aws:PrincipalTag/env": "prod" } }),
    [
      ["both keys match", { [TEAM]: "web", "aws:PrincipalTag/env": "prod" }, "Allow"],
      ["one key missing", team("web"), "ImplicitDeny"],
      ["one key different", { [TEAM]: "web", "aws:PrincipalTag/env": "dev" }, "ImplicitDeny"],
    ],
  ),
  ...rows(
    "several operators are an AND",
    `${MULTI} ("If your policy statement has multiple condition operators, the condition operators are evaluated using a logical AND")`,
    allowWhen({ StringEquals: { [TEAM]: "web" }, Bool: { "aws:SecureTransport": "true" } }),
    [
      ["both hold", { [TEAM]: "web", "aws:SecureTransport": true }, "Allow"],
      ["the Bool fails", { [TEAM]: "web", "aws:SecureTransport": false }, "ImplicitDeny"],
      ["the string fails", { [TEAM]: "api", "aws:SecureTransport": true }, "ImplicitDeny"],
    ],
  ),
  ...rows(
    "several values under a negated operator are a NOR",
    `${MULTI} ("If a single negated matching condition operator includes multiple values for a context key, those values are evaluated using a logical NOR")`,
    denyWhen({ StringNotEquals: { [TEAM]: ["web", "api"] } }),
    [
      ["one of the values: not denied", team("api"), "Allow"],
      ["none of the values: denied", team("db"), "ExplicitDeny"],
    ],
  ),
  ...rows(
    "condition key names are case-insensitive (policy side)",
    `${CONDITION} ("Condition key names are not case-sensitive")`,
    allowWhen({ StringEquals: { "AWS:PRINCIPALTAG/TEAM": "web" } }),
    [
      ["policy key in upper case", team("web"), "Allow"],
      ["the value stays case sensitive", team("WEB"), "ImplicitDeny"],
    ],
  ),
  ...rows(
    "condition key names are case-insensitive (request side)",
    `${CONDITION} ("including the aws:SourceIP condition key is equivalent to testing for AWS:SourceIp")`,
    allowWhen({ IpAddress: { "aws:SourceIP": "203.0.113.0/24" } }),
    [
      ["context key spelled differently", { "AWS:sourceip": "203.0.113.7" }, "Allow"],
      ["context key spelled differently, address outside the range", { "aws:sourceIp": "198.51.100.1" }, "ImplicitDeny"],
    ],
  ),
];

const nulls: ConformanceCase[] = [
  ...rows(
    'Allow + Null "true" (the key must be absent)',
    `${OPS}#Conditions_Null ("true (the key doesn't exist — it is null)")`,
    allowWhen({ Null: { "aws:TokenIssueTime": "true" } }),
    [
      ["key absent", undefined, "Allow"],
      ["key present", { "aws:TokenIssueTime": "2026-01-01T00:00:00Z" }, "ImplicitDeny"],
    ],
  ),
  ...rows(
    'Allow + Null "false" (the key must be present)',
    `${OPS}#Conditions_Null ("false (the key exists and its value is not null)")`,
    allowWhen({ Null: { [TEAM]: "false" } }),
    [
      ["key present", team("web"), "Allow"],
      ["key absent", undefined, "ImplicitDeny"],
      ["key given as an empty list (absent)", { [TEAM]: [] }, "ImplicitDeny"],
    ],
  ),
];

const TAG_KEYS = "aws:TagKeys";

const sets: ConformanceCase[] = [
  ...rows(
    "Allow + ForAllValues:StringEquals",
    `${SETS} ("The condition returns true if every key value in the request matches at least one value in the policy")`,
    allowWhen({ "ForAllValues:StringEquals": { [TAG_KEYS]: ["env", "team"] } }),
    [
      ["a subset", { [TAG_KEYS]: ["env"] }, "Allow"],
      ["the whole set", { [TAG_KEYS]: ["team", "env"] }, "Allow"],
      ["one value outside the set", { [TAG_KEYS]: ["env", "owner"] }, "ImplicitDeny"],
    ],
  ),
  ...rows(
    "Allow + ForAllValues on a missing key is vacuously true",
    `${SETS} ("It also returns true if there are no keys in the request")`,
    allowWhen({ "ForAllValues:StringEquals": { [TAG_KEYS]: ["env", "team"] } }),
    [
      ["key absent", undefined, "Allow"],
      ["key given as an empty list (absent)", { [TAG_KEYS]: [] }, "Allow"],
    ],
  ),
  ...rows(
    "Deny + ForAllValues on a missing key denies (vacuous truth)",
    `${SETS} ("It also returns true if there are no keys in the request")`,
    denyWhen({ "ForAllValues:StringEquals": { [TAG_KEYS]: ["env"] } }),
    [
      ["key absent", undefined, "ExplicitDeny"],
      ["a value outside the set", { [TAG_KEYS]: ["owner"] }, "Allow"],
    ],
  ),
  ...rows(
    "Deny + ForAnyValue:StringEquals",
    `${SETS} ("The condition returns true if any one of the key values in the request matches any one of the condition values")`,
    denyWhen({ "ForAnyValue:StringEquals": { [TAG_KEYS]: ["secret"] } }),
    [
      ["one value in the set", { [TAG_KEYS]: ["env", "secret"] }, "ExplicitDeny"],
      ["no value in the set", { [TAG_KEYS]: ["env"] }, "Allow"],
      ["key absent: false", undefined, "Allow"],
    ],
  ),
  ...rows(
    "Allow + ForAnyValue:StringLike",
    `${SETS} ("For no matching key or a null dataset, the condition returns false")`,
    allowWhen({ "ForAnyValue:StringLike": { [TAG_KEYS]: ["cost-*"] } }),
    [
      ["one value matches", { [TAG_KEYS]: ["env", "cost-center"] }, "Allow"],
      ["key absent", undefined, "ImplicitDeny"],
    ],
  ),
];

const booleans: ConformanceCase[] = [
  ...rows(
    "Allow + Bool aws:SecureTransport true",
    `${OPS}#Conditions_Boolean (Bool aws:SecureTransport "true" "to specify that the request must use SSL")`,
    allowWhen({ Bool: { "aws:SecureTransport": "true" } }),
    [
      ["over TLS", { "aws:SecureTransport": true }, "Allow"],
      ["over TLS, value given as text", { "aws:SecureTransport": "true" }, "Allow"],
      ["plain HTTP", { "aws:SecureTransport": false }, "ImplicitDeny"],
      ["key absent", undefined, "ImplicitDeny"],
    ],
  ),
  ...rows(
    "Allow + Bool with an unquoted JSON boolean",
    `${GRAMMAR} ("Quotation marks are optional for numeric and Boolean values")`,
    allowWhen({ Bool: { "aws:SecureTransport": true } }),
    [
      ["over TLS", { "aws:SecureTransport": true }, "Allow"],
      ["plain HTTP", { "aws:SecureTransport": false }, "ImplicitDeny"],
    ],
  ),
  ...rows(
    "Deny + Bool aws:SecureTransport false",
    `${OPS}#Conditions_Boolean`,
    denyWhen({ Bool: { "aws:SecureTransport": "false" } }),
    [
      ["plain HTTP is denied", { "aws:SecureTransport": false }, "ExplicitDeny"],
      ["TLS is not denied", { "aws:SecureTransport": true }, "Allow"],
      ["key absent: Bool does not match, no deny", undefined, "Allow"],
    ],
  ),
];

const MFA = "aws:MultiFactorAuthPresent";
const MFA_DOC = `${KEYS} (aws:MultiFactorAuthPresent is absent for long-term credentials) with ${OPS}`;

const mfa: ConformanceCase[] = [
  ...rows(
    'Deny + BoolIfExists MFA "false" (the NotAction page\'s DenyAllUsersNotUsingMFA)',
    `${MFA_DOC}#Conditions_IfExists; ${G}reference_policies_elements_notaction.html`,
    {
      Version: "2012-10-17",
      Statement: [
        ALLOW_ALL,
        { Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: { BoolIfExists: { [MFA]: "false" } } },
      ],
    },
    [
      ["MFA key absent (access keys): denied", undefined, "ExplicitDeny"],
      ["MFA false: denied", { [MFA]: false }, "ExplicitDeny"],
      ["MFA true: not denied", { [MFA]: true }, "Allow"],
    ],
  ),
  ...rows('Deny + Bool MFA "false" does not catch an absent key', `${MFA_DOC} ("the values do not match")`, denyWhen({ Bool: { [MFA]: "false" } }), [
    ["MFA key absent: not denied", undefined, "Allow"],
    ["MFA false: denied", { [MFA]: false }, "ExplicitDeny"],
  ]),
  ...rows('Allow + Bool MFA "true"', MFA_DOC, allowWhen({ Bool: { [MFA]: "true" } }), [
    ["MFA true", { [MFA]: true }, "Allow"],
    ["MFA key absent", undefined, "ImplicitDeny"],
    ["MFA false", { [MFA]: false }, "ImplicitDeny"],
  ]),
  ...rows('Deny + Null MFA "true" (deny when the key is absent)', `${MFA_DOC}#Conditions_Null`, denyWhen({ Null: { [MFA]: "true" } }), [
    ["MFA key absent: denied", undefined, "ExplicitDeny"],
    ["MFA key present even as false: not denied", { [MFA]: false }, "Allow"],
  ]),
];

const SOURCE_IP = "aws:SourceIp";
const IP_DOC = `${OPS}#Conditions_IPAddress`;

const ips: ConformanceCase[] = [
  ...rows("Allow + IpAddress IPv4 CIDR", `${IP_DOC} ("The value must be in the standard CIDR format")`, allowWhen({ IpAddress: { [SOURCE_IP]: "203.0.113.0/24" } }), [
    ["inside the range", { [SOURCE_IP]: "203.0.113.7" }, "Allow"],
    ["last address of the range", { [SOURCE_IP]: "203.0.113.255" }, "Allow"],
    ["just outside the range", { [SOURCE_IP]: "203.0.114.0" }, "ImplicitDeny"],
    ["key absent (VPC endpoint request)", undefined, "ImplicitDeny"],
  ]),
  ...rows(
    "Allow + IpAddress with a bare address is a /32",
    `${IP_DOC} ("If you specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32")`,
    allowWhen({ IpAddress: { [SOURCE_IP]: "203.0.113.7" } }),
    [
      ["that address", { [SOURCE_IP]: "203.0.113.7" }, "Allow"],
      ["the next address", { [SOURCE_IP]: "203.0.113.8" }, "ImplicitDeny"],
    ],
  ),
  ...rows(
    "Allow + IpAddress IPv6 CIDR",
    `${IP_DOC} (example 2001:DB8:1234:5678::/64)`,
    allowWhen({ IpAddress: { [SOURCE_IP]: "2001:DB8:1234:5678::/64" } }),
    [
      ["inside, written in lower case", { [SOURCE_IP]: "2001:db8:1234:5678::1" }, "Allow"],
      ["inside, written in full", { [SOURCE_IP]: "2001:0db8:1234:5678:0000:0000:0000:00ff" }, "Allow"],
      ["the next /64", { [SOURCE_IP]: "2001:db8:1234:5679::1" }, "ImplicitDeny"],
      ["an IPv4 address", { [SOURCE_IP]: "203.0.113.7" }, "ImplicitDeny"],
    ],
  ),
  ...rows(
    "Allow + IpAddress with IPv4 and IPv6 ranges (OR)",
    `${IP_DOC} (the docs' mixed IPv4/IPv6 example)`,
    allowWhen({ IpAddress: { [SOURCE_IP]: ["203.0.113.0/24", "2001:DB8:1234:5678::/64"] } }),
    [
      ["an IPv6 address in range", { [SOURCE_IP]: "2001:db8:1234:5678:abcd::1" }, "Allow"],
      ["an IPv4 address in range", { [SOURCE_IP]: "203.0.113.9" }, "Allow"],
      ["neither range", { [SOURCE_IP]: "198.51.100.1" }, "ImplicitDeny"],
    ],
  ),
  ...rows("Deny + NotIpAddress", `${IP_DOC}; ${MISSING_NEGATED}`, denyWhen({ NotIpAddress: { [SOURCE_IP]: "203.0.113.0/24" } }), [
    ["outside the range: denied", { [SOURCE_IP]: "198.51.100.1" }, "ExplicitDeny"],
    ["inside the range: not denied", { [SOURCE_IP]: "203.0.113.7" }, "Allow"],
    ["key absent: negated operator is true, denied", undefined, "ExplicitDeny"],
  ]),
];

const NOW = "aws:CurrentTime";
const DATE_DOC = `${OPS}#Conditions_Date ("W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time")`;
/** 2030-01-01T00:00:00Z in epoch seconds. */
const Y2030 = "1893456000";

const dates: ConformanceCase[] = [
  ...rows("Allow + DateLessThan (ISO 8601)", DATE_DOC, allowWhen({ DateLessThan: { [NOW]: "2030-01-01T00:00:00Z" } }), [
    ["one second before", { [NOW]: "2029-12-31T23:59:59Z" }, "Allow"],
    ["the same instant is not less", { [NOW]: "2030-01-01T00:00:00Z" }, "ImplicitDeny"],
    ["after", { [NOW]: "2030-06-01T00:00:00Z" }, "ImplicitDeny"],
    ["key absent", undefined, "ImplicitDeny"],
  ]),
  ...rows("Allow + DateLessThanEquals", DATE_DOC, allowWhen({ DateLessThanEquals: { [NOW]: "2030-01-01T00:00:00Z" } }), [
    ["the same instant", { [NOW]: "2030-01-01T00:00:00Z" }, "Allow"],
  ]),
  ...rows("Allow + DateLessThan with an epoch policy value", DATE_DOC, allowWhen({ DateLessThan: { [NOW]: Y2030 } }), [
    ["an ISO request time before it", { [NOW]: "2029-12-31T23:59:59Z" }, "Allow"],
    ["an ISO request time after it", { [NOW]: "2030-01-01T00:00:01Z" }, "ImplicitDeny"],
  ]),
  ...rows(
    "Allow + DateGreaterThanEquals on aws:EpochTime",
    DATE_DOC,
    allowWhen({ DateGreaterThanEquals: { "aws:EpochTime": "2030-01-01T00:00:00Z" } }),
    [
      ["epoch seconds at that instant", { "aws:EpochTime": 1893456000 }, "Allow"],
      ["epoch seconds one second earlier", { "aws:EpochTime": 1893455999 }, "ImplicitDeny"],
    ],
  ),
  ...rows(
    "Allow + DateEquals compares instants, not text",
    DATE_DOC,
    allowWhen({ DateEquals: { [NOW]: "2030-01-01T00:00:00Z" } }),
    [
      ["the same instant with a +01:00 offset", { [NOW]: "2030-01-01T01:00:00+01:00" }, "Allow"],
      ["one hour later", { [NOW]: "2030-01-01T01:00:00Z" }, "ImplicitDeny"],
    ],
  ),
  ...rows("Allow + DateLessThan with a date-only value (W3C YYYY-MM-DD)", DATE_DOC, allowWhen({ DateLessThan: { [NOW]: "2030-01-01" } }), [
    ["the evening before", { [NOW]: "2029-12-31T23:59:59Z" }, "Allow"],
    ["the day itself", { [NOW]: "2030-01-01T12:00:00Z" }, "ImplicitDeny"],
  ]),
  ...rows("Deny + DateGreaterThan", DATE_DOC, denyWhen({ DateGreaterThan: { [NOW]: "2030-01-01T00:00:00Z" } }), [
    ["after the date: denied", { [NOW]: "2030-01-02T00:00:00Z" }, "ExplicitDeny"],
    ["before the date: not denied", { [NOW]: "2029-01-01T00:00:00Z" }, "Allow"],
  ]),
];

const MAX_KEYS = "s3:max-keys";
const NUM_DOC = `${OPS}#Conditions_Numeric`;

const numbers: ConformanceCase[] = [
  ...rows("Allow + NumericLessThanEquals", `${NUM_DOC} (s3:max-keys example)`, allowWhen({ NumericLessThanEquals: { [MAX_KEYS]: "10" } }), [
    ["equal", { [MAX_KEYS]: 10 }, "Allow"],
    ["less, given as text", { [MAX_KEYS]: "3" }, "Allow"],
    ["greater", { [MAX_KEYS]: 11 }, "ImplicitDeny"],
    ["key absent", undefined, "ImplicitDeny"],
  ]),
  ...rows("Allow + NumericEquals compares numbers, not text", NUM_DOC, allowWhen({ NumericEquals: { [MAX_KEYS]: "10" } }), [
    ["10.0 equals 10", { [MAX_KEYS]: "10.0" }, "Allow"],
    ["100 is not 10", { [MAX_KEYS]: 100 }, "ImplicitDeny"],
  ]),
  ...rows("Allow + NumericLessThan with a decimal", `${NUM_DOC} ("an integer or decimal value")`, allowWhen({ NumericLessThan: { [MAX_KEYS]: "10.5" } }), [
    ["10.4", { [MAX_KEYS]: 10.4 }, "Allow"],
    ["10.5 is not less", { [MAX_KEYS]: 10.5 }, "ImplicitDeny"],
  ]),
  ...rows("Deny + NumericNotEquals on a missing key denies", MISSING_NEGATED, denyWhen({ NumericNotEquals: { [MAX_KEYS]: "10" } }), [
    ["key absent", undefined, "ExplicitDeny"],
    ["the excepted value", { [MAX_KEYS]: 10 }, "Allow"],
  ]),
];

const ARN_DOC = `${OPS}#Conditions_ARN ("Case-sensitive matching of the ARN. Each of the six colon-delimited components of the ARN is checked separately")`;

const arns: ConformanceCase[] = [
  ...rows(
    "Allow + ArnLike on aws:PrincipalArn (derived from the caller)",
    `${ARN_DOC}; spec-format.md section 7 (aws:PrincipalArn is derived)`,
    allowWhen({ ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:user/a*` } }),
    [["alice's own ARN", undefined, "Allow"]],
  ),
  ...rows("Allow + ArnEquals is case sensitive", ARN_DOC, allowWhen({ ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:user/Alice` } }), [
    ["user/alice is not user/Alice", undefined, "ImplicitDeny"],
  ]),
  ...rows(
    "Allow + ArnLike on aws:SourceArn with wildcards per segment",
    ARN_DOC,
    allowWhen({ ArnLike: { "aws:SourceArn": `arn:aws:sns:*:${ACCOUNT}:topic-*` } }),
    [
      ["matching topic in any region", { "aws:SourceArn": `arn:aws:sns:eu-west-1:${ACCOUNT}:topic-a` }, "Allow"],
      ["a topic of another account", { "aws:SourceArn": "arn:aws:sns:eu-west-1:444455556666:topic-a" }, "ImplicitDeny"],
      ["key absent", undefined, "ImplicitDeny"],
    ],
  ),
  ...rows("Deny + ArnNotLike on a missing key denies", MISSING_NEGATED, denyWhen({ ArnNotLike: { "aws:SourceArn": `arn:aws:sns:*:${ACCOUNT}:*` } }), [
    ["key absent", undefined, "ExplicitDeny"],
    ["a source ARN of the account", { "aws:SourceArn": `arn:aws:sns:us-east-1:${ACCOUNT}:t` }, "Allow"],
  ]),
];

const binaries: ConformanceCase[] = [
  ...rows(
    "Allow + BinaryEquals compares the decoded bytes",
    `${OPS}#Conditions_BinaryEquals ("compares the value of the specified key byte for byte against a base-64 encoded representation")`,
    allowWhen({ BinaryEquals: { "aws:PrincipalTag/blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" } }),
    [
      ["the same bytes (base64 in the request)", { "aws:PrincipalTag/blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" }, "Allow"],
      ["other bytes", { "aws:PrincipalTag/blob": "T3RoZXI=" }, "ImplicitDeny"],
      ["key absent", undefined, "ImplicitDeny"],
    ],
  ),
];

const derived: ConformanceCase[] = [
  ...rows(
    "aws:username is derived for an IAM user",
    `${VARIABLES} (principal key values: IAM user -> aws:username is the user name); spec-format.md section 7`,
    allowWhen({ StringEquals: { "aws:username": "alice" } }),
    [
      ["no context given: derived from the caller", undefined, "Allow"],
      ["a context value wins over the derived one", { "aws:username": "bob" }, "ImplicitDeny"],
    ],
  ),
  ...rows(
    "aws:PrincipalType is User for an IAM user",
    `${VARIABLES} (principal key values: IAM user -> aws:PrincipalType "User")`,
    allowWhen({ StringEquals: { "aws:PrincipalType": "User" } }),
    [["derived from the caller", undefined, "Allow"]],
  ),
  ...rows(
    "aws:PrincipalType is not AssumedRole for an IAM user",
    `${VARIABLES} (principal key values table)`,
    allowWhen({ StringEquals: { "aws:PrincipalType": "AssumedRole" } }),
    [["derived from the caller", undefined, "ImplicitDeny"]],
  ),
  ...rows(
    "aws:ResourceAccount comes from resourceAccount for S3",
    `${KEYS} (aws:ResourceAccount); spec-format.md section 7`,
    allowWhen({ StringEquals: { "aws:ResourceAccount": ACCOUNT } }),
    [["the bucket owner", undefined, "Allow"]],
  ),
  ...rows(
    "aws:PrincipalAccount is the caller's account",
    `${KEYS} (aws:PrincipalAccount); spec-format.md section 7`,
    allowWhen({ StringNotEquals: { "aws:PrincipalAccount": ACCOUNT } }),
    [["the caller's own account does not satisfy StringNotEquals", undefined, "ImplicitDeny"]],
  ),
];

export const cases: ConformanceCase[] = [
  ...derived,
  ...strings,
  ...logic,
  ...nulls,
  ...sets,
  ...booleans,
  ...mfa,
  ...ips,
  ...dates,
  ...numbers,
  ...arns,
  ...binaries,
];
