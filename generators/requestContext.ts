/**
 * A whole request context: each planned key drawn from its own value arbitrary, optional keys left
 * out a third of the time (absent keys defeat IfExists guards and Null checks), then `finish` repairs
 * it into a context AWS could send (src/context/realism.ts: always-present keys, derived keys agreeing).
 */
import fc from "fast-check";
import type { RequestContext } from "../src/compile/sources.js";
import type { ContextValue } from "../src/types.js";

export interface ContextKeyPlan {
  key: string;
  /** AWS always sends it for this request (or `when` constrains it to be present). */
  required: boolean;
  arbitrary: fc.Arbitrary<ContextValue>;
}

export function requestContextArbitrary(
  keys: readonly ContextKeyPlan[],
  base: RequestContext,
  finish: (ctx: RequestContext) => RequestContext,
): fc.Arbitrary<RequestContext> {
  const parts = keys.map((k) => (k.required ? k.arbitrary : fc.option(k.arbitrary, { nil: null, freq: 3 })));
  return fc.tuple(...parts).map((values) => {
    const ctx: RequestContext = { ...base };
    keys.forEach((k, i) => {
      const v = values[i];
      if (v !== null && v !== undefined) ctx[k.key] = v;
    });
    return finish(ctx);
  });
}
