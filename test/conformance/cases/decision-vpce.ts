import type { ConformanceCase } from "../case.js";
import {
  ACCT, ALICE, BOB, BUCKET, CAROL, OBJECT,
  allow, aws, grant, policy, refuse, row, s3Get,
} from "./decision-builders.js";

const VPCE = "vpc/latest/privatelink/vpc-endpoints-access.html";
const NOT_OVERRIDE = `${VPCE}: "An endpoint policy does not override or replace identity-based policies or resource-based policies"; it controls "which AWS principals can use the endpoint"`;

const readBucket = policy(allow("s3:GetObject", `${BUCKET}/*`));
const endpointAllows = (principal: unknown, resource = `${BUCKET}/*`, extra = {}) =>
  policy(grant(principal, "s3:*", resource, extra));
const via = { "aws:SourceVpce": "vpce-0abc" };

export const cases: ConformanceCase[] = [
  row("through an endpoint whose policy allows the bucket", NOT_OVERRIDE,
    s3Get(ALICE, { identityPolicies: [readBucket], vpcEndpointPolicies: [endpointAllows("*")], context: via }), "Allow"),
  row("through an endpoint whose policy allows only another bucket", NOT_OVERRIDE,
    s3Get(ALICE, { identityPolicies: [readBucket], vpcEndpointPolicies: [endpointAllows("*", "arn:aws:s3:::other-bucket/*")], context: via }), "ImplicitDeny"),
  row("explicit deny in the endpoint policy", `${NOT_OVERRIDE}; IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html: explicit deny in any policy`,
    s3Get(ALICE, { identityPolicies: [readBucket], vpcEndpointPolicies: [policy(grant("*", "*"), refuse("*", "s3:GetObject"))], context: via }), "ExplicitDeny"),
  row("endpoint policy allowing everything grants nothing by itself", NOT_OVERRIDE,
    s3Get(ALICE, { vpcEndpointPolicies: [policy(grant("*", "*"))], context: via }), "ImplicitDeny"),
  row("no endpoint in the path (empty list): identity decides", VPCE,
    s3Get(ALICE, { identityPolicies: [readBucket], vpcEndpointPolicies: [] }), "Allow"),
  row("bucket policy naming the user, through an endpoint that allows", NOT_OVERRIDE,
    s3Get(ALICE, { resourcePolicy: policy(grant(aws(ALICE), "s3:GetObject", `${BUCKET}/*`)), vpcEndpointPolicies: [endpointAllows("*")], context: via }), "Allow"),
  row("bucket policy naming the user, through an endpoint that allows only ec2", NOT_OVERRIDE,
    s3Get(ALICE, { resourcePolicy: policy(grant(aws(ALICE), "s3:GetObject", `${BUCKET}/*`)), vpcEndpointPolicies: [policy(grant("*", "ec2:*"))], context: via }), "ImplicitDeny"),
  row("endpoint policy naming one user does not let another user through", NOT_OVERRIDE,
    s3Get(BOB, { identityPolicies: [readBucket], vpcEndpointPolicies: [endpointAllows(aws(ALICE))], context: via }), "ImplicitDeny"),
  row("endpoint policy naming the user lets that user through", NOT_OVERRIDE,
    s3Get(ALICE, { identityPolicies: [readBucket], vpcEndpointPolicies: [endpointAllows(aws(ALICE))], context: via }), "Allow"),
  row("endpoint policy limited to aws:PrincipalAccount 111122223333 stops a caller of another account", NOT_OVERRIDE,
    { principal: CAROL, action: "s3:GetObject", resource: OBJECT, resourceAccount: ACCT, identityPolicies: [readBucket],
      resourcePolicy: policy(grant(aws(CAROL), "s3:GetObject", `${BUCKET}/*`)),
      vpcEndpointPolicies: [endpointAllows("*", "*", { Condition: { StringEquals: { "aws:PrincipalAccount": ACCT } } })], context: via }, "ImplicitDeny"),
  row("endpoint policy limited to aws:PrincipalAccount 111122223333 lets its own user through", NOT_OVERRIDE,
    s3Get(ALICE, { identityPolicies: [readBucket], vpcEndpointPolicies: [endpointAllows("*", "*", { Condition: { StringEquals: { "aws:PrincipalAccount": ACCT } } })], context: via }), "Allow"),
];
