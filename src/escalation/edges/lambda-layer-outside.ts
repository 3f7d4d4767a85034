/**
 * A layer from an account of the caller's own, outside the environment, on a Lambda function that runs
 * as a role. Any AWS customer can open an account, publish a layer version there and share it with the
 * function's account by adding a statement to the version's policy (lambda:AddLayerVersionPermission,
 * `Principal` the account: lambda/latest/dg/permissions-layer-cross-account.html); those calls are
 * the owner's, in its own account, and the environment has no say in them. Then, in the environment:
 * lambda:GetLayerVersion on that version (the caller's own policy must allow it, and the version's policy
 * allows the function's account: a cross-account request needs both,
 * IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html), lambda:UpdateFunctionConfiguration
 * with the version in Layers (`lambda:Layer` is its ARN: lambda/latest/api/API_UpdateFunctionConfiguration.html),
 * and lambda:InvokeFunction: the layer's code runs in the function's execution environment with its
 * execution role (lambda/latest/dg/chapter-layers.html, lambda/latest/dg/lambda-intro-execution-role.html).
 * The guard AWS documents is the `lambda:Layer` condition naming the accounts whose layers are allowed
 * (lambda/latest/dg/permissions-user-layer.html: "you can prevent users from using layers published by
 * other accounts"); a pattern that leaves the account open (`arn:aws:lambda:*:*:layer:shared-*:*`) lets in
 * a `shared-...` layer of any account. The layer is in the function's region (a function uses layers
 * of its own region); its names are the default and those the caller's `lambda:Layer` conditions name.
 * A function that something else invokes needs no InvokeFunction (the open point function-triggers).
 */
import type { LoadedPolicy } from "../../model/types.js";
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { DEFAULT_NAMING } from "../attempt.js";
import { mapEventSource } from "./lambda-update-code.js";
import { runsAsChecker, same, type RunsAsCall } from "./runs-as.js";
import { writtenPolicy } from "../written-policy.js";

/** Version 1 of the layer NAME the caller publishes in account OUTSIDE, in the function's region. */
const layerVersion = (fn: string, name: string, { outside }: { outside: string }) => {
  const [, partition, , region] = fn.split(":");
  return `arn:${partition}:lambda:${region}:${outside}:layer:${name}:1`;
};

/** Fetch the shared layer version, then put it on the function. */
const addLayer: readonly RunsAsCall[] = [
  { action: "lambda:GetLayerVersion", resource: layerVersion, resourcePolicy: sharedWith },
  { action: "lambda:UpdateFunctionConfiguration", resource: same, pinned: (fn, name, on) => ({ "lambda:Layer": [layerVersion(fn, name, on)] }) },
];

export const lambdaLayerOutside = runsAsChecker("lambda-layer-outside", {
  kind: RUNS_AS_KINDS.function,
  names: layerNames,
  variants: [
    [...addLayer, { action: "lambda:InvokeFunction", resource: same }],
    [...addLayer, mapEventSource],
  ],
  // Its triggers invoke it (the open point function-triggers: runs-as.ts).
  triggered: [addLayer],
});

/** The default name, then the layer names the caller's `lambda:Layer` conditions single out (at most four). */
function layerNames(documents: readonly unknown[]): string[] {
  const out = new Set([DEFAULT_NAMING.name]);
  for (const doc of documents) {
    const raw = (doc as { Statement?: unknown } | null)?.Statement;
    for (const st of Array.isArray(raw) ? raw : [raw]) {
      const condition = (st as { Condition?: unknown } | null)?.Condition;
      if (typeof condition !== "object" || condition === null) continue;
      for (const block of Object.values(condition as Record<string, unknown>)) {
        if (typeof block !== "object" || block === null) continue;
        for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
          if (key.toLowerCase() !== "lambda:layer") continue;
          for (const v of [values].flat()) {
            const name = typeof v === "string" ? v.split(":")[6] : undefined;
            if (name && !name.includes("${")) out.add(name.replace(/\*/g, DEFAULT_NAMING.name).replace(/\?/g, "x"));
            if (out.size >= 4) return [...out];
          }
        }
      }
    }
  }
  return [...out];
}

/** The statement lambda:AddLayerVersionPermission adds: the version shared with the function's account. */
function sharedWith({ resource: layer, account }: { resource: string; account: string }): LoadedPolicy {
  const partition = layer.split(":")[1];
  const document = { Version: "2012-10-17", Statement: [{ Sid: "xaccount", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: "lambda:GetLayerVersion", Resource: layer }] };
  return writtenPolicy(document, "resource", `the layer version's policy its owner writes (shares ${layer} with ${account})`);
}
