/** The fuzzer: a RequestSource for `mayNot` expectations (see docs/fuzzing.md). */
export { fuzzSource, planCache, requestModel, type FuzzCandidate, type FuzzOptions, type FuzzSpace } from "./source.js";
export { uniformSource } from "./uniform.js";
export { shrinkCandidate } from "./shrink.js";
export { realistic, keyApplies, isRequiredKey, isDerivedKey, callerKindOf, DEFAULT_NOW, type RequestFacts, type CallerKind } from "../context/realism.js";
export { mineDocuments, type Mined, type KeyUse } from "./mine.js";
