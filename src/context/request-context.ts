/**
 * A request context as the spec author writes it and as candidate requests carry it: keys as
 * written (AWS key names are case-insensitive; the evaluator folds them), values as given.
 */
import type { ContextValue } from "../types.js";

export type RequestContext = Record<string, ContextValue>;
