export { compileCondition, type CompileConditionOptions, type CompiledConditionResult } from "./compile.js";
export { describeCondition, type ConditionTriple } from "./describe.js";
export { parseOperatorName, type OperatorName, type SetQualifier } from "./names.js";
export { OPERATORS, type OperatorSpec } from "./registry.js";
