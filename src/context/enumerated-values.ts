/**
 * Condition keys whose values AWS takes from a fixed list: a request with another value is rejected
 * before it is authorized, so no request AWS decides carries it. A fuzzed or proved request holds one
 * of these values only.
 * - s3:x-amz-acl is a canned ACL (AmazonS3/latest/userguide/acl-overview.html#canned-acl).
 * - s3:x-amz-server-side-encryption is AES256, aws:kms or aws:kms:dsse
 *   (AmazonS3/latest/API/API_PutObject.html, x-amz-server-side-encryption).
 * - sns:Protocol is a subscription protocol (sns/latest/api/API_Subscribe.html, Protocol).
 * - lambda:FunctionUrlAuthType is AWS_IAM or NONE (lambda/latest/api/API_CreateFunctionUrlConfig.html, AuthType).
 * - dynamodb:Select is a Select of Query and Scan (amazondynamodb/latest/APIReference/API_Query.html, Select).
 */
export const ENUMERATED_VALUES: ReadonlyMap<string, readonly string[]> = new Map([
  ["s3:x-amz-acl", ["private", "public-read", "public-read-write", "aws-exec-read", "authenticated-read", "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write"]],
  ["s3:x-amz-server-side-encryption", ["AES256", "aws:kms", "aws:kms:dsse"]],
  ["sns:protocol", ["http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"]],
  ["lambda:functionurlauthtype", ["AWS_IAM", "NONE"]],
  ["dynamodb:select", ["ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"]],
]);
