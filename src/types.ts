/**
 * Public types of the evaluator (contract section 7 of spec-format.md).
 * Hand-written: these describe the library call, not a file format, so they are not schema-generated.
 */

import type { Assumptions, PointId } from "./evaluator/readings.js";

export type { Assumptions, PointId } from "./evaluator/readings.js";

/** The three outcomes AWS documents for an authorization request. */
export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

export type ContextScalar = string | number | boolean;
/** A request context value: a scalar, a list (multi-valued key) or null (the key is absent). */
export type ContextValue = ContextScalar | readonly ContextScalar[] | null;
export type RequestContextInput = Readonly<Record<string, ContextValue | undefined>>;

/** A raw IAM policy document as it appears in JSON (loosely typed: validation is the parser's job). */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: unknown;
  [key: string]: unknown;
}

/** Where a policy came from, for explanations and error messages. */
export interface PolicySource {
  /** A name shown to users: a file path, a managed policy ARN, "inline policy 2 of role/deploy". */
  name: string;
  file?: string;
  /** 1-based line of each statement in `file`, by statement index, where known. */
  statementLines?: readonly (number | undefined)[];
  statementColumns?: readonly (number | undefined)[];
}

/** The kinds of policy AWS evaluates; they differ in which elements they allow. */
export type PolicyType =
  | "identity"
  | "resource"
  | "trust"
  | "boundary"
  | "session"
  | "scp"
  | "rcp"
  | "vpce";

export interface EvaluateInput {
  /** ARN (user, role session, account root, federated provider), service principal name, or "anonymous". */
  principal: string;
  action: string;
  resource: string;
  /** Owner of the resource, where the ARN does not say (S3, for instance). */
  resourceAccount?: string;
  context?: RequestContextInput;
  identityPolicies?: readonly PolicyLike[];
  resourcePolicy?: PolicyLike;
  permissionsBoundary?: PolicyLike;
  sessionPolicies?: readonly PolicyLike[];
  vpcEndpointPolicies?: readonly PolicyLike[];
  /** One list of documents per level, root first (root, OUs..., account). Empty: no organization. */
  scps?: readonly (readonly PolicyLike[])[];
  rcps?: readonly (readonly PolicyLike[])[];
  /**
   * Extension: the organization's management account. SCPs do not restrict its principals and RCPs do
   * not restrict its resources (organizations/latest/userguide/orgs_manage_policies_scps.html, _rcps.html).
   */
  managementAccount?: string;
  /**
   * Extension: the reading of each point the AWS docs leave open (ids and readings in
   * docs/aws-semantics-decision.md §13). Points left out take their documented default reading, and
   * the result says which of them would change the answer (`undetermined`).
   */
  assumptions?: Assumptions;
  /**
   * Extension: the request is made through an S3 access point (`resource` is the access point's ARN,
   * or ARN/object/KEY). The bucket behind it must permit the request too
   * (AmazonS3/latest/userguide/access-points-policies.html); see src/evaluator/access-point.ts.
   */
  accessPoint?: AccessPointRequest;
}

/** The request as the bucket behind an access point sees it (EvaluateInput.accessPoint). */
export interface AccessPointRequest {
  /** arn:aws:s3:::BUCKET (bucket operations, s3:ListBucket) or arn:aws:s3:::BUCKET/KEY (objects). */
  bucketResource: string;
  /** The bucket's owner (S3 ARNs name none). Default: the access point's account. */
  bucketAccount?: string;
  bucketPolicy?: PolicyLike;
  /** RCPs of the bucket's account, by level. Default: `rcps` of the request. */
  bucketRcps?: readonly (readonly PolicyLike[])[];
  /** The bucket side's context (its resource keys). Default: `context` of the request. */
  bucketContext?: RequestContextInput;
}

/** A policy given to evaluate(): a raw document, or one compiled with compilePolicy() (faster, with a source). */
export type PolicyLike = PolicyDocument | CompiledPolicyHandle;

/** Opaque handle returned by compilePolicy(). */
export interface CompiledPolicyHandle {
  readonly __compiled: true;
  readonly type: PolicyType;
  readonly source: PolicySource;
}

export interface StatementRef {
  policyType: PolicyType;
  policy: string;
  statementIndex: number;
  sid?: string;
  effect: "Allow" | "Deny";
  file?: string;
  line?: number;
  column?: number;
  /** For SCPs and RCPs: the level of the organization tree, 1 = root, then OUs, then the account. */
  level?: number;
}

export interface EvaluateResult {
  decision: Decision;
  /**
   * Extension: the open points (ids of docs/aws-semantics-decision.md §13) that `assumptions` leaves to
   * their default reading and whose other reading would change whether the request is allowed.
   * Absent when the answer holds under every reading.
   */
  undetermined?: readonly PointId[];
}

/** Per policy type: did it apply, and what did it say. */
export interface PolicyTypeOutcome {
  type: PolicyType;
  /** "allow": an Allow statement matched; "deny": an explicit Deny matched; "none": nothing matched. */
  outcome: "allow" | "deny" | "none";
  matched: StatementRef[];
  /** For SCPs and RCPs: the level of the organization tree the policy is attached at (1 = root). */
  level?: number;
}

export interface ExplainedResult extends EvaluateResult {
  /** One sentence on why, e.g. "explicit deny in SCP at level 2". */
  reason: string;
  /** The statements that decided (the explicit denies, or the allows that were needed). */
  deciding: StatementRef[];
  /** What each evaluated policy type said, in evaluation order. */
  policies: PolicyTypeOutcome[];
  /** The reading of each open point the decision went through (point id -> reading). */
  readings: Partial<Record<PointId, string>>;
}
