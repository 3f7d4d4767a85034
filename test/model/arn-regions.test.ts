/**
 * The Region field of an `on` or `resources` ARN: a Region of any partition AWS has (the AWS SDKs'
 * partition data: us-gov-west-1 of aws-us-gov, cn-north-1 of aws-cn, us-isob-east-1 of aws-iso-b,
 * eusc-de-east-1 of aws-eusc), and nothing else.
 */
import { describe, expect, it } from "vitest";
import { resourceArnProblem } from "../../src/model/arn.js";

describe("the Region field of a resource ARN", () => {
  it.each([
    "arn:aws:sqs:us-east-1:111122223333:q",
    "arn:aws-us-gov:sqs:us-gov-west-1:111122223333:q",
    "arn:aws-cn:sqs:cn-north-1:111122223333:q",
    "arn:aws-iso-b:sqs:us-isob-east-1:111122223333:q",
    "arn:aws-eusc:sqs:eusc-de-east-1:111122223333:q",
  ])("accepts %s", (arn) => {
    expect(resourceArnProblem(arn)).toBeUndefined();
  });
  it.each(["arn:aws:sqs:moon-1:111122223333:q", "arn:aws:sqs:us-east-1a:111122223333:q", "arn:aws:sqs:useast1:111122223333:q"])("refuses %s", (arn) => {
    expect(resourceArnProblem(arn)?.message).toMatch(/is not a Region/);
  });
});
