import { describe, expect, it } from "vitest";
import { formatInputError, loadSpecFile, type InputError } from "../../src/load/index.js";

const DIR = "test/fixtures/load/errors";

async function errorsOf(name: string): Promise<InputError[]> {
  const r = await loadSpecFile(`${DIR}/${name}`);
  if (r.ok) throw new Error(`${name} loaded without errors`);
  return [...r.errors];
}

function find(errors: InputError[], text: string): InputError {
  const e = errors.find((x) => x.message.includes(text));
  if (!e) throw new Error(`no error mentioning "${text}" in:\n${errors.map(formatInputError).join("\n")}`);
  return e;
}

describe("input errors", () => {
  it("reports several schema and environment errors at once, each with a position and hint", async () => {
    const errors = await errorsOf("schema.iamspec.yaml");
    const spec = `${DIR}/schema.iamspec.yaml`;
    const env = `${DIR}/env.yaml`;
    expect(find(errors, 'has both "may" and "mayNot"')).toMatchObject({ file: spec, line: 5, column: 5 });
    expect(find(errors, 'unknown key "mya"')).toMatchObject({ file: spec, line: 7, column: 5, hint: 'did you mean "may"?' });
    expect(find(errors, 'missing required key "as"')).toMatchObject({ file: spec, line: 8, column: 5 });
    expect(find(errors, "expect[2].runs: expected an integer")).toMatchObject({ file: spec, line: 9, column: 11 });
    expect(find(errors, "expect[3].exact: expected true or false")).toMatchObject({ line: 12, column: 12 });
    expect(find(errors, 'unknown key "polices"')).toMatchObject({ file: env, line: 8, column: 9, hint: 'did you mean "policies"?' });
    expect(find(errors, "plan.json: file not found")).toMatchObject({ file: env, line: 15, column: 20, kind: "file" });
    expect(errors.length).toBeGreaterThanOrEqual(7);
    expect(formatInputError(find(errors, 'unknown key "mya"'))).toBe(
      `${spec}:7:5: expect[1]: unknown key "mya" (did you mean "may"?)`,
    );
  });

  it("reports a missing policy file at the reference, an unknown group and an invalid policy", async () => {
    // The schema errors of schema.iamspec.yaml stop nothing: build a spec over the same env without them.
    const errors = await errorsOf("schema.iamspec.yaml");
    const env = `${DIR}/env.yaml`;
    expect(find(errors, "missing.json: file not found")).toMatchObject({ file: env, line: 6, column: 21, kind: "file" });
    expect(find(errors, 'group "admin" is not defined')).toMatchObject({ file: env, line: 5, column: 18, kind: "reference" });
    // Positioned in the policy file itself (the message does not repeat the file name).
    const bad = errors.find((e) => e.file === `${DIR}/bad-policy.json`)!;
    expect(bad).toBeDefined();
    expect(bad.kind).toBe("policy");
    expect(bad.file).toBe(`${DIR}/bad-policy.json`);
    expect(bad.line).toBe(4);
  });

  it("reports invalid YAML with its position", async () => {
    const errors = await errorsOf("yaml.iamspec.yaml");
    expect(errors[0]).toMatchObject({ kind: "yaml", file: `${DIR}/yaml.iamspec.yaml`, line: 5 });
  });

  it("reports a missing environment file where it is named", async () => {
    const errors = await errorsOf("missing-env.iamspec.yaml");
    expect(find(errors, "nope.yaml: file not found")).toMatchObject({ file: `${DIR}/missing-env.iamspec.yaml`, line: 1, column: 39 });
  });

  it("reports an extends cycle", async () => {
    const errors = await errorsOf("cycle.iamspec.yaml");
    const e = find(errors, "include each other");
    expect(e).toMatchObject({ kind: "cycle", file: `${DIR}/cycle-b.yaml`, line: 1, column: 12 });
  });

  it("reports unresolvable and ambiguous principals with candidates", async () => {
    const errors = await errorsOf("principals.iamspec.yaml");
    const spec = `${DIR}/principals.iamspec.yaml`;
    const amb = find(errors, '"role/deploy" is ambiguous');
    expect(amb).toMatchObject({ file: spec, line: 3, column: 9 });
    expect(amb.message).toContain("arn:aws:iam::111122223333:role/deploy");
    expect(amb.message).toContain("arn:aws:iam::222233334444:role/deploy");
    expect(find(errors, 'no user "alcie"')).toMatchObject({ line: 5, hint: 'did you mean "user/alice"?' });
    expect(find(errors, "allowed only with mayNot")).toMatchObject({ line: 7 });
    expect(find(errors, "account 111122223333 is in the environment")).toMatchObject({ line: 9 });
  });
});

describe("policy references", () => {
  it("resolves AWS managed policies offline and suggests close names for unknown ones", async () => {
    const errors = await errorsOf("managed.iamspec.yaml");
    const spec = `${DIR}/managed.iamspec.yaml`;
    expect(find(errors, "unknown AWS managed policy")).toMatchObject({ file: spec, line: 8, column: 15 });
    expect(find(errors, "unknown AWS managed policy").hint).toContain("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
    expect(find(errors, "customer managed policy arn:aws:iam::111122223333:policy/Nope is not defined")).toMatchObject({ line: 9 });
    expect(find(errors, 'unknown policy "FullAwsAccess"')).toMatchObject({ line: 13, hint: 'did you mean "FullAWSAccess"?' });
    expect(errors).toHaveLength(3);
  });
});

describe("values and request context", () => {
  it("checks patterns, ranges and ids, hinting to quote numbers", async () => {
    const errors = await errorsOf("env-values.iamspec.yaml");
    expect(errors).toHaveLength(7);
    expect(find(errors, 'key "1234" is not valid')).toMatchObject({ line: 3, column: 5 });
    expect(find(errors, "maxSessionDuration: 60 is below the minimum 3600")).toMatchObject({ line: 9, column: 31 });
    expect(find(errors, "organization.management: expected a string")).toMatchObject({ line: 14, hint: 'quote it: "999999999999"' });
    expect(find(errors, 'key "endpoint-1" is not valid').hint).toContain("vpce-");
  });

  it("rejects duplicate when keys, { not } with may, and assumedBy/session without a role", async () => {
    const errors = await errorsOf("when.iamspec.yaml");
    expect(find(errors, "are the same condition key")).toMatchObject({ line: 7, column: 7 });
    expect(find(errors, "{ not: ... } is allowed only with mayNot")).toMatchObject({ line: 8 });
    expect(find(errors, "assumedBy needs a role")).toMatchObject({ line: 11, column: 5 });
    expect(find(errors, "session applies only to a role")).toMatchObject({ line: 12, column: 5 });
  });
});
