/**
 * The partitions of AWS (IAM/latest/UserGuide/reference-arns.html: aws, aws-cn, aws-us-gov; the isolated
 * and sovereign ones as the AWS SDKs list them). IAM refuses a policy whose Resource names another
 * (MalformedPolicyDocument: `Partition "aws-xx" is not valid for resource "arn:aws-xx:..."`), and a
 * resource in another cannot exist.
 */
export const AWS_PARTITIONS: ReadonlySet<string> = new Set(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]);

/** Whether `partition`, as written in an ARN, can be one: a known partition or a pattern. */
export function isPartitionOrPattern(partition: string): boolean {
  return AWS_PARTITIONS.has(partition) || /[*?]/.test(partition);
}
