/**
 * What AssumeRole accepts as session policies (STS/latest/APIReference/API_AssumeRole.html): one
 * inline policy (the `Policy` parameter, a single document of at most 2,048 characters) and up to 10
 * managed policy ARNs (`PolicyArns`). A session given more is one STS refuses to create, so an
 * expectation about it would check a session that cannot exist.
 */
import { inputError, type InputError } from "./errors.js";
import type { LoadedPolicy, SourcePos } from "../model/types.js";

const MAX_MANAGED = 10;
const MAX_INLINE_CHARS = 2048;

export function sessionPolicyLimits(policies: readonly { policy: LoadedPolicy; pos: SourcePos }[]): InputError[] {
  const errors: InputError[] = [];
  const inline = policies.filter((p) => p.policy.origin === "inline" || p.policy.origin === "file");
  const managed = policies.filter((p) => p.policy.origin === "aws-managed" || p.policy.origin === "customer-managed");
  if (inline.length > 1) {
    const first = inline[0]!.pos;
    errors.push(inputError("schema", inline[1]!.pos, `session.policies: a session takes one inline session policy (AssumeRole's Policy parameter), and this is a second one (the first is at line ${first.line})`, "merge the documents into one policy, or pass the others as managed policy ARNs"));
  }
  if (managed.length > MAX_MANAGED) {
    errors.push(inputError("schema", managed[MAX_MANAGED]!.pos, `session.policies: a session takes up to ${MAX_MANAGED} managed session policies (AssumeRole's PolicyArns), and this is number ${MAX_MANAGED + 1}`, "pass at most 10 managed policy ARNs"));
  }
  for (const p of inline) {
    // Without any whitespace the document is as short as it can be sent.
    const chars = JSON.stringify(p.policy.document).length;
    if (chars > MAX_INLINE_CHARS) errors.push(inputError("schema", p.pos, `session.policies: this inline session policy is ${chars} characters without whitespace, above the ${MAX_INLINE_CHARS} AssumeRole accepts`, "shorten the policy, or pass its statements as managed policy ARNs"));
  }
  return errors;
}
