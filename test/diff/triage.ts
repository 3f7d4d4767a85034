/**
 * Triage of a disagreement between evaluate() and iam-simulate. Every known cause names the section
 * of docs/differences.md that quotes the AWS documentation deciding it, and proves itself on the case
 * at hand rather than by pattern alone:
 * - "oracle" causes rewrite the input so that iam-simulate is made to apply the AWS rule it misses
 *   (give the root user its implicit full access, say); the cause holds if iam-simulate then agrees.
 * - "rule" causes are absolute AWS rules whose `applies` states the whole case (the root user cannot
 *   call AssumeRole at all).
 * - "ours" causes take away the one feature our evaluator treats as AWS documents it (a boundary, a
 *   session policy); the cause holds if our evaluator then gives iam-simulate's answer, i.e. that
 *   feature alone makes the difference.
 */
import { evaluate } from "../../src/index.js";
import type { Decision, EvaluateInput, PolicyDocument, PolicyLike } from "../../src/types.js";
import { SERVICE_LINKED_SESSION } from "./catalogue.js";
import { AWS_OWNED } from "./edge-scenarios.js";
import { oracleDecide, withDerivedContext } from "./oracle.js";

export type Side = "iam-simulate" | "silent" | "ours" | "unknown";

export interface Verdict {
  /** Known cause ids joined with "+", or "unexplained". */
  id: string;
  /** iam-simulate diverges from AWS / AWS docs are silent and we fail closed / our bug (pending our fix). */
  side: Side;
}

type Check =
  | { kind: "oracle"; emulate: (input: EvaluateInput) => EvaluateInput }
  | { kind: "ours"; ablate: (input: EvaluateInput) => EvaluateInput }
  /** An absolute rule of the AWS docs that `applies` already checks in full (nothing to rewrite). */
  | { kind: "rule" };

export interface KnownCause {
  id: string;
  side: Exclude<Side, "unknown">;
  /** Heading anchor in docs/differences.md. */
  doc: string;
  applies: (input: EvaluateInput, ours: Decision | "error", theirs: Decision) => boolean;
  check: Check;
}

// --- helpers over the documents of a request -------------------------------------------------------

type Doc = PolicyDocument & { Statement: unknown };
const statementsOf = (d: PolicyLike): Record<string, unknown>[] => {
  const s = (d as Doc).Statement;
  return (Array.isArray(s) ? s : [s]) as Record<string, unknown>[];
};
const listOf = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function allDocs(input: EvaluateInput): PolicyLike[] {
  return [
    ...(input.identityPolicies ?? []),
    ...(input.resourcePolicy ? [input.resourcePolicy] : []),
    ...(input.permissionsBoundary ? [input.permissionsBoundary] : []),
    ...(input.sessionPolicies ?? []),
    ...(input.vpcEndpointPolicies ?? []),
    ...(input.scps ?? []).flat(),
    ...(input.rcps ?? []).flat(),
  ];
}

/** The same request with every document passed through `fn` (documents are never edited in place). */
function mapDocs(input: EvaluateInput, fn: (d: Doc) => Doc): EvaluateInput {
  const m = (d: PolicyLike): PolicyLike => fn(d as Doc);
  return {
    ...input,
    ...(input.identityPolicies ? { identityPolicies: input.identityPolicies.map(m) } : {}),
    ...(input.resourcePolicy ? { resourcePolicy: m(input.resourcePolicy) } : {}),
    ...(input.permissionsBoundary ? { permissionsBoundary: m(input.permissionsBoundary) } : {}),
    ...(input.sessionPolicies ? { sessionPolicies: input.sessionPolicies.map(m) } : {}),
    ...(input.scps ? { scps: input.scps.map((l) => l.map(m)) } : {}),
    ...(input.rcps ? { rcps: input.rcps.map((l) => l.map(m)) } : {}),
  };
}

const mapStatements = (d: Doc, fn: (s: Record<string, unknown>) => Record<string, unknown> | null): Doc => ({
  ...d,
  Statement: statementsOf(d).map(fn).filter((s): s is Record<string, unknown> => s !== null),
});

const hasContext = (input: EvaluateInput, key: string): boolean =>
  Object.keys(input.context ?? {}).some((k) => k.toLowerCase() === key.toLowerCase() && input.context?.[k] != null);

/** NotResource entries whose ${...} variables have no value in the request AWS sees. */
function unresolvedEntries(i: EvaluateInput, notResource: unknown): unknown[] {
  const ctx = withDerivedContext(i).context ?? {};
  const present = new Set(Object.keys(ctx).filter((k) => ctx[k] != null).map((k) => k.toLowerCase()));
  return listOf(notResource).filter(
    (e) => typeof e === "string" && [...e.matchAll(/\$\{([^},]+)\}/g)].some((m) => !present.has(m[1]!.trim().toLowerCase())),
  );
}

/**
 * Whether a Deny with this NotPrincipal spares the caller. "AWS might validate the account first, then
 * the role, and then the assumed-role user" (reference_policies_elements_notprincipal.html): the caller
 * is spared only if its account and each of its own ARNs are listed. With a permissions boundary, a
 * NotPrincipal Deny spares no IAM principal at all (same page).
 */
function notPrincipalExempts(i: EvaluateInput, np: unknown): boolean {
  const m = /^arn:(aws[\w-]*):(iam|sts)::(\d{12}):(user|assumed-role|root)\/?([^/]*)/.exec(i.principal);
  const block = (typeof np === "object" && np !== null ? np : {}) as Record<string, unknown>;
  if (!m) return listOf(block.Service).includes(i.principal) || listOf(block.Federated).includes(i.principal);
  if (i.permissionsBoundary && m[4] !== "root") return false;
  const aws = new Set(listOf(block.AWS).map(String));
  const [, partition, , account, type, name] = m;
  const accountListed = aws.has(account!) || aws.has(`arn:${partition}:iam::${account}:root`);
  if (type === "root") return accountListed;
  if (type === "user") return accountListed && aws.has(i.principal);
  return accountListed && aws.has(`arn:${partition}:iam::${account}:role/${name}`) && aws.has(i.principal);
}

/** The ARN with its partition written as aws (the generator moves whole requests to aws-cn / aws-us-gov). */
const inAws = (arn: string): string => arn.replace(/^arn:aws[\w-]*:/, "arn:aws:");

/** A change AWS refuses on a resource it owns, whatever the policies say (edge-scenarios.ts AWS_OWNED). */
const isAwsOwnedChange = (i: EvaluateInput): boolean =>
  AWS_OWNED.some((o) => inAws(i.resource) === o.resource && o.actions.some((a) => a.toLowerCase() === i.action.toLowerCase()));

/** Built-in web identity providers iam-simulate does not know as such (it knows Cognito's). */
const UNKNOWN_TO_ORACLE = new Set(["accounts.google.com", "graph.facebook.com", "www.amazon.com"]);

const ROOT = /^arn:aws[\w-]*:iam::\d{12}:root$/;

const EPOCH = /^\d{9,10}$/;
const isoOf = (epochSeconds: string): string => new Date(Number(epochSeconds) * 1000).toISOString().replace(".000Z", "Z");

function epochAsIsoOrNumeric(s: Record<string, unknown>): Record<string, unknown> {
  const cond = s.Condition as Record<string, Record<string, unknown>> | undefined;
  if (!cond) return s;
  const out: Record<string, Record<string, unknown>> = {};
  const put = (op: string, key: string, v: unknown): boolean => {
    const block = (out[op] ??= {});
    if (key in block) return false;
    block[key] = v;
    return true;
  };
  for (const [op, block] of Object.entries(cond)) {
    for (const [key, v] of Object.entries(block)) {
      if (!op.startsWith("Date")) {
        if (!put(op, key, v)) return s;
        continue;
      }
      const values = listOf(v);
      const ok =
        key.toLowerCase() === "aws:epochtime"
          ? put(op.replace(/^Date/, "Numeric"), key, values.map((x) => (typeof x === "string" && !EPOCH.test(x) ? String(Math.floor(Date.parse(x) / 1000)) : x)))
          : put(op, key, values.map((x) => (typeof x === "string" && EPOCH.test(x) ? isoOf(x) : x)));
      if (!ok) return s;
    }
  }
  return { ...s, Condition: out };
}

// RCP-supported services (organizations/latest/userguide/orgs_manage_policies_rcps.html, the list in
// docs/aws-semantics-decision.md §6), as far as the generator's actions go: lambda, sns, iam, ec2 and
// cloudwatch are not on it.
const RCP_SERVICES = new Set(["s3", "sts", "kms", "sqs", "secretsmanager", "dynamodb", "logs"]);
const serviceOf = (action: string): string => action.slice(0, action.indexOf(":")).toLowerCase();

const ALLOW_ALL: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

// --- the known causes ------------------------------------------------------------------------------

export const KNOWN_CAUSES: readonly KnownCause[] = [
  {
    id: "root-user-full-access",
    side: "iam-simulate",
    doc: "root-user",
    applies: (i) => ROOT.test(i.principal),
    // The root user "has full access" with no policy attached: give iam-simulate that as a policy.
    check: { kind: "oracle", emulate: (i) => ({ ...i, identityPolicies: [ALLOW_ALL] }) },
  },
  {
    id: "rcp-unsupported-service",
    side: "iam-simulate",
    doc: "rcps-apply-only-to-supported-services",
    applies: (i) => (i.rcps?.length ?? 0) > 0 && !RCP_SERVICES.has(serviceOf(i.action)),
    check: { kind: "oracle", emulate: (i) => ({ ...i, rcps: [] }) },
  },
  {
    id: "scp-rcp-service-linked-role",
    side: "iam-simulate",
    doc: "scps-and-rcps-do-not-restrict-service-linked-roles",
    applies: (i) => inAws(i.principal) === SERVICE_LINKED_SESSION && ((i.scps?.length ?? 0) > 0 || (i.rcps?.length ?? 0) > 0),
    check: { kind: "oracle", emulate: (i) => ({ ...i, scps: [], rcps: [] }) },
  },
  {
    id: "assume-role-without-trust-policy",
    side: "iam-simulate",
    doc: "assumerole-without-a-trust-policy",
    applies: (i, ours, theirs) => i.action.toLowerCase() === "sts:assumerole" && !i.resourcePolicy && ours === "ImplicitDeny" && theirs === "Allow",
    // A role with no trust policy cannot be assumed: in iam-simulate's terms, a trust policy that trusts no one.
    check: { kind: "oracle", emulate: (i) => ({ ...i, resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "sts:AssumeRole" }] } }) },
  },
  {
    id: "root-cannot-assume-role",
    side: "iam-simulate",
    doc: "the-root-user-cannot-assume-a-role",
    applies: (i, ours) => ROOT.test(i.principal) && i.action.toLowerCase() === "sts:assumerole" && ours === "ImplicitDeny",
    check: { kind: "rule" },
  },
  {
    id: "anonymous-cannot-assume-role",
    side: "iam-simulate",
    doc: "an-unauthenticated-caller-cannot-assume-a-role",
    applies: (i, ours) => i.principal === "anonymous" && /^sts:(assumerole|assumerolewithsaml|assumerolewithwebidentity|tagsession|setsourceidentity)$/.test(i.action.toLowerCase()) && ours === "ImplicitDeny",
    check: { kind: "rule" },
  },
  {
    id: "only-providers-exchange-tokens",
    side: "iam-simulate",
    doc: "only-an-identity-provider-calls-assumerolewithwebidentity-and-assumerolewithsaml",
    applies: (i, ours) =>
      /^sts:assumerolewith(webidentity|saml)$/.test(i.action.toLowerCase()) &&
      !/:(oidc|saml)-provider\//.test(i.principal) &&
      !/^(cognito-identity\.amazonaws\.com|accounts\.google\.com|graph\.facebook\.com|www\.amazon\.com)$/.test(i.principal) &&
      ours === "ImplicitDeny",
    check: { kind: "rule" },
  },
  {
    id: "resource-star-matches-only-star",
    side: "iam-simulate",
    doc: "a-request-on--actions-without-resource-level-permissions",
    applies: (i) => i.resource === "*",
    // A request whose resource is "*" is matched by Resource "*" only, and by every NotResource that
    // does not list "*": rewrite statements so that iam-simulate sees exactly that.
    check: {
      kind: "oracle",
      emulate: (i) =>
        mapDocs(i, (d) =>
          mapStatements(d, (s) => {
            if (s.NotResource !== undefined) {
              if (listOf(s.NotResource).includes("*")) return null;
              const { NotResource: _, ...rest } = s;
              return { ...rest, Resource: "*" };
            }
            if (s.Resource === undefined || listOf(s.Resource).includes("*")) return s;
            return null;
          }),
        ),
    },
  },
  {
    id: "notprincipal-account-then-role-then-session",
    side: "iam-simulate",
    doc: "notprincipal-exempts-a-caller-only-when-all-of-its-arns-are-listed",
    applies: (i) => !!i.resourcePolicy && statementsOf(i.resourcePolicy).some((s) => s.NotPrincipal !== undefined),
    // Rewrite each NotPrincipal statement as AWS reads it for this caller: gone where the caller is
    // exempt, Principal "*" where it is not.
    check: {
      kind: "oracle",
      emulate: (i) => ({
        ...i,
        resourcePolicy: mapStatements(i.resourcePolicy as Doc, (s) => {
          if (s.NotPrincipal === undefined) return s;
          if (notPrincipalExempts(i, s.NotPrincipal)) return null;
          const { NotPrincipal: _, ...rest } = s;
          return { ...rest, Principal: "*" };
        }),
      }),
    },
  },
  {
    id: "epoch-seconds",
    side: "iam-simulate",
    doc: "epoch-dates-are-seconds",
    applies: (i) =>
      allDocs(i).some((d) => /"Date[A-Za-z]*":\{[^}]*"\d{9,10}"/.test(JSON.stringify(d))) ||
      (hasContext(i, "aws:EpochTime") && allDocs(i).some((d) => /"Date[A-Za-z]*":\{[^}]*"aws:EpochTime"/i.test(JSON.stringify(d)))),
    // Date operators take epoch seconds. Say the same thing in terms iam-simulate reads right: an epoch
    // value compared with another key becomes ISO 8601; a Date comparison of aws:EpochTime (whose value
    // is epoch seconds) becomes the Numeric comparison of seconds it stands for.
    check: { kind: "oracle", emulate: (i) => mapDocs(i, (d) => mapStatements(d, epochAsIsoOrNumeric)) },
  },
  {
    id: "version-2008-variables-literal",
    side: "iam-simulate",
    doc: "version-2008-10-17-variables",
    applies: (i) => allDocs(i).some((d) => (d as Doc).Version !== "2012-10-17" && JSON.stringify(d).includes("${")),
    // Under 2008-10-17 "${aws:username}" is plain text: replace it with text no request contains.
    check: {
      kind: "oracle",
      emulate: (i) => mapDocs(i, (d) => (d.Version === "2012-10-17" ? d : (JSON.parse(JSON.stringify(d).replaceAll("${", "LITERAL-DOLLAR{")) as Doc))),
    },
  },
  {
    id: "unresolved-variable-in-notresource-matches-nothing",
    side: "iam-simulate",
    doc: "a-variable-with-no-value-in-notresource",
    applies: (i) => allDocs(i).some((d) => (d as Doc).Version === "2012-10-17" && statementsOf(d).some((s) => unresolvedEntries(i, s.NotResource).length > 0)),
    // "the resource that includes a policy variable with no value will not match any resource": write
    // such an entry as an ARN that matches nothing.
    check: {
      kind: "oracle",
      emulate: (i) =>
        mapDocs(i, (d) =>
          d.Version !== "2012-10-17"
            ? d
            : mapStatements(d, (s) => {
                const gone = unresolvedEntries(i, s.NotResource);
                if (gone.length === 0) return s;
                return { ...s, NotResource: listOf(s.NotResource).map((e) => (gone.includes(e) ? "arn:aws:s3:::no-such-resource-unresolved" : e)) };
              }),
        ),
    },
  },
  {
    id: "session-arn-grant-not-limited-by-session-policy",
    side: "iam-simulate",
    doc: "session-arn-grants-and-session-policies",
    applies: (i) => (i.sessionPolicies?.length ?? 0) > 0 && !!i.resourcePolicy && JSON.stringify(i.resourcePolicy).includes(`"${i.principal}"`),
    // A grant to the session ARN is added after the session policy applies: iam-simulate, without the
    // session policy, must then agree.
    check: { kind: "oracle", emulate: (i) => ({ ...i, sessionPolicies: [] }) },
  },
  {
    id: "builtin-web-identity-provider",
    side: "iam-simulate",
    doc: "built-in-web-identity-providers",
    applies: (i) => UNKNOWN_TO_ORACLE.has(i.principal.toLowerCase()),
    // A trust policy names a built-in provider by its name, as it names an OIDC provider by its ARN:
    // say it to iam-simulate with the provider written as an OIDC provider ARN of the role's account.
    check: {
      kind: "oracle",
      emulate: (i) => {
        const partition = /^arn:([^:]+):/.exec(i.resource)?.[1] ?? "aws";
        const asArn = (p: string) => `arn:${partition}:iam::${i.resourceAccount ?? ""}:oidc-provider/${p}`;
        return {
          ...mapDocs(i, (d) =>
            mapStatements(d, (s) => {
              const block = (s.Principal ?? s.NotPrincipal) as { Federated?: unknown } | undefined;
              if (typeof block !== "object" || block === null || block.Federated === undefined) return s;
              const federated = listOf(block.Federated).map((f) => (typeof f === "string" && UNKNOWN_TO_ORACLE.has(f.toLowerCase()) ? asArn(f) : f));
              return { ...s, [s.Principal !== undefined ? "Principal" : "NotPrincipal"]: { ...block, Federated: federated } };
            }),
          ),
          principal: asArn(i.principal),
        };
      },
    },
  },
  {
    id: "aws-owned-resources",
    side: "iam-simulate",
    doc: "changes-to-resources-aws-owns",
    // iam-simulate allows some of them; where both refuse, one may say ImplicitDeny and the other the
    // explicit deny the caller's policies also hold: both are refusals.
    applies: (i, ours) => isAwsOwnedChange(i) && ours !== "Allow",
    check: { kind: "rule" },
  },
  {
    id: "boundary-limits-assume-role",
    side: "iam-simulate",
    doc: "a-boundary-must-allow-stsassumerole",
    applies: (i, ours, theirs) => i.action.toLowerCase() === "sts:assumerole" && !!i.permissionsBoundary && ours === "ImplicitDeny" && theirs === "Allow",
    check: { kind: "ours", ablate: (i) => ({ ...i, permissionsBoundary: undefined }) },
  },
  {
    id: "wildcard-principal-grant-vs-boundary-or-session",
    side: "silent",
    doc: "principal--grants-and-boundaries-or-session-policies",
    applies: (i, ours, theirs) =>
      !!i.resourcePolicy &&
      statementsOf(i.resourcePolicy).some((s) => s.Effect === "Allow" && (s.Principal === "*" || listOf((s.Principal as { AWS?: unknown } | undefined)?.AWS).includes("*"))) &&
      (!!i.permissionsBoundary || (i.sessionPolicies?.length ?? 0) > 0) &&
      ours === "ImplicitDeny" &&
      theirs === "Allow",
    check: { kind: "ours", ablate: (i) => ({ ...i, permissionsBoundary: undefined, sessionPolicies: [] }) },
  },
];

/**
 * Our bugs found by the harness, pending our fix in src/ (the lead's): each entry keeps the fast slice
 * honest until the fix lands, and is then deleted (the slice test fails when an entry explains nothing).
 */
export const PENDING_OUR_FIX: readonly KnownCause[] = [];

export async function triage(input: EvaluateInput, ours: Decision | "error", theirs: Decision, withOracle: (i: EvaluateInput) => EvaluateInput = (i) => i): Promise<Verdict> {
  const causes = [...PENDING_OUR_FIX, ...KNOWN_CAUSES].filter((c) => c.applies(input, ours, theirs));
  const oursOn = (i: EvaluateInput): string => {
    try {
      return evaluate(i).decision;
    } catch {
      return "error";
    }
  };
  // One cause alone.
  for (const c of causes) {
    if (c.check.kind === "oracle") {
      if ((await oracleDecide(withOracle(c.check.emulate(input)))).decision === ours) return { id: c.id, side: c.side };
    } else if (c.check.kind === "rule") return { id: c.id, side: c.side };
    else if (oursOn(c.check.ablate(input)) === theirs) return { id: c.id, side: c.side };
  }
  // Several causes together: all oracle emulations at once, then each of ours on top.
  const oracleCauses = causes.filter((c) => c.check.kind === "oracle");
  if (oracleCauses.length > 0) {
    let emulated = input;
    for (const c of oracleCauses) if (c.check.kind === "oracle") emulated = c.check.emulate(emulated);
    const theirsEmulated = (await oracleDecide(withOracle(emulated))).decision;
    if (theirsEmulated === ours) {
      // Keep only the causes that are needed: drop each in turn and see whether agreement survives.
      let needed = [...oracleCauses];
      for (const c of oracleCauses) {
        const rest = needed.filter((x) => x !== c);
        if (rest.length === 0) continue;
        let e = input;
        for (const x of rest) if (x.check.kind === "oracle") e = x.check.emulate(e);
        if ((await oracleDecide(withOracle(e))).decision === ours) needed = rest;
      }
      return { id: needed.map((c) => c.id).join("+"), side: sideOf(needed) };
    }
    const ids = oracleCauses.map((c) => c.id);
    // What is left is between our evaluator and iam-simulate-with-AWS's-rules: the other causes are
    // judged against that answer.
    const rest = [...PENDING_OUR_FIX, ...KNOWN_CAUSES].filter((c) => c.check.kind !== "oracle" && c.applies(input, ours, theirsEmulated as Decision));
    for (const c of rest) {
      if (c.check.kind === "rule" || (c.check.kind === "ours" && oursOn(c.check.ablate(input)) === theirsEmulated)) {
        return { id: [...ids, c.id].join("+"), side: sideOf([...oracleCauses, c]) };
      }
    }
  }
  return { id: "unexplained", side: "unknown" };
}

function sideOf(causes: readonly KnownCause[]): Side {
  if (causes.some((c) => c.side === "ours")) return "ours";
  if (causes.some((c) => c.side === "silent")) return "silent";
  return "iam-simulate";
}
