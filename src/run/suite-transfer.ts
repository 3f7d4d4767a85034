/**
 * How a loaded suite reaches the worker threads: the main thread loads, validates and builds it once,
 * and each worker receives the built model instead of reading and validating the YAML again.
 *
 * The model is plain data (model/types.ts) except compiled policies, which hold closures that no
 * thread can receive. `packSuite` copies the model with every compiled policy replaced by what
 * compiling it again needs (its document, type and source), serialized once for all workers;
 * `unpackSuite` rebuilds the graph in a worker, with shared objects still shared (an environment, a
 * managed policy attached by a thousand roles, arrive once), and compiles each policy on first use,
 * so a worker compiles only the policies of the principals its expectations reach. Compiling is
 * deterministic, so a recompiled policy decides exactly as the main thread's would.
 */
import { deserialize, serialize } from "node:v8";
import { compilePolicyDocument, isCompiledPolicy, type CompiledPolicy } from "../evaluator/compiled-policy.js";
import type { CompiledPolicyHandle, PolicySource, PolicyType } from "../types.js";
import type { SuiteItem } from "./load-suite.js";

/** Stands for a compiled policy in the packed form. */
interface PackedPolicy {
  readonly document: unknown;
  readonly type: PolicyType;
  readonly source: PolicySource;
}

/** Where a packed policy sits: a property of an object or array, a value of a Map, or an element of a Set. */
type Site = readonly [owner: object, key: unknown, policy: PackedPolicy];

/**
 * The expectations of a run as bytes any thread can read (a SharedArrayBuffer: every worker reads the
 * same copy), with the places of the compiled policies listed beside them so that the worker need not
 * search the graph for them. A compiled policy is packed with the document it was compiled from
 * (LoadedPolicy.document next to its handle).
 */
export function packSuite(items: readonly SuiteItem[]): SharedArrayBuffer {
  // Documents are found during the copy (a LoadedPolicy holds a compiled policy's handle next to
  // its document), and the packed policies made once the copy is done: one walk of the graph.
  const documents = new Map<object, unknown>();
  const copies = new Map<object, unknown>();
  const sites: [owner: object, key: unknown, policy: CompiledPolicy][] = [];
  const copy = (v: unknown): unknown => {
    if (typeof v !== "object" || v === null) {
      if (typeof v === "function") throw new Error("a loaded suite holds a function outside a compiled policy");
      return v;
    }
    const done = copies.get(v);
    if (done !== undefined) return done;
    if (isCompiledPolicy(v)) throw new Error(`a compiled policy (${v.source.name}) outside an object, array, Map or Set`);
    if (v instanceof Map) {
      const m = new Map();
      copies.set(v, m);
      for (const [k, x] of v) {
        const key = copy(k);
        if (isCompiledPolicy(x)) sites.push([m, key, x]);
        else m.set(key, copy(x));
      }
      return m;
    }
    if (v instanceof Set) {
      const s = new Set();
      copies.set(v, s);
      for (const x of v) {
        if (isCompiledPolicy(x)) sites.push([s, undefined, x]);
        else s.add(copy(x));
      }
      return s;
    }
    // Values the structured clone copies as they are.
    if (v instanceof RegExp || v instanceof Date || ArrayBuffer.isView(v)) return v;
    const proto: unknown = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) {
      throw new Error(`a loaded suite holds a ${(proto as { constructor?: { name?: string } }).constructor?.name ?? "class"} instance`);
    }
    const o: Record<string, unknown> = Array.isArray(v) ? (new Array(v.length) as unknown as Record<string, unknown>) : {};
    copies.set(v, o);
    const handle = (v as Record<string, unknown>)["handle"];
    if (isCompiledPolicy(handle) && "document" in v) documents.set(handle, (v as Record<string, unknown>)["document"]);
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (isCompiledPolicy(x)) sites.push([o, k, x]);
      else o[k] = copy(x);
    }
    return o;
  };
  const copied = copy(items);
  const packedOf = new Map<CompiledPolicy, PackedPolicy>();
  const packed = (v: CompiledPolicy): PackedPolicy => {
    let p = packedOf.get(v);
    if (!p) {
      if (!documents.has(v)) throw new Error(`a compiled policy (${v.source.name}) without its document`);
      packedOf.set(v, (p = { document: copy(documents.get(v)), type: v.type, source: copy(v.source) as PolicySource }));
    }
    return p;
  };
  const bytes = serialize({ items: copied, sites: sites.map(([owner, key, v]): Site => [owner, key, packed(v)]) });
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  return shared;
}

/**
 * The items `packSuite` packed, in a worker. A policy in an object or array is compiled on first use
 * (a getter in its place), once whatever number of places share it; in a Map or Set, at once.
 */
export function unpackSuite(shared: SharedArrayBuffer): SuiteItem[] {
  const { items, sites } = deserialize(new Uint8Array(shared)) as { items: SuiteItem[]; sites: Site[] };
  const compiled = new Map<PackedPolicy, CompiledPolicyHandle>();
  const compile = (p: PackedPolicy) => {
    let c = compiled.get(p);
    if (!c) compiled.set(p, (c = compilePolicyDocument(p.document, p.type, p.source)));
    return c;
  };
  for (const [owner, key, p] of sites) {
    if (owner instanceof Map) owner.set(key, compile(p));
    else if (owner instanceof Set) owner.add(compile(p));
    else Object.defineProperty(owner, key as string, { get: () => compile(p), enumerable: true, configurable: true });
  }
  return items;
}
