/**
 * The value of an attribute of a planned resource, or what it will be after apply when that follows
 * from other planned values (IAM ARNs from name and path, S3 ARNs from the bucket name, queue URLs
 * from the queue name, per the Terraform AWS provider's attribute reference of each resource type).
 */
import { createHash } from "node:crypto";
import { get } from "../lnode.js";
import { stackIdFor } from "../runs-as.js";
import { unknownName } from "../unknown.js";
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
    case "aws_lambda_function": {
      const fn = known(r, "function_name");
      if (attr === "function_name" || attr === "id") return fn;
      if (attr === "arn") return fn !== undefined ? `arn:${p}:lambda:${region}:${a}:function:${fn}` : undefined;
      return undefined;
    }
    case "aws_ecr_repository":
      if (name === undefined) return undefined;
      if (attr === "name" || attr === "id") return name;
      if (attr === "arn") return `arn:${p}:ecr:${region}:${a}:repository/${name}`;
      if (attr === "repository_url") return `${a}.dkr.ecr.${region}.amazonaws.com/${name}`;
      return undefined;
    // registry.terraform.io aws_codebuild_project, aws_sagemaker_notebook_instance, aws_glue_dev_endpoint:
    // `arn` of the project, notebook instance, development endpoint named `name`.
    case "aws_codebuild_project":
      if (attr === "arn" && name !== undefined) return `arn:${p}:codebuild:${region}:${a}:project/${name}`;
      return undefined;
    case "aws_sagemaker_notebook_instance":
      if (attr === "id" || attr === "name") return name;
      if (attr === "arn" && name !== undefined) return `arn:${p}:sagemaker:${region}:${a}:notebook-instance/${name}`;
      return undefined;
    case "aws_glue_dev_endpoint":
      if (attr === "id" || attr === "name") return name;
      if (attr === "arn" && name !== undefined) return `arn:${p}:glue:${region}:${a}:devEndpoint/${name}`;
      return undefined;
    // aws_cloudformation_stack: `id` is the stack's ARN (stack/NAME/ID), its ID assigned at creation:
    // a stable stand-in (../runs-as.ts stackIdFor).
    case "aws_cloudformation_stack":
      if (attr === "id" && name !== undefined) return `arn:${p}:cloudformation:${region}:${a}:stack/${name}/${stackIdFor(a, region, r.address)}`;
      return undefined;
    case "aws_secretsmanager_secret":
      // AWS appends six random characters to the name: the ARN is a placeholder (the secret's own
      // mapper lists it as known only after apply).
      if (attr === "arn" || attr === "id") return secretPlaceholderArn(env, r);
      return undefined;
    case "aws_vpc_endpoint":
      if (attr === "id") return vpcEndpointPlaceholderId(env, r);
      return undefined;
    case "aws_organizations_policy":
      // The id is assigned by AWS; attachments only need to find the policy, so its address stands in.
      if (attr === "id") return `terraform:${r.address}`;
      return undefined;
    default:
      return undefined;
  }
}

/** arn:...:secret:known-after-apply-ADDRESS (isUnknownName holds for it). */
export function secretPlaceholderArn(env: PlanEnv, r: PlanResource): string {
  return `arn:${env.partition}:secretsmanager:${env.region}:${env.account}:secret:${unknownName(r.address)}`;
}

/**
 * A VPC endpoint id known only after apply: "vpce-" + 17 hex characters derived from account, region
 * and resource address (the form of the CloudFormation stand-in), so a spec can name it.
 */
export function vpcEndpointPlaceholderId(env: PlanEnv, r: PlanResource): string {
  return `vpce-${createHash("sha256").update(`${env.account}/${env.region}/${r.address}`).digest("hex").slice(0, 17)}`;
}
