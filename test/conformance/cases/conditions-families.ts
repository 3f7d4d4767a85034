/**
 * Condition operators the first table (conditions.ts) leaves out: the remaining members of each family
 * (NumericGreaterThan*, DateNotEquals, ArnNotEquals, ...), ...IfExists on every family, negated operators
 * under the set qualifiers, and the operators page's own StringLike-versus-ArnLike example. Every request
 * is alice's s3:GetObject; only the context changes. Pages: IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * and IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html.
 */
import type { ConformanceCase } from "../case.js";
import { allowWhen, denyWhen, rows } from "./conditions.js";

const ACCOUNT = "111122223333";

const G = "IAM/latest/UserGuide/";
const OPS = `${G}reference_policies_elements_condition_operators.html`;
const SETS = `${G}reference_policies_condition-single-vs-multi-valued-context-keys.html`;
const IF_EXISTS = `${OPS}#Conditions_IfExists ("If the key is not present, evaluate the condition element as true")`;
const MISSING_FALSE = `${OPS} ("If the key that you specify in a policy condition is not present in the request context, the values do not match and the condition is false")`;
const MISSING_NEGATED = `${OPS} ("If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the condition is true")`;

const MAX_KEYS = "s3:max-keys";
const NUM = `${OPS}#Conditions_Numeric`;
const numbers: ConformanceCase[] = [
  ...rows("Allow + NumericGreaterThan", `${NUM} ("Matching greater than")`, allowWhen({ NumericGreaterThan: { [MAX_KEYS]: "10" } }), [
    ["11", { [MAX_KEYS]: 11 }, "Allow"],
    ["10 is not greater", { [MAX_KEYS]: 10 }, "ImplicitDeny"],
    ["key absent", undefined, "ImplicitDeny"],
  ]),
  ...rows("Allow + NumericGreaterThanEquals", `${NUM} ("Matching greater than or equals")`, allowWhen({ NumericGreaterThanEquals: { [MAX_KEYS]: "10" } }), [
    ["10", { [MAX_KEYS]: "10" }, "Allow"],
    ["9.99", { [MAX_KEYS]: "9.99" }, "ImplicitDeny"],
  ]),
  ...rows("Allow + NumericLessThan with a negative number", `${NUM} ("Matching less than")`, allowWhen({ NumericLessThan: { [MAX_KEYS]: "-1" } }), [
    ["-2", { [MAX_KEYS]: -2 }, "Allow"],
    ["0", { [MAX_KEYS]: 0 }, "ImplicitDeny"],
  ]),
  ...rows("Allow + NumericNotEquals with several values is a NOR", `${NUM} ("Negated matching"); ${G}reference_policies_condition-logic-multiple-context-keys-or-values.html ("evaluated using a logical NOR")`,
    allowWhen({ NumericNotEquals: { [MAX_KEYS]: ["10", "20"] } }), [
      ["15: equal to neither", { [MAX_KEYS]: 15 }, "Allow"],
      ["20: equal to one of them", { [MAX_KEYS]: 20 }, "ImplicitDeny"],
      ["key absent: the negated operator is true", undefined, "Allow"],
    ]),
  ...rows("Allow + NumericLessThanEqualsIfExists", IF_EXISTS, allowWhen({ NumericLessThanEqualsIfExists: { [MAX_KEYS]: "100" } }), [
    ["key absent", undefined, "Allow"],
    ["100", { [MAX_KEYS]: 100 }, "Allow"],
    ["1000", { [MAX_KEYS]: 1000 }, "ImplicitDeny"],
  ]),
];

const NOW = "aws:CurrentTime";
const TOKEN = "aws:TokenIssueTime";
const DATE = `${OPS}#Conditions_Date`;
const dates: ConformanceCase[] = [
  ...rows("Allow + DateNotEquals", `${DATE} ("Negated matching")`, allowWhen({ DateNotEquals: { [TOKEN]: "2020-01-01T00:00:01Z" } }), [
    ["another instant", { [TOKEN]: "2020-01-01T00:00:02Z" }, "Allow"],
    ["the same instant written as epoch seconds", { [TOKEN]: "1577836801" }, "ImplicitDeny"],
    ["key absent (long-term credentials): the negated operator is true", undefined, "Allow"],
  ]),
  ...rows("Allow + DateGreaterThanEquals", `${DATE} ("Matching at-or-after a specific date and time")`, allowWhen({ DateGreaterThanEquals: { [NOW]: "2030-01-01T00:00:00Z" } }), [
    ["the instant itself", { [NOW]: "2030-01-01T00:00:00Z" }, "Allow"],
    ["one second earlier", { [NOW]: "2029-12-31T23:59:59Z" }, "ImplicitDeny"],
  ]),
  ...rows("Deny + DateLessThanIfExists on aws:TokenIssueTime", `${IF_EXISTS}; ${DATE}`, denyWhen({ DateLessThanIfExists: { [TOKEN]: "2030-01-01T00:00:00Z" } }), [
    ["an old token: denied", { [TOKEN]: "2029-06-01T00:00:00Z" }, "ExplicitDeny"],
    ["a newer token: not denied", { [TOKEN]: "2030-06-01T00:00:00Z" }, "Allow"],
    ["no token time (long-term credentials): IfExists makes the deny apply", undefined, "ExplicitDeny"],
  ]),
  ...rows("Allow + DateLessThan: an instant written with a +02:00 offset", `${DATE} ("W3C implementations of the ISO 8601 date formats")`, allowWhen({ DateLessThan: { [NOW]: "2030-01-01T00:00:00Z" } }), [
    ["01:30+02:00 on new year's day is 23:30 UTC the evening before", { [NOW]: "2030-01-01T01:30:00+02:00" }, "Allow"],
    ["03:00+02:00 on new year's day is 01:00 UTC", { [NOW]: "2030-01-01T03:00:00+02:00" }, "ImplicitDeny"],
  ]),
];

const SOURCE_ARN = "aws:SourceArn";
const ARN = `${OPS}#Conditions_ARN`;
const arns: ConformanceCase[] = [
  // The operators page: "With a StringLike condition, the match succeeds. [...] With an ArnLike condition,
  // which matches elements between colons, the match fails."
  ...rows("the operators page's example: StringLike matches across colons", `${ARN} ("With a StringLike condition, the match succeeds. The first asterisk matches us-east-2:999999999999:store/abc:")`,
    allowWhen({ StringLike: { [SOURCE_ARN]: "arn:aws:someservice:*:111122223333:finance/*" } }), [
      ["arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", { [SOURCE_ARN]: "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt" }, "Allow"],
    ]),
  ...rows("the operators page's example: ArnLike matches each colon-delimited element", `${ARN} ("With an ArnLike condition, which matches elements between colons, the match fails. The first asterisk matches only us-east-2 and fails on 999999999999:store/abc:")`,
    allowWhen({ ArnLike: { [SOURCE_ARN]: "arn:aws:someservice:*:111122223333:finance/*" } }), [
      ["arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", { [SOURCE_ARN]: "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt" }, "ImplicitDeny"],
      ["arn:aws:someservice:us-east-2:111122223333:finance/document.txt", { [SOURCE_ARN]: "arn:aws:someservice:us-east-2:111122223333:finance/document.txt" }, "Allow"],
    ]),
  ...rows("Deny + ArnNotEquals on aws:SourceArn", `${ARN} ("Negated matching for ARN. The ArnNotEquals and ArnNotLike condition operators behave identically")`,
    denyWhen({ ArnNotEquals: { [SOURCE_ARN]: `arn:aws:sns:*:${ACCOUNT}:*` } }), [
      ["a topic of the account: not denied", { [SOURCE_ARN]: `arn:aws:sns:eu-west-1:${ACCOUNT}:alerts` }, "Allow"],
      ["a topic of another account: denied", { [SOURCE_ARN]: "arn:aws:sns:eu-west-1:444455556666:alerts" }, "ExplicitDeny"],
      ["key absent: denied", undefined, "ExplicitDeny"],
    ]),
  ...rows("Allow + ArnLikeIfExists on aws:SourceArn", IF_EXISTS, allowWhen({ ArnLikeIfExists: { [SOURCE_ARN]: `arn:aws:sns:*:${ACCOUNT}:*` } }), [
    ["key absent (a direct call)", undefined, "Allow"],
    ["a topic of another account", { [SOURCE_ARN]: "arn:aws:sns:eu-west-1:444455556666:alerts" }, "ImplicitDeny"],
  ]),
  ...rows("Allow + ArnLike with ? in the account element", `${ARN} ("each can include multi-character match wildcards (*) or single-character match wildcards (?)")`,
    allowWhen({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::11112222333?:user/*" } }), [
      ["alice of 111122223333 (derived aws:PrincipalArn)", undefined, "Allow"],
    ]),
];

const SOURCE_IP = "aws:SourceIp";
const IP = `${OPS}#Conditions_IPAddress`;
const ips: ConformanceCase[] = [
  ...rows("Deny + NotIpAddress with an IPv6 range", `${IP} ("All IP addresses except the specified IP address or range"; "2001:DB8:1234:5678::/64")`,
    denyWhen({ NotIpAddress: { [SOURCE_IP]: ["203.0.113.0/24", "2001:DB8:1234:5678::/64"] } }), [
      ["an IPv6 address inside the /64: not denied", { [SOURCE_IP]: "2001:db8:1234:5678:ffff:ffff:ffff:ffff" }, "Allow"],
      ["an IPv6 address of the next /64: denied", { [SOURCE_IP]: "2001:db8:1234:5679::" }, "ExplicitDeny"],
      ["an IPv4 address in the IPv4 range: not denied", { [SOURCE_IP]: "203.0.113.200" }, "Allow"],
    ]),
  ...rows("Allow + IpAddressIfExists", `${IF_EXISTS}; ${IP} ("The aws:SourceIp key is always present in the request context, except when the requester uses a VPC endpoint")`,
    allowWhen({ IpAddressIfExists: { [SOURCE_IP]: "203.0.113.0/24" } }), [
      ["through a VPC endpoint (key absent)", undefined, "Allow"],
      ["from inside the range", { [SOURCE_IP]: "203.0.113.9" }, "Allow"],
      ["from outside the range", { [SOURCE_IP]: "198.51.100.9" }, "ImplicitDeny"],
    ]),
  ...rows("Allow + IpAddress with a /16", IP, allowWhen({ IpAddress: { [SOURCE_IP]: "10.1.0.0/16" } }), [
    ["10.1.255.255", { [SOURCE_IP]: "10.1.255.255" }, "Allow"],
    ["10.2.0.0", { [SOURCE_IP]: "10.2.0.0" }, "ImplicitDeny"],
  ]),
];

const TRANSPORT = "aws:SecureTransport";
const booleans: ConformanceCase[] = [
  ...rows("Allow + BoolIfExists aws:MultiFactorAuthPresent true", `${IF_EXISTS}; ${OPS}#Conditions_Boolean`,
    allowWhen({ BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }), [
      ["long-term access keys (key absent)", undefined, "Allow"],
      ["MFA false", { "aws:MultiFactorAuthPresent": false }, "ImplicitDeny"],
      ["MFA true", { "aws:MultiFactorAuthPresent": true }, "Allow"],
    ]),
  ...rows("Allow + Bool aws:SecureTransport \"false\" (a Bool that wants false)", `${OPS}#Conditions_Boolean`, allowWhen({ Bool: { [TRANSPORT]: "false" } }), [
    ["plain HTTP", { [TRANSPORT]: false }, "Allow"],
    ["TLS", { [TRANSPORT]: true }, "ImplicitDeny"],
    ["key absent", undefined, "ImplicitDeny"],
  ]),
];

const BLOB = "aws:PrincipalTag/blob";
const binaries: ConformanceCase[] = [
  ...rows("Allow + BinaryEqualsIfExists", `${IF_EXISTS}; ${OPS}#Conditions_BinaryEquals`, allowWhen({ BinaryEqualsIfExists: { [BLOB]: "QmluYXJ5VmFsdWVJbkJhc2U2NA==" } }), [
    ["key absent", undefined, "Allow"],
    ["the same bytes", { [BLOB]: "QmluYXJ5VmFsdWVJbkJhc2U2NA==" }, "Allow"],
    ["other bytes", { [BLOB]: "T3RoZXI=" }, "ImplicitDeny"],
  ]),
];

const TEAM = "aws:PrincipalTag/team";
const strings: ConformanceCase[] = [
  ...rows("Allow + StringNotEquals", `${OPS}#Conditions_String ("Negated matching")`, allowWhen({ StringNotEquals: { [TEAM]: "contractors" } }), [
    ["another value", { [TEAM]: "web" }, "Allow"],
    ["the excluded value", { [TEAM]: "contractors" }, "ImplicitDeny"],
    ["the excluded value in another case is another value", { [TEAM]: "Contractors" }, "Allow"],
    ["key absent: the negated operator is true", undefined, "Allow"],
  ]),
  ...rows("Allow + StringNotLike with several patterns is a NOR", `${OPS}#Conditions_String ("Negated case-sensitive matching. The values can include multi-character match wildcard (*) or a single-character match wildcard (?) anywhere in the string")`,
    allowWhen({ StringNotLike: { [TEAM]: ["temp-*", "guest?"] } }), [
      ["matches neither pattern", { [TEAM]: "web" }, "Allow"],
      ["matches the first", { [TEAM]: "temp-2030" }, "ImplicitDeny"],
      ["matches the second", { [TEAM]: "guest1" }, "ImplicitDeny"],
      ["guest12 is one character too long for guest?", { [TEAM]: "guest12" }, "Allow"],
    ]),
  ...rows("Allow + StringEqualsIgnoreCaseIfExists", IF_EXISTS, allowWhen({ StringEqualsIgnoreCaseIfExists: { [TEAM]: "Web" } }), [
    ["key absent", undefined, "Allow"],
    ["WEB", { [TEAM]: "WEB" }, "Allow"],
    ["api", { [TEAM]: "api" }, "ImplicitDeny"],
  ]),
  ...rows("Allow + StringLike * matches colons and slashes", `${OPS}#Conditions_String ("wildcards (*) [...] anywhere in the string")`,
    allowWhen({ StringLike: { "token.actions.githubusercontent.com:sub": "repo:octo-org/*" } }), [
      ["repo:octo-org/app:ref:refs/heads/main", { "token.actions.githubusercontent.com:sub": "repo:octo-org/app:ref:refs/heads/main" }, "Allow"],
      ["repo:octo-org2/app:ref:refs/heads/main", { "token.actions.githubusercontent.com:sub": "repo:octo-org2/app:ref:refs/heads/main" }, "ImplicitDeny"],
    ]),
];

const TAG_KEYS = "aws:TagKeys";
const sets: ConformanceCase[] = [
  ...rows("Deny + ForAnyValue:StringNotEquals (some request value is outside the list)", `${SETS} ("The condition returns true if any one of the key values in the request matches any one of the condition values"); negated per request value: ${G}reference_policies_condition_examples-multi-valued-context-keys.html`,
    denyWhen({ "ForAnyValue:StringNotEquals": { [TAG_KEYS]: ["env", "team"] } }), [
      ["env and owner: owner is outside, denied", { [TAG_KEYS]: ["env", "owner"] }, "ExplicitDeny"],
      ["env and team: none outside, not denied", { [TAG_KEYS]: ["env", "team"] }, "Allow"],
      ["key absent: ForAnyValue is false", undefined, "Allow"],
    ]),
  ...rows("Deny + ForAllValues:StringNotEquals (every request value is outside the list)", `${SETS} ("The condition returns true if every key value in the request matches at least one value in the policy. It also returns true if there are no keys in the request")`,
    denyWhen({ "ForAllValues:StringNotEquals": { [TAG_KEYS]: ["env", "team"] } }), [
      ["owner and cost: both outside, denied", { [TAG_KEYS]: ["owner", "cost"] }, "ExplicitDeny"],
      ["owner and env: env is listed, not denied", { [TAG_KEYS]: ["owner", "env"] }, "Allow"],
      ["key absent: ForAllValues is true, denied", undefined, "ExplicitDeny"],
    ]),
  ...rows("Allow + ForAllValues:StringEqualsIgnoreCase", SETS, allowWhen({ "ForAllValues:StringEqualsIgnoreCase": { [TAG_KEYS]: ["Env", "Team"] } }), [
    ["env and TEAM", { [TAG_KEYS]: ["env", "TEAM"] }, "Allow"],
    ["env and owner", { [TAG_KEYS]: ["env", "owner"] }, "ImplicitDeny"],
  ]),
  ...rows("Allow + ForAllValues with a key whose one value is an empty string", `${SETS} ("It also returns true if [...] the key values resolve to a null data set, such as an empty string")`,
    allowWhen({ "ForAllValues:StringEquals": { [TAG_KEYS]: ["env"] } }), [
      ["[\"\"]", { [TAG_KEYS]: [""] }, "Allow"],
    ]),
  ...rows("Allow + ForAnyValue with a key whose one value is an empty string", `${SETS} ("For no matching key or a null dataset, the condition returns false")`,
    allowWhen({ "ForAnyValue:StringLike": { [TAG_KEYS]: ["*"] } }), [
      ["[\"\"]", { [TAG_KEYS]: [""] }, "ImplicitDeny"],
      ["[\"env\"]", { [TAG_KEYS]: ["env"] }, "Allow"],
    ]),
  ...rows("Allow + ForAnyValue:StringEqualsIfExists", `${IF_EXISTS}; ${SETS}`, allowWhen({ "ForAnyValue:StringEqualsIfExists": { [TAG_KEYS]: ["env"] } }), [
    ["key absent: IfExists makes it true", undefined, "Allow"],
    ["env among the keys", { [TAG_KEYS]: ["team", "env"] }, "Allow"],
    ["env not among them", { [TAG_KEYS]: ["team"] }, "ImplicitDeny"],
  ]),
  ...rows("ForAnyValue on a single-valued key treats its value as a set of one", `${SETS} ("Using a condition set operator with a single-valued context key can lead to overly permissive policies")`,
    allowWhen({ "ForAnyValue:StringEquals": { [TEAM]: ["web", "api"] } }), [
      ["web", { [TEAM]: "web" }, "Allow"],
      ["db", { [TEAM]: "db" }, "ImplicitDeny"],
      ["key absent", undefined, "ImplicitDeny"],
    ]),
  ...rows("ForAllValues on a single-valued key: a missing key makes an Allow overly permissive", `${SETS} ("Using a condition set operator with a single-valued context key can lead to overly permissive policies"; ForAllValues "also returns true if there are no keys in the request")`,
    allowWhen({ "ForAllValues:StringEquals": { [TEAM]: ["web"] } }), [
      ["web", { [TEAM]: "web" }, "Allow"],
      ["db", { [TEAM]: "db" }, "ImplicitDeny"],
      ["key absent: allowed", undefined, "Allow"],
    ]),
];

const nulls: ConformanceCase[] = [
  ...rows("Null with both true and false listed (OR of the values)", `${OPS}#Conditions_Null; ${G}reference_policies_condition-logic-multiple-context-keys-or-values.html ("evaluated using a logical OR")`,
    allowWhen({ Null: { [TEAM]: ["true", "false"] } }), [
      ["key absent", undefined, "Allow"],
      ["key present", { [TEAM]: "web" }, "Allow"],
    ]),
  ...rows("Null and a string test on the same key are ANDed", `${MISSING_FALSE}; ${OPS}#Conditions_Null`,
    allowWhen({ Null: { [TEAM]: "false" }, StringNotEquals: { [TEAM]: "contractors" } }), [
      ["key absent: Null false fails although StringNotEquals alone would hold", undefined, "ImplicitDeny"],
      ["web", { [TEAM]: "web" }, "Allow"],
    ]),
  ...rows("Deny + StringNotEquals guarded by Null false (deny only when the key is present and different)", `${MISSING_NEGATED}; ${OPS}#Conditions_Null`,
    denyWhen({ Null: { [TEAM]: "false" }, StringNotEquals: { [TEAM]: "web" } }), [
      ["key absent: not denied", undefined, "Allow"],
      ["api: denied", { [TEAM]: "api" }, "ExplicitDeny"],
      ["web: not denied", { [TEAM]: "web" }, "Allow"],
    ]),
];

export const cases: ConformanceCase[] = [...numbers, ...dates, ...arns, ...ips, ...booleans, ...binaries, ...strings, ...sets, ...nulls];
