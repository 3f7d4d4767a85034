/**
 * iam-spec's library entry point (contract section 7 of spec-format.md).
 */
export { evaluate, evaluateWithMatches, explain, compilePolicy, RequestInputError } from "./evaluator/evaluate.js";
export { validatePolicy } from "./policy/validate.js";
export { PolicyValidationError, formatPath, type PolicyIssue, type JsonPath } from "./policy/issues.js";
export { loadEnvironment, IamEnvironment, InputErrors, type LoadEnvironmentOptions } from "./api/environment.js";
export type * from "./types.js";
