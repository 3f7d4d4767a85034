/**
 * BinaryEquals in proofs: the policy value "YQ==" is the byte 0x61, and so are "YR==" ... "Yf=="
 * (decoding drops the bits after the last byte;
 * IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
 * compares bytes). With sampling off, the prover finds the grant, finds it again when `when` rules
 * out the canonical spelling, and proves the request without the key denied.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RequestSource } from "../../src/compile/sources.js";
import { runSuite } from "../../src/run/run-suite.js";
import { ROOT } from "../cli/run-cli.js";

const KEY = "s3:x-amz-server-side-encryption-customer-key-MD5";

describe("the prover on BinaryEquals", () => {
  it("refutes by the bytes, not the text, and proves the rest", async () => {
    const nothing: RequestSource = { name: "none", *candidates() {} };
    const { result } = await runSuite([join(ROOT, "test/fixtures/prover-binary")], { cwd: ROOT, seed: 1, source: nothing });
    const [right, respelled, without] = result.results;
    expect(right?.status).toBe("failed");
    expect(right?.evidence?.method).toBe("proved");
    expect(Buffer.from(String(right?.counterexample?.context[KEY]), "base64")).toEqual(Buffer.from([0x61]));
    expect(respelled?.status).toBe("failed");
    expect(respelled?.evidence?.method).toBe("proved");
    const other = String(respelled?.counterexample?.context[KEY]);
    expect(other).not.toBe("YQ==");
    expect(Buffer.from(other, "base64")).toEqual(Buffer.from([0x61]));
    expect(respelled?.counterexample?.decision).toBe("Allow");
    expect(without?.status).toBe("passed");
    expect(without?.evidence?.method).toBe("proved");
  });
});
