/**
 * The in-memory model of spec files and environments, as the loader hands it to the expectation
 * compiler. Everything here is already validated and resolved: policies are compiled, principals are
 * resolved against the environment, relative paths are gone. Anything a report may point at carries a
 * `SourcePos`. Plain data only (Maps and records); the functions that answer questions about it live in
 * the sibling modules (org.ts, principals.ts, context-keys.ts, resources.ts).
 */
import type { Assumptions, CompiledPolicyHandle, ContextScalar, ContextValue, PolicyType } from "../types.js";

/** A place in an input file. `line` and `column` are 1-based. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

// ---------------------------------------------------------------------------------------------
// Policies

/** How a policy reference was written (contract section 3, "policy reference"). */
export type PolicyOrigin =
  | "inline" // a mapping written in place
  | "file" // a JSON or YAML policy file
  | "aws-managed" // arn:aws:iam::aws:policy/...
  | "customer-managed" // arn:aws:iam::ACCOUNT:policy/NAME, from that account's `policies`
  | "FullAWSAccess" // the default SCP
  | "RCPFullAWSAccess"; // the default RCP, attached at every level

export interface LoadedPolicy {
  readonly handle: CompiledPolicyHandle;
  /** Shown to users: the file path, the managed policy ARN, "FullAWSAccess", "inline policy 2 of role/deploy". */
  readonly name: string;
  readonly type: PolicyType;
  readonly origin: PolicyOrigin;
  /** The policy file (origin "file"), or the file holding the inline document. */
  readonly file?: string;
  /** ARN of a managed policy (AWS or customer). */
  readonly arn?: string;
  /** The raw document, for reporters and the fuzzer (which mines it for interesting values). */
  readonly document: unknown;
  /** Where the reference was written (the list item, or the `trust:` value, ...). Absent for implicit defaults. */
  readonly pos?: SourcePos;
}

// ---------------------------------------------------------------------------------------------
// Environment

export type Tags = Readonly<Record<string, string>>;

export interface Environment {
  /** Account id -> account. Every account named under `accounts:`. */
  readonly accounts: ReadonlyMap<string, Account>;
  readonly organization?: Organization;
  /** Every file the environment was read from, in merge order (for reports and watch modes). */
  readonly files: readonly string[];
  /** The readings chosen under `assumptions:` for open points (src/evaluator/readings.ts). */
  readonly assumptions?: Assumptions;
}

export interface Account {
  readonly id: string;
  /** Optional alias from `name:`. */
  readonly name?: string;
  /** aws-cn or aws-us-gov: the partition of its principals' and policies' ARNs; absent: aws. */
  readonly partition?: string;
  readonly users: ReadonlyMap<string, User>;
  readonly groups: ReadonlyMap<string, Group>;
  readonly roles: ReadonlyMap<string, Role>;
  /** Customer managed policies of this account, by name. */
  readonly policies: ReadonlyMap<string, ManagedPolicy>;
  /** Resources listed under this account, by ARN. */
  readonly resources: ReadonlyMap<string, Resource>;
  /** VPC endpoints of this account, by id (vpce-...). */
  readonly vpcEndpoints: ReadonlyMap<string, VpcEndpoint>;
  readonly pos: SourcePos;
}

export interface ManagedPolicy {
  readonly name: string;
  /** arn:aws:iam::ACCOUNT:policy/[PATH]NAME */
  readonly arn: string;
  readonly path: string;
  readonly accountId: string;
  /** Compiled as an identity policy (what a user/group/role attachment uses). */
  readonly policy: LoadedPolicy;
  /**
   * Its other (non-default) versions by version id, compiled as identity policies (extension:
   * `versions:`; an authorizationDetails import lists them). Undefined: the environment does not say
   * which other versions exist (the open point policy-versions).
   */
  readonly versions?: ReadonlyMap<string, LoadedPolicy>;
  readonly pos: SourcePos;
}

export interface User {
  readonly kind: "user";
  /** arn:aws:iam::ACCOUNT:user/[PATH]NAME */
  readonly arn: string;
  readonly name: string;
  /** "/" or "/a/b/" (always starts and ends with "/"). */
  readonly path: string;
  readonly accountId: string;
  /** Stable fake unique id (AIDA...) used for aws:userid. */
  readonly uniqueId: string;
  readonly groups: readonly string[];
  /** The user's own policies followed by those of each group, in `groups` order. */
  readonly identityPolicies: readonly LoadedPolicy[];
  readonly boundary?: LoadedPolicy;
  readonly tags: Tags;
  readonly pos: SourcePos;
}

export interface Group {
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly accountId: string;
  readonly policies: readonly LoadedPolicy[];
  readonly pos: SourcePos;
}

export interface Role {
  readonly kind: "role";
  /** arn:aws:iam::ACCOUNT:role/[PATH]NAME */
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly accountId: string;
  /** Stable fake unique id (AROA...) used for aws:userid ("AROA...:SESSION"). */
  readonly uniqueId: string;
  /** The trust policy (compiled as type "trust"); a role without one can be assumed by nobody. */
  readonly trust?: LoadedPolicy;
  readonly identityPolicies: readonly LoadedPolicy[];
  readonly boundary?: LoadedPolicy;
  readonly tags: Tags;
  /** Seconds, 3600..43200; default 3600 (IAM/latest/APIReference/API_CreateRole.html). */
  readonly maxSessionDuration: number;
  readonly pos: SourcePos;
}

export interface Resource {
  readonly arn: string;
  /** The owning account. Undefined: an account outside the environment (an unlisted S3 ARN). */
  readonly accountId: string | undefined;
  readonly policy?: LoadedPolicy;
  readonly tags: Tags;
  /** An S3 access point: the name of the bucket it serves. */
  readonly bucket?: string;
  /** An S3 access point: s3:AccessPointNetworkOrigin of requests through it (default Internet). */
  readonly networkOrigin?: "Internet" | "VPC";
  /** A resource that runs as a role (runs-as-kinds.ts): the ARN of that role (extension). */
  readonly role?: string;
  /** Where it is listed; absent for a resource that no account lists (see resources.ts). */
  readonly pos?: SourcePos;
}

export interface VpcEndpoint {
  readonly id: string;
  readonly accountId: string;
  readonly policy?: LoadedPolicy;
  /** `type:` as declared; undefined leaves the point vpce-endpoint-type open. */
  readonly type?: "interface" | "gateway";
  readonly pos: SourcePos;
}

// ---------------------------------------------------------------------------------------------
// Organization

export interface Organization {
  /** o-xxxxxxxxxx */
  readonly id: string;
  /** SCPs do not restrict its principals and RCPs do not restrict its resources. */
  readonly managementAccount?: string;
  readonly root: OrgNode;
  /** Every account of the organization -> where it sits. The management account is included when placed. */
  readonly placements: ReadonlyMap<string, AccountPlacement>;
  readonly pos: SourcePos;
}

/** The root, an OU, or an account's own attachment level. */
export interface OrgNode {
  readonly kind: "root" | "ou" | "account";
  /** "Root", the OU's key, or the account id. */
  readonly name: string;
  /** r-xxxx, ou-xxxx-xxxxxxxx (given, or derived stably from the name path), or the account id. */
  readonly id: string;
  /** Explicit list, or [FullAWSAccess] when the level names no `scps`. */
  readonly scps: readonly LoadedPolicy[];
  /** RCPFullAWSAccess first, then the level's own `rcps`. */
  readonly rcps: readonly LoadedPolicy[];
  readonly children: readonly OrgNode[];
  readonly pos: SourcePos;
}

export interface AccountPlacement {
  readonly accountId: string;
  /** Root, then each OU down to the account's parent, then the account's own level. */
  readonly chain: readonly OrgNode[];
  /** aws:PrincipalOrgPaths / aws:ResourceOrgPaths value: "o-xxx/r-xxxx/ou-.../" (up to the parent OU). */
  readonly orgPath: string;
  /** One list per level, root first (EvaluateInput.scps). Empty for the management account. */
  readonly scpLevels: readonly (readonly LoadedPolicy[])[];
  readonly rcpLevels: readonly (readonly LoadedPolicy[])[];
}

// ---------------------------------------------------------------------------------------------
// Principals (contract section 4)

/** One concrete caller. `pos` is where it was written in the spec. */
export type Principal =
  | UserPrincipal
  | RoleSessionPrincipal
  | RootPrincipal
  | ExternalAccountPrincipal
  | ExternalArnPrincipal
  | ServicePrincipal
  | FederatedPrincipal
  | AnonymousPrincipal;

export interface PrincipalBase {
  /** As written in the spec (a string, or a compact rendering of the mapping form). */
  readonly written: string;
  readonly pos?: SourcePos;
}

export interface UserPrincipal extends PrincipalBase {
  readonly kind: "user";
  readonly user: User;
}

/**
 * A session of a role of the environment. Written as a role ARN or `role/NAME` (`sessionName` absent:
 * the expectation's `session.name`, default "iam-spec"), or as an sts assumed-role ARN (fixed name).
 */
export interface RoleSessionPrincipal extends PrincipalBase {
  readonly kind: "role-session";
  readonly role: Role;
  readonly sessionName?: string;
}

/** arn:aws:iam::ACCOUNT:root. `account` is set when the account is in the environment. */
export interface RootPrincipal extends PrincipalBase {
  readonly kind: "root";
  readonly accountId: string;
  readonly arn: string;
  readonly account?: Account;
}

/** "444455556666": some principal of an account outside the environment; identity policies allow everything. */
export interface ExternalAccountPrincipal extends PrincipalBase {
  readonly kind: "external-account";
  readonly accountId: string;
  /**
   * The organization the unknown account belongs to, where the fuzzed forms stand for principals of
   * another organization (aws:PrincipalOrgID and aws:PrincipalOrgPaths are then that organization's);
   * absent: an account in no organization.
   */
  readonly orgId?: string;
}

/** An IAM/STS ARN in an account outside the environment; identity policies allow everything. */
export interface ExternalArnPrincipal extends PrincipalBase {
  readonly kind: "external-arn";
  readonly accountId: string;
  /** As written, except that a role ARN stays a role ARN (its session ARN is `sessionArn`). */
  readonly arn: string;
  readonly resourceType: "user" | "role" | "assumed-role" | "federated-user";
  /** For a role: the session ARN the request really carries. */
  readonly sessionArn?: string;
}

export interface ServicePrincipal extends PrincipalBase {
  readonly kind: "service";
  /** lambda.amazonaws.com */
  readonly service: string;
}

/**
 * A web-identity (OIDC) or SAML provider. `{ federated: host }` matches the provider of the assumed
 * role's own account (`accountId` absent); a provider ARN fixes the account.
 */
export interface FederatedPrincipal extends PrincipalBase {
  readonly kind: "federated";
  readonly protocol: "oidc" | "saml";
  /** token.actions.githubusercontent.com, or the SAML provider name (Okta). */
  readonly provider: string;
  readonly accountId?: string;
  /** arn:aws:iam::ACCOUNT:oidc-provider/HOST or :saml-provider/NAME, when written as an ARN. */
  readonly arn?: string;
}

export interface AnonymousPrincipal extends PrincipalBase {
  readonly kind: "anonymous";
}

/** The scope of a fuzzed set: an account id, an organization id, or "*" (everything). */
export type PrincipalScope =
  | { readonly kind: "any" }
  | { readonly kind: "account"; readonly accountId: string }
  | { readonly kind: "organization"; readonly orgId: string };

/**
 * (mayNot only) A fuzzed set of principals: `"*"` / `{ from: "*" }` (any), `{ from: X }`,
 * `{ notFrom: X }`. Root users are left out unless `includeRoot`.
 */
export interface PrincipalSet extends PrincipalBase {
  readonly kind: "set";
  readonly mode: "from" | "notFrom";
  readonly scope: PrincipalScope;
  readonly except: readonly Principal[];
  readonly includeRoot: boolean;
}

export type PrincipalRef = Principal | PrincipalSet;

// ---------------------------------------------------------------------------------------------
// Specs and expectations (contract section 2)

export interface Spec {
  /** Path of the spec file as given to the loader (reports make it relative to the cwd). */
  readonly file: string;
  /** `name:`, or the file name without the .iamspec.* suffix. */
  readonly name: string;
  readonly environment: Environment;
  readonly expectations: readonly Expectation[];
}

/** A pattern exactly as written (action or resource ARN), with its position. */
export interface Written {
  readonly text: string;
  readonly pos: SourcePos;
}

/** A `when` value: a context value, or (mayNot only) "present with any value except these". */
export type WhenValue = ContextValue | { readonly not: readonly ContextScalar[] };

export interface WhenEntry {
  /** The key as written (condition keys are case-insensitive; the compiler folds them). */
  readonly key: string;
  readonly value: WhenValue;
  readonly pos: SourcePos;
}

export interface SessionSpec {
  /** Default "iam-spec". */
  readonly name: string;
  /** Whether `session.name` was written: a written name is pinned, a default one the fuzzer may vary. */
  readonly nameWritten?: boolean;
  /** Compiled as type "session". */
  readonly policies: readonly LoadedPolicy[];
  readonly tags: Tags;
  readonly sourceIdentity?: string;
  readonly durationSeconds?: number;
  /** aws:FederatedProvider of the session, when `assumedBy` is a web-identity provider (set by src/compile/chain.ts, never by the loader). */
  readonly federatedProvider?: string;
  /** Where `session:` was written; absent when the expectation has none. */
  readonly pos?: SourcePos;
}

/** What an expectation asks: one request (`may`, `mayNot`) or a path between principals (contract section 2a). */
export type Effect = "may" | "mayNot" | "mayBecome" | "mayNotBecome";

/**
 * A target of mayBecome / mayNotBecome: `admin` (any principal, a modified one included, whose
 * effective permissions allow every action on every resource), or a user or role of the environment.
 */
export type BecomeTarget =
  | { readonly kind: "admin"; readonly written: string; readonly pos: SourcePos }
  | { readonly kind: "principal"; readonly principal: UserPrincipal | RoleSessionPrincipal; readonly written: string; readonly pos: SourcePos };

export interface Expectation {
  /** `it:`, or a default derived from the effect, actions and principal. */
  readonly it: string;
  readonly as: PrincipalRef;
  /** The chain that assumes the role in `as`, first hop first; empty when not given. */
  readonly assumedBy: readonly Principal[];
  readonly effect: Effect;
  /** Action names or patterns as written; the compiler expands them. Empty only for mayBecome/mayNotBecome. */
  readonly actions: readonly Written[];
  /** mayBecome / mayNotBecome: the principals (or `admin`) to become, as written; empty otherwise. */
  readonly targets?: readonly BecomeTarget[];
  /** Resource ARNs or patterns; `["*"]` when `on` is not given. */
  readonly on: { readonly match: readonly Written[]; readonly except: readonly Written[] };
  readonly when: readonly WhenEntry[];
  readonly session: SessionSpec;
  readonly exact: boolean;
  /** Fuzzing budget; undefined: the run's default (--runs). */
  readonly runs?: number;
  /** The list item of the expectation. */
  readonly pos: SourcePos;
  /** Index in the spec's `expect` list. */
  readonly index: number;
}
