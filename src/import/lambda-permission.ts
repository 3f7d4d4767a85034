/**
 * Lambda permissions (CloudFormation AWS::Lambda::Permission, Terraform aws_lambda_permission) as
 * statements of the function's resource-based policy. Each permission is one AddPermission call, and
 * AWS turns it into one statement of the function policy (lambda/latest/dg/API_AddPermission.html,
 * "This operation adds a statement to a resource-based permissions policy for the function";
 * lambda/latest/dg/access-control-resource-based.html shows the statements `get-policy` returns):
 *
 *   Sid        the statement id (CloudFormation: generated; iam-spec uses the logical ID)
 *   Effect     Allow
 *   Principal  a service principal `x.amazonaws.com` -> { Service: x.amazonaws.com };
 *              an account id -> { AWS: arn:PARTITION:iam::ACCOUNT:root }; an ARN -> { AWS: ARN };
 *              `*` -> "*" (with PrincipalOrgID: every principal of that organization)
 *   Action     the action (lambda:InvokeFunction, ...)
 *   Resource   the function ARN, with the version or alias when the permission names one
 *   Condition  SourceArn -> ArnLike aws:SourceArn; SourceAccount -> StringEquals aws:SourceAccount;
 *              PrincipalOrgID -> StringEquals aws:PrincipalOrgID; FunctionUrlAuthType -> StringEquals
 *              lambda:FunctionUrlAuthType; EventSourceToken -> StringEquals lambda:EventSourceToken;
 *              InvokedViaFunctionUrl -> Bool lambda:InvokedViaFunctionUrl
 *
 * Several permissions on one function are statements of one policy on the function (or qualified) ARN
 * (fragment.ts addStatement).
 */
import { inputError, type InputError } from "../load/errors.js";
import type { LNode } from "../load/located.js";
import type { SourcePos } from "../model/types.js";
import { lmap, lscalar } from "./lnode.js";

/** A string value with the position where the source writes it. */
export interface Located {
  readonly text: string;
  readonly pos: SourcePos;
}

export interface Where {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * FunctionName in any form AddPermission takes (a name, `NAME:QUALIFIER`, a partial ARN
 * `ACCOUNT:function:NAME[:QUALIFIER]` or a function, version or alias ARN) plus an optional separate
 * qualifier -> the ARN the statement's Resource names. An error (at the value) for a malformed name,
 * a function of another account or two different qualifiers.
 */
export function functionArn(fn: Located, qualifier: Located | undefined, where: Where, what: string, errors: InputError[]): string | undefined {
  const t = fn.text;
  let region = where.region;
  let account = where.account;
  let partition = where.partition;
  let rest: string;
  const full = /^arn:([a-z-]+):lambda:([a-z0-9-]+):(\d{12}):function:(.+)$/.exec(t);
  const partial = /^(\d{12}):function:(.+)$/.exec(t);
  if (full) {
    [partition, region, account, rest] = [full[1] as string, full[2] as string, full[3] as string, full[4] as string];
  } else if (partial) {
    [account, rest] = [partial[1] as string, partial[2] as string];
  } else if (t.startsWith("arn:")) {
    errors.push(inputError("reference", fn.pos, `${what}: "${t}" is not a Lambda function ARN`, "arn:aws:lambda:REGION:ACCOUNT:function:NAME[:VERSION or ALIAS]"));
    return undefined;
  } else rest = t;
  const m = /^([A-Za-z0-9_-]{1,140})(?::([A-Za-z0-9$_-]+))?$/.exec(rest);
  if (!m) {
    errors.push(inputError("reference", fn.pos, `${what}: "${t}" is not a Lambda function name or ARN`, "a function name (letters, digits, - and _), NAME:ALIAS, or a function ARN"));
    return undefined;
  }
  if (account !== where.account) {
    errors.push(inputError("reference", fn.pos, `${what}: the function ${t} belongs to account ${account}, not to the import's account ${where.account}`,
      "a permission is added to a function of the account the stack or plan deploys into; describe other accounts' functions by hand"));
    return undefined;
  }
  let q = m[2];
  if (qualifier) {
    if (q !== undefined && q !== qualifier.text) {
      errors.push(inputError("reference", qualifier.pos, `${what}: qualifier ${qualifier.text} differs from the one in the function name (${t})`));
      return undefined;
    }
    q = qualifier.text;
  }
  return `arn:${partition}:lambda:${region}:${account}:function:${m[1]}${q !== undefined ? `:${q}` : ""}`;
}

export interface Permission {
  readonly sid: Located;
  readonly action: Located;
  readonly principal: Located;
  readonly sourceArn?: Located;
  readonly sourceAccount?: Located;
  readonly principalOrgId?: Located;
  readonly functionUrlAuthType?: Located;
  readonly eventSourceToken?: Located;
  readonly invokedViaFunctionUrl?: Located;
}

/** The Principal element AWS writes for AddPermission's Principal, or an error at it. */
function principalNode(p: Located, partition: string, what: string, errors: InputError[]): LNode | undefined {
  const t = p.text;
  if (t === "*") return lscalar("*", p.pos);
  if (/^\d{12}$/.test(t)) return lmap([["AWS", lscalar(`arn:${partition}:iam::${t}:root`, p.pos)]], p.pos);
  if (/^arn:[a-z-]+:(iam|sts)::(\d{12}|aws):/.test(t)) return lmap([["AWS", lscalar(t, p.pos)]], p.pos);
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.(amazonaws\.com(\.cn)?|amazon\.com|aws\.internal)$/.test(t)) return lmap([["Service", lscalar(t, p.pos)]], p.pos);
  errors.push(inputError("policy", p.pos, `${what}: principal "${t}" is not a service principal, an account id, an IAM ARN or "*"`,
    "for example apigateway.amazonaws.com, 111122223333 or arn:aws:iam::111122223333:role/caller"));
  return undefined;
}

/** The statement one permission adds to the policy of `arn`; undefined after an error. */
export function permissionStatement(p: Permission, arn: string, resourcePos: SourcePos, partition: string, what: string, errors: InputError[]): LNode | undefined {
  const principal = principalNode(p.principal, partition, what, errors);
  if (!principal) return undefined;
  if (!/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(p.action.text)) {
    errors.push(inputError("policy", p.action.pos, `${what}: "${p.action.text}" is not an action`, "for example lambda:InvokeFunction"));
    return undefined;
  }
  const ops = new Map<string, [string, LNode, SourcePos][]>();
  const cond = (op: string, key: string, v: Located | undefined) => {
    if (!v) return;
    const list = ops.get(op) ?? [];
    list.push([key, lscalar(v.text, v.pos), v.pos]);
    ops.set(op, list);
  };
  cond("ArnLike", "aws:SourceArn", p.sourceArn);
  cond("StringEquals", "aws:SourceAccount", p.sourceAccount);
  cond("StringEquals", "aws:PrincipalOrgID", p.principalOrgId);
  cond("StringEquals", "lambda:FunctionUrlAuthType", p.functionUrlAuthType);
  cond("StringEquals", "lambda:EventSourceToken", p.eventSourceToken);
  cond("Bool", "lambda:InvokedViaFunctionUrl", p.invokedViaFunctionUrl);
  const entries: [string, LNode, SourcePos?][] = [
    ["Sid", lscalar(p.sid.text, p.sid.pos)],
    ["Effect", lscalar("Allow", p.sid.pos)],
    ["Principal", principal],
    ["Action", lscalar(p.action.text, p.action.pos)],
    ["Resource", lscalar(arn, resourcePos)],
  ];
  if (ops.size > 0) entries.push(["Condition", lmap([...ops].map(([op, keys]) => [op, lmap(keys, keys[0]![2]), keys[0]![2]] as const), p.sid.pos)]);
  return lmap(entries, p.sid.pos);
}
