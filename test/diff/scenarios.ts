/**
 * Random requests for the differential harness: a caller, an action on a resource, a context, and the
 * policies that apply (managed identity policies, generated resource/trust policies, boundaries,
 * session policies, SCPs at up to three levels, RCPs). Each scenario carries the feature tags it
 * exercises, so agreement can be reported per category.
 */
import fc from "fast-check";
import { getManagedPolicy, managedPolicyArns } from "../../src/data/managed-policies.js";
import type { EvaluateInput, PolicyDocument, RequestContextInput } from "../../src/types.js";
import { ACTIONS, CONTEXT_KEYS, CONTEXT_POOLS, HOME, OTHER, SERVICE_LINKED_ROLE, SERVICE_LINKED_SESSION, SERVICE_PRINCIPALS, principalsOf } from "./catalogue.js";
import { edgeScenarioArb, inPartition } from "./edge-scenarios.js";
import { FULL_AWS_ACCESS, policyOf, trustPolicy } from "./policies.js";

export interface Scenario {
  input: EvaluateInput;
  /** Features present: "managed", "resource-policy", "trust", "boundary", "session", "scp", "rcp", "cross-account", ... */
  tags: string[];
}

/** Managed policies users attach most, so requests often meet a policy that speaks about them. */
const POPULAR = [
  "ReadOnlyAccess",
  "AdministratorAccess",
  "PowerUserAccess",
  "job-function/ViewOnlyAccess",
  "SecurityAudit",
  "AmazonS3ReadOnlyAccess",
  "AmazonS3FullAccess",
  "IAMFullAccess",
  "IAMReadOnlyAccess",
  "AWSLambda_FullAccess",
  "AmazonDynamoDBReadOnlyAccess",
  "AmazonSQSFullAccess",
  "SecretsManagerReadWrite",
  "AmazonEC2ReadOnlyAccess",
].map((n) => `arn:aws:iam::aws:policy/${n}`);

// One document object per ARN for the whole run: evaluate() caches compiled forms by object identity,
// as a real caller holding its documents would.
const managedCache = new Map<string, PolicyDocument>();
export function managed(arn: string): PolicyDocument {
  let doc = managedCache.get(arn);
  if (!doc) {
    doc = getManagedPolicy(arn);
    if (!doc) throw new Error(`no bundled managed policy ${arn}`);
    managedCache.set(arn, doc);
  }
  return doc;
}

/** `arb` in about `percent` % of draws, null otherwise. */
function sometimes<T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: percent, arbitrary: arb }, { weight: 100 - percent, arbitrary: fc.constant(null) });
}

let allArns: string[] | undefined;
const managedArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...POPULAR),
  fc.nat().map((n) => {
    allArns ??= managedPolicyArns();
    return allArns[n % allArns.length]!;
  }),
);

const identityPolicy: fc.Arbitrary<{ doc: PolicyDocument; managed: boolean }> = fc.oneof(
  managedArb.map((arn) => ({ doc: managed(arn), managed: true })),
  policyOf("identity").map((doc) => ({ doc, managed: false })),
);

const contextArb: fc.Arbitrary<RequestContextInput> = fc
  .subarray(CONTEXT_KEYS, { minLength: 0, maxLength: CONTEXT_KEYS.length })
  .chain((keys) => fc.tuple(...keys.map((k) => fc.constantFrom(...CONTEXT_POOLS[k]).map((v) => [k, v] as const))))
  .map((entries) => Object.fromEntries(entries));

const callerArb: fc.Arbitrary<string> = fc.oneof(
  // Root users are few on purpose: iam-simulate does not model the root user's implicit access, and
  // those disagreements (all one known cause) would drown the rest.
  { weight: 12, arbitrary: fc.constantFrom(...principalsOf(HOME).filter((p) => !p.endsWith(":root"))) },
  { weight: 3, arbitrary: fc.constantFrom(...principalsOf(OTHER).filter((p) => !p.endsWith(":root"))) },
  { weight: 1, arbitrary: fc.constantFrom(`arn:aws:iam::${HOME}:root`, `arn:aws:iam::${OTHER}:root`) },
  { weight: 1, arbitrary: fc.constantFrom(...SERVICE_PRINCIPALS) },
  { weight: 1, arbitrary: fc.constant("anonymous") },
  { weight: 1, arbitrary: fc.constant(SERVICE_LINKED_SESSION) },
);

const generalArb: fc.Arbitrary<Scenario> = fc
  .record({
    principal: callerArb,
    action: fc.constantFrom(...ACTIONS),
    variant: fc.nat(7),
    resourceInOther: fc.nat(3).map((n) => n === 0),
    context: contextArb,
    identity: fc.array(identityPolicy, { minLength: 0, maxLength: 2 }),
    resourcePolicy: sometimes(policyOf("resource"), 50),
    trust: sometimes(trustPolicy, 90),
    boundary: sometimes(fc.oneof(policyOf("boundary"), managedArb.map(managed)), 25),
    session: sometimes(policyOf("session"), 30),
    scps: sometimes(fc.array(sometimes(policyOf("scp"), 50), { minLength: 1, maxLength: 3 }), 35),
    rcps: sometimes(fc.array(policyOf("rcp", 2), { minLength: 1, maxLength: 2 }), 20),
  })
  .map((r): Scenario => {
    const tags: string[] = [];
    const iamCaller = r.principal.startsWith("arn:");
    const callerAccount = iamCaller ? r.principal.split(":")[4]! : HOME;
    const resourceAccount = r.resourceInOther ? (callerAccount === HOME ? OTHER : HOME) : callerAccount;
    const resource = r.action.resource(resourceAccount, r.variant);
    const input: {
      -readonly [K in keyof EvaluateInput]: EvaluateInput[K];
    } = { principal: r.principal, action: r.action.action, resource, resourceAccount, context: r.context };
    if (!iamCaller) tags.push(r.principal === "anonymous" ? "anonymous" : "service");
    else if (r.principal.endsWith(":root")) tags.push("root");
    if (iamCaller && resourceAccount !== callerAccount) tags.push("cross-account");
    const isTrust = r.action.action === "sts:AssumeRole";
    // Principals that are not IAM identities have no identity side (iam-simulate rejects one for anonymous).
    const hasIdentitySide = iamCaller && !r.principal.endsWith(":root");
    if (hasIdentitySide && r.identity.length > 0) {
      input.identityPolicies = r.identity.map((p) => p.doc);
      tags.push(r.identity.some((p) => p.managed) ? "managed" : "identity");
    }
    if (isTrust) {
      if (r.trust) {
        input.resourcePolicy = r.trust;
        tags.push("trust");
      } else tags.push("trust-missing");
    } else if (r.resourcePolicy) {
      input.resourcePolicy = r.resourcePolicy;
      tags.push("resource-policy");
    }
    if (hasIdentitySide && r.boundary) {
      input.permissionsBoundary = r.boundary;
      tags.push("boundary");
    }
    if (r.session && r.principal.includes(":assumed-role/")) {
      input.sessionPolicies = [r.session];
      tags.push("session");
    }
    if (iamCaller && r.scps) {
      input.scps = r.scps.map((extra) => (extra ? [FULL_AWS_ACCESS, extra] : [FULL_AWS_ACCESS]));
      tags.push("scp");
    }
    if (r.rcps) {
      input.rcps = r.rcps.map((p) => [p]);
      tags.push("rcp");
    }
    if (r.principal === SERVICE_LINKED_SESSION) {
      input.context = { ...input.context, "aws:PrincipalArn": SERVICE_LINKED_ROLE };
      tags.push("service-linked-role");
    }
    if (Object.keys(r.context).length > 0) tags.push("context");
    return { input, tags };
  });

/**
 * The mix: mostly general requests, some of the cases AWS documents apart (edge-scenarios.ts), and one
 * in five moved to the aws-cn or aws-us-gov partition (nearly always whole, sometimes only its caller
 * and resource).
 */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(
    fc.oneof({ weight: 6, arbitrary: generalArb }, { weight: 1, arbitrary: edgeScenarioArb }),
    fc.constantFrom<"aws" | "aws-cn" | "aws-us-gov">("aws", "aws", "aws", "aws", "aws", "aws", "aws", "aws", "aws-cn", "aws-us-gov"),
    fc.nat(5).map((n) => n > 0),
  )
  .map(([s, partition, whole]) => inPartition(s, partition, whole));

/** `count` scenarios, the same ones for the same seed. */
export function scenarios(seed: number, count: number): Scenario[] {
  return fc.sample(scenarioArb, { seed, numRuns: count });
}
