/**
 * Policy documents that arrive as text: JSON strings in Terraform plans (`jsonencode(...)`,
 * `data.aws_iam_policy_document.x.json`) and URL-encoded JSON in raw IAM API exports
 * (IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html: "The policy document returned in
 * this structure is URL-encoded compliant with RFC 3986").
 */
import { inputError, type InputError } from "../load/errors.js";
import type { LNode } from "../load/located.js";
import type { SourcePos } from "../model/types.js";
import { fromJS, get } from "./lnode.js";

/** The document as a located tree (all nodes at `pos`, where the text was), or an error there. */
export function parsePolicyText(text: string, pos: SourcePos, what: string): { node?: LNode; error?: InputError } {
  const trimmed = text.trim();
  let candidate = trimmed;
  if (/^%7B/i.test(trimmed)) {
    try {
      candidate = decodeURIComponent(trimmed.replace(/\+/g, "%20"));
    } catch {
      return { error: inputError("policy", pos, `${what}: the URL-encoded policy document cannot be decoded`) };
    }
  }
  try {
    const value: unknown = JSON.parse(candidate);
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { error: inputError("policy", pos, `${what}: the policy document is not a JSON object`, "a policy document is a JSON object with Version and Statement") };
    }
    return { node: fromJS(value, pos) };
  } catch (err) {
    return { error: inputError("policy", pos, `${what}: the policy is not valid JSON (${(err as Error).message})`, "a policy document is a JSON object with Version and Statement") };
  }
}

/** A document given either as an object (AWS CLI output) or as text (raw API, Terraform). */
/**
 * An entry of a list of inline policies (`Policies`, `RolePolicyList`, ...): an object with its document
 * under `key`. An entry without one would drop the policy it stands for, so it is an error there.
 */
export function inlineEntryDocument(entry: LNode, key: string, what: string, errors: InputError[]): LNode | undefined {
  const d = get(entry, key);
  if (d === undefined) {
    errors.push(inputError("policy", entry.pos, `${what}: an inline policy entry without its ${key}`, `write each entry as { PolicyName: NAME, ${key}: { Version: "2012-10-17", Statement: [ ... ] } }`));
    return undefined;
  }
  return policyNode(d, what, errors);
}

export function policyNode(node: LNode | undefined, what: string, errors: InputError[]): LNode | undefined {
  if (!node) return undefined;
  if (node.kind === "map") return node;
  if (node.kind === "scalar" && typeof node.value === "string") {
    const r = parsePolicyText(node.value, node.pos, what);
    if (r.error) errors.push(r.error);
    return r.node;
  }
  errors.push(inputError("policy", node.pos, `${what}: expected a policy document (an object or a JSON string)`, 'write { "Version": "2012-10-17", "Statement": [ ... ] }'));
  return undefined;
}
