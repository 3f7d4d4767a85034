/**
 * Builds model objects (src/model/types.ts) by hand, so the compiler is tested without the loader.
 */
import { compilePolicy } from "../../src/index.js";
import type {
  Account,
  Environment,
  Expectation,
  LoadedPolicy,
  Organization,
  OrgNode,
  PrincipalRef,
  Resource,
  Role,
  SessionSpec,
  SourcePos,
  User,
  WhenEntry,
} from "../../src/model/types.js";
import type { PolicyType } from "../../src/types.js";

export const POS: SourcePos = { file: "test.iamspec.yaml", line: 3, column: 5 };

export function policy(doc: unknown, type: PolicyType, name = `${type} policy`): LoadedPolicy {
  return {
    handle: compilePolicy(doc as never, type, { name }),
    name,
    type,
    origin: "inline",
    document: doc,
  };
}

export function allow(action: string | string[], resource: string | string[] = "*", condition?: unknown) {
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) }] };
}

export function user(accountId: string, name: string, opts: { policies?: unknown[]; tags?: Record<string, string>; boundary?: unknown } = {}): User {
  return {
    kind: "user",
    arn: `arn:aws:iam::${accountId}:user/${name}`,
    name,
    path: "/",
    accountId,
    uniqueId: `AIDA${name.toUpperCase()}`,
    groups: [],
    identityPolicies: (opts.policies ?? []).map((d) => policy(d, "identity")),
    ...(opts.boundary ? { boundary: policy(opts.boundary, "boundary") } : {}),
    tags: opts.tags ?? {},
    pos: POS,
  };
}

export function role(
  accountId: string,
  name: string,
  opts: { trust?: unknown; policies?: unknown[]; tags?: Record<string, string>; maxSessionDuration?: number } = {},
): Role {
  return {
    kind: "role",
    arn: `arn:aws:iam::${accountId}:role/${name}`,
    name,
    path: "/",
    accountId,
    uniqueId: `AROA${name.toUpperCase()}`,
    ...(opts.trust ? { trust: policy(opts.trust, "trust") } : {}),
    identityPolicies: (opts.policies ?? []).map((d) => policy(d, "identity")),
    tags: opts.tags ?? {},
    maxSessionDuration: opts.maxSessionDuration ?? 3600,
    pos: POS,
  };
}

export function account(id: string, parts: { users?: User[]; roles?: Role[]; resources?: Record<string, unknown | null> } = {}): Account {
  const resources = new Map<string, Resource>();
  // Account 111122223333 lists the tests' bucket unless told otherwise: an S3 bucket no account lists
  // belongs to an account outside the environment (contract section 3).
  const listed = parts.resources ?? (id === "111122223333" ? { "arn:aws:s3:::acme-artifacts": null } : {});
  for (const [arn, doc] of Object.entries(listed)) {
    resources.set(arn, { arn, accountId: id, ...(doc ? { policy: policy(doc, "resource", `policy of ${arn}`) } : {}), tags: {}, pos: POS });
  }
  return {
    id,
    users: new Map((parts.users ?? []).map((u) => [u.name, u])),
    groups: new Map(),
    roles: new Map((parts.roles ?? []).map((r) => [r.name, r])),
    policies: new Map(),
    resources,
    vpcEndpoints: new Map(),
    pos: POS,
  };
}

/** An organization with every given account directly under the root, `scp` attached at the root next to FullAWSAccess. */
export function org(accounts: string[], management: string, scp?: unknown): Organization {
  const full = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }, "scp", "FullAWSAccess");
  const rcpFull = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] }, "rcp", "RCPFullAWSAccess");
  const rootScps = scp ? [full, policy(scp, "scp", "guardrail")] : [full];
  const node = (kind: OrgNode["kind"], name: string, id: string, scps: LoadedPolicy[], children: OrgNode[] = []): OrgNode => ({
    kind,
    name,
    id,
    scps,
    rcps: [rcpFull],
    children,
    pos: POS,
  });
  const leaves = accounts.map((a) => node("account", a, a, [full]));
  const root = node("root", "Root", "r-abcd", rootScps, leaves);
  return {
    id: "o-a1b2c3d4e5",
    managementAccount: management,
    root,
    placements: new Map(
      accounts.map((a, i) => [
        a,
        {
          accountId: a,
          chain: [root, leaves[i]!],
          orgPath: "o-a1b2c3d4e5/r-abcd/",
          scpLevels: a === management ? [] : [root.scps, leaves[i]!.scps],
          rcpLevels: a === management ? [] : [root.rcps, leaves[i]!.rcps],
        },
      ]),
    ),
    pos: POS,
  };
}

export function environment(accounts: Account[], organization?: Organization): Environment {
  return { accounts: new Map(accounts.map((a) => [a.id, a])), ...(organization ? { organization } : {}), files: [] };
}

const w = (text: string) => ({ text, pos: POS });

export function expect(
  e: {
    as: PrincipalRef;
    may?: string[];
    mayNot?: string[];
    on?: string[];
    except?: string[];
    when?: Record<string, WhenEntry["value"]>;
    assumedBy?: Expectation["assumedBy"];
    session?: Partial<SessionSpec>;
    exact?: boolean;
  },
): Expectation {
  return {
    it: "test expectation",
    as: e.as,
    assumedBy: e.assumedBy ?? [],
    effect: e.may ? "may" : "mayNot",
    actions: (e.may ?? e.mayNot ?? []).map(w),
    on: { match: (e.on ?? ["*"]).map(w), except: (e.except ?? []).map(w) },
    when: Object.entries(e.when ?? {}).map(([key, value]) => ({ key, value, pos: POS })),
    session: { name: "iam-spec", policies: [], tags: {}, ...e.session },
    exact: e.exact ?? false,
    pos: POS,
    index: 0,
  };
}
