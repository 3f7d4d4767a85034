import { beforeAll, describe, expect, it } from "vitest";
import { loadSpecFile, parseLocated } from "../../src/load/index.js";
import { principalContextKeys, resourceContextKeys } from "../../src/model/context-keys.js";
import { resolvePrincipal } from "../../src/model/principals.js";
import { lookupResource } from "../../src/model/resources.js";
import type { Environment, Principal, PrincipalRef } from "../../src/model/types.js";

let env: Environment;
beforeAll(async () => {
  const r = await loadSpecFile("test/fixtures/load/valid/deploy.iamspec.yaml");
  if (!r.ok) throw new Error("fixture does not load");
  env = r.value.environment;
});

function resolve(text: string, allowSets = true): PrincipalRef {
  const node = parseLocated(text, "inline.yaml").node;
  if (!node) throw new Error("bad yaml");
  const r = resolvePrincipal(env, node, { allowSets });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.value;
}

function resolveError(text: string, allowSets = true): string {
  const node = parseLocated(text, "inline.yaml").node;
  if (!node) throw new Error("bad yaml");
  const r = resolvePrincipal(env, node, { allowSets });
  if (r.ok) throw new Error(`${text} resolved`);
  return r.errors.map((e) => `${e.message} (${e.hint ?? ""})`).join("; ");
}

describe("principal resolution (contract section 4)", () => {
  it("resolves every form", () => {
    expect(resolve("arn:aws:iam::111122223333:role/deploy")).toMatchObject({ kind: "role-session", role: { name: "deploy" } });
    expect(resolve("arn:aws:iam::111122223333:user/alice")).toMatchObject({ kind: "user", user: { name: "alice" } });
    expect(resolve("arn:aws:sts::111122223333:assumed-role/deploy/s1")).toMatchObject({ kind: "role-session", sessionName: "s1" });
    expect(resolve("user/alice")).toMatchObject({ kind: "user" });
    expect(resolve('"444455556666"')).toMatchObject({ kind: "external-account", accountId: "444455556666" });
    expect(resolve("arn:aws:iam::444455556666:role/partner")).toMatchObject({
      kind: "external-arn", resourceType: "role", sessionArn: "arn:aws:sts::444455556666:assumed-role/partner/iam-spec",
    });
    expect(resolve("arn:aws:iam::111122223333:root")).toMatchObject({ kind: "root", accountId: "111122223333", account: { id: "111122223333" } });
    expect(resolve("{ service: lambda.amazonaws.com }")).toMatchObject({ kind: "service", service: "lambda.amazonaws.com" });
    expect(resolve("{ federated: token.actions.githubusercontent.com }")).toMatchObject({ kind: "federated", protocol: "oidc" });
    expect(resolve("{ federated: 'arn:aws:iam::111122223333:saml-provider/Okta' }")).toMatchObject({ kind: "federated", protocol: "saml", provider: "Okta", accountId: "111122223333" });
    expect(resolve("anonymous")).toMatchObject({ kind: "anonymous" });
    expect(resolve('"*"')).toMatchObject({ kind: "set", scope: { kind: "any" } });
    expect(resolve('{ from: "*" }')).toMatchObject({ kind: "set", scope: { kind: "any" } });
    expect(resolve('{ from: "111122223333", except: [user/alice] }')).toMatchObject({ kind: "set", mode: "from", scope: { kind: "account" }, except: [{ kind: "user" }] });
    expect(resolve("{ notFrom: o-a1b2c3d4e5, includeRoot: true }")).toMatchObject({ kind: "set", mode: "notFrom", includeRoot: true });
  });

  it("resolves short forms with paths", () => {
    expect(resolve("role/data/reader")).toMatchObject({ kind: "role-session", role: { arn: "arn:aws:iam::111122223333:role/data/reader" } });
    expect(resolve("user/bob")).toMatchObject({ kind: "user", user: { path: "/eng/" } });
  });

  it("rejects what cannot be resolved, with hints", () => {
    expect(resolveError("role/deploy")).toContain("ambiguous");
    expect(resolveError("role/deploy")).toContain("arn:aws:iam::222233334444:role/deploy");
    expect(resolveError('"*"', false)).toContain("only with mayNot");
    expect(resolveError("arn:aws:iam::111122223333:user/bob")).toContain("arn:aws:iam::111122223333:user/eng/bob");
    expect(resolveError("{ notFrom: o-zzzzzzzzzz }")).toContain('did you mean "o-a1b2c3d4e5"?');
    expect(resolveError("lambda.amazonaws.com")).toContain("{ service: lambda.amazonaws.com }");
  });
});

describe("organization", () => {
  it("gives SCP and RCP levels per account, root first", () => {
    const p = env.organization?.placements.get("111122223333");
    expect(p?.chain.map((n) => n.kind)).toEqual(["root", "ou", "ou", "account"]);
    expect(p?.scpLevels.map((l) => l.map((x) => x.origin))).toEqual([
      ["FullAWSAccess"],
      ["FullAWSAccess", "file"],
      ["FullAWSAccess"], // Prod names no scps
      ["file"],
    ]);
    expect(p?.rcpLevels.map((l) => l.map((x) => x.origin))).toEqual([
      ["RCPFullAWSAccess"],
      ["RCPFullAWSAccess", "file"],
      ["RCPFullAWSAccess"],
      ["RCPFullAWSAccess"],
    ]);
  });

  it("computes org paths with given and derived OU ids", () => {
    const path = env.organization?.placements.get("111122223333")?.orgPath ?? "";
    expect(path).toMatch(/^o-a1b2c3d4e5\/r-[0-9a-z]{4}\/ou-ab12-11111111\/ou-[0-9a-z]{4}-[0-9a-z]{8}\/$/);
    expect(env.organization?.placements.get("222233334444")?.orgPath).toMatch(/^o-a1b2c3d4e5\/r-[0-9a-z]{4}\/ou-[0-9a-z]{4}-[0-9a-z]{8}\/$/);
  });

  it("exempts the management account from SCPs and RCPs", () => {
    const m = env.organization?.placements.get("999999999999");
    expect(m?.scpLevels).toEqual([]);
    expect(m?.rcpLevels).toEqual([]);
    expect(m?.orgPath).toMatch(/^o-a1b2c3d4e5\/r-[0-9a-z]{4}\/$/);
  });
});

describe("derived context keys", () => {
  it("for a user", () => {
    const keys = principalContextKeys(env, resolve("user/alice") as Principal);
    expect(keys).toMatchObject({
      "aws:PrincipalArn": "arn:aws:iam::111122223333:user/alice",
      "aws:PrincipalAccount": "111122223333",
      "aws:PrincipalType": "User",
      "aws:username": "alice",
      "aws:PrincipalOrgID": "o-a1b2c3d4e5",
      "aws:PrincipalIsAWSService": false,
      "aws:PrincipalTag/team": "web",
    });
    expect(keys["aws:userid"]).toMatch(/^AIDA/);
    expect(keys["aws:PrincipalOrgPaths"]).toEqual([env.organization?.placements.get("111122223333")?.orgPath]);
  });

  it("for a role session: role ARN, AssumedRole, role-id:session, session tags win", () => {
    const p = resolve("arn:aws:iam::111122223333:role/deploy") as Principal;
    const keys = principalContextKeys(env, p, { name: "ci", tags: { env: "dev" } });
    expect(keys["aws:PrincipalArn"]).toBe("arn:aws:iam::111122223333:role/deploy");
    expect(keys["aws:PrincipalType"]).toBe("AssumedRole");
    expect(keys["aws:userid"]).toMatch(/^AROA[A-Z2-7]{17}:ci$/);
    expect(keys["aws:PrincipalTag/env"]).toBe("dev");
    expect(keys["aws:username"]).toBeUndefined();
  });

  it("for root, service, anonymous and an unknown account", () => {
    expect(principalContextKeys(env, resolve("arn:aws:iam::111122223333:root") as Principal)).toMatchObject({ "aws:PrincipalType": "Account", "aws:userid": "111122223333" });
    expect(principalContextKeys(env, resolve("{ service: lambda.amazonaws.com }") as Principal)).toEqual({
      "aws:PrincipalIsAWSService": true,
      "aws:PrincipalServiceName": "lambda.amazonaws.com",
      "aws:PrincipalServiceNamesList": ["lambda.amazonaws.com"],
    });
    // aws:PrincipalAccount: "For anonymous requests, the request context returns anonymous"
    // (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount).
    expect(principalContextKeys(env, resolve("anonymous") as Principal)).toEqual({ "aws:PrincipalAccount": "anonymous", "aws:PrincipalType": "Anonymous", "aws:userid": "anonymous" });
    expect(principalContextKeys(env, resolve('"444455556666"') as Principal)).toEqual({ "aws:PrincipalAccount": "444455556666", "aws:PrincipalIsAWSService": false });
  });

  it("finds VPC endpoints by id", async () => {
    const { findVpcEndpoint } = await import("../../src/model/resources.js");
    expect(findVpcEndpoint(env, "vpce-0abc")?.accountId).toBe("111122223333");
    expect(findVpcEndpoint(env, "vpce-nope")).toBeUndefined();
  });

  it("for resources: owner, org and tags; S3 objects fall under their bucket; unlisted S3 is outside", () => {
    expect(resourceContextKeys(env, "arn:aws:s3:::acme-artifacts")).toMatchObject({ "aws:ResourceAccount": "111122223333", "aws:ResourceOrgID": "o-a1b2c3d4e5", "aws:ResourceTag/data": "internal" });
    const obj = lookupResource(env, "arn:aws:s3:::acme-artifacts/builds/1.zip");
    expect(obj.accountId).toBe("111122223333");
    expect(obj.resource?.arn).toBe("arn:aws:s3:::acme-artifacts");
    expect(resourceContextKeys(env, "arn:aws:s3:::acme-artifacts/builds/1.zip")["aws:ResourceTag/data"]).toBeUndefined();
    expect(lookupResource(env, "arn:aws:s3:::someone-else").accountId).toBeUndefined();
    expect(resourceContextKeys(env, "arn:aws:sqs:us-east-1:444455556666:q")).toEqual({ "aws:ResourceAccount": "444455556666" });
    expect(resourceContextKeys(env, "arn:aws:iam::111122223333:role/deploy")["aws:ResourceTag/env"]).toBe("prod");
  });
});

describe("fuzzed principal sets", () => {
  it("lists the members of from / notFrom / *", async () => {
    const { membersOf } = await import("../../src/model/principal-sets.js");
    const set = (text: string) => {
      const r = resolve(text);
      if (r.kind !== "set") throw new Error("not a set");
      return membersOf(env, r);
    };
    const arns = (m: ReturnType<typeof set>) => m.known.map((p) => p.written);
    const fromProd = set('{ from: "111122223333", except: [user/alice] }');
    expect(arns(fromProd).sort()).toEqual([
      "arn:aws:iam::111122223333:role/data/reader",
      "arn:aws:iam::111122223333:role/deploy",
      "arn:aws:iam::111122223333:user/eng/bob",
    ]);
    expect(fromProd.services || fromProd.anonymous || fromProd.unknownAccount !== undefined).toBe(false);
    const outside = set("{ notFrom: o-a1b2c3d4e5, includeRoot: true }");
    expect(arns(outside)).toEqual([]); // every account of the environment is in the organization
    expect(outside).toMatchObject({ unknownAccount: "444455556666", services: true, federated: true, anonymous: true });
    const any = set('{ from: "*", includeRoot: true, except: [anonymous] }');
    expect(arns(any)).toContain("arn:aws:iam::999999999999:root");
    expect(any.anonymous).toBe(false);
  });
});
