/**
 * The objects under a named S3 access point are decided by the access point's policy and the bucket's
 * (AmazonS3/latest/userguide/access-points-policies.html: "both the access point and the underlying
 * bucket must permit the request"): the prover gives them a resource class of their own, as it does
 * a named bucket's objects. With sampling switched off, the grant to a partner account through the
 * access point is found by the prover, and the part of it the grant does not reach is proved.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RequestSource } from "../../src/compile/sources.js";
import { runSuite } from "../../src/run/run-suite.js";
import { ROOT } from "../cli/run-cli.js";

describe("the prover on objects under a named access point", () => {
  it("refutes the partner's read through the access point, proves the keys outside shared/", async () => {
    const nothing: RequestSource = { name: "none", *candidates() {} };
    const { result } = await runSuite([join(ROOT, "test/fixtures/prover-access-point")], { cwd: ROOT, seed: 1, source: nothing });
    const [through, outside] = result.results;
    expect(through?.status).toBe("failed");
    expect(through?.evidence?.method).toBe("proved");
    expect(through?.counterexample?.resource).toMatch(/^arn:aws:s3:eu-west-1:111122223333:accesspoint\/partner\/object\/shared\//);
    expect(through?.counterexample?.decision).toBe("Allow");
    expect(outside?.status).toBe("passed");
    expect(outside?.evidence?.method).toBe("proved");
  });
});
