/**
 * The Globals section of a SAM template (serverless-application-model/latest/developerguide/
 * sam-specification-template-anatomy-globals.html): properties every resource of a type inherits.
 * A resource's own value wins over a scalar (or an intrinsic, which resolves to one); mappings merge
 * key by key; lists add up, the global items first (aws-sam-translator plugins/globals/globals.py).
 */
import { inputError, type InputError } from "../../../load/errors.js";
import type { LNode } from "../../../load/located.js";
import { entriesOf, lseq } from "../../lnode.js";
import { intrinsicName } from "../intrinsics.js";

/** The properties Globals may set, of the types whose IAM iam-spec reads (globals.py supported_properties). */
const SUPPORTED: Record<string, ReadonlySet<string> | undefined> = {
  Function: new Set([
    "Handler", "Runtime", "CodeUri", "DeadLetterQueue", "Description", "MemorySize", "Timeout", "VpcConfig", "Environment", "Tags",
    "PropagateTags", "Tracing", "KmsKeyArn", "AutoPublishAlias", "AutoPublishAliasAllProperties", "Layers", "DeploymentPreference",
    "RolePath", "PermissionsBoundary", "ReservedConcurrentExecutions", "ProvisionedConcurrencyConfig", "AssumeRolePolicyDocument",
    "EventInvokeConfig", "FileSystemConfigs", "CodeSigningConfigArn", "Architectures", "SnapStart", "EphemeralStorage",
    "FunctionUrlConfig", "RuntimeManagementConfig", "LoggingConfig", "RecursiveLoop", "SourceKMSKeyArn", "TenancyConfig",
    "DurableConfig", "CapacityProviderConfig", "FunctionScalingConfig", "PublishToLatestPublished", "VersionDeletionPolicy",
  ]),
  StateMachine: new Set(["PropagateTags"]),
};

/** Globals by resource kind (`Function`, `Api`, ...). */
export function readGlobals(node: LNode | undefined, errors: InputError[]): Map<string, LNode> {
  const out = new Map<string, LNode>();
  for (const e of entriesOf(node)) {
    const allowed = SUPPORTED[e.key];
    for (const p of allowed ? entriesOf(e.value) : []) {
      if (!allowed!.has(p.key)) {
        errors.push(inputError("schema", p.keyPos, `Globals.${e.key}.${p.key}: SAM does not take ${p.key} from Globals`, e.key === "Function" && (p.key === "Policies" || p.key === "Role") ? "write it on each function: SAM refuses the template otherwise" : `properties Globals.${e.key} takes: ${[...allowed!].join(", ")}`));
      }
    }
    out.set(e.key, e.value);
  }
  return out;
}

type Token = "primitive" | "map" | "list";

function token(n: LNode): Token {
  if (n.kind === "seq") return "list";
  if (n.kind === "map" && intrinsicName(n) === undefined) return "map";
  return "primitive";
}

export function mergeGlobals(global: LNode | undefined, local: LNode | undefined): LNode | undefined {
  if (!global) return local;
  if (!local) return global;
  const [g, l] = [token(global), token(local)];
  if (g !== l || g === "primitive") return local;
  if (global.kind === "seq" && local.kind === "seq") return lseq([...global.items, ...local.items], local.pos);
  if (global.kind !== "map" || local.kind !== "map") return local;
  const entries = new Map(global.entries);
  for (const [k, e] of local.entries) {
    const before = entries.get(k);
    entries.set(k, before ? { ...e, value: mergeGlobals(before.value, e.value) as LNode } : e);
  }
  return { kind: "map", entries, pos: local.pos };
}
