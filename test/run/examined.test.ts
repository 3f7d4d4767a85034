/**
 * "A pass must mean something" (contract section 2: a mayNot never passes on an empty space): a
 * mayNot whose sampling evaluated no request is an input error at the expectation, unless a proof
 * over a space a test's own source left unsampled decides it.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RequestSource } from "../../src/compile/sources.js";
import { runSuite } from "../../src/run/run-suite.js";
import { ROOT } from "../cli/run-cli.js";

const FIXTURE = join(ROOT, "test/fixtures/prover-binary");
const nothing: RequestSource = { name: "none", *candidates() {} };

describe("a pass that examined no request", () => {
  it("is an input error when nothing proves it", async () => {
    const { result, exitCode } = await runSuite([FIXTURE], { cwd: ROOT, seed: 1, source: nothing, prove: false });
    expect(exitCode).toBe(2);
    const third = result.results.find((r) => r.name === "without the digest nothing is read");
    expect(third?.status).toBe("error");
    expect(third?.message).toMatch(/examined no request .* would pass having checked nothing/);
    expect(third?.position?.line).toBe(29);
  });

  it("stands when the prover decided the whole space", async () => {
    const { result } = await runSuite([FIXTURE], { cwd: ROOT, seed: 1, source: nothing });
    const third = result.results.find((r) => r.name === "without the digest nothing is read");
    expect(third?.status).toBe("passed");
    expect(third?.evidence).toMatchObject({ method: "proved", requests: 0 });
  });
});
