/**
 * The value of an attribute of a planned resource, or what it will be after apply when that follows
 * from other planned values (IAM ARNs from name and path, S3 ARNs from the bucket name, queue URLs
 * from the queue name, per the Terraform AWS provider's attribute reference of each resource type).
 */
import { get } from "../lnode.js";
import { isUnknown, type PlanResource } from "./plan.js";

export interface PlanEnv {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
}

function known(r: PlanResource, attr: string): string | undefined {
  if (isUnknown(r, attr)) return undefined;
  const n = get(r.values, attr);
  return n?.kind === "scalar" && n.value !== null && n.value !== "" ? String(n.value) : undefined;
}

/** The attribute, planned or derived; undefined when it is known only after apply. */
export function attribute(env: PlanEnv, r: PlanResource, attr: string): string | undefined {
  const direct = known(r, attr);
  if (direct !== undefined) return direct;
  const { account: a, region, partition: p } = env;
  const name = known(r, "name");
  const path = (known(r, "path") ?? "/").replace(/^\//, "");
  const iam = (kind: string) => (name !== undefined ? `arn:${p}:iam::${a}:${kind}/${path}${name}` : undefined);
  switch (r.type) {
    case "aws_iam_role":
    case "aws_iam_user":
    case "aws_iam_group": {
      const kind = r.type.slice("aws_iam_".length);
      if (attr === "name" || attr === "id") return name;
      if (attr === "arn") return iam(kind);
      return undefined;
    }
    case "aws_iam_policy":
      if (attr === "arn" || attr === "id" || attr === "policy_arn") return iam("policy");
      return undefined;
    case "aws_s3_bucket": {
      const b = known(r, "bucket");
      if (attr === "id" || attr === "bucket") return b;
      if (attr === "arn") return b !== undefined ? `arn:${p}:s3:::${b}` : undefined;
      return undefined;
    }
    case "aws_sqs_queue":
      if (name === undefined) return undefined;
      if (attr === "id" || attr === "url") return `https://sqs.${region}.amazonaws.com/${a}/${name}`;
      if (attr === "arn") return `arn:${p}:sqs:${region}:${a}:${name}`;
      return undefined;
    case "aws_sns_topic":
      if ((attr === "arn" || attr === "id") && name !== undefined) return `arn:${p}:sns:${region}:${a}:${name}`;
      return undefined;
    case "aws_organizations_policy":
      // The id is assigned by AWS; attachments only need to find the policy, so its address stands in.
      if (attr === "id") return `terraform:${r.address}`;
      return undefined;
    default:
      return undefined;
  }
}
