/**
 * Duality end to end over EVERY resource type of the bundled service reference (contract section 2):
 * for each (service, resource type), one action that takes it is granted by a user's identity policy
 * on exactly one realistic ARN of the type's format, and through the real checking path
 * (checkExpectation, the prover step):
 * - `may ACTION on ARN` passes, and `mayNot ACTION on ARN` fails with an allowed counterexample, both
 *   sampled and `exact: true`: exactly one of the two holds;
 * - `mayNot ACTION on SIBLING` (same format, another name) passes having evaluated requests, and is
 *   never an input error: an ARN of the action's own resource type is always one it takes;
 * - `mayNot ACTION on PATTERN` (the format with every placeholder `*`) fails with the granted ARN;
 * - with the prover alone (no sampling), on a sample of formats and on every format the reference
 *   writes with a bare `*`: refuted on the ARN and the pattern, proved on the sibling.
 *
 * Names are written as AWS writes them: plain (`app1`), and, for every placeholder AWS does not
 * document as one segment, with `/` (`team/app1`) and, ending the ARN, `:` (`team/app1:v1`): secret names, log groups,
 * SSM parameter paths, IAM paths, ECR repositories, qualified Lambda ARNs
 * (IAM/latest/UserGuide/reference-arns.html; each service's "Actions, resources, and condition keys"
 * page of the Service Authorization Reference). A resource filter that drops such an ARN empties the
 * mayNot's search, and the mayNot then passes next to the may: that is what this test catches.
 */
import { describe, expect, it } from "vitest";
import { checkExpectation, type Outcome } from "../../src/compile/check.js";
import { buildWorld } from "../../src/compile/request.js";
import type { RequestSource } from "../../src/compile/sources.js";
import { actionIndex } from "../../src/data/action-index.js";
import { fuzzSource } from "../../src/fuzz/index.js";
import { evaluate, explain } from "../../src/index.js";
import type { Principal, Role, User } from "../../src/model/types.js";
import { proveStep } from "../../src/run/prove-step.js";
import { account, allow, environment, expect as expectation, role, user } from "./builder.js";
import { A, everyResourceType, instance, ownPattern, sibling, type ResourceType, type Variant } from "./resource-type-instances.js";

const EVALUATOR = { evaluate, explain };

/**
 * Resources whose own policy must grant even in their account: a KMS key gets its default key policy,
 * which lets the account's IAM policies decide (kms/latest/developerguide/key-policy-default.html); a
 * role its trust policy trusting the account, for sts:AssumeRole*
 * (IAM/latest/UserGuide/id_roles_terms-and-concepts.html, STS/latest/APIReference/API_AssumeRole.html).
 */
const TRUST_ACCOUNT = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "*", Resource: "*" }] };

function environmentFor(rt: ResourceType, arn: string, caller: User) {
  if (rt.service === "sts" && /^arn:aws:iam::\d{12}:role\//.test(arn)) {
    const path = arn.slice(arn.indexOf(":role/") + 5);
    const name = path.slice(path.lastIndexOf("/") + 1);
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "sts:*" }] };
    const r: Role = { ...role(A, name, { trust }), arn, path: path.slice(0, path.length - name.length) };
    return environment([account(A, { users: [caller], roles: [r], resources: {} })]);
  }
  const kmsKey = /^arn:aws:kms:[^:]*:\d{12}:key\//.test(arn);
  // An S3 ARN names no account: it is listed, so that its owner is known (contract section 3). Other
  // ARNs are not: a resource no account lists belongs to the account in its ARN, and one with none
  // there (an EC2 image, `arn:${Partition}:ec2:${Region}::image/${ImageId}`) is decided by the
  // caller's policies alone.
  const listed = kmsKey || (arn.split(":")[2] === "s3" && arn.split(":")[4] === "");
  return environment([account(A, { users: [caller], resources: listed ? { [arn]: kmsKey ? TRUST_ACCOUNT : null } : {} })]);
}

/** A search that tries nothing: what the prover answers is then its own. */
const NOTHING: RequestSource = { name: "none", *candidates() {} };

function check(rt: ResourceType, arn: string, on: string, effect: "may" | "mayNot", exact: boolean, source: RequestSource = fuzzSource(), grant: string = arn) {
  const caller = user(A, "alice", { policies: [allow(rt.action, grant)] });
  const world = buildWorld(environmentFor(rt, arn, caller));
  const as: Principal = { kind: "user", user: caller, written: caller.arn };
  const exp = expectation({ as, [effect]: [rt.action], on: [on], exact });
  const outcome = checkExpectation(world, exp, { seed: 7, runs: 8, evaluator: EVALUATOR, source });
  return { world, exp, outcome };
}

const describeOutcome = (o: Outcome) => (o.status === "error" ? o.errors.map((e) => e.message).join("; ") : o.status === "failed" ? o.message : `passed (${o.evidence.method}, ${o.evidence.requests} requests)`);

/**
 * Resource types whose format the reference writes so that the ARN names no owner the checks can
 * know, where no AWS page settles it: only duality is asserted (exactly one of may / mayNot holds).
 * - MediaConnect's offering: `arn:${Partition}:mediaconnect:${Region}:offering:${OfferingId}` puts
 *   `offering` in the account field (service-authorization/latest/reference/list_awselementalmediaconnect.html);
 *   the DescribeOffering pages say only "the ARN that MediaConnect assigns to the offering", with no
 *   example. The evaluator takes a resource whose account field names another owner as another
 *   account's, so an identity policy alone does not allow it (fail closed for may).
 */
const OWNER_UNKNOWN = new Set(["mediaconnect\nOffering"]);

/** What is wrong with one resource type's four checks, or nothing. */
function findings(rt: ResourceType, variant: Variant): string[] {
  const arn = instance(rt.format, variant, "app");
  const other = sibling(rt.format, variant);
  const label = `${rt.action} (${rt.service} ${rt.type}: ${rt.format})`;
  const out: string[] = [];
  const may = check(rt, arn, arn, "may", false).outcome;
  for (const exact of [false, true]) {
    const mayNot = check(rt, arn, arn, "mayNot", exact).outcome;
    if (OWNER_UNKNOWN.has(`${rt.service}\n${rt.type}`)) {
      if ([may.status, mayNot.status].sort().join() !== "failed,passed") out.push(`${label}: may ${describeOutcome(may)}; mayNot${exact ? " (exact)" : ""} ${describeOutcome(mayNot)} on ${arn}`);
      continue;
    }
    if (mayNot.status !== "failed" || mayNot.counterexample?.decision !== "Allow") out.push(`${label}: mayNot${exact ? " (exact)" : ""} on the granted ${arn} ${describeOutcome(mayNot)}`);
  }
  if (may.status !== "passed" && !OWNER_UNKNOWN.has(`${rt.service}\n${rt.type}`)) out.push(`${label}: may on ${arn} ${describeOutcome(may)}`);
  const away = check(rt, arn, other, "mayNot", false).outcome;
  if (away.status !== "passed" || away.evidence.requests === 0) out.push(`${label}: mayNot on the sibling ${other} ${describeOutcome(away)}`);
  return out;
}

const TYPES = everyResourceType();
// `PROVE_EVERY=1 npx vitest run test/compile/every-resource-type.test.ts` proves every format (about 3 minutes).
const PROVE_EVERY = Number(process.env.PROVE_EVERY ?? 40);

describe("every resource type of the bundled service reference", () => {
  it("has the resource types to check", () => {
    expect(TYPES.length).toBeGreaterThan(2000);
  });

  // `on` as a user copies the type's format into a spec (ownPattern). The granted ARN is one of them, so the mayNot must find it (the policy's own ARN is a literal the
  // search starts from).
  it("mayNot on the format's own pattern fails with the granted ARN (names with / and :)", () => {
    const failing: string[] = [];
    for (const rt of TYPES) {
      if (OWNER_UNKNOWN.has(`${rt.service}\n${rt.type}`)) continue;
      const arn = instance(rt.format, "path", "app");
      const pattern = ownPattern(rt.format);
      const o = check(rt, arn, pattern, "mayNot", false).outcome;
      if (o.status !== "failed" || o.counterexample?.decision !== "Allow" || o.counterexample.resource !== arn) failing.push(`${rt.action} on ${pattern} (granted ${arn}): ${describeOutcome(o)}`);
    }
    expect(failing, `${failing.length} of ${TYPES.length} formats:\n${failing.join("\n")}`).toEqual([]);
  }, 600_000);

  // A policy grants most access through a wildcard (`arn:aws:ec2:*:*:instance/*`): a mayNot on one
  // ARN it covers is found by sampling, and refuted by the prover alone (IAM/latest/UserGuide/reference_policies_elements_resource.html).
  it("a grant through the format's own pattern: mayNot on one of its ARNs fails, sampled and proved (names with / and :)", async () => {
    const failing: string[] = [];
    const sampled: ResourceType[] = [];
    for (const rt of TYPES) {
      if (OWNER_UNKNOWN.has(`${rt.service}\n${rt.type}`)) continue;
      const arn = instance(rt.format, "path", "app");
      const o = check(rt, arn, arn, "mayNot", false, fuzzSource(), ownPattern(rt.format)).outcome;
      if (o.status !== "failed" || o.counterexample?.decision !== "Allow" || o.counterexample.resource !== arn) failing.push(`${rt.action} on ${arn} (granted ${ownPattern(rt.format)}): ${describeOutcome(o)}`);
      sampled.push(rt);
    }
    expect(failing, `${failing.length} of ${TYPES.length} formats:\n${failing.join("\n")}`).toEqual([]);
    const step = proveStep();
    try {
      for (const rt of sampled.filter((t, i) => i % PROVE_EVERY === 3 % PROVE_EVERY || (t.service === "backup" && RECOVERY_POINTS.test(t.format)))) {
        const arn = instance(rt.format, "path", "app");
        const { world, exp, outcome } = check(rt, arn, arn, "mayNot", false, NOTHING, ownPattern(rt.format));
        const proved = await step.run(world, exp, outcome, EVALUATOR);
        if (proved.status !== "failed" || proved.evidence.method !== "proved" || proved.counterexample?.decision !== "Allow") failing.push(`prover: ${rt.action} on ${arn} (granted ${ownPattern(rt.format)}): ${describeOutcome(proved)}${proved.status !== "error" ? ` [${proved.evidence.method}]` : ""}`);
      }
    } finally {
      await step.close();
    }
    expect(failing, failing.join("\n")).toEqual([]);
  }, 600_000);

  for (const variant of ["plain", "path"] as const) {
    it(`may and mayNot on one of its ARNs: exactly one holds; mayNot on a sibling holds (names ${variant === "plain" ? "plain" : "with / and :"})`, () => {
      const failing = TYPES.map((rt) => findings(rt, variant)).filter((f) => f.length > 0);
      expect(failing.flat(), `${failing.length} of ${TYPES.length} formats:\n${failing.flat().join("\n")}`).toEqual([]);
    }, 600_000);
  }

  it(`the prover refutes mayNot on the granted ARN and the format's pattern, and proves it on the sibling (every ${PROVE_EVERY}th format)`, async () => {
    const sample = TYPES.filter((rt, i) => i % PROVE_EVERY === 0 || (rt.service === "backup" && RECOVERY_POINTS.test(rt.format)));
    const found = await proverFindings(sample.map((rt, i) => [rt, i % 2 === 0 ? "path" : "plain"]));
    expect(found, found.join("\n")).toEqual([]);
  }, 600_000);

  // The reference writes some names and fields as a bare `*` (DMS `endpoint:*`, Braket `braket:*:*:`):
  // the prover must read them as any name, as the sampler does (a literal `*` there once let it prove
  // a mayNot on a DMS certificate that the identity policy granted).
  it("the prover reads a `*` the reference writes in a format as any name (every such resource type)", async () => {
    const starred = TYPES.filter((rt) => RAW_STARRED.has(`${rt.service}\n${rt.type}`));
    expect(starred.length).toBeGreaterThan(40);
    const found = await proverFindings(starred.map((rt) => [rt, "plain"]));
    expect(found, found.join("\n")).toEqual([]);
  }, 600_000);
});

/** AWS Backup's recovery points kept as EC2, FSx and DynamoDB resources (aws-backup/latest/devguide/recovery-points.html). */
const RECOVERY_POINTS = /::snapshot\/\$\{SnapshotId\}$|::image\/\$\{ImageId\}$|:fsx:.*:backup\/|:dynamodb:.*\/backup\/\$\{BackupName\}$/;

/** Resource types whose format, as the reference writes it, holds a bare `*` (before normalizedFormats). */
const RAW_STARRED = new Set(
  [...actionIndex().services.values()].flatMap((service) =>
    service.entry.r.filter(([, formats]) => formats.some((f) => f.replace(/\$\{[^}]*\}/g, "").includes("*"))).map(([type]) => `${service.prefix}\n${type}`),
  ),
);


/**
 * mayNot with no sampling: the prover must refute it on the granted ARN and on the format's own
 * pattern, and prove it on the sibling.
 */
async function proverFindings(cases: readonly (readonly [ResourceType, Variant])[]): Promise<string[]> {
  const step = proveStep();
  const found: string[] = [];
  try {
    for (const [rt, variant] of cases) {
      const arn = instance(rt.format, variant, "app");
      const other = sibling(rt.format, variant);
      // Where the owner is not known (OWNER_UNKNOWN), the prover must agree with the evaluator's exact answer.
      const granted = OWNER_UNKNOWN.has(`${rt.service}\n${rt.type}`) ? check(rt, arn, arn, "mayNot", true).outcome.status : "failed";
      const ons: (readonly [string, string])[] = [[arn, granted], [other, "passed"]];
      if (!OWNER_UNKNOWN.has(`${rt.service}\n${rt.type}`)) ons.push([ownPattern(rt.format), "failed"]);
      for (const [on, want] of ons) {
        // No sampling: the answer is the prover's (or the deterministic passes' before it).
        const { world, exp, outcome } = check(rt, arn, on, "mayNot", false, NOTHING);
        const proved = await step.run(world, exp, outcome, EVALUATOR);
        const ok = proved.status !== "error" && proved.status === want && proved.evidence.method === "proved" && (proved.status === "passed" || proved.counterexample?.decision === "Allow");
        if (!ok) found.push(`${rt.action} on ${on}: ${describeOutcome(proved)}${proved.status !== "error" ? ` [${proved.evidence.method}]` : ""}`);
      }
    }
  } finally {
    await step.close();
  }
  return found;
}
