/** The model stage: what the loader builds and the compiler consumes. */
export type * from "./types.js";
export { principalContextKeys, resourceContextKeys, type DerivedContext, type SessionInfo } from "./context-keys.js";
export { resolvePrincipal, type ResolveOptions, type Resolved } from "./principals.js";
export { membersOf, unusedAccountId, type SetMembers } from "./principal-sets.js";
export { lookupResource, findListedResource, findVpcEndpoint, environmentArns, type ResourceLookup } from "./resources.js";
export { sessionArn, iamArn } from "./arn.js";
export { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS } from "../load/policy-ref.js";
