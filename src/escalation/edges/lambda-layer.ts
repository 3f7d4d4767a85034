/**
 * A layer of the caller's own on a Lambda function that runs as a role: the caller publishes a layer
 * version (lambda:PublishLayerVersion; its code is extracted into the function's execution environment
 * and can replace a library or the runtime the function loads: lambda/latest/dg/chapter-layers.html),
 * adds it to the function with lambda:UpdateFunctionConfiguration (Layers:
 * lambda/latest/api/API_UpdateFunctionConfiguration.html), and invokes the function, which then runs
 * the caller's code with its execution role (lambda/latest/dg/lambda-intro-execution-role.html).
 * Adding a layer needs lambda:GetLayerVersion on the layer version, from the caller's own policy for a
 * layer of its account (lambda/latest/dg/adding-layers.html). The request carries the layer versions
 * in `lambda:Layer` (lambda/latest/dg/permissions-user-layer.html: ForAllValues:StringLike on it keeps
 * functions to approved layers): pinned to the caller's one layer. No iam:PassRole: the role is not
 * changed (pointing a function at another role is passrole-lambda.ts). Not modelled: a layer of an
 * account outside the environment that its owner shares (lambda/latest/dg/permissions-layer-cross-account.html):
 * its policy is not in the environment. A trigger of the caller's own (function-triggers.ts) takes the
 * place of InvokeFunction; a function that something else invokes needs none (the open point
 * function-triggers).
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { namingsFor } from "../attempt.js";
import { triggerNames, triggersOnListed } from "./function-triggers.js";
import { mapEventSource } from "./lambda-update-code.js";
import { runsAsChecker, same, type RunsAsCall } from "./runs-as.js";

/** The layer the caller publishes, in the function's account and region. */
const layer = (fn: string, name: string) => `${fn.split(":").slice(0, 5).join(":")}:layer:${name}`;

/** Publish or fetch the layer, then put it on the function. */
const addLayer: readonly RunsAsCall[] = [
  { action: "lambda:PublishLayerVersion", resource: layer },
  { action: "lambda:GetLayerVersion", resource: (fn, name) => `${layer(fn, name)}:1` },
  { action: "lambda:UpdateFunctionConfiguration", resource: same, pinned: (fn, name) => ({ "lambda:Layer": [`${layer(fn, name)}:1`] }) },
];

export const lambdaLayer = runsAsChecker("lambda-layer", {
  kind: RUNS_AS_KINDS.function,
  // One name for what the caller creates: the layer, and the rule, bucket, topic or log group of a trigger.
  names: (docs) => [...new Set([...namingsFor(docs, "lambda").map((n) => n.name), ...triggerNames(docs)])],
  variants: [
    [...addLayer, { action: "lambda:InvokeFunction", resource: same }],
    [...addLayer, mapEventSource],
    ...triggersOnListed.map((trigger) => [...addLayer, ...trigger]),
  ],
  // Its triggers invoke it (the open point function-triggers: runs-as.ts).
  triggered: [addLayer],
});
