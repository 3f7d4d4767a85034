import type { ConformanceCase } from "../case.js";
import type { EvaluateInput } from "../../../src/types.js";
import { ACCT, ALICE, BOB, CAROL, OTHER, QUEUE, ROLE, SESSION, allow, aws, policy, row } from "./decision-builders.js";

// NotPrincipal in an Allow statement of a resource policy.
const NOTPRINCIPAL = `IAM/latest/UserGuide/reference_policies_elements_notprincipal.html (2023 text): "We strongly recommend that you do not use NotPrincipal in the same policy statement as "Effect": "Allow". Doing so allows all principals except the one named in the NotPrincipal element"`;
const ANON = `${NOTPRINCIPAL}; "By doing this, you might grant access to anonymous (unauthenticated) users"`;
const CROSS = "IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html: the requester needs its own identity-based allow too";

const allowAllBut = (notPrincipal: unknown) =>
  policy({ Effect: "Allow", NotPrincipal: notPrincipal, Action: "sqs:SendMessage", Resource: QUEUE });
const send = (principal: string, notPrincipal: unknown, rest: Partial<EvaluateInput> = {}): EvaluateInput =>
  ({ principal, action: "sqs:SendMessage", resource: QUEUE, resourcePolicy: allowAllBut(notPrincipal), ...rest });
const OTHER_ROLE_SESSION = `arn:aws:sts::${ACCT}:assumed-role/worker/s1`;

export const cases: ConformanceCase[] = [
  row("the user named in NotPrincipal of an Allow is not allowed by it (no identity policy)", NOTPRINCIPAL, send(BOB, aws(BOB)), "ImplicitDeny"),
  row("another user of the account is allowed by that statement alone", NOTPRINCIPAL, send(ALICE, aws(BOB)), "Allow"),
  row("the named user is still allowed by its own identity policy (same account)", NOTPRINCIPAL, send(BOB, aws(BOB), { identityPolicies: [policy(allow("sqs:SendMessage"))] }), "Allow"),
  row("NotPrincipal naming the account leaves out its users", NOTPRINCIPAL, send(ALICE, aws(ACCT)), "ImplicitDeny"),
  row("NotPrincipal naming a role leaves out its sessions", NOTPRINCIPAL, send(SESSION, aws(ROLE)), "ImplicitDeny"),
  row("NotPrincipal naming a role allows the sessions of other roles", NOTPRINCIPAL, send(OTHER_ROLE_SESSION, aws(ROLE)), "Allow"),
  row("an anonymous caller is allowed by an Allow with NotPrincipal", ANON, send("anonymous", aws(BOB)), "Allow"),
  row("a cross-account caller with its own allow is allowed by it", `${NOTPRINCIPAL}; ${CROSS}`, send(CAROL, aws(BOB), { identityPolicies: [policy(allow("sqs:SendMessage"))] }), "Allow"),
  row("a cross-account caller without its own allow is not", CROSS, send(CAROL, aws(BOB)), "ImplicitDeny"),
  row("a cross-account user named in NotPrincipal is left out even with its own allow", NOTPRINCIPAL, send(CAROL, aws(CAROL, OTHER), { identityPolicies: [policy(allow("sqs:SendMessage"))] }), "ImplicitDeny"),
];
