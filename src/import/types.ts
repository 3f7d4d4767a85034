/** What one import gives the loader (see index.ts for how it is merged into an environment). */
import type { InputError } from "../load/errors.js";
import type { LNode } from "../load/located.js";
import type { SourcePos } from "../model/types.js";
import type { Definition, RoleRef } from "./fragment.js";
import type { UnknownValue } from "./unknown.js";

/** An SCP or RCP and where it is attached (root r-..., OU ou-..., or an account id). */
export interface OrgPolicyAttachment {
  readonly type: "scp" | "rcp";
  readonly targetId: string;
  /** The policy document (located) or a reference string (FullAWSAccess). */
  readonly policy: LNode;
  /** The attachment in the source. */
  readonly pos: SourcePos;
}

export interface ImportResult {
  /**
   * `{ accounts: { ID: { users, groups, roles, policies, resources, vpcEndpoints } } }`: the shape of
   * a hand-written environment, policy documents inline, every node positioned in the source file.
   * Undefined when the source could not be read at all.
   */
  readonly fragment?: LNode;
  readonly orgPolicies: readonly OrgPolicyAttachment[];
  readonly errors: InputError[];
  readonly warnings: InputError[];
  readonly unknowns: readonly UnknownValue[];
  /** The file read. */
  readonly file?: string;
  /** What the source defines in `fragment` (for the duplicate-definition warning across imports). */
  readonly definitions?: readonly Definition[];
  /** ARNs whose policy the source assembles statement by statement (Fragment.statements). */
  readonly assembled?: readonly string[];
  /** `role:` references the import could not check itself (Fragment.roleRefs). */
  readonly roleRefs?: readonly RoleRef[];
}
