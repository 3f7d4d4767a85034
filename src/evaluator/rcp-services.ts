/**
 * Services whose resources RCPs govern (organizations/latest/userguide/orgs_manage_policies_rcps.html,
 * "List of AWS services that support RCPs", as read 2026-09; see docs/aws-semantics-decision.md §6).
 * For any other service an RCP has no effect.
 */
export const RCP_SERVICES: ReadonlySet<string> = new Set([
  "appstream", "dsql", "clouddirectory", "cloudfront", "cloudsearch", "logs", "networkmonitor",
  "cognito-identity", "cognito-idp", "comprehend", "comprehendmedical", "firehose", "dynamodb", "dax",
  "autoscaling", "ecr", "ecr-public", "gamelift", "inspector-scan", "kendra", "kinesisvideo", "memorydb",
  "aoss", "personalize", "polly", "s3", "swf", "sqs", "textract", "timestream-influxdb", "transcribe",
  "translate", "workspaces", "appconfig", "autoscaling-plans", "budgets", "servicediscovery",
  "cloudtrail-data", "codeartifact", "codebuild", "codecommit", "codepipeline", "compute-optimizer",
  "cost-optimization-hub", "events", "fms", "fis", "health", "rolesanywhere", "kms", "opensearch", "pricing",
  "pca-connector-ad", "resource-groups", "secretsmanager", "sts", "signin", "support", "transfer",
  "notifications", "wafv2", "xray",
]);
