/**
 * ECR repository policies name no Resource: the policy applies to its repository
 * (AmazonECR/latest/userguide/repository-policies.html; the policy text has Principal, Action and
 * Condition only). iam-spec's policy model requires Resource in every statement of a resource
 * policy, so a statement without Resource or NotResource gets the repository ARN, as AWS reads it.
 */
import type { LNode } from "../load/located.js";
import { lmap, lscalar, lseq } from "./lnode.js";

function withResource(statement: LNode, arn: string): LNode {
  if (statement.kind !== "map" || statement.entries.has("Resource") || statement.entries.has("NotResource")) return statement;
  return lmap([...[...statement.entries.values()].map((e) => [e.key, e.value, e.keyPos] as const), ["Resource", lscalar(arn, statement.pos)] as const], statement.pos);
}

/**
 * An API Gateway resource policy may name its resources in the abbreviated form `execute-api:/STAGE/METHOD/PATH`
 * (`execute-api:/*` for the whole API), which API Gateway expands to the API's ARN when it saves the
 * policy (apigateway/latest/developerguide/apigateway-resource-policies-examples.html;
 * openapi-extensions-policy.html): so does iam-spec, for a policy keyed by the API's ARN.
 */
const EXECUTE_API = /^(arn:[^:]+:execute-api:[^:]+:\d{12}:[^/*]+)/;

function withExpandedShorthand(statement: LNode, api: string): LNode {
  if (statement.kind !== "map") return statement;
  const expand = (n: LNode): LNode =>
    n.kind === "scalar" && typeof n.value === "string" && n.value.startsWith("execute-api:/") ? lscalar(api + n.value.slice("execute-api:".length), n.pos) : n;
  return lmap(
    [...statement.entries.values()].map((e) => {
      if (e.key !== "Resource" && e.key !== "NotResource") return [e.key, e.value, e.keyPos] as const;
      return [e.key, e.value.kind === "seq" ? lseq(e.value.items.map(expand), e.value.pos) : expand(e.value), e.keyPos] as const;
    }),
    statement.pos,
  );
}

/** Whether a resource's policy is read with its ARN: an ECR repository's (no Resource) or an API's (the shorthand). */
export function readsOwnArn(arn: string): boolean {
  return ECR_REPOSITORY.test(arn) || EXECUTE_API.test(arn);
}

/** A private or public ECR repository (arn:aws:ecr:REGION:ACCOUNT:repository/NAME, ecr-public has no region). */
const ECR_REPOSITORY = /^arn:[^:]+:ecr(-public)?:[^:]*:\d{12}:repository\/[^*]+$/;

export function withImpliedResource(doc: LNode, arn: string): LNode {
  if (doc.kind !== "map") return doc;
  const st = doc.entries.get("Statement");
  if (!st) return doc;
  const api = EXECUTE_API.exec(arn)?.[1];
  const one = (s: LNode) => (api !== undefined ? withExpandedShorthand(s, api) : withResource(s, arn));
  const value = st.value.kind === "seq" ? lseq(st.value.items.map(one), st.value.pos) : one(st.value);
  return lmap([...doc.entries.values()].map((e) => [e.key, e.key === "Statement" ? value : e.value, e.keyPos] as const), doc.pos);
}
