import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import { ACCT, ALICE, BUCKET, grant, policy, refuse, row } from "./decision-builders.js";

// aws:PrincipalServiceNamesList: multivalued, set for service principals.
const KEY = `IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalservicenameslist: "This key provides a list of all service principal names that belong to the service" (multivalued; "This key is present in the request when the call is made by an AWS service principal")`;

const names = (op: string, services: string[]) => ({ [op]: { "aws:PrincipalServiceNamesList": services } });
const put = (principal: string, resourcePolicy: ReturnType<typeof policy>): EvaluateInput =>
  ({ principal, action: "s3:PutObject", resource: `${BUCKET}/AWSLogs/x.gz`, resourceAccount: ACCT, resourcePolicy });
const logsBucket = policy(grant("*", "s3:PutObject", `${BUCKET}/*`, { Condition: names("ForAnyValue:StringEquals", ["cloudtrail.amazonaws.com", "delivery.logs.amazonaws.com"]) }));

export const cases: ConformanceCase[] = [
  row("ForAnyValue:StringEquals on aws:PrincipalServiceNamesList matches the calling service", KEY, put("cloudtrail.amazonaws.com", logsBucket), "Allow"),
  row("another service is not in the list", KEY, put("config.amazonaws.com", logsBucket), "ImplicitDeny"),
  row("an IAM user has no service names: ForAnyValue on the absent key does not match", `${KEY}; IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAnyValue on a missing key is false)`, put(ALICE, logsBucket), "ImplicitDeny"),
  row("a Deny on the service's name in the list applies to it", KEY,
    put("cloudtrail.amazonaws.com", policy(grant({ Service: "cloudtrail.amazonaws.com" }, "s3:PutObject", `${BUCKET}/*`), refuse("*", "s3:PutObject", `${BUCKET}/*`, { Condition: names("ForAnyValue:StringLike", ["cloudtrail.*"]) }))), "ExplicitDeny"),
];
