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

export function withImpliedResource(doc: LNode, arn: string): LNode {
  if (doc.kind !== "map") return doc;
  const st = doc.entries.get("Statement");
  if (!st) return doc;
  const value = st.value.kind === "seq" ? lseq(st.value.items.map((s) => withResource(s, arn)), st.value.pos) : withResource(st.value, arn);
  return lmap([...doc.entries.values()].map((e) => [e.key, e.key === "Statement" ? value : e.value, e.keyPos] as const), doc.pos);
}
