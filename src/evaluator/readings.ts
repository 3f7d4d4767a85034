/**
 * Points where the AWS documentation does not settle a rule that can decide a request, and facts an
 * input may leave open. Each has a stable id and a closed set of readings; the evaluator decides under
 * one reading per point (a plain input, never global state), and evaluate() reports a point as
 * undetermined when another reading would change whether the request is allowed.
 * The AWS text that leaves each point open is quoted in docs/aws-semantics-decision.md §13.
 */

export const POINTS = {
  /**
   * A resource-policy grant to `Principal: "*"` (or an Allow with NotPrincipal) for an IAM user or role
   * session of the resource's own account: the evaluation-logic page says what a grant to a user ARN,
   * a role ARN and a session ARN does against a permissions boundary or session policy
   * (IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html), and is
   * silent on "*". `limited`: limited like a role-ARN grant; `not-limited`: like a grant naming the caller.
   */
  "principal-star-boundary": { readings: ["limited", "not-limited"], default: "limited" },
  /**
   * An SCP level that holds no policy at all. AWS never has one ("every entity has at least one SCP":
   * organizations/latest/userguide/orgs_manage_policies_scps.html) and does not say what it would mean.
   * `deny`: a level with no Allow denies; `ignore`: the level restricts nothing.
   */
  "empty-scp-level": { readings: ["deny", "ignore"], default: "deny" },
  /**
   * The owner of an S3 bucket that neither `resourceAccount` nor the environment names (S3 ARNs carry
   * no account: IAM/latest/UserGuide/reference-arns.html). `caller`: the caller's account (the
   * IAM policy simulator's assumption); `outside`: an account that is not the caller's.
   */
  "unlisted-bucket-owner": { readings: ["caller", "outside"], default: "caller" },
  /**
   * The kind of the VPC endpoint a request came through, where the input does not say. It decides
   * what an account in the endpoint policy's Principal means: for a gateway endpoint (S3, DynamoDB)
   * "access is granted to the AWS account root user only, not all users and roles for the account"
   * (vpc/latest/privatelink/vpc-endpoints-access.html, Principals for gateway endpoints); for an
   * interface endpoint the account's principals, as everywhere else.
   */
  "vpce-endpoint-type": { readings: ["interface", "gateway"], default: "interface" },
  /**
   * A fact the environment leaves open, not a rule: which versions a customer managed policy has
   * besides its default one, when the environment gives only the default document (no `versions:`).
   * IAM stores up to five versions of a customer managed policy and iam:SetDefaultPolicyVersion makes any of
   * them the operative one (IAM/latest/UserGuide/access_policies_managed-versioning.html,
   * IAM/latest/APIReference/API_SetDefaultPolicyVersion.html). `declared-only`: only the versions the
   * environment lists exist; `any`: an undeclared version may exist and allow anything. Only the
   * principal graph reads it (src/escalation/edges/set-default-version.ts); no single request does.
   */
  "policy-versions": { readings: ["declared-only", "any"], default: "declared-only" },
  /**
   * A fact the environment leaves open: whether a Lambda function it lists with `role:` is invoked by
   * something other than the caller (an event source mapping, an S3 or EventBridge trigger, a schedule,
   * another principal). Replaced code then runs with the function's execution role without the caller's
   * lambda:InvokeFunction (lambda/latest/dg/lambda-services.html: "Some AWS services can directly invoke
   * Lambda functions using triggers"; lambda/latest/api/API_UpdateFunctionCode.html). `none`: only the caller's
   * own invocation runs it; `any`: something else may invoke it. Only the principal graph reads it.
   */
  "function-triggers": { readings: ["none", "any"], default: "none" },
  /**
   * The value of iam:PassedToService when a caller passes a job role to AWS Batch (a job definition's
   * jobRoleArn: batch/latest/APIReference/API_RegisterJobDefinition.html). The Batch guide asks for
   * iam:PassRole on the role (batch/latest/userguide/iam-example-job-def.html) and names no service; the
   * role is an ECS task role (trusted by ecs-tasks.amazonaws.com), and Batch's own service-linked role
   * passes roles to ecs-tasks.amazonaws.com (aws-managed-policy/latest/reference/BatchServiceRolePolicy.html).
   * `ecs-tasks.amazonaws.com` or `batch.amazonaws.com`. Only the principal graph reads it.
   */
  "batch-passed-to-service": { readings: ["ecs-tasks.amazonaws.com", "batch.amazonaws.com"], default: "ecs-tasks.amazonaws.com" },
} as const satisfies Record<string, { readings: readonly string[]; default: string }>;

export type PointId = keyof typeof POINTS;
export type ReadingOf<P extends PointId> = (typeof POINTS)[P]["readings"][number];
/** A chosen reading per point; points left out take their default. */
export type Assumptions = { readonly [P in PointId]?: ReadingOf<P> };

export const POINT_IDS = Object.keys(POINTS) as PointId[];

/** One bit per point, for the set of points a decision consulted. */
export const POINT_BIT: Readonly<Record<PointId, number>> = Object.fromEntries(POINT_IDS.map((id, i) => [id, 1 << i])) as Record<PointId, number>;

/** The readings decide() works under: every point resolved, as plain flags. */
export interface Readings {
  /** principal-star-boundary = not-limited. */
  readonly starNotLimited: boolean;
  /** empty-scp-level = ignore. */
  readonly emptyScpIgnored: boolean;
  /** unlisted-bucket-owner = outside. */
  readonly bucketOutside: boolean;
  /** vpce-endpoint-type = gateway. */
  readonly vpceGateway: boolean;
  /** policy-versions = any (never consulted by decide(): the principal graph reads the environment's choice). */
  readonly undeclaredVersions: boolean;
  /** function-triggers = any (never consulted by decide(), like policy-versions). */
  readonly functionTriggers: boolean;
  /** batch-passed-to-service = batch.amazonaws.com (never consulted by decide(): the principal graph reads it). */
  readonly batchPassedToBatch: boolean;
}

export const DEFAULT_READINGS: Readings = Object.freeze({ starNotLimited: false, emptyScpIgnored: false, bucketOutside: false, vpceGateway: false, undeclaredVersions: false, functionTriggers: false, batchPassedToBatch: false });

/** Checks a caller's `assumptions` (evaluate() input); throws a message that names the point or reading. */
export function checkAssumptions(a: unknown): Assumptions | undefined {
  if (a === undefined) return undefined;
  if (typeof a !== "object" || a === null || Array.isArray(a)) throw new Error("assumptions must be a mapping of point ids to readings");
  for (const [id, reading] of Object.entries(a)) {
    const point = (POINTS as Record<string, { readings: readonly string[] }>)[id];
    if (!point) throw new Error(`assumptions: unknown point "${id}" (known: ${POINT_IDS.join(", ")})`);
    if (reading !== undefined && !point.readings.includes(reading as string)) {
      throw new Error(`assumptions.${id}: unknown reading ${JSON.stringify(reading)} (one of ${point.readings.join(", ")})`);
    }
  }
  return a as Assumptions;
}

export function readingsOf(a: Assumptions | undefined): Readings {
  if (a === undefined) return DEFAULT_READINGS;
  return {
    starNotLimited: (a["principal-star-boundary"] ?? POINTS["principal-star-boundary"].default) === "not-limited",
    emptyScpIgnored: (a["empty-scp-level"] ?? POINTS["empty-scp-level"].default) === "ignore",
    bucketOutside: (a["unlisted-bucket-owner"] ?? POINTS["unlisted-bucket-owner"].default) === "outside",
    vpceGateway: (a["vpce-endpoint-type"] ?? POINTS["vpce-endpoint-type"].default) === "gateway",
    undeclaredVersions: (a["policy-versions"] ?? POINTS["policy-versions"].default) === "any",
    functionTriggers: (a["function-triggers"] ?? POINTS["function-triggers"].default) === "any",
    batchPassedToBatch: (a["batch-passed-to-service"] ?? POINTS["batch-passed-to-service"].default) === "batch.amazonaws.com",
  };
}

/** The reading of `id` that `r` stands for. */
export function readingName(id: PointId, r: Readings): string {
  switch (id) {
    case "principal-star-boundary":
      return r.starNotLimited ? "not-limited" : "limited";
    case "empty-scp-level":
      return r.emptyScpIgnored ? "ignore" : "deny";
    case "unlisted-bucket-owner":
      return r.bucketOutside ? "outside" : "caller";
    case "vpce-endpoint-type":
      return r.vpceGateway ? "gateway" : "interface";
    case "policy-versions":
      return r.undeclaredVersions ? "any" : "declared-only";
    case "function-triggers":
      return r.functionTriggers ? "any" : "none";
    case "batch-passed-to-service":
      return r.batchPassedToBatch ? "batch.amazonaws.com" : "ecs-tasks.amazonaws.com";
  }
}

/** `r` with the points of `mask` switched to their other reading (every point has two). */
export function flipped(r: Readings, mask: number): Readings {
  return {
    starNotLimited: mask & POINT_BIT["principal-star-boundary"] ? !r.starNotLimited : r.starNotLimited,
    emptyScpIgnored: mask & POINT_BIT["empty-scp-level"] ? !r.emptyScpIgnored : r.emptyScpIgnored,
    bucketOutside: mask & POINT_BIT["unlisted-bucket-owner"] ? !r.bucketOutside : r.bucketOutside,
    vpceGateway: mask & POINT_BIT["vpce-endpoint-type"] ? !r.vpceGateway : r.vpceGateway,
    undeclaredVersions: mask & POINT_BIT["policy-versions"] ? !r.undeclaredVersions : r.undeclaredVersions,
    functionTriggers: mask & POINT_BIT["function-triggers"] ? !r.functionTriggers : r.functionTriggers,
    batchPassedToBatch: mask & POINT_BIT["batch-passed-to-service"] ? !r.batchPassedToBatch : r.batchPassedToBatch,
  };
}

export function pointsOf(mask: number): PointId[] {
  return POINT_IDS.filter((id) => mask & POINT_BIT[id]);
}

/** The bits of the points `a` fixes explicitly (those are never undetermined). */
export function fixedMask(a: Assumptions | undefined): number {
  let m = 0;
  if (a) for (const id of POINT_IDS) if (a[id] !== undefined) m |= POINT_BIT[id];
  return m;
}

/** One line on what a point is about, for messages. */
export const POINT_SUMMARY: Readonly<Record<PointId, string>> = {
  "principal-star-boundary": 'whether a resource-policy grant to Principal "*" is limited by a permissions boundary or session policy, on which the AWS docs are silent',
  "empty-scp-level": "what an SCP level with no policy means, which AWS never has",
  "unlisted-bucket-owner": "which account owns an S3 bucket that no account of the environment lists",
  "vpce-endpoint-type": "whether the VPC endpoint is a gateway endpoint, where an account in the endpoint policy's Principal means its root user only",
  "policy-versions": "whether a customer managed policy that the environment gives without `versions:` has other versions, one of which may allow anything",
  "function-triggers": "whether a Lambda function that runs as a role is invoked by something other than the caller (a trigger, a schedule, another principal)",
  "batch-passed-to-service": "the iam:PassedToService value of a job role passed to AWS Batch, which the AWS documentation does not give",
};
