/**
 * Service trust with session tags and source identity (IAM Roles Anywhere), and IAM actions on another
 * account's identities (IAM has no resource-based policy but the role trust policy).
 */
import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import { ACCT, ALICE, OTHER, allow, policy, row } from "./decision-builders.js";

const ANYWHERE = "rolesanywhere/latest/userguide/trust-model.html";
const CROSS = "IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html (\"the resource-based policy in AccountB must allow the requester in AccountA to access the resource\")";
const IAM_SERVICES = "IAM/latest/UserGuide/reference_aws-services-that-work-with-iam.html (IAM: resource-based policies only for role trust)";

const ANCHOR = `arn:aws:rolesanywhere:us-east-1:${ACCT}:trust-anchor/4579702c-9abb-47c2-88b2-c734e0b1e8c3`;
const OTHER_ANCHOR = `arn:aws:rolesanywhere:us-east-1:${OTHER}:trust-anchor/0c1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8`;
const WORKLOAD_ROLE = `arn:aws:iam::${ACCT}:role/on-prem-workload`;
/** The trust policy Roles Anywhere asks for: the service, its three actions, limited to one trust anchor. */
const anywhereTrust = policy({
  Effect: "Allow",
  Principal: { Service: "rolesanywhere.amazonaws.com" },
  Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
  Condition: { ArnEquals: { "aws:SourceArn": [ANCHOR] } },
});
const byService = (action: string, sourceArn: string): EvaluateInput =>
  ({ principal: "rolesanywhere.amazonaws.com", action, resource: WORKLOAD_ROLE, resourcePolicy: anywhereTrust, context: { "aws:SourceArn": sourceArn } });
const TRUST = `${ANYWHERE} (the role trust policy names rolesanywhere.amazonaws.com for sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity, conditioned on aws:SourceArn)`;

const GET_USER = (principal: string, resource: string): EvaluateInput =>
  ({ principal, action: "iam:GetUser", resource, identityPolicies: [policy(allow("*"))] });

export const cases: ConformanceCase[] = [
  row("Roles Anywhere: the service assumes the role for the named trust anchor", TRUST, byService("sts:AssumeRole", ANCHOR), "Allow"),
  row("Roles Anywhere: the service tags the session (sts:TagSession in the trust)", TRUST, byService("sts:TagSession", ANCHOR), "Allow"),
  row("Roles Anywhere: the service sets the source identity (sts:SetSourceIdentity in the trust)", TRUST, byService("sts:SetSourceIdentity", ANCHOR), "Allow"),
  row("Roles Anywhere: another account's trust anchor", `${TRUST}; IAM/latest/UserGuide/confused-deputy.html`, byService("sts:AssumeRole", OTHER_ANCHOR), "ImplicitDeny"),
  row("Roles Anywhere: another service is not named", TRUST,
    { principal: "ec2.amazonaws.com", action: "sts:AssumeRole", resource: WORKLOAD_ROLE, resourcePolicy: anywhereTrust, context: { "aws:SourceArn": ANCHOR } }, "ImplicitDeny"),
  row("IAM across accounts: an administrator cannot read a user of another account", `${CROSS}; ${IAM_SERVICES}`, GET_USER(ALICE, `arn:aws:iam::${OTHER}:user/carol`), "ImplicitDeny"),
  row("IAM across accounts: the same administrator reads a user of its own account", IAM_SERVICES, GET_USER(ALICE, `arn:aws:iam::${ACCT}:user/bob`), "Allow"),
];
