/**
 * What AssumeRole accepts as session policies (STS/latest/APIReference/API_AssumeRole.html): one
 * inline policy (the `Policy` parameter, a single document of at most 2,048 characters) and up to 10
 * managed policy ARNs (`PolicyArns`). A session given more is one STS refuses to create. The contract
 * takes `session.policies` as a list of policy references, so such a spec is valid: a warning at the
 * policy, and the expectation is checked with every listed policy as the session's (what STS would
 * apply to the same statements merged into one document).
 */
import { inputWarning, type InputError } from "./errors.js";
import type { LoadedPolicy, SourcePos } from "../model/types.js";

const MAX_MANAGED = 10;
const MAX_INLINE_CHARS = 2048;

/** Warnings for session policies beyond what AssumeRole accepts. */
export function sessionPolicyLimits(policies: readonly { policy: LoadedPolicy; pos: SourcePos }[]): InputError[] {
  const errors: InputError[] = [];
  const inline = policies.filter((p) => p.policy.origin === "inline" || p.policy.origin === "file");
  const managed = policies.filter((p) => p.policy.origin === "aws-managed" || p.policy.origin === "customer-managed");
  if (inline.length > 1) {
    const first = inline[0]!.pos;
    errors.push(inputWarning("schema", inline[1]!.pos, `session.policies: AssumeRole takes one inline session policy (its Policy parameter), and this is a second one (the first is at line ${first.line}); they are checked together, as one document`, "merge the documents into one policy, or pass the others as managed policy ARNs"));
  }
  if (managed.length > MAX_MANAGED) {
    errors.push(inputWarning("schema", managed[MAX_MANAGED]!.pos, `session.policies: AssumeRole takes up to ${MAX_MANAGED} managed session policies (its PolicyArns), and this is number ${MAX_MANAGED + 1}; all are checked`, "pass at most 10 managed policy ARNs"));
  }
  for (const p of inline) {
    // Without any whitespace the document is as short as it can be sent.
    const chars = JSON.stringify(p.policy.document).length;
    if (chars > MAX_INLINE_CHARS) errors.push(inputWarning("schema", p.pos, `session.policies: this inline session policy is ${chars} characters without whitespace, above the ${MAX_INLINE_CHARS} AssumeRole accepts; it is checked as written`, "shorten the policy, or pass its statements as managed policy ARNs"));
  }
  return errors;
}
