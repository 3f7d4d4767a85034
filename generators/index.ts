/**
 * iam-spec's request generators, for users' own property tests (`iam-spec/generators`). Each is a
 * fast-check arbitrary built from the literals of the policies in play; see docs/fuzzing.md.
 */
export { actionArbitrary } from "./action.js";
export { conditionValueArbitrary, conditionValuePoints, isMultiValued, valueFamily, type ValueFamily } from "./conditionValue.js";
export { dateAroundArbitrary, datePoints, isoSeconds } from "./dateAround.js";
export { ipAddressArbitrary, ipPoints } from "./ipAddress.js";
export { numberAroundArbitrary, numberPoints } from "./numberAround.js";
export { principalArbitrary } from "./principal.js";
export { requestArbitrary, type GeneratedRequest, type RequestModel } from "./request.js";
export { requestContextArbitrary, type ContextKeyPlan } from "./requestContext.js";
export { resourceArnArbitrary } from "./resourceArn.js";
export { instanceOf, SAMPLE, stringNearArbitrary, stringPoints } from "./stringNear.js";
export { mineDocuments, type KeyUse, type Mined } from "../src/fuzz/mine.js";
export { realistic, keyApplies, isRequiredKey, type RequestFacts, type CallerKind } from "../src/context/realism.js";
export { rankActions, type RankedActions } from "../src/fuzz/actions.js";
