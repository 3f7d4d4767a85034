/**
 * The request context as the evaluator sees it: keys folded to lower case (AWS condition key names are
 * case-insensitive: IAM/latest/UserGuide/reference_policies_elements_condition.html), every value a
 * string, and whether the key is multi-valued (a list in the input).
 */
export interface ContextEntry {
  readonly values: readonly string[];
  /** true when the caller gave a list: the key is multi-valued (ForAllValues/ForAnyValue semantics). */
  readonly multi: boolean;
}

/** Lower-cased key -> entry. Absent keys are simply missing; an empty list is treated as absent. */
export type NormalizedContext = ReadonlyMap<string, ContextEntry>;

/**
 * What evaluation reads of a context: one key at a time. A NormalizedContext is one; the evaluator
 * also layers the caller's keys over the keys derived from the principal without copying them.
 */
export interface ContextLookup {
  get(key: string): ContextEntry | undefined;
}

/**
 * A compiled Condition block: true when every operator/key pair holds for the request context
 * (several keys and operators are ANDed, several values of one key are ORed).
 */
export type CompiledCondition = (ctx: ContextLookup) => boolean;
