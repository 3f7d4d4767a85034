/** The loading stage: spec and environment files -> the model (src/model/types.ts). */
export { createLoader, loadSpecFile, loadSpecNode, defaultSpecName, type Loader, type LoadOptions } from "./spec.js";
export { formatInputError, sortInputErrors, inputError, inputWarning, InputErrors, type InputError, type InputErrorKind, type Loaded } from "./errors.js";
export { parseLocated, readLocatedFile } from "./read-file.js";
export { nodeAt, posAt, keyPosAt, toJS, type LNode } from "./located.js";
