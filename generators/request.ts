/**
 * A whole request: a caller, then an action for that caller, then a resource for the action, then a
 * context for all three. Each step is a function of the earlier ones, because what is worth trying
 * depends on the policies that decide that caller/action/resource.
 */
import fc from "fast-check";
import type { RankedActions } from "../src/fuzz/actions.js";
import type { RequestContext } from "../src/compile/sources.js";
import { actionArbitrary } from "./action.js";
import { principalArbitrary } from "./principal.js";

export interface RequestModel<C> {
  callers: readonly C[];
  favoured?: (caller: C) => boolean;
  actions: (caller: C) => RankedActions;
  resources: (caller: C, action: string) => fc.Arbitrary<string>;
  context: (caller: C, action: string, resource: string) => fc.Arbitrary<RequestContext>;
}

export interface GeneratedRequest<C> {
  caller: C;
  action: string;
  resource: string;
  context: RequestContext;
}

export function requestArbitrary<C>(model: RequestModel<C>): fc.Arbitrary<GeneratedRequest<C>> {
  return principalArbitrary(model.callers, model.favoured).chain((caller) =>
    actionArbitrary(model.actions(caller)).chain((action) =>
      model.resources(caller, action).chain((resource) => model.context(caller, action, resource).map((context) => ({ caller, action, resource, context }))),
    ),
  );
}
