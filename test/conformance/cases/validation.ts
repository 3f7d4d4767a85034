/**
 * Conformance rows for policy validation: documents evaluate() must reject (fail closed: an unreadable
 * policy is an error, never skipped and never read as allow or deny), and the near misses it must accept
 * (an unknown action is a warning only). Messages are the implementer's, so the regexes are loose.
 * Where no AWS page settles a case, the row says "docs silent" and expects the fail-closed error.
 * Quotes are in docs/aws-semantics-elements.md.
 */
import type { Decision, EvaluateInput, PolicyDocument } from "../../../src/types.js";
import type { ConformanceCase } from "../case.js";

const ACCOUNT = "111122223333";
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket";
const OBJECT = `${BUCKET}/report.pdf`;

const G = "IAM/latest/UserGuide/";
const CHECKS = `${G}access-analyzer-reference-policy-checks.html`;
const GRAMMAR = `${G}reference_policies_grammar.html`;
const SILENT = "docs silent; fail closed";

type Statement = Record<string, unknown>;
type Expected = Decision | { throws: RegExp };

const GOOD: Statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
const statementWith = (changes: Statement, without: readonly string[] = []): Statement => {
  const out: Statement = { ...GOOD, ...changes };
  for (const key of without) delete out[key];
  return out;
};

/** The document is cast: these rows feed evaluate() what a YAML or JSON file could hold, not what the type allows. */
const doc = (value: unknown): PolicyDocument => value as PolicyDocument;
const policy = (statement: unknown, version: unknown = "2012-10-17"): PolicyDocument =>
  doc({ Version: version, Statement: statement });

function request(policies: Pick<EvaluateInput, "identityPolicies" | "resourcePolicy">, action = "s3:GetObject"): EvaluateInput {
  return { principal: ALICE, action, resource: OBJECT, resourceAccount: ACCOUNT, ...policies };
}
const identityRow = (name: string, page: string, document: PolicyDocument, expected: Expected, action?: string): ConformanceCase => ({
  name,
  doc: page,
  input: request({ identityPolicies: [document] }, action),
  expected,
});
const bucketRow = (name: string, page: string, document: PolicyDocument, expected: Expected): ConformanceCase => ({
  name,
  doc: page,
  input: request({ resourcePolicy: document }),
  expected,
});
/** A bucket-policy statement that is valid except for what a row changes. */
const grant = (changes: Statement, without: readonly string[] = []): Statement => {
  const out: Statement = { Effect: "Allow", Principal: { AWS: ALICE }, Action: "s3:GetObject", Resource: `${BUCKET}/*`, ...changes };
  for (const key of without) delete out[key];
  return out;
};

const documentShape: ConformanceCase[] = [
  identityRow("Version 2012-10-18 is not a policy language version", `${G}reference_policies_elements_version.html; ${CHECKS} (Invalid version)`, policy([GOOD], "2012-10-18"), { throws: /version/i }),
  identityRow("Version as a number", `${GRAMMAR} (Version is one of two literal strings); ${CHECKS} (Data type mismatch)`, policy([GOOD], 20121017), { throws: /version/i }),
  identityRow("Version with trailing space", `${GRAMMAR} (literal "2012-10-17"); ${SILENT}`, policy([GOOD], "2012-10-17 "), { throws: /version/i }),
  identityRow("Statement as an empty list", `${CHECKS} (Missing statement: "A JSON policy must include a statement"); ${GRAMMAR} ("Arrays can take one or more values")`, policy([]), { throws: /statement/i }),
  identityRow("Statement missing", `${CHECKS} (Missing statement: "A JSON policy must include a statement")`, doc({ Version: "2012-10-17" }), { throws: /statement/i }),
  identityRow("Statement as a string", GRAMMAR, policy("Allow everything"), { throws: /statement/i }),
  identityRow("Statement as a number", GRAMMAR, policy(5), { throws: /statement/i }),
  identityRow("a statement that is a string", GRAMMAR, policy([GOOD, "s3:GetObject"]), { throws: /statement/i }),
  identityRow("a statement that is null", GRAMMAR, policy([GOOD, null]), { throws: /statement/i }),
  identityRow("a statement that is an array", GRAMMAR, policy([[GOOD]]), { throws: /statement/i }),
  identityRow("the policy itself is not an object", `${GRAMMAR}; ${SILENT}`, doc("{\"Version\":\"2012-10-17\"}"), { throws: /polic|document|object/i }),
  identityRow("an unknown top-level element", `${CHECKS} (Invalid policy element: "The policy element is not valid")`, doc({ Version: "2012-10-17", Statement: [GOOD], Comment: "x" }), { throws: /Comment|element|unknown/i }),
  identityRow("an unknown statement element", `${CHECKS} (Invalid policy element)`, policy([statementWith({ Actions: ["s3:PutObject"] })]), { throws: /Actions|element|unknown/i }),
  identityRow("an element name in the wrong case (effect)", `${CHECKS} (Invalid policy element); element-name case is ${SILENT}`, policy([{ effect: "Allow", Action: "s3:GetObject", Resource: "*" }]), { throws: /effect|element|unknown/i }),
  // IAM refuses a Resource whose partition it does not know, the wrong case included: MalformedPolicyDocument,
  // `Partition "AWS" is not valid for resource "arn:AWS:..."` (IAM/latest/UserGuide/reference-arns.html lists the partitions).
  identityRow("Resource in no AWS partition (arn:AWS)", `${G}reference-arns.html; ${SILENT}`, policy([statementWith({ Resource: "arn:AWS:s3:::amzn-s3-demo-bucket/*" })]), { throws: /partition/i }),
  identityRow("Resource partition from an unsubstituted template", `${G}reference-arns.html; ${SILENT}`, policy([statementWith({ Resource: "arn:${ARN_PARTITION}:s3:::amzn-s3-demo-bucket/*" })]), { throws: /partition/i }),
  // IAM/latest/UserGuide/reference_policies_elements_sid.html: "The Sid element supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)."
  identityRow("Sid with a space in an identity policy", `${G}reference_policies_elements_sid.html ("supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)")`, policy([statementWith({ Sid: "Allow reads" })]), { throws: /sid/i }),
  bucketRow("Sid with spaces in a bucket policy (S3's own rules)", `${G}reference_policies_elements_sid.html ("Some AWS services ... have uniqueness requirements")`, policy([grant({ Sid: "Allow reads from alice" })]), "Allow"),
  identityRow("Sid that is not a string", `${GRAMMAR} ("sid_string"); ${SILENT}`, policy([statementWith({ Sid: 5 })]), { throws: /sid/i }),
  identityRow(
    "Id in an identity-based policy",
    `${G}reference_policies_elements_id.html ("ID is allowed in resource-based policies, but not in identity-based policies"; the page's own example contradicts it; fail closed)`,
    doc({ Version: "2012-10-17", Id: "cd3ad3d9-2776-4ef1-a904-4c229d1642ee", Statement: [GOOD] }),
    { throws: /\bId\b|identity/i },
  ),
];

const EFFECT = `${G}reference_policies_elements_effect.html ("Valid values for Effect are Allow and Deny. The Effect value is case sensitive")`;

const effects: ConformanceCase[] = [
  identityRow("Effect allow in lower case", EFFECT, policy([statementWith({ Effect: "allow" })]), { throws: /effect/i }),
  identityRow("Effect DENY in upper case", EFFECT, policy([GOOD, statementWith({ Effect: "DENY", Action: "s3:PutObject" })]), { throws: /effect/i }),
  identityRow("Effect Permit", `${EFFECT}; ${CHECKS} (Invalid effect)`, policy([statementWith({ Effect: "Permit" })]), { throws: /effect/i }),
  identityRow("Effect missing", `${CHECKS} (Missing effect)`, policy([statementWith({}, ["Effect"])]), { throws: /effect/i }),
  identityRow("Effect as a list", `${GRAMMAR} (<effect_block> = "Effect" : ("Allow" | "Deny"))`, policy([statementWith({ Effect: ["Allow"] })]), { throws: /effect/i }),
];

const ACTION = `${G}reference_policies_elements_action.html ("Statements must include either an Action or NotAction element")`;

const actionShape: ConformanceCase[] = [
  identityRow("Action and NotAction together", `${ACTION}; ${CHECKS} (Unsupported element combination)`, policy([statementWith({ NotAction: "s3:PutObject" })]), { throws: /action/i }),
  identityRow("neither Action nor NotAction", `${ACTION}; ${CHECKS} (Missing action)`, policy([statementWith({}, ["Action"])]), { throws: /action/i }),
  identityRow("Action as a number", `${GRAMMAR} (action_string)`, policy([statementWith({ Action: 5 })]), { throws: /action/i }),
  identityRow("Action as an object", GRAMMAR, policy([statementWith({ Action: { s3: "GetObject" } })]), { throws: /action/i }),
  identityRow("an Action list holding a non-string", GRAMMAR, policy([statementWith({ Action: ["s3:GetObject", 7] })]), { throws: /action/i }),
  identityRow("an empty Action list", `${GRAMMAR} ("Arrays can take one or more values")`, policy([statementWith({ Action: [] })]), { throws: /action/i }),
  identityRow("an action without a service prefix", `${GRAMMAR} ("action_string: Consists of a service namespace, a colon, and the name of an action")`, policy([statementWith({ Action: "GetObject" })]), { throws: /action|service|prefix|colon/i }),
];

const RESOURCE = `${G}reference_policies_elements_resource.html ("Statements must include either a Resource or a NotResource element")`;

const resourceShape: ConformanceCase[] = [
  identityRow("Resource and NotResource together", `${RESOURCE}; ${CHECKS} (Unsupported element combination)`, policy([statementWith({ NotResource: `${BUCKET}/secret/*` })]), { throws: /resource/i }),
  identityRow("neither Resource nor NotResource in an identity policy", `${CHECKS} (Missing resource: "Identity-based policies must include a Resource or NotResource element")`, policy([statementWith({}, ["Resource"])]), { throws: /resource/i }),
  identityRow("Resource that is not an ARN", `${GRAMMAR} (resource_string is an ARN); ${CHECKS} (Invalid ARN prefix)`, policy([statementWith({ Resource: "amzn-s3-demo-bucket/*" })]), { throws: /resource|arn/i }),
  identityRow("Resource as a boolean", GRAMMAR, policy([statementWith({ Resource: true })]), { throws: /resource/i }),
  identityRow("a Resource list holding a number", GRAMMAR, policy([statementWith({ Resource: [`${BUCKET}/*`, 7] })]), { throws: /resource/i }),
];

const PRINCIPAL = `${G}reference_policies_elements_principal.html`;

const principalShape: ConformanceCase[] = [
  identityRow("an identity policy with a Principal", `${PRINCIPAL} ("You cannot use the Principal element in an IAM identity-based policy"); ${CHECKS} (Unsupported principal)`, policy([statementWith({ Principal: { AWS: ALICE } })]), { throws: /principal/i }),
  identityRow("an identity policy with a NotPrincipal", `${PRINCIPAL}; ${CHECKS} (Unsupported principal)`, policy([statementWith({ NotPrincipal: { AWS: ALICE } })]), { throws: /principal/i }),
  bucketRow("a bucket policy without a Principal", `${GRAMMAR} ("The principal_block element is required in resource-based policies (for example, in Amazon S3 bucket policies)"); ${CHECKS} (Missing principal)`, policy([grant({}, ["Principal"])]), { throws: /principal/i }),
  bucketRow("Principal and NotPrincipal together", `${CHECKS} (Unsupported element combination: "Principal/NotPrincipal")`, policy([grant({ NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` } })]), { throws: /principal/i }),
  bucketRow("Principal AWS value that is not an ARN or account id", `${GRAMMAR} (principal_id_string); ${CHECKS} (Invalid principal format)`, policy([grant({ Principal: { AWS: "alice" } })]), { throws: /principal|arn/i }),
  bucketRow("Principal AWS ARN with too few parts", `${GRAMMAR} (principal_id_string is an ARN); ${SILENT}`, policy([grant({ Principal: { AWS: "arn:aws:iam::alice" } })]), { throws: /principal|arn/i }),
  bucketRow("Principal AWS account id that is not 12 digits", `${PRINCIPAL} ("the account ARN ... or a shortened form that consists of the AWS: prefix followed by the account ID"); ${SILENT}`, policy([grant({ Principal: { AWS: "12345" } })]), { throws: /principal|account/i }),
  bucketRow("Principal ARN with a partial wildcard", `${GRAMMAR} ("You cannot use it to specify part of a name or ARN"); ${CHECKS} (Unsupported wildcard in principal)`, policy([grant({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/*` } })]), { throws: /wildcard|principal/i }),
  bucketRow("Principal with an unknown key", `${CHECKS} (Invalid principal key: AWS, CanonicalUser, Federated, Service)`, policy([grant({ Principal: { Users: ALICE } })]), { throws: /principal|Users/i }),
  bucketRow('Principal as a string other than "*"', `${GRAMMAR} (<principal_block> = ("Principal" | "NotPrincipal") : ("*" | <principal_map>))`, policy([grant({ Principal: ALICE })]), { throws: /principal/i }),
];

const OPS = `${G}reference_policies_elements_condition_operators.html`;
const withCondition = (condition: unknown): PolicyDocument => policy([statementWith({ Condition: condition })]);

const conditionShape: ConformanceCase[] = [
  identityRow("an unknown condition operator", `${CHECKS} (Invalid condition operator: "The condition operator is not valid")`, withCondition({ StringEqualz: { "aws:PrincipalTag/team": "web" } }), { throws: /operator|StringEqualz/i }),
  identityRow("an unknown set qualifier", `${G}reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAllValues, ForAnyValue); ${CHECKS} (Invalid condition operator)`, withCondition({ "ForSomeValues:StringEquals": { "aws:TagKeys": "env" } }), { throws: /operator|ForSomeValues|qualifier/i }),
  identityRow("NullIfExists", `${OPS}#Conditions_IfExists ("except the Null condition"); ${CHECKS} (Null with if exists)`, withCondition({ NullIfExists: { "aws:TokenIssueTime": "true" } }), { throws: /null|ifexists|operator/i }),
  identityRow("an unknown operator in a Deny is not skipped", `${CHECKS} (Invalid condition operator); fail closed: never read as a non-match`, policy([GOOD, { Effect: "Deny", Action: "s3:GetObject", Resource: "*", Condition: { StringEqualsLoosely: { "aws:PrincipalTag/team": "web" } } }]), { throws: /operator|StringEqualsLoosely/i }),
  identityRow("Condition as a string", `${GRAMMAR} (<condition_block> = "Condition" : { <condition_map> })`, withCondition("aws:SecureTransport"), { throws: /condition/i }),
  identityRow("an operator whose value is not a map of keys", GRAMMAR, withCondition({ StringEquals: "web" }), { throws: /condition|StringEquals/i }),
  identityRow("a condition value that is an object", `${GRAMMAR} (<condition_value> = ("string" | "number" | "Boolean"))`, withCondition({ StringEquals: { "aws:PrincipalTag/team": { is: "web" } } }), { throws: /condition|value/i }),
  identityRow("a condition value that is null", GRAMMAR, withCondition({ StringEquals: { "aws:PrincipalTag/team": null } }), { throws: /condition|value/i }),
  identityRow("a Numeric value that is not a number", `${CHECKS} (Invalid condition data type); evaluation of it is ${SILENT}`, withCondition({ NumericLessThan: { "s3:max-keys": "ten" } }), { throws: /numeric|number|ten/i }),
  identityRow("a Date value that is not a date", `${OPS}#Conditions_Date (ISO 8601 or epoch); ${SILENT}`, withCondition({ DateLessThan: { "aws:CurrentTime": "next tuesday" } }), { throws: /date|next tuesday/i }),
  identityRow("an IpAddress value that is not an address", `${OPS}#Conditions_IPAddress ("The value must be in the standard CIDR format"); ${SILENT}`, withCondition({ IpAddress: { "aws:SourceIp": "999.0.113.0/24" } }), { throws: /ip|address|cidr|999/i }),
  identityRow("a Bool value that is not true or false", `${OPS}#Conditions_Boolean (comparing a key to "true" or "false"); ${SILENT}`, withCondition({ Bool: { "aws:SecureTransport": "yes" } }), { throws: /bool|yes/i }),
  identityRow(
    "one condition key twice in different case under one operator",
    `${CHECKS} (Duplicate keys with different case: "The condition key appears more than once with different capitalization in the same condition block")`,
    withCondition({ StringEquals: { "aws:PrincipalTag/team": "web", "AWS:PrincipalTag/Team": "api" } }),
    { throws: /duplicate|case|team/i },
  ),
  identityRow("a policy variable under a Numeric operator", `${G}reference_policies_variables.html ("You can't use a policy variable with other operators, such as Numeric"); ${CHECKS} (Invalid variable for operator)`, withCondition({ NumericLessThan: { "s3:max-keys": "${aws:PrincipalTag/limit}" } }), { throws: /variable|numeric/i }),
];

const notSkipped: ConformanceCase[] = [
  identityRow("an invalid statement next to a valid allow still rejects the policy", `${GRAMMAR}; fail closed (never skip an unreadable statement)`, policy([GOOD, statementWith({ Effect: "Maybe" })]), { throws: /effect/i }),
  identityRow("an invalid statement that would not match the request still rejects the policy", `${GRAMMAR}; fail closed`, policy([statementWith({ Effect: "Deny", Action: "ec2:*", Resource: 42 })]), { throws: /resource/i }),
  {
    name: "an invalid second identity policy rejects the request even when the first allows",
    doc: `${GRAMMAR}; fail closed`,
    input: request({ identityPolicies: [policy([GOOD]), policy([statementWith({}, ["Effect"])])] }),
    expected: { throws: /effect/i },
  },
  bucketRow("an invalid bucket policy rejects the request", `${GRAMMAR}; fail closed`, policy([grant({ Effect: "allow" })]), { throws: /effect/i }),
];

const INVALID_ACTION = `${CHECKS} (Invalid action: "Invalid actions do not affect the permissions granted by the policy"); spec-format.md section 2 ("An unknown action inside a policy is a warning, not an error")`;

const unknownActions: ConformanceCase[] = [
  identityRow("an unknown action is accepted and grants nothing", INVALID_ACTION, policy([statementWith({ Action: "s3:GetObjekt" })]), "ImplicitDeny"),
  identityRow("an unknown action next to a known one: the known one still applies", INVALID_ACTION, policy([statementWith({ Action: ["s3:GetObjekt", "s3:GetObject"] })]), "Allow"),
  identityRow("an unknown action in a Deny denies nothing", INVALID_ACTION, policy([statementWith({ Action: "s3:*" }), { Effect: "Deny", Action: "s3:GetObjekt", Resource: "*" }]), "Allow"),
  identityRow("an unknown service prefix is accepted and grants nothing", INVALID_ACTION, policy([statementWith({ Action: "nosuchservice:GetObject" })]), "ImplicitDeny"),
  identityRow("an unknown action pattern is accepted and grants nothing", INVALID_ACTION, policy([statementWith({ Action: "s3:Frobnicate*" })]), "ImplicitDeny"),
  identityRow("an unknown action in NotAction excludes nothing", INVALID_ACTION, policy([{ Effect: "Allow", NotAction: "s3:GetObjekt", Resource: "*" }]), "Allow"),
  identityRow(
    "a variable missing its closing brace",
    `${CHECKS} (Missing brace in variable); how IAM reads it is ${SILENT}`,
    policy([statementWith({ Resource: `${BUCKET}/\${aws:username` })]),
    { throws: /variable|brace|\}/i },
  ),
  identityRow(
    "a variable default without single quotes",
    `${CHECKS} (Missing quote in variable: "The policy variable default value must begin and end with a single quote"); ${SILENT}`,
    policy([statementWith({ Resource: `${BUCKET}/\${aws:PrincipalTag/team, company}/*` })]),
    { throws: /variable|quote|default/i },
  ),
  identityRow("a valid policy with the same statement shape is accepted", `${GRAMMAR} (the near miss of the rows above)`, policy([GOOD]), "Allow"),
];

export const cases: ConformanceCase[] = [
  ...documentShape,
  ...effects,
  ...actionShape,
  ...resourceShape,
  ...principalShape,
  ...conditionShape,
  ...notSkipped,
  ...unknownActions,
];
