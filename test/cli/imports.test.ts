import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";


const cli = (args: string[]) => runCli(args);

describe("environments with import: (issue 6) through the CLI", () => {
  it.each(["terraform", "cdk"])("examples/%s: the passing specs pass", async (name) => {
    const r = await cli(["test", `examples/${name}/specs`, "--seed", "1"]);
    expect(r.stdout).toMatch(/0 failed, 0 errors/);
    expect(r.code).toBe(0);
  });

  it.each(["terraform", "cdk"])("examples/%s: the deliberately failing spec fails with a counterexample", async (name) => {
    const r = await cli(["test", `examples/${name}/failing`, "--seed", "1", "--reporter", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { results: { status: string; counterexample?: { decision: string } }[] };
    const failed = report.results.filter((x) => x.status === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.counterexample?.decision).toBe("Allow");
  });

  it("an answer that depends on a Terraform value known only after apply is an error, never a pass", async () => {
    const r = await cli(["test", "test/fixtures/cli-import/unknown", "--reporter", "json"]);
    const report = JSON.parse(r.stdout) as { results: { status: string; message?: string }[] };
    expect(report.results).toHaveLength(1);
    expect(report.results[0]!.status).toBe("error");
    expect(report.results[0]!.message).toMatch(/known only after terraform apply/);
    expect(r.code).toBe(2);
  });
});
