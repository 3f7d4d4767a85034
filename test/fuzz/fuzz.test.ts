import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { build } from "../../bench/fuzz/harness.js";
import { scenarios } from "../../bench/fuzz/scenarios.js";
import { fuzzSource } from "../../src/fuzz/index.js";
import { realistic, type RequestFacts } from "../../src/context/realism.js";
import { ipPoints, stringPoints, conditionValueArbitrary } from "../../generators/index.js";

const facts = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  action: "s3:GetObject",
  resource: "arn:aws:s3:::b/k",
  callerKind: "user",
  callerAccount: "111122223333",
  ...over,
});

describe("realistic()", () => {
  it("adds the keys AWS always sets and keeps EpochTime with CurrentTime", () => {
    const c = realistic({ "aws:CurrentTime": "2030-01-01T00:00:01Z" }, facts());
    expect(c["aws:SecureTransport"]).toBe(true);
    expect(c["aws:ViaAWSService"]).toBe(false);
    expect(c["aws:RequestedRegion"]).toBe("us-east-1");
    expect(c["aws:EpochTime"]).toBe(Date.UTC(2030, 0, 1, 0, 0, 1) / 1000);
  });
  it("derives TagKeys, CalledVia ends, SourceAccount and kms:CallerAccount", () => {
    const tags = realistic({ "aws:RequestTag/team": "x", "aws:TagKeys": ["other"] }, facts({ action: "iam:CreateRole", resource: "arn:aws:iam::111122223333:role/r" }));
    expect(tags["aws:TagKeys"]).toEqual(["team"]);
    const via = realistic({ "aws:CalledVia": ["athena.amazonaws.com", "glue.amazonaws.com"] }, facts());
    expect([via["aws:ViaAWSService"], via["aws:CalledViaFirst"], via["aws:CalledViaLast"]]).toEqual([true, "athena.amazonaws.com", "glue.amazonaws.com"]);
    const svc = realistic({ "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:444455556666:trail/t", "aws:SourceAccount": "1" }, facts({ callerKind: "service", callerAccount: undefined }));
    expect(svc["aws:SourceAccount"]).toBe("444455556666");
    const kms = realistic({ "kms:CallerAccount": "111122223333" }, facts({ action: "kms:Decrypt", resource: "arn:aws:kms:eu-west-1:1:key/k", callerAccount: "444455556666" }));
    expect(kms["kms:CallerAccount"]).toBe("444455556666");
    expect(kms["aws:RequestedRegion"]).toBe("eu-west-1");
  });
  it("drops keys the request cannot carry and leaves keys fixed by `when` alone", () => {
    const c = realistic({ "aws:SourceArn": "arn:aws:s3:::x", "aws:RequestTag/a": "b", "s3:x-amz-acl": "private" }, facts());
    expect(c["aws:SourceArn"]).toBeUndefined(); // only service principals carry it
    expect(c["aws:RequestTag/a"]).toBeUndefined(); // GetObject takes no request tags
    expect(c["s3:x-amz-acl"]).toBeUndefined(); // a PutObject key
    const pinned = realistic({ "aws:SourceIp": "10.0.0.1", "aws:SourceVpce": "vpce-1" }, facts(), new Set(["aws:sourceip"]));
    expect(pinned["aws:SourceIp"]).toBe("10.0.0.1");
  });
  it("is idempotent on generated contexts", () => {
    const arb = conditionValueArbitrary({ key: "aws:CurrentTime", operators: new Set(["dategreaterthan"]), multi: false, values: ["2030-01-01T00:00:00Z"] }, Date.UTC(2026, 0, 1));
    fc.assert(
      fc.property(arb, (v) => {
        const once = realistic({ "aws:CurrentTime": v }, facts());
        expect(realistic(once, facts())).toEqual(once);
      }),
    );
  });
});

describe("generators", () => {
  it("puts CIDR edges and outsiders next to members, IPv4 and IPv6", () => {
    expect(ipPoints(["10.1.0.0/16"])).toEqual(expect.arrayContaining(["10.1.0.0", "10.1.255.255", "10.0.255.255", "10.2.0.0"]));
    expect(ipPoints(["2001:db8::/32"])).toEqual(expect.arrayContaining(["2001:db8:0:0:0:0:0:0", "2001:db9:0:0:0:0:0:0"]));
  });
  it("gives pattern instances and near misses", () => {
    const p = stringPoints("repo:acme/*");
    expect(p).toEqual(expect.arrayContaining(["repo:acme/iam-spec-sample", "repo:acme/", "REPO:ACME/IAM-SPEC-SAMPLE"]));
  });
});

describe("fuzzSource on the planted-loophole corpus", () => {
  for (const s of scenarios) {
    it(`${s.id}: finds the loophole and nothing in the fixed twin`, () => {
      const buggy = build(s, s.buggy);
      const found = [...fuzzSource().candidates(buggy.space, { seed: 7, runs: 100 })];
      expect(found).toHaveLength(1);
      expect(buggy.isAllowed(found[0]!)).toBe(true);
      const fixed = build(s, s.fixed);
      expect([...fuzzSource().candidates(fixed.space, { seed: 7, runs: 100 })]).toEqual([]);
    });
  }
  it("is reproducible from the seed and yields every candidate without isAllowed", () => {
    const s = scenarios.find((x) => x.id === "wide-cidr-ipv4")!;
    const { space } = build(s, s.buggy);
    const open = { ...space, isAllowed: undefined };
    const a = [...fuzzSource({ skipExhaustive: true }).candidates(open, { seed: 3, runs: 50 })];
    const b = [...fuzzSource({ skipExhaustive: true }).candidates(open, { seed: 3, runs: 50 })];
    expect(a).toHaveLength(50);
    expect(a.map((c) => JSON.stringify([c.action, c.resource, c.context]))).toEqual(b.map((c) => JSON.stringify([c.action, c.resource, c.context])));
  });
  it("shrinks a counterexample to few context keys", () => {
    const s = scenarios.find((x) => x.id === "principal-star-referer")!;
    const { space } = build(s, s.buggy);
    const [c] = [...fuzzSource({ skipExhaustive: true }).candidates(space, { seed: 1, runs: 200 })];
    expect(c).toBeDefined();
    const optional = Object.keys(c!.context).filter((k) => !/^aws:(securetransport|currenttime|epochtime|viaawsservice|requestedregion|sourceip)$/i.test(k));
    expect(optional).toEqual(["aws:Referer"]);
  });
});
